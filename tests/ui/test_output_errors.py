"""导出PDF, 打印 and 打印预览 of a report that still has errors ask first, as 导出发布稿 does —
查看问题 (default) / 仍要… / 取消 — through the one gate (rev24c S1: the PDF most offices post went
out with 5 errors, unasked).  The real box is answered here, by clicking its buttons."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

import ui.printing as printing
from app.findings import Severity
from app.io import save_report
from tests.test_dismissals import clean_report
from tests.test_publish_errors import unbalanced
from tests.ui.conftest import ASK_ERRORS_LEFT
from ui.main_window import MainWindow
from ui.output import OutputController

# (command, its button to go on, the question's last line)
OUTPUTS = [("导出PDF", "仍要导出(&E)", "仍要导出PDF吗？"), ("打印", "仍要打印(&P)", "仍要打印吗？"),
           ("打印预览", "仍要预览(&P)", "仍要打印预览吗？")]


@pytest.fixture
def made(window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The real question asked (not the fixture's 仍要…), and what each command made."""
    monkeypatch.setattr(OutputController, "ask_errors_left", ASK_ERRORS_LEFT)
    calls: list[str] = []
    monkeypatch.setattr(printing, "print_preview", lambda parent, report: calls.append("打印预览"))
    monkeypatch.setattr(printing, "print_report", lambda parent, report, file=None: calls.append("打印") or True)
    pdf = tmp_path / "年报.pdf"
    monkeypatch.setattr(window.output, "ask_pdf_path", lambda: calls.append("导出PDF") or str(pdf))
    return calls


def _open(window: MainWindow, tmp_path: Path, errors: bool = True) -> int:
    saved = tmp_path / "某街道2024年报.docx"
    save_report(unbalanced() if errors else clean_report(), saved)
    assert window.docs.load(saved)
    return window.state.counts()[0]


def _run(window: MainWindow, command: str) -> None:
    actions: dict[str, Callable[[], object]] = {
        "导出PDF": window.output.export_pdf, "打印": window.output.print_report, "打印预览": window.output.preview}
    actions[command]()


def _answering(click: str | None) -> list[tuple[str, str, list[str], str]]:
    """The next modal box seen (title, text, buttons, default) and ``click``ed (None: Esc)."""
    seen: list[tuple[str, str, list[str], str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if box is None:  # no question was asked (the test says whether one should have been)
            return
        assert isinstance(box, QMessageBox)
        seen.append((box.windowTitle(), box.text(), [b.text() for b in box.buttons()], box.defaultButton().text()))
        chosen = [b for b in box.buttons() if b.text() == click]
        if chosen:
            chosen[0].click()
        else:
            box.reject()

    QTimer.singleShot(0, answer)
    return seen


@pytest.mark.parametrize(("command", "go", "question"), OUTPUTS)
def test_the_question_says_how_many_and_offers_review(window: MainWindow, tmp_path: Path, made: list[str],
                                                      command: str, go: str, question: str) -> None:
    errors = _open(window, tmp_path)
    assert errors >= 2
    seen = _answering("取消(&C)")
    _run(window, command)
    ((title, text, buttons, default),) = seen
    assert title == command and text.startswith(f"还有 {errors} 个错误没有改正") and text.endswith(question)
    assert "发布稿" not in text, "the PDF's or the print's question, not the 发布稿's"
    assert set(buttons) == {"查看问题(&V)", go, "取消(&C)"} and default == "查看问题(&V)"
    assert made == [], "取消 makes nothing: no file dialog, no print, no preview"
    assert window.output.exporting is None and not list(tmp_path.glob("*.pdf"))
    assert window.findings.current() is None and not window.state.is_modified()


@pytest.mark.parametrize("command", [c for c, _, _ in OUTPUTS])
def test_review_chooses_the_first_error_and_makes_nothing(window: MainWindow, tmp_path: Path, made: list[str],
                                                          command: str) -> None:
    _open(window, tmp_path)
    first = next(f for f in window.state.findings if f.severity >= Severity.ERROR)
    seen = _answering("查看问题(&V)")
    _run(window, command)
    assert len(seen) == 1 and made == [] and not list(tmp_path.glob("*.pdf"))
    assert window.findings.current() is first


@pytest.mark.parametrize(("command", "go", "question"), OUTPUTS)
def test_going_on_makes_the_output(window: MainWindow, tmp_path: Path, made: list[str], qtbot,  # type: ignore[no-untyped-def]
                                   command: str, go: str, question: str) -> None:
    _open(window, tmp_path)
    seen = _answering(go)
    _run(window, command)
    assert len(seen) == 1 and made == [command]
    if command == "导出PDF":
        qtbot.waitUntil(lambda: window.output.exporting is None, timeout=60000)
        assert (tmp_path / "年报.pdf").stat().st_size > 0


@pytest.mark.parametrize("command", [c for c, _, _ in OUTPUTS])
def test_no_errors_no_question(window: MainWindow, tmp_path: Path, made: list[str], qtbot,  # type: ignore[no-untyped-def]
                               command: str) -> None:
    assert _open(window, tmp_path, errors=False) == 0
    seen = _answering(None)  # a box shown would be closed (Esc), and made nothing
    _run(window, command)
    assert made == [command]
    if command == "导出PDF":
        qtbot.waitUntil(lambda: window.output.exporting is None, timeout=60000)
    QApplication.processEvents()  # the timer fires: no box was there to answer
    assert seen == []
