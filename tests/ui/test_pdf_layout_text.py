"""表三 in the text `pdftotext -layout` takes out of a PDF (as a user converts one, or copies it
from a viewer), its labels wrapped over two or three lines and the labels that span rows cut in
pieces beside them: read where the labels make the layout certain (app/wrappedlabels.py), every
figure in its cell, and never guessed — a row short of a figure leaves no figure in a wrong cell.
The PDFs: our own export, and LibreOffice's of our .docx with 表三's label columns narrowed or
widened (its labels then wrap in other places, and figures stand one space apart)."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from app.io import save_report
from app.reading import load_report
from app.report import Report
from app.schema import TABLES
from tests.conftest import DATA
from tests.thirdparty import Spec, build
from tests.ui.printcheck import needs_poppler
from ui.print_pdf import export_pdf

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice not installed")
LABELS = [c.text for c in TABLES["三"].layout if c.text and c.data is None and (c.header or c.rowspan == 1)]


def _filled() -> Report:
    report = load_report(DATA / "xiaogang-2021.docx")
    rng = random.Random(5)
    for pos in report.tables["三"]:
        report.tables["三"][pos] = rng.randint(0, 30)
    return report


def _layout_text(pdf: Path) -> Path:
    out = pdf.with_suffix(".txt")
    subprocess.run(["pdftotext", "-layout", str(pdf), str(out)], check=True, timeout=60)
    return out


def _label_notes(report: Report) -> list[str]:
    """Notes saying a label of 表三 was edited: none was (a spanning label's piece in front of a
    row's, a column's label wrapped in its narrow column: “商业/企业”, the corner over three lines)."""
    said = [getattr(f, "message", "") for f in report.import_findings]
    return [m for m in said if "表三" in m and any(f"应为“{label}”" in m for label in LABELS)]


def _with_label_columns(src: Path, dest: Path, factor: float) -> None:
    """``src`` with 表三's label columns ``factor`` as wide, its seven figure columns sharing the rest."""
    with zipfile.ZipFile(src) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    doc = etree.fromstring(parts["word/document.xml"])
    table = next(t for t in doc.iter(f"{{{W}}}tbl") if "不予公开" in "".join(t.itertext()))
    cols = table.findall(f"{{{W}}}tblGrid/{{{W}}}gridCol")
    widths = [int(c.get(f"{{{W}}}w")) for c in cols]
    labels = [int(w * factor) for w in widths[:-7]]
    new = labels + [(sum(widths) - sum(labels)) // 7] * 7
    for col, width in zip(cols, new, strict=True):
        col.set(f"{{{W}}}w", str(width))
    for tr in table.findall(f"{{{W}}}tr"):
        at = 0
        for tc in tr.findall(f"{{{W}}}tc"):
            span = tc.find(f"{{{W}}}tcPr/{{{W}}}gridSpan")
            n = int(span.get(f"{{{W}}}val")) if span is not None else 1
            tcw = tc.find(f"{{{W}}}tcPr/{{{W}}}tcW")
            if tcw is not None:
                tcw.set(f"{{{W}}}w", str(sum(new[at:at + n])))
                tcw.set(f"{{{W}}}type", "dxa")
            at += n
    parts["word/document.xml"] = etree.tostring(doc, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


@needs_poppler
def test_our_own_pdf_as_layout_text_reads_every_figure(qapp: object, tmp_path: Path) -> None:
    report = _filled()
    export_pdf(report, tmp_path / "ours.pdf")
    text = _layout_text(tmp_path / "ours.pdf")
    assert re.search(r"只计这一情\n\s+[\d ]+\n\s+形，不计其他情形", text.read_text()), "the label no longer wraps here"
    back = load_report(text)
    assert back.tables["三"] == report.tables["三"]
    assert _label_notes(back) == []


@pytest.fixture(scope="module")
def libreoffice_texts(tmp_path_factory: pytest.TempPathFactory) -> dict[float, tuple[Report, Path]]:
    """LibreOffice's PDFs of our .docx, 表三's label columns at these widths (one soffice run)."""
    folder = tmp_path_factory.mktemp("lo")
    report = _filled()
    save_report(report, folder / "ours.docx")
    sources = []
    for factor in (0.6, 0.8, 1.4):
        sources.append(folder / f"labels-{factor}.docx")
        _with_label_columns(folder / "ours.docx", sources[-1], factor)
    # Anyone's: 表三's group label on every row of its group (no merged cells), the labels two
    # characters a line, one of them running on over a page break
    rng = random.Random(0)
    third = build(Spec(t3={(r, c): str(rng.randint(0, 40)) for r in range(25) for c in range(7)}), folder / "anyone.docx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/lo-profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *map(str, [*sources, third])], check=True, capture_output=True, timeout=240)
    texts = {factor: (report, _layout_text(src.with_suffix(".pdf"))) for factor, src in zip((0.6, 0.8, 1.4), sources, strict=True)}
    return texts | {0.0: (load_report(third), _layout_text(third.with_suffix(".pdf")))}


@needs_poppler
@needs_soffice
@pytest.mark.parametrize("factor", [0.6, 0.8, 1.4, 0.0])  # 0.0: anyone's .docx, its own widths
def test_libreoffice_pdfs_of_narrow_and_wide_label_columns_read_every_figure(
        libreoffice_texts: dict[float, tuple[Report, Path]], factor: float) -> None:
    report, text = libreoffice_texts[factor]
    back = load_report(text)
    assert back.tables["三"] == report.tables["三"]
    assert _label_notes(back) == []


@needs_poppler
def test_a_wrapped_row_short_of_a_figure_is_never_guessed(qapp: object, tmp_path: Path) -> None:
    """The figures of （二）部分公开 (on a line of their own, the label above and below) lose one:
    which cell is blank is not certain, so no figure of the row is read, and none goes elsewhere."""
    report = _filled()
    export_pdf(report, tmp_path / "ours.pdf")
    text = _layout_text(tmp_path / "ours.pdf")
    lines = text.read_text().split("\n")
    at = next(k for k, line in enumerate(lines) if line.rstrip().endswith("只计这一情")) + 1
    lines[at] = re.sub(r"\s+\d+\s*$", "", lines[at])  # the last figure gone
    text.write_text("\n".join(lines))
    back = load_report(text)
    spec = TABLES["三"]
    label = next(c for c in spec.layout if c.text.startswith("（二）部分公开"))
    row = {d.data for d in spec.layout if d.row == label.row and d.data is not None}
    got = back.tables["三"]
    assert len(row) == 7 and all(got[pos] is None for pos in row)
    assert all(got[pos] in (None, value) for pos, value in report.tables["三"].items())
