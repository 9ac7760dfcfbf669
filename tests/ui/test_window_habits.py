"""Habits of Word and WPS: F12 saves as, dialogs start in the folder used last (文档 the first
time), the open filter lists every format the reader takes, Qt's dialogs speak Chinese, Alt keys in
the save-changes question, 关于 shows the version, a launcher without a console window."""

from __future__ import annotations

import re
import tomllib
from importlib import import_module
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo, QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from app import __version__
from app.reading import load_report
from tests.ui.conftest import translated
from ui import filedialogs
from ui.main_window import MainWindow
from ui.resources import install_translators

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "data" / "xiaogang-2021.docx"


def test_f12_is_save_as(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert QKeySequence("F12") in window.act_save_as.shortcuts()
    target = tmp_path / "另存.docx"
    window.docs.ask_save_path = lambda: str(target)  # type: ignore[method-assign]
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F12)
    qtbot.waitUntil(target.exists)
    assert window.docs.path == target


class Dialogs:
    """QFileDialog's static functions, answered: records where each dialog started."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.starts: list[str] = []
        self.filters: list[str] = []
        self.answer = ""
        for name in ("getOpenFileName", "getSaveFileName"):
            monkeypatch.setattr(QFileDialog, name, staticmethod(self._ask))

    def _ask(self, parent: object, title: str, start: str, name_filter: str) -> tuple[str, str]:
        self.starts.append(start)
        self.filters.append(name_filter)
        return self.answer, ""


def test_dialogs_start_in_the_last_folder_used_across_windows_and_runs(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dialogs = Dialogs(monkeypatch)
    documents = filedialogs.documents_folder()
    window.docs.ask_open_path()  # the first time: 文档
    assert Path(dialogs.starts[-1]) == documents
    folder = tmp_path / "二〇二四 报告"
    folder.mkdir()
    (folder / "a.docx").write_bytes(SAMPLE.read_bytes())
    dialogs.answer = str(folder / "a.docx")
    window.docs.ask_open_path()
    dialogs.answer = ""
    window.output.ask_pdf_path()  # the PDF of an untitled report: its title, in that folder
    assert Path(dialogs.starts[-1]).parent == folder
    # another window, and the next run (a fresh settings object reads the file)
    QSettings().sync()
    second = MainWindow(autosave_dir=tmp_path / "autosave2")
    second.docs.ask_open_path()
    assert Path(dialogs.starts[-1]) == folder
    second.docs.ask_save_path()
    assert Path(dialogs.starts[-1]) == folder / f"{second.state.report.file_stem}.docx"  # 未命名报告: a blank one
    second.close()
    # a folder since removed: back to 文档, never a dialog in a missing place
    folder.joinpath("a.docx").unlink()
    folder.rmdir()
    window.docs.ask_open_path()
    assert Path(dialogs.starts[-1]) == documents


def test_the_open_filter_lists_every_format_the_reader_takes() -> None:
    first = filedialogs.OPEN_FILTER.split(";;")[0]
    listed = set(re.findall(r"\*\.(\w+)", first))
    assert {"docx", "doc", "wps", "rtf", "odt", "pdf", "xlsx", "html", "htm", "txt"} <= listed
    reader = (ROOT / "app" / "reading.py").read_text(encoding="utf-8")
    for suffix in re.findall(r'"\.(\w+)"', reader.split("def read_report", 1)[1].split("\ndef ", 1)[0]):
        assert suffix in listed or suffix == "xlsm", suffix  # every suffix read_report names


def test_the_file_dialog_speaks_chinese(qapp: QApplication) -> None:
    """Qt's own widgets dialog (what 统信UOS/麒麟 get without a platform theme)."""
    install_translators(qapp)
    dialog = QFileDialog(None, "打开报告", str(Path.home()), filedialogs.OPEN_FILTER)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)
             if w.isVisibleTo(dialog) and w.text()]
    assert texts
    english = [t for t in texts if re.search(r"[A-Za-z]{3,}", t) and not re.search(r"[\u4e00-\u9fff]", t)]
    assert english == [], english
    assert any("查找范围" in t for t in texts) and any("文件类型" in t for t in texts)
    dialog.deleteLater()


