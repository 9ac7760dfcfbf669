"""The statutory grid's sizes: columns in the format's proportions, never under a readable
minimum, and rows tall enough for every label, merged ones included, at the grid's font."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle, QTableView

from app.schema import TableSpec

PAD = 10  # horizontal text padding inside a cell
_ROW_PAD = 8  # vertical padding of a row's text


def fitted_widths(weights: Sequence[float], minimum: Sequence[int], available: int) -> list[int]:
    """Column widths in proportion to ``weights`` that add up to ``available``: a column whose
    share would be under its minimum gets the minimum, and the others share what is left — so
    the table fits whenever its minimums do (giving each column max(minimum, share) overran the
    window by the minimums' excess: 表三's 总计 off screen at 1024 px)."""
    fixed: dict[int, int] = {}
    while True:
        free = [i for i in range(len(weights)) if i not in fixed]
        room = available - sum(fixed.values())
        total = sum(weights[i] for i in free)
        short = [i for i in free if total <= 0 or room * weights[i] / total < minimum[i]]
        if not short:
            return [fixed[i] if i in fixed else int(room * weights[i] / total) for i in range(len(weights))]
        fixed.update((i, minimum[i]) for i in short)


def min_widths(spec: TableSpec, metrics: QFontMetrics) -> list[int]:
    """Each grid column's readable minimum: five digits under a figure, a few characters of a label."""
    def one(col: int) -> int:
        data_col = any(c.data and c.col == col for c in spec.layout)
        return metrics.horizontalAdvance("00000" if data_col else "本年度") + PAD
    return [one(c) for c in range(spec.grid_cols)]


def row_heights(spec: TableSpec, metrics: QFontMetrics, widths: Sequence[int], extra: int = 0,
                inset: int = PAD) -> list[int]:
    """Each grid row's height with the columns ``widths`` wide: one line (``extra`` more, for a
    hint under each value), or as tall as a label in it wraps to; a merged label too tall for
    its rows shares what it lacks among them.  ``inset``: what a cell's width loses to the
    margins its text is painted within (``text_inset``): wrapped narrower than painted, a label
    drawn on two lines got a row three lines high (表三's 社会公益组织 at 150 %, gui22)."""
    base = metrics.height() + _ROW_PAD + extra
    heights = [base] * spec.grid_rows
    merged: list[tuple[int, int, int]] = []
    for cell in spec.layout:
        if cell.data is not None or not cell.text:
            continue
        width = sum(widths[cell.col : cell.col + cell.colspan]) - inset
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
        need = metrics.boundingRect(QRect(0, 0, max(width, 10), 100000), flags, cell.text).height() + _ROW_PAD
        if cell.rowspan == 1:
            heights[cell.row] = max(heights[cell.row], need)
        else:
            merged.append((cell.row, cell.rowspan, need))
    for row, span, need in merged:
        short = need - sum(heights[row : row + span])
        for r in range(row, row + span) if short > 0 else ():
            heights[r] += -(-short // span)
    return heights


def text_inset(view: QTableView) -> int:
    """What a cell of ``view`` loses in width to its text's margins as the style paints an item
    (QCommonStyle: the focus frame's margin and a pixel, each side) and to the grid line."""
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return 2 * margin + (1 if view.showGrid() else 0)
