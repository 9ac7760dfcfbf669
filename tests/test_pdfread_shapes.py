"""The lines, rectangles and curves the PDF reader makes and takes by its shortcuts (a ``re``
made an LTRect without pdfminer's general pass, app/pdfread/bounds.py ``plain_rect``; its
dictionary made without pdfplumber's resolving every value again, glyphs.py ``_shape``; the
table finder's edges made of the rectangles' places alone, grid.py ``_slim_edges``) are exactly
what pdfminer and pdfplumber make, and the pages read the same: on a table drawn as Word's
“Save as PDF” draws it (every border a filled box of its own: a thousand a page, what the
shortcuts are for), boxes turned, stroked, written as m l l l h, a page not at the origin…
Speed: benchmarks/bench_pdfread.py (a 60-page register of such tables)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import app.pdfread as pdfread
from app.pdfread import bounds, glyphs, grid
from tests.pdfmake import boxed_table_drawing, plain_pdf
from tests.test_pdfread_glyphs import each_page


def _objects(path: Path) -> list[dict[str, list[dict[str, Any]]]]:
    def shapes(page: Any) -> dict[str, list[dict[str, Any]]]:
        glyphs.of_page(page)
        return {k: v for k, v in page.objects.items() if k != "char"}

    return each_page(path, shapes)


def _same_reading(path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """Assert the shapes and the pages read with the shortcuts and without are the same; the
    shapes read."""
    ours, fast = _objects(path), pdfread._read_pages(path)
    with monkeypatch.context() as m:
        m.setattr(bounds, "FAST_RECTS", False)
        m.setattr(glyphs, "_shape", lambda page, obj: page.process_object(obj))
        m.setattr(grid, "_slim_edges", lambda page: None)
        theirs, slow = _objects(path), pdfread._read_pages(path)
    assert ours == theirs
    assert fast == slow
    return sum(len(v) for page in ours for v in page.values())


@pytest.mark.parametrize(("drawing", "edit"), [
    (boxed_table_drawing(6, 5), (b"", b"")),
    (boxed_table_drawing(6, 5), (b"/MediaBox [0 0 595 842]", b"/MediaBox [100 50 695 892]")),  # not at the origin
    (boxed_table_drawing(6, 5), (b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 595 842] /Rotate 90")),
    ("q 0 1 -1 0 400 100 cm 0 0 50 20 re f 10 10 30 0.5 re f Q", (b"", b"")),  # turned a quarter
    ("q 0.7 0.7 -0.7 0.7 300 300 cm 0 0 50 20 re f Q", (b"", b"")),  # at a slant: a curve
    ("q 2 0 0 -1.5 10 800 cm 0 0 50 20 re f Q", (b"", b"")),  # flipped and scaled
    ("0.5 w 50 50 495 742 re S 1 0 0 RG 100 100 40 40 re B", (b"", b"")),  # stroked, filled and stroked
    ("100 100 m 200 100 l 200 150 l 100 150 l h f 100 300 m 200 300 l 200 350 l 100 350 l 100 300 l h f",
     (b"", b"")),  # written as lines, closed twice
    ("100 100 m 200 100 l 210 150 l 100 150 l h f 0 0 0 re f 10 10 0 20 re f", (b"", b"")),  # no rectangles
    ("[3 2] 0 d 100 400 50 20 re S [] 0 d 1 0 0 rg 100 100 50 20 re f 0.2 0.4 0.6 0.1 k 100 200 50 20 re f /DeviceGray cs 0.5 sc 100 300 5 5 re f",
     (b"", b"")),  # colours of three spaces
    ("100 100 m 150 200 200 200 250 100 c S 300 100 m 400 100 l S", (b"", b"")),  # a curve and a line
])
def test_shapes_read_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, drawing: str,
                              edit: tuple[bytes, bytes]) -> None:
    pdf = plain_pdf(tmp_path / "p.pdf", [["Plain text 2024"], ["page two"]], drawing)
    if edit[0]:
        pdf.write_bytes(pdf.read_bytes().replace(*edit))
    assert _same_reading(pdf, monkeypatch) >= 2


def test_a_table_of_boxes_is_read_cell_by_cell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Word's table of a thousand boxes a page: each cell's figure in its place, page after page."""
    pdf = plain_pdf(tmp_path / "p.pdf", [["register"]] * 3, boxed_table_drawing(40, 12, "{r}.{c}"))
    assert _same_reading(pdf, monkeypatch) > 3 * 1000
    pages = pdfread._read_pages(pdf)
    for page in pages:
        (piece,) = page.pieces
        assert len(piece.cells) == 40 * 12
        by_place = {(round(c.top), round(c.x0)): c.text for c in piece.cells}
        assert by_place[((842 - 800), 40)] == "0.0" and by_place[((842 - 800 + 39 * 18), 40 + 11 * 42)] == "39.11"
