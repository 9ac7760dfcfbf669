"""Widow and orphan control in the written .docx, and the signature's company on the last page.

The print layout never leaves one line of a paragraph alone at a page foot or top and takes the
last paragraph's last two lines to the signature's page (ui/print_layout.py); LibreOffice does
the same by its own default.  Word applies widow control only where a style says so, and ours
said nothing: Word left single lines at page feet and took one line, not two, of the last
paragraph to the signature (keep-with-next binds “at least part of” a paragraph, ECMA-376
17.3.1.15)."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from app import office
from app.docx.stylechain import StyleSheet
from app.docx.writer import write_docx
from app.reading import load_report
from app.report import Paragraph, Report
from app.values import format_date
from tests.pdfmake import needs_soffice
from tests.test_docx_writer import make_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ON = (None, "1", "true", "on")


def _widow_control(style: etree._Element) -> bool | None:
    el = style.find(f"{W}pPr/{W}widowControl")
    return None if el is None else el.get(f"{W}val") in ON


def _python_docx_widow_control(p: DocxParagraph) -> bool | None:
    """python-docx's reading: the paragraph's own setting, else its style chain's."""
    if p.paragraph_format.widow_control is not None:
        return p.paragraph_format.widow_control
    style = p.style
    while style is not None:
        if style.paragraph_format.widow_control is not None:
            return style.paragraph_format.widow_control
        style = style.base_style
    return None


def test_every_paragraph_written_has_widow_control(tmp_path: Path) -> None:
    path = tmp_path / "r.docx"
    report = make_report()
    write_docx(report, path)
    doc = docx.Document(str(path))
    paragraphs = doc.paragraphs + [p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    assert len(paragraphs) > 100
    assert all(_python_docx_widow_control(p) is True for p in paragraphs)
    # ours: the style sheet as the reader walks it, every style a paragraph names (or the default)
    with zipfile.ZipFile(path) as z:
        sheet = StyleSheet(etree.fromstring(z.read("word/styles.xml")), _widow_control)
        body = etree.fromstring(z.read("word/document.xml"))
    named = {s.get(f"{W}val") for s in body.iter(f"{W}pStyle")} | {sheet.default_paragraph}
    assert len(named) >= 6
    for sid in named:
        assert sheet.resolve("paragraph", sid, lambda v: v, "widow") is True, sid
    back = load_report(path).sections
    assert {k: [p.text for p in v] for k, v in back.items()} == {k: [p.text for p in v] for k, v in report.sections.items()}


LAST = "本机关将继续加强政府信息公开工作，不断提高公开质量和水平，" * 8 + "最后一段结束。"


@pytest.mark.skipif(needs_soffice, reason="soffice not installed")
def test_libreoffice_never_leaves_the_signature_alone_or_split(tmp_path: Path) -> None:
    """A long last paragraph ending at every line of a page foot in turn: the organ and the date
    stay together on a page that has text of the report above them."""
    sources = []
    for n in range(0, 12):
        report = make_report()
        report.sections["六"] = ([Paragraph.plain("本年度未收取信息处理费。")]
                                + [Paragraph.plain("补充说明，" * 5 + "。")] * n + [Paragraph.plain(LAST)])
        src = tmp_path / f"n{n}.docx"
        write_docx(report, src)
        sources.append((src, report))
    subprocess.run([office.soffice() or "soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), *(str(s) for s, _ in sources)],
                   check=True, timeout=300, capture_output=True)
    for src, report in sources:
        pdf = src.with_suffix(".pdf")
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        last = [ln.strip() for ln in text.split("\f")[:-1][-1].splitlines() if ln.strip()]
        organ = next(i for i, ln in enumerate(last) if ln.replace(" ", "") == report.organ)
        assert last[organ + 1].replace(" ", "") == format_date(report.date), (src.stem, last)
        assert organ >= 2, f"{src.stem}: the signature with less than two lines above it: {last}"
        assert "最后一段结束。" in last[organ - 1].replace(" ", ""), (src.stem, last)


def test_a_report_without_signature_still_writes(tmp_path: Path) -> None:
    path = tmp_path / "r.docx"
    write_docx(Report(), path)
    assert all(_python_docx_widow_control(p) is True for p in docx.Document(str(path)).paragraphs)
