"""The main window's commands: its actions, menus and toolbar, made once the window is complete.

The actions stay attributes of the window (``win.act_save`` …: tests and other modules trigger
them); this module only says what they are, where they go and how they look.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QStyle,
    QTextEdit,
    QWidget,
)

from ui import context_keys
from ui.actions import action, quit_keys, quit_program

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack

    from ui.main_window import MainWindow

def install(win: MainWindow) -> None:
    """Actions, menus and the toolbar of ``win`` (its docs, output, state and dock exist)."""
    target = win.edit_target = _EditTarget(win)
    context_keys.install(win)  # Shift+F10 opens the focused widget's context menu
    _actions(win, target)
    _menus(win, target)
    from ui.year_tools import install_year_tools  # 上年报告, 查找替换, Excel: their own module

    win.year_tools = install_year_tools(win)
    win.act_batch = action(win, "批量检查(&B)…", lambda: win.open_batch(),
                           tip="检查一个文件夹中的全部年报：逐份列出问题，可导出汇总表")
    win.file_menu.insertAction(win.act_close, win.act_batch)
    win.file_menu.insertSeparator(win.act_close)
    _toolbar(win)


def _actions(win: MainWindow, target: Callable[[], QWidget | None]) -> None:
    K = QKeySequence.StandardKey
    docs, output = win.docs, win.output
    win.act_new = action(win, "新建(&N)", docs.new, K.New, "新建一份空白报告")
    win.act_open = action(win, "打开(&O)…", lambda: docs.open(), K.Open, "打开 .docx 报告")
    win.act_save = action(win, "保存(&S)", docs.save, K.Save, "保存为 .docx")
    win.act_save_as = action(win, "另存为(&A)…", docs.save_as, K.SaveAs, "另存为新的 .docx 文件")
    win.act_save_as.setShortcuts([QKeySequence("F12"), QKeySequence("Ctrl+Shift+S")])  # F12: as in Word/WPS
    win.act_preview = action(win, "打印预览(&V)…", output.preview, tip="查看打印出来的样子")
    win.act_print = action(win, "打印(&P)…", output.print_report, K.Print, "打印报告")
    win.act_pdf = action(win, "导出PDF(&D)…", output.export_pdf, tip="把报告导出为 PDF 文件")
    win.act_publish = action(win, "导出发布稿(&U)…", output.export_published,
                             tip="导出用于网上公开的 .docx：不含已忽略问题的理由、忽略人和上年报告等编辑器数据")
    # 关闭 closes this window only (a report opened from 批量检查 is a window of its own), asking
    # about its unsaved changes as the title bar's × does; Ctrl+W as in Word/WPS and 批量检查.
    win.act_close = action(win, "关闭(&C)", win.close, tip="关闭这个窗口（其他窗口不受影响）")
    close_keys = QKeySequence.keyBindings(K.Close)
    if QKeySequence("Ctrl+W") not in close_keys:
        close_keys.append(QKeySequence("Ctrl+W"))
    win.act_close.setShortcuts(close_keys)
    win.act_quit = action(win, "退出(&X)", lambda: quit_program(win), tip="退出程序：关闭全部窗口")
    win.act_quit.setShortcuts(quit_keys())  # Ctrl+Q, none on Windows: its docstring says why
    win.act_undo, win.act_redo = keyed_undo(win, win.state.stack)
    win.act_undo.setShortcut(K.Undo)
    # Ctrl+Y as in Word/WPS, once: where it is already the platform's 重做 (Windows, and
    # Qt's generic keys), naming it twice made it an ambiguous shortcut that did nothing.
    redo_keys = QKeySequence.keyBindings(K.Redo)
    if QKeySequence("Ctrl+Y") not in redo_keys:
        redo_keys.append(QKeySequence("Ctrl+Y"))
    win.act_redo.setShortcuts(redo_keys)
    win.act_cut = action(win, "剪切(&T)", lambda: cut(target()), K.Cut, "剪切所选文字")
    win.act_copy = action(win, "复制(&C)", win.copy, K.Copy, "复制所选单元格或文字")
    win.act_paste = action(win, "粘贴(&P)", win.paste, K.Paste, "粘贴到所选单元格或文字处")
    win.act_select_all = action(win, "全选(&L)", lambda: select_all(target()), K.SelectAll, "选中全部文字或单元格")
    win.act_fill = action(win, "空白处填0(&Z)", win.fill_zero, QKeySequence("Ctrl+0"),
                          "在表二、表三、表四的全部空白单元格中填入0（合计按明细计算；右键表格可只填所选范围）")
    win.act_codes = action(win, "检查项说明(&C)", win.show_codes, K.HelpContents, "每一类检查结果的含义和处理办法")
    win.act_about = action(win, "关于(&A)", win.about)
    # Keyboard: Ctrl+PgUp/PgDn turn the parts as Excel turns sheets; F6 moves between the
    # panes as in Word (the grids keep Tab for moving between cells).
    win.act_next_part = action(win, "下一部分(&N)", lambda: win.turn_page(1), QKeySequence("Ctrl+PgDown"))
    win.act_prev_part = action(win, "上一部分(&R)", lambda: win.turn_page(-1), QKeySequence("Ctrl+PgUp"))
    win.act_next_pane = action(win, "下一窗格(&W)", lambda: win.cycle_pane(1), QKeySequence("F6"),
                               "在目录、正文和检查结果之间切换")
    win.act_prev_pane = action(win, "上一窗格(&Q)", lambda: win.cycle_pane(-1), QKeySequence("Shift+F6"))


def _cuttable(widget: QWidget | None) -> QLineEdit | QTextEdit | QPlainTextEdit | None:
    """The focused text (a pane, a cell being typed in) with a selection that can be cut.  The
    grid itself has none: a cell block is cleared with Delete, and cutting it would leave the
    totals to be guessed."""
    if isinstance(widget, QLineEdit):
        return widget if widget.hasSelectedText() and not widget.isReadOnly() else None
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return widget if widget.textCursor().hasSelection() and not widget.isReadOnly() else None
    return None


class _EditTarget(QObject):
    """What 编辑's 剪切, 复制, 粘贴 and 全选 act on: the focused widget, or — while the menu bar has the focus (Alt+E
    gives it the keys) or the window is not active — the last widget of the window that had it.
    A QObject of the window's: its connection to the application goes with the window."""

    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self.win = win
        self.last: QWidget | None = None
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self.focus_changed)

    def focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and not isinstance(new, QMenuBar | QMenu) and new.window() is self.win:
            self.last = new

    def __call__(self) -> QWidget | None:
        focused = QApplication.focusWidget()
        if focused is not None and not isinstance(focused, QMenuBar | QMenu):
            return focused
        for last in (self.last, self.win.focusWidget()):  # the window's own, while it is not active
            # A cell editor is deleted once its entry is made: a stale one is no target.
            if last is not None and shiboken6.isValid(last) and last.isVisible() and not isinstance(last, QMenuBar | QMenu):
                return last
        return None


