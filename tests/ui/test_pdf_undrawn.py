"""Characters no installed font draws are said, in one line naming them and where they stand,
wherever the report goes out: 导出PDF and `export --to X.pdf`, 打印 (before the print dialog),
the .docx of `export --to X.docx` and 导出发布稿.  The output is made all the same (a warning,
not a refusal); a report in common characters says nothing.  A supplementary private-use
character (a 自造字) is one no font here has."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app import cli
from app.cli import one_line
from app.io import save_report
from app.reading import load_report
from app.report import Paragraph
from app.schema import OVERVIEW
from tests.conftest import DATA
from tests.ui.test_pdf_export import ended
from ui.main_window import MainWindow
from ui.print_fonts import undrawable
from ui.print_pdf import export_pdf

RARE = "\U000f0001"
PLACE = f"一、总体情况第2段的“{RARE}”"


@pytest.fixture
def rare_docx(tmp_path: Path) -> Path:
    report = load_report(DATA / "xiaogang-2021.docx")
    report.sections[OVERVIEW].insert(1, Paragraph.plain(f"联系人王{RARE}，共收到申请12件。"))
    path = tmp_path / "rare.docx"
    save_report(report, path)
    return path


def test_the_character_no_font_has_is_found_and_drawn_ones_are_not(qapp: object) -> None:
    assert undrawable(f"政府{RARE}é龙〇") == {RARE}
    assert undrawable("") == set()


def test_export_pdf_returns_the_line_and_writes_the_pdf_all_the_same(rare_docx: Path, tmp_path: Path,
                                                                      qapp: object) -> None:
    out = tmp_path / "r.pdf"
    said = export_pdf(load_report(rare_docx), out)
    assert said is not None and PLACE in said and said.startswith(f"本机没有字体能显示“{RARE}”（U+F0001），PDF 中")
    assert RARE in load_report(out).sections[OVERVIEW][1].text  # the text is kept: only the page shows a box
    assert export_pdf(load_report(DATA / "xiaogang-2021.docx"), tmp_path / "plain.pdf") is None


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_the_command_line_warns_on_stderr_and_exits_0(rare_docx: Path, tmp_path: Path, suffix: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"out{suffix}"
    assert cli.main(["export", str(rare_docx), "--to", str(out)]) == 0
    got = capsys.readouterr()
    assert out.exists() and got.out.strip() == f"已导出：{out}"
    lines = got.err.strip().splitlines()  # a character not printable is written escaped (one_line)
    start = one_line(f"警告：{out}：本机没有字体能显示“{RARE}”（U+F0001），")
    assert len(lines) == 1 and lines[0].startswith(start) and one_line(PLACE) in lines[0]
    if suffix == ".docx":
        assert "Word/WPS" in lines[0]
    plain = tmp_path / f"plain{suffix}"
    assert cli.main(["export", str(DATA / "xiaogang-2021.docx"), "--to", str(plain)]) == 0
    assert capsys.readouterr().err == ""


def test_the_editor_says_it_after_exporting_the_pdf(window: MainWindow, qtbot: QtBot, rare_docx: Path,
                                                    tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert window.docs.load(rare_docx)
    monkeypatch.setattr(window.output, "ask_pdf_path", lambda: str(tmp_path / "年报.pdf"))
    assert window.output.export_pdf()
    ended(window, qtbot)
    assert (tmp_path / "年报.pdf").exists() and not window.errors
    assert len(window.warnings) == 1 and PLACE in window.warnings[0]  # type: ignore[attr-defined]
    assert window.statusBar().currentMessage() == window.warnings[0]  # type: ignore[attr-defined]


def test_printing_says_it_before_the_print_dialog_and_prints_all_the_same(
        window: MainWindow, rare_docx: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.printing as printing

    assert window.docs.load(rare_docx)
    asked: list[int] = []
    monkeypatch.setattr(printing, "print_report", lambda parent, report, file=None: asked.append(len(window.warnings)) or True)  # type: ignore[attr-defined]
    assert window.output.print_report()
    assert asked == [1]  # said before the dialog opened
    line = window.warnings[0]  # type: ignore[attr-defined]
    assert PLACE in line and "打印出来的报告中" in line and "文件中仍是" not in line


def test_a_report_in_common_characters_prints_without_a_word(window: MainWindow,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.printing as printing

    assert window.docs.load(DATA / "xiaogang-2021.docx")
    monkeypatch.setattr(printing, "print_report", lambda parent, report, file=None: True)
    assert window.output.print_report()
    assert window.warnings == []  # type: ignore[attr-defined]


def test_the_published_docx_says_it(window: MainWindow, rare_docx: Path, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    assert window.docs.load(rare_docx)
    monkeypatch.setattr(window.output, "ask_published_path", lambda: str(tmp_path / "发布稿.docx"))
    monkeypatch.setattr(window.output, "ask_errors_left", lambda errors, title: "export")
    assert window.output.export_published()
    assert (tmp_path / "发布稿.docx").exists()
    assert len(window.warnings) == 1 and PLACE in window.warnings[0] and "Word/WPS" in window.warnings[0]  # type: ignore[attr-defined]
