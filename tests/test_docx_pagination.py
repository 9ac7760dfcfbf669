"""How the written .docx breaks into pages in Word, WPS and LibreOffice: headings and short
lead-ins stay with what follows, tables repeat their header rows and never split a row, but a
table may break between rows, so no keep-with-next chain moves a whole table with its heading
and leaves the page above it mostly empty (a user walk found LibreOffice's page 4 two-thirds
empty before 表二)."""

from __future__ import annotations

import itertools
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from PIL import Image

from app.docx.writer import write_docx
from app.page import BLOCK_H_MM, PAPER_H_MM, TOP_MM
from app.report import Paragraph
from app.schema import SECTIONS, TABLES
from tests.pdfmake import libreoffice_pdf, needs_soffice
from tests.realistic import varied_report
from tests.test_docx_writer import make_report, tables_by_key

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# More than this many table rows or paragraphs bound in one keep-with-next chain and a table
# moves whole with its heading: a heading, a three-line lead-in, header rows and two body rows.
LONGEST_CHAIN = 9


def _document_xml(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml"))


def _styles_keep_next(path: Path) -> set[str]:
    with zipfile.ZipFile(path) as z:
        styles = etree.fromstring(z.read("word/styles.xml"))
    return {s.get(f"{W}styleId") for s in styles.iter(f"{W}style") if s.find(f"{W}pPr/{W}keepNext") is not None}


def _kept(p: etree._Element, styled: set[str]) -> bool:
    style = p.find(f"{W}pPr/{W}pStyle")
    return p.find(f"{W}pPr/{W}keepNext") is not None or (style is not None and style.get(f"{W}val") in styled)


def _chains(path: Path) -> list[int]:
    """Lengths of the keep-with-next chains of the body, a table row counting as one item (Word
    binds a row to the next when a paragraph in it keeps with next)."""
    styled = _styles_keep_next(path)
    items: list[bool] = []
    for el in _document_xml(path).find(f"{W}body"):
        if el.tag == f"{W}p":
            items.append(_kept(el, styled))
        elif el.tag == f"{W}tbl":
            items += [any(_kept(p, styled) for p in tr.iter(f"{W}p")) for tr in el.iter(f"{W}tr")]
    chains, run = [], 0
    for kept in items:
        run += 1
        if not kept:
            chains.append(run)
            run = 0
    return chains


def test_tables_bind_headers_and_captions_but_may_break_between_body_rows(tmp_path: Path) -> None:
    path = tmp_path / "r.docx"
    write_docx(make_report(), path)
    doc = docx.Document(str(path))
    for key, tbl in tables_by_key(doc).items():
        spec = TABLES[key]
        rows = tbl.findall(f"{W}tr")
        kept = [all(p.find(f"{W}pPr/{W}keepNext") is not None for p in tr.iter(f"{W}p")) for tr in rows]
        for r, tr in enumerate(rows):
            assert tr.find(f"{W}trPr/{W}cantSplit") is not None, (key, r)
            if r < spec.header_rows or (r not in spec.data_rows and r < spec.grid_rows - 1):
                assert kept[r], f"表{key}: header or caption row {r} may end a page"
        assert not kept[-1]
        if spec.grid_rows > spec.header_rows + 3:  # 表二 and 表三: long enough to break
            assert not all(kept[:-1]), f"表{key} is bound whole: it moves with its heading"
    assert max(_chains(path)) <= LONGEST_CHAIN


def test_no_keep_chain_longer_than_a_few_lines_in_a_realistic_report(tmp_path: Path) -> None:
    path = tmp_path / "r.docx"
    write_docx(varied_report(3000, 7), path)
    chains = _chains(path)
    assert max(chains) <= LONGEST_CHAIN, chains


def test_every_heading_and_the_paragraph_over_each_table_keep_with_next(tmp_path: Path) -> None:
    path = tmp_path / "r.docx"
    report = make_report()
    report.sections["二"] = [Paragraph.plain("本年度主动公开政府信息情况如下，" * 12)]  # a long lead-in too
    write_docx(report, path)
    styled = _styles_keep_next(path)
    body = list(_document_xml(path).find(f"{W}body"))
    for before, el in itertools.pairwise(body):
        if el.tag == f"{W}tbl":
            assert before.tag == f"{W}p" and _kept(before, styled), "a table apart from its lead-in"
    headings = {s.heading for s in SECTIONS}
    for p in body:
        if p.tag == f"{W}p" and "".join(p.itertext()) in headings:
            assert _kept(p, styled), "".join(p.itertext())


def _darkest(im: Image.Image) -> int:
    low, _ = im.getextrema()
    assert isinstance(low, int)
    return low


def _page_fill(pdf: Path, folder: Path) -> list[float]:
    """How far down each page's text block the ink reaches (0 empty, 1 full); the page number
    below the block is not counted."""
    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-png", str(pdf), str(folder / "p")], check=True)
    top, block = TOP_MM / PAPER_H_MM, BLOCK_H_MM / PAPER_H_MM
    fills = []
    for png in sorted(folder.glob("p-*.png")):
        im = Image.open(png).convert("L")
        w, h = im.size
        rows = [y for y in range(int(h * top), int(h * (top + block)) + 1)
                if _darkest(im.crop((0, y, w, y + 1))) < 128]
        fills.append((rows[-1] / h - top) / block if rows else 0.0)
    return fills


@pytest.mark.skipif(needs_soffice, reason="soffice not installed")
@pytest.mark.parametrize("chars", [1200, 1700, 3200])
def test_libreoffice_leaves_no_page_mostly_empty_before_a_table(tmp_path: Path, chars: int) -> None:
    """Reports whose 表二 or 表三 comes near a page foot (the lengths were found by rendering:
    each left a page half empty when the tables were bound whole).  The page before the last may
    be short: the last paragraph keeps the signature company, and LibreOffice moves it whole."""
    src = tmp_path / f"r{chars}.docx"
    write_docx(varied_report(chars, 7), src)
    pdf = libreoffice_pdf(src, tmp_path / "lo")
    fills = _page_fill(pdf, tmp_path)
    assert all(f >= 2 / 3 for f in fills[:-2]), [round(f, 2) for f in fills]
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    headings = {s.heading for s in SECTIONS}
    for page in text.split("\f")[:-1]:
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        body = [ln for ln in lines if not ln.startswith("—")]  # the page number “— 4 —”
        assert body and body[-1].replace(" ", "") not in headings, f"heading alone at a page foot: {body[-1:]}"