def cut(widget: QWidget | None) -> None:
    """编辑 → 剪切 on whatever has the focus, as 复制/粘贴: the same as its own Ctrl+X."""
    if (cuttable := _cuttable(widget)) is not None:
        cuttable.cut()


def select_all(widget: QWidget | None) -> None:
    """编辑 → 全选: the focused pane's text, the cell editor's text, or every cell of a grid."""
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractItemView):
        widget.selectAll()


def _menus(win: MainWindow, target: Callable[[], QWidget | None]) -> None:
    win.file_menu = file_menu = win.menuBar().addMenu("文件(&F)")
    file_menu.addActions([win.act_new, win.act_open])
    win.recent_menu = file_menu.addMenu("最近打开的文件(&R)")
    win.recent_menu.aboutToShow.connect(win._fill_recent)
    file_menu.addSeparator()
    file_menu.addActions([win.act_save, win.act_save_as])
    file_menu.addSeparator()
    file_menu.addActions([win.act_preview, win.act_print, win.act_pdf, win.act_publish])
    file_menu.addSeparator()
    file_menu.addActions([win.act_close, win.act_quit])
    win.edit_menu = edit_menu = win.menuBar().addMenu("编辑(&E)")
    edit_menu.addActions([win.act_undo, win.act_redo])
    edit_menu.addSeparator()
    edit_menu.addActions([win.act_cut, win.act_copy, win.act_paste])
    edit_menu.addSeparator()
    edit_menu.addAction(win.act_select_all)
    edit_menu.addSeparator()
    # 剪切 greyed with nothing to cut, as Qt's own text menus have it: asked as the menu opens.
    edit_menu.aboutToShow.connect(lambda: win.act_cut.setEnabled(_cuttable(target()) is not None))
    edit_menu.addAction(win.act_fill)
    win.view_menu = view_menu = win.menuBar().addMenu("视图(&V)")
    toggle = win.dock.toggleViewAction()
    toggle.setText("检查结果面板(&P)")  # a key letter: the only way back once its × closed it
    view_menu.addAction(toggle)
    view_menu.addSeparator()
    view_menu.addActions([win.act_prev_part, win.act_next_part, win.act_next_pane, win.act_prev_pane])
    help_menu = win.menuBar().addMenu("帮助(&H)")
    help_menu.addActions([win.act_codes, win.act_about])


