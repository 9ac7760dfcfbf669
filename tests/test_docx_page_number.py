"""Where the page number prints (GB/T 9704 7.5): “— N —”, its 一字线 7 mm below the text block,
odd pages on the right and even pages on the left, one character in.  Measured on LibreOffice's
rendering of the written .docx, in ink: the footer placed the number's line top 7 mm down, so
its dashes printed 9.4 mm below the block, 2.4 mm lower than the editor's own print layout
draws them from the same declaration."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image

from app.docx.writer import write_docx
from app.page import BLOCK_H_MM, BLOCK_W_MM, LEFT_MM, PAGE_NUMBER_GAP_MM, PAGE_NUMBER_PT, TOP_MM
from tests.pdfmake import libreoffice_pdf, needs_soffice
from tests.test_docx_writer import make_report

DPI = 300
PX_PER_MM = DPI / 25.4
EM_MM = PAGE_NUMBER_PT * 25.4 / 72


def _ink(path: Path, x_from_mm: float = 0.0, x_to_mm: float = 1e9) -> tuple[float, float, float]:
    """Below the text block, between the two x's: the first ink row (mm from the top) and the
    leftmost and rightmost ink (mm from the left)."""
    im = Image.open(path).convert("L")
    pix = im.load()
    top = round((TOP_MM + BLOCK_H_MM + 1) * PX_PER_MM)
    xs = range(max(round(x_from_mm * PX_PER_MM), 0), min(round(x_to_mm * PX_PER_MM), im.width))
    rows = [y for y in range(top, im.height) if any(pix[x, y] < 128 for x in xs)]
    assert rows, "no ink"
    cols = [x for x in xs if any(pix[x, y] < 128 for y in rows)]
    return rows[0] / PX_PER_MM, cols[0] / PX_PER_MM, (cols[-1] + 1) / PX_PER_MM


@pytest.mark.skipif(needs_soffice, reason="soffice not installed")
def test_page_numbers_sit_where_the_standard_puts_them(tmp_path: Path) -> None:
    src = tmp_path / "r.docx"
    write_docx(make_report(), src)
    pdf = libreoffice_pdf(src, tmp_path / "pdf")
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-f", "1", "-l", "2", str(pdf), str(tmp_path / "p")],
                   check=True, timeout=120)
    pages = sorted(tmp_path.glob("p-*.pgm"))
    assert len(pages) == 2
    block_bottom = TOP_MM + BLOCK_H_MM
    for number, page in enumerate(pages, 1):
        _top, left, right = _ink(page)
        if number % 2:
            assert abs(LEFT_MM + BLOCK_W_MM - EM_MM - right) < 0.8, f"page {number}: ends {right:.1f} mm"
            outer = (right - EM_MM, right)  # the last dash
        else:
            assert abs(LEFT_MM + EM_MM - left) < 0.8, f"page {number}: starts {left:.1f} mm"
            outer = (left, left + EM_MM)  # the first dash
        dash, _, _ = _ink(page, *outer)
        assert abs(dash - block_bottom - PAGE_NUMBER_GAP_MM) < 0.5, \
            f"page {number}: the 一字线 {dash - block_bottom:.1f} mm below the text block"
