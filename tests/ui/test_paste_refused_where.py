"""A pasted block refused for one bad cell says which cell of the *block* it was and where in the
table it was to go: “第2行第2列“x”不是数字” alone was read as the table's own second row and
column (the GUI tester pasted a 2×6 range from Excel at （一）予以公开 and looked at 二、上年结转)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QGuiApplication

from app.schema import T3_COL_NATURAL, T3_NEW
from tests.ui.conftest import ref3, table
from ui.main_window import MainWindow


def test_a_refused_blocks_message_names_the_block_cell_and_its_place_in_the_table(window: MainWindow) -> None:
    view = table(window, "三")
    model = view.grid_model()
    spec = model.spec
    start = T3_NEW + 2  # （一）予以公开
    # The cell chosen alone, whatever modifier an earlier test left Qt believing held (view.setCurrentIndex
    # reads them: a Shift left “down” made it a block from the previous cell, and the paste went there).
    view.selectionModel().setCurrentIndex(model.index_of((start, T3_COL_NATURAL)), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    QGuiApplication.clipboard().setText("3\t2\t1\t0\t0\t0\r\n5\tx\t0\t1\t1\t2\r\n")
    view.setFocus()
    window.paste()
    said = window.statusBar().currentMessage()
    assert said.startswith("粘贴内容第2行第2列“x”不是数字"), said
    assert spec.describe(start + 1, T3_COL_NATURAL + 1) in said, said
    assert said.endswith("整块未粘贴"), said
    assert window.state.report.value(ref3(start, T3_COL_NATURAL)) is None, "nothing pasted"


def test_one_bad_value_pasted_into_one_cell_is_no_block(window: MainWindow) -> None:
    view = table(window, "三")
    model = view.grid_model()
    view.selectionModel().setCurrentIndex(model.index_of((T3_NEW, T3_COL_NATURAL)), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    QGuiApplication.clipboard().setText("x\r\n")
    view.setFocus()
    window.paste()
    said = window.statusBar().currentMessage()
    assert said.startswith("粘贴内容“x”不是数字") and "整块" not in said, said
    assert model.spec.describe(T3_NEW, T3_COL_NATURAL) in said, said
