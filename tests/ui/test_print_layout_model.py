"""The print layout model, before any PDF: font chains, glyphs, character formats, the autospace
between Chinese and Latin, alignment, and where pages may break."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPainter,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QApplication

from app.io import WriteError
from app.page import BODY, BODY_PT, LETTER_SPACING_PT, SECTION, Align
from app.plan import TableBlock, rows_kept_with_next
from app.report import Paragraph, Report
from app.schema import PREAMBLE, SECTIONS, TABLES
from tests.realistic import varied_report
from tests.ui.printcheck import (
    ARTIFACTS,
    full_report,
    pdf_device,
    pdf_pages_text,
    squash,
)
from ui import print_fonts
from ui.print_flow import Context, Glue, LineUnit, RowUnit, paginate, text_option
from ui.print_fonts import CHAINS, Role
from ui.print_layout import AUTOSPACE_EM, FlowBuilder, autospace_at, build_flow, layout_report
from ui.print_table import TableLayout
from ui.printing import export_pdf, paint_page


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


def test_official_font_names_first_then_fallbacks() -> None:
    firsts = {role: CHAINS[role][0] for role in Role}
    assert firsts == {Role.BODY: "仿宋_GB2312", Role.TITLE: "方正小标宋简体", Role.KAI: "楷体_GB2312",
                      Role.HEI: "黑体", Role.SONG: "宋体"}
    for chain in CHAINS.values():
        assert {"Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei"} <= set(chain)
    assert {"FangSong", "STFangsong"} <= set(CHAINS[Role.BODY]) and "KaiTi" in CHAINS[Role.KAI]
    assert "SimHei" in CHAINS[Role.HEI] and {"SimSun", "NSimSun"} <= set(CHAINS[Role.SONG])


def _runs_fonts(f: QFont, text: str) -> list[tuple[int, str, str]]:
    """(glyphs, family, style) of each glyph run of ``text`` laid out in ``f``, in order."""
    layout = QTextLayout(text, f)
    layout.beginLayout()
    while layout.createLine().isValid():
        pass
    layout.endLayout()
    runs = []
    for run in layout.glyphRuns():
        raw = run.rawFont()
        runs.append((len(run.glyphIndexes()), raw.familyName(), raw.styleName()))
    return runs


def test_qt_is_given_a_first_family_it_has_and_prints_the_same_fonts(qapp: QApplication) -> None:
    """Given a first family it does not have (the official names, missing on a bare Linux), Qt
    asks fontconfig for that name's fallbacks, a sorted list of every font, per style and script
    (~2% of an `export --to .pdf`).  The chain's first listed family goes first instead; every
    character still prints in the font the chain in its own order gives it."""
    listed = set(QFontDatabase.families())
    # Also characters the first family lacks, drawn by a later family of the chain or by Qt's own
    # fallback (here 文泉驿微米黑 draws one, DejaVu Sans the Arabic and two symbols): the same.
    text = print_fonts.PROBE + "ABCxyz①②→™€¥§※〔〕《》·…—～ العربية ไทย ☀☂♞ ⌘ ∰ 𠀀𠀁 𪚥 ㉑㊣ ﹏ Ω ẞ"
    for role in Role:
        f = print_fonts.font(role, 16)
        assert f.families()[0] in listed, role
        assert sorted(f.families()) == sorted(CHAINS[role])
        as_chain = QFont(f)
        as_chain.setFamilies(list(CHAINS[role]))
        assert _runs_fonts(f, text) == _runs_fonts(as_chain, text), role


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
    kai = [r for r in lead.formats() if r.format.fontFamilies() == list(print_fonts.families(Role.KAI))]
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
    assert organ_line.layout.text().replace("\u2028", "") == organ  # a long one broken at whole names (W4)
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


def test_every_laid_out_text_keeps_its_glyphs_for_the_painting(qapp: QApplication, tmp_path: Path) -> None:
    """QTextLayout drops its shaped glyphs at endLayout unless its cache is on, and then shapes
    every line again when it is drawn (justifying it): a third of the sample's shaping, done
    twice.  Body lines and table cells alike keep them."""
    pages = layout_report(full_report(), pdf_device(tmp_path / "x.pdf"))
    lines = [unit.layout for page in pages for unit, _ in page if isinstance(unit, LineUnit)]
    cells = {id(cell.layout): cell.layout for page in pages for unit, _ in page if isinstance(unit, RowUnit)
             for cell in unit.table.cells}
    assert lines and cells
    assert all(layout.cacheEnabled() for layout in [*lines, *cells.values()])


@pytest.mark.parametrize("chars", [1200, 1700, 3200])
def test_preview_binds_the_rows_the_docx_binds_and_fills_pages_before_tables(
        qapp: QApplication, tmp_path: Path, chars: int) -> None:
    """The print layout breaks a table where the .docx lets Word and LibreOffice break it
    (app.plan.rows_kept_with_next), so neither moves a whole table and leaves a page half empty
    (the lengths are those of tests/test_docx_pagination.py)."""
    device = pdf_device(tmp_path / "x.pdf")
    ctx = Context(device)
    for spec in TABLES.values():
        table = TableLayout(TableBlock(spec, full_report().cell_texts(spec.key)), ctx)
        hard = {r for r, u in enumerate(table.units()) if u.glue is Glue.HARD}
        assert rows_kept_with_next(spec) <= hard, spec.key
        assert hard != set(range(spec.grid_rows - 1)) or spec.grid_rows <= spec.header_rows + 3, spec.key
    pages = layout_report(varied_report(chars, 7), device)
    for page in pages[:-2]:
        unit, y = page[-1]
        assert y + unit.height >= ctx.block_height * 2 / 3, f"page {pages.index(page) + 1} mostly empty"
