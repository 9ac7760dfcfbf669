"""打印 and 打印预览 on paper other than A4 portrait — 横向 in 页面设置 or the print dialog's 属性,
B5, Letter on a printer set up elsewhere — print every line: the A4 page scaled down to fit and
centred (ui/print_pdf.onto_paper).  Before, the A4 layout was painted 1:1 and what lay past the
paper's edge was silently not printed: the lower half of every page on 横向 (rev26 P1)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter

from app.reading import load_report
from tests.ui.printcheck import SAMPLE, needs_poppler, pdf_words, run
from ui.printing import new_printer, paint_report

PAPERS: dict[str, Callable[[QPrinter], object]] = {
    "a4": lambda p: None,
    "横向": lambda p: p.setPageOrientation(QPageLayout.Orientation.Landscape),
    "B5": lambda p: p.setPageSize(QPageSize(QPageSize.PageSizeId.B5)),
    "Letter": lambda p: p.setPageSize(QPageSize(QPageSize.PageSizeId.Letter)),
    "A3": lambda p: p.setPageSize(QPageSize(QPageSize.PageSizeId.A3)),
}


def printed(tmp_path: Path, paper: str) -> tuple[list[list[tuple[str, float, float, float, float]]], float, float]:
    """Each page's words with their boxes (pt), and the paper's size (pt), printed to a file as the
    print dialog's 打印到文件 does after the choice."""
    report = load_report(SAMPLE)
    printer = new_printer(report)
    PAPERS[paper](printer)
    out = tmp_path / f"{paper}.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    paint_report(report, printer)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", run("pdfinfo", str(out)))
    assert size is not None
    pages = [[(w.text, w.x0, w.y0, w.x1, w.y1) for w in page] for page in pdf_words(out)]
    return pages, float(size[1]), float(size[2])


@needs_poppler
@pytest.mark.parametrize("paper", [p for p in PAPERS if p != "a4"])
def test_every_word_of_the_a4_printout_is_on_the_paper(qapp, tmp_path: Path, paper: str) -> None:  # type: ignore[no-untyped-def]
    a4, a4_w, a4_h = printed(tmp_path, "a4")
    pages, width, height = printed(tmp_path, paper)
    assert len(pages) == len(a4), "the same pages"
    off = [(n, w[0]) for n, page in enumerate(pages, 1) for w in page
           if w[1] < 0 or w[2] < 0 or w[3] > width + 0.5 or w[4] > height + 0.5]
    assert not off, f"{paper}: {len(off)} words past the paper's edge, e.g. {off[:5]}"
    text = Counter("".join(w[0] for page in pages for w in page))
    assert text == Counter("".join(w[0] for page in a4 for w in page)), paper
    # Centred: the text block as far from the left edge as from the right (within a point).
    left = min(w[1] for page in pages for w in page)
    right = width - max(w[3] for page in pages for w in page)
    a4_left = min(w[1] for page in a4 for w in page)
    a4_right = a4_w - max(w[3] for page in a4 for w in page)
    assert abs((left - right) - (a4_left - a4_right) * min(width / a4_w, height / a4_h, 1)) < 1.5, (left, right)


@needs_poppler
def test_a4_portrait_is_printed_as_before(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """No scaling on A4 itself: the first line starts at the GB/T 9704 margin, 28 mm from the left."""
    pages, width, height = printed(tmp_path, "a4")
    assert (round(width), round(height)) == (595, 842)
    left = min(w[1] for w in pages[0])
    assert abs(left - 28 * 72 / 25.4) < 1.5 * 72 / 25.4, left