def test_save_changes_question_has_alt_keys(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    answers: list[QMessageBox.StandardButton] = []
    seen: list[list[str]] = []

    def press_alt_n() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press_alt_n)  # not shown yet
            return
        seen.append([b.text() for b in box.buttons()])
        # the button Alt+N reaches (Qt gives a button the shortcut of its text's mnemonic);
        # offscreen delivers no shortcut events, so it is clicked as the key would
        target = [b for b in box.buttons() if b.shortcut() == QKeySequence("Alt+N")]
        QTimer.singleShot(2000, box.reject)  # never a test hanging on an open box
        if target:
            target[0].click()

    del window.docs.ask_save_changes  # the real question, not the fixture's answer
    QTimer.singleShot(0, press_alt_n)
    answers.append(window.docs.ask_save_changes())
    assert answers == [QMessageBox.StandardButton.Discard]
    assert sorted(seen[0]) == sorted(["保存(&S)", "不保存(&N)", "取消(&C)"])


def test_about_shows_the_version(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    window.about()
    assert shown and f"版本 {__version__}" in shown[0]


def test_a_gui_launcher_without_a_console() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    target = project["gui-scripts"]["nianbao-editor"]
    module, _, name = target.partition(":")
    assert callable(getattr(import_module(module), name))
    spec = (ROOT / "build" / "nianbao.spec").read_text(encoding="utf-8")
    assert re.search(r'name="nianbao", console=False', spec), "the frozen editor is built windowed"


def test_a_file_opened_is_remembered_for_the_next_dialog(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    dialogs = Dialogs(monkeypatch)
    copy = tmp_path / "来源" / "x.docx"
    copy.parent.mkdir()
    copy.write_bytes(SAMPLE.read_bytes())
    dialogs.answer = str(copy)
    with qtbot.waitSignal(window.docs.loadEnded, timeout=20000):  # read in the background
        assert window.docs.open()
    assert window.state.report.organ == load_report(SAMPLE).organ
    dialogs.answer = ""
    window.docs.ask_open_path()
    assert Path(dialogs.starts[-1]) == copy.parent


def test_chinese_where_qt_ships_no_translation(qapp: QApplication, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A bundle or system whose Qt has no qtbase_zh_CN: ours (resources/) is loaded instead."""
    monkeypatch.setattr(QLibraryInfo, "path", staticmethod(lambda _which: str(tmp_path)))
    with translated(qapp) as installed:
        assert [t.translate("QFileDialog", "Look in:") for t in installed] == ["查找范围："]


def test_the_questions_answer_with_the_button_clicked_and_escape(qapp: QApplication) -> None:
    """ui.filedialogs.choose, behind 恢复/放弃/以后再说, 仍然覆盖/另存为/取消 and 仍然对照/取消."""
    buttons = [("恢复", filedialogs.Role.AcceptRole), ("放弃", filedialogs.Role.DestructiveRole),
               ("以后再说", filedialogs.Role.RejectRole)]

    def answer(label: str | None) -> int:
        def press() -> None:
            box = QApplication.activeModalWidget()
            assert isinstance(box, QMessageBox)
            assert box.defaultButton().text() == "恢复"
            if label is None:
                box.reject()  # Esc, the window's close button
            else:
                next(b for b in box.buttons() if b.text() == label).click()
        QTimer.singleShot(0, press)
        return filedialogs.choose(None, QMessageBox.Icon.Question, "恢复自动保存", "？", buttons, 0, 2)

    assert [answer("恢复"), answer("放弃"), answer("以后再说"), answer(None)] == [0, 1, 2, 2]
