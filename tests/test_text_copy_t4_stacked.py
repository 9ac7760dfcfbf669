"""A text copy of a report's PDF taken out with its layout (`pdftotext -layout`, a viewer's copy
saved as .txt): 表四's result labels stand in columns a character or two wide, so “结/果/维/持” come
a character a line.  表四 was not read (“没有找到表四”) and its header and figure lines were written
into 四's text as paragraphs a save kept (rev25a C25).  The same for 表四 in the compact grid (the
groups as rows, the results as columns) whose group names wrap in the narrow first column (C13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reading import load_report
from app.schema import SECTIONS, TABLES

FIGURES = [1, 2, 0, 1, 4, 2, 3, 0, 3, 8, 3, 4, 0, 5, 12]

# As pdftotext -layout wrote LibreOffice's PDF of a report whose 表四 has the statutory 15 columns.
STACKED = """\
行政复议                       行政诉讼

结   结    其   尚     总       未经复议直接起诉                    复议后起诉
果   果    他   未     计
维   纠    结   审             结   结     其       尚   总     结       结   其     尚        总
持   正    果   结             果   果     他       未   计     果       果   他     未        计
                           维   纠     结       审         维       纠   结     审
                           持   正     果       结         持       正   果     结
"""
# The same with 总计 whole on one line and the groups' results two characters a line.
TWO_A_LINE = """\
行政复议                             行政诉讼
结果  结果  其他  尚未  总计     未经复议直接起诉                        复议后起诉
维持  纠正  结果  审结           结果  结果  其他  尚未  总计       结果  结果  其他  尚未  总计
                         维持  纠正  结果  审结           维持  纠正  结果  审结
"""


def _text(header: str, page_break: bool) -> str:
    figures = "   ".join(map(str, FIGURES))
    parts = ["某县人民政府办公室2023年度政府信息公开工作年度报告", ""]
    for spec in SECTIONS:
        parts += [spec.heading, "", "本年度工作正常开展。", ""]
        if spec.key == "四":
            parts += [header, ("\f" if page_break else "") + figures, ""]
    parts += ["某县人民政府办公室", "", "2024年1月20日", ""]
    return "\n".join(parts)


@pytest.mark.parametrize("header", [STACKED, TWO_A_LINE], ids=["one-a-line", "two-a-line"])
@pytest.mark.parametrize("page_break", [False, True])
def test_t4_with_its_results_stacked_in_narrow_columns_is_read(tmp_path: Path, header: str, page_break: bool) -> None:
    path = tmp_path / "年报.txt"
    path.write_text(_text(header, page_break), encoding="utf-8")
    r = load_report(path)
    cells = sorted((c.row, c.col) for c in TABLES["四"].cells)
    assert [r.tables["四"][pos] for pos in cells] == FIGURES
    assert r.section_text("四") == "本年度工作正常开展。"
    assert not [f.message for f in r.import_findings if "表四" in f.message]


def test_columns_that_make_no_result_are_left_alone(tmp_path: Path) -> None:
    """One column's pieces make “结果维” (a character lost): no header is guessed, and the table
    not read is said as one — its pieces and figures are not written into 四's text as paragraphs
    (“结；结；其；尚；总…”, “1；2；0；1；4…”) that a save would keep."""
    path = tmp_path / "年报.txt"
    path.write_text(_text(STACKED.replace("持   正    果   结", "    正    果   结", 1), False), encoding="utf-8")
    r = load_report(path)
    assert all(v is None for v in r.tables["四"].values())
    assert r.section_text("四") == "本年度工作正常开展。"
    assert [f.message for f in r.import_findings if "不是法定统计表" in f.message] == [
        "文中有一个表格（以“行政复议”开头）不是法定统计表，其中的数字未导入统计表，表格也不随报告保存"]


# The compact grid (groups × results) as pdftotext -layout wrote LibreOffice's PDF of it: the
# group labels wrapped in the first column, the figures on their first line.
COMPACT = """\
项目        结果维持          结果纠正      其他结果        尚未审结           总计

行政复议      1             2         0           1              4

行政诉讼      2             3         0           3              8
（未经复议
直接起诉）

行政诉讼      3             4         0           5              12
（复议后起
诉）
"""


@pytest.mark.parametrize("page_break", [False, True])
def test_t4_in_the_compact_grid_with_wrapped_group_names_is_read(tmp_path: Path, page_break: bool) -> None:
    path = tmp_path / "年报.txt"
    text = _text(COMPACT.replace("行政诉讼      3", "\f行政诉讼      3") if page_break else COMPACT, False)
    path.write_text(text.replace("   ".join(map(str, FIGURES)), ""), encoding="utf-8")
    r = load_report(path)
    cells = sorted((c.row, c.col) for c in TABLES["四"].cells)
    assert [r.tables["四"][pos] for pos in cells] == FIGURES
    assert r.section_text("四") == "本年度工作正常开展。"
