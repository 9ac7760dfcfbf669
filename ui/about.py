"""帮助 → 关于: the version, what the program does, and where its log is (with a button that
opens the folder, so a user can attach the file to an e-mail to support)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app import __version__, logs
from app.childenv import for_other_program
from ui.appsetup import APP_NAME, APP_TITLE

OPEN_FOLDER = "打开日志文件夹(&F)"  # the button, its key as every question's


def about_box(parent: QWidget | None) -> QMessageBox:
    path = logs.current()
    where = (f"<p>日志文件（出现问题时可发给技术支持，其中没有报告内容）：<br>{escape(str(path))}</p>"
             if path is not None else "<p>日志：本次运行没有写入日志文件。</p>")
    box = QMessageBox(QMessageBox.Icon.Information, f"关于{APP_NAME}", "", QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(
        f"<b>{APP_TITLE}</b><p>版本 {__version__}</p><p>按照《中华人民共和国政府信息公开工作年度报告格式》"
        f"（国办公开办函〔2021〕30号）编辑、检查和保存年度报告。</p><p>离线运行，不上传任何数据。</p>{where}"
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the path can be copied
    if path is not None:
        button = box.addButton(OPEN_FOLDER, QMessageBox.ButtonRole.ActionRole)
        button.clicked.connect(lambda: open_log_folder(parent, path.parent))
    # With a second button Qt no longer takes 确定 for Esc, and Esc left the box open.
    box.button(QMessageBox.StandardButton.Ok).setText("确定(&O)")  # every button its key, as every question's
    box.setEscapeButton(QMessageBox.StandardButton.Ok)
    return box


def open_log_folder(parent: QWidget | None, folder: Path) -> bool:
    """Open the folder in the file manager; where none answers (a bare Linux desktop, a locked
    down office PC), say so and put the path on the clipboard, never a silent nothing."""
    if _open_outside(folder):
        return True
    QGuiApplication.clipboard().setText(str(folder))
    from ui.filedialogs import notice

    notice(parent, "打开日志文件夹",
           f"无法打开文件夹：本机没有可用的文件管理器。\n\n日志文件夹的位置已复制到剪贴板：\n{folder}")
    return False


def _open_outside(folder: Path) -> bool:
    """The folder in the desktop's file manager.  On Linux xdg-open is started here, in the
    user's environment (app.childenv): through Qt it inherited the editor's own — the frozen
    program's LD_LIBRARY_PATH, whose libraries the file manager (a Qt 5 program on 统信UOS/麒麟)
    would load in place of its own, and the settings the editor makes for its Qt
    (QT_NO_GUI_THREADPOOL), which it would paint with for its whole life.  Without xdg-open
    (a sandboxed desktop's portal), Qt's way from source; elsewhere (Windows), Qt's way."""
    if sys.platform.startswith("linux"):
        opener = shutil.which("xdg-open")
        if opener is None:
            # The frozen program never through Qt: its opener would get the bundle's libraries.
            return getattr(sys, "_MEIPASS", None) is None and QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        from app.office import no_window

        try:
            process = subprocess.Popen([opener, str(folder)], env=for_other_program(), start_new_session=True,
                                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, creationflags=no_window())
        except OSError:
            return False
        # Waited for off the GUI thread (xdg-open ends once the file manager is started, or
        # lingers with some desktops): unwaited, it stayed a zombie until the next process start.
        threading.Thread(target=process.wait, name="xdg-open", daemon=True).start()
        return True
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
