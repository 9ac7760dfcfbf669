"""The note beside a refused entry: readable, and never over a figure (gui16, shots 06–08, 60)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.schema import (
    T2_IN_FORCE,
    T2_ISSUED,
    T2_NORMATIVE,
    T2_REPEALED,
    T2_RULES,
    T3_CARRIED_IN,
    T3_COL_BUSINESS,
    T3_COL_NATURAL,
    T3_COL_TOTAL,
    T3_NEW,
    T3_RESULT_ROWS,
    CellRef,
)
from tests.ui.conftest import ref3, report_with, table, type_into
from ui.grid_refusals import SHORT
from ui.main_window import MainWindow
from ui.resources import ui_font
from ui.table_view import GridView


def hidden_under_note(view: GridView) -> list[tuple[int, int]]:
    """The filled cells, the entries refused (their red frames) and the cursor's cell the note
    lies over, as data positions."""
    model = view.grid_model()
    note = view.note.geometry()
    offset = view.viewport().pos()
    hidden = []
    for cell in model.spec.cells:
        index = model.index_of((cell.row, cell.col))
        refused = model.ref(index) in model.refusals and model.ref(index) != view.note.ref
        filled = bool(model.data(index)) or index == view.currentIndex() or refused
        if filled and view.visualRect(index).translated(offset).intersects(note):
            hidden.append((cell.row, cell.col))
    return hidden


def test_the_note_never_hides_a_typed_figure(window: MainWindow, qtbot: QtBot) -> None:
    """“abc” refused in 商业企业 beside the 12 typed in 自然人: the note lies elsewhere, and moves
    off each figure typed next to it and off the cell the cursor goes to."""
    window.state.replace_report(report_with(**{"三": {(T3_NEW, T3_COL_NATURAL): 12}}))
    view = table(window, "三")
    model = view.grid_model()
    type_into(qtbot, view, (T3_NEW, T3_COL_BUSINESS), "abc")
    assert view.note.isVisible() and view.note.text().startswith("未填入：“abc”")
    assert hidden_under_note(view) == []
    neighbours = [(T3_NEW, T3_COL_BUSINESS + 1), (T3_CARRIED_IN, T3_COL_BUSINESS),
                  (T3_CARRIED_IN, T3_COL_BUSINESS + 1), (T3_CARRIED_IN, T3_COL_BUSINESS + 2),
                  (T3_NEW, T3_COL_BUSINESS + 2)]
    for n, pos in enumerate(neighbours, start=1):
        view.setCurrentIndex(model.index_of(pos))  # the cursor there first: not under the note
        assert not view.note.isVisible() or hidden_under_note(view) == [], pos
        type_into(qtbot, view, pos, str(n), Qt.Key.Key_Tab)
        assert window.state.report.value(CellRef("三", *pos)) == n
        assert not view.note.isVisible() or hidden_under_note(view) == [], pos
    assert ref3(T3_NEW, T3_COL_BUSINESS) in model.refusals


def test_the_note_never_hides_an_entry_refused_before(window: MainWindow, qtbot: QtBot) -> None:
    """user33 under Xvfb: “2.5” typed in 自然人, Tab, “-3” in 商业企业: the note of “-3” lay to
    its left, over the cell of “2.5” (blank: its value kept), its red frame out of sight."""
    view = table(window, "三")
    type_into(qtbot, view, (T3_NEW, T3_COL_NATURAL), "2.5", Qt.Key.Key_Tab)
    type_into(qtbot, view, (T3_NEW, T3_COL_BUSINESS), "-3", Qt.Key.Key_Tab)
    model = view.grid_model()
    assert {ref3(T3_NEW, T3_COL_NATURAL), ref3(T3_NEW, T3_COL_BUSINESS)} <= set(model.refusals)
    assert view.note.isVisible() and view.note.ref == ref3(T3_NEW, T3_COL_BUSINESS)
    assert hidden_under_note(view) == []
    first = view.visualRect(model.index_of((T3_NEW, T3_COL_NATURAL))).translated(view.viewport().pos())
    assert not first.intersects(view.note.geometry())


def test_where_every_place_holds_a_figure_the_status_bar_says_it(window: MainWindow, qtbot: QtBot) -> None:
    """A table filled all round: the note is left out (or a short one where it fits), the red
    frame and the status bar say what was not taken."""
    figures = {(cell.row, cell.col): 1 for cell in table(window, "三").grid_model().spec.cells}
    window.state.replace_report(report_with(**{"三": figures}))
    view = table(window, "三")
    type_into(qtbot, view, (T3_CARRIED_IN, T3_COL_BUSINESS), "x")
    assert ref3(T3_CARRIED_IN, T3_COL_BUSINESS) in view.grid_model().refusals
    assert "未填入：“x”不是数字" in window.statusBar().currentMessage()
    assert not view.note.isVisible() or (view.note.text() == SHORT and hidden_under_note(view) == [])


def test_a_long_entry_is_shortened_inside_its_quotes(window: MainWindow, qtbot: QtBot) -> None:
    """31 digits: the note keeps the count, the closing quote and the reason whole, the entry's
    start too, at the note's own width (gui16, shot 60: “123456789012345…个字符）不是有效数字…”)."""
    view = table(window, "三")
    type_into(qtbot, view, (T3_CARRIED_IN, T3_COL_NATURAL), "1234567890" * 3 + "1")
    note = view.note
    assert note.isVisible()
    shown = note.text()
    assert shown.startswith("未填入：“123") and shown.endswith("”（31个字符）不是有效数字，位数过多，原值保留")
    room = note.contentsRect()
    if note.wordWrap():  # on two lines beside the cell (no room for one line that hides no figure)
        laid = note.fontMetrics().boundingRect(QRect(0, 0, room.width(), 10000), int(Qt.TextFlag.TextWordWrap), shown)
        assert laid.width() <= room.width() and laid.height() <= room.height(), (laid, room)
    else:
        assert note.fontMetrics().horizontalAdvance(shown) <= room.width()
    assert QRect(note.mapTo(view, note.rect().topLeft()), note.size()).right() <= view.rect().right()


