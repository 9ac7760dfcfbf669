"""The file open in the window renamed, moved or deleted meanwhile (in a file manager, by a
colleague on the share): 保存 asks (另存为 / 保存到原位置 / 取消) instead of silently making a new
file under the old name that nobody knows of."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

import app.io as app_io
from app.reading import load_report
from app.schema import T3_COL_NATURAL, T3_NEW
from tests.ui.conftest import SAMPLE, ref3
from ui.commands import SetCellCommand
from ui.documents import DocumentController
from ui.main_window import MainWindow

CELL = ref3(T3_NEW, T3_COL_NATURAL)


def _opened_and_edited(window: MainWindow, tmp_path: Path) -> Path:
    path = tmp_path / "报告.docx"
    app_io.save_report(load_report(SAMPLE), path)
    assert window.docs.load(path) and window.docs.path == path
    window.state.stack.push(SetCellCommand(window.state, CELL, 555))
    return path


def _asked(window: MainWindow, answer: str) -> list[Path]:
    asked: list[Path] = []

    def ask(path: Path) -> str:
        asked.append(path)
        return answer

    window.docs.ask_file_gone = ask  # type: ignore[method-assign]
    return asked


@pytest.mark.parametrize("how", ["renamed", "deleted"])
@pytest.mark.parametrize("answer", ["", "save_as", "save_here"])
def test_saving_a_file_gone_from_its_place_asks(window: MainWindow, tmp_path: Path, how: str, answer: str) -> None:
    path = _opened_and_edited(window, tmp_path)
    moved = tmp_path / "改过名的报告.docx"
    if how == "renamed":
        os.rename(path, moved)
    else:
        path.unlink()
    asked = _asked(window, answer)
    elsewhere = tmp_path / "另存的.docx"
    window.docs.ask_save_path = lambda: str(elsewhere)  # type: ignore[method-assign]
    window.act_save.trigger()  # Ctrl+S
    assert asked == [path]
    if answer == "save_here":
        assert load_report(path).value(CELL) == 555 and not window.state.is_modified()
    else:
        assert not path.exists(), "the old name is never made again unasked"
    if answer == "save_as":
        assert window.docs.path == elsewhere and load_report(elsewhere).value(CELL) == 555
    if answer == "":
        assert window.state.is_modified() and "原文件已不在" in window.statusBar().currentMessage()
    if how == "renamed":
        assert load_report(moved).value(CELL) != 555, "the renamed file is another program's now"


def test_a_file_still_in_place_is_saved_without_a_question(window: MainWindow, tmp_path: Path) -> None:
    path = _opened_and_edited(window, tmp_path)
    asked = _asked(window, "")
    assert window.docs.save() and asked == []
    assert load_report(path).value(CELL) == 555


def test_the_question_names_the_file_and_its_buttons_answer(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    seen: list[str] = []

    def answer(label: str | None) -> str:
        def press() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                QTimer.singleShot(10, press)
                return
            seen.append(box.text())
            if label is None:
                box.reject()
            else:
                next(b for b in box.buttons() if b.text() == label).click()
        QTimer.singleShot(0, press)
        return DocumentController.ask_file_gone(window.docs, tmp_path / "报告.docx")

    assert [answer("另存为(&A)…"), answer("保存到原位置(&S)"), answer("取消(&C)"), answer(None)] == \
        ["save_as", "save_here", "", ""]
    assert "报告.docx" in seen[0] and "改名" in seen[0]
