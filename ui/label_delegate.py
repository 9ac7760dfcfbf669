"""The statutory grid's centred labels (its header, merged group labels) wrapped without a lone
last character: a column too narrow for “结果维持” showed “结果维 / 持”, “科研机构” “科研机 / 构”
(表四's every heading at 1024×700; the GUI tester).  Such a label is broken in the middle
instead (“结果 / 维持”), as the statutory format prints it; a label that wraps otherwise, or
onto more lines, is left to Qt.  Only the header rows and the frozen panes use it: the figures
keep Qt's own painting (a Python paint per cell is slow)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

BREAK = "\u2028"  # a line break Qt's item views draw (QStyledItemDelegate makes \n one, after initStyleOption)


def balanced(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` with a line break in its middle where, wrapped at ``width``, it would take two
    lines the second of which is one character; else ``text`` as it is."""
    if BREAK in text or metrics.horizontalAdvance(text) <= width:
        return text
    first = 0  # how much of it Qt's wrap puts on the first line
    while first < len(text) and metrics.horizontalAdvance(text[: first + 1]) <= width:
        first += 1
    if first == 0 or len(text) - first != 1:
        return text
    middle = (len(text) + 1) // 2
    if metrics.horizontalAdvance(text[middle:]) > width:
        return text
    return f"{text[:middle]}{BREAK}{text[middle:]}"


class LabelDelegate(QStyledItemDelegate):
    """Paints labels as QStyledItemDelegate does, a centred label balanced (``balanced``)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        item: Any = option  # its fields are not in PySide6's stubs
        if item.text and item.displayAlignment & Qt.AlignmentFlag.AlignHCenter:
            widget = item.widget
            style = widget.style() if widget is not None else QApplication.style()
            # The margins Qt's item views keep each side of a cell's text.
            margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
            item.text = balanced(item.text, item.fontMetrics, item.rect.width() - 2 * margin)
