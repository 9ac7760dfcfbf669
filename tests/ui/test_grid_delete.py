"""Delete in a statutory table: the cells chosen cleared in one step and said (“已清除N个单元格”,
as 粘贴 says); on a 合计 alone, why nothing went."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.schema import T3_CARRIED_IN, T3_COL_BUSINESS, T3_COL_NATURAL, T3_COL_TOTAL, T3_NEW
from tests.ui.conftest import ref3, report_with, table
from ui.table_view import TOTAL_READ_ONLY


def test_delete_clears_the_selection_in_one_step(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.state.replace_report(report_with(**{"三": {(T3_NEW, T3_COL_NATURAL): 1, (T3_NEW, T3_COL_BUSINESS): 2, (T3_CARRIED_IN, T3_COL_NATURAL): 3}}))
    view = table(window, "三")
    model = view.grid_model()
    view.setCurrentIndex(model.index_of((T3_NEW, T3_COL_NATURAL)))
    view.selectionModel().select(model.index_of((T3_NEW, T3_COL_BUSINESS)), view.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    report = window.state.report
    assert report.value(ref3(T3_NEW, T3_COL_NATURAL)) is None and report.value(ref3(T3_NEW, T3_COL_BUSINESS)) is None
    assert report.value(ref3(T3_CARRIED_IN, T3_COL_NATURAL)) == 3
    assert window.state.stack.count() == 1
    assert window.statusBar().currentMessage() == "已清除2个单元格"  # said, as 粘贴 says (user33)


def test_delete_on_a_total_says_why_nothing_went(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A 合计 chosen alone, Delete: nothing changed and nothing said before (user33 under Xvfb);
    it says what typing there says."""
    window.state.replace_report(report_with(**{"三": {(T3_NEW, T3_COL_NATURAL): 4}}))
    view = table(window, "三")
    view.setFocus()
    view.setCurrentIndex(view.grid_model().index_of((T3_NEW, T3_COL_TOTAL)))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert window.state.report.value(ref3(T3_NEW, T3_COL_TOTAL)) == 4 and window.state.stack.count() == 0
    assert window.statusBar().currentMessage() == TOTAL_READ_ONLY
