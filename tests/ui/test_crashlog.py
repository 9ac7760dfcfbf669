"""The editor's crash log (ui/crashlog.py): an exception nobody caught is logged with its
traceback and shown as ONE Chinese message while the document stays open; Qt's warnings go to
the log; 关于 names the log file and opens its folder; two editors at once each log safely."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication

from app import logs
from app.schema import T3_COL_BUSINESS, T3_PARTLY_DISCLOSED
from tests.ui.conftest import ref3, table, type_into
from ui import crashlog, table_view
from ui.about import OPEN_FOLDER, about_box
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def shown(tmp_path: Path) -> Iterator[list[str]]:
    """The hooks installed with a log in tmp_path; the messages the user would see."""
    logs.stop()
    seen: list[str] = []
    hooks = crashlog.install(seen.append, folder=tmp_path / "logs")
    yield seen
    hooks.uninstall()
    logs.stop()


def _log(tmp_path: Path) -> str:
    return (tmp_path / "logs" / "nianbao.log").read_text(encoding="utf-8")


def test_an_exception_in_a_slot_is_logged_and_shown_once_and_the_typing_stays(
        window: MainWindow, qtbot, shown: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    view = table(window, "三")
    type_into(qtbot, view, (T3_PARTLY_DISCLOSED, T3_COL_BUSINESS), "42")
    logs.stop()  # as in the first moments of a run, before the file is opened: the fault opens it

    def broken(state: object) -> str:
        raise ZeroDivisionError("某处出错")

    monkeypatch.setattr(table_view, "fill_all_blanks", broken)  # what 空白处填0 runs
    window.act_fill.trigger()  # the menu action's slot raises inside Qt's event dispatch
    window.act_fill.trigger()  # the same fault again: logged, not a second box
    assert len(shown) == 1
    assert "意外错误" in shown[0] and "Traceback" not in shown[0]
    assert str(tmp_path / "logs" / "nianbao.log") in shown[0]
    text = _log(tmp_path)
    assert text.count("Traceback (most recent call last)") == 2
    assert "in broken" in text and "ZeroDivisionError: 〔略〕" in text
    # Nothing lost: the window is open, the number typed is there and still unsaved.
    assert window.isVisible() and window.state.report.value(ref3(T3_PARTLY_DISCLOSED, T3_COL_BUSINESS)) == 42
    assert window.state.is_modified()


def test_a_different_fault_gets_its_own_message(shown: list[str]) -> None:
    for kind in (ValueError, KeyError):
        try:
            raise kind("x")
        except Exception as e:
            sys.excepthook(type(e), e, e.__traceback__)
    assert len(shown) == 2


def test_the_message_box_is_what_the_user_sees(
        window: MainWindow, shown: list[str], notices: list[tuple[str, str, list[str]]]) -> None:
    crashlog.show_box(crashlog.crash_message(logs.current()))
    assert notices and "意外错误" in notices[0][0] and "请先保存" in notices[0][1] and notices[0][2] == ["确定(&O)"]


def test_an_exception_in_a_worker_thread_is_logged_and_shown_on_the_ui_thread(
        qtbot, shown: list[str], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def work() -> None:
        raise OSError("worker failed")

    worker = threading.Thread(target=work, name="读取")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert "线程 读取 中未捕获的异常" in _log(tmp_path) and "OSError: worker failed" in _log(tmp_path)


@pytest.mark.qt_log_ignore("QFont::setPointSize")
def test_a_qt_warning_goes_to_the_log(shown: list[str], tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    QFont().setPointSize(-1)  # Qt itself warns: "Point size <= 0"
    # At start-up some platforms warn at once (offscreen, Wayland, fontconfig): held, not
    # opening the file early; written first when it opens.
    assert logs.current() is None
    qtbot.waitUntil(lambda: logs.current() is not None, timeout=5000)
    text = _log(tmp_path)
    assert "WARNING nianbao.qt: QFont::setPointSize: Point size <= 0" in text
    assert text.index("启动") < text.index("Point size <= 0")
    QFont().setPointSize(-2)  # once open, at once
    assert "QFont::setPointSize: Point size <= 0 (-2)" in _log(tmp_path)


@pytest.mark.qt_log_ignore("disk on fire", "held until the file opens")
def test_a_qt_error_opens_the_log_at_once(shown: list[str], tmp_path: Path) -> None:
    from PySide6.QtCore import qCritical, qWarning

    qWarning("held until the file opens")
    qCritical("disk on fire")
    text = _log(tmp_path)
    assert "ERROR nianbao.qt: disk on fire" in text and "held until the file opens" in text


def test_the_file_opens_after_start_up_unless_a_fault_comes_first(
        qtbot, shown: list[str], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert logs.current() is None  # nothing written while the window is being shown
    qtbot.waitUntil(lambda: logs.current() is not None, timeout=5000)
    assert logs.current() == tmp_path / "logs" / "nianbao.log"
    assert "启动" in _log(tmp_path)


def test_about_shows_the_log_file_and_opens_its_folder(
        window: MainWindow, qtbot, shown: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: logs.current() is not None, timeout=5000)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    box = about_box(window)
    assert str(tmp_path / "logs" / "nianbao.log") in box.text()
    buttons = [b for b in box.buttons() if b.text() == OPEN_FOLDER]
    assert len(buttons) == 1
    buttons[0].click()
    assert opened == [QUrl.fromLocalFile(str(tmp_path / "logs"))]
    box.deleteLater()


def test_open_log_folder_without_a_file_manager_says_where_it_is(
        window: MainWindow, qtbot, shown: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
        notices: list[tuple[str, str, list[str]]]) -> None:
    """From the GUI tester: with no file manager the button did nothing; now one message with
    the path, and the path on the clipboard."""
    qtbot.waitUntil(lambda: logs.current() is not None, timeout=5000)
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))  # no xdg-open either
    box = about_box(window)
    [button] = [b for b in box.buttons() if b.text() == OPEN_FOLDER]
    button.click()
    folder = str(tmp_path / "logs")
    [(_title, told, buttons)] = notices
    assert folder in told and "剪贴板" in told and buttons == ["确定(&O)"]
    assert QGuiApplication.clipboard().text() == folder
    box.deleteLater()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the frozen Linux program's own path")
def test_the_frozen_program_opens_the_folder_in_the_users_environment(
        window: MainWindow, qtbot, shown: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The one-folder program points LD_LIBRARY_PATH at its bundle; the file manager that
    打开日志文件夹 starts must get the user's own (kept in LD_LIBRARY_PATH_ORIG), never the bundle's."""
    qtbot.waitUntil(lambda: logs.current() is not None, timeout=5000)
    bundle, tools = tmp_path / "bundle", tmp_path / "bin"
    tools.mkdir()
    seen = tmp_path / "xdg-open.env"
    opener = tools / "xdg-open"  # records what it was started with
    opener.write_text(f'#!/bin/sh\nprintf "%s\\n%s\\n" "$1" "$LD_LIBRARY_PATH" > "{seen}"\n')
    opener.chmod(0o755)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("LD_LIBRARY_PATH", str(bundle))
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/opt/users/lib")
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: pytest.fail("through Qt")))
    box = about_box(window)
    [button] = [b for b in box.buttons() if b.text() == OPEN_FOLDER]
    button.click()
    qtbot.waitUntil(lambda: seen.exists() and seen.read_text().count("\n") == 2, timeout=5000)
    assert seen.read_text().splitlines() == [str(tmp_path / "logs"), "/opt/users/lib"]
    box.deleteLater()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xdg-open is Linux's")
