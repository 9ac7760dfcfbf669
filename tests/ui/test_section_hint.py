"""An empty section's hint (五's prompt, a table page's 说明文字): drawn where the caret stands,
never text — typing replaces it, undo never brings it back as text, a saved file never holds it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from tests.ui.conftest import type_text
from ui.main_window import MainWindow
from ui.narrative import NarrativeEdit


def _editor(window: MainWindow, key: str) -> NarrativeEdit:
    page = window.show_page(key)
    editor = page.text_edit()
    assert isinstance(editor, NarrativeEdit)
    if key == "三":  # the table page's lead text shows when asked for
        page.add_lead.click()  # type: ignore[union-attr]
    editor.setFocus()
    return editor


def _inked_columns(editor: NarrativeEdit, top: int, bottom: int) -> list[int]:
    """The x of every column of the viewport with something drawn between ``top`` and ``bottom``."""
    image: QImage = editor.viewport().grab().toImage()
    background = QColor(image.pixel(image.width() - 2, top)).lightness()
    return [x for x in range(image.width() - 4)
            if any(abs(QColor(image.pixel(x, y)).lightness() - background) > 40 for y in range(top, bottom))]


@pytest.mark.parametrize("key", ["五", "三"])
def test_the_caret_stands_before_the_hint_not_inside_it(window: MainWindow, qtbot: QtBot, key: str) -> None:
    window.resize(1400, 900)
    editor = _editor(window, key)
    qtbot.waitUntil(editor.isVisible)
    assert editor.placeholderText() and editor.document().isEmpty()
    editor.setCursorWidth(0)  # the blinking caret itself left out of the picture
    caret = editor.cursorRect()
    inked = _inked_columns(editor, caret.top() + 2, caret.bottom() - 2)
    assert inked, "the hint is drawn on the caret's line"
    # The hint's first character begins at the caret (the paragraph's first-line indent), none
    # of it is drawn left of the caret, as in a line edit or a browser's text field.
    assert min(inked) >= caret.left() - 1
    assert min(inked) <= caret.left() + editor.fontMetrics().horizontalAdvance("中")


def test_typing_replaces_the_hint_and_undo_never_brings_it_back_as_text(window: MainWindow, tmp_path: Path) -> None:
    editor = _editor(window, "五")
    hint = editor.placeholderText()
    type_text(editor, "甲乙")
    assert editor.toPlainText() == "甲乙" and editor.placeholderText() == hint
    window.state.flush()
    assert window.state.report.section_text("五") == "甲乙"
    window.act_undo.trigger()
    window.state.flush()
    assert editor.toPlainText() == "" and window.state.report.section_text("五") == ""
    window.act_redo.trigger()
    window.act_undo.trigger()
    window.state.flush()
    assert editor.document().isEmpty()
    window.docs.ask_save_path = lambda: str(tmp_path / "hint.docx")  # type: ignore[method-assign]
    assert window.docs.save_as()
    with zipfile.ZipFile(tmp_path / "hint.docx") as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert "请写明" not in body and "此处为提示" not in body and hint[:6] not in body


def test_the_hint_goes_as_soon_as_text_comes(window: MainWindow, qtbot: QtBot) -> None:
    editor = _editor(window, "五")
    editor.setCursorWidth(0)
    caret = editor.cursorRect()
    qtbot.keyClick(editor, Qt.Key.Key_Space)  # one blank: no glyph of its own
    qtbot.wait(20)
    assert not _inked_columns(editor, caret.top() + 2, caret.bottom() - 2)
