"""放弃 beside 恢复 deletes the unsaved work only when confirmed: a second question whose default
is 取消 (Enter and Esc keep the copy and go back to the first), at the start and when a file
with a copy is opened (from the GUI test: one click next to 恢复 deleted the recovery copy)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

import app.io as app_io
import app.reading as app_reading
from app.schema import T3_COL_NATURAL, T3_NEW, CellRef
from tests.ui.conftest import SAMPLE, autosave_window, crashed, table, type_into
from ui import questions
from ui.autosave import Recovery, crashed_slots
from ui.documents import DocumentController

CELL = CellRef("三", T3_NEW, T3_COL_NATURAL)
RESTORE, CONFIRM = "恢复自动保存", "放弃自动保存的修改"


class Answers:
    """Answers the questions as they come, one step of ``script`` each: (the title expected, a
    button's text to click, or "Enter" / "Esc"); notes each question's title and default button."""

    def __init__(self, script: list[tuple[str, str]]) -> None:
        self.script = list(script)
        self.asked: list[tuple[str, str]] = []
        self.timer = QTimer(interval=30)
        self.timer.timeout.connect(self._answer)
        self.timer.start()

    def _answer(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible() or not self.script:
            return
        default = box.defaultButton()
        self.asked.append((box.windowTitle(), default.text() if default is not None else ""))
        title, action = self.script.pop(0)
        assert box.windowTitle() == title, (box.windowTitle(), box.text())
        if action in ("Enter", "Esc"):
            QTest.keyClick(box, Qt.Key.Key_Return if action == "Enter" else Qt.Key.Key_Escape)
            return
        button = next(b for b in box.buttons() if b.text() == action)
        button.click()


@pytest.fixture
def answers() -> Iterator[list[Answers]]:
    made: list[Answers] = []
    yield made
    for a in made:
        a.timer.stop()


def _crashed_copy(qtbot, folder: Path, path: Path | None = None) -> Path:  # type: ignore[no-untyped-def]
    """A window that typed into 表三 (of ``path`` if given), wrote its recovery copy and crashed."""
    win = autosave_window(qtbot, folder)
    if path is not None:
        assert win.docs.load(path)
    type_into(qtbot, table(win, "三"), (CELL.row, CELL.col), "5")
    assert win.docs.autosave()
    copy = win.docs.autosave_file
    assert copy is not None and copy.exists()
    crashed(win)
    return copy


def _asking(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real questions (the editor tests' fixture answers the start's and the open's for them)."""
    monkeypatch.setattr(DocumentController, "ask_restore",
                        lambda self, info: questions.ask_restore(self.window, info, self.restore_round))
    monkeypatch.setattr(DocumentController, "ask_restore_opened",
                        lambda self, info: questions.ask_restore_opened(self.window, info))


def test_discard_at_the_start_is_asked_again_and_cancel_is_the_default(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: list[Answers]) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosave"
    copy = _crashed_copy(qtbot, folder)
    _asking(monkeypatch)
    window = autosave_window(qtbot, folder)
    script = [(RESTORE, "放弃(&D)"), (CONFIRM, "Enter"), (RESTORE, "放弃(&D)"), (CONFIRM, "Esc"),
              (RESTORE, "放弃(&D)"), (CONFIRM, "取消(&C)"), (RESTORE, "以后再说(&L)")]
    answers.append(a := Answers(script))
    assert not window.docs.offer_restore()
    assert not a.script, f"questions left unasked: {a.script}"
    assert [d for t, d in a.asked if t == CONFIRM] == ["取消(&C)"] * 3, "取消 is the confirmation's default"
    assert copy.exists(), "the unsaved work is still there"
    # A later start: 放弃, confirmed, deletes it.
    answers.append(b := Answers([(RESTORE, "放弃(&D)"), (CONFIRM, "放弃修改(&D)")]))
    later = autosave_window(qtbot, folder)
    assert not later.docs.offer_restore()
    assert not b.script and not copy.exists() and crashed_slots(folder) == []


def test_discard_when_the_file_is_opened_is_asked_again(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: list[Answers]) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosave"
    path = tmp_path / "报告.docx"
    app_io.save_report(app_reading.load_report(SAMPLE), path)
    copy = _crashed_copy(qtbot, folder, path)
    _asking(monkeypatch)
    monkeypatch.setattr(DocumentController, "ask_restore", lambda self, info: None)  # 以后再说 at the start
    window = autosave_window(qtbot, folder)
    assert not window.docs.offer_restore()
    answers.append(a := Answers([(RESTORE, "放弃(&D)"), (CONFIRM, "Enter"), (RESTORE, "以后再说(&L)")]))
    assert window.docs.load(path)
    assert not a.script and copy.exists(), "取消 on the confirmation keeps the copy"
    # Opened again after that window closed (while it shows the file, opening it again
    # brings that window forward: ui/open_editors.py): asked again, 放弃 confirmed deletes it.
    assert window.close()
    answers.append(b := Answers([(RESTORE, "放弃(&D)"), (CONFIRM, "放弃修改(&D)")]))
    other = autosave_window(qtbot, folder)
    assert other.docs.load(path)
    assert not b.script and not copy.exists() and crashed_slots(folder) == []
    assert other.state.report.value(CELL) != 5 and not other.state.is_modified(), "the file as it is on disk"


def test_the_confirmation_names_the_report_and_says_it_cannot_be_undone() -> None:
    info = Recovery(path="/某处/小港2022.docx", saved_at="2026-12-01T06:30:00")
    text = questions.discard_text(info)
    assert "“小港2022.docx”" in text and "2026年12月01日 06:30:00" in text and "无法找回" in text
