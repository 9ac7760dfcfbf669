"""A digit drawn over a different digit in the same place (hostile16): “21” drawn, then “37” at
the same spot, shows a blot of both that reads as neither; it read 37 (or 2317).  Both are left
out and counted (Unseen.overdrawn), so the cell reads blank and the reviewer is told; a fake bold
(the same digit drawn twice a little off), digits side by side and a digit over a letter are read."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest

from tests.test_pdf_seen import _page, _read


def _blot(data: bytes) -> int:
    """Dark pixels pdfium draws: two digits on one spot ink more than one."""
    page = pypdfium2.PdfDocument(data)[0]
    image = page.render(scale=1).to_pil().convert("L")
    return sum(image.histogram()[:128])


def test_a_figure_drawn_over_another_is_left_out_and_counted(tmp_path: Path) -> None:
    over = b"BT /F1 40 Tf 100 400 Td (21) Tj ET BT /F1 40 Tf 100 400 Td (37) Tj ET"
    text, unseen = _read(_page(over), tmp_path)
    assert text.strip() == "" and unseen.overdrawn == 4 and unseen.chars == 4, (text, unseen)
    # what pdfium shows is no one figure: more ink than the 37 alone
    assert _blot(_page(over)) > _blot(_page(b"BT /F1 40 Tf 100 400 Td (37) Tj ET")) * 1.2


def test_a_digit_drawn_half_a_digit_off_is_a_blot_too(tmp_path: Path) -> None:
    text, unseen = _read(_page(b"BT /F1 40 Tf 100 400 Td (1) Tj ET BT /F1 40 Tf 104 401 Td (7) Tj ET"), tmp_path)
    assert text.strip() == "" and unseen.overdrawn == 2


@pytest.mark.parametrize("drawing", [
    b"BT /F1 40 Tf 100 400 Td (37) Tj ET BT /F1 40 Tf 100.5 400 Td (37) Tj ET",  # a fake bold
    b"BT /F1 40 Tf 100 400 Td (37) Tj ET BT /F1 40 Tf 100 400 Td (37) Tj ET",  # drawn twice
    b"BT /F1 40 Tf 100 400 Td (3) Tj ET BT /F1 40 Tf 123 400 Td (7) Tj ET",  # side by side
    b"BT /F1 40 Tf 100 400 Td (3) Tj ET BT /F1 40 Tf 100 300 Td (7) Tj ET",  # one under the other
    b"BT /F1 40 Tf 100 400 Td (37) Tj ET BT /F1 8 Tf 100 400 Td (1) Tj ET",  # a small digit on a large one: not one size
])
def test_digits_a_viewer_shows_apart_are_read(tmp_path: Path, drawing: bytes) -> None:
    text, unseen = _read(_page(drawing), tmp_path)
    assert unseen.overdrawn == 0 and any(c in text for c in "37"), (text, unseen)


# -- letters too (hostile17) ----------------------------------------------------------------------------
# Only digits were judged: a letter drawn over a digit, or a word over another, read as both.

@pytest.mark.parametrize(("drawing", "left_out"), [
    (b"BT /F1 40 Tf 100 400 Td (AB) Tj ET BT /F1 40 Tf 100 400 Td (CD) Tj ET", 4),  # a word over another
    (b"BT /F1 40 Tf 100 400 Td (37) Tj ET BT /F1 40 Tf 100 400 Td (NO) Tj ET", 4),  # letters over a figure
    (b"BT /F1 40 Tf 100 400 Td (x) Tj ET BT /F1 40 Tf 100 400 Td (7) Tj ET", 2),
])
def test_letters_drawn_over_others_are_left_out_and_counted(tmp_path: Path, drawing: bytes, left_out: int) -> None:
    text, unseen = _read(_page(drawing), tmp_path)
    assert text.strip() == "" and unseen.overdrawn == left_out, (text, unseen)


@pytest.mark.parametrize(("drawing", "read"), [
    (b"BT /F1 40 Tf 100 400 Td (ABC) Tj ET BT /F1 40 Tf 100.6 400 Td (ABC) Tj ET", "ABC"),  # a fake bold of letters
    (b"BT /F1 40 Tf 100 400 Td (e) Tj ET BT /F1 40 Tf 102 400 Td (\\302) Tj ET", "e"),  # an accent over its letter
    (b"BT /F1 40 Tf 100 400 Td (37) Tj ET BT /F1 40 Tf 100 400 Td (__) Tj ET", "37"),  # a figure on a blank line
    (b"BT /F1 40 Tf 100 400 Td (AB) Tj ET BT /F1 40 Tf 150 400 Td (37) Tj ET", "AB37"),  # side by side
])
def test_letters_a_viewer_shows_apart_or_by_design_are_read(tmp_path: Path, drawing: bytes, read: str) -> None:
    text, unseen = _read(_page(drawing), tmp_path)
    assert unseen.overdrawn == 0 and all(c in text for c in read), (text, unseen)


# A glyph drawn to the right of all before it on its line, with no line near, is not looked up
# (the cost of the look-ups): these go back on a line, or draw a hair off its baseline.
@pytest.mark.parametrize(("drawing", "read", "left_out"), [
    (b"BT /F1 40 Tf 100 400 Td (AB) Tj ET BT /F1 40 Tf 300 400 Td (X) Tj ET BT /F1 40 Tf 100 400 Td (CD) Tj ET",
     "X", 4),  # back to the start of a line already drawn on
    (b"BT /F1 40 Tf 150 400 Td (37) Tj ET BT /F1 40 Tf 150 402 Td (NO) Tj ET", "", 4),  # 2 pt off its line
    (b"BT /F1 40 Tf 100 400 Td (M) Tj ET BT /F1 40 Tf 112 400 Td (3) Tj ET", "", 2),  # into a broad letter
    (b"BT /F1 40 Tf 150 400 Td (37) Tj ET BT /F1 40 Tf 100 400 Td (ABCD) Tj ET", "AB", 4),  # run into a figure
])
def test_glyphs_drawn_back_over_a_line_are_found(tmp_path: Path, drawing: bytes, read: str, left_out: int) -> None:
    text, unseen = _read(_page(drawing), tmp_path)
    assert text.strip() == read and unseen.overdrawn == left_out, (text, unseen)
