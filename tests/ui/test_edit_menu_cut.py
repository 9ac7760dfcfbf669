"""编辑 → 剪切 and 全选 act on what has the focus, as 复制/粘贴 do: a section's text, the cell
being typed in, the grid's cells.  Word and WPS users look for them in the menu (GUI tester, s17)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit

from app.schema import T3_COL_NATURAL, T3_NEW
from tests.ui.conftest import table, type_text
from ui.main_window import MainWindow


def _focus(qtbot, window: MainWindow, widget) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def _cut_offered(window: MainWindow) -> bool:
    window.edit_menu.aboutToShow.emit()  # as the menu opens
    return window.act_cut.isEnabled()


def test_the_edit_menu_has_cut_and_select_all(window: MainWindow) -> None:
    actions = window.edit_menu.actions()
    assert window.act_cut in actions and window.act_select_all in actions
    assert window.act_cut.shortcut().toString() == "Ctrl+X"
    assert window.act_select_all.shortcut().toString() == "Ctrl+A"


def test_select_all_then_cut_empties_the_pane_into_the_clipboard(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.docs.new()
    editor = window.show_page("五").editor
    _focus(qtbot, window, editor)
    type_text(editor, "本年度未收取信息处理费。")
    QGuiApplication.clipboard().setText("别的")
    assert not _cut_offered(window), "nothing chosen: nothing to cut"
    window.act_select_all.trigger()
    assert editor.textCursor().selectedText() == "本年度未收取信息处理费。"
    assert _cut_offered(window)
    window.act_cut.trigger()
    assert editor.toPlainText() == ""
    assert QGuiApplication.clipboard().text() == "本年度未收取信息处理费。"
    window.state.flush()
    assert window.state.report.section_text("五") == ""
    window.state.stack.undo()  # one step, as Ctrl+X's
    window.state.flush()
    assert window.state.report.section_text("五") == "本年度未收取信息处理费。"


def test_on_the_grid_select_all_chooses_every_cell_and_cut_is_greyed(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.docs.new()
    view = table(window, "三")
    _focus(qtbot, window, view)
    view.setCurrentIndex(view.grid_model().index_of((T3_NEW, T3_COL_NATURAL)))
    assert len(view.selectedIndexes()) == 1
    window.act_select_all.trigger()
    assert len(view.selectedIndexes()) > 20
    # The grid has no Ctrl+X (Delete clears a block): 剪切 is not offered there.
    assert not _cut_offered(window)


def test_cut_in_the_cell_being_typed_in(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.docs.new()
    view = table(window, "三")
    _focus(qtbot, window, view)
    view.setCurrentIndex(view.grid_model().index_of((T3_NEW, T3_COL_NATURAL)))
    qtbot.keyClicks(view, "1")
    editor = next(w for w in view.findChildren(QLineEdit) if w.isVisible())
    qtbot.keyClicks(editor, "27")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor)
    window.act_select_all.trigger()
    assert _cut_offered(window)
    window.act_cut.trigger()
    assert editor.text() == ""
    assert QGuiApplication.clipboard().text() == "127"


def test_opened_from_the_keyboard_the_menu_still_acts_on_the_pane(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Alt+E gives the menu bar the focus: 剪切/全选 act on the pane the keys came from."""
    window.docs.new()
    editor = window.show_page("五").editor
    _focus(qtbot, window, editor)
    type_text(editor, "无")
    window.menuBar().setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.menuBar())
    window.act_select_all.trigger()
    assert _cut_offered(window)
    window.act_cut.trigger()
    assert editor.toPlainText() == ""
    assert QGuiApplication.clipboard().text() == "无"
