"""打印's dialog stays wholly on the screen when 选项 >> grows it: at 1366×768 and 150 % its 打印
and 取消 went off the bottom of the screen (gui23 under Xvfb, shot 73)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from ui import printing
from ui.main_window import MainWindow


def options_pressed_low(qtbot: QtBot, seen: dict[str, object]) -> None:
    """On the print dialog showing: moved low on the screen (as over a window near its foot),
    选项 >> pressed; the buttons' places then, and the dialog cancelled."""
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, QPrintDialog):
        seen["error"] = f"no print dialog: {dialog!r}"
        return
    try:
        screen = dialog.screen().availableGeometry()
        dialog.move(dialog.x(), screen.bottom() - dialog.frameGeometry().height() - 20)
        qtbot.wait(20)
        more = next(b for b in dialog.findChildren(QPushButton) if b.isVisible() and b.text().endswith(">>"))
        before = dialog.height()
        qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.height() > before)
        qtbot.wait(50)  # the move after the growth
        seen["screen"] = screen
        seen["buttons"] = {b.text(): QRect(b.mapToGlobal(QPoint(0, 0)), b.size())
                           for b in dialog.findChildren(QPushButton) if b.isVisible()}
    finally:
        dialog.reject()


def assert_on_screen(seen: dict[str, object]) -> None:
    assert "error" not in seen, seen.get("error")
    screen, buttons = seen["screen"], seen["buttons"]
    assert isinstance(screen, QRect) and isinstance(buttons, dict) and len(buttons) >= 3
    off = {text: rect for text, rect in buttons.items() if not screen.contains(rect)}
    assert not off, (off, screen)


def test_the_options_keep_the_print_buttons_on_the_screen(window: MainWindow, qtbot: QtBot) -> None:
    seen: dict[str, object] = {}
    QTimer.singleShot(0, lambda: options_pressed_low(qtbot, seen))
    assert printing.print_report(window, window.state.report) == ""  # cancelled: nothing printed, nowhere to name
    assert_on_screen(seen)


def test_the_print_dialog_of_the_preview_too(window: MainWindow, qtbot: QtBot) -> None:
    """The preview's own 打印 opens a print dialog Qt makes (a child of the preview)."""
    seen: dict[str, object] = {}

    def print_from_preview() -> None:
        preview = QApplication.activeModalWidget()
        if not isinstance(preview, QPrintPreviewDialog):
            seen["error"] = f"no preview: {preview!r}"
            return
        try:
            action = next(a for a in preview.findChildren(QAction) if a.text() in ("打印", "Print"))
            QTimer.singleShot(0, lambda: options_pressed_low(qtbot, seen))
            action.trigger()
        finally:
            preview.reject()

    QTimer.singleShot(0, print_from_preview)
    printing.print_preview(window, window.state.report)
    assert_on_screen(seen)
