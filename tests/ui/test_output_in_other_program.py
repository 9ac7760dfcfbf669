"""Every output written over a file Word, WPS or LibreOffice seems to have open (their owner file
beside it) is asked about first, as a save over it is: 仍然导出 / 另存为 / 取消 (ui/output_target.py).
Before, 导出PDF, 导出发布稿, 导出Excel and 导出汇总表 replaced the file unasked, and on 统信UOS
with WPS the other program's next save wrote its older copy back (rev25b S4, left by fixs25).
The real box is answered here, by clicking its buttons."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.io import save_report
from tests.test_dismissals import clean_report
from tests.test_office_owner import word_owner
from tests.ui.conftest import checked_batch
from ui import filedialogs
from ui.main_window import MainWindow

OLD = b"the other program's copy"
# (command, the target's name, the owner file beside it, what it holds, the program the question names)
CASES = [
    ("导出PDF", "年报.pdf", ".~lock.年报.pdf#", "张三,PC-01,zs,03.12.2026 09:00,file:///home/zs;".encode(), "LibreOffice"),
    ("导出发布稿", "年报（发布稿）.docx", "~$年报（发布稿）.docx", word_owner("张三"), "Word 或 WPS"),
    ("导出Excel", "年报.xlsx", "~$年报.xlsx", word_owner("张三"), "Excel 或 WPS"),
    ("导出Excel", "年报.xlsx", ".~年报.xlsx", b"\0" * 40, "WPS"),
]
IDS = [f"{c[0]}-{c[4]}" for c in CASES]


def _answering(clicks: list[str]) -> list[tuple[str, str, list[str], str]]:
    """Each modal box seen (title, text, buttons, default), answered by the next of ``clicks``."""
    seen: list[tuple[str, str, list[str], str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if box is None:  # not up yet, or all answered
            if clicks:
                QTimer.singleShot(20, answer)
            return
        assert isinstance(box, QMessageBox)
        seen.append((box.windowTitle(), box.text(), [b.text() for b in box.buttons()], box.defaultButton().text()))
        click = clicks.pop(0)
        next(b for b in box.buttons() if b.text() == click).click()
        if clicks:
            QTimer.singleShot(0, answer)

    QTimer.singleShot(0, answer)
    return seen


@pytest.fixture
def opened(window: MainWindow, tmp_path: Path) -> Iterator[MainWindow]:
    saved = tmp_path / "年报.docx"
    save_report(clean_report(), saved)
    assert window.docs.load(saved)
    yield window


def _export(window: MainWindow, qtbot: QtBot, command: str, paths: list[Path]) -> bool:
    """``command`` run, its file dialog answering ``paths`` in turn; True when it wrote."""
    asked = iter(paths)
    ask: Callable[[], str] = lambda: str(next(asked))  # noqa: E731
    if command == "导出PDF":
        window.output.ask_pdf_path = ask  # type: ignore[method-assign]
        if not window.output.export_pdf():
            return False
        qtbot.waitUntil(lambda: window.output.exporting is None, timeout=60000)
        return True
    if command == "导出发布稿":
        window.output.ask_published_path = ask  # type: ignore[method-assign]
        return window.output.export_published()
    window.year_tools.excel.ask_export_path = ask  # type: ignore[method-assign]
    return window.year_tools.excel.export_xlsx()


@pytest.mark.parametrize(("command", "name", "owner", "data", "program"), CASES, ids=IDS)
def test_cancel_writes_nothing_and_the_question_names_the_program(
        opened: MainWindow, qtbot: QtBot, tmp_path: Path, command: str, name: str, owner: str, data: bytes,
        program: str) -> None:
    target = tmp_path / name
    target.write_bytes(OLD)
    (tmp_path / owner).write_bytes(data)
    seen = _answering(["取消(&C)"])
    assert not _export(opened, qtbot, command, [target])
    ((title, text, buttons, default),) = seen
    assert title == "文件正在其他程序中打开" and sorted(buttons) == sorted(["仍然导出(&E)", "另存为(&A)…", "取消(&C)"]) and default == "另存为(&A)…"
    assert f"“{name}”似乎正在 {program} 中打开" in text and f"“{owner}”" in text, text
    assert ("张三" in text) == (program != "WPS") and "导出会替换这个文件" in text, text
    assert target.read_bytes() == OLD


@pytest.mark.parametrize(("command", "name", "owner", "data", "program"), CASES, ids=IDS)
def test_save_as_asks_another_name_and_writes_there(
        opened: MainWindow, qtbot: QtBot, tmp_path: Path, command: str, name: str, owner: str, data: bytes,
        program: str) -> None:
    target, other = tmp_path / name, tmp_path / "另一个" / name
    other.parent.mkdir()
    target.write_bytes(OLD)
    (tmp_path / owner).write_bytes(data)
    seen = _answering(["另存为(&A)…"])
    assert _export(opened, qtbot, command, [target, other])
    assert len(seen) == 1 and target.read_bytes() == OLD
    assert other.is_file() and other.read_bytes() != OLD


@pytest.mark.parametrize(("command", "name", "owner", "data", "program"), CASES, ids=IDS)
def test_write_anyway_writes_over_it(opened: MainWindow, qtbot: QtBot, tmp_path: Path, command: str, name: str,
                                     owner: str, data: bytes, program: str) -> None:
    target = tmp_path / name
    target.write_bytes(OLD)
    (tmp_path / owner).write_bytes(data)
    seen = _answering(["仍然导出(&E)"])
    assert _export(opened, qtbot, command, [target])
    assert len(seen) == 1 and target.read_bytes() != OLD and target.stat().st_size > 1000


@pytest.mark.parametrize("command", ["导出PDF", "导出发布稿", "导出Excel"])
def test_no_owner_file_no_question(opened: MainWindow, qtbot: QtBot, tmp_path: Path, command: str) -> None:
    target = tmp_path / {"导出PDF": "年报.pdf", "导出发布稿": "发布稿.docx", "导出Excel": "年报.xlsx"}[command]
    target.write_bytes(OLD)
    seen = _answering([])
    assert _export(opened, qtbot, command, [target])
    assert seen == [] and target.read_bytes() != OLD


def test_the_batch_summary_open_in_wps_is_asked_about(qtbot: QtBot, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """导出汇总表 into the summary the reviewer opened in WPS after the last export."""
    folder = tmp_path / "报告"
    folder.mkdir()
    save_report(clean_report(), folder / "甲.docx")
    w = checked_batch(qtbot, folder)
    summary, elsewhere = tmp_path / "年报检查汇总.xlsx", tmp_path / "汇总2.xlsx"
    summary.write_bytes(OLD)
    (tmp_path / ".~年报检查汇总.xlsx").write_bytes(b"\0" * 40)
    asked = iter([summary, summary, elsewhere])
    monkeypatch.setattr(filedialogs, "get_save_path", lambda *args: str(next(asked)))
    seen = _answering(["取消(&C)"])
    assert not w.export()
    assert len(seen) == 1 and "似乎正在 WPS 中打开" in seen[0][1] and summary.read_bytes() == OLD
    seen = _answering(["另存为(&A)…"])
    with qtbot.waitSignal(w.exported, timeout=60000) as done:
        assert w.export()
    assert done.args == [True] and len(seen) == 1 and summary.read_bytes() == OLD and elsewhere.stat().st_size > 1000
