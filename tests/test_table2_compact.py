"""表二 in the compact layouts offices type (rev25a C24): one header row over every group's columns
(信息内容｜本年制发件数｜本年废止件数｜现行有效件数｜本年处理决定数量), a list 类别｜项目｜数量, and a list
项目｜数量 whose names run the row's and the column's together.  Each figure is read into the cell
its words name.  Before: the list gave 规章's 本年废止件数 the 制发 figure (3 for 1: wrong, unsaid),
and the one-header layout read 行政许可…收费 blank."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from app.reading import load_report
from tests.thirdparty import Spec, build, replace_table

WANT = {(0, 0): 3, (0, 1): 1, (0, 2): 21, (1, 0): 5, (1, 1): 2, (1, 2): 33, (2, 0): 1234, (3, 0): 56, (4, 0): 7,
        (5, 0): Decimal("12.5")}
FEE = "本年收费金额（单位：万元）"
LAYOUTS = {
    "one_header": [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量"],
                   ["规章", "3", "1", "21", ""], ["行政规范性文件", "5", "2", "33", ""],
                   ["行政许可", "", "", "", "1234"], ["行政处罚", "", "", "", "56"], ["行政强制", "", "", "", "7"],
                   ["行政事业性收费", "", "", "", "12.5"]],
    "category_item_count": [["类别", "项目", "数量"], ["规章", "本年制发件数", "3"], ["规章", "本年废止件数", "1"],
                            ["规章", "现行有效件数", "21"], ["行政规范性文件", "本年制发件数", "5"],
                            ["行政规范性文件", "本年废止件数", "2"], ["行政规范性文件", "现行有效件数", "33"],
                            ["行政许可", "本年处理决定数量", "1234"], ["行政处罚", "本年处理决定数量", "56"],
                            ["行政强制", "本年处理决定数量", "7"], ["行政事业性收费", FEE, "12.5"]],
    "item_count": [["项目", "数量"], ["规章本年制发件数", "3"], ["规章本年废止件数", "1"], ["规章现行有效件数", "21"],
                   ["行政规范性文件本年制发件数", "5"], ["行政规范性文件本年废止件数", "2"],
                   ["行政规范性文件现行有效件数", "33"], ["行政许可本年处理决定数量", "1234"],
                   ["行政处罚本年处理决定数量", "56"], ["行政强制本年处理决定数量", "7"], [f"行政事业性收费{FEE}", "12.5"]],
}


def _read(tmp_path: Path, rows: list[list[str]]):  # type: ignore[no-untyped-def]
    path = build(Spec(), tmp_path / "t2.docx")
    replace_table(path, "信息内容", rows)
    return load_report(path)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_compact_table_two_read_by_its_words(tmp_path: Path, layout: str) -> None:
    r = _read(tmp_path, LAYOUTS[layout])
    got = {k: r.tables["二"].get(k) for k in WANT}
    assert got == WANT
    assert not [f.message for f in r.import_findings if f.severity.name == "ERROR" and "表二" in f.message]


@pytest.mark.parametrize("layout", ["category_item_count", "item_count"])
def test_a_fee_in_yuan_named_in_the_row_is_converted(tmp_path: Path, layout: str) -> None:
    """The row's words state the fee's unit: 125000 元 is 12.5 万元, never 125000 万元."""
    rows = [[t.replace("万元", "元") for t in row[:-1]] + [row[-1]] for row in LAYOUTS[layout]]
    rows[-1][-1] = "125000"
    r = _read(tmp_path, rows)
    assert r.tables["二"].get((5, 0)) == Decimal("12.5")
    assert any("换算" in f.message for f in r.import_findings)


def test_a_row_naming_no_column_is_still_said(tmp_path: Path) -> None:
    rows = [list(x) for x in LAYOUTS["category_item_count"]]
    rows[2] = ["规章", "本年改动件数", "1"]
    r = _read(tmp_path, rows)
    assert r.tables["二"].get((0, 1)) is None  # not read by position, as the column after 规章's name
    assert r.tables["二"].get((0, 0)) == 3
    assert any("规章本年改动件数" in f.message and "未导入" in f.message for f in r.import_findings)
