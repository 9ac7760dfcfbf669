"""Settings that cannot be kept — the settings file or its folder read-only, the disk full, a
registry key refused: said once a run, in Chinese, that the preferences (最近打开的文件, the
window's layout) will not outlive it.  Nothing else changes: Qt keeps the values for this run, and
reports open and save as ever.  Qt's own writes fail silently (a QSettings written as it goes out
of scope), so the settings are looked at once a moment after the start (can they be written at
all?) and after the writes that matter (the recent files, the layout at closing).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

PROBE_DELAY_MS = 1_500  # after the window is complete: not on the start's way
FULL_BYTES = 64 * 1024  # free space below this: the disk is full as far as a settings file goes
TITLE = "无法保存设置"
_told: list[str] = []  # the reason, once said this run
_waiting: list[QSettings] = []  # a message put off while a question is open (one at a time)
ASK_AGAIN_MS = 500  # how often a put-off message looks whether the question is answered
# One settings object held for the rest of the run once a write failed: Qt drops the values of a
# settings file it could not write (none there yet, a full disk) when its last object goes, and the
# recent files of this run were gone from the menu.
_held: list[QSettings] = []


def watch(window: QWidget) -> None:
    """A moment after ``window`` is complete: whether the settings can be written at all."""
    QTimer.singleShot(PROBE_DELAY_MS, window, lambda: _probe(window))


def _probe(window: QWidget) -> None:
    settings = QSettings()
    if not _told and not settings.isWritable():  # Qt opens the file (or makes one) to tell
        if not _held:
            _held.append(settings)
        tell(window, settings)


def written(settings: QSettings, parent: QWidget | None = None) -> bool:
    """``settings``, just changed, written to disk now; told once when they could not be."""
    settings.sync()
    if settings.status() == QSettings.Status.NoError:
        return True
    if not _held:
        _held.append(settings)
    tell(parent, settings)
    return False


def told() -> str | None:
    """The reason said this run (None: all kept so far)."""
    return _told[0] if _told else None


def tell(parent: QWidget | None, settings: QSettings) -> None:
    """Once a run: into the log, and in a message over the window (not waited for: it may come
    while the user types).  With no window left to show it over (the last one closing) the log only,
    and the next start's look says it."""
    if _told:
        return
    if parent is not None and parent.isVisible() and _asking(parent, settings):
        return
    reason = why(settings)
    from ui.crashlog import log

    log().warning("设置无法写入（%s）：%s", reason, settings.fileName())
    if parent is None or not parent.isVisible():
        parent = QApplication.activeWindow()
    if parent is None or not parent.isVisible():
        return
    _told.append(reason)
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    what, where = ("设置", "") if _registry(settings) else ("设置文件", f"\n{settings.fileName()}")
    box = QMessageBox(QMessageBox.Icon.Warning, TITLE,
                      f"本程序的{what}无法写入（{reason}）：{where}\n\n"
                      "最近打开的文件、窗口布局等偏好设置在本次运行中照常有效，但关闭程序后不会保留。\n"
                      "报告的打开、保存和恢复副本不受影响。", parent=parent)
    box.addButton("确定(&O)", QMessageBox.ButtonRole.AcceptRole)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName("settings-unwritable")
    box.open()


def _asking(parent: QWidget, settings: QSettings) -> bool:
    """True while a question is open (the start's 恢复自动保存 list, 1.5 s in): told once it is
    answered, not in a box over it that takes its keys and hides its list (ux32, 1366×768 150 %)."""
    if QApplication.activeModalWidget() is None:
        _waiting.clear()
        return False
    if not _waiting:
        _waiting.append(settings)

        def again() -> None:
            _waiting.clear()
            tell(parent, settings)

        QTimer.singleShot(ASK_AGAIN_MS, parent, again)
    return True


def _registry(settings: QSettings) -> bool:
    return sys.platform == "win32" and settings.format() == QSettings.Format.NativeFormat


def why(settings: QSettings) -> str:
    """Why the settings cannot be written, in a few words for the message."""
    if _registry(settings):
        return "注册表拒绝写入"
    from app.io import Unwritable, unwritable_reason  # at a failure only

    path = Path(settings.fileName())
    existing = path
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    try:
        if shutil.disk_usage(existing).free < FULL_BYTES:
            return "磁盘已满"
    except OSError:
        pass
    if existing == path:
        reason = unwritable_reason(path)
        return reason.value if reason is not None else "原因不明，详见日志"
    if unwritable_reason(existing) is Unwritable.DISK:  # a folder on a read-only mount says so too
        return Unwritable.DISK.value
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        return "所在文件夹无法写入"
    return "原因不明，详见日志"
