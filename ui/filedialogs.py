"""The file dialogs of the editor: where they start, what they list; and ``choose``, the one
shape of its questions with buttons of their own (恢复/放弃/以后再说, 仍然覆盖/另存为/取消…).

Every open and save dialog starts in the folder used last (remembered across runs and shared by
all windows; the first time 文档 / Documents), or at the file being worked on.  The open filter
lists every format the reader takes; Qt's own dialog (统信UOS/麒麟) leaves out the files that are no
report to open or save over — Word's ~$ owner files, this program's backups (ui/filedialog_filter.py).
A native dialog lists what the system shows (Windows hides Office's owner files, not our backups).  The dialogs speak Chinese through Qt's own translation
(``ui.appsetup.install_translators``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, QSettings, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.names import is_folder

if TYPE_CHECKING:  # the dialogs' classes are loaded when a dialog opens: their enums cost start-up
    from PySide6.QtWidgets import QAbstractButton, QFileDialog, QMessageBox, QTreeView

LAST_FOLDER_KEY = "files/lastFolder"
LAST_BATCH_KEY = "batch/lastFolder"  # 批量检查's own: the folder of reports, not of the last one opened
# What app.reading.load_report reads: by content first, these are the names offices give such files.
# .ofd is listed so that a user who has only the OFD can pick it and be told what to do with it.
READABLE = ("*.docx", "*.doc", "*.wps", "*.rtf", "*.odt", "*.xml", "*.fodt", "*.pdf", "*.xlsx", "*.xls", "*.et", "*.html", "*.htm", "*.mht", "*.mhtml", "*.txt", "*.csv", "*.tsv", "*.tab", "*.text", "*.ofd")
OPEN_FILTER = ";;".join((
    f"年报文件 ({' '.join(READABLE)})",
    "Word/WPS 文档 (*.docx *.doc *.wps *.rtf *.odt *.xml *.fodt)",
    "PDF 文件 (*.pdf)",
    "Excel/WPS 表格 (*.xlsx *.xls *.et)",
    "网页或文本副本 (*.html *.htm *.mht *.mhtml *.txt *.csv *.tsv *.tab *.text)",
    "所有文件 (*)",
))


def documents_folder() -> Path:
    """文档 / Documents: where a first dialog starts (the home folder where there is none).
    Qt names ~/Documents even where it does not exist; a dialog given a missing folder opens
    in the program's working folder instead."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    home = Path.home()
    for folder in (Path(found) if found else None, home / "Documents", home / "文档"):
        if folder is not None and folder.is_absolute() and is_folder(folder):
            return folder
    return home


def last_folder() -> Path:
    from app.pathjson import path_from_text

    value = QSettings().value(LAST_FOLDER_KEY, "")
    folder = Path(path_from_text(str(value))) if value else None
    # A relative folder would be the program's working folder: never where a dialog starts.  One
    # the system refuses to look at (a name too long, a share no longer entered) is none either:
    # Path.is_dir raised, and every 打开/另存为 failed until the settings were cleared (state31).
    return folder if folder is not None and folder.is_absolute() and is_folder(folder) else documents_folder()


def remember(path: str | Path) -> None:
    """The folder of a file just chosen (opened, saved, exported) is where the next dialog starts."""
    if path:
        settings = QSettings()
        from app.pathjson import path_text  # QSettings drops a GBK name's lone surrogates

        settings.setValue(LAST_FOLDER_KEY, path_text(str(Path(path).absolute().parent)))
        settings.sync()  # another window or instance asks next


def start_at(suggested: str | Path | None) -> str:
    """A file name alone goes into the last folder; a full path (the file worked on) stays, its
    name into the last folder when its folder is gone (moved, deleted, a 文档 that never
    existed): Qt opens a dialog given a missing folder in the program's working folder."""
    if not suggested:
        return str(last_folder())
    path = Path(suggested)
    if path.parent == Path():
        return str(last_folder() / path)
    path = path.absolute()
    return str(path if is_folder(path.parent) else last_folder() / path.name)


def get_open_path(parent: QWidget | None, title: str, name_filter: str = OPEN_FILTER,
                  start: str | Path | None = None) -> str:
    from PySide6.QtWidgets import QFileDialog

    QTimer.singleShot(0, chinese_details)  # runs in the dialog's own event loop, once it is shown
    path = QFileDialog.getOpenFileName(parent, title, start_at(start), name_filter)[0]
    remember(path)
    return path


def save_at(suggested: str | Path | None) -> str:
    """``start_at``, in a folder that can be written to: a report opened from a read-only
    folder (a CD, a share others keep, 收到的年报 on a read-only mount) started 另存为 and 导出PDF
    there, its name proposed where saving could only fail (gui22 under Xvfb, shots 62–63).  Its
    name then goes into the folder used last, else 文档 / Documents, else home — where writable."""
    start = Path(start_at(suggested))
    folder, name = (start, None) if not suggested else (start.parent, start.name)
    if os.access(folder, os.W_OK):
        return str(start)
    for other in (last_folder(), documents_folder(), Path.home()):
        if os.access(other, os.W_OK):
            return str(other / name) if name else str(other)
    return str(start)


