"""文件 → 导出发布稿… on the real window: the .docx for the website, beside the report, without the
editor's data; the report and its own file stay as they were, and the file itself is never the
target."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.io import save_report
from app.reading import load_report
from tests.test_publish import traces, worked_on
from ui.main_window import MainWindow


@pytest.fixture
def opened(window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    saved = tmp_path / "某街道2024年报.docx"
    save_report(worked_on(monkeypatch), saved)
    assert traces(saved), "the report as saved carries the editor's data"
    assert window.docs.load(saved)
    # Its last year's carry-over differs (CROSS-YEAR-CARRYOVER errors): the question asked
    # first is answered 仍要导出 here; tests/ui/test_publish_errors.py tests the question.
    assert window.state.counts()[0]
    window.output.ask_errors_left = lambda errors, title: "export"  # type: ignore[method-assign]
    return saved


def test_the_menu_writes_a_clean_copy_beside_the_report(window: MainWindow, opened: Path) -> None:
    assert window.act_publish in window.file_menu.actions()
    offered: list[Path] = []

    def ask() -> str:
        offered.append(window.output.default_published_path())
        return str(offered[0])

    window.output.ask_published_path = ask  # type: ignore[method-assign]
    before = opened.read_bytes()
    window.act_publish.trigger()
    (out,) = offered
    assert out == opened.with_name("某街道2024年报（发布稿）.docx")
    assert out.exists() and traces(out) == []
    assert load_report(out) == load_report(opened)
    assert opened.read_bytes() == before and window.docs.path == opened, "the report's own file untouched"
    assert not window.state.is_modified() and window.state.report.extras, "the open report keeps its data"
    assert "已导出发布稿" in window.statusBar().currentMessage()
    assert window.errors == []  # type: ignore[attr-defined]


def test_the_reports_own_file_is_never_the_published_copy(window: MainWindow, opened: Path) -> None:
    before = opened.read_bytes()
    for name in (str(opened), str(opened.with_suffix(""))):  # typed with or without .docx
        window.output.ask_published_path = lambda n=name: n  # type: ignore[method-assign,misc]
        assert not window.output.export_published()
    assert opened.read_bytes() == before
    assert len(window.errors) == 2 and "正在编辑的报告文件本身" in window.errors[-1]  # type: ignore[attr-defined]


def test_a_folder_that_cannot_be_written_is_one_message(window: MainWindow, opened: Path, tmp_path: Path) -> None:
    window.output.ask_published_path = lambda: str(tmp_path / "没有这个文件夹" / "发布稿.docx")  # type: ignore[method-assign]
    assert not window.output.export_published()
    assert len(window.errors) == 1 and "发布稿.docx" in window.errors[0]  # type: ignore[attr-defined]
    assert not window.state.is_modified()
