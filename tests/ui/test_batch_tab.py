"""Read-only lists let the keyboard go (ui/focus_order.read_only_list): in 批量检查's list of
reports and 检查项说明's table, Tab walked from cell to cell, wrapping for ever (Qt's default
tabKeyNavigation), and the filter, 导出汇总表… and 关闭 were out of the keyboard's reach (rev24c B1)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

from tests.conftest import SAMPLE
from tests.ui.conftest import checked_batch


def _presses(qtbot, key: Qt.Key, mod: Qt.KeyboardModifier, limit: int, done) -> int:  # type: ignore[no-untyped-def]
    """How many presses of ``key`` (at most ``limit``) until ``done()``."""
    for n in range(1, limit + 1):
        qtbot.keyClick(QApplication.focusWidget(), key, mod)
        if done():
            return n
    return limit


def _list_of(qtbot, tmp_path: Path, reports: int) -> QTableView:  # type: ignore[no-untyped-def]
    """批量检查's list, checked, of ``reports`` copies of the sample."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(reports):
        shutil.copy(SAMPLE, folder / f"r{i}.docx")
    table = checked_batch(qtbot, folder).findChild(QTableView)
    assert table is not None
    return table


def test_b1_tab_leaves_the_list(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    table = _list_of(qtbot, tmp_path, 4)
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    n = _presses(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier, 199, lambda: QApplication.focusWidget() is not table)
    cells = table.model().rowCount() * table.model().columnCount()
    assert n <= 2, f"{n} Tabs ({cells} cells: {table.model().rowCount()} rows × {table.model().columnCount()} columns) to leave the list; focus {type(QApplication.focusWidget()).__name__}"


def test_b1b_any_tab_key_leaves_the_list(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    table = _list_of(qtbot, tmp_path, 2)
    out = {}
    for name, key, mod in (("Shift+Tab", Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier),
                           ("Ctrl+Tab", Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier),
                           ("Ctrl+Shift+Tab", Qt.Key.Key_Backtab, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)):
        table.setFocus()
        table.setCurrentIndex(table.model().index(0, 3))
        qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
        out[name] = _presses(qtbot, key, mod, 59, lambda: QApplication.focusWidget() is not table)
    assert all(n < 59 for n in out.values()), out


def test_b1c_tab_in_the_codes_help_table_reaches_close(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox, QTableWidget

    from ui.codes_help import CodesHelp

    dialog = CodesHelp()
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.findChild(QTableWidget)
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    n = _presses(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier, 9, lambda: QApplication.focusWidget() is close)
    assert QApplication.focusWidget() is close and n <= 2, f"{n} Tabs; focus {type(QApplication.focusWidget()).__name__}"
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is table and table.currentIndex().row() >= 0, "arrows still move in the list"
