"""Open, save (atomic, with backup; failures lose nothing), autosave recovery, closing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

import app.io as app_io
import app.reading as app_reading
from app.schema import T3_CARRIED_IN, T3_COL_NATURAL, T3_NEW, CellRef
from tests.ui.conftest import SAMPLE, crash, drop_files, table, type_into, type_text
from ui.documents import backup_path
from ui.main_window import MainWindow

CELL = CellRef("三", T3_CARRIED_IN, T3_COL_NATURAL)  # 二、上年结转 · 自然人: blank in the sample


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """The sample as this editor saves it: a report the user has saved before."""
    path = tmp_path / "报告.docx"
    app_io.save_report(app_reading.load_report(SAMPLE), path)
    return path


@pytest.fixture
def foreign_copy(tmp_path: Path) -> Path:
    """The sample as published: written by another program."""
    return Path(shutil.copy(SAMPLE, tmp_path / "别人的报告.docx"))


def test_open_edit_save_reopen_gives_the_edit_back(window, qtbot, sample_copy) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(sample_copy)
    assert window.state.report.organ and not window.isWindowModified()
    type_into(qtbot, table(window, "三"), (CELL.row, CELL.col), "2")
    assert window.isWindowModified() and "报告.docx[*]" in window.windowTitle()
    assert window.docs.save()
    assert not window.isWindowModified() and window.saved_label.text() == "已保存"
    assert backup_path(sample_copy).exists(), "the previous version is kept"
    assert app_reading.load_report(backup_path(sample_copy)).value(CELL) is None
    assert app_reading.load_report(sample_copy).value(CELL) == 2
    assert not list(sample_copy.parent.glob(".~*")), "no temporary file left behind"


def test_narrative_edit_survives_save_and_reopen(window, qtbot, sample_copy) -> None:  # type: ignore[no-untyped-def]
    window.docs.load(sample_copy)
    page = window.show_page("五")
    editor = page.editor  # type: ignore[attr-defined]
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    type_text(editor, "补充一句。")
    assert window.docs.save()  # flushes the pending text sync first
    assert app_reading.load_report(sample_copy).section_text("五").endswith("补充一句。")


@pytest.mark.parametrize("failure", ["replace", "writer"])
def test_a_failed_save_keeps_the_document_and_says_why(window, qtbot, sample_copy, monkeypatch, failure) -> None:  # type: ignore[no-untyped-def]
    window.docs.load(sample_copy)
    original = sample_copy.read_bytes()
    type_into(qtbot, table(window, "三"), (CELL.row, CELL.col), "2")

    def locked(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    def write_error(_report: object, path: object, _backup: object = None) -> None:
        raise app_io.WriteError(f"{path}：没有写入权限（文件可能正在 Word/WPS 中打开，或文件夹只读）")

    if failure == "replace":
        monkeypatch.setattr("app.io.os.replace", locked)
    else:
        monkeypatch.setattr(app_io, "save_report", write_error)
    assert not window.docs.save()
    assert len(window.errors) == 1 and "没有写入权限" in window.errors[0]
    assert "修改没有丢失" in window.errors[0]
    assert window.isWindowModified() and window.state.is_modified()
    assert window.state.report.value(CELL) == 2
    assert window.docs.path == sample_copy
    assert sample_copy.read_bytes() == original
    assert not list(sample_copy.parent.glob(".~*"))


def test_save_as_adds_the_suffix_and_a_recent_entry(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window.docs.ask_save_path = lambda: str(tmp_path / "新报告")
    assert window.docs.save()
    target = tmp_path / "新报告.docx"
    assert target.exists() and window.docs.path == target
    assert window.docs.recent()[0] == str(target)
    window._fill_recent()
    assert any("新报告.docx" in a.text() for a in window.recent_menu.actions())


def test_autosave_is_offered_and_restores(window, qtbot, sample_copy, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window.docs.load(sample_copy)
    type_into(qtbot, table(window, "三"), (CELL.row, CELL.col), "7")
    assert window.docs.autosave()
    copy = window.docs.autosave_file
    assert copy is not None and copy.exists()
    crash(window)
    # The next start finds the autosave.
    second = MainWindow(autosave_dir=tmp_path / "autosave")
    qtbot.addWidget(second)
    offers: list[str] = []
    second.docs.ask_restore = lambda info: offers.append(info.path) or True  # type: ignore[method-assign]
    assert second.docs.offer_restore()
    assert offers == [str(sample_copy)]
    assert second.state.report.value(CELL) == 7
    assert second.state.is_modified() and second.docs.path == sample_copy
    second.docs.show_error = lambda *a: None  # type: ignore[method-assign]
    assert second.docs.save()
    assert not copy.exists(), "a clean save leaves nothing to restore"
    assert app_reading.load_report(sample_copy).value(CELL) == 7


def test_declining_the_autosave_discards_it(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    type_into(qtbot, table(window, "三"), (T3_NEW, T3_COL_NATURAL), "3")
    assert window.docs.autosave()
    copy = window.docs.autosave_file
    crash(window)
    second = MainWindow(autosave_dir=tmp_path / "autosave")
    qtbot.addWidget(second)
    second.docs.ask_restore = lambda info: False  # type: ignore[method-assign]
    assert not second.docs.offer_restore()
    assert copy is not None and not copy.exists()
    assert second.state.report.value(CellRef("三", T3_NEW, T3_COL_NATURAL)) is None


def test_nothing_to_autosave_when_unmodified(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert not window.docs.autosave()
    assert window.docs.autosave_file is None
    assert not list((tmp_path / "autosave").glob("*.docx"))


def test_closing_with_unsaved_changes_asks(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    type_into(qtbot, table(window, "三"), (T3_NEW, T3_COL_NATURAL), "3")
    asked: list[int] = []
    window.docs.ask_save_changes = lambda: asked.append(1) or QMessageBox.StandardButton.Cancel
    assert not window.close()
    assert window.isVisible() and asked == [1]
    window.docs.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    assert window.close()
    assert QSettings().value("window/geometry") is not None, "geometry remembered"


def test_dropping_a_docx_opens_it(window, qtbot, sample_copy) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.docs.loadEnded, timeout=20000):  # read in the background
        drop_files(window, sample_copy)
    assert window.docs.path == sample_copy and window.state.report.organ


def test_opening_a_bad_file_says_why_and_keeps_the_current_report(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(b"not a zip")
    assert not window.docs.load(bad)
    assert len(window.errors) == 1 and window.docs.path is None


def test_screenshot_command(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "app", str(SAMPLE), "--screenshot", str(out), "--page", "三", "--finding", "BLANK-CELL"],
        env=env, capture_output=True, timeout=60, cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr.decode()
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 900)


def test_saving_while_typing_in_a_cell_saves_what_was_typed(window, qtbot, sample_copy) -> None:  # type: ignore[no-untyped-def]
    window.docs.load(sample_copy)
    view = table(window, "三")
    view.setFocus()
    view.setCurrentIndex(view.grid_model().index_of((CELL.row, CELL.col)))
    qtbot.keyClick(view, "4")  # the editor is open, nothing committed yet
    assert window.state.report.value(CELL) is None
    assert window.docs.save()
    assert app_reading.load_report(sample_copy).value(CELL) == 4
    assert not window.isWindowModified()


def test_a_web_copy_opens_and_is_saved_as_docx_beside_it(window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A .txt copy of a published page opens; saving never writes .docx bytes into the .txt."""
    import shutil
    from pathlib import Path

    src = tmp_path / "copy.txt"
    shutil.copy(Path(__file__).parents[1] / "data" / "xiaogang-2021.txt", src)
    assert window.docs.load(src)
    assert window.state.report.organ == "宁波市北仑区人民政府小港街道办事处"
    assert window.docs.path is None
    asked: list[str] = []
    monkeypatch.setattr(window.docs, "ask_save_path", lambda: asked.append("x") or str(tmp_path / "copy.docx"))
    assert window.docs.save()
    assert asked and (tmp_path / "copy.docx").exists()
    assert src.read_bytes().startswith(b"\n")  # the text copy is untouched


