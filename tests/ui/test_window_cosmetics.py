"""Small things a tester saw: a read-only file's title says （只读） from its first title on; the
段落 box's names have one pair of brackets; at 1024×700 the findings below the page show two
findings whole, not one and a half."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.schema import PROACTIVE, SECTION_BY_KEY
from tests.conftest import SAMPLE
from tests.ui.test_window_layout import launch
from ui.change import Change
from ui.main_window import MainWindow
from ui.narrative import NarrativePage


def test_a_read_only_file_is_titled_read_only_as_its_report_is_shown(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    """The title said （只读） only after the report had been put in the window (its pages built:
    a while on a slow PC, the window system showing the title without it meanwhile)."""
    other, path = tmp_path / "其他.docx", tmp_path / "报告.docx"
    assert window.docs.save_to(path) and window.docs.save_to(other)
    for before in (other, path):  # another file open, or this one, made read-only since
        os.chmod(path, 0o644)
        assert window.docs.load(before)
        os.chmod(path, 0o444)
        seen: list[str] = []

        def shown(change: Change, seen: list[str] = seen) -> None:
            if change.report:
                seen.append(window.windowTitle())

        window.state.changed.connect(shown)
        window.docs.load_in_background(path)
        qtbot.waitUntil(lambda: window.docs.loading is None, timeout=10_000)
        window.state.changed.disconnect(shown)
        assert seen and all(t.startswith("报告.docx（只读）") for t in seen), (before.name, seen)
        assert window.windowTitle().startswith("报告.docx（只读）")


def test_the_paragraph_kinds_have_one_pair_of_brackets(window: MainWindow) -> None:
    """“二级标题（（一））” read as a typing slip."""
    key = next(k for k, s in SECTION_BY_KEY.items() if s.table is None and k != "基本信息" and k != PROACTIVE)
    page = window.show_page(key)
    assert isinstance(page, NarrativePage)
    names = [page.kind_box.itemText(i) for i in range(page.kind_box.count())]
    assert len(names) == 3 and names[0] == "正文"
    for name in names:
        assert "（（" not in name and "））" not in name, name
    assert "（一）" in names[2] and "一、" in names[1], names


def test_at_1024_by_700_the_findings_below_show_two_whole(qtbot: QtBot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1024, 700))
    win = launch(qtbot, tmp_path)
    assert win.docs.load(SAMPLE)
    qtbot.wait(50)
    QApplication.processEvents()
    view = win.findings.view
    height = view.viewport().height()
    whole = 0
    for row in range(view.model().rowCount()):
        rect = view.visualRect(view.model().index(row, 0))
        if rect.top() >= 0 and rect.bottom() <= height:
            whole += 1
    assert whole >= 2, (whole, height, [view.visualRect(view.model().index(r, 0)).height() for r in range(3)])
