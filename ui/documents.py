"""New, open, save, save as, recent files and autosave for the one open report.

Saving is atomic: the report is written to a temporary file in the target's folder, the
previous version is kept as ``<name>.bak.docx``, then the temporary file replaces the target.
A failed save says why in one Chinese message and leaves the document open and unsaved.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

import app.io as app_io
from app.report import Report
from ui.state import EditorState

AUTOSAVE_MS = 60_000
MAX_RECENT = 8
FILE_FILTER = "Word 文档 (*.docx)"  # what we save
OPEN_FILTER = (
    "年报文件 (*.docx *.doc *.xlsx *.html *.htm *.txt);;Word 文档 (*.docx *.doc);;Excel 工作簿 (*.xlsx);;"
    "网页或文本副本 (*.html *.htm *.txt);;所有文件 (*)"
)


def backup_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.bak{path.suffix}")


def atomic_save(report: Report, path: Path, keep_backup: bool = True) -> None:
    """Save through a temporary file beside ``path``, keeping the old file as a backup."""
    app_io.save_report(report, path, backup_path(path) if keep_backup else None)


@contextmanager
def busy() -> Iterator[None]:
    """The wait cursor while the program works for a moment (reading, converting, exporting)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class DocumentController(QObject):
    """File operations of the window; dialogs go through small methods tests can replace."""

    pathChanged = Signal()
    recentChanged = Signal()
    message = Signal(str)

    def __init__(self, state: EditorState, window: QWidget, autosave_dir: Path | None = None) -> None:
        super().__init__(window)
        self.state = state
        self.window = window
        self.path: Path | None = None
        # Opened from a .doc/.xlsx/.html/.txt: saving writes a .docx beside it, never over it.
        self.suggested: Path | None = None
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        self.autosave_dir = autosave_dir or Path(folder)
        self._autosave_due = False
        state.stack.indexChanged.connect(self._changed)
        state.textEdited.connect(self._changed)
        self.timer = QTimer(self, interval=AUTOSAVE_MS)
        self.timer.timeout.connect(self.autosave)
        self.timer.start()

    # -- dialogs (replaced in tests) ------------------------------------------------------------
    def ask_save_changes(self) -> QMessageBox.StandardButton:
        name = self.path.name if self.path else "未命名报告"
        box = QMessageBox(QMessageBox.Icon.Warning, "保存修改", f"“{name}”有尚未保存的修改。\n是否保存？",
                          parent=self.window)
        box.setStandardButtons(
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
        )
        box.button(QMessageBox.StandardButton.Save).setText("保存")
        box.button(QMessageBox.StandardButton.Discard).setText("不保存")
        box.button(QMessageBox.StandardButton.Cancel).setText("取消")
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return QMessageBox.StandardButton(box.exec())

    def ask_open_path(self) -> str:
        start = str(self.path.parent) if self.path else ""
        return QFileDialog.getOpenFileName(self.window, "打开报告", start, OPEN_FILTER)[0]

    def ask_save_path(self) -> str:
        start = str(self.path or self.suggested or f"{self.state.report.title}.docx")
        return QFileDialog.getSaveFileName(self.window, "另存为", start, FILE_FILTER)[0]

    def show_error(self, title: str, text: str) -> None:
        QMessageBox.critical(self.window, title, text)

    def ask_restore(self, when: str, original: str) -> bool:
        text = f"发现上次未正常关闭时自动保存的报告（{when}）"
        text += f"，原文件：{original}" if original else ""
        box = QMessageBox(QMessageBox.Icon.Question, "恢复自动保存", text + "。\n是否恢复？", parent=self.window)
        restore = box.addButton("恢复", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("放弃", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is restore

    # -- commands -------------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current report (saved, discarded, or unmodified)."""
        self.state.flush()
        if not self.state.is_modified():
            return True
        answer = self.ask_save_changes()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new(self) -> bool:
        if not self.maybe_save():
            return False
        self.state.replace_report(Report())
        self.suggested = None
        self._set_path(None)
        self.clear_autosave()
        return True

    def open(self, path: str | Path | None = None) -> bool:
        if not self.maybe_save():
            return False
        path = path or self.ask_open_path()
        return bool(path) and self.load(Path(path))

    def load(self, path: Path) -> bool:
        try:
            with busy():  # a .doc goes through LibreOffice: seconds, not milliseconds
                report = app_io.load_report(path)
        except app_io.ReadError as e:
            self.show_error("无法打开", str(e))
            return False
        except Exception as e:  # a file no test has seen: one message, the editor goes on
            self.show_error("无法打开", f"{path}：读取时出现意外问题（{type(e).__name__}: {e}）")
            return False
        self.state.replace_report(report)
        # Another program's file is never overwritten unasked: saving asks where (the dialog
        # offers the same name, and confirms before replacing it).
        ours = path.suffix.lower() == ".docx" and report.written_by_editor
        self.suggested = None if ours else path.with_suffix(".docx")
        self._set_path(path if ours else None)
        self.add_recent(path)
        self.clear_autosave()
        note = "" if ours else "（由其他软件生成：保存时会先询问保存位置）"
        self.message.emit(f"已打开 {path.name}{note}")
        return True

    def save(self) -> bool:
        return self.save_as() if self.path is None else self.save_to(self.path)

    def save_as(self) -> bool:
        name = self.ask_save_path()
        if not name:
            return False
        path = Path(name) if name.lower().endswith(".docx") else Path(name + ".docx")
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        self.state.flush()
        try:
            atomic_save(self.state.report, path)
        except Exception as e:  # WriteError says why; anything else is still one message
            reason = str(e) if isinstance(e, app_io.WriteError) else f"{path}：保存时出现意外问题（{type(e).__name__}: {e}）"
            self.show_error("保存失败", f"{reason}。\n\n报告仍然打开，修改没有丢失。可以关闭占用该文件的程序后重试，或“另存为”到其他位置。")
            self.message.emit("保存失败，修改尚未保存")
            return False
        # What the reader noticed about the old file (a doubled body, edited labels) is gone
        # from the file just written, as reopening it would show.
        self.state.report.import_findings = []
        self.state.rerun_checks()
        self.state.mark_saved()
        self._set_path(path)
        self.add_recent(path)
        self.clear_autosave()
        self.message.emit(f"已保存到 {path}")
        return True

    def _set_path(self, path: Path | None) -> None:
        self.path = path
        self.pathChanged.emit()

    # -- recent files ---------------------------------------------------------------------------
    def recent(self) -> list[str]:
        # Stored as JSON text: an empty list would be written as an invalid QVariant.
        try:
            items = json.loads(str(QSettings().value("recent_files", "[]")))
        except ValueError:
            return []
        return [p for p in items if isinstance(p, str) and p]

    def add_recent(self, path: Path) -> None:
        items = [str(path)] + [p for p in self.recent() if Path(p) != path]
        QSettings().setValue("recent_files", json.dumps(items[:MAX_RECENT], ensure_ascii=False))
        self.recentChanged.emit()

    def clear_recent(self) -> None:
        QSettings().setValue("recent_files", "[]")
        self.recentChanged.emit()

    # -- autosave -------------------------------------------------------------------------------
    def _changed(self) -> None:
        self._autosave_due = True

    @property
    def autosave_file(self) -> Path:
        return self.autosave_dir / "autosave.docx"

    @property
    def _autosave_info(self) -> Path:
        return self.autosave_dir / "autosave.json"

    def autosave(self) -> bool:
        """Every minute: a copy of unsaved work in the user's data folder."""
        if not self._autosave_due or not self.state.is_modified():
            return False
        self.state.sync_text()
        try:
            self.autosave_dir.mkdir(parents=True, exist_ok=True)
            atomic_save(self.state.report, self.autosave_file, keep_backup=False)
            info = {"path": str(self.path) if self.path else "", "time": dt.datetime.now().isoformat()}
            self._autosave_info.write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
        except Exception as e:  # autosave runs from a timer: it must never raise into Qt
            self.message.emit(f"自动保存失败：{e}")
            return False
        self._autosave_due = False
        return True

    def clear_autosave(self) -> None:
        """After a clean save, open, new or exit there is nothing to restore."""
        self._autosave_due = False
        self.autosave_file.unlink(missing_ok=True)
        self._autosave_info.unlink(missing_ok=True)
        QSettings().setValue("autosave/clean_at", str(dt.datetime.now().timestamp()))

    def offer_restore(self) -> bool:
        """At start: restore the autosave if it is newer than the last clean save or exit."""
        if not self.autosave_file.exists():
            return False
        clean_at = float(str(QSettings().value("autosave/clean_at", "0")) or 0)
        mtime = self.autosave_file.stat().st_mtime
        if mtime <= clean_at:
            return False
        try:
            info = json.loads(self._autosave_info.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            info = {}
        when = dt.datetime.fromtimestamp(mtime).strftime("%Y年%m月%d日 %H:%M")
        if not self.ask_restore(when, info.get("path", "")):
            self.clear_autosave()
            return False
        try:
            report = app_io.load_report(self.autosave_file)
        except app_io.ReadError as e:
            self.show_error("无法恢复", str(e))
            return False
        self.state.replace_report(report, restored=True)
        self._set_path(Path(info["path"]) if info.get("path") else None)
        self.message.emit("已恢复自动保存的报告，请检查后保存")
        return True
