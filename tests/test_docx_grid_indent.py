"""The grid of GB/T 9704 as Word and LibreOffice set it: 22 lines a page, and the first-line
indent and the signature's right indents in whole cells of the 28-character grid.  Written as 2 × 16 pt (640 twips), a hair over two cells of 15.79 pt: LibreOffice rounded
it up to three, so every paragraph began three characters in and its first line held 25
characters, not 26 (GB/T 9704: 28 a line, the first two characters in).  Word and WPS read
firstLineChars="200", as they write “首行缩进 2 字符”."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Twips
from lxml import etree

from app import office
from app.docx.stylechain import StyleSheet
from app.docx.writer import write_docx
from app.page import CHAR_PITCH_PT, GRID_PITCH_TWIPS, LINES_PER_PAGE, grid_twips
from app.report import Paragraph, Report
from tests.ooxml_check import paragraph_props
from tests.pdfmake import needs_soffice
from tests.test_docx_native import punctuation_report
from tests.test_docx_writer import make_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_indents_are_whole_grid_cells(tmp_path: Path) -> None:
    path = tmp_path / "r.docx"
    write_docx(make_report(), path)
    assert GRID_PITCH_TWIPS <= CHAR_PITCH_PT * 20 < GRID_PITCH_TWIPS + 1
    doc = docx.Document(str(path))
    indented = [p for p in doc.paragraphs if p.style.name in ("Normal", "Heading 1", "Heading 2", "NB Heading1")]
    assert len(indented) > 10
    for p in indented:
        assert p.style.paragraph_format.first_line_indent == Twips(2 * GRID_PITCH_TWIPS), p.style.name
    organ, date = doc.paragraphs[-2:]
    assert organ.paragraph_format.right_indent == Twips(grid_twips(2))
    assert date.paragraph_format.right_indent is not None
    assert date.paragraph_format.right_indent.twips % GRID_PITCH_TWIPS in (0, GRID_PITCH_TWIPS // 2)
    # ours: the chain the reader walks gives every indented style 200 hundredths of a character
    with zipfile.ZipFile(path) as z:
        sheet = StyleSheet(etree.fromstring(z.read("word/styles.xml")),
                           lambda s: s.find(f"{W}pPr/{W}ind"))
    for sid in ("Normal", "Heading1", "Heading2", "NBHeading2Lead", "NBHeading1"):
        ind = sheet.resolve("paragraph", sid, lambda v: v, "ind")
        assert ind is not None and ind.get(f"{W}firstLineChars") == "200", sid
        assert int(ind.get(f"{W}firstLine")) == 2 * GRID_PITCH_TWIPS


def test_what_is_not_indented_says_zero_characters(tmp_path: Path) -> None:
    """Word takes firstLineChars before firstLine and inherits each of w:ind's attributes on its
    own: a style saying only firstLine="0" kept 正文's 200 and Word moved the title, the
    signature, the date, every table cell's text and the even pages' number aside."""
    path = tmp_path / "r.docx"
    write_docx(make_report(), path)
    doc = docx.Document(str(path))
    for name in ("NB Title", "NB Signature", "NB Date", "NB Table"):
        ind = doc.styles[name].element.pPr.find(f"{W}ind")
        assert ind.get(f"{W}firstLineChars") == "0" and ind.get(f"{W}firstLine") == "0", name
    for footer in (doc.sections[0].footer, doc.sections[0].even_page_footer):
        ind = footer.paragraphs[0]._p.pPr.find(f"{W}ind")
        assert ind.get(f"{W}firstLineChars") == "0"
    # ours: every paragraph as Word resolves it, centred and right-aligned ones never indented
    with zipfile.ZipFile(path) as z:
        parts = {n: etree.fromstring(z.read(n)) for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")}
    resolved = paragraph_props(parts)
    assert len(resolved) > 300
    for _, p, props in resolved:
        if props.get("jc") != "both":  # all but the body's justified paragraphs and headings
            assert props.get("ind.firstLineChars", "0") == "0", ("".join(p.itertext())[:20], props)


@pytest.mark.skipif(needs_soffice, reason="soffice not installed")
def test_libreoffice_indents_two_cells_and_sets_26_on_a_first_line(tmp_path: Path) -> None:
    src = tmp_path / "r.docx"
    write_docx(punctuation_report(), src)
    subprocess.run([office.soffice() or "soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
                   check=True, timeout=240, capture_output=True)
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(tmp_path / "r.pdf"), "-"], capture_output=True,
                         text=True, check=True).stdout
    lines = [(float(x), "".join(re.findall(r">([^<]+)</word>", words)))
             for x, words in re.findall(r'<line xMin="([\d.]+)"[^>]*>(.*?)</line>', xml, re.S)]
    end = next(i for i, (_, t) in enumerate(lines) if t.startswith("二、"))  # 一's text; the tables after
    body = [(x, t) for x, t in lines[:end] if len(t) >= 20]  # not the title, a heading or a page number
    left = min(x for x, _ in body)
    firsts = [(x, t) for x, t in body if x > left + 1]
    assert len(firsts) > 20
    for x, text in firsts:
        assert (x - left) / CHAR_PITCH_PT == pytest.approx(2, abs=0.2), text
    assert max(len(t) for _, t in firsts) == 26
    assert max(len(t) for _, t in body) == 28


def test_the_grid_holds_22_lines_in_the_text_block(tmp_path: Path) -> None:
    """22 × the grid's line pitch within the block Word computes from the page and margins
    (python-docx reads them back): at 580 twips, 22 lines came to 12,760 twips of 12,756, and
    Word and LibreOffice set 21 lines a page."""
    path = tmp_path / "r.docx"
    write_docx(make_report(), path)
    section = docx.Document(str(path)).sections[0]
    block = section.page_height.twips - section.top_margin.twips - section.bottom_margin.twips
    grid = section._sectPr.find(f"{W}docGrid")
    pitch = int(grid.get(f"{W}linePitch"))
    assert LINES_PER_PAGE * pitch <= block < (LINES_PER_PAGE + 1) * pitch


@pytest.mark.skipif(needs_soffice, reason="soffice not installed")
def test_libreoffice_sets_22_lines_a_page(tmp_path: Path) -> None:
    report = Report(organ="某局", year=2023)
    report.sections["一"] = [Paragraph.plain("政府信息公开工作按照条例要求认真落实" * 150)]
    src = tmp_path / "r.docx"
    write_docx(report, src)
    subprocess.run([office.soffice() or "soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
                   check=True, timeout=240, capture_output=True)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    lines = [sum(1 for ln in page.splitlines() if ln.strip() and not ln.strip().startswith("—"))
             for page in text.split("\f")]
    assert lines[1:4] == [LINES_PER_PAGE] * 3  # the paragraph's pages after the first
