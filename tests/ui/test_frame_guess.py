"""A window fitted to its screen as it shows counts the frame the window system is about to put
round it.

帮助 → 检查项说明 fits itself to a small screen in its showEvent, when Qt has shown it but the
window manager (X11's) has not framed it yet: its inside was made as large as the screen, and
the title bar pushed its foot and 关闭 a title bar's height off the bottom (1366×768 at 150 %,
gui22 under Xvfb, shot 96; fixed: shot 98).  Until the frame is there, it is guessed as for a
window not shown yet.  Offscreen frames a window at once, so the moment between is made here:
the dialog's frame measures nothing until its showEvent is over."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMargins, QRect, QSettings
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ui import window_frame, window_layout
from ui.codes_help import CodesHelp
from ui.main_window import MainWindow

FRAME = QMargins(1, 20, 1, 3)  # as a window manager's, measured at an earlier start


def _not_framed_yet(monkeypatch: pytest.MonkeyPatch) -> None:
    measured = window_frame._measured
    monkeypatch.setattr(window_frame, "_measured",
                        lambda w: QMargins() if isinstance(w, CodesHelp) else measured(w))


def test_a_dialog_fitted_as_it_shows_leaves_room_for_its_frame(window: MainWindow, qtbot: QtBot,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    screen = QRect(0, 0, 910, 512)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: screen)
    monkeypatch.setattr(QGuiApplication, "platformName", staticmethod(lambda: "xcb"))
    QSettings().setValue(window_layout.FRAME_KEY, "1,20,1,3")
    window.hide()  # no other window shown to measure: the frame last measured
    _not_framed_yet(monkeypatch)
    dialog = CodesHelp(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    framed = dialog.geometry().marginsAdded(FRAME)
    assert screen.contains(framed), (framed, screen)


def test_where_windows_get_no_frame_none_is_guessed(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    QSettings().setValue(window_layout.FRAME_KEY, "1,20,1,3")
    window.hide()
    dialog: QWidget = CodesHelp(window)
    _not_framed_yet(monkeypatch)
    dialog.show()
    assert window_layout.frame_margins(dialog).isNull()  # offscreen: no window manager, no frame to come
    dialog.close()
