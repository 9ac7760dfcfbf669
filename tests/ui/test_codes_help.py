"""帮助 → 检查项说明 lists every declared finding, from the registry (issue 11: the editor's help
text is generated from app/findings.REGISTRY, as README's table is)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from app.findings import REGISTRY, Severity, declare
from ui.codes_help import COLUMNS, CodesHelp, row_texts
from ui.main_window import MainWindow


def rows(dialog: CodesHelp) -> list[tuple[str, ...]]:
    t = dialog.table
    return [tuple(t.item(r, c).text() for c in range(t.columnCount())) for r in range(t.rowCount())]


def test_every_declared_finding_is_explained_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = CodesHelp()
    qtbot.addWidget(dialog)
    shown = rows(dialog)
    assert len(shown) == len(REGISTRY)
    assert sorted(shown) == sorted(row_texts(d) for d in REGISTRY.values())
    codes = {r[1] for r in shown}
    assert "DUP-PARAGRAPH" in codes and "LABEL-EDITED（heading）" in codes
    assert [dialog.table.horizontalHeaderItem(c).text() for c in range(len(COLUMNS))] == list(COLUMNS)
    severities = [r[0] for r in shown]
    assert severities == sorted(severities, key=["错误", "警告", "提示"].index)  # errors first


def test_a_newly_declared_code_appears_without_touching_the_dialog(qtbot) -> None:  # type: ignore[no-untyped-def]
    entry = declare("TEST-ONLY-CODE", Severity.INFO, "测试用问题", "仅供测试", "无需处理")
    try:
        dialog = CodesHelp()
        qtbot.addWidget(dialog)
        assert ("提示", "TEST-ONLY-CODE", "测试用问题", "仅供测试", "无需处理") in rows(dialog)
    finally:
        del REGISTRY[(entry.code, entry.kind)]


def test_help_menu_opens_it_with_f1(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.act_codes.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    seen: list[int] = []

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CodesHelp)
        seen.append(dialog.table.rowCount())
        dialog.reject()

    QTimer.singleShot(0, close_it)
    window.act_codes.trigger()
    assert seen == [len(REGISTRY)]
    assert window.act_codes in window.menuBar().actions()[-1].menu().actions()