def test_the_file_manager_gets_none_of_the_editors_own_qt_settings(
        window: MainWindow, qtbot, shown: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Run from source too, xdg-open is started here: through Qt (QDesktopServices) it, and the
    file manager it starts — a Qt program on 统信/麒麟/KDE — inherited the settings the editor
    makes for its own Qt (QT_NO_GUI_THREADPOOL: the file manager painting without its thread
    pool for its whole life; rev23b L5)."""
    from app import childenv

    qtbot.waitUntil(lambda: logs.current() is not None, timeout=5000)
    tools = tmp_path / "bin"
    tools.mkdir()
    seen = tmp_path / "xdg-open.env"
    opener = tools / "xdg-open"  # records what it was started with
    opener.write_text(f'#!/bin/sh\nprintf "%s\\n%s\\n" "$1" "${{QT_NO_GUI_THREADPOOL-unset}}" > "{seen}"\n')
    opener.chmod(0o755)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.delenv("QT_NO_GUI_THREADPOOL", raising=False)
    monkeypatch.setattr(childenv, "_own", {})
    childenv.set_own("QT_NO_GUI_THREADPOOL", "1")  # as ui.main.create_application
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: pytest.fail("through Qt")))
    box = about_box(window)
    [button] = [b for b in box.buttons() if b.text() == OPEN_FOLDER]
    button.click()
    qtbot.waitUntil(lambda: seen.exists() and seen.read_text().count("\n") == 2, timeout=5000)
    assert seen.read_text().splitlines() == [str(tmp_path / "logs"), "unset"]
    assert os.environ["QT_NO_GUI_THREADPOOL"] == "1"  # the editor's own Qt keeps it
    box.deleteLater()


def test_about_without_a_log_says_so(window: MainWindow) -> None:
    logs.stop()
    box = about_box(window)
    assert "没有写入日志文件" in box.text()
    assert not [b for b in box.buttons() if b.text() == OPEN_FOLDER]
    box.deleteLater()


def _editor(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen([sys.executable, "-m", "tests.ui.editor_process", *args], cwd=ROOT, env=env,
                            text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for(path: Path, needle: str) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if path.exists() and needle in (text := path.read_text(encoding="utf-8")):
            return text
        time.sleep(0.1)
    raise AssertionError(f"{needle} never appeared in {path}")


def _stop(editor: subprocess.Popen[str]) -> None:
    editor.kill()  # as a user's crash or kill -9 would: the slot's lock goes with the process
    editor.communicate(timeout=60)


def test_two_editors_at_once_log_to_their_own_files_and_a_relaunch_appends(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "nianbao" / "年报编辑器"  # Qt's AppDataLocation under XDG_DATA_HOME
    first = _editor(tmp_path, "edit", "-", "1", "0.05")
    try:
        a = _wait_for(folder / "nianbao.log", f"[{first.pid}] INFO nianbao.editor: 年报编辑器")
        second = _editor(tmp_path, "edit", "-", "1", "0.05")  # while the first one runs
        try:
            b = _wait_for(folder / "nianbao-2.log", f"[{second.pid}] INFO nianbao.editor: 年报编辑器")
        finally:
            _stop(second)
    finally:
        _stop(first)
    assert f"[{second.pid}]" not in a and f"[{first.pid}]" not in b
    third = _editor(tmp_path, "edit", "-", "1", "0.05")  # both gone: nianbao.log is free again
    try:
        again = _wait_for(folder / "nianbao.log", f"[{third.pid}] INFO")
    finally:
        _stop(third)
    assert again.startswith(a)



@pytest.mark.qt_log_ignore("said before the file opened")
def test_a_held_warning_keeps_the_time_qt_said_it(shown: list[str], tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    import time

    from PySide6.QtCore import qWarning

    qWarning("said before the file opened")
    time.sleep(0.2)
    qtbot.waitUntil(lambda: logs.current() is not None, timeout=5000)  # the install's timer opens it
    lines = _log(tmp_path).splitlines()
    started = next(line for line in lines if "启动" in line)
    said = next(line for line in lines if "said before the file opened" in line)
    assert said[:23] < started[:23]  # its own moment (asctime to the millisecond), not the writing's


def test_the_crash_message_asks_for_the_log_only_when_there_is_one(tmp_path: Path) -> None:
    with_log = crashlog.crash_message(tmp_path / "nianbao.log")
    assert str(tmp_path / "nianbao.log") in with_log and "请把这个日志文件发给技术支持" in with_log
    without = crashlog.crash_message(None)
    assert "日志文件无法写入" in without and "日志文件发给" not in without and "技术支持" in without
