"""Shift+F10 opens the context menu of what has the focus, on Linux as on Windows: a finding's
menu (转到, 忽略此问题…), a cell's (复制 … 本表空白处填0), the text's — from the keyboard alone."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QWidget

from app.findings import TEXT_TABLE_MISMATCH
from app.schema import T3_NEW
from tests.ui.conftest import plain, table
from tests.ui.test_dismiss import choose, mismatch_report
from ui import context_keys


def menu_from_keys(qtbot, widget: QWidget | QWindow, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.ShiftModifier) -> list[str] | None:  # type: ignore[no-untyped-def]
    """The texts of the menu the keys open at ``widget`` (closed again), None if none opens within
    0.3 s.  Looked for from a timer: a menu shown with exec() runs its own loop until closed, one
    shown with popup() (a line edit's) is there once the keys are handled."""
    seen: list[list[str] | None] = []
    tries = [30]

    def look() -> None:
        popup = QApplication.activePopupWidget()
        if isinstance(popup, QMenu):
            seen.append([plain(a.text()) for a in popup.actions() if not a.isSeparator()])
            popup.close()
        elif tries[0] > 0:
            tries[0] -= 1
            QTimer.singleShot(10, look)
        else:
            seen.append(None)

    QTimer.singleShot(0, look)
    qtbot.keyClick(widget, Qt.Key.Key_F10, modifiers)
    qtbot.waitUntil(lambda: bool(seen))
    return seen[0]


def test_shift_f10_opens_a_findings_menu(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    assert context_keys.applies()  # the tests run on Linux, where Qt does not map Shift+F10 itself
    window.state.replace_report(mismatch_report())
    choose(window, TEXT_TABLE_MISMATCH.code)
    texts = menu_from_keys(qtbot, window.findings.view)
    assert texts is not None and "转到" in texts and "忽略此问题…" in texts


def test_shift_f10_opens_the_cells_menu(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    view = table(window, "三")
    view.setFocus()
    view.setCurrentIndex(view.grid_model().index_of((T3_NEW, 0)))
    texts = menu_from_keys(qtbot, view)
    assert texts is not None and "复制" in texts and "本表空白处填0" in texts


def test_shift_f10_opens_the_texts_menu(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    editor = window.show_page("一").editor  # type: ignore[attr-defined]
    editor.setFocus()
    texts = menu_from_keys(qtbot, editor)
    assert texts  # the standard edit menu (全选 …)


def test_other_f10_keys_open_nothing(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.state.replace_report(mismatch_report())
    choose(window, TEXT_TABLE_MISMATCH.code)
    assert menu_from_keys(qtbot, window.findings.view, Qt.KeyboardModifier.NoModifier) is None
    mods = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
    assert menu_from_keys(qtbot, window.findings.view, mods) is None


def test_shift_f10_in_the_batch_window(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.batch_window import BatchWindow

    batch = BatchWindow()
    qtbot.addWidget(batch)
    batch.show()
    qtbot.waitExposed(batch)
    batch.activateWindow()  # a window's shortcut works in the window the user is in
    qtbot.waitUntil(lambda: QApplication.activeWindow() is batch)
    box = batch.findChild(QLineEdit)
    assert box is not None
    box.setFocus()
    texts = menu_from_keys(qtbot, box)
    assert texts  # the filter box's standard edit menu


def test_shift_f10_from_the_window_system(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The keys as the platform delivers them (to the window, through Qt's shortcut handling of a
    system key event), not to the widget: a menu opened from inside that handling showed nothing
    under X11."""
    window.state.replace_report(mismatch_report())
    choose(window, TEXT_TABLE_MISMATCH.code)
    texts = menu_from_keys(qtbot, window.windowHandle())
    assert texts is not None and "忽略此问题…" in texts


def test_shift_f10_in_the_reason_dialog(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    import ui.findings

    seen: list[list[str] | None] = []

    def in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or QApplication.activeWindow() is not dialog:
            QTimer.singleShot(10, in_dialog)
            return
        box = dialog.findChild(QLineEdit)
        box.setFocus()
        seen.append(menu_from_keys(qtbot, box))
        dialog.reject()

    QTimer.singleShot(0, in_dialog)
    ui.findings.ask_reason(window, "一条问题")
    assert seen and seen[0]  # the reason box's standard edit menu


def test_shift_f10_in_find_and_replace(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from ui.find_replace import FindReplaceDialog

    dialog = FindReplaceDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.find_edit.setFocus()
    assert menu_from_keys(qtbot, dialog.find_edit)


def test_shift_f10_in_qts_own_file_dialog(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Qt's own open dialog (统信UOS/麒麟 without a GTK theme): its file list's menu (新建文件夹,
    显示隐藏文件…) and its name box's edit menu, from the keyboard.  Before, Shift+F10 reached only
    the program's own windows and dialogs."""
    from PySide6.QtWidgets import QAbstractItemView, QFileDialog

    from ui import filedialogs

    (tmp_path / "年报.docx").write_bytes(b"")
    seen: dict[str, list[str] | None] = {}

    waited = [0]

    def in_dialog() -> None:
        # Never a hang: the dialog is rejected whatever happens here (a timeout raised in this
        # timer's callback left it open, and get_open_path waiting for ever, on a loaded machine).
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog) or QApplication.activeWindow() is not dialog:
            waited[0] += 1
            if isinstance(dialog, QFileDialog):
                dialog.activateWindow()
                if waited[0] > 3000:  # 30 s: not active, the keys would go elsewhere; the asserts say so
                    dialog.reject()
                    return
            QTimer.singleShot(10, in_dialog)
            return
        try:
            files = next(v for v in dialog.findChildren(QAbstractItemView) if v.objectName() in ("listView", "treeView")
                         and v.isVisible())  # the list or the details, as last chosen
            for name, widget in (("files", files), ("name", dialog.findChild(QLineEdit, "fileNameEdit"))):
                widget.setFocus()
                qtbot.waitUntil(lambda w=widget: QApplication.focusWidget() is w)  # type: ignore[misc]
                seen[name] = menu_from_keys(qtbot, widget)
        finally:
            dialog.reject()

    QTimer.singleShot(0, in_dialog)
    assert filedialogs.get_open_path(window, "打开", start=tmp_path) == ""
    assert seen.get("files") is not None and any(t.startswith("新建文件夹") for t in seen["files"] or []), seen
    assert seen.get("name"), seen  # the name box's standard edit menu
    assert all(all(seen[menu]) for menu in seen), "no item without a name (the keys' own action, added to the menu)"
