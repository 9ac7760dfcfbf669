"""A file dragged from a file manager and dropped anywhere in the window opens (as on the
window itself); on a text widget it used to type its URL into the report.  Plain text dragged
onto the same widgets still inserts.  The drags go through QApplication as a real one does:
DragEnter to the widget under the cursor (Qt passes an ignored one to the parents), then Drop."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from app.schema import META, OVERVIEW, REQUESTS
from ui.main_window import MainWindow
from ui.narrative import NarrativePage
from ui.pages import BasicInfoPage

from .conftest import SAMPLE, table


def _narrative(window: MainWindow) -> QWidget:
    page = window.show_page(OVERVIEW)
    assert isinstance(page, NarrativePage)
    return page.editor.viewport()  # a real drag is delivered to the viewport under the cursor


def _basic(window: MainWindow) -> BasicInfoPage:
    page = window.show_page(META)
    assert isinstance(page, BasicInfoPage)
    return page


def _organ(window: MainWindow) -> QWidget:
    return _basic(window).organ


def _year(window: MainWindow) -> QWidget:
    line = _basic(window).year.findChild(QLineEdit)  # the spin box's own line takes the drag
    assert isinstance(line, QLineEdit)
    return line


def _date(window: MainWindow) -> QWidget:
    return _basic(window).date.line


def _cell_editor(window: MainWindow) -> QWidget:
    view = table(window, REQUESTS)
    view.setFocus()
    view.setCurrentIndex(view.grid_model().index_of((3, 1)))
    view.edit(view.currentIndex())
    editors = [w for w in view.findChildren(QLineEdit) if w.isVisible()]
    assert len(editors) == 1
    return editors[0]


TARGETS: dict[str, Callable[[MainWindow], QWidget]] = {
    "narrative": _narrative, "organ": _organ, "year": _year, "date": _date, "cell editor": _cell_editor,
}


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, QLineEdit):
        return widget.text()
    editor = widget.parentWidget()  # the viewport's text edit
    return editor.toPlainText()  # type: ignore[union-attr]


def _drag(widget: QWidget, mime: QMimeData) -> tuple[bool, bool]:
    """Enter and drop on the middle of ``widget``; whether each event was accepted."""
    pos = widget.rect().center()
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    drop = QDropEvent(QPointF(QPoint(pos)), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    QApplication.processEvents()
    return enter.isAccepted(), drop.isAccepted()


def _file_mime(path: Path) -> QMimeData:
    mime = QMimeData()
    url = QUrl.fromLocalFile(str(path))
    mime.setUrls([url])
    mime.setText(url.toString())  # file managers offer the URL as text too: that was typed in
    return mime


@pytest.mark.parametrize("where", list(TARGETS))
def test_a_file_dropped_on_a_text_widget_opens_and_types_nothing(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    path = tmp_path / "x.docx"
    shutil.copyfile(SAMPLE, path)
    opened: list[Path] = []
    monkeypatch.setattr(window.docs, "open", lambda p=None: opened.append(Path(p)) or True)
    widget = TARGETS[where](window)
    before = _text_of(widget)
    entered, dropped = _drag(widget, _file_mime(path))
    assert (entered, dropped) == (True, True)  # the window took it
    assert opened == [path]
    assert _text_of(widget) == before and "file:" not in _text_of(widget)
    assert window.state.stack.count() == 0  # nothing entered the report
    assert window.state.report.organ == ""


# The year box never took a dragged text (Qt's spin box does not): nothing to keep there.
@pytest.mark.parametrize("where", [name for name in TARGETS if name != "year"])
def test_plain_text_dragged_onto_a_text_widget_still_inserts(window: MainWindow, qtbot: QtBot,
                                                             monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    opened: list[object] = []
    monkeypatch.setattr(window.docs, "open", lambda p=None: opened.append(p) or True)
    widget = TARGETS[where](window)
    mime = QMimeData()
    mime.setText("2023")
    entered, dropped = _drag(widget, mime)
    assert entered and dropped
    assert "2023" in _text_of(widget)
    assert opened == []


def test_a_web_link_dragged_onto_the_text_inserts_as_text(window: MainWindow, qtbot: QtBot) -> None:
    """Only files on this computer go to the window: a browser's link is text for the report."""
    widget = _narrative(window)
    mime = QMimeData()
    mime.setUrls([QUrl("https://www.gov.cn/zhengce/")])
    mime.setText("https://www.gov.cn/zhengce/")
    assert _drag(widget, mime) == (True, True)
    assert "https://www.gov.cn/zhengce/" in _text_of(widget)


def test_a_file_dropped_on_the_text_really_opens_it(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "别人的年报.docx"
    shutil.copyfile(SAMPLE, path)
    widget = _narrative(window)
    with qtbot.waitSignal(window.docs.loadEnded, timeout=20000):
        assert _drag(widget, _file_mime(path)) == (True, True)
    assert window.docs.source == path  # another program's .docx: opened, to be saved beside it
    assert window.windowTitle().startswith("别人的年报.docx")
    assert all("file:" not in p.text for paras in window.state.report.sections.values() for p in paras)


@pytest.mark.parametrize("name", ["报告.xml", "报告.fodt"])
def test_a_word_xml_or_flat_odt_dropped_on_the_window_opens(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """The reader takes Word's “Word XML 文档” and LibreOffice's .fodt: a drop of one opens it (it
    was passed over, as a file of a kind not read)."""
    path = tmp_path / name
    path.write_text("<x/>", encoding="utf-8")
    opened: list[Path] = []
    monkeypatch.setattr(window.docs, "open", lambda p=None: opened.append(Path(p)) or True)
    assert _drag(_narrative(window), _file_mime(path)) == (True, True)
    assert opened == [path]
