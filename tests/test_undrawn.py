"""Characters a font might lack, and the one line that says where they stand (app/undrawn.py):
pure, the fonts given as data (which characters no font draws) as the printing side finds them."""

from __future__ import annotations

import datetime as dt

from app.reading import load_report
from app.report import Paragraph, Report
from app.schema import OVERVIEW, PREAMBLE, T3_CARRIED_IN, T3_COL_NATURAL, TABLES, CellRef
from app.undrawn import candidates, places, warning
from tests.conftest import DATA

RARE = "\U000f0001"  # supplementary private use: a 自造字 no font here has
EXT_B = "𠀀"


def _report() -> Report:
    report = load_report(DATA / "xiaogang-2021.docx")
    report.organ = f"{EXT_B}街道办事处"
    report.sections[OVERVIEW].insert(1, Paragraph.plain(f"联系人王{RARE}，电话\t0574-123。"))
    report.sections[PREAMBLE] = [Paragraph.plain("前言一段。"), Paragraph.plain(f"又有{RARE}与{EXT_B}。")]
    ref = CellRef("三", T3_CARRIED_IN, T3_COL_NATURAL)
    report.tables["三"][(ref.row, ref.col)] = None
    report.raw[ref] = f"约{RARE}件"
    return report


def test_a_report_in_common_characters_asks_about_none() -> None:
    """The published sample: every character in GB 2312 or ASCII, nothing to lay out."""
    assert candidates(load_report(DATA / "xiaogang-2021.docx")) == ""


def test_the_rare_characters_are_asked_about_once_and_spaces_and_marks_never() -> None:
    report = _report()
    report.sections[OVERVIEW].append(Paragraph.plain("全角\u3000空格、不换行\u00a0空格、零宽\u200d连接、拼音é、波兰ą。"))
    assert sorted(candidates(report)) == sorted({RARE, EXT_B, "ą"})  # é is in GB 2312


def test_each_place_is_named_as_the_findings_name_it_in_reading_order() -> None:
    report = _report()
    cell = TABLES["三"].describe(T3_CARRIED_IN, T3_COL_NATURAL)
    assert places(report, {RARE}) == [("前言第2段", [RARE]), ("一、总体情况第2段", [RARE]), (cell, [RARE])]
    assert places(report, {EXT_B, RARE})[:2] == [("基本信息（机关名称）", [EXT_B]), ("前言第2段", [RARE, EXT_B])]


def test_the_line_names_characters_and_places_and_counts_the_rest() -> None:
    report = _report()
    line = warning(report, {RARE, EXT_B}, "PDF 中", "请安装字体后重新导出")
    assert line is not None and "\n" not in line
    assert line.startswith(f"本机没有字体能显示“{EXT_B}{RARE}”（U+20000、U+F0001），PDF 中这些字会显示为方框（文件中仍是这些字")
    assert f"基本信息（机关名称）的“{EXT_B}”、前言第2段的“{RARE}{EXT_B}”、一、总体情况第2段的“{RARE}”等4处" in line
    assert line.endswith("；请安装字体后重新导出")
    printed = warning(report, {RARE}, "打印出来的报告中", "请安装字体后重新打印", kept=False)
    assert printed is not None and "文件中仍是" not in printed and "等" not in printed


def test_many_characters_are_counted_past_six() -> None:
    many = "".join(chr(0xF0010 + i) for i in range(9))
    report = Report(organ="某局", year=2024, date=dt.date(2025, 1, 20))
    report.sections[OVERVIEW] = [Paragraph.plain(many)]
    line = warning(report, set(many), "PDF 中", "")
    assert line is not None and f"“{many[:6]}”等9个字（U+F0010、U+F0011、U+F0012、U+F0013、U+F0014、U+F0015…）" in line


def test_nothing_missing_or_missing_nowhere_says_nothing() -> None:
    report = _report()
    assert warning(report, set(), "PDF 中", "") is None
    assert warning(report, {"\U000f0fff"}, "PDF 中", "") is None
