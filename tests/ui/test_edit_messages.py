"""Status-bar messages about an edit follow its undo: 空白处填0's 已在…填入0 becomes 已撤销 when
the fill is undone, 已重做 when redone, and goes at any other edit."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.schema import T4_COL, T4_CORRECTED, T4_REVIEW_GROUP, T4_ROW, T4_UPHELD, CellRef
from tests.ui.conftest import report_with, table


def test_the_fill_message_goes_when_the_fill_is_undone(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """已在…填入0 describes the fill: Ctrl+Z of it says 已撤销, Ctrl+Y 已重做; another edit clears it."""
    window.state.replace_report(report_with(**{"四": {(T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_UPHELD]): 2}}))
    bar = window.statusBar()
    window.fill_zero()
    assert bar.currentMessage().startswith("已在")
    window.act_undo.trigger()  # 编辑 → 撤销
    assert window.state.report.tables["四"][(T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_CORRECTED])] is None
    assert bar.currentMessage() == "已撤销空白处填0：表二、表三、表四共165格"  # ui/reveal.py: where it was
    window.state.stack.redo()
    assert bar.currentMessage() == "已重做空白处填0：表二、表三、表四共165格"
    window.state.stack.undo()
    view = table(window, "四")
    view.fill_blanks_with_zero()  # the grid's own 本表空白处填0
    assert bar.currentMessage().startswith("已在")
    view.setCurrentIndex(view.grid_model().index_of((T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_UPHELD])))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert bar.currentMessage().startswith("已撤销空白处填0：表四“")
    window.state.stack.redo()
    view.push_edits("清除内容", [(CellRef("四", T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_UPHELD]), None)])
    assert bar.currentMessage() == ""  # another edit: the fill's message no longer describes the table
