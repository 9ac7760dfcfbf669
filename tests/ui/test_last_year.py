"""The year's cycle on the real window: 从上年报告新建, 与上年报告对照 (stored in the .docx),
显示上年数, 现行有效 following what is typed, 五's prompt."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from app.findings import CROSS_YEAR_CARRYOVER, SAME_FIGURES, SAME_SENTENCE
from app.io import save_report
from app.lastyear import attached
from app.schema import T2_COL, T2_ROW, T3_CARRIED_IN, T3_CARRIED_OUT, CellRef
from tests.test_lastyear import last_year
from tests.ui.conftest import read_through, table, type_into, type_text
from ui.navigation import SHARE_ROLE


def _last_file(tmp_path: Path) -> Path:
    path = tmp_path / "某局2023年报.docx"
    save_report(last_year(), path)
    return path


def _of(window, entry):  # type: ignore[no-untyped-def]
    return [f for f in window.state.findings if f.declared is entry]


def test_rollover_from_the_menu(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = _last_file(tmp_path)
    window.year_tools.last.ask_last_path = lambda title: str(source)
    window.year_tools.act_rollover.trigger()
    read_through(window)
    report = window.state.report
    assert report.year == 2024 and report.organ == "某区某局"
    assert report.tables["三"][(T3_CARRIED_IN, 0)] == 3 and report.date is None
    assert window.docs.path is None and window.state.is_modified()
    assert "未命名 — 2024年度" in window.windowTitle()
    assert attached(report) is not None and attached(report).source == source.name
    assert _of(window, SAME_SENTENCE) and _of(window, SAME_FIGURES)
    nav = window.nav_model
    assert nav.index(nav.row_of("一")).data(SHARE_ROLE) == 100
    page = window.show_page("一")
    assert page.editor.highlighter.spans.get(0)  # the carried sentence is tinted
    # Rewritten: its tint and its share go.
    cursor = page.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.Start)
    cursor.movePosition(cursor.MoveOperation.EndOfBlock, cursor.MoveMode.KeepAnchor)
    page.editor.setTextCursor(cursor)
    page.editor.setFocus()
    type_text(page.editor, "2024年，我局继续深化政务公开，全年新增公开目录五项。")
    window.state.sync_text()
    assert not [f for f in _of(window, SAME_SENTENCE) if f.location.section == "一" and f.location.span.paragraph == 0]
    assert 0 < nav.index(nav.row_of("一")).data(SHARE_ROLE) < 100


def test_attach_travels_with_the_file(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = _last_file(tmp_path)
    this = last_year()
    this.year = 2024
    this.set_value(CellRef("三", T3_CARRIED_IN, 0), 7)  # last year carried 3 over
    save_report(this, tmp_path / "2024.docx")
    window.docs.load(tmp_path / "2024.docx")
    assert not _of(window, CROSS_YEAR_CARRYOVER)
    window.year_tools.last.ask_last_path = lambda title: str(source)
    window.year_tools.act_attach.trigger()
    read_through(window)
    assert _of(window, CROSS_YEAR_CARRYOVER) and window.state.is_modified()
    window.act_undo.trigger()
    assert not _of(window, CROSS_YEAR_CARRYOVER)
    window.act_redo.trigger()
    assert _of(window, CROSS_YEAR_CARRYOVER)
    window.act_save.trigger()
    source.unlink()  # last year's file gone: the pairing is in this year's .docx
    window.act_new.trigger()
    assert not _of(window, CROSS_YEAR_CARRYOVER)
    window.docs.load(tmp_path / "2024.docx")
    assert _of(window, CROSS_YEAR_CARRYOVER)
    window.year_tools.act_detach.trigger()
    assert not _of(window, CROSS_YEAR_CARRYOVER)


def test_a_broken_last_year_file_is_one_message(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "bad.docx").write_bytes(b"not a docx")
    window.year_tools.last.ask_last_path = lambda title: str(tmp_path / "bad.docx")
    window.year_tools.act_attach.trigger()
    read_through(window)
    window.year_tools.act_rollover.trigger()
    read_through(window)
    assert len(window.errors) == 2 and all("bad.docx" in e for e in window.errors)
    assert window.state.stack.count() == 0 and attached(window.state.report) is None


def test_show_last_year_in_the_grid(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = _last_file(tmp_path)
    window.year_tools.last.rollover(source)
    read_through(window)
    view = table(window, "三")
    model = view.grid_model()
    carried_out = model.index_of((T3_CARRIED_OUT, 0))
    assert "上年：3" in model.data(carried_out, Qt.ItemDataRole.ToolTipRole)
    plain = view.itemDelegate()
    window.year_tools.act_show_last.trigger()
    assert window.year_tools.act_show_last.isChecked() and view.itemDelegate() is not plain
    view.grab()  # paints every cell with last year's figure
    table(window, "四")  # a page made while it is on shows it too
    assert window.pages["四"].view.itemDelegate() is not window.pages["四"]._plain_delegate
    window.year_tools.act_show_last.trigger()
    assert view.itemDelegate() is plain


def test_in_force_follows_typing_in_one_step(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.year_tools.last.rollover(_last_file(tmp_path))
    read_through(window)
    view = table(window, "二")
    row = T2_ROW["规章"]
    steps = window.state.stack.count()
    type_into(qtbot, view, (row, T2_COL["本年制发件数"]), "4")
    assert window.state.report.tables["二"][(row, T2_COL["现行有效件数"])] == 16  # 12 + 4
    assert window.state.stack.count() == steps + 1
    window.act_undo.trigger()
    assert window.state.report.tables["二"][(row, T2_COL["现行有效件数"])] == 12


def test_section_five_asks_about_last_years_problems(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("五")
    assert "上一年度报告提出的问题" in page.editor.placeholderText()
    window.year_tools.last.rollover(_last_file(tmp_path))
    read_through(window)
    assert "公开内容不够全面" in page.editor.placeholderText()  # last year's problems, to answer
    assert window.state.report.section_text("五") == "存在的问题是公开内容不够全面，下一步将加强培训。"


def test_the_empty_window_offers_last_years_report(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("基本信息")
    assert page.start.isVisible()
    buttons = [b.defaultAction() for b in page.start.findChildren(QToolButton)]
    assert window.year_tools.act_rollover in buttons
    window.year_tools.last.ask_last_path = lambda title: str(_last_file(tmp_path))
    next(b for b in page.start.findChildren(QToolButton) if b.defaultAction() is window.year_tools.act_rollover).click()
    read_through(window)
    assert window.state.report.year == 2024 and not page.start.isVisible()
    window.act_new.trigger()
    assert page.start.isVisible()


def test_a_report_not_of_the_year_before_is_paired_only_when_confirmed(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = _last_file(tmp_path)  # 2023
    same = last_year()  # this report is 2023 too
    save_report(same, tmp_path / "同年.docx")
    window.docs.load(tmp_path / "同年.docx")
    asked: list[tuple[int | None, int | None]] = []
    answers = [False, True]
    last = window.year_tools.last
    last.ask_last_path = lambda title: str(source)
    last.confirm_not_last_year = lambda a, b: asked.append((a.year, b.year)) or answers.pop(0)
    assert last.attach()
    read_through(window)
    assert asked == [(2023, 2023)] and attached(window.state.report) is None
    assert not window.state.is_modified() and not _of(window, SAME_SENTENCE)
    assert last.attach()
    read_through(window)
    assert attached(window.state.report) is not None


def test_show_last_year_grows_the_rows_only_with_a_last_year_to_show(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """显示上年数 switched on before 与上年报告对照 (GUI tester s15): nothing to show, so no row is a
    line taller; attached, the rows make room for last year's figures; detached, they are as before."""
    source = _last_file(tmp_path)  # 2023
    this = last_year()
    this.year = 2024
    save_report(this, tmp_path / "本年.docx")
    assert window.docs.load(tmp_path / "本年.docx") and attached(window.state.report) is None
    view = table(window, "三")
    row = view.grid_model().index_of((T3_CARRIED_OUT, 0)).row()
    plain = view.rowHeight(row)
    window.year_tools.act_show_last.trigger()
    assert window.year_tools.act_show_last.isChecked()
    assert view.rowHeight(row) == plain, "a row grew with no last year's figure to show"
    last = window.year_tools.last
    last.ask_last_path = lambda title: str(source)
    assert last.attach()
    read_through(window)
    assert attached(window.state.report) is not None
    assert view.rowHeight(row) > plain  # a line for last year's figure under the value
    last.detach()
    assert attached(window.state.report) is None and view.rowHeight(row) == plain


