"""An entry refused (成文日期 “2024年2月30日” in red, “12a” in a grid's red frame) is on screen but
not in the report: 导出发布稿, 导出PDF, 打印 and 打印预览 ask before making an output that carries
the old value (the 发布稿 goes on the website with the old date otherwise, nothing said).
返回改正 (the default) makes nothing and goes back to the entry; 仍要导出 makes it as before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

import ui.printing as printing
from app.reading import load_report
from app.schema import T3_COL_NATURAL, T3_NEW, CellRef
from tests.ui.conftest import table, type_into, type_text
from ui.main_window import MainWindow

TYPED = CellRef("三", T3_NEW, T3_COL_NATURAL)


def refuse_a_date(window: MainWindow) -> None:
    """2024年1月10日 entered, then 2024年2月30日 typed over it and refused."""
    page = window.show_page("基本信息")
    for text in ("2024年1月10日", "2024年2月30日"):
        page.date.line.setFocus()
        page.date.line.selectAll()
        type_text(page.date.line, text)
        QTest.keyClick(page.date.line, Qt.Key.Key_Return)
    assert page.date.invalid() and window.state.report.date == dt.date(2024, 1, 10)


def answering(window: MainWindow, answer: bool) -> list[tuple[str, str, str]]:
    asked: list[tuple[str, str, str]] = []
    window.output.ask_refused = lambda title, text, go: asked.append((title, text, go)) or answer  # type: ignore[method-assign]
    return asked


def paths(window: MainWindow, tmp_path: Path) -> tuple[Path, Path]:
    published, pdf = tmp_path / "发布稿.docx", tmp_path / "年报.pdf"
    window.output.ask_published_path = lambda: str(published)  # type: ignore[method-assign]
    window.output.ask_pdf_path = lambda: str(pdf)  # type: ignore[method-assign]
    window.output.ask_errors_left = lambda errors, title: "export"  # type: ignore[method-assign]
    return published, pdf


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    monkeypatch.setattr(printing, "print_preview", lambda parent, report: calls.append("preview"))
    monkeypatch.setattr(printing, "print_report", lambda parent, report, file=None: calls.append("print") or True)
    return calls


def test_going_back_makes_no_output_and_shows_the_date(window: MainWindow, qtbot, tmp_path: Path, printed: list[str]) -> None:  # type: ignore[no-untyped-def]
    refuse_a_date(window)
    published, pdf = paths(window, tmp_path)
    asked = answering(window, False)
    window.show_page("一")
    assert not window.output.export_published()
    assert not window.output.export_pdf()
    assert not window.output.print_report()
    window.output.preview()
    assert [(title, go) for title, _, go in asked] == [
        ("导出发布稿", "仍要导出"), ("导出PDF", "仍要导出"), ("打印", "仍要打印"), ("打印预览", "仍要预览")]
    text = asked[0][1]
    assert "“2024年2月30日”" in text and "成文日期仍为2024年1月10日" in text
    assert not published.exists() and not pdf.exists() and window.output.exporting is None and printed == []
    assert window.current_key() == "基本信息"
    assert QApplication.focusWidget() is window.show_page("基本信息").date.line or not window.isActiveWindow()
    assert window.show_page("基本信息").date.invalid(), "the text refused stays to be corrected"


def test_going_on_makes_the_output_with_the_reports_date(window: MainWindow, qtbot, tmp_path: Path, printed: list[str]) -> None:  # type: ignore[no-untyped-def]
    refuse_a_date(window)
    published, pdf = paths(window, tmp_path)
    asked = answering(window, True)
    assert window.output.export_published()
    assert load_report(published).date == dt.date(2024, 1, 10)
    assert window.output.export_pdf()
    qtbot.waitUntil(lambda: window.output.exporting is None, timeout=60000)
    assert pdf.stat().st_size > 0
    assert window.output.print_report()
    window.output.preview()
    assert len(asked) == 4 and printed == ["print", "preview"]


def test_a_cells_refused_entry_is_asked_and_going_back_selects_it(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view = table(window, "三")
    type_into(qtbot, view, (TYPED.row, TYPED.col), "12a")
    published, _ = paths(window, tmp_path)
    asked = answering(window, False)
    window.show_page("一")
    assert not window.output.export_published() and not published.exists()
    assert len(asked) == 1 and "表三" in asked[0][1] and "“12a”" in asked[0][1]
    assert window.current_key() == "三" and view.grid_model().ref(view.currentIndex()) == TYPED


def test_nothing_refused_nothing_asked(window: MainWindow, qtbot, tmp_path: Path, printed: list[str]) -> None:  # type: ignore[no-untyped-def]
    published, _ = paths(window, tmp_path)
    asked = answering(window, False)
    assert window.output.export_published() and published.exists()
    assert window.output.print_report() and asked == []


def test_the_question_says_what_the_output_will_hold(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from ui import filedialogs, questions

    seen: list[tuple[str, list[str], int]] = []
    monkeypatch.setattr(filedialogs, "choose", lambda parent, icon, title, text, buttons, default, escape:
                        seen.append((text, [b for b, _ in buttons], default)) or default)
    text = questions.output_refused([], [("成文日期", "2024年2月30日")], "")
    assert "输出的文件中没有成文日期。" in text and "成文日期没有" not in text, text  # said once (user33)
    assert not questions.ask_output_refused(None, "导出PDF", text, "仍要导出"), "the default goes back"
    assert seen[0][1] == ["返回改正(&R)", "仍要导出(&E)"] and seen[0][2] == 0
    both = questions.output_refused([(TYPED, "12a")], [("成文日期", "x")], "2024年1月10日")
    assert "表三" in both and "“12a”" in both and "输出的文件中成文日期仍为2024年1月10日" in both
