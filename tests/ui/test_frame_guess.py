"""A window fitted to its screen as it shows counts the frame the window system is about to put
round it.

帮助 → 检查项说明 fits itself to a small screen in its showEvent, when Qt has shown it but the
window manager (X11's) has not framed it yet: its inside was made as large as the screen, and
the title bar pushed its foot and 关闭 a title bar's height off the bottom (1366×768 at 150 %,
gui22 under Xvfb, shot 96; fixed: shot 98).  Until the frame is there, it is guessed as for a
window not shown yet.  Offscreen frames a window at once, so the moment between is made here:
the dialog's frame measures nothing until its showEvent is over."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMargins, QRect, QSettings
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ui import window_frame, window_layout
from ui.codes_help import CodesHelp
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
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
    window.hide()  # no other window shown to measure: the frame last measured (hidden, it remembers its own)
    QSettings().setValue(window_layout.FRAME_KEY, "1,20,1,3")
    _not_framed_yet(monkeypatch)
    dialog = CodesHelp(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    framed = dialog.geometry().marginsAdded(FRAME)
    assert screen.contains(framed), (framed, screen)


def test_where_windows_get_no_frame_none_is_guessed(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    window.hide()
    QSettings().setValue(window_layout.FRAME_KEY, "1,20,1,3")
    dialog: QWidget = CodesHelp(window)
    _not_framed_yet(monkeypatch)
    dialog.show()
    assert window_layout.frame_margins(dialog).isNull()  # offscreen: no window manager, no frame to come
    dialog.close()


def _fresh_window(qtbot: QtBot, tmp_path_factory: pytest.TempPathFactory) -> MainWindow:
    win = MainWindow(autosave_dir=tmp_path_factory.mktemp("autosave"))
    qtbot.addWidget(win)
    return win


def test_a_window_closed_before_its_place_was_written_keeps_its_frame(qtbot: QtBot,
                                                                       tmp_path_factory: pytest.TempPathFactory) -> None:
    """The frame is remembered a moment (500 ms) after the window shows; closed sooner (a
    screenshot run, a user who opened the wrong file), the next start guessed a title bar
    where offscreen has 2 px all round: at 911×472 its findings went beside the page and the
    dock height the user had left below it was lost (tests/ui/test_short_start.py, 1 run in 8)."""
    QSettings().remove(window_layout.FRAME_KEY)
    win = _fresh_window(qtbot, tmp_path_factory)
    win.show()
    qtbot.waitExposed(win)
    measured = window_frame._measured(win)
    win.close()  # at once: the presence's timer has not written yet
    sides = f"{measured.left()},{measured.top()},{measured.right()},{measured.bottom()}"
    assert str(QSettings().value(window_layout.FRAME_KEY, "")) == sides


def test_a_window_closed_before_the_window_manager_framed_it_keeps_the_last_frame(
        qtbot: QtBot, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where windows get a frame (X11), one closed before it came measures none: the frame
    remembered before stays, not “0,0,0,0” (the next start would place its window a title bar
    too low on a short screen)."""
    QSettings().setValue(window_layout.FRAME_KEY, "1,20,1,3")
    win = _fresh_window(qtbot, tmp_path_factory)
    win.show()
    qtbot.waitExposed(win)
    monkeypatch.setattr(QGuiApplication, "platformName", staticmethod(lambda: "xcb"))
    monkeypatch.setattr(window_frame, "_measured", lambda _w: QMargins())
    win.close()
    assert str(QSettings().value(window_layout.FRAME_KEY, "")) == "1,20,1,3"


_DELETED_SHOWN = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication
from ui.main_window import MainWindow
app = QApplication([])
win = MainWindow(autosave_dir=Path(sys.argv[1]))
win.show()
app.processEvents()
win.deleteLater()  # deleted while shown, never closed: hidden from its destructor
QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
print("deleted", flush=True)
"""


def test_a_window_deleted_while_shown_does_not_crash(tmp_path: Path) -> None:
    """The frame is remembered on the close, never from the hide a deleted window's destructor
    sends: asking a window half destroyed for its geometry ended the test run (segfault)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), NIANBAO_CACHE_DIR=str(tmp_path / "cache"))
    done = subprocess.run([sys.executable, "-c", _DELETED_SHOWN, str(tmp_path / "autosave")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "deleted" in done.stdout, (done.returncode, done.stderr[-2000:])