def get_save_path(parent: QWidget | None, title: str, suggested: str | Path | None, name_filter: str) -> str:
    from PySide6.QtWidgets import QFileDialog

    QTimer.singleShot(0, chinese_details)
    path = QFileDialog.getSaveFileName(parent, title, save_at(suggested), name_filter)[0]
    remember(path)
    return path


def get_folder(parent: QWidget | None, title: str) -> str:
    """A folder chosen (批量检查), starting in the folder chosen last: a report opened from the
    list since moves the shared last folder into a subfolder, where 选择 at once would check
    only that part of the reports.  The first time, where the last dialog was."""
    from PySide6.QtWidgets import QFileDialog

    QTimer.singleShot(0, chinese_details)
    value = QSettings().value(LAST_BATCH_KEY, "")
    chosen = Path(str(value)) if value else None
    start = chosen if chosen is not None and chosen.is_absolute() and is_folder(chosen) else last_folder()
    folder = QFileDialog.getExistingDirectory(parent, title, str(start))
    if folder:
        remember(Path(folder) / "_")  # the folder itself is where the next dialog starts
        settings = QSettings()
        settings.setValue(LAST_BATCH_KEY, str(Path(folder).absolute()))
        settings.sync()
    return folder


_NAME, _SIZE, _TYPE, _MODIFIED = 0, 1, 2, 3  # QFileSystemModel's columns (名称, 体积, 类型, 修改日期)
# The widest each detail column writes (Chinese dates, sizes; the system's type names), so none is cut.
_WIDEST = {_SIZE: "999.9 KB", _TYPE: "Microsoft Word 文档", _MODIFIED: "2026/12/31 23:59"}


