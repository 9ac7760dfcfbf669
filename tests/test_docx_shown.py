"""Where the XML holds something else than Word shows: alternate content is read as Word picks
it (a Choice whose namespaces it understands, else the Fallback), and a positional tab
(w:ptab) between digits is a gap as a tab is — “2”, a ptab, “8” is no silent 28."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.checks import run_all
from app.findings import OTHER_PROGRAM_TEXT, Finding
from app.reading import load_report
from app.report import Report
from app.schema import META, REQUESTS, T3_NEW, CellRef
from tests.thirdparty import figure_as

_MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def _t(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _read(tmp_path: Path, runs: str) -> tuple[object, list[str]]:
    """表三 本年新收 自然人 (37) written as ``runs``: its value and the VALUE-INVALID messages."""
    report = load_report(figure_as(tmp_path, runs))
    return report.tables[REQUESTS][(T3_NEW, 0)], [f.message for f in run_all(report) if f.code == "VALUE-INVALID"]


def _alternate(choices: str, fallback: str = _t("34")) -> str:
    return f"<mc:AlternateContent {_MC} xmlns:zz=\"urn:example:other-program\">{choices}<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>"


@pytest.mark.parametrize(("choices", "shown"), [
    ('<mc:Choice Requires="zz">' + _t("55") + "</mc:Choice>", 34),  # another program's: the Fallback
    ('<mc:Choice Requires="w14 zz">' + _t("55") + "</mc:Choice>", 34),  # one of two unknown is enough
    ('<mc:Choice Requires="nodecl">' + _t("55") + "</mc:Choice>", 34),  # an undeclared prefix
    ('<mc:Choice Requires="zz">' + _t("55") + '</mc:Choice><mc:Choice Requires="w14" '
     'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">' + _t("28") + "</mc:Choice>", 28),
    ('<mc:Choice Requires="w14" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">' + _t("28")
     + "</mc:Choice>", 28),  # Word's own: the Choice, as always
    ('<mc:Choice Requires="w14">' + _t("28") + "</mc:Choice>", 28),  # Word's prefix, left undeclared
])
def test_alternate_content_reads_the_choice_word_shows(tmp_path: Path, choices: str, shown: int) -> None:
    assert _read(tmp_path, _alternate(choices))[0] == shown


def test_alternate_content_without_a_fallback_shows_nothing_word_does_not_know(tmp_path: Path) -> None:
    runs = f'<mc:AlternateContent {_MC} xmlns:zz="urn:x"><mc:Choice Requires="zz">{_t("55")}</mc:Choice></mc:AlternateContent>'
    assert _read(tmp_path, runs + _t("28"))[0] == 28


@pytest.mark.parametrize("tab", ['<w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/>', "<w:tab/>"])
def test_a_positional_tab_between_digits_is_a_gap(tmp_path: Path, tab: str) -> None:
    value, invalid = _read(tmp_path, f"<w:r><w:t>2</w:t>{tab}<w:t>8</w:t></w:r>")
    assert value is None
    assert len(invalid) == 1 and "是一个数还是两个数" in invalid[0], invalid


def test_a_positional_tab_after_a_figure_is_nothing_to_report(tmp_path: Path) -> None:
    """A ptab to align the figure right (what it is for) leaves the figure as it is."""
    value, invalid = _read(tmp_path, '<w:r><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/><w:t>28</w:t></w:r>')
    assert (value, invalid) == (28, [])


_WPS_NS = 'xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData"'


def _other_text(report: Report) -> list[Finding]:
    return [f for f in report.import_findings if (f.code, f.kind) == (OTHER_PROGRAM_TEXT.code, OTHER_PROGRAM_TEXT.kind)]


def test_a_figure_wps_shows_otherwise_is_read_as_word_shows_it_and_said_at_its_cell(tmp_path: Path) -> None:
    """review30 L4: WPS shows its own Choice (55), Word the Fallback (34): 34 is read, and the
    reviewer who opens the file in WPS is told why the program's 34 is not the 55 on screen."""
    runs = (f'<mc:AlternateContent {_MC} {_WPS_NS}><mc:Choice Requires="wpsCustomData">{_t("55")}</mc:Choice>'
            f'<mc:Fallback>{_t("34")}</mc:Fallback></mc:AlternateContent>')
    report = load_report(figure_as(tmp_path, runs))
    assert report.tables[REQUESTS][(T3_NEW, 0)] == 34
    [finding] = _other_text(report)
    assert finding.severity.name_zh == "警告"
    assert finding.location.cells == (CellRef(REQUESTS, T3_NEW, 0),)
    assert finding.message.startswith("WPS 与 Word 显示的内容不同：Word 显示“34”，WPS 显示“55”")


def test_another_programs_choice_is_said_as_another_programs(tmp_path: Path) -> None:
    report = load_report(figure_as(tmp_path, _alternate('<mc:Choice Requires="zz">' + _t("55") + "</mc:Choice>")))
    [finding] = _other_text(report)
    assert "Word 显示“34”，另一程序显示“55”" in finding.message and finding.message.startswith("其他程序")


@pytest.mark.parametrize("choices", [
    '<mc:Choice Requires="zz">' + _t("34") + "</mc:Choice>",  # the same text for both: nothing to tell
    '<mc:Choice Requires="w14" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">' + _t("34")
    + "</mc:Choice>",  # Word's own Choice taken, the Fallback is no other program's
])
def test_alternate_content_showing_the_same_everywhere_is_no_news(tmp_path: Path, choices: str) -> None:
    report = load_report(figure_as(tmp_path, _alternate(choices)))
    assert report.tables[REQUESTS][(T3_NEW, 0)] == 34
    assert _other_text(report) == []


def test_a_title_wps_shows_otherwise_is_said(tmp_path: Path) -> None:
    """A paragraph before the first heading (the title's place) whose WPS text is another year."""
    title = (f'<w:p><mc:AlternateContent {_MC} {_WPS_NS}><mc:Choice Requires="wpsCustomData">'
             f'{_t("某局2022年政府信息公开工作年度报告")}</mc:Choice><mc:Fallback>{_t("某局2023年政府信息公开工作年度报告")}'
             f'</mc:Fallback></mc:AlternateContent></w:p>')
    report = load_report(figure_as(tmp_path, _t("37"), body_edit=title))
    [finding] = _other_text(report)
    assert finding.location.section == META
    assert "WPS 显示“某局2022年政府信息公开工作年度报告”" in finding.message
