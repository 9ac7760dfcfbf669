"""The characters the PDF reader makes and takes (app/pdfread/glyphs.py: pdfminer's LTChar made
with the font's answers asked once a code, read without pdfplumber's dictionary of every
character) are exactly those pdfminer's own device makes and pdfplumber's ``page.chars`` give,
and a page read from them is exactly the page read from pdfplumber's: on our own export,
a watermarked one, fake bolds, a page whose MediaBox is not at the origin, one turned by
/Rotate, digits drawn over each other, and every way of hiding text tests/test_pdf_seen.py
draws (white, invisible, clipped, covered, in a layer off, by an annotation…)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import app.pdfread as pdfread
from app.io import save_report
from app.pdfread import glyphs
from app.pdfread.glyphs import Glyph
from app.reading import load_report
from tests.conftest import SAMPLE
from tests.hostile_pdf import raw_pdf, stream
from tests.pdfmake import our_pdf, plain_pdf, watermarked
from tests.test_pdf_seen import _LAYERS, _OFF, ANNOTATIONS, CASES, _page

T = TypeVar("T")


def _from_pdfplumber(page: Any) -> list[Glyph]:
    """The characters as pdfplumber's own dictionaries give them: what the reader took before.
    (Drawn by pdfminer's own device, ``_as_pdfminer_draws``.)"""
    return [Glyph(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c["size"], c["fontname"], c["matrix"],
                  c.get("unseen"), c.get("render"), c["ncs"], c.get("scs"), c["non_stroking_color"],
                  c["stroking_color"]) for c in page.chars]


def _as_pdfminer_draws(device: Any, *args: Any) -> float:
    """A character as pdfminer's own layout device makes it."""
    from pdfminer.converter import PDFLayoutAnalyzer

    return PDFLayoutAnalyzer.render_char(device, *args)  # type: ignore[no-any-return]


def each_page(path: Path, take: Callable[[Any], T]) -> list[T]:
    """``take`` of each page of the PDF at ``path``, as the reader opens it, each page closed after."""
    pdf = pdfread._open(path)
    try:
        out = []
        for page in pdf.pages:
            out.append(take(page))
            page.close()
        return out
    finally:
        pdf.close()
        pdf.stream.close()


def _glyphs(path: Path) -> list[list[Glyph]]:
    return each_page(path, glyphs.of_page)


def _same_reading(path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """Assert the characters and the pages read both ways are the same; the characters read."""
    ours = _glyphs(path)
    fast = pdfread._read_pages(path)
    with monkeypatch.context() as m:
        m.setattr(glyphs, "draw_char", _as_pdfminer_draws)
        m.setattr(glyphs, "of_page", _from_pdfplumber)
        theirs = _glyphs(path)
        slow = pdfread._read_pages(path)
    assert ours == theirs
    assert fast == slow
    return sum(map(len, ours))


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pdf")
    src = folder / "小港.docx"
    save_report(load_report(SAMPLE), src)
    return our_pdf(src, folder / "小港.pdf")


def test_our_export_reads_the_same(exported: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _same_reading(exported, monkeypatch) > 2000


def test_a_fonts_answers_are_asked_once_a_document(exported: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a font says of a code is asked once for all the pages (the font is one object for
    them all), not again on every page: our export's pages share their fonts' codes."""
    asked: list[tuple[int, int]] = []
    decode = glyphs._decode

    def counting(device: Any, font: Any, cid: int) -> Any:
        asked.append((id(font), cid))
        return decode(device, font, cid)

    monkeypatch.setattr(glyphs, "_decode", counting)
    pages = pdfread._read_pages(exported)
    assert len(pages) >= 5 and len(asked) > 300
    assert len(asked) == len(set(asked))


def test_a_watermarked_export_reads_the_same(exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _same_reading(watermarked(exported, tmp_path / "w.pdf"), monkeypatch) > 2000


def _plain(tmp_path: Path, drawing: str = "", edit: tuple[bytes, bytes] = (b"", b"")) -> Path:
    pdf = plain_pdf(tmp_path / "p.pdf", [["Plain text 2024", "第二行 37"], ["page two"]], drawing)
    if edit[0]:
        pdf.write_bytes(pdf.read_bytes().replace(*edit))
    return pdf


@pytest.mark.parametrize(("drawing", "edit"), [
    ("BT /F1 12 Tf 72.2 400 Td (Bold words 2024) Tj ET BT /F1 12 Tf 72.6 400.3 Td (Bold words 2024) Tj ET", (b"", b"")),
    ("0.5 w 50 50 495 742 re S 50 700 m 545 700 l S", (b"", b"")),  # a frame and a rule
    ("", (b"/MediaBox [0 0 595 842]", b"/MediaBox [100 50 695 892]")),  # not at the origin
    ("", (b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 595 842] /CropBox [20 30 500 800]")),
    ("", (b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 595 842] /Rotate 90")),
    ("BT 0 1 -1 0 300 100 Tm /F1 12 Tf (turned on its side, read upright) Tj ET", (b"", b"")),
    ("BT /F1 40 Tf 100 400 Td (21) Tj ET BT /F1 40 Tf 100 400 Td (37) Tj ET", (b"", b"")),  # a blot
    ("1 1 1 rg BT /F1 12 Tf 300 300 Td (white 99) Tj ET 0 0 0 rg 290 200 100 40 re f "
     "1 1 1 rg BT /F1 12 Tf 300 215 Td (white on black 12) Tj ET", (b"", b"")),
])
def test_hand_made_pages_read_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, drawing: str,
                                       edit: tuple[bytes, bytes]) -> None:
    assert _same_reading(_plain(tmp_path, drawing, edit), monkeypatch) > 20


@pytest.mark.parametrize("case", CASES)
def test_every_way_of_hiding_text_reads_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    drawing, page_extra, form, _ = CASES[case]
    data = _page(drawing, page_extra, form, picture=b"/P" in drawing, catalog_extra=_LAYERS if case in _OFF else b"",
                 annots=(ANNOTATIONS[case],) if case in ANNOTATIONS else ())
    path = tmp_path / "page.pdf"
    path.write_bytes(data)
    assert _same_reading(path, monkeypatch) >= 2


# -- the same glyph drawn again (a fake bold), found near its place --------------------------------

def _again_by_comparing_all(drawn: list[tuple[str, float, float, float, float]]) -> list[bool]:
    """Each glyph drawn again or not, by comparing it with every glyph kept before it: what
    redrawn.Drawn finds by size class and square, the slow way."""
    from app.pdfread.redrawn import again_near, same_size

    kept: list[tuple[str, float, float, float, float]] = []
    out = []
    for text, x, y, w, h in drawn:
        across, up = max(abs(w), 1.0), max(abs(h) / 2, 1.0)
        found = any(t == text and same_size(across, up, pw, ph) and again_near(x - px, y - py, pw, ph)
                    for t, px, py, pw, ph in kept)
        out.append(found)
        if not found:
            kept.append((text, x, y, w, h))
    return out


_SIZES = [0.0, 0.4, 1.0, 1.9, 2.0, 3.3, 6.0, 6.7, 12.0, 16.0, 24.0, 100.0, 1000.0]


@given(st.lists(st.tuples(st.sampled_from("aa1"), st.integers(-40, 40), st.integers(-40, 40),
                          st.sampled_from([0.0, 0.3, 0.5, 1.0, 2.9, 4.0, 7.5]), st.sampled_from(_SIZES),
                          st.sampled_from(_SIZES)), max_size=60))
@settings(max_examples=400, deadline=None)
def test_a_glyph_drawn_again_is_found_as_by_comparing_all(
        drawn: list[tuple[str, int, int, float, float, float]]) -> None:
    from app.pdfread.redrawn import Drawn

    # places on a lattice a few points apart, nudged: glyphs land on, near and far from each other
    glyphs_drawn = [(t, 3.0 * i + nudge, 2.0 * j - nudge, w, h) for t, i, j, nudge, w, h in drawn]
    finder = Drawn()
    assert [finder.again(*g) for g in glyphs_drawn] == _again_by_comparing_all(glyphs_drawn)


_TO_UNICODE = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Adobe-Identity-UCS def"
               b" /CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange 3 beginbfchar"
               b" <0001> <4E00> <0002> <4E8C> <0003> <4E09> endbfchar endcmap CMapName currentdict /CMap"
               b" defineresource pop end end")


@pytest.mark.parametrize("encoding", [b"Identity-V", b"Identity-H"])
def test_a_cid_font_set_vertically_or_across_reads_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: bytes) -> None:
    """Vertical writing (Identity-V): a glyph's box from the font's vertical displacement."""
    drawing = b"BT /F1 12 Tf 72 760 Td (Report 2023 page) Tj ET BT /F2 20 Tf 300 600 Td <000100020003> Tj ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R"
            b" /Resources << /Font << /F1 4 0 R /F2 6 0 R >> >> >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", stream(drawing),
            b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /" + encoding
            + b" /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>",
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe)"
            b" /Ordering (Identity) /Supplement 0 >> /DW 1000 /W2 [2 [900 500 -880]] >>",
            stream(_TO_UNICODE)]
    path = tmp_path / "v.pdf"
    path.write_bytes(raw_pdf(objs))
    assert _same_reading(path, monkeypatch) == 19
    assert [g.text for g in _glyphs(path)[0][-3:]] == ["一", "二", "三"]
