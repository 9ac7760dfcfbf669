"""A second window (打开 into a new window, a recovered document, a second editor started while
one runs) opens a title bar down and right of the first, as Word and WPS do, wrapping back
inside the screen; a window alone still opens exactly where it was saved."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMargins, QPoint, QRect, QSettings
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from ui.window_layout import FRAME_KEY, OPEN_KEY, _title_bar
from ui.window_place import cascade

ROOT = Path(__file__).resolve().parents[2]


def near(a: QPoint, b: QPoint) -> bool:
    """Equal but for the frame a window system adds once a window shows (offscreen: 2 px)."""
    return abs(a.x() - b.x()) <= 4 and abs(a.y() - b.y()) <= 4


def launch(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    win = MainWindow(autosave_dir=tmp_path / "autosave")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _save_place(qtbot: QtBot, tmp_path: Path, where: QRect) -> QRect:
    """A window put at ``where`` and closed; the next window alone opens where it was then
    (its place and size, as the window's minimum and the screen allow)."""
    win = launch(qtbot, tmp_path)
    win.resize(where.size())
    win.move(where.topLeft())
    QApplication.processEvents()
    assert win.close()
    alone = launch(qtbot, tmp_path)
    place = QRect(alone.pos(), alone.size())
    assert alone.close()
    return place


def test_one_window_opens_exactly_where_it_was_saved(qtbot: QtBot, tmp_path: Path) -> None:
    place = _save_place(qtbot, tmp_path, QRect(37, 23, 600, 560))
    assert place.width() == 600
    for _ in range(3):
        win = launch(qtbot, tmp_path)
        assert QRect(win.pos(), win.size()) == place
        assert win.close()


def test_each_further_window_steps_down_and_right_then_a_freed_place_is_taken(qtbot: QtBot, tmp_path: Path) -> None:
    place = _save_place(qtbot, tmp_path, QRect(10, 10, 500, 400)).topLeft()
    first = launch(qtbot, tmp_path)
    step = _title_bar(first)
    second, third = launch(qtbot, tmp_path), launch(qtbot, tmp_path)
    assert first.pos() == place
    assert near(second.pos(), place + QPoint(step, step)) and near(third.pos(), place + QPoint(2 * step, 2 * step))
    assert second.size() == first.size() == third.size()
    second.close()
    QApplication.processEvents()
    assert near(launch(qtbot, tmp_path).pos(), place + QPoint(step, step))


def test_a_window_with_no_room_for_a_step_stays_wholly_on_the_screen(qtbot: QtBot, tmp_path: Path) -> None:
    screen = QApplication.primaryScreen().availableGeometry()
    place = _save_place(qtbot, tmp_path, QRect(screen.right() - 510, screen.bottom() - 565, 500, 560))
    assert screen.right() - place.right() < 20 and screen.bottom() - place.bottom() < 20  # no room for a step
    first = launch(qtbot, tmp_path)
    second = launch(qtbot, tmp_path)
    frame = second.frameGeometry()
    assert not near(second.pos(), first.pos())
    assert screen.adjusted(-4, -4, 4, 4).contains(frame), (frame, screen)  # whole, but for the frame added on showing
    assert second.width() >= first.width() * 4 // 5 and second.height() >= first.height() * 4 // 5


def test_a_window_filling_the_screen_is_made_a_little_smaller_to_step(qtbot: QtBot, tmp_path: Path) -> None:
    screen = QApplication.primaryScreen().availableGeometry()
    _save_place(qtbot, tmp_path, screen)
    first = launch(qtbot, tmp_path)
    step = _title_bar(first)
    second = launch(qtbot, tmp_path)
    assert near(second.pos(), first.pos() + QPoint(step, step))
    assert screen.contains(second.frameGeometry().topLeft()) and second.width() >= first.width() * 4 // 5
    third = launch(qtbot, tmp_path).pos()
    assert not near(third, first.pos()) and not near(third, second.pos())


def test_cascade_steps_past_every_taken_place_and_wraps() -> None:
    screen = QRect(0, 0, 1000, 800)
    frame = QRect(100, 100, 600, 500)
    assert cascade(frame, [], screen, 30) == frame
    assert cascade(frame, [QPoint(300, 300)], screen, 30) == frame  # elsewhere: left alone
    # nearly there counts; a full step from it in both directions (its title bar in sight)
    assert cascade(frame, [QPoint(105, 95)], screen, 30) == QRect(135, 130, 600, 500)
    assert cascade(frame, [QPoint(100, 112)], screen, 30) == QRect(130, 142, 600, 500), "12 px apart is one place"
    assert cascade(frame, [QPoint(100, 100), QPoint(130, 130)], screen, 30).topLeft() == QPoint(160, 160)
    low = QRect(380, 280, 600, 500)  # a step more would leave the screen: a little smaller
    assert cascade(low, [low.topLeft()], screen, 30) == QRect(410, 310, 590, 490)
    lower = QRect(390, 290, 600, 500)  # …or back to the corner, when a fifth would not do
    assert cascade(lower, [QPoint(390, 290), QPoint(420, 320), QPoint(450, 350)], screen, 100) == QRect(0, 0, 600, 500)
    full = cascade(screen, [QPoint(0, 0)], screen, 30)
    assert full == QRect(30, 30, 970, 770) and screen.contains(full)


def test_the_recovered_documents_window_steps_from_a_first_window_not_yet_shown(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ui.main: the start's window waits for its file while a second crashed document opens."""
    from ui import main
    from ui.documents import DocumentController

    said: list[str] = []
    monkeypatch.setattr(DocumentController, "show_error", lambda self, title, text: said.append(text))

    _save_place(qtbot, tmp_path, QRect(50, 40, 500, 400))
    first = MainWindow(autosave_dir=tmp_path / "autosave")
    qtbot.addWidget(first)
    assert not first.isVisible()
    opened: list[MainWindow] = []
    real = MainWindow.show

    def show(self: MainWindow) -> None:
        opened.append(self)
        real(self)

    try:
        MainWindow.show = show  # type: ignore[method-assign]
        main._open_beside(first, _report(tmp_path))
    finally:
        MainWindow.show = real  # type: ignore[method-assign]
    second = opened[0]
    qtbot.addWidget(second)
    step = _title_bar(second)
    assert near(second.pos(), first.pos() + QPoint(step, step))
    # a report that reads: a window made for a file that cannot be read closes itself
    qtbot.waitUntil(lambda: second.docs.loading is None, timeout=10_000)
    assert second.docs.path == _report(tmp_path) and not said


def _report(folder: Path) -> Path:
    """A report that reads (written once): the window opened for it stays."""
    path = folder / "报告.docx"
    if not path.exists():
        import app.io as app_io
        import app.reading as app_reading
        from tests.ui.conftest import SAMPLE

        app_io.save_report(app_reading.load_report(SAMPLE), path)
    return path


# -- two editors -------------------------------------------------------------------------------
WINDOW = r"""
import json, sys, time
from PySide6.QtCore import QTimer
from ui.main import create_application
app = create_application()
from ui.main_window import MainWindow
win = MainWindow(autosave_dir=None)
win.show()
def say():
    print(json.dumps([win.pos().x(), win.pos().y(), win.width(), win.height()]), flush=True)
QTimer.singleShot(100, say)
QTimer.singleShot(int(float(sys.argv[1]) * 1000), lambda: (win.close(), app.quit()))
app.exec()
"""


def _editor(tmp_path: Path, seconds: float) -> subprocess.Popen[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-c", WINDOW, str(seconds)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _place(proc: subprocess.Popen[str]) -> list[int]:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line, proc.stderr.read() if proc.stderr else "no window"
    return json.loads(line)  # type: ignore[no-any-return]


def _listed(tmp_path: Path) -> bool:
    settings = QSettings(str(next((tmp_path / "config").rglob("*.conf"), tmp_path / "none")), QSettings.Format.IniFormat)
    settings.beginGroup(OPEN_KEY)
    return bool(settings.childKeys())


def test_a_second_editor_opens_its_window_beside_the_first_and_alone_where_it_was(tmp_path: Path) -> None:
    (alone := _editor(tmp_path, 0.3)).wait(30)  # a first run: its place is saved on closing
    assert alone.returncode == 0, alone.stderr.read() if alone.stderr else ""
    saved = _place(alone)[:2]
    running: list[subprocess.Popen[str]] = []
    try:
        running.append(first := _editor(tmp_path, 60))
        assert _place(first)[:2] == saved
        deadline = time.monotonic() + 20
        while not _listed(tmp_path):  # it tells others where it is a moment after showing
            assert time.monotonic() < deadline
            time.sleep(0.1)
        running.append(second := _editor(tmp_path, 60))
        x, y = _place(second)[:2]
        assert abs((x - saved[0]) - (y - saved[1])) <= 4 and x - saved[0] >= 20, (saved, (x, y))
    finally:
        for proc in running:  # as crashes: their entries stay, their processes are gone
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
    third = _editor(tmp_path, 0.3)
    assert _place(third)[:2] == saved, "a dead editor's window takes no place"
    third.wait(30)


def test_a_first_window_of_a_process_keeps_room_for_its_title_bar(qtbot: QtBot, tmp_path: Path) -> None:
    """A second editor's window (none shown in its process yet) stepped near the screen's
    bottom: its frame, title bar included, stays on the screen."""
    screen = QApplication.primaryScreen().availableGeometry()
    other = MainWindow(autosave_dir=tmp_path / "a")
    win = MainWindow(autosave_dir=tmp_path / "b")
    qtbot.addWidget(other)
    qtbot.addWidget(win)
    for w in (other, win):
        w.resize(screen.width() - 100, screen.height() - 10)
        w.move(screen.topLeft())
    win.layout_memory.beside(other)
    assert not near(win.pos(), other.pos())
    assert win.geometry().bottom() + _title_bar(win) <= screen.bottom() + 1, (win.geometry(), screen)


# -- the window system's frame -----------------------------------------------------------------
# Offscreen windows have none; Windows 10 draws 8 px borders and a 31 px title bar.  The frame a
# start measured is saved (FRAME_KEY); a window placed before it shows is placed by it.
WINDOWS_FRAME = QMargins(8, 31, 8, 8)


def _framed() -> None:
    QSettings().setValue(FRAME_KEY, "8,31,8,8")


def test_a_saved_place_filling_the_screen_keeps_the_title_bar_and_bottom_on_it(qtbot: QtBot, tmp_path: Path) -> None:
    """The inside was placed where the frame should be: the title bar off the top or the
    bottom a title bar off the screen."""
    screen = QApplication.primaryScreen().availableGeometry()
    _save_place(qtbot, tmp_path, screen)
    _framed()
    win = MainWindow(autosave_dir=tmp_path / "autosave")  # placed, not yet shown
    qtbot.addWidget(win)
    frame = win.geometry().marginsAdded(WINDOWS_FRAME)
    assert screen.contains(frame), (frame, screen)
    assert frame.height() >= screen.height() - 2, "as big as the screen allows"


def test_another_editors_window_is_stepped_from_by_a_title_bar(qtbot: QtBot, tmp_path: Path) -> None:
    """A second editor (no window of its own shown yet) compared its inside with the first's
    frame: a title bar apart, they did not count as one place, and the new window opened a
    pixel right and a title bar down of the first, its bottom off the screen."""
    screen = QApplication.primaryScreen().availableGeometry()
    inside = QRect(60, 50, screen.width() // 2, screen.height() - 100)
    saved = launch(qtbot, tmp_path)
    saved.setGeometry(inside)  # its inside: what the saved geometry restores
    assert saved.close()
    _framed()
    first = inside.marginsAdded(WINDOWS_FRAME)  # the first editor's window, as it is on screen
    QSettings().setValue(f"{OPEN_KEY}/{os.getppid()}-1", f"{first.x()},{first.y()},{time.time():.0f}")
    win = MainWindow(autosave_dir=tmp_path / "autosave")
    qtbot.addWidget(win)
    frame = win.geometry().marginsAdded(WINDOWS_FRAME)
    assert frame.topLeft() == first.topLeft() + QPoint(31, 31), (frame, first)
    assert screen.contains(frame), (frame, screen)


def test_a_window_found_off_the_screen_once_framed_is_put_on_it(qtbot: QtBot, tmp_path: Path) -> None:
    """The frame guessed before showing can be smaller than the window system's: a moment
    after showing, a window not wholly on its screen is moved (and shrunk) onto it."""
    screen = QApplication.primaryScreen().availableGeometry()
    win = launch(qtbot, tmp_path)
    win.setGeometry(screen.adjusted(40, 60, 200, 200))  # as a wrong guess would have left it
    presence = win.layout_memory.presence
    presence.placed, presence.shown = win.size(), True  # as placed, then shown
    presence.write()
    assert screen.contains(win.frameGeometry()), (win.frameGeometry(), screen)
    big = screen.adjusted(0, 0, 300, 300)
    win.setGeometry(big)  # sized by the program since (a screenshot run's 1400×900): left be
    presence.shown = True
    presence.write()
    assert win.geometry() == big
    inside, frame = win.geometry(), win.frameGeometry()
    measured = (inside.left() - frame.left(), inside.top() - frame.top(), frame.right() - inside.right(), frame.bottom() - inside.bottom())
    assert QSettings().value(FRAME_KEY) == ",".join(map(str, measured)), "the frame measured, for the next start"


def test_a_report_opened_from_the_batch_list_on_a_small_screen_fits_it(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """批量检查 (1100×640) and the editor it opens, on a 1024×700 screen: whole, a step apart."""
    from ui import batch_window
    from ui.documents import DocumentController

    said: list[str] = []
    monkeypatch.setattr(DocumentController, "show_error", lambda self, title, text: said.append(text))
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1024, 700))
    screen = QRect(0, 0, 1024, 700)
    editor = launch(qtbot, tmp_path)
    editor.open_batch()
    batch = batch_window._windows[-1]
    qtbot.addWidget(batch)
    assert screen.contains(batch.frameGeometry()), batch.frameGeometry()
    opened = batch_window.open_in_editor(_report(tmp_path))
    qtbot.addWidget(opened)
    qtbot.waitUntil(lambda: opened.docs.loading is None, timeout=10_000)
    assert opened.docs.path == _report(tmp_path) and not said
    assert screen.contains(opened.frameGeometry()), opened.frameGeometry()
    step = opened.frameGeometry().topLeft() - editor.frameGeometry().topLeft()
    assert step.x() >= 20 and step.y() >= 20, step


def test_a_cascaded_window_closed_last_leaves_the_place_it_stepped_from(qtbot: QtBot, tmp_path: Path) -> None:
    """Two windows, the first closed first: the next lone window opens where the first was, not a
    step down and narrower — day after day the lone window crept right and shrank (rev26 C1).
    A cascaded window the user moved keeps where it was moved to."""
    screen = QApplication.primaryScreen().availableGeometry()
    place = _save_place(qtbot, tmp_path, QRect(10, 10, screen.width() - 30, screen.height() - 30))
    for _day in range(3):
        first = launch(qtbot, tmp_path)
        second = launch(qtbot, tmp_path)
        assert not near(second.pos(), first.pos())
        assert first.close()
        QApplication.processEvents()
        assert second.close()
        alone = launch(qtbot, tmp_path)
        assert near(alone.pos(), place.topLeft()) and abs(alone.width() - place.width()) <= 4, (alone.geometry(), place)
        assert alone.close()
    first, second = launch(qtbot, tmp_path), launch(qtbot, tmp_path)
    second.move(second.pos() - QPoint(12, 10))  # still wholly on the screen
    QApplication.processEvents()
    moved = second.pos()
    assert first.close() and second.close()
    alone = launch(qtbot, tmp_path)
    assert near(alone.pos(), moved), (alone.pos(), moved)


def test_a_window_stepped_twice_closed_last_leaves_the_place_it_first_stepped_from(qtbot: QtBot, tmp_path: Path) -> None:
    """A recovered document's window (ui.main._open_beside) steps once from the windows open as
    it is made, and again from the start's own window not shown yet (WindowLayout.beside).  It
    kept the place of its second step only: closed last, the next lone window opened a step down
    and right of where the user's window had been (rev26 C1 again, with another window open)."""
    screen = QApplication.primaryScreen().availableGeometry()
    place = _save_place(qtbot, tmp_path, QRect(10, 10, screen.width() - 200, screen.height() - 200))
    other = launch(qtbot, tmp_path)  # another window open (of another editor, or this one's)
    assert near(other.pos(), place.topLeft())
    first = MainWindow(autosave_dir=tmp_path / "autosave")  # the start's, waiting for its file
    qtbot.addWidget(first)
    second = MainWindow(autosave_dir=tmp_path / "autosave")
    qtbot.addWidget(second)
    second.layout_memory.beside(first)
    assert not near(second.pos(), first.pos()) and not near(second.pos(), other.pos())
    second.show()
    qtbot.waitExposed(second)
    assert other.close() and first.close()
    QApplication.processEvents()
    assert second.close()  # the last: its place is the next start's
    alone = launch(qtbot, tmp_path)
    assert near(alone.pos(), place.topLeft()), (alone.pos(), place)
    assert alone.close()
