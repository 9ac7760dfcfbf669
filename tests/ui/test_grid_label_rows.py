"""A statutory grid's row is no taller than its labels as they are painted.

The rows' heights were worked out for labels wrapped 10 px narrower than the cell paints them
(the style keeps 3 px each side and the grid line): at 1366×768 and 150 % 表三's header row of
“社会公益组织” was three lines high round two painted lines, and with the findings below the page
its grid showed two rows of figures (gui22 under Xvfb, shots 22 and 25).  Each row's height is
now what its tallest label needs painted, and never less."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle
from pytestqt.qtbot import QtBot

from app.schema import TABLES
from tests.ui.conftest import table
from ui.grid_sizes import _ROW_PAD
from ui.main_window import MainWindow
from ui.table_view import GridView


def _painted_heights(view: GridView) -> dict[int, int]:
    """Each row's tallest single-row label as the view paints it: wrapped within the cell's
    rectangle less the margins Qt's item painting keeps each side."""
    model = view.grid_model()
    metrics = QFontMetrics(view.font())
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
    tallest: dict[int, int] = {}
    for cell in model.spec.layout:
        if cell.data is not None or not cell.text or cell.rowspan != 1:
            continue
        rect = view.visualRect(model.index(cell.row, cell.col)).adjusted(margin, 0, -margin, 0)
        text = str(model.index(cell.row, cell.col).data())
        need = metrics.boundingRect(QRect(0, 0, max(rect.width(), 10), 100000), flags, text).height()
        tallest[cell.row] = max(tallest.get(cell.row, 0), need)
    return tallest


def _merged_rows(view: GridView) -> set[int]:
    """Rows a merged label may have made taller (it shares what it lacks among its rows)."""
    return {r for c in view.grid_model().spec.layout if c.data is None and c.text and c.rowspan > 1
            for r in range(c.row, c.row + c.rowspan)}


def test_no_row_is_taller_than_its_painted_labels(window: MainWindow, qtbot: QtBot) -> None:
    base = QFontMetrics(window.font()).height() + _ROW_PAD
    checked = 0
    for width in range(700, 1420, 3):  # the columns' widths through many wraps
        window.resize(width, 900)
        qtbot.wait(5)
        for key in TABLES:
            view = table(window, key)
            view.fit()
            base = QFontMetrics(view.font()).height() + _ROW_PAD + view.hint_height
            merged = _merged_rows(view)
            for row, painted in _painted_heights(view).items():
                height = view.rowHeight(row)
                assert height >= painted, f"表{key} row {row} at {width}: its label cut ({height} < {painted})"
                if row not in merged:
                    assert height <= max(base, painted + _ROW_PAD), (
                        f"表{key} row {row} at {width}: {height} px round {painted} px of label")
                    checked += 1
    assert checked > 100
