"""The grid's header labels wrapped without a lone last character: at 1024×700 表四's every
heading read “结果维 / 持”, “尚未审 / 结”, 表三's “商业企 / 业”, “科研机 / 构” (gui21 under Xvfb,
shots m07/m10).  They break in the middle now, in the grid and in its frozen header; labels
that wrap otherwise are left as Qt wraps them, and the model's text stays the statutory one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetrics, QScreen
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QStyleOptionViewItem, QTableView
from pytestqt.qtbot import QtBot

from app.schema import REQUESTS, TABLES
from tests.conftest import SAMPLE
from tests.ui.test_table_lead import launch
from ui.label_delegate import BREAK, LabelDelegate, balanced


def test_balanced_moves_a_lone_last_character_only(qtbot: QtBot) -> None:
    metrics = QFontMetrics(QApplication.font())
    width = (metrics.horizontalAdvance("结果维") + metrics.horizontalAdvance("结果维持")) // 2  # three fit, four do not
    assert balanced("结果维持", metrics, width) == f"结果{BREAK}维持"
    assert balanced("结果维持", metrics, metrics.horizontalAdvance("结果维持")) == "结果维持", "fits: as it is"
    assert balanced("社会公益组织", metrics, width) == "社会公益组织", "three and three: as Qt wraps it"
    narrow = metrics.horizontalAdvance("（三）不予") + 1
    assert balanced("（三）不予公开", metrics, narrow) == "（三）不予公开", "two on the last line: as it is"
    assert balanced("三、本年度办理结果", metrics, metrics.horizontalAdvance("三、本年") + 1) == "三、本年度办理结果", "three lines"


def shown_labels(view: QTableView, rows: range) -> dict[str, str]:
    """Each label of ``rows`` as ``view`` paints it (its delegate's style option)."""
    model = view.model()
    out: dict[str, str] = {}
    for row in rows:
        for col in range(model.columnCount()):
            index = model.index(row, col)
            if not index.data() or view.rowSpan(row, col) < 1:
                continue
            option = QStyleOptionViewItem()
            option.rect = view.visualRect(index)  # type: ignore[attr-defined]
            option.widget = view  # type: ignore[attr-defined]
            delegate = view.itemDelegateForIndex(index)
            assert isinstance(delegate, QStyledItemDelegate)
            delegate.initStyleOption(option, index)
            out[str(index.data())] = option.text  # type: ignore[attr-defined]
    return out


@pytest.mark.parametrize(("key", "label"), [("四", "结果维持"), (REQUESTS, "科研机构")])
def test_at_1024_by_700_the_headings_break_in_the_middle(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        key: str, label: str) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1024, 700))
    win = launch(qtbot, tmp_path, SAMPLE)
    # The window that screen gave before a short screen's start filled it (SHORT_SCREEN): at
    # 1024 px 表三's columns have room for “科研机构” on one line.
    win.resize(983, 644)
    page = win.show_page(key)
    view = page.grid()
    assert view is not None
    qtbot.waitUntil(lambda: view._fit_width == view.viewport().width())
    QApplication.processEvents()
    rows = range(TABLES[key].header_rows)
    metrics = QFontMetrics(view.font())
    index = next(view.model().index(r, c) for r in rows for c in range(view.model().columnCount())
                 if view.model().index(r, c).data() == label)
    assert metrics.horizontalAdvance(label) > view.visualRect(index).width() - 8, "the column is too narrow for it: it wraps"
    for pane in (view, view.top_pane):  # the grid, and its header frozen over the figures
        assert isinstance(pane.itemDelegateForIndex(index), LabelDelegate)
        shown = shown_labels(pane, rows)
        assert shown[label] == f"{label[:2]}{BREAK}{label[2:]}", shown
        assert all(text.replace(BREAK, "") == name for name, text in shown.items())
    assert index.data() == label, "the model's text is the statutory label"
