"""Printing and PDF export: the .docx layout on paper, checked on real PDFs with poppler's tools
(pdfinfo, pdffonts, pdftotext, pdftoppm) and on the layout model itself."""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontMetricsF, QPageRanges, QPainter, QTextCharFormat, QTextOption
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QDialog

from app import cli
from app.io import WriteError, save_report
from app.page import BODY, BODY_PT, LETTER_SPACING_PT, SECTION, Align
from app.plan import TableBlock
from app.reading import load_report
from app.report import Paragraph, Report
from app.schema import PREAMBLE, SECTIONS, TABLES
from app.values import format_value
from tests.ui.printcheck import (
    ARTIFACTS,
    BLOCK_W_MM,
    BOTTOM_MM,
    LEFT_MM,
    MM,
    RIGHT_MM,
    ROOT,
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
from ui import print_fonts, printing
from ui.print_flow import Context, Glue, LineUnit, RowUnit, paginate, text_option
from ui.print_fonts import CHAINS, Role
from ui.print_layout import AUTOSPACE_EM, FlowBuilder, autospace_at, build_flow, layout_report
from ui.print_table import TableLayout
from ui.printing import export_pdf, paint_page, print_preview, print_report


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


@needs_poppler
def test_command_line_export_works_headless(tmp_path: Path) -> None:
    out = tmp_path / "cli.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "app", "export", str(SAMPLE), "--to", str(out)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    info = run("pdfinfo", str(out))
    assert re.search(r"Producer:\s+Qt", info) and re.search(r"Creator:\s+年报编辑器", info), "not our layout"
    assert page_count(out) >= 5


# What `export --to .pdf` needs: QtGui, the reader, the layout.  Each of these cost every export
# process its import (the checks' regexes, python-docx's object layer, the widget libraries).
NOT_FOR_EXPORT = ("PySide6.QtWidgets", "PySide6.QtPrintSupport", "app.checks", "app.dismissals", "docx",
                  "multiprocessing", "openpyxl")


def test_command_line_pdf_export_loads_nothing_it_does_not_use(tmp_path: Path) -> None:
    code = ("import runpy, sys\n"
            f"sys.argv = ['app', 'export', {str(SAMPLE)!r}, '--to', {str(tmp_path / 'x.pdf')!r}]\n"
            "try:\n    runpy.run_module('app', run_name='__main__')\n"
            "except SystemExit as e:\n    assert e.code == 0, e.code\n"
            f"print(sorted(m for m in {NOT_FOR_EXPORT!r} if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"


def test_command_line_pdf_export_never_builds_the_qt_namespace(tmp_path: Path) -> None:
    """PySide builds all ~100 enum classes of ``Qt`` when the namespace is first used (18 ms of
    each export process): the print path touches none of them (ui.print_flow.text_option)."""
    code = ("import runpy, sys\n"
            f"sys.argv = ['app', 'export', {str(SAMPLE)!r}, '--to', {str(tmp_path / 'x.pdf')!r}]\n"
            "try:\n    runpy.run_module('app', run_name='__main__')\n"
            "except SystemExit as e:\n    assert e.code == 0, e.code\n"
            "print('Qt' in vars(sys.modules['PySide6.QtCore']))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "False"


def test_command_line_export_skips_the_collection_at_shutdown(tmp_path: Path) -> None:
    """The process ends after an export: what is alive is frozen when it exits (atexit), so that
    shutdown's last cycle collection does not walk every object PySide and the reader made."""
    code = ("import atexit, gc\n"
            "from app import cli\n"
            f"assert cli.main(['export', {str(SAMPLE)!r}, '--to', {str(tmp_path / 'x.pdf')!r}]) == 0\n"
            "assert gc.isenabled() and gc.get_freeze_count() == 0\n"
            "atexit._run_exitfuncs()  # what shutdown runs before its collections\n"
            "print(gc.get_freeze_count() > 0)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "True"


def test_autospace_widens_by_a_quarter_em_of_each_characters_own_advance(qapp: QApplication,
                                                                        tmp_path: Path) -> None:
    """The spacing of a boundary character is worked out once per style and character: the same
    character gets the same, another character or another style its own."""
    ctx = Context(pdf_device(tmp_path / "x.pdf"))
    builder = FlowBuilder(ctx)
    text = "第2部和第W部，共3件"
    for style in (BODY, SECTION, BODY):  # 仿宋, then 黑体 (advances of its own)
        metrics = QFontMetricsF(print_fonts.font(style.role, style.size_pt), ctx.device)
        base = 100.0 * (1 + LETTER_SPACING_PT * style.size_pt / BODY_PT / style.size_pt)
        em = ctx.pt_x(style.size_pt)
        pct = {r.start: r.format.fontLetterSpacing() for r in builder.autospace(text, style)}
        assert sorted(pct) == autospace_at(text) == [0, 1, 4, 5, 8, 9]
        for at, value in pct.items():
            assert value == pytest.approx(base + 100.0 * AUTOSPACE_EM * em / metrics.horizontalAdvance(text[at]))
        assert pct[0] == pct[4] and pct[1] != pct[5]  # 第 twice alike; 2 and W differ


def test_text_options_align_as_the_paragraph_type_says(qapp: QApplication) -> None:
    flags = {Align.LEFT: Qt.AlignmentFlag.AlignLeft, Align.RIGHT: Qt.AlignmentFlag.AlignRight,
             Align.CENTER: Qt.AlignmentFlag.AlignHCenter, Align.JUSTIFY: Qt.AlignmentFlag.AlignJustify}
    for align, flag in flags.items():
        option = text_option(align)
        assert option.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask & ~Qt.AlignmentFlag.AlignAbsolute == flag
        assert option.wrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
        assert option.textDirection() == Qt.LayoutDirection.LeftToRight


def test_command_line_export_leaves_the_cycle_collector_as_it_was(qapp: QApplication, tmp_path: Path) -> None:
    """The export pauses it (a short run of work), in this process too: it must come back."""
    assert gc.isenabled()
    assert cli.main(["export", str(SAMPLE), "--to", str(tmp_path / "x.pdf")]) == 0
    assert gc.isenabled() and (tmp_path / "x.pdf").stat().st_size > 0
    assert cli.main(["export", str(tmp_path / "missing.docx"), "--to", str(tmp_path / "y.pdf")]) == 2
    assert gc.isenabled()
    gc.disable()
    try:
        assert cli.main(["export", str(SAMPLE), "--to", str(tmp_path / "z.pdf")]) == 0
        assert not gc.isenabled()  # left as it was: off
    finally:
        gc.enable()


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


class _Dialog:
    """Stands in for the system print dialog: the user presses 打印 (or 取消)."""

    answer = QDialog.DialogCode.Accepted
    pages: tuple[int, int] | None = None  # a page range typed in the dialog

    def __init__(self, printer: QPrinter, parent: object) -> None:
        self.printer = printer

    def setWindowTitle(self, title: str) -> None:
        assert title == "打印"

    def exec(self) -> QDialog.DialogCode:
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
    assert print_report(None, report) is False and not out.exists()
    monkeypatch.setattr(_Dialog, "answer", QDialog.DialogCode.Accepted)
    assert print_report(None, report) is True
    exported = tmp_path / "export.pdf"
    export_pdf(report, exported)
    assert page_count(out) == page_count(exported)
    positions = [[(w.text, round(w.x0), round(w.y0)) for w in p] for p in pdf_words(exported)]
    assert [[(w.text, round(w.x0), round(w.y0)) for w in p] for p in pdf_words(out)] == positions, "one layout"
    monkeypatch.setattr(_Dialog, "pages", (2, 3))
    assert print_report(None, report) is True
    assert [[(w.text, round(w.x0), round(w.y0)) for w in p] for p in pdf_words(out)] == positions[1:3]


# -- errors --------------------------------------------------------------------------------------


def test_unwritable_target_raises_one_line_write_error(qapp: QApplication, tmp_path: Path) -> None:
    for target, reason in ((tmp_path / "missing" / "x.pdf", "文件夹不存在"), (tmp_path, "")):
        with pytest.raises(WriteError) as err:
            export_pdf(Report(organ="测试机关", year=2021), target)
        message = str(err.value)
        assert "\n" not in message and str(target) in message and reason in message
    assert [p.name for p in tmp_path.iterdir()] == [], "a failed export leaves no temporary file"


# -- the layout model ----------------------------------------------------------------------------


def test_official_font_names_first_then_fallbacks() -> None:
    firsts = {role: CHAINS[role][0] for role in Role}
    assert firsts == {Role.BODY: "仿宋_GB2312", Role.TITLE: "方正小标宋简体", Role.KAI: "楷体_GB2312",
                      Role.HEI: "黑体", Role.SONG: "宋体"}
    for chain in CHAINS.values():
        assert {"Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei"} <= set(chain)
    assert {"FangSong", "STFangsong"} <= set(CHAINS[Role.BODY]) and "KaiTi" in CHAINS[Role.KAI]
    assert "SimHei" in CHAINS[Role.HEI] and {"SimSun", "NSimSun"} <= set(CHAINS[Role.SONG])


def test_no_glyph_is_a_box(qapp: QApplication, tmp_path: Path) -> None:
    ctx = Context(pdf_device(tmp_path / "x.pdf"))
    units = build_flow(full_report(), ctx)
    layouts = {id(u.layout): u.layout for u in units if isinstance(u, LineUnit)}
    tables = {id(u.table): u.table for u in units if isinstance(u, RowUnit) and u.table}
    layouts |= {id(c.layout): c.layout for t in tables.values() for c in t.cells}
    assert len(tables) == len(TABLES)
    for layout in layouts.values():
        for glyph_run in layout.glyphRuns():
            assert 0 not in glyph_run.glyphIndexes(), f"a box (glyph 0) in “{layout.text()}”"


def test_character_formats_lead_sentence_in_kai_and_run_styles(qapp: QApplication, tmp_path: Path) -> None:
    ctx = Context(pdf_device(tmp_path / "x.pdf"))
    layouts = {u.layout.text(): u.layout for u in build_flow(full_report(), ctx) if isinstance(u, LineUnit)}
    lead = next(layout for text, layout in layouts.items() if text.startswith("（一）主动公开"))
    kai = [r for r in lead.formats() if r.format.fontFamilies() == list(CHAINS[Role.KAI])]
    assert [(r.start, r.length) for r in kai] == [(0, len("（一）主动公开。"))]
    styled = next(layout for text, layout in layouts.items() if text.startswith("本段含有加粗"))
    formats = {styled.text()[r.start:r.start + r.length]: QTextCharFormat(r.format) for r in styled.formats()}
    assert set(formats) == {"加粗", "倾斜", "下划线"}
    assert formats["加粗"].fontWeight() == 700 and not formats["加粗"].fontItalic()
    assert formats["倾斜"].fontItalic() and formats["下划线"].fontUnderline()
    numbered = next(layout for text, layout in layouts.items() if text.startswith("第2部分"))
    spaced = sorted((r.start, r.format.fontLetterSpacing()) for r in numbered.formats())
    assert [start for start, _ in spaced] == [0, 1], "autospace: 第|2|部 like Word and LibreOffice"
    assert all(pct > 110 for _, pct in spaced)


def test_autospace_only_where_chinese_meets_latin_letters_or_digits() -> None:
    """Han characters (CJK extension A and compatibility ideographs too) beside ASCII letters
    or digits; not full-width punctuation, full-width letters, Hangul or accented letters."""
    from ui.print_layout import autospace_at

    text = "第2部分（2021）年H5页面共3件，ＡＢ1。㐀x豈1가1é政\u2028A政"
    assert [text[i:i + 2] for i in autospace_at(text)] == [
        "第2", "2部", "年H", "5页", "共3", "3件", "㐀x", "x豈", "豈1", "A政"]
    assert autospace_at("") == autospace_at("政") == autospace_at("2") == []


@pytest.mark.parametrize("organ", ["小港街道办事处", "某某省某某市某某县人民政府" * 4])
def test_signature_organ_two_characters_in_date_on_one_line(qapp: QApplication, tmp_path: Path,
                                                            organ: str) -> None:
    ctx = Context(pdf_device(tmp_path / "x.pdf"))
    report = Report(organ=organ, year=2023, date=dt.date(2024, 1, 5))
    lines = [u for u in build_flow(report, ctx) if isinstance(u, LineUnit)]
    date, organ_line = lines[-1], lines[-2]
    assert date.layout.text() == "2024年1月5日" and date.layout.lineCount() == 1
    assert organ_line.layout.text() == organ
    em = ctx.pt_x(16)
    first, last = organ_line.layout.lineAt(0), organ_line.layout.lineAt(organ_line.layout.lineCount() - 1)
    date_rect = date.layout.lineAt(0).naturalTextRect()
    for right in (first.naturalTextRect().right(), date_rect.right()):
        assert ctx.block_width - right >= 2 * em - 0.3 * em, "at least two characters from the right"
    if organ_line.layout.lineCount() == 1:  # GB/T 9704 7.3.5.3: the date starts two characters in
        assert abs(date_rect.left() - last.naturalTextRect().left() - 2 * em) < 0.3 * em
    else:
        assert abs(ctx.block_width - first.naturalTextRect().right() - 2 * em) < 0.3 * em


def test_no_chinese_font_refuses_instead_of_printing_boxes(qapp: QApplication, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    assert not print_fonts.missing_glyphs()
    assert print_fonts.missing_glyphs("政\U000f0000")  # a private-use character: no font has it
    monkeypatch.setattr(print_fonts, "PROBE", "政\U000f0000")
    with pytest.raises(WriteError, match="中文字体"):
        export_pdf(full_report(), tmp_path / "boxes.pdf")
    assert not (tmp_path / "boxes.pdf").exists()


def test_pages_never_break_where_units_are_bound(qapp: QApplication, tmp_path: Path) -> None:
    device = pdf_device(tmp_path / "x.pdf")
    ctx = Context(device)
    pages = layout_report(full_report(), device)
    assert len(pages) > 5
    for page in pages:
        for unit, y in page:
            assert y + unit.height <= ctx.block_height + 1, "a unit runs past the text block"
            if isinstance(unit, LineUnit):
                grid = ctx.mm_y(225 / 22)  # GB/T 9704: 22 lines in the 225 mm text block
                assert abs(unit.height / grid - 1) < 0.002 or abs(unit.height - ctx.pt_y(35)) < 0.01
    for page in pages[:-1]:
        assert page[-1][0].glue is not Glue.HARD, "a heading, widow or orphan left at a page end"
    for before, after in itertools.pairwise(pages):
        last, first = before[-1][0], after[0][0]
        if isinstance(last, LineUnit) and last.layout.lineCount() > 1:
            assert last.index > 0, "orphan: a paragraph's first line alone at the foot of a page"
        if isinstance(first, LineUnit) and first.layout.lineCount() > 1:
            assert first.index < first.layout.lineCount() - 1, "widow: a last line alone on a page"


def test_headings_and_lead_ins_stay_with_what_follows(qapp: QApplication, tmp_path: Path) -> None:
    """Short paragraphs push the first heading (and, later, table 二's lead-in) down line by
    line; whatever the count, neither is left at the foot of a page."""
    device = pdf_device(tmp_path / "x.pdf")
    headings = {squash(s.heading) for s in SECTIONS}
    for count in range(12, 26):
        report = full_report()
        report.sections[PREAMBLE] = [Paragraph.plain("短段落。")] * count
        for page, following in itertools.pairwise(layout_report(report, device)):
            last, first = page[-1][0], following[0][0]
            if isinstance(last, LineUnit):
                assert squash(last.layout.text()) not in headings, f"{count}: heading at a page end"
            if isinstance(first, RowUnit) and first.row == 0:
                assert not isinstance(last, LineUnit), f"{count}: a table apart from its lead-in"


def test_a_table_crossing_a_page_repeats_its_header_rows(qapp: QApplication, tmp_path: Path) -> None:
    """Table 三 fits a page, so to see it cross one the page is made shorter than the table."""
    pdf = tmp_path / "split.pdf"
    device = pdf_device(pdf)
    ctx = Context(device)
    spec = TABLES["三"]
    table = TableLayout(TableBlock(spec, full_report().cell_texts("三")), ctx)
    height = sum(u.height for u in table.units()) * 0.6
    pages = paginate(table.units(), height)
    assert len(pages) == 2
    rows = [[u.row for u, _ in page if isinstance(u, RowUnit)] for page in pages]
    headers = list(range(spec.header_rows))
    assert rows[1][: spec.header_rows] == headers, "header rows repeated on the continued page"
    assert rows[0] + rows[1][spec.header_rows:] == list(range(spec.grid_rows)), "every row once, in order"
    assert all(y + u.height <= height + 1 for page in pages for u, y in page), "a row split by the page end"
    painter = QPainter(device)
    for n, page in enumerate(pages, 1):
        if n > 1:
            device.newPage()
        paint_page(painter, ctx, page, n)
    painter.end()
    if shutil.which("pdftotext"):
        second = squash(pdf_pages_text(pdf)[1])
        for label in (spec.layout[0].text, "申请人情况", "法人或其他组织", "商业企业", "总计"):
            assert squash(label) in second, f"header “{label}” not repeated"
        if shutil.which("pdftoppm"):
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            stem = ARTIFACTS / "table3-continued"
            subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", "-f", "2", "-l", "2", str(pdf),
                            str(stem)], check=True)
            print(f"continued table 三 rendered: {stem.with_suffix('.png')}")