def _toolbar(win: MainWindow) -> None:
    from ui.resources import output_icon

    icons = {
        win.act_new: QStyle.StandardPixmap.SP_FileIcon,
        win.act_open: QStyle.StandardPixmap.SP_DialogOpenButton,
        win.act_save: QStyle.StandardPixmap.SP_DialogSaveButton,
        win.act_undo: QStyle.StandardPixmap.SP_ArrowBack,
        win.act_redo: QStyle.StandardPixmap.SP_ArrowForward,
    }
    style = win.style()
    for act, pixmap in icons.items():
        act.setIcon(style.standardIcon(pixmap))
    for act, kind in ((win.act_preview, "preview"), (win.act_print, "print"), (win.act_pdf, "pdf")):
        act.setIcon(output_icon(kind))
    for act in (*icons, win.act_preview, win.act_print, win.act_pdf):
        act.setIconText(act.text().split("(")[0])  # no “(&N)” or “…” on toolbar buttons
    win.act_undo.setIconText("撤销")
    win.act_redo.setIconText("重做")
    win.act_fill.setIconText("空白处填0")
    bar = win.addToolBar("常用")
    bar.setObjectName("mainToolbar")
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    bar.addActions([win.act_new, win.act_open, win.act_save])
    bar.addSeparator()
    bar.addActions([win.act_preview, win.act_print, win.act_pdf])
    bar.addSeparator()
    bar.addActions([win.act_undo, win.act_redo])
    bar.addSeparator()
    bar.addAction(win.act_fill)
    for act in bar.actions():
        if not act.isSeparator():
            act.setToolTip(tool_tip(act.text(), act.shortcut()))


def tool_tip(text: str, shortcut: QKeySequence) -> str:
    """A toolbar button's tooltip as Word's and WPS's: “保存 (Ctrl+S)”.  Qt's own is the item's
    text with its access key's “&” dropped: “保存(S)”, “撤销 输入数据(U)” (user33 under Xvfb)."""
    plain = re.sub(r"\(&\w\)", "", text).replace("…", "").strip()
    keys = shortcut.toString(QKeySequence.SequenceFormat.NativeText)
    return f"{plain} ({keys})" if keys else plain


# 撤销 and 重做 with their letters as Word's and WPS's have (U, R): Qt's undo actions write
# “撤销 输入数据” and were the only items of 编辑 a keyboard user could not reach by letter.
UNDO_KEYS = (("撤销", "U"), ("重做", "R"))


def undo_label(verb: str, key: str, what: str) -> str:
    """“撤销 输入数据(&U)”; “撤销(&U)” with nothing to undo."""
    return f"{verb} {what}(&{key})" if what else f"{verb}(&{key})"


class _UndoLabel(QObject):
    """The action's text with its key; a child of the action, so that the connection goes
    with it."""

    def __init__(self, act: QAction, verb: str, key: str) -> None:
        super().__init__(act)
        self.act, self.verb, self.key = act, verb, key

    def show(self, what: str) -> None:
        if shiboken6.isValid(self.act):  # the window's stack cleared as it closes, the action half gone
            self.act.setText(undo_label(self.verb, self.key, what))
            self.act.setToolTip(tool_tip(self.act.text(), self.act.shortcut()))


def keyed_undo(parent: QObject, stack: QUndoStack) -> tuple[QAction, QAction]:
    """撤销 and 重做 on ``stack``, their texts with their keys.  Actions of our own, not Qt's
    createUndoAction: Qt's wrote its text (“撤销 输入数据”) on every step and ours the key back,
    two changes an edit, each laying the tool bar and the window out again."""
    acts: list[QAction] = []
    for run, can, can_changed, text, text_changed, (verb, key) in (
            (stack.undo, stack.canUndo, stack.canUndoChanged, stack.undoText, stack.undoTextChanged, UNDO_KEYS[0]),
            (stack.redo, stack.canRedo, stack.canRedoChanged, stack.redoText, stack.redoTextChanged, UNDO_KEYS[1])):
        act = QAction(parent)
        act.triggered.connect(run)
        act.setEnabled(can())
        can_changed.connect(act.setEnabled)
        label = _UndoLabel(act, verb, key)
        text_changed.connect(label.show)
        label.show(text())
        acts.append(act)
    return acts[0], acts[1]
