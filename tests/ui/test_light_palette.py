"""A dark system palette (Windows' dark mode, a dark desktop theme) is not half taken: the editor
starts on the light palette its own colours are made for (rev25c V1: a total's figure was white
on its light blue, the page titles navy on black)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import SAMPLE
from ui.appsetup import keep_light
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]

# What the platform hands the application before it exists, as Windows does in dark mode.
_START = """
import json, sys
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
QApplication.setPalette(QPalette(QColor("#2d2d2d"), QColor("#202020")))
from ui.main import create_application
app = create_application([])
p = app.palette()
print(json.dumps({r: p.color(getattr(QPalette.ColorRole, r)).name() for r in ("Window", "Base", "Text", "WindowText")}))
"""


def _luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    x, y = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (x + 0.05) / (y + 0.05)


def test_the_start_takes_the_light_palette_over_a_dark_one() -> None:
    done = subprocess.run([sys.executable, "-c", _START], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT)))
    assert done.returncode == 0, done.stderr
    colours = {role: QColor(name) for role, name in json.loads(done.stdout.strip().splitlines()[-1]).items()}
    assert colours["Window"].lightness() > 200 and colours["Base"].lightness() > 200, colours
    assert contrast(colours["Text"], colours["Base"]) >= 7 and contrast(colours["WindowText"], colours["Window"]) >= 7


@pytest.fixture
def dark_then_kept_light(qapp: QApplication) -> object:
    old = qapp.palette()
    qapp.setPalette(QPalette(QColor("#2d2d2d"), QColor("#202020")))
    keep_light(qapp)
    yield
    qapp.setPalette(old)


def test_every_figure_and_title_is_readable(window: MainWindow, dark_then_kept_light: object) -> None:
    assert window.docs.load(SAMPLE)
    window.show_page("三")
    view = window.page("三").grid()
    assert view is not None
    model, text = view.model(), view.palette().color(QPalette.ColorRole.Text)
    worst = min(
        (contrast(fg.color() if (fg := model.index(r, c).data(Qt.ItemDataRole.ForegroundRole)) is not None else text,
                  bg.color() if (bg := model.index(r, c).data(Qt.ItemDataRole.BackgroundRole)) is not None
                  else view.palette().color(QPalette.ColorRole.Base)), r, c)
        for r in range(model.rowCount()) for c in range(model.columnCount())
        if model.index(r, c).data(Qt.ItemDataRole.DisplayRole))
    assert worst[0] >= 4.5, f"表三 cell ({worst[1]}, {worst[2]}): contrast {worst[0]:.2f}:1"
    assert window.palette().color(QPalette.ColorRole.Window).lightness() > 200
