"""One document plan (app/plan.py), rendered twice: the .docx writer and the printer show the
same paragraphs, in the same order, and the same table cells."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from PySide6.QtWidgets import QApplication

from app.docx.writer import write_docx
from app.page import CHARS_PER_LINE, grid_twips
from app.plan import Kind, TableBlock, TextBlock, build_plan, em_width
from app.report import Paragraph, ParaKind, Report
from app.schema import SECTIONS
from tests.ui.printcheck import full_report, needs_poppler, page_count, pdf_device, pdf_pages_text
from ui.print_flow import Context, LineUnit, RowUnit
from ui.print_layout import LINE_SEPARATOR, build_flow
from ui.printing import export_pdf


def reports() -> list[Report]:
    long_organ = Report(organ="某某省某某市某某县某某镇人民政府党政综合办公室信息公开工作领导小组", year=2023,
                        date=dt.date(2024, 1, 9))
    long_organ.sections[SECTIONS[0].key] = [Paragraph.plain("（一）无句号的小标题", ParaKind.HEADING2),
                                            Paragraph.plain("一、小节标题", ParaKind.HEADING1)]
    return [full_report(), Report(), long_organ]


def docx_blocks(path: Path) -> list[str | dict[tuple[int, int], str]]:
    """The body in order: a paragraph's text, or a table's cell texts by (row, grid column)."""
    out: list[str | dict[tuple[int, int], str]] = []
    body = docx.Document(str(path)).element.body
    for el in body:
        if el.tag == qn("w:p"):
            out.append(_text(el))
        elif el.tag == qn("w:tbl"):
            cells: dict[tuple[int, int], str] = {}
            for r, tr in enumerate(el.iter(qn("w:tr"))):
                col = 0
                for tc in tr.iter(qn("w:tc")):
                    span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
                    merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                    if merge is None or merge.get(qn("w:val")) == "restart":
                        cells[(r, col)] = "".join(_text(p) for p in tc.iter(qn("w:p")))
                    col += int(span.get(qn("w:val"))) if span is not None else 1
            out.append(cells)
    return out


def _text(p: object) -> str:
    parts = []
    for el in p.iter(qn("w:t"), qn("w:br"), qn("w:tab")):  # type: ignore[attr-defined]
        parts.append({qn("w:br"): "\n", qn("w:tab"): "\t"}.get(el.tag, el.text or ""))
    return "".join(parts)


def planned(blocks: list[TextBlock | TableBlock]) -> list[str | dict[tuple[int, int], str]]:
    return [b.text if isinstance(b, TextBlock) else {(lc.row, lc.col): t for lc, t in b.cells()}
            for b in blocks]


@pytest.mark.parametrize("report", reports(), ids=["full", "empty", "long-organ"])
def test_writer_and_printer_render_the_same_plan(qapp: QApplication, tmp_path: Path, report: Report) -> None:
    plan = build_plan(report)
    assert [b.text for b in plan if isinstance(b, TextBlock) and b.kind is Kind.SECTION] == \
        [s.heading for s in SECTIONS]
    expected = planned(plan)

    write_docx(report, tmp_path / "r.docx")
    assert docx_blocks(tmp_path / "r.docx") == expected

    printed: list[str | dict[tuple[int, int], str]] = []
    for unit in build_flow(report, Context(pdf_device(tmp_path / "x.pdf"))):
        if isinstance(unit, LineUnit) and unit.index == 0:
            printed.append(unit.layout.text().replace(LINE_SEPARATOR, "\n"))
        elif isinstance(unit, RowUnit) and unit.row == 0 and unit.table is not None:
            printed.append({(c.lc.row, c.lc.col): c.layout.text() for c in unit.table.cells
                            if c.lc in unit.table.spec.layout})
    assert printed == expected


def test_signature_indents_are_the_plans_in_both(qapp: QApplication, tmp_path: Path) -> None:
    """The organ and the date sit where the plan says, in the .docx and on paper alike."""
    report = full_report()
    organ, date = [b for b in build_plan(report) if isinstance(b, TextBlock) and b.kind in (Kind.SIGNATURE, Kind.DATE)]
    assert organ.right_chars == 2.0  # GB/T 9704 7.3.5.3: two characters from the right
    # the date starts two characters right of where the organ starts (placed by its start)
    assert date.left_chars == CHARS_PER_LINE - organ.right_chars - em_width(organ.text) + 2
    write_docx(report, tmp_path / "r.docx")
    paras = docx.Document(str(tmp_path / "r.docx")).paragraphs[-2:]
    assert [p.paragraph_format.right_indent.pt for p in paras] == \
        [grid_twips(organ.right_chars) / 20, grid_twips(date.right_chars) / 20]  # cells of the grid
    assert paras[1].paragraph_format.left_indent.pt == grid_twips(date.left_chars) / 20


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdfinfo") is None,
                    reason="LibreOffice or poppler not installed")
def test_page_counts_within_one(qapp: QApplication, tmp_path: Path) -> None:
    report = full_report()
    write_docx(report, tmp_path / "r.docx")
    export_pdf(report, tmp_path / "ours.pdf")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(tmp_path / "r.docx")], check=True, capture_output=True,
                   timeout=240)
    ours, theirs = page_count(tmp_path / "ours.pdf"), page_count(tmp_path / "r.pdf")
    assert abs(ours - theirs) <= 1, f"ours {ours} pages, LibreOffice {theirs}"


@needs_poppler
@pytest.mark.parametrize("organ", ["某局", "某县某局", "某县人民政府办公室", "宁波市北仑区人民政府小港街道办事处"])
def test_the_printed_title_never_leaves_a_character_alone_on_a_line(qapp: QApplication, tmp_path: Path,
                                                                   organ: str) -> None:
    """GB/T 9704 7.3.1: a title over two lines breaks where the words allow — after the organ —
    never with “告” alone (a four-character organ's title overflowed by Word's spacing between
    Chinese and digits); read back, the title is found whole."""
    report = Report(organ=organ, year=2023)
    export_pdf(report, tmp_path / "t.pdf")
    lines = [line.strip() for line in pdf_pages_text(tmp_path / "t.pdf")[0].splitlines() if line.strip()]
    title = report.title
    got = ""
    shown: list[str] = []
    for line in lines:
        if len(got) >= len(title):
            break
        got += line.replace(" ", "")
        shown.append(line.replace(" ", ""))
    assert got.startswith(title), shown
    assert all(len(line) > 2 for line in shown), shown
    assert len(shown) == 1 or shown[0] == organ, shown
