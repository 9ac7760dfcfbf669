"""The 段落 box and the 报告年度 field change the report only when the user means it: the wheel
over them and the arrow keys or a letter on the closed box leave it as it was (as in Word);
a choice in the open list applies."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from app.report import ParaKind
from tests.ui.conftest import type_text
from ui.main_window import MainWindow
from ui.narrative import NarrativePage
from ui.pages import BASIC_INFO, BasicInfoPage


def page_with_text(window: MainWindow) -> NarrativePage:
    page = window.show_page("五")
    assert isinstance(page, NarrativePage)
    type_text(page.editor, "存在的问题。")
    return page


def wheel(widget: QWidget, steps: int = -1) -> None:
    """A mouse wheel notch (down when negative) over the middle of ``widget``."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(QPoint(int(centre.x()), int(centre.y())))),
                        QPoint(0, 0), QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def kind_of(window: MainWindow, page: NarrativePage) -> ParaKind:
    window.state.sync_text()
    return window.state.report.sections[page.key][0].kind


def test_the_wheel_over_the_closed_box_changes_nothing(window: MainWindow, qtbot: QtBot) -> None:
    page = page_with_text(window)
    box = page.kind_box
    plain = QComboBox()  # Qt's own box, the same event: it does change (the event is real)
    qtbot.addWidget(plain)
    plain.addItems(["正文", "一级标题"])
    wheel(plain)
    assert plain.currentIndex() == 1
    steps = window.state.stack.count()
    for widget_has_focus in (False, True):
        if widget_has_focus:
            box.setFocus()
        for notch in (-1, 1, -1):
            wheel(box, notch)
            assert box.currentIndex() == box.findData(ParaKind.BODY)
            assert kind_of(window, page) is ParaKind.BODY
    assert window.state.stack.count() == steps, "no undo step either"
    assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel never gives it focus


def test_arrow_keys_open_the_list_and_only_a_choice_in_it_applies(window: MainWindow, qtbot: QtBot) -> None:
    page = page_with_text(window)
    box = page.kind_box
    box.setFocus()
    shift, meta = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.MetaModifier
    keys = [(k, m) for k in (Qt.Key.Key_Down, Qt.Key.Key_Up) for m in (Qt.KeyboardModifier.NoModifier, shift, meta)]
    # (from the review: QComboBox steps and applies on Shift/Meta+arrow; the box must not)
    for key, modifier in keys:
        qtbot.keyClick(box, key, modifier)
        assert box.view().isVisible(), "an arrow key opens the list"
        assert kind_of(window, page) is ParaKind.BODY, "and changes nothing by itself"
        qtbot.keyClick(box.view(), Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not box.view().isVisible())
        assert kind_of(window, page) is ParaKind.BODY
    for key in (Qt.Key.Key_PageDown, Qt.Key.Key_End, Qt.Key.Key_Right):
        qtbot.keyClick(box, key)
        assert not box.view().isVisible() and kind_of(window, page) is ParaKind.BODY
    # a letter picks the item it starts in Qt's box: here nothing (二级标题 begins with 二)
    QApplication.sendEvent(box, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, "二"))
    assert box.currentIndex() == box.findData(ParaKind.BODY) and kind_of(window, page) is ParaKind.BODY
    # the explicit choice: the list open, Down to 一级标题, Enter
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(box.view(), Qt.Key.Key_Down)
    qtbot.keyClick(box.view(), Qt.Key.Key_Return)
    assert kind_of(window, page) is ParaKind.HEADING1
    assert page.editor.hasFocus() or QApplication.focusWidget() is page.editor, "back to the text"
    window.state.stack.undo()
    assert kind_of(window, page) is ParaKind.BODY, "one undo step"


def test_a_click_in_the_list_applies(window: MainWindow, qtbot: QtBot) -> None:
    page = page_with_text(window)
    box = page.kind_box
    box.showPopup()
    view = box.view()
    index = box.model().index(box.findData(ParaKind.HEADING2), 0)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert kind_of(window, page) is ParaKind.HEADING2


def test_the_wheel_changes_the_year_only_in_the_focused_field(window: MainWindow, qtbot: QtBot) -> None:
    page = window.show_page(BASIC_INFO)
    assert isinstance(page, BasicInfoPage)
    year = page.year
    year.setValue(2024)
    plain = QSpinBox()
    qtbot.addWidget(plain)
    plain.setRange(2000, 2100)
    plain.setValue(2024)
    wheel(plain)
    assert plain.value() == 2023  # Qt's own spin box moves without focus: the event is real
    page.organ.setFocus()
    wheel(year)
    assert year.value() == 2024 and window.state.report.year == 2024
    year.setFocus()
    wheel(year)
    assert year.value() == 2023 and window.state.report.year == 2023  # clicked into: it is meant

