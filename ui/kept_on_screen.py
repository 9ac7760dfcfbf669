"""Dialogs kept wholly on their screen: no taller or wider than its free area, their buttons in
reach, and put back on it when they grow while they show."""

from __future__ import annotations

from typing import TypeVar

import shiboken6
from PySide6.QtCore import QChildEvent, QEvent, QObject, QSize, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.window_layout import fit_new_window, frame_margins

SCROLLED = "keptOnScreenScrolled"  # the dialog's parts were put in a scroll area (once only)


def room(dialog: QWidget) -> QSize:
    """The largest inside ``dialog`` may have: its screen's free area less the window's frame."""
    screen = dialog.screen().availableGeometry()
    margins = frame_margins(dialog)
    return QSize(max(screen.width() - margins.left() - margins.right(), 1),
                 max(screen.height() - margins.top() - margins.bottom(), 1))


def _least(dialog: QWidget) -> QSize:
    if dialog.inherits("QMessageBox"):  # by name: QMessageBox is not loaded at the start
        # Qt wraps a message box's text only as it shows (its updateSize): before that its least
        # width is the text on one line, and 放弃's list of 30 copies' names (1061 px at 150 % on
        # a 911 px screen) had the box put in a scroll area, 205 px wide (ux32).  Wrapped now.
        for label in dialog.findChildren(QLabel):
            if label.objectName() in ("qt_msgbox_label", "qt_msgbox_informativelabel"):
                label.setWordWrap(True)
    layout = dialog.layout()
    if layout is not None:
        layout.activate()
    return dialog.minimumSizeHint().expandedTo(dialog.minimumSize())


def _scrolled(dialog: QWidget) -> None:
    """``dialog``'s parts in a scroll area, its button row kept under it, always in sight: Qt's
    页面设置 needs 538 px at 150 % on a 1366×768 screen (512 px to Qt), its 确定 and 取消 were
    below the screen's bottom edge and no resize can make it smaller than its layout's minimum."""
    layout = dialog.layout()
    if layout is None or dialog.property(SCROLLED):
        return
    dialog.setProperty(SCROLLED, True)
    buttons = [b for b in dialog.findChildren(QDialogButtonBox) if layout.indexOf(b) >= 0]
    for box in buttons:
        layout.removeWidget(box)
    inner = QWidget()
    inner.setLayout(layout)  # the parts move with their layout
    area = QScrollArea(dialog)
    area.setWidget(inner)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    outer = QVBoxLayout(dialog)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(area, 1)
    for box in buttons:
        holder = QVBoxLayout()
        margins = layout.contentsMargins()
        holder.setContentsMargins(margins.left(), 0, margins.right(), margins.bottom())
        holder.addWidget(box)
        outer.addLayout(holder)
    if buttons:
        margins = layout.contentsMargins()
        layout.setContentsMargins(margins.left(), margins.top(), margins.right(), 0)


def fit_dialog(dialog: QWidget, move: bool = True) -> None:
    """``dialog`` (about to show, or shown) within its screen's free area: its parts scrolled where
    even its least size is taller or wider than the screen, no larger than the screen, and (``move``)
    wholly on it."""
    space = room(dialog)
    least = _least(dialog)
    if least.height() > space.height() or least.width() > space.width():
        _scrolled(dialog)
        layout = dialog.layout()
        if layout is not None and layout.sizeConstraint() in (QLayout.SizeConstraint.SetFixedSize,
                                                              QLayout.SizeConstraint.SetMinimumSize):
            layout.setSizeConstraint(QLayout.SizeConstraint.SetDefaultConstraint)
        least = _least(dialog)
    dialog.setMaximumSize(dialog.maximumSize().boundedTo(space).expandedTo(least.boundedTo(space)))
    if dialog.width() > space.width() or dialog.height() > space.height():
        dialog.resize(dialog.size().boundedTo(space))
    if move:
        fit_new_window(dialog)


class KeptOnScreen(QObject):
    """A dialog fitted to its screen as it shows (``fit_dialog``), and put back wholly on it when
    it grows while it shows: Qt's print dialog grows downward from where it was placed when
    选项 >> is pressed, and at 1366×768 and 150 % its 打印 and 取消 went off the bottom of the
    screen (gui23 shot 73).  The dialogs it opens are kept so too: the print preview's own 打印
    and 页面设置 open dialogs Qt makes, its children."""

    def __init__(self, window: QWidget) -> None:
        # The dialog is this filter's parent and is asked for as such, never kept in a Python
        # attribute: a dialog ending as its function returns sends its last events while
        # Python is already tearing this object's attributes down.
        super().__init__(window)
        window.setProperty("keptOnScreen", True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        window = self.parent()
        if watched is not window or not isinstance(window, QWidget):
            return False
        kind = event.type()
        if kind == QEvent.Type.Show:
            # Its size now, before it is on screen; its place once Qt has put it (centred on its
            # parent: moved here it would be moved from where Qt had not put it yet, the corner).
            fit_dialog(window, move=False)
            QTimer.singleShot(0, self._fit)
        elif kind == QEvent.Type.Resize and window.isVisible():
            QTimer.singleShot(0, self._fit)  # once the resize is done: not moved inside it
        elif kind == QEvent.Type.ChildPolished:
            child = event.child() if isinstance(event, QChildEvent) else None
            if isinstance(child, QDialog) and not child.property("keptOnScreen"):
                KeptOnScreen(child)
        return False

    def _fit(self) -> None:
        window = self.parent() if shiboken6.isValid(self) else None
        if isinstance(window, QWidget) and shiboken6.isValid(window) and window.isVisible():
            fit_new_window(window)


_W = TypeVar("_W", bound=QWidget)


def kept_on_screen(dialog: _W) -> _W:
    """``dialog`` kept on its screen while it shows (``KeptOnScreen``); returned for chaining."""
    if not dialog.property("keptOnScreen"):
        KeptOnScreen(dialog)
    return dialog