class _ChineseDetails(QStyledItemDelegate):
    """The 修改日期 and 体积 columns in Chinese: Qt writes them in the system's locale, English
    on a PC set to English or to none (LANG=C), whatever the translation."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        text = detail_text(index)
        if text is not None:
            option.text = text  # type: ignore[attr-defined]


def detail_text(index: QModelIndex | QPersistentModelIndex) -> str | None:
    """What the file dialog's detail view shows in a size or date cell, in Chinese."""
    from PySide6.QtWidgets import QFileSystemModel

    model = index.model()
    if not isinstance(model, QFileSystemModel) or index.column() not in (_SIZE, _MODIFIED):
        return None
    locale = QLocale()  # the editor's: zh_CN (ui.appsetup)
    if index.column() == _MODIFIED:
        return locale.toString(model.lastModified(index), QLocale.FormatType.ShortFormat)
    if model.isDir(index):
        return ""
    return locale.formattedDataSize(model.size(index), 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def chinese_details() -> None:
    """Qt's own file dialog (统信UOS/麒麟 without a platform theme) shown now gets Chinese
    dates and sizes, and leaves out the files that are no report (ui/filedialog_filter.py); a
    native one (Windows, a GTK theme) speaks the system's language itself."""
    from PySide6.QtWidgets import QFileDialog, QTreeView

    from ui.filedialog_filter import leave_out  # with its Qt classes: when a dialog opens, not at start

    dialog = QApplication.activeModalWidget()
    if isinstance(dialog, QFileDialog):
        leave_out(dialog)
        keyed_buttons(dialog)
        for view in dialog.findChildren(QTreeView):
            if not isinstance(view.itemDelegate(), _ChineseDetails):
                view.setItemDelegate(_ChineseDetails(view))
                fit_detail_columns(view)


def keyed_cancel(dialog: QWidget) -> None:
    """取消(&C) on a Qt dialog's own 取消 (打印's, whose zh_CN has no key), where no other of its
    buttons takes C; the buttons the dialog builds later (none here) are left as they are."""
    from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox

    taken = {b.text() for b in dialog.findChildren(QAbstractButton)}
    if any("&C" in text.upper() for text in taken):
        return
    for box in dialog.findChildren(QDialogButtonBox):
        cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None and "&" not in cancel.text():
            cancel.setText(f"{cancel.text()}(&C)")


def keyed_ok_cancel(dialog: QWidget) -> None:
    """确定(&O) and 取消(&C) on a dialog Qt builds itself (打印's 属性: 打印机属性), where no other
    of its buttons takes the letter."""
    from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox

    keyed_cancel(dialog)
    if any("&O" in b.text().upper() for b in dialog.findChildren(QAbstractButton)):
        return
    for box in dialog.findChildren(QDialogButtonBox):
        ok = box.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None and "&" not in ok.text():
            ok.setText(f"{ok.text()}(&O)")


def key_the_dialog_it_opens(button: QAbstractButton, tries: int = 50) -> None:
    """The dialog ``button`` opens (Qt's own, modal: 打印's 属性 and its “…” file chooser) gets
    its keys once shown.  Qt's own slot on the click opens it and waits in its event loop, so
    no slot of ours on the click runs until it is closed; from the press on, a look every 20 ms
    (within a second: a mnemonic clicks 100 ms after its press — Alt+R under Xvfb, user33)."""

    def look(left: int) -> None:
        from PySide6.QtWidgets import QFileDialog

        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog is button.window():
            if left > 0:
                QTimer.singleShot(20, lambda: look(left - 1))
            return
        if isinstance(dialog, QFileDialog):
            chinese_details()
        else:
            keyed_ok_cancel(dialog)

    button.pressed.connect(lambda: look(tries))


def keyed_buttons(dialog: QFileDialog) -> None:
    """取消(&C) in Qt's own file dialog, as in every question of the editor: Qt's zh_CN writes a
    bare 取消 (user33 under Xvfb).  The folder dialog's 选择(&C) then takes S, as in “Select”."""
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

    label = QFileDialog.DialogLabel
    dialog.setLabelText(label.Reject, "取消(&C)")
    box = dialog.findChild(QDialogButtonBox)
    accept = (box.button(QDialogButtonBox.StandardButton.Open) or box.button(QDialogButtonBox.StandardButton.Save)) if box else None
    if accept is not None and accept.text().endswith("(&C)"):
        dialog.setLabelText(label.Accept, accept.text().removesuffix("(&C)") + "(&S)")


def fit_detail_columns(view: QTreeView) -> None:
    """Size, type and date wide enough for what they write (Qt sizes them for English "10/29/81
    02:02PM"), the name the rest; a dialog too narrow for them all grows, within the screen, so
    that no column runs past its right edge."""
    header = view.header()
    metrics = view.fontMetrics()
    pad = 2 * metrics.horizontalAdvance("M")
    widths = {col: metrics.horizontalAdvance(text) + pad for col, text in _WIDEST.items()}
    for col, width in widths.items():
        header.resizeSection(col, width)
    name = metrics.horizontalAdvance("0" * 22)  # a name readable before the … Qt puts in it
    short = name + sum(widths.values()) - view.viewport().width()
    dialog = view.window()
    screen = dialog.screen().availableGeometry() if dialog.screen() is not None else None
    if short > 0 and screen is not None:
        grow = min(short, max(screen.width() - dialog.frameGeometry().width(), 0))
        dialog.resize(dialog.width() + grow, dialog.height())
        dialog.move(max(screen.left(), dialog.x() - grow // 2), dialog.y())
    header.resizeSection(_NAME, max(name, view.viewport().width() - sum(widths.values())))


def __getattr__(name: str) -> object:
    if name == "Role":  # QMessageBox.ButtonRole, looked up when first asked for
        from PySide6.QtWidgets import QMessageBox

        return QMessageBox.ButtonRole
    raise AttributeError(name)


# The access key of a button made from a verb (仍要导出, 仍然保存): each button of every question
# has one, written “(&E)” after the words as Qt's own 是(&Y) and the window's 另存为(&A)….
VERB_KEYS = {"导出": "E", "打印": "P", "预览": "P", "保存": "S", "打开": "O", "覆盖": "O", "导入": "I", "对照": "O"}


def keyed(label: str) -> str:
    """``label`` with its access key: one already given kept, else the key of the verb it ends in
    (ValueError for a verb without one: a new button is given its key here, never left without)."""
    if "&" in label:
        return label
    verb = next((v for v in VERB_KEYS if label.endswith(v)), None)
    if verb is None:
        raise ValueError(f"no access key for the button {label!r}: add its verb to VERB_KEYS")
    return f"{label}(&{VERB_KEYS[verb]})"


# A notice's one button: Qt's own 确定 (QMessageBox.information / warning / critical) is the one
# button of the editor without an access key (Windows' and Qt's zh_CN write none).
NOTICE_BUTTON = "确定(&O)"
NOTICE_ICONS = ("information", "warning", "critical")


def notice(parent: QWidget | None, title: str, text: str, icon: str = "information") -> None:
    """Tell, with one button 确定(&O) (Enter, Esc and Alt+O close it): what QMessageBox's static
    information / warning / critical show, but keyed as every question's buttons are."""
    from PySide6.QtWidgets import QMessageBox

    if icon not in NOTICE_ICONS:
        raise ValueError(f"no notice icon {icon!r}: one of {NOTICE_ICONS}")
    shape = {"information": QMessageBox.Icon.Information, "warning": QMessageBox.Icon.Warning,
             "critical": QMessageBox.Icon.Critical}[icon]
    choose(parent, shape, title, text, [(NOTICE_BUTTON, QMessageBox.ButtonRole.AcceptRole)], 0, 0)


def choose(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
           buttons: Sequence[tuple[str, QMessageBox.ButtonRole]], default: int, escape: int) -> int:
    """Ask with the given buttons; the index of the one clicked (``escape``'s when closed)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(icon, title, text, parent=parent)
    made = [box.addButton(label, role) for label, role in buttons]
    box.setDefaultButton(made[default])
    box.setEscapeButton(made[escape])
    from ui.kept_on_screen import kept_on_screen

    kept_on_screen(box).exec()
    clicked = box.clickedButton()
    return next((i for i, b in enumerate(made) if b is clicked), escape)
