"""A picture pasted into a section's text (a screenshot, a chart copied from a web page or a
chat) is said not to go in, once, in the status bar: before, Ctrl+V did nothing and said
nothing (from the GUI tester under Xvfb). The text and the undo stack stay as they were."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage

from app.schema import OVERVIEW
from ui.main_window import MainWindow
from ui.narrative import NarrativePage


def _page(window: MainWindow) -> NarrativePage:
    page = window.show_page(OVERVIEW)
    assert isinstance(page, NarrativePage)
    return page


def _picture() -> QImage:
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    return image


def test_pasting_a_picture_says_it_is_not_taken(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(window)
    page.editor.setFocus()
    before, steps = page.editor.toPlainText(), window.state.stack.count()
    QGuiApplication.clipboard().setImage(_picture())
    qtbot.keyClick(page.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    shown = window.statusBar().currentMessage()
    assert "图片" in shown and "文字" in shown
    assert page.editor.toPlainText() == before and window.state.stack.count() == steps


def test_text_with_a_picture_goes_in_without_the_message(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(window)
    page.editor.setFocus()
    data = QMimeData()
    data.setImageData(_picture())
    data.setText("网页上的一段文字")
    QGuiApplication.clipboard().setMimeData(data)
    qtbot.keyClick(page.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "网页上的一段文字" in page.editor.toPlainText()
    assert "图片" not in window.statusBar().currentMessage()
