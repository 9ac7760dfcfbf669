"""Printing and PDF export: the .docx layout on paper, checked on real PDFs with poppler's tools
(pdfinfo, pdffonts, pdftotext, pdftoppm) and on the layout model itself."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QPageRanges
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app.io import WriteError, save_report
from app.reading import load_report
from app.report import Report
from app.schema import TABLES
from app.values import format_value
from tests.ui.printcheck import (
    ARTIFACTS,
    BLOCK_W_MM,
    BOTTOM_MM,
    LEFT_MM,
    MM,
    RIGHT_MM,
    SAMPLE,
    TOL,
    TOP_MM,
    WIDE_FIGURE,
    Word,
    column_centres,
    expected_texts,
    full_report,
    is_footer,
    needs_poppler,
    page_count,
    pdf_device,
    pdf_pages_text,
    pdf_words,
    run,
    squash,
)
from ui import printing
from ui.print_layout import layout_report
from ui.printing import export_pdf, print_preview, print_report


@dataclass(frozen=True)
class Printed:
    report: Report
    pdf: Path
    name: str


@pytest.fixture(scope="module")
def sample_pdf(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Printed:
    pdf = tmp_path_factory.mktemp("print") / "sample.pdf"
    report = load_report(SAMPLE)
    export_pdf(report, pdf)
    return Printed(report, pdf, "sample")


@pytest.fixture(scope="module")
def full_pdf(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Printed:
    pdf = tmp_path_factory.mktemp("print") / "full.pdf"
    report = full_report()
    export_pdf(report, pdf)
    return Printed(report, pdf, "full")


@pytest.fixture(params=["sample_pdf", "full_pdf"])
def printed(request: pytest.FixtureRequest) -> Printed:
    return request.getfixturevalue(request.param)


# -- the PDF -------------------------------------------------------------------------------------


@needs_poppler
def test_pages_are_a4_and_fonts_embedded(printed: Printed) -> None:
    info = run("pdfinfo", str(printed.pdf))
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())  # type: ignore[union-attr]
    assert abs(width - 595.28) <= 1 and abs(height - 841.89) <= 1
    fonts = run("pdffonts", str(printed.pdf)).splitlines()[2:]
    assert fonts, "text drawn as paths: no fonts in the PDF"
    for line in fonts:
        assert line.split()[-5] == "yes", f"font not embedded: {line}"


@needs_poppler
def test_text_stays_inside_the_gbt9704_text_block(printed: Printed) -> None:
    for n, words in enumerate(pdf_words(printed.pdf), 1):
        body = [w for w in words if not is_footer(w)]
        assert body, f"page {n} is empty"
        for w in body:
            where = f"page {n}: {w}"
            assert w.x0 >= LEFT_MM * MM - TOL and w.x1 <= RIGHT_MM * MM + TOL, where
            assert w.y0 >= TOP_MM * MM - TOL and w.y1 <= BOTTOM_MM * MM + TOL, where


@needs_poppler
def test_page_numbers_odd_right_even_left_below_the_block(printed: Printed) -> None:
    one_char = 14.0  # 4号, in points
    for n, words in enumerate(pdf_words(printed.pdf), 1):
        footer = [w for w in words if is_footer(w)]
        assert squash("".join(w.text for w in footer)) == f"—{n}—", f"page {n}"
        left, right = min(w.x0 for w in footer), max(w.x1 for w in footer)
        if n % 2:
            assert abs(right - (RIGHT_MM * MM - one_char)) <= TOL, f"odd page {n} number not right"
        else:
            assert abs(left - (LEFT_MM * MM + one_char)) <= TOL, f"even page {n} number not left"
        middle = sum(w.yc for w in footer) / len(footer) / MM
        assert BOTTOM_MM + 4 <= middle <= BOTTOM_MM + 10, f"page {n} number {middle:.1f} mm from the top"


@needs_poppler
def test_every_text_label_and_figure_is_in_the_extracted_text(printed: Printed) -> None:
    text = squash("".join(pdf_pages_text(printed.pdf)))
    missing = [t for t in expected_texts(printed.report) if squash(t) not in text]
    assert missing == []
    words = Counter(w.text for page in pdf_words(printed.pdf) for w in page)
    for key, grid in printed.report.tables.items():
        for pos, value in grid.items():
            if value is not None and printed.name == "full":
                assert words[format_value(value)] == 1, f"表{key}{pos} {value}"
    assert "\u2f08" not in text and "\u2ea0" not in text  # ⼈⺠: radicals instead of 人民


@needs_poppler
def test_figures_centred_in_their_columns_rows_on_one_line(full_pdf: Printed) -> None:
    words = {w.text: w for page in pdf_words(full_pdf.pdf) for w in page}
    for key, spec in TABLES.items():
        centres = column_centres(spec)
        grid = full_pdf.report.tables[key]
        for pos, value in grid.items():
            w = words[format_value(value)]
            assert abs(w.xc / MM - centres[pos]) <= 1.0, f"表{key}{pos} at {w.xc / MM:.1f} mm"
        for row, cells in itertools.groupby(sorted(grid), key=lambda pos: pos[0]):
            tops = {round(words[format_value(grid[pos])].yc, 0) for pos in cells}
            assert len(tops) == 1, f"表{key} row {row} figures not on one line"
    wide = words[str(WIDE_FIGURE)]
    col_width = BLOCK_W_MM * TABLES["三"].col_widths[-1] / sum(TABLES["三"].col_widths)
    assert wide.x1 - wide.x0 <= col_width * MM, "a wide figure overflows its cell"


@needs_poppler
def test_body_lines_fixed_pitch_indent_and_justified(sample_pdf: Printed) -> None:
    words = [w for w in pdf_words(sample_pdf.pdf)[1] if not is_footer(w)]  # page 2: text only
    lines: dict[float, list[Word]] = {}
    for w in words:
        lines.setdefault(round(w.y0, 1), []).append(w)
    heights = Counter(round(ws[0].y1 - ws[0].y0, 1) for ws in lines.values())
    body_height = heights.most_common(1)[0][0]
    tops = sorted(y for y, ws in lines.items() if round(ws[0].y1 - ws[0].y0, 1) == body_height)
    assert len(tops) >= 15
    for a, b in itertools.pairwise(tops):
        pitch = 225 * MM / 22  # GB/T 9704: 22 lines in the 225 mm text block
        assert abs((b - a) / pitch - round((b - a) / pitch)) < 0.01, f"line pitch {b - a:.2f} pt"
    starts = [min(w.x0 for w in ws) - LEFT_MM * MM for ws in lines.values()]
    assert all(abs(s) <= 1 or abs(s - 32) <= 1 for s in starts), "lines start at the margin or 2 chars in"
    assert sum(abs(s - 32) <= 1 for s in starts) >= 3, "first lines indented two characters"
    full = [ws for ws in lines.values() if abs(max(w.x1 for w in ws) - RIGHT_MM * MM) <= TOL]
    assert len(full) >= len(lines) // 2, "justified lines end at the right margin"


@needs_poppler
def test_title_centred_on_the_first_page(sample_pdf: Printed) -> None:
    words = pdf_words(sample_pdf.pdf)[0]
    title = [w for w in words if w.y1 - w.y0 > 22 * 1.2]  # 2号 words are taller than 3号 lines
    assert squash("".join(w.text for w in title)) == squash(sample_pdf.report.title)
    lines: dict[float, list[Word]] = {}
    for w in title:
        lines.setdefault(round(w.y0), []).append(w)
    assert len(lines) == 2, "broken after the organ"
    for line in lines.values():
        centre = (min(w.x0 for w in line) + max(w.x1 for w in line)) / 2 / MM
        assert abs(centre - (LEFT_MM + BLOCK_W_MM / 2)) <= 1.5


@needs_poppler
def test_pages_with_table_3_rendered_as_artifacts(printed: Printed) -> None:
    marker = squash(TABLES["三"].row_labels[0])
    pages = [n for n, t in enumerate(pdf_pages_text(printed.pdf), 1) if marker in squash(t)]
    assert pages, "table 三 not found"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for n in pages:
        stem = ARTIFACTS / f"{printed.name}-table3-p{n}"
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", "-f", str(n), "-l", str(n),
                        str(printed.pdf), str(stem)], check=True)
        png = stem.with_suffix(".png")
        assert png.stat().st_size > 10_000
        print(f"table 三 rendered: {png}")


@needs_poppler
@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_page_count_within_one_of_libreoffice_rendering_our_docx(printed: Printed, tmp_path: Path) -> None:
    docx = tmp_path / f"{printed.name}.docx"
    save_report(printed.report, docx)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(docx)], check=True, capture_output=True, timeout=240)
    ours, theirs = page_count(printed.pdf), page_count(docx.with_suffix(".pdf"))
    assert abs(ours - theirs) <= 1, f"ours {ours} pages, LibreOffice {theirs}"


# -- the dialogs ---------------------------------------------------------------------------------


def test_print_preview_shows_every_page(qapp: QApplication, tmp_path: Path) -> None:
    report = load_report(SAMPLE)
    expected = len(layout_report(report, pdf_device(tmp_path / "x.pdf")))
    seen: dict[str, object] = {}
    attempts = iter(range(100))  # 5 s at most: a test never hangs on a modal dialog

    def look_and_close() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QPrintPreviewDialog)]
        preview = dialogs[0].findChild(QPrintPreviewWidget) if dialogs else None
        if next(attempts, None) is not None and (preview is None or preview.pageCount() == 0):
            QTimer.singleShot(50, look_and_close)  # not shown yet
            return
        if dialogs and preview is not None:
            seen.update(title=dialogs[0].windowTitle(), pages=preview.pageCount())
        for dialog in dialogs:
            dialog.reject()

    QTimer.singleShot(0, look_and_close)
    print_preview(None, report)
    assert seen == {"title": "打印预览", "pages": expected}


class _Dialog(QDialog):
    """Stands in for the system print dialog: the user presses 打印 (or 取消).  A dialog (what
    ui.printing keeps on screen while it grows: ui/kept_on_screen.py), never shown."""

    answer = QDialog.DialogCode.Accepted
    pages: tuple[int, int] | None = None  # a page range typed in the dialog

    def __init__(self, printer: QPrinter, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.printer = printer

    def setWindowTitle(self, title: str) -> None:
        assert title == "打印"
        super().setWindowTitle(title)

    def exec(self) -> int:
        if self.pages:
            ranges = QPageRanges()
            ranges.addRange(*self.pages)
            self.printer.setPageRanges(ranges)
        return self.answer


@needs_poppler
def test_print_goes_to_the_printer_after_the_dialog(qapp: QApplication, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "printer.pdf"
    make_printer = printing.new_printer

    def to_file(report: Report) -> QPrinter:
        printer = make_printer(report)
        printer.setOutputFileName(str(out))  # the printer: a PDF file we can read back
        return printer

    monkeypatch.setattr(printing, "new_printer", to_file)
    monkeypatch.setattr(printing, "QPrintDialog", _Dialog)
    report = load_report(SAMPLE)
    monkeypatch.setattr(_Dialog, "answer", QDialog.DialogCode.Rejected)
    assert print_report(None, report) == "" and not out.exists()
    monkeypatch.setattr(_Dialog, "answer", QDialog.DialogCode.Accepted)
    assert print_report(None, report) == str(out), "where it went, to be said"
    exported = tmp_path / "export.pdf"
    export_pdf(report, exported)
    assert page_count(out) == page_count(exported)
    positions = [[(w.text, round(w.x0), round(w.y0)) for w in p] for p in pdf_words(exported)]
    assert [[(w.text, round(w.x0), round(w.y0)) for w in p] for p in pdf_words(out)] == positions, "one layout"
    monkeypatch.setattr(_Dialog, "pages", (2, 3))
    assert print_report(None, report) == str(out)
    assert [[(w.text, round(w.x0), round(w.y0)) for w in p] for p in pdf_words(out)] == positions[1:3]


# -- errors --------------------------------------------------------------------------------------


def test_unwritable_target_raises_one_line_write_error(qapp: QApplication, tmp_path: Path) -> None:
    for target, reason in ((tmp_path / "missing" / "x.pdf", "文件夹不存在"), (tmp_path, "")):
        with pytest.raises(WriteError) as err:
            export_pdf(Report(organ="测试机关", year=2021), target)
        message = str(err.value)
        assert "\n" not in message and str(target) in message and reason in message
    assert [p.name for p in tmp_path.iterdir()] == [], "a failed export leaves no temporary file"
