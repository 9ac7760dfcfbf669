"""The grid's frame is drawn whole at 125%, 150% and 200% (gui16: at QT_SCALE_FACTOR=1.5 its top
line was missing): the style's 1-px frame line fell outside the widget's clip whenever the grid's
edge lay between two screen pixels, which at a fractional scale depends only on where the layout
puts it.  Here the window is rendered at each scale with the grid moved by 0–3 px, each edge
landing on a whole and a half screen pixel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage

from tests.ui.conftest import table
from ui.main_window import MainWindow

FRAME_DARKER_THAN = 0xD8  # the window (0xef) and the cells (0xf5 and lighter) are lighter


@pytest.mark.parametrize("scale", [1.0, 1.25, 1.5, 2.0])
def test_the_top_and_left_frame_lines_show_at_every_scale(window: MainWindow, scale: float) -> None:
    view = table(window, "三")
    size = window.size()
    for shift in range(4):
        image = QImage(int((size.width() + 4) * scale), int((size.height() + 4) * scale), QImage.Format.Format_RGB32)
        image.setDevicePixelRatio(scale)
        image.fill(0xFFFFFF)
        window.render(image, QPoint(shift, shift))
        corner = view.mapTo(window, QPoint(0, 0)) + QPoint(shift, shift)
        top, left = int(corner.y() * scale), int(corner.x() * scale)
        middle_x = int((corner.x() + view.width() / 2) * scale)
        middle_y = int((corner.y() + view.height() / 2) * scale)
        # the frame's screen pixel is the edge's or the next (a line of 1.5 px covers one whole)
        top_line = [image.pixel(middle_x, y) & 0xFF for y in range(top, top + 2)]
        left_line = [image.pixel(x, middle_y) & 0xFF for x in range(left, left + 2)]
        assert min(top_line) < FRAME_DARKER_THAN, (shift, [hex(c) for c in top_line])
        assert min(left_line) < FRAME_DARKER_THAN, (shift, [hex(c) for c in left_line])
