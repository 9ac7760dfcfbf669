"""Around opening a file (from the GUI test): the title names the file being read and comes back
when the open fails or is cancelled; 打开's dialog starts in the folder of the file opened last
however it was opened (command line, recent files, a drop), across a relaunch; one wording per
cause of a damaged file, whichever command read it; a long path and a long message in the status
bar elided in the middle, never clipped through a character; the questions in ui/questions.py
with QMessageBox loaded only when one is asked."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

import app.reading as app_reading
from app import prefetch
from app.errors import DAMAGED_DOCX, ReadError
from app.report import Report
from tests.hostile import gallery
from ui import filedialogs
from ui.appsetup import APP_TITLE
from ui.main_window import MainWindow

from .conftest import SAMPLE

ROOT = Path(__file__).resolve().parents[2]
REAL_LOAD = app_reading.load_report


class Dialogs:
    """QFileDialog's open dialog, answered: records where each one started."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer: str = "") -> None:
        self.starts: list[Path] = []
        self.answer = answer
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(self._ask))

    def _ask(self, parent: object, title: str, start: str, name_filter: str) -> tuple[str, str]:
        self.starts.append(Path(start))
        return self.answer, ""


def _copy(folder: Path, name: str = "报告.docx") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    shutil.copyfile(SAMPLE, path)
    return path


def _drop(window: MainWindow, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    window.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))


def _from_recent_menu(window: MainWindow, path: Path) -> None:
    """文件 → 最近打开的文件 → the entry of ``path``, as the menu builds it."""
    window.docs.add_recent(path)
    window._fill_recent()
    action = next(a for a in window.recent_menu.actions() if a.text().endswith(str(path.absolute())))
    action.trigger()