def header_under_note(view: GridView) -> QRect:
    """The part of the column headers (the grid's own header rows, or the frozen copy of them
    laid over a scrolled grid) the note lies over, in the grid's coordinates; empty if none."""
    offset = view.viewport().pos()
    rows = view.grid_model().spec.header_rows
    header = QRect(offset.x(), offset.y(), view.viewport().width(), max(view.rowViewportPosition(rows), 0))
    if view.top_pane.isVisible():
        header = header.united(view.top_pane.geometry())
    return header.intersected(view.note.geometry())


def _row_filled(row: int, skip: int | None = None) -> dict[tuple[int, int], int]:
    return {(row, col): 1 for col in range(T3_COL_TOTAL) if col != skip}


def test_the_note_never_covers_the_column_headers(window: MainWindow, qtbot: QtBot) -> None:
    """On the first row, figures left, right and under the refused cell: the note went above it,
    over 商业企业's header (cells16).  It goes elsewhere or is left out."""
    window.state.replace_report(report_with(**{"三": _row_filled(T3_NEW, T3_COL_BUSINESS) | _row_filled(T3_CARRIED_IN)}))
    view = table(window, "三")
    type_into(qtbot, view, (T3_NEW, T3_COL_BUSINESS), "abc")
    assert ref3(T3_NEW, T3_COL_BUSINESS) in view.grid_model().refusals
    assert not view.note.isVisible() or header_under_note(view).isEmpty(), view.note.geometry()
    assert "未填入：“abc”不是数字" in window.statusBar().currentMessage()


def test_the_note_never_covers_the_frozen_headers_of_a_scrolled_grid(window: MainWindow, qtbot: QtBot) -> None:
    """Scrolled so that the refused row lies just under the headers kept in view: not over them."""
    row = T3_RESULT_ROWS[4]  # 3.危及“三安全一稳定”: some way down
    window.state.replace_report(report_with(**{"三": _row_filled(row, T3_COL_BUSINESS) | _row_filled(row + 1)}))
    view = table(window, "三")
    type_into(qtbot, view, (row, T3_COL_BUSINESS), "abc")
    model = view.grid_model()
    bar = view.verticalScrollBar()
    top = view.rowViewportPosition(model.index_of((row, T3_COL_BUSINESS)).row()) + bar.value()
    bar.setValue(top - view.frozen_size()[1])
    assert bar.value() == top - view.frozen_size()[1] and view.top_pane.isVisible(), "the window is too tall to scroll"
    view.note.place()
    assert not view.note.isVisible() or header_under_note(view).isEmpty(), view.note.geometry()


