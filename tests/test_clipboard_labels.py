"""A block copied with its row labels (last year's 表三 from Excel, labels and all) is pasted by
its labels (app/clipboard.py ``labelled``): it was refused whole as “…不是数字” (rev24c P1).
A row is placed only where its label says; a label the table has not refuses the block."""

from __future__ import annotations

import pytest

from app.clipboard import BlockRefused, plan_paste, split_block
from app.schema import T3_ROW, TABLE3

NEW, CARRIED = "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"
SECRET = "1.属于国家秘密"
SEVEN = ["12", "3", "0", "1", "0", "0"]  # 自然人 … 其他 (the 总计 column is a total)


def _tsv(rows: list[list[str]]) -> list[list[str]]:
    return split_block("".join("\t".join(r) + "\r\n" for r in rows))  # as Excel puts it


def test_one_label_column_places_each_row_at_its_label() -> None:
    block = _tsv([[NEW, *SEVEN, "16"], [CARRIED, "1", "", "", "", "", "", "1"]])
    plan = plan_paste(TABLE3, (0, 0), block)
    got = dict(plan.edits)
    assert got[(T3_ROW[NEW], 0)] == 12 and got[(T3_ROW[NEW], 1)] == 3
    assert got[(T3_ROW[CARRIED], 0)] == 1
    assert "行标签1列" in plan.note


def test_the_labels_of_nested_rows_with_merged_cells_left_empty_and_a_heading_row() -> None:
    block = _tsv([
        ["", "", "", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
        ["三、本年度办理结果", "（三）不予公开", SECRET, "2", "0", "0", "0", "0", "0", "2"],
        ["", "", "2.其他法律行政法规禁止公开", "0", "1", "0", "0", "0", "0", "1"],
    ])
    plan = plan_paste(TABLE3, (7, 0), block)  # the chosen row does not matter: the labels do
    got = dict(plan.edits)
    assert got[(T3_ROW[SECRET], 0)] == 2 and got[(T3_ROW["2.其他法律行政法规禁止公开"], 1)] == 1
    assert "行标签3列" in plan.note and "表头1行" in plan.note


def test_a_label_this_table_has_not_refuses_the_block_and_says_what_to_do() -> None:
    block = _tsv([[NEW, *SEVEN, "16"], ["行政许可", "5", "", "", "", "", "", "5"]])
    with pytest.raises(BlockRefused) as refused:
        plan_paste(TABLE3, (0, 0), block)
    assert "粘贴内容第2行“行政许可”不是表三的行" in str(refused.value) and "只复制数字" in str(refused.value)


def test_figures_alone_are_placed_from_the_chosen_cell_as_before() -> None:
    plan = plan_paste(TABLE3, (1, 0), _tsv([SEVEN]))
    assert dict(plan.edits)[(1, 0)] == 12 and plan.note == ""
    with pytest.raises(BlockRefused, match="不是数字"):  # words among the figures are no labels
        plan_paste(TABLE3, (1, 0), _tsv([["12", "自然人", "0"]]))
    with pytest.raises(BlockRefused, match="不是数字"):  # nor is ASCII text before them
        plan_paste(TABLE3, (1, 0), _tsv([["abc", "12"]]))