def test_an_unexpected_reader_error_is_one_message(window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(window.docs, "show_error", lambda title, text: shown.append(text))
    monkeypatch.setattr(app_reading, "load_report", lambda p: 1 / 0)
    assert not window.docs.load(tmp_path / "x.docx")
    assert len(shown) == 1 and "ZeroDivisionError" in shown[0]


def test_staged_start_shows_the_frame_then_completes(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The program shows its window before loading the checks and pages; complete() builds them."""
    from ui.main_window import MainWindow

    win = MainWindow(autosave_dir=tmp_path / "autosave", staged=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert not win.completed and "年度报告编辑器" in win.windowTitle()
    win.complete()
    assert win.completed and win.menuBar().actions() and win.nav_model.rowCount() == 8
    assert win.docs.load(Path(__file__).parents[1] / "data" / "xiaogang-2021.docx")
    assert win.state.report.year == 2021


def test_closing_while_starting_is_fine(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    win = MainWindow(autosave_dir=tmp_path / "autosave", staged=True)
    qtbot.addWidget(win)
    win.show()
    assert win.close()


def test_screenshot_of_an_unreadable_file_exits_with_one_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A script asking for a screenshot must never wait on a dialog."""
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    out = subprocess.run([sys.executable, "-m", "app", str(bad), "--screenshot", str(tmp_path / "x.png")],
                         capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 2 and "bad.docx" in out.stderr and "Traceback" not in out.stderr


def test_another_programs_file_is_not_overwritten_unasked(window, foreign_copy) -> None:  # type: ignore[no-untyped-def]
    sample_copy = foreign_copy
    asked: list[str] = []
    window.docs.ask_save_path = lambda: asked.append("where") or ""  # type: ignore[method-assign]
    assert window.docs.load(sample_copy)
    original = sample_copy.read_bytes()
    assert window.docs.path is None
    assert window.docs.suggested == sample_copy.with_name("别人的报告（修订）.docx"), "not the original's name"
    assert not window.docs.save()  # the user cancels the dialog
    assert asked and sample_copy.read_bytes() == original
    window.docs.ask_save_path = lambda: str(sample_copy)  # type: ignore[method-assign]
    assert window.docs.save()
    assert window.docs.path == sample_copy
    assert not [f for f in window.state.findings if f.code == "DUP-PARAGRAPH" and f.location.span is None]
    reopened = app_reading.load_report(sample_copy)
    assert reopened.written_by_editor


def test_saving_over_a_file_changed_elsewhere_asks_first(window, qtbot, sample_copy) -> None:  # type: ignore[no-untyped-def]
    """Two editors (or Word and this one) with the same file: the later save must not silently
    throw away what the other saved."""
    assert window.docs.load(sample_copy)
    type_into(qtbot, table(window, "三"), (CELL.row, CELL.col), "2")
    other = app_reading.load_report(sample_copy)  # another editor saves the same file meanwhile
    other.date = None
    other.set_value(CELL, 7)
    app_io.save_report(other, sample_copy)
    theirs = sample_copy.read_bytes()
    answers = [""]
    asked: list[Path] = []
    window.docs.ask_overwrite_changed = lambda path: asked.append(path) or answers.pop(0)  # type: ignore[method-assign]
    assert not window.docs.save(), "cancelled"
    assert asked == [sample_copy] and sample_copy.read_bytes() == theirs and window.isWindowModified()
    answers.append("overwrite")
    assert window.docs.save()
    assert app_reading.load_report(sample_copy).value(CELL) == 2
    assert app_reading.load_report(backup_path(sample_copy)).value(CELL) == 7, "theirs kept as the backup"
    type_into(qtbot, table(window, "三"), (CELL.row, CELL.col), "3")
    assert window.docs.save() and len(asked) == 2, "our own save is not a change made elsewhere"


def test_saving_over_a_changed_file_can_go_elsewhere(window, qtbot, sample_copy, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(sample_copy)
    type_into(qtbot, table(window, "三"), (CELL.row, CELL.col), "2")
    sample_copy.write_bytes(sample_copy.read_bytes() + b"")  # touched: same bytes, new time
    os.utime(sample_copy, ns=(1, 1))
    window.docs.ask_overwrite_changed = lambda path: "save_as"  # type: ignore[method-assign]
    window.docs.ask_save_path = lambda: str(tmp_path / "另一份")  # type: ignore[method-assign]
    assert window.docs.save()
    assert window.docs.path == tmp_path / "另一份.docx"
    assert app_reading.load_report(tmp_path / "另一份.docx").value(CELL) == 2


def test_recent_files_are_absolute_and_listed_once(window, sample_copy, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(sample_copy.parent)
    assert window.docs.load(Path(sample_copy.name))
    assert window.docs.load(sample_copy)
    assert window.docs.recent().count(str(sample_copy)) == 1
    assert sample_copy.name not in window.docs.recent()


def test_the_save_question_names_the_report_as_the_title_does(window, qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Another program's .docx (saved beside it as a new file): the question named it 未命名报告
    while the title said xiaogang-2021.docx*.  A new report from last year's: 未命名 — 2022年度."""
    from ui import questions
    from ui.documents import DocumentController

    names: list[str] = []
    monkeypatch.setattr(questions, "ask_save_changes", lambda parent, name, then="": names.append(name) or 0)
    path = tmp_path / "xiaogang-2021.docx"
    shutil.copyfile(SAMPLE, path)
    with qtbot.waitSignal(window.docs.loadEnded, timeout=20000):
        window.docs.open(path)
    assert window.docs.path is None and window.docs.source == path  # not ours: saved beside it
    DocumentController.ask_save_changes(window.docs)
    assert names[-1] == "xiaogang-2021.docx"
    assert window.windowTitle().startswith(names[-1])
    window.docs.new()
    window.state.report.year = 2022
    DocumentController.ask_save_changes(window.docs)
    assert names[-1] == "未命名 — 2022年度" and window.windowTitle().startswith("未命名")
