"""A report read without one figure in its statutory tables (NO-FIGURES): the editor lists it
first, as an error, until a figure is typed; the batch window counts it and quotes it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.io import save_report
from app.schema import T3_COL_NATURAL, T3_COL_TOTAL, T3_NEW
from tests.test_batch import blank_report, report
from tests.ui.conftest import table, type_into
from ui.batch_model import COLUMNS
from ui.batch_window import BatchWindow
from ui.findings import FINDING_ROLE
from ui.main_window import MainWindow

SAID = "统计表中没有读到任何数字"


def test_the_editor_lists_it_first_until_a_figure_is_typed(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    save_report(blank_report(), tmp_path / "空表.docx")
    assert window.docs.load(tmp_path / "空表.docx")
    proxy = window.findings.proxy
    first = proxy.index(0, 0).data(FINDING_ROLE)
    assert first.code == "NO-FIGURES" and SAID in first.message
    assert window.findings.toggles[first.severity].text().startswith("错误")
    assert "NO-FIGURES" in [f.code for f in window.state.findings]
    type_into(qtbot, table(window, "三"), (T3_NEW, T3_COL_NATURAL), "3")
    window.state.ensure_checked()
    assert "NO-FIGURES" not in [f.code for f in window.state.findings], "a figure typed: read no more"
    window.state.stack.undo()
    assert "NO-FIGURES" in [f.code for f in window.state.findings]


def test_the_batch_window_counts_and_quotes_it(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "收到"
    folder.mkdir()
    save_report(report("某县财政局", 2023), folder / "good.docx")
    save_report(blank_report(), folder / "空表.docx")
    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([folder])
    got = {}
    for r in range(w.proxy.rowCount()):
        cells = {COLUMNS[c]: w.proxy.index(r, c).data() for c in range(len(COLUMNS))}
        got[cells["文件"]] = cells
    assert got["空表.docx"]["错误"] == "1" and got["good.docx"]["错误"] == "0"
    assert got["空表.docx"]["第一个问题"].startswith("[错误]") and SAID in got["空表.docx"]["第一个问题"]
    w.errors_only.setChecked(True)
    assert w.proxy.rowCount() == 1, "只看有错误的 keeps it"


def test_a_figure_typed_then_deleted_leaves_the_row_total_blank_and_the_finding_back(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    """Typing 3 into a row of the all-blank 表三 and deleting it: the row's 总计 shows blank, not
    0, and the report has no figure again (NO-FIGURES listed)."""
    save_report(blank_report(), tmp_path / "空表.docx")
    assert window.docs.load(tmp_path / "空表.docx")
    view = table(window, "三")
    model = view.grid_model()
    type_into(qtbot, view, (T3_NEW, T3_COL_NATURAL), "3")
    assert model.index_of((T3_NEW, T3_COL_TOTAL)).data() == "3"
    view.setCurrentIndex(model.index_of((T3_NEW, T3_COL_NATURAL)))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert model.index_of((T3_NEW, T3_COL_TOTAL)).data() in ("", None), "the total follows its parts to blank"
    window.state.ensure_checked()
    assert "NO-FIGURES" in [f.code for f in window.state.findings], "no figure left: said again"