def test_over_the_frozen_labels_of_a_grid_scrolled_right_the_note_shows(window: MainWindow, qtbot: QtBot) -> None:
    """Every figure filled, the grid scrolled right under its frozen label columns: the note of a
    cell in the first column in view lies over the row's label, where it hides nothing (it was
    left out: the figures scrolled under the labels counted as covered)."""
    figures = {(cell.row, cell.col): 1 for cell in table(window, "三").grid_model().spec.cells}
    window.state.replace_report(report_with(**{"三": figures}))
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.dock)
    window.resize(1024, 700)
    window.resizeDocks([window.dock], [560], Qt.Orientation.Horizontal)  # the grid narrow
    view = table(window, "三")
    qtbot.waitUntil(lambda: view._fit_width == view.viewport().width() and not view._fit_timer.isActive())
    bar = view.horizontalScrollBar()
    bar.setValue(bar.maximum())
    width = view.frozen_size()[0]
    assert bar.value() > 0 and view.left_pane.isVisible() and width > 0, "the grid fits: nothing scrolled under"
    model = view.grid_model()
    under = [model.ref(view.indexAt(QPoint(x, view.viewport().height() // 2))) for x in (width - 5, width + 5)]
    assert under[0] is not None, "a figure scrolled under the labels"
    refused = under[1]
    assert refused is not None
    type_into(qtbot, view, (refused.row, refused.col), "abc")
    assert refused in model.refusals and bar.value() > 0
    view.updateGeometries()  # as Qt lays the grid out again (a row grown, the window resized): panes placed anew
    note = view.note
    assert note.isVisible(), "left out, though the labels' place hides no figure"
    assert view.left_pane.geometry().contains(note.geometry()), note.geometry()
    assert view.childAt(note.geometry().center()) in (note, *note.findChildren(QWidget)), "seen, not under the labels"


def test_a_sentence_wider_than_the_room_beside_its_cell_wraps_and_keeps_its_reason(window: MainWindow, qtbot: QtBot) -> None:
    """In the editor's own font, at the tests' window, “未填入：“1.5”：件数必须是整数，原值保留” is wider
    than the label column left of 自然人 and the cursor's cell is under it: the note said
    “未填入” alone, the user left to guess why (start20a).  It wraps on two lines, the reason whole."""
    window.setFont(ui_font())  # what create_application gives the editor's windows
    window.state.replace_report(report_with(**{"三": {(T3_NEW, T3_COL_NATURAL): 7}}))
    view = table(window, "三")
    type_into(qtbot, view, (T3_NEW, T3_COL_NATURAL), "1.5")
    model = view.grid_model()
    note = view.note
    text = model.refusals[ref3(T3_NEW, T3_COL_NATURAL)].describe()
    cell = view.visualRect(model.index_of((T3_NEW, T3_COL_NATURAL))).translated(view.viewport().pos())
    assert note.fontMetrics().horizontalAdvance(text) > cell.left(), "one line fits left of the cell: nothing to wrap"
    assert note.isVisible() and note.text() == text
    lines = note.fontMetrics().boundingRect(note.contentsRect(), Qt.TextFlag.TextWordWrap, text)
    assert note.contentsRect().contains(lines), "the text cut at the note's edge"
    assert hidden_under_note(view) == []
    assert header_under_note(view).isEmpty()


def test_in_table2_the_note_never_covers_a_groups_column_names(window: MainWindow, qtbot: QtBot) -> None:
    """表二 heads each group with its own heading and column names (no header rows of the grid's
    own): “3a” refused in 规章's 现行有效件数, 5 and 1 typed beside it and 0 under it, the note
    lay over 现行有效件数 itself (gui23, shot 06)."""
    view = table(window, "二")
    type_into(qtbot, view, (T2_RULES, T2_ISSUED), "5", Qt.Key.Key_Tab)
    type_into(qtbot, view, (T2_RULES, T2_REPEALED), "1", Qt.Key.Key_Tab)
    type_into(qtbot, view, (T2_NORMATIVE, T2_IN_FORCE), "0")
    type_into(qtbot, view, (T2_RULES, T2_IN_FORCE), "3a")
    assert CellRef("二", T2_RULES, T2_IN_FORCE) in view.grid_model().refusals
    model, offset = view.grid_model(), view.viewport().pos()
    names = [cell for cell in model.spec.layout if cell.data is None and cell.row < model.index_of((T2_RULES, 0)).row()]
    assert {c.text for c in names} >= {"第二十条第（一）项", "现行有效件数"}
    for cell in names:
        rect = view.visualRect(model.index(cell.row, cell.col)).translated(offset)
        assert not view.note.isVisible() or not rect.intersects(view.note.geometry()), (cell.text, view.note.geometry())
    assert not view.note.isVisible() or hidden_under_note(view) == []
    assert "未填入：“3a”不是数字" in window.statusBar().currentMessage()
