"""Ctrl+V of 表三's rows copied from last year's spreadsheet with their labels: pasted by the
labels, one undo step, and said so (rev24c P1: refused whole as “…不是数字”)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from app.schema import T3_CARRIED_IN, T3_COL_NATURAL, T3_NEW
from tests.ui.conftest import ref3, table
from ui.main_window import MainWindow


def test_paste_a_block_with_its_row_labels_from_last_years_spreadsheet(window: MainWindow) -> None:
    view = table(window, "三")
    model = view.grid_model()
    view.setCurrentIndex(model.index_of((T3_NEW, T3_COL_NATURAL)))
    QGuiApplication.clipboard().setText("一、本年新收政府信息公开申请数量\t12\t3\t0\t0\t0\t1\t16\r\n"
                                        "二、上年结转政府信息公开申请数量\t1\t\t\t\t\t\t1\r\n")
    view.setFocus()
    window.paste()
    report = window.state.report
    assert [report.value(ref3(T3_NEW, c)) for c in range(2)] == [12, 3]
    assert report.value(ref3(T3_CARRIED_IN, T3_COL_NATURAL)) == 1
    assert window.state.stack.count() == 1, "a paste is one undo step"
    assert "按行标签粘贴" in window.statusBar().currentMessage()
