"""What the editor asks and tells about its files: save the changes?, overwrite a file changed
on disk?, open a file another editor has?, restore a crashed copy?; and the one wording of each
error message about reading or saving a file.

QMessageBox is imported inside each function, never at the top: PySide builds a class's Python
enums when the class is first loaded (QMessageBox's several cost start-up ~3 ms), and the window
shows before any question is asked.  ``ui.documents.DocumentController`` calls these through
methods of its own, which tests replace.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from app import names, ownfiles
from app.bidichars import isolated
from app.errors import ReadError
from app.io import Unwritable
from app.names import readable_path
from app.prefetch import TOO_BIG
from app.report import UNTITLED
from app.schema import TABLES, CellRef
from ui import filedialogs

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

    from app.lock import Owner
    from app.office_owner import OtherProgram
    from app.report import Report
    from ui.autosave import Recovery


def report_name(path: Path | None, report: Report) -> str:
    """The report as the window's title and the save question name it: the file it is, came from
    (a .pdf, another program's .docx) or will be saved as; else 未命名 (with its year if it has one)."""
    if path is not None:
        return isolated(readable_path(path.name))  # a GBK name from a Windows zip: Qt would show “.docx”
    return f"未命名 — {report.year}年度" if report.year else UNTITLED  # a new year's: 未命名 — 2025年度


def replaced_by(path: Path) -> str:
    """The save question's line when ``path`` is about to be read into this window."""
    return f"打开“{path.name}”后，这个窗口中的报告将换成它。"


def ask_save_changes(parent: QWidget | None, name: str, then: str = "") -> QMessageBox.StandardButton:
    """Save, Discard or Cancel for the report ``name`` with unsaved changes; ``then`` says what
    replaces it in this window (打开 another file, 新建, a drop), closing says nothing more."""
    from PySide6.QtWidgets import QMessageBox

    Button = QMessageBox.StandardButton
    text = f"“{name}”有尚未保存的修改。\n{then}\n是否先保存？" if then else f"“{name}”有尚未保存的修改。\n是否保存？"
    box = QMessageBox(QMessageBox.Icon.Warning, "保存修改", text, parent=parent)
    box.setStandardButtons(Button.Save | Button.Discard | Button.Cancel)
    # Alt+S / Alt+N as in Word and WPS; Esc cancels
    box.button(Button.Save).setText("保存(&S)")
    box.button(Button.Discard).setText("不保存(&N)")
    box.button(Button.Cancel).setText("取消(&C)")
    box.setDefaultButton(Button.Save)
    from ui.kept_on_screen import kept_on_screen

    return Button(kept_on_screen(box).exec())


def wants_save(answer: QMessageBox.StandardButton) -> bool | None:
    """``ask_save_changes``'s answer: True save, False discard, None cancel."""
    from PySide6.QtWidgets import QMessageBox

    return {QMessageBox.StandardButton.Save: True, QMessageBox.StandardButton.Discard: False}.get(answer)


def ask_drop_refused(parent: QWidget | None, entries: Sequence[tuple[CellRef, str]]) -> bool:
    """Entries the grids refused (red frames), about to go with the report (closing, 新建,
    打开): True to let them go, False to go back and correct them.  They are what the user typed
    and was told was not taken: a crash keeps them in the recovery copy, so closing asks."""
    from PySide6.QtWidgets import QMessageBox

    text = (f"{_entries(entries)}没有填入表格"
            "（不是有效的数字，格中仍是原值，红框标出）。\n放弃这些输入，还是返回改正？")
    Role = QMessageBox.ButtonRole
    buttons = [("返回改正(&R)", Role.RejectRole), ("放弃输入(&D)", Role.DestructiveRole)]
    return filedialogs.choose(parent, QMessageBox.Icon.Warning, "未填入的输入", text, buttons, 0, 0) == 1


def ask_drop_field(parent: QWidget | None, name: str, typed: str) -> bool:
    """A 基本信息 field's text refused (成文日期 “2023年2月30日”), about to go with the report:
    True to let it go, False to go back and correct it (the default)."""
    from PySide6.QtWidgets import QMessageBox

    text = (f"{name}输入的“{_shown(typed)}”不是有效的日期，没有填入报告（报告中仍是原来的{name}，红框标出）。\n"
            "放弃这个输入，还是返回改正？")
    Role = QMessageBox.ButtonRole
    buttons = [("返回改正(&R)", Role.RejectRole), ("放弃输入(&D)", Role.DestructiveRole)]
    return filedialogs.choose(parent, QMessageBox.Icon.Warning, "未填入的输入", text, buttons, 0, 0) == 1


def output_refused(refused: Sequence[tuple[CellRef, str]], fields: Sequence[tuple[str, str]], date: str) -> str:
    """What an output (发布稿, PDF, 打印) would carry instead of the entries refused: the
    report's values, not what is on screen in red.  ``date``: the report's 成文日期 as written."""
    said = []
    if refused:
        said.append(f"{_entries(refused)}没有填入表格（不是有效的数字），输出的文件中仍是原值（红框标出）")
    for name, typed in fields:
        kept = f"{name}仍为{date}" if date else f"没有{name}"  # not “成文日期没有成文日期” (user33)
        said.append(f"{name}输入的“{_shown(typed)}”不是有效的日期，没有填入报告，输出的文件中{kept}")
    return "；\n".join(said) + "。"


def ask_output_refused(parent: QWidget | None, title: str, text: str, go: str) -> bool:
    """An output about to be made with entries refused (``output_refused``'s ``text``): True to
    make it anyway (``go``: “仍要导出”), False to go back and correct them (the default, Esc)."""
    from PySide6.QtWidgets import QMessageBox

    Role = QMessageBox.ButtonRole
    buttons = [("返回改正(&R)", Role.RejectRole), (filedialogs.keyed(go), Role.DestructiveRole)]
    return filedialogs.choose(parent, QMessageBox.Icon.Warning, title, text + "\n返回改正，还是" + go + "？",
                              buttons, 0, 0) == 1


def saved(path: Path, refused: Sequence[tuple[CellRef, str]], fields: Sequence[tuple[str, str]] = ()) -> str:
    """The status line after a save.  An entry refused (red frame: Ctrl+S right after typing
    “3x” enters it) stays on screen and out of the file, and the title says 未保存: said why;
    so does a 基本信息 field's (``fields``: its name, the text)."""
    said = f"已保存到 {path}"
    if refused:
        said += f"；{_entries(refused)}未填入表格，文件中仍是原值（红框标出）"
    for name, typed in fields:
        said += f"；{name}输入的“{_shown(typed)}”不是有效的日期，文件中仍是原来的{name}"
    return said


def _shown(typed: str) -> str:
    typed = " ".join(typed.split())
    return typed if len(typed) <= 20 else typed[:20] + "…"


def _entries(entries: Sequence[tuple[CellRef, str]]) -> str:
    """“表三…行…列输入的“3x”等2处输入”: the first entry named, the others counted."""
    ref, typed = entries[0]
    shown = _shown(typed)
    more = f"等{len(entries)}处输入" if len(entries) > 1 else ""
    return f"{TABLES[ref.table].describe(ref.row, ref.col)}输入的“{shown}”{more}"


def ask_file_gone(parent: QWidget | None, path: Path) -> str:
    """The file opened here is no longer where it was: 'save_here', 'save_as' or '' (cancel)."""
    from PySide6.QtWidgets import QMessageBox

    text = (f"“{path.name}”已不在原来的位置：在本窗口打开（或上次保存）之后被移动、改名或删除。\n"
            f"保存到原位置会在 {path.parent} 中重新建立这个文件；已改名或移走的那一份不会更新。")
    Role = QMessageBox.ButtonRole
    buttons = [("另存为(&A)…", Role.AcceptRole), ("保存到原位置(&S)", Role.DestructiveRole), ("取消(&C)", Role.RejectRole)]
    answer = filedialogs.choose(parent, QMessageBox.Icon.Warning, "文件已不在", text, buttons, 0, 2)
    return ("save_as", "save_here", "")[answer]


def ask_forget_recent(parent: QWidget | None, name: str) -> bool:
    """最近打开的文件 → an entry not found: True to take it off the list (the default)."""
    from PySide6.QtWidgets import QMessageBox

    path = Path(name)
    text = (f"找不到“{path.name}”（{path.parent}）：它可能已被移动、改名或删除，或者所在的U盘、网络驱动器没有连接。\n"
            f"文件在别处时，请用“打开”找到它。\n\n从“最近打开的文件”中删去这一项吗？")
    Role = QMessageBox.ButtonRole
    buttons = [("删去这一项(&D)", Role.AcceptRole), ("保留(&K)", Role.RejectRole)]
    return filedialogs.choose(parent, QMessageBox.Icon.Warning, "找不到文件", text, buttons, 0, 1) == 0


def ask_overwrite_changed(parent: QWidget | None, path: Path) -> str:
    """The file changed on disk since it was opened or saved here: 'overwrite', 'save_as'
    or '' (cancel)."""
    from PySide6.QtWidgets import QMessageBox

    text = (f"“{path.name}”在本窗口打开（或上次保存）之后，已被其他程序或另一个编辑器窗口修改。\n"
            f"保存会覆盖那些修改（原文件另存为同一文件夹中的备份“{ownfiles.backup_name(path.name)}”，可从“打开”找到）。")
    Role = QMessageBox.ButtonRole
    buttons = [("仍然覆盖(&O)", Role.DestructiveRole), ("另存为(&A)…", Role.AcceptRole), ("取消(&C)", Role.RejectRole)]
    answer = filedialogs.choose(parent, QMessageBox.Icon.Warning, "文件已被修改", text, buttons, 1, 2)
    return ("overwrite", "save_as", "")[answer]


def ask_locked(parent: QWidget | None, path: Path, owner: Owner) -> str:
    """Another editor has ``path`` open: 'read_only', 'open' (anyway) or '' (cancel)."""
    from PySide6.QtWidgets import QMessageBox

    from app.lock import quiet_note

    note = quiet_note(owner)
    who = f"{owner.describe()}\n{note}" if note else owner.describe()
    text = (f"“{path.name}”已在另一个编辑器中打开：\n{who}\n\n"
            "两处同时修改，后保存的一方会覆盖先保存的。\n"
            "只读打开：可以查看和修改，保存时另存为新文件，不影响对方。")
    Role = QMessageBox.ButtonRole
    buttons = [("只读打开(&R)", Role.AcceptRole), ("仍然打开(&O)", Role.DestructiveRole), ("取消(&C)", Role.RejectRole)]
    answer = filedialogs.choose(parent, QMessageBox.Icon.Warning, "文件正在编辑", text, buttons, 0, 2)
    return ("read_only", "open", "")[answer]


def _other_program_text(path: Path, other: OtherProgram, then: str, left: str) -> str:
    return (f"“{path.name}”似乎正在 {other.program} 中打开（{other.who()}）。\n\n{then}\n"
            f"如果 {other.program} 已经关闭，这是它异常退出时留下的标记文件“{other.name()}”，可以放心{left}。")


def ask_in_other_program(parent: QWidget | None, path: Path, other: OtherProgram) -> str:
    """``path`` seems open in Word, WPS or LibreOffice (app/office_owner.py): 'read_only',
    'open' (anyway) or '' (cancel) — as for another editor's owner file (``ask_locked``)."""
    from PySide6.QtWidgets import QMessageBox

    text = _other_program_text(path, other, "两处同时修改，后保存的一方会覆盖先保存的：在这里修改并保存后，"
                               f"请不要再在 {other.program} 中保存它（在那里关闭它，不保存）。\n"
                               "只读打开：可以查看和修改，保存时另存为新文件，不影响对方。", "打开")
    Role = QMessageBox.ButtonRole
    buttons = [("只读打开(&R)", Role.AcceptRole), ("仍然打开(&O)", Role.DestructiveRole), ("取消(&C)", Role.RejectRole)]
    answer = filedialogs.choose(parent, QMessageBox.Icon.Warning, "文件正在其他程序中打开", text, buttons, 0, 2)
    return ("read_only", "open", "")[answer]


def ask_save_in_other_program(parent: QWidget | None, path: Path, other: OtherProgram) -> str:
    """Saving over ``path`` while it seems open in Word, WPS or LibreOffice: 'save', 'save_as'
    or '' (cancel)."""
    return ("save", "save_as", "")[_ask_over_other_program(parent, path, other, "保存", "这里的修改")]


def ask_write_in_other_program(parent: QWidget | None, path: Path, other: OtherProgram, verb: str) -> str:
    """An output (``verb``: 导出) over ``path`` while it seems open in Word, WPS or LibreOffice:
    'write', 'again' (another name: 另存为) or '' (cancel) — asked as a save over it is."""
    return ("write", "again", "")[_ask_over_other_program(parent, path, other, verb, f"{verb}的文件")]


def _ask_over_other_program(parent: QWidget | None, path: Path, other: OtherProgram, verb: str, lost: str) -> int:
    from PySide6.QtWidgets import QMessageBox

    text = _other_program_text(path, other, f"{verb}会替换这个文件；之后请不要再在 {other.program} 中保存它"
                               f"（在那里关闭它，不保存），否则 {other.program} 会用它打开时的内容覆盖{lost}。", verb)
    Role = QMessageBox.ButtonRole
    buttons = [(filedialogs.keyed(f"仍然{verb}"), Role.DestructiveRole), ("另存为(&A)…", Role.AcceptRole), ("取消(&C)", Role.RejectRole)]
    return filedialogs.choose(parent, QMessageBox.Icon.Warning, "文件正在其他程序中打开", text, buttons, 1, 2)


def restore_text(info: Recovery) -> str:
    return f"“{info.name()}”有上次没有保存的修改。\n自动保存于 {info.when()}\n{info.origin()}\n\n是否恢复？"


def ask_restore(parent: QWidget | None, info: Recovery, others: Sequence[Recovery] = ()) -> bool | None:
    """True: restore; False: discard the copy (放弃, confirmed: ``confirm_discard``); None: keep
    it for the next start.  ``others``: the questions asked in the same round (several crashed
    documents at start): every one has the size the longest needs, on the same spot, so 恢复
    and 放弃 stay under the mouse."""
    from PySide6.QtWidgets import QMessageBox

    Role = QMessageBox.ButtonRole
    buttons = [("恢复(&R)", Role.AcceptRole), ("放弃(&D)", Role.DestructiveRole), ("以后再说(&L)", Role.RejectRole)]
    while True:
        box = _SameSizeBox(QMessageBox.Icon.Question, "恢复自动保存", restore_text(info), parent)
        made = [box.addButton(label, role) for label, role in buttons]
        box.setDefaultButton(made[0])
        box.setEscapeButton(made[2])
        box.fit([restore_text(i) for i in (info, *others)])
        from ui.kept_on_screen import kept_on_screen

        kept_on_screen(box).exec()
        clicked = box.clickedButton()
        answer = next((i for i, b in enumerate(made) if b is clicked), 2)
        if answer != 1 or confirm_discard(parent, info):
            return (True, False, None)[answer]


def discard_text(info: Recovery) -> str:
    return (f"放弃后，“{info.name()}”上次没有保存的修改（自动保存于 {info.when()}）将被删除，无法找回。\n\n"
            "确定要放弃这些修改吗？")


def confirm_discard(parent: QWidget | None, info: Recovery) -> bool:
    """放弃 asked once more, 取消 the default (Enter, Esc): the recovery copy is the only place
    the unsaved work is, and 放弃 sits one click beside 恢复 (from the GUI test: one click
    deleted it).  False: back to the question that offered it."""
    from PySide6.QtWidgets import QMessageBox

    Role = QMessageBox.ButtonRole
    buttons = [("放弃修改(&D)", Role.DestructiveRole), ("取消(&C)", Role.RejectRole)]
    return filedialogs.choose(parent, QMessageBox.Icon.Warning, "放弃自动保存的修改", discard_text(info),
                              buttons, 1, 1) == 0


def restore_opened_text(info: Recovery) -> str:
    return (f"“{info.name()}”有上次没有保存的修改。\n自动保存于 {info.when()}\n"
            "现在显示的是文件中保存的内容。\n\n"
            "恢复：改为显示自动保存的版本（含那些修改，检查后保存）。\n"
            "放弃：删除自动保存的副本。\n"
            "以后再说：保留副本，下次打开这个文件或启动时再询问。")


def ask_restore_opened(parent: QWidget | None, info: Recovery) -> bool | None:
    """The file just opened has a recovery copy no editor is using (以后再说 at the start, a
    crash since): True restore it, False discard it (confirmed), None keep it for later."""
    from PySide6.QtWidgets import QMessageBox

    Role = QMessageBox.ButtonRole
    buttons = [("恢复(&R)", Role.AcceptRole), ("放弃(&D)", Role.DestructiveRole), ("以后再说(&L)", Role.RejectRole)]
    while True:
        answer = filedialogs.choose(parent, QMessageBox.Icon.Question, "恢复自动保存", restore_opened_text(info),
                                    buttons, 0, 2)
        if answer != 1 or confirm_discard(parent, info):
            return (True, False, None)[answer]


def _message_box_class() -> type:
    """A QMessageBox of one size for several texts (PySide's class, loaded when first asked)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QLabel, QMessageBox

    class SameSizeBox(QMessageBox):
        """QMessageBox sizes itself to its own text whenever it is shown or laid out; this one
        keeps the size ``fit`` gives (its label wraps within it) and is centred on its parent
        window, else on the screen."""

        def __init__(self, icon: QMessageBox.Icon, title: str, text: str, parent: QWidget | None) -> None:
            super().__init__(icon, title, text, parent=parent)
            self._size: tuple[int, int] | None = None

        def _screen_rect(self):  # type: ignore[no-untyped-def]
            parent = self.parentWidget()
            screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
            return screen.availableGeometry()

        def fit(self, texts: list[str]) -> None:
            label = self.findChild(QLabel, "qt_msgbox_label")
            layout = self.layout()
            if label is None or layout is None:  # another Qt's inner names: its own size, as any message
                return
            screen = self._screen_rect()
            metrics = label.fontMetrics()
            widest = max(metrics.horizontalAdvance(line) for text in texts for line in text.split("\n"))
            layout.activate()
            around = max(layout.sizeHint().width() - label.sizeHint().width(), 0)
            width = min(widest + 4, int(screen.width() * 0.9) - around)  # a long path wraps
            label.setWordWrap(True)
            label.setFixedWidth(width)
            height = 0
            for text in texts:  # the tallest at that width: the label measures what it shows
                label.setText(text)
                height = max(height, label.heightForWidth(width))
            label.setText(texts[0])
            label.setFixedHeight(min(height, int(screen.height() * 0.8)))
            layout.activate()
            hint = layout.totalSizeHint()
            self._size = (hint.width(), hint.height())

        def _keep(self) -> None:
            if self._size is None:
                return
            self.setFixedSize(*self._size)
            parent = self.parentWidget()
            area = parent.window().frameGeometry() if parent is not None and parent.isVisible() else self._screen_rect()
            frame = self.frameGeometry()
            frame.moveCenter(area.center())
            self.move(frame.topLeft())

        def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
            super().showEvent(event)
            self._keep()

        def event(self, event: QEvent) -> bool:
            handled = super().event(event)
            if event.type() == QEvent.Type.LayoutRequest and self._size is not None:
                self.setFixedSize(*self._size)  # QMessageBox just sized itself to its own text
            return handled

    return SameSizeBox


def _SameSizeBox(icon: QMessageBox.Icon, title: str, text: str, parent: QWidget | None):  # type: ignore[no-untyped-def]
    global _same_size_box
    if _same_size_box is None:
        _same_size_box = _message_box_class()
    return _same_size_box(icon, title, text, parent)


_same_size_box: type | None = None


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    filedialogs.notice(parent, title, text, "critical")


def show_warning(parent: QWidget | None, title: str, text: str) -> None:
    """Done all the same, but something about it the user must know (characters printed as boxes)."""
    filedialogs.notice(parent, title, text, "warning")


# -- the wordings -------------------------------------------------------------------------------
def read_error(error: BaseException, path: Path) -> str:
    """The one message for a file that could not be read, whichever command read it (打开,
    the command line, a dropped or recent file, 从上年报告新建, 与上年报告对照)."""
    if isinstance(error, ReadError):
        text = str(error)
    elif isinstance(error, MemoryError):  # as the start's child says it (app.prefetch)
        text = f"{path}：{TOO_BIG}"
    else:
        text = f"{path}：读取时出现意外问题（{type(error).__name__}: {error}）"
    return text.replace(str(path), isolated(str(path)))  # a name's own direction kept within it


def save_failed(reason: str) -> str:
    """A save that failed: why, that nothing is lost, and what to do."""
    # The reason's own advice where it has one (a read-only file, a full disk); the general one
    # only where it has none (from the GUI test: it told a read-only file's user to close the
    # program holding it).
    advice = "" if "请" in reason else "可以关闭占用该文件的程序后重试，或“另存为”到其他位置。"
    return f"{reason}。\n\n报告仍然打开，修改没有丢失。{advice}"


def save_read_only(path: Path, reason: Unwritable) -> str:
    """保存 on a file that cannot be written where it is (app.io.unwritable_reason): 另存为 follows."""
    return (f"“{path.name}”{reason}，不能在原处保存。\n\n"
            "请在接下来的“另存为”中选择其他文件名或位置（原文件不变）。报告仍然打开，修改没有丢失。")


def save_over_other_editor(path: Path, owner: Owner) -> str:
    return (f"“{path.name}”已在另一个编辑器中打开（{owner.describe()}），保存会覆盖对方的修改。\n\n"
            "报告仍然打开，修改没有丢失。请“另存为”其他文件名。")


def suggested_docx(source: Path) -> Path:
    """Where a report read from another program's file is saved by default: a .docx beside it,
    never the source itself (a Word/WPS .docx gets “（修订）” added to its name); a name Windows
    takes, with room for the backup's “.bak” (app/names.py)."""
    return Path(names.beside(source, ".docx", reserve=len(BACKUP_TAG), taken=_exists))


def save_elsewhere(path: Path | None, reason: Unwritable | None, home: Path | None = None) -> Path | None:
    """另存为's suggestion for a file that cannot be saved where it is (app.io.unwritable_reason):
    a read-only file gets its “（修订）” name beside it; a read-only folder or disk, the same
    name in ``home`` (the user's documents) — never the name and place that were just refused
    (from the GUI test: 另存为 offered the read-only file itself, then 保存失败).  None: no such file."""
    if path is None or not reason:
        return None
    if reason is Unwritable.FILE:
        return Path(names.beside(path, ".docx", reserve=len(BACKUP_TAG), taken=_exists))
    if home is None:
        home = filedialogs.documents_folder()  # one that exists: Qt names ~/Documents where there is none
    return home / f"{path.stem}.docx"


def _exists(path: PurePath) -> bool:
    return os.path.lexists(path)


def titled_docx(title: str) -> str:
    """另存为's name for a report that has no file yet: its title, as a name Windows takes."""
    return names.titled(title, ".docx")


BACKUP_TAG = ownfiles.BACKUP_TAG  # ui/documents.py backup_path: “报告.bak.docx”