def _ink_rows(view, index) -> tuple[set[int], set[int]]:  # type: ignore[no-untyped-def]
    """Pixel rows of one painted cell holding the value's dark ink and the hint's muted blue-grey."""
    image = view.viewport().grab(view.visualRect(index)).toImage()
    value, hint = set(), set()
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if c.red() + c.green() + c.blue() < 200:
                value.add(y)
            elif c.blue() - c.red() > 12 and c.blue() < 200:  # Colors.LAST_YEAR, not the cell's own tint
                hint.add(y)
    return value, hint


def test_the_value_and_last_years_figure_are_both_readable(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.year_tools.last.rollover(_last_file(tmp_path))
    read_through(window)
    view = table(window, "三")
    type_into(qtbot, view, (T3_CARRIED_OUT, 0), "12")
    plain_height = view.rowHeight(view.grid_model().index_of((T3_CARRIED_OUT, 0)).row())
    window.year_tools.act_show_last.trigger()
    index = view.grid_model().index_of((T3_CARRIED_OUT, 0))
    assert view.rowHeight(index.row()) > plain_height  # a line for the hint under the value
    view.clearSelection()
    view.setCurrentIndex(view.grid_model().index(0, 0))
    view.scrollTo(index)  # the last row of 表三: below the page's fold
    value, hint = _ink_rows(view, index)
    assert value and hint, (value, hint)
    assert max(value) < min(hint), (sorted(value), sorted(hint))  # the value above, never under the hint
    window.year_tools.act_show_last.trigger()
    assert view.rowHeight(index.row()) == plain_height


def test_years_moved_on_by_replace_all_leave_the_copied_sections_an_error(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The GUI tester's steps (s12 guitest30 #1): 从上年报告新建 on the published sample, then
    Ctrl+H 全部替换 “2021年”→“2022年” as the README recommends.  一 and 五 are still last year's
    text but for that digit: the section errors stay, saying so, not only per-sentence 提示."""
    from app.findings import SAME_AS_LAST_YEAR, Severity

    sample = Path(__file__).resolve().parents[1] / "data" / "xiaogang-2021.docx"
    window.year_tools.last.ask_last_path = lambda title: str(sample)
    window.year_tools.act_rollover.trigger()
    read_through(window)
    assert window.state.report.year == 2022

    def section_errors() -> dict[str, str]:
        return {f.location.section: f.message for f in _of(window, SAME_AS_LAST_YEAR)}

    assert set(section_errors()) == {"一", "五"}
    assert all("完全相同" in m for m in section_errors().values())
    nav = window.nav_model

    def shares() -> dict[str, int]:  # the purple bar under each section's name, in percent
        return {key: nav.index(nav.row_of(key)).data(SHARE_ROLE) for key in ("一", "五")}

    before = shares()
    assert before == {"一": 100, "五": 100}, before
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = window.year_tools.find_dialog()
    assert dialog.isVisible()
    dialog.find_edit.setText("2021年")
    dialog.replace_edit.setText("2022年")
    qtbot.mouseClick(dialog.btn_all, Qt.MouseButton.LeftButton)
    assert "已替换" in dialog.status.text()
    window.state.sync_text()
    assert "2021年" not in window.state.report.section_text("一") + window.state.report.section_text("五")
    errors = section_errors()
    assert set(errors) == {"一", "五"}, errors
    assert errors["一"] == "“一、总体情况”与上一年度报告相比只改了年份，格式要求不得年年雷同"
    assert all(f.severity is Severity.ERROR for f in _of(window, SAME_AS_LAST_YEAR))
    # The findings panel counts them as errors, as 检查, the batch window and 导出发布稿 do.
    assert sum(f.severity is Severity.ERROR and f.code == "SAME-AS-LAST-YEAR" for f in window.state.findings) == 2
    # The bar agrees with the finding: text that is last year's but for its years is last year's
    # (s12 guitest30 #1 tail: the bar dropped while the error said 只改了年份)
    assert shares() == before
    tip = nav.index(nav.row_of("一")).data(Qt.ItemDataRole.ToolTipRole)
    assert "与上年报告相同的文字（不计年份、数字和标点）：100%" in tip, tip


def test_rollover_says_what_it_could_not_fill(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Last year's 结转下年度 row blank: the status bar asks for 上年结转, not 已按上年填好 (rev25c M3)."""
    last = last_year()
    last.set_value(CellRef("三", T3_CARRIED_OUT, 0), None)
    path = tmp_path / "某局2023年报.docx"
    save_report(last, path)
    said: list[str] = []
    window.year_tools.last.message.connect(said.append)
    window.year_tools.last.rollover(path)
    read_through(window)
    assert len(said) == 1 and "表三“上年结转”未填" in said[0] and "请填写" in said[0], said
    assert "表三“上年结转”和" not in said[0] and window.statusBar().currentMessage().endswith(said[0][-20:])


def test_rollover_message_keeps_its_news_on_a_small_screen(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """1366×768 at 150 % leaves the window 911 px wide: the message was cut through its middle
    (“已由 某区某局2023…度报告.docx 新建2024…数”有1格未填…”, tester s32), its news gone.  Now it
    starts with what happened and what to do, and only its end (the detail, the file) is cut."""
    last = last_year()
    last.set_value(CellRef("三", T3_CARRIED_OUT, 0), None)
    path = tmp_path / "某区某局2023年政府信息公开工作年度报告（定稿）.docx"
    save_report(last, path)
    window.resize(1366 * 2 // 3, 768 * 2 // 3)
    window.show()
    qtbot.waitExposed(window)
    window.year_tools.last.rollover(path)
    read_through(window)
    bar = window.statusBar()
    whole = bar.currentMessage()
    shown = bar.shown_message()
    assert shown != whole and shown.endswith("…"), (shown, whole)  # it did not fit: cut at its end
    assert shown.startswith("已新建2024年度报告：沿用的文字以浅紫色标出，请改写；表三“上年结转”"), shown
    assert bar.fontMetrics().horizontalAdvance(shown) <= bar.message_rect().width()
    assert bar.toolTip() == whole and path.name in whole  # the whole, file's name and all, in the tooltip
    # Another message is elided as before, in its middle (a saved file's path: its end says what saving did)
    window.show_message("已保存到 " + "很长的文件夹名称" * 12 + "/报告.docx；表二“规章”行未填入表格")
    assert "…" in bar.shown_message() and bar.shown_message().endswith("未填入表格"), bar.shown_message()
