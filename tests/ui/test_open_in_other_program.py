"""The report open in Word, WPS or LibreOffice at the same time (their owner file beside it): one
question in Chinese on opening it here and before saving over it, as another editor's owner file
gives; nothing written when the user declines (rev25b S4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

import app.io as app_io
import app.reading as app_reading
from app.office_owner import OtherProgram
from app.schema import T3_COL_NATURAL, T3_NEW
from tests.test_office_owner import word_owner
from tests.ui.conftest import SAMPLE, table, type_into
from ui import filedialogs, questions
from ui.main_window import MainWindow

OWNERS = {
    "Word 或 WPS": ("~$报告.docx", word_owner("张三")),
    "WPS": (".~报告.docx", b"\x00" * 40),
    "LibreOffice": (".~lock.报告.docx#", "张三,PC-01,zhangsan,03.12.2026 09:00,file:///home/zhangsan;".encode()),
}


class Asked:
    def __init__(self, *answers: str) -> None:
        self.answers, self.seen = list(answers), []  # type: list[str], list[OtherProgram]

    def __call__(self, path: Path, other: OtherProgram) -> str:
        self.seen.append(other)
        return self.answers.pop(0)


def editor(qtbot: QtBot, tmp_path: Path, on_open: Asked, on_save: Asked) -> MainWindow:
    win = MainWindow(autosave_dir=tmp_path / "autosave")
    qtbot.addWidget(win)
    win.docs.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    win.docs.ask_save_path = lambda: pytest.fail("asked where to save")  # type: ignore[method-assign]
    win.docs.ask_in_other_program = on_open  # type: ignore[method-assign]
    win.docs.ask_save_in_other_program = on_save  # type: ignore[method-assign]
    win.said = []  # type: ignore[attr-defined]
    win.docs.message.connect(win.said.append)  # type: ignore[attr-defined]
    win.show()
    qtbot.waitExposed(win)
    return win


def ours(tmp_path: Path) -> Path:
    """A report this editor wrote: saved in place (another program's is saved as a new file)."""
    doc = tmp_path / "报告.docx"
    app_io.save_report(app_reading.load_report(SAMPLE), doc)
    return doc


def report_beside(tmp_path: Path, program: str) -> Path:
    doc = ours(tmp_path)
    name, data = OWNERS[program]
    (tmp_path / name).write_bytes(data)
    return doc


@pytest.mark.parametrize("program", OWNERS)
def test_opening_asks_once_and_a_save_over_that_same_owner_file_is_not_asked_again(
        qtbot: QtBot, tmp_path: Path, program: str) -> None:
    doc = report_beside(tmp_path, program)
    on_open, on_save = Asked("open"), Asked()
    win = editor(qtbot, tmp_path, on_open, on_save)
    assert win.docs.load(doc)
    assert [o.program for o in on_open.seen] == [program]
    assert ("张三" in on_open.seen[0].who()) == (program != "WPS")
    type_into(qtbot, table(win, "三"), (T3_NEW, T3_COL_NATURAL), "7")
    assert win.docs.save()
    assert on_save.seen == [], "the user was told at the open"
    assert not win.state.unsaved()


@pytest.mark.parametrize("program", OWNERS)
def test_declined_at_the_open_nothing_is_opened_and_the_lock_given_up(qtbot: QtBot, tmp_path: Path, program: str) -> None:
    doc = report_beside(tmp_path, program)
    win = editor(qtbot, tmp_path, Asked(""), Asked())
    assert not win.docs.load(doc)
    assert win.docs.path is None
    assert f"未打开 报告.docx：文件似乎正在 {program} 中打开" in win.said  # type: ignore[attr-defined]
    assert not list(tmp_path.glob(".nianbao-lock.*")), "our owner file went with the open"


def test_read_only_at_the_open(qtbot: QtBot, tmp_path: Path) -> None:
    doc = report_beside(tmp_path, "LibreOffice")
    win = editor(qtbot, tmp_path, Asked("read_only"), Asked())
    assert win.docs.load(doc) and win.docs.read_only


@pytest.mark.parametrize("program", OWNERS)
def test_another_program_opening_it_later_is_asked_about_before_saving_over(
        qtbot: QtBot, tmp_path: Path, program: str) -> None:
    doc = ours(tmp_path)
    on_open, on_save = Asked(), Asked("", "save")
    win = editor(qtbot, tmp_path, on_open, on_save)
    assert win.docs.load(doc) and on_open.seen == []
    name, data = OWNERS[program]
    (tmp_path / name).write_bytes(data)  # opened in the other program meanwhile
    type_into(qtbot, table(win, "三"), (T3_NEW, T3_COL_NATURAL), "7")
    before = doc.read_bytes()
    assert not win.docs.save()
    assert doc.read_bytes() == before and win.state.unsaved(), "declined: nothing written, nothing lost"
    assert f"未保存：文件似乎正在 {program} 中打开" in win.said  # type: ignore[attr-defined]
    assert win.docs.save() and doc.read_bytes() != before
    assert [o.program for o in on_save.seen] == [program, program]
    type_into(qtbot, table(win, "三"), (T3_NEW, T3_COL_NATURAL), "8")
    assert win.docs.save() and len(on_save.seen) == 2, "answered 仍然保存 for this owner file: not again"


def test_save_as_instead(qtbot: QtBot, tmp_path: Path) -> None:
    doc = ours(tmp_path)
    win = editor(qtbot, tmp_path, Asked(), Asked("save_as"))
    assert win.docs.load(doc)
    (tmp_path / ".~报告.docx").write_bytes(b"x")
    other = tmp_path / "报告（修订）.docx"
    win.docs.ask_save_path = lambda: str(other)  # type: ignore[method-assign]
    type_into(qtbot, table(win, "三"), (T3_NEW, T3_COL_NATURAL), "7")
    assert win.docs.save() and other.exists() and win.docs.path == other


def test_the_questions_say_which_program_and_who_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    texts: list[tuple[str, list[str]]] = []

    def choose(parent, icon, title, text, buttons, default, escape):  # type: ignore[no-untyped-def]
        texts.append((text, [b[0] for b in buttons]))
        return escape

    monkeypatch.setattr(filedialogs, "choose", choose)
    other = OtherProgram("LibreOffice", "/x/.~lock.报告.docx#", "张三", "PC-01")
    assert questions.ask_in_other_program(None, Path("/x/报告.docx"), other) == ""
    assert questions.ask_save_in_other_program(None, Path("/x/报告.docx"), other) == ""
    for text, buttons in texts:
        assert "“报告.docx”似乎正在 LibreOffice 中打开（张三，计算机 PC-01）" in text
        assert "“.~lock.报告.docx#”" in text and "取消(&C)" in buttons
    assert texts[0][1] == ["只读打开(&R)", "仍然打开(&O)", "取消(&C)"]
    assert texts[1][1] == ["仍然保存(&S)", "另存为(&A)…", "取消(&C)"]