# -- 2. the title while a file is read ------------------------------------------------------------
def test_the_title_names_the_file_being_opened_then_the_file(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    path = _copy(tmp_path, "二〇二四年报.docx")
    titles: list[str] = []
    window.docs.loadStarted.connect(lambda _name: titles.append(window.windowTitle()))
    with qtbot.waitSignal(window.docs.loadEnded, timeout=20000):
        assert window.docs.open(path)
        assert window.windowTitle() == f"正在打开 二〇二四年报.docx - {APP_TITLE}"
    assert titles == [f"正在打开 二〇二四年报.docx - {APP_TITLE}"]
    assert window.windowTitle().startswith("二〇二四年报.docx") and "正在打开" not in window.windowTitle()


@pytest.mark.parametrize("how", ["cancelled", "failed"])
def test_the_title_goes_back_when_the_open_is_cancelled_or_fails(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    first = _copy(tmp_path / "a", "甲.docx")
    with qtbot.waitSignal(window.docs.loadEnded, timeout=20000):
        window.docs.open(first)
    before = window.windowTitle()
    assert before.startswith("甲.docx")
    gate = threading.Event()

    def read(path: Path, cancelled: object = None) -> Report:
        assert gate.wait(20)
        if how == "failed":
            raise ReadError(f"{path}：{DAMAGED_DOCX}")
        return REAL_LOAD(path)

    monkeypatch.setattr(app_reading, "load_report", read)
    second = _copy(tmp_path / "b", "乙.docx")
    task = window.docs.load_in_background(second)
    assert task is not None and window.windowTitle() == f"正在打开 乙.docx - {APP_TITLE}"
    with qtbot.waitSignal(window.docs.loadEnded, timeout=20000):
        if how == "cancelled":
            window.docs.cancel_load()
        else:
            gate.set()
    gate.set()
    assert task.wait(20)
    assert window.windowTitle() == before and window.docs.source == first
    assert len(window.errors) == (1 if how == "failed" else 0)  # type: ignore[attr-defined]


def test_a_start_with_a_file_names_it_from_the_first_frame(qtbot: QtBot, tmp_path: Path) -> None:
    """As ui.main.run starts: the frame, 正在打开, the rest of the window, then the read."""
    path = _copy(tmp_path, "命令行.docx")
    window = MainWindow(autosave_dir=tmp_path / "autosave", staged=True)
    qtbot.addWidget(window)
    window.show_opening(path.name)
    window.show()
    assert window.windowTitle() == f"正在打开 命令行.docx - {APP_TITLE}"
    window.complete()  # builds the status bar and sets the title: not back to 未命名报告
    assert window.windowTitle() == f"正在打开 命令行.docx - {APP_TITLE}"
    with qtbot.waitSignal(window.docs.loadEnded, timeout=20000):
        window.docs.load_in_background(path)
    assert window.windowTitle().startswith("命令行.docx")


# -- 3. where 打开's dialog starts ------------------------------------------------------------------
@pytest.mark.parametrize("how", ["command line", "recent files", "drop", "on this thread"])
def test_the_open_dialog_starts_where_the_file_opened_last_is(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    dialogs = Dialogs(monkeypatch)
    path = _copy(tmp_path / "街道办" / "二〇二四")
    if how == "on this thread":
        assert window.docs.load(path)
    else:
        with qtbot.waitSignal(window.docs.loadEnded, timeout=20000):
            if how == "command line":
                prefetch.start(path)  # as app.launch does, then ui.main.run
                window.docs.load_in_background(path)
            elif how == "recent files":
                _from_recent_menu(window, path)
            else:
                _drop(window, path)
    assert window.state.report.organ and window.docs.source == path
    window.docs.ask_open_path()
    assert dialogs.starts == [path.parent]
    window.docs.new()  # an untitled report now: the folder of the file opened last still
    window.docs.ask_open_path()
    assert dialogs.starts[-1] == path.parent


_RELAUNCH = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QFileDialog
app = QApplication([])
QCoreApplication.setOrganizationName("nianbao-tests")
QCoreApplication.setApplicationName("editor-tests")
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
from ui.main_window import MainWindow
QFileDialog.getOpenFileName = staticmethod(lambda parent, title, start, flt: (print("start", start), ("", ""))[1])
window = MainWindow(autosave_dir=Path(sys.argv[2]))
window.docs.ask_open_path()
"""


def _relaunched_start(tmp_path: Path) -> Path:
    """Where a new editor process's first 打开 dialog starts (the tests' private settings)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", _RELAUNCH, str(tmp_path / "settings"), str(tmp_path / "autosave9")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return Path(next(line for line in done.stdout.splitlines() if line.startswith("start "))[6:])


def test_the_folder_of_a_file_opened_from_the_command_line_outlives_a_relaunch(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dialogs = Dialogs(monkeypatch)
    path = _copy(tmp_path / "命令行打开的")
    first = MainWindow(autosave_dir=tmp_path / "a")
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.docs.loadEnded, timeout=20000):
        first.docs.load_in_background(path)
    # the settings file is written a moment later, not on the way of the open
    assert QSettings().value(filedialogs.LAST_FOLDER_KEY) is None
    qtbot.waitUntil(lambda: QSettings().value(filedialogs.LAST_FOLDER_KEY) == str(path.parent), timeout=10000)
    second = MainWindow(autosave_dir=tmp_path / "b")  # another window, blank
    qtbot.addWidget(second)
    second.docs.ask_open_path()
    assert dialogs.starts == [path.parent]
    assert _relaunched_start(tmp_path) == path.parent  # another editor process
    # a file opened in the second window, then both closed at once (quitting writes what is pending)
    other = _copy(tmp_path / "另一个文件夹")
    assert second.docs.load(other)
    assert first.close() and second.close()
    assert _relaunched_start(tmp_path) == other.parent


# -- 4. one wording per cause, whichever command read the file --------------------------------------
DAMAGED = ["truncated-zip", "no-document-part", "corrupt-document-xml"]
OTHERS = ["not-a-zip", "random-bytes", "empty", "plain-zip"]


def _files(folder: Path) -> dict[str, tuple[Path, str]]:
    """tests/hostile.py's gallery, and random bytes named .docx (a download cut off, a wrong file)."""
    files = gallery(folder)
    noise = folder / "随机.docx"
    noise.write_bytes(random.Random(2024).randbytes(50_000))
    files["random-bytes"] = (noise, "不是 Word 文档")
    return files


def _messages(window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, path: Path) -> dict[str, str]:
    """The message each way of reading ``path`` shows (the title aside: it names the command)."""
    shown: list[str] = []
    window.docs.show_error = lambda title, text: shown.append(text)  # type: ignore[method-assign]
    window.year_tools.last.confirm_not_last_year = lambda *_a: True  # type: ignore[method-assign]
    Dialogs(monkeypatch, str(path))
    got: dict[str, str] = {}

    def background(name: str, start: object) -> None:
        with qtbot.waitSignal(window.docs.loadEnded, timeout=20000):
            start()  # type: ignore[operator]
        got[name] = shown[-1]

    background("打开 dialog", window.docs.open)
    for mode in ("fork", "spawn"):  # Linux's start, and Windows'
        monkeypatch.setenv("NIANBAO_PREFETCH", mode)
        prefetch.start(path)
        background(f"command line ({mode})", lambda: window.docs.load_in_background(path))
    monkeypatch.delenv("NIANBAO_PREFETCH")
    background("drop", lambda: _drop(window, path))
    background("recent files", lambda: _from_recent_menu(window, path))
    assert not window.docs.load(path)
    got["read here"] = shown[-1]
    background("与上年报告对照", lambda: window.year_tools.last.attach(path))
    background("从上年报告新建", lambda: window.year_tools.last.rollover(path))
    assert len(shown) == len(got)  # one message each
    return got


@pytest.mark.parametrize("kind", DAMAGED + OTHERS)
def test_a_broken_file_gets_the_same_words_from_every_command(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    files = _files(tmp_path)
    path, words = files[kind]
    got = _messages(window, qtbot, monkeypatch, path)
    assert len(set(got.values())) == 1, got
    message = next(iter(got.values()))
    assert message.startswith(f"{path}：") and words in message and "Traceback" not in message
    if kind in DAMAGED:  # the zip's directory, a missing main part, a broken one: one cause, one wording
        assert message == f"{path}：{DAMAGED_DOCX}"


_COMMAND_LINE = """
import sys
from PySide6.QtWidgets import QApplication
import ui.questions as questions

def shown(parent, title, text):
    print("error", title, text.replace("\\n", " "), flush=True)
    QApplication.exit(0)

questions.show_error = shown
from app.launch import main
sys.exit(main([sys.argv[1]]))
"""


def test_the_real_command_line_says_the_same(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """`python -m app FILE` as it starts (app.launch: the prefetch child, then ui.main.run)."""
    (tmp_path / "g").mkdir()
    files = _files(tmp_path / "g")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), NIANBAO_CACHE_DIR=str(tmp_path / "cache"))
    for kind in ("truncated-zip", "no-document-part", "random-bytes"):
        path = files[kind][0]
        done = subprocess.run([sys.executable, "-c", _COMMAND_LINE, str(path)], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=60)
        lines = [line for line in done.stdout.splitlines() if line.startswith("error ")]
        in_window = _messages(window, qtbot, monkeypatch, path)["打开 dialog"]
        assert lines == [f"error 无法打开 {in_window}"], (done.stdout, done.stderr)
        if kind != "random-bytes":
            assert in_window == f"{path}：{DAMAGED_DOCX}"


# -- 5. a long file name in the status bar ---------------------------------------------------------
# 85 Chinese characters are the most a Linux file name holds (255 bytes); Windows takes 120 and more.
NAME = ("某某市某某区某某街道办事处关于二〇二四年度政府信息公开工作年度报告的定稿版本"
        "（经审核修改后第三次提交稿，含统计表格与附件说明及其他需要报告的事项）" * 2)


def _elided(text: str, shown: str) -> bool:
    """``shown`` is ``text`` with a middle part replaced by one “…”: whole characters either side."""
    head, dots, tail = shown.partition("…")
    return dots == "…" and len(head) >= 3 and len(tail) >= 3 and text.startswith(head) and text.endswith(tail) \
        and len(head) + len(tail) < len(text)


@pytest.mark.parametrize("chars", [80, 120])
def test_a_long_path_in_the_status_bar_is_elided_in_its_middle(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                                chars: int) -> None:
    window.resize(1024, 768)
    folder = tmp_path / "某某市某某区人民政府办公室政务公开科二〇二四年度报告汇编"
    if chars <= 80:  # a real file, opened
        path = _copy(folder, NAME[:chars] + ".docx")
        assert window.docs.load(path)
    else:  # a name longer than Linux allows: the label shows what a Windows PC would
        path = folder / (NAME[:chars] + ".docx")
        window.docs.source = path
        window.docs.pathChanged.emit()
    bar, label = window.statusBar(), window.file_label
    qtbot.wait(50)  # laid out
    assert 200 < label.width() <= bar.width() // 2
    if bar.currentMessage():  # 已打开…: the message first while it shows
        assert label.width() <= bar.width() * 0.3 + 1
    assert window.width() == 1024 and window.minimumSizeHint().width() < 1024  # the path never widens it
    assert label.text() == str(path) and str(path) in label.toolTip()
    shown = label.shown_text()
    assert _elided(str(path), shown) and shown.endswith(".docx"), shown
    assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()
    for other in (window.error_label, window.warning_label, window.saved_label):  # never squeezed by it
        assert other.width() >= other.sizeHint().width() and other.geometry().right() <= bar.width()
    if chars <= 80:  # 已打开 <the name>（由其他软件生成：保存时会先询问保存位置）
        message = bar.currentMessage()
        assert message.startswith(f"已打开 {path.name}") and message.endswith("保存时会先询问保存位置）")
        assert _elided(message, bar.shown_message()) and bar.shown_message().endswith("保存时会先询问保存位置）")
        assert bar.fontMetrics().horizontalAdvance(bar.shown_message()) <= bar.message_rect().width()
        assert bar.message_rect().right() < window.error_label.x() and bar.toolTip() == message


def test_a_path_and_a_message_that_fit_are_shown_whole(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    window.resize(1400, 900)
    path = _copy(tmp_path / "年报")
    assert window.docs.load(path)
    qtbot.wait(50)  # laid out
    bar = window.statusBar()
    assert bar.shown_message() == bar.currentMessage() == "已打开 报告.docx（由其他软件生成：保存时会先询问保存位置）"
    assert bar.toolTip() == bar.currentMessage()
    bar.clearMessage()  # 8 s later: the path has its room back
    qtbot.wait(50)
    assert bar.toolTip() == "" and window.file_label.shown_text() == str(path)


def test_the_elided_message_is_drawn_as_qt_draws_a_message(window: MainWindow, qtbot: QtBot,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """StatusBar._paint (used for a message that does not fit) against QStatusBar's own painting."""
    window.resize(1024, 768)
    bar = window.statusBar()
    window.show_message("已保存到 年报.docx")
    qtbot.wait(20)
    by_qt = bar.grab().toImage()
    monkeypatch.setattr(type(bar), "paintEvent", lambda self, event: self._paint(event, self.currentMessage()))
    bar.update()
    ours = bar.grab().toImage()
    assert ours == by_qt


# -- 1. the questions in their own module ------------------------------------------------------------
_START = """
import sys
import PySide6.QtWidgets as widgets
from pathlib import Path
from app import prefetch
path = Path(sys.argv[1])
prefetch.start(path)
from ui.main import create_application
app = create_application()
import ui.documents, ui.questions, ui.recent, ui.window_commands, ui.elided  # what opening a file uses
print("imported", "QMessageBox" in vars(widgets), flush=True)
from ui.main_window import MainWindow
w = MainWindow(staged=True)
w.show_opening(path.name)
w.show(); app.processEvents()
print("shown", "QMessageBox" in vars(widgets), flush=True)
from PySide6.QtWidgets import QMessageBox
print("asked", "QMessageBox" in vars(widgets), flush=True)
"""


def test_qmessagebox_is_loaded_when_a_question_is_asked_not_at_the_start(tmp_path: Path) -> None:
    """PySide builds a class and its enums when it is first imported (vars(QtWidgets) shows which
    are): the start with a file shows its window without QMessageBox."""
    path = _copy(tmp_path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), NIANBAO_CACHE_DIR=str(tmp_path / "cache"))
    done = subprocess.run([sys.executable, "-c", _START, str(path)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.startswith(("imported", "shown", "asked"))]
    assert lines == ["imported False", "shown False", "asked True"]


def test_documents_keeps_to_opening_saving_and_autosave() -> None:
    """Under the house's 500 lines: the questions, recent files and the command sets' base are apart."""
    source = (ROOT / "ui" / "documents.py").read_text(encoding="utf-8")
    assert len(source.splitlines()) < 500
    assert "QMessageBox(" not in source and "QSettings(" not in source


def test_a_message_naming_a_path_loses_the_folders_before_its_middle(window: MainWindow, qtbot: QtBot,
                                                                     tmp_path: Path) -> None:
    """已保存到 <a long path>；表二“规章”行…: the folders go first, the file's name and the news
    after it stay (rev25c S2: the table and row were elided away); the tooltip keeps the whole."""
    window.resize(1024, 768)
    folder = "/home/张三/文档/某某市某某区人民政府办公室/政务公开科/二〇二四年度/各乡镇街道报送/第二批/"
    news = "表二“规章”行“本年制发件数”列输入的“已电话核实”未填入表格，文件中仍是原值（红框标出）"
    message = f"已保存到 {folder}01-某某镇.docx；{news}"
    window.show_message(message)
    qtbot.wait(50)  # laid out
    bar = window.statusBar()
    shown = bar.shown_message()
    assert bar.currentMessage() == message == bar.toolTip()
    assert shown == f"已保存到 …/01-某某镇.docx；{news}", shown
    assert bar.fontMetrics().horizontalAdvance(shown) <= bar.message_rect().width()
    window.resize(700, 768)  # narrower still: then its middle, as before
    qtbot.wait(50)
    narrow = bar.shown_message()
    assert narrow.startswith("已保存到 …/") and _elided(f"已保存到 01-某某镇.docx；{news}", narrow.replace("…/", "", 1))
    assert bar.fontMetrics().horizontalAdvance(narrow) <= bar.message_rect().width()
