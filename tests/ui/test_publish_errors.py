"""导出发布稿… while errors remain asks first — 查看问题 (default) / 仍要导出 / 取消 — instead of
writing the website's copy with only a status-line note (found by the GUI tester)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.checks import run_all
from app.findings import Finding, Severity
from app.io import save_report
from tests.test_dismissals import clean_report, dismiss
from tests.test_publish_errors import unbalanced
from ui.main_window import MainWindow


def _open(window: MainWindow, tmp_path: Path, report: object) -> Path:
    saved = tmp_path / "某街道2024年报.docx"
    save_report(report, saved)  # type: ignore[arg-type]
    assert window.docs.load(saved)
    return saved


def _patched(window: MainWindow, answer: str) -> tuple[list[list[Finding]], list[Path]]:
    asked: list[list[Finding]] = []
    paths: list[Path] = []

    def ask_errors_left(errors: list[Finding], title: str) -> str:
        assert title == "导出发布稿"
        asked.append(errors)
        return answer

    def ask_path() -> str:
        paths.append(window.output.default_published_path())
        return str(paths[-1])

    window.output.ask_errors_left = ask_errors_left  # type: ignore[method-assign]
    window.output.ask_published_path = ask_path  # type: ignore[method-assign]
    return asked, paths


@pytest.mark.parametrize("answer", ["review", ""])
def test_review_or_cancel_writes_nothing(window: MainWindow, tmp_path: Path, answer: str) -> None:
    saved = _open(window, tmp_path, unbalanced())
    errors, _warnings = window.state.counts()
    assert errors >= 2
    asked, paths = _patched(window, answer)
    assert not window.output.export_published()
    assert [len(e) for e in asked] == [errors] and paths == [], "asked before the file dialog"
    assert not saved.with_name("某街道2024年报（发布稿）.docx").exists()
    chosen = window.findings.current()
    if answer == "review":  # the first error chosen in the findings list
        assert chosen is asked[0][0] and chosen.severity is Severity.ERROR
        assert window.findings.view.hasFocus() or not window.isActiveWindow()
    else:
        assert chosen is None
    assert not window.state.is_modified()


def test_export_anyway_writes_the_copy(window: MainWindow, tmp_path: Path) -> None:
    saved = _open(window, tmp_path, unbalanced())
    asked, paths = _patched(window, "export")
    assert window.output.export_published()
    assert len(asked) == 1 and paths == [saved.with_name("某街道2024年报（发布稿）.docx")] and paths[0].exists()
    assert "已导出发布稿" in window.statusBar().currentMessage()


def test_no_question_without_errors_or_with_every_error_dismissed(window: MainWindow, tmp_path: Path) -> None:
    r = unbalanced()
    for f in [f for f in run_all(r) if f.severity is Severity.ERROR]:
        dismiss(r, f, "核实无误")
    _open(window, tmp_path, r)
    assert window.state.dismissed and window.state.counts()[0] == 0
    asked, paths = _patched(window, "")
    assert window.output.export_published()
    assert asked == [] and len(paths) == 1 and paths[0].exists()


def test_an_error_typed_just_now_is_counted(window: MainWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.schema import T3_CARRIED_IN
    from tests.ui.conftest import table, type_into

    _open(window, tmp_path, clean_report())
    type_into(qtbot, table(window, "三"), (T3_CARRIED_IN, 0), "9")
    asked, paths = _patched(window, "")
    assert not window.output.export_published()
    assert len(asked) == 1 and asked[0] and paths == []


def test_the_question_defaults_to_review(window: MainWindow, tmp_path: Path) -> None:
    """The real box: its text, its buttons, 查看问题 the default; closing it (Esc) cancels."""
    _open(window, tmp_path, unbalanced())
    seen: list[tuple[str, list[str], str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append((box.text(), [b.text() for b in box.buttons()], box.defaultButton().text()))
        box.reject()

    QTimer.singleShot(0, answer)
    errors = [f for f in window.state.findings if f.severity is Severity.ERROR]
    assert window.output.ask_errors_left(errors) == ""
    ((text, buttons, default),) = seen
    assert text.startswith(f"还有 {len(errors)} 个错误") and text.endswith("仍要导出发布稿吗？")
    assert set(buttons) == {"查看问题(&V)", "仍要导出(&E)", "取消(&C)"} and default == "查看问题(&V)"
