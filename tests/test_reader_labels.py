"""Table labels edited by their authors (app/docx/tables.py, app/labels.py): the figure still
lands in its statutory cell and LABEL-EDITED names the label as written and the statutory one.
Third-party-style .docx files with the label replaced as published reports replace them."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reading import load_report
from app.schema import (
    T2_IN_FORCE,
    T2_ISSUED,
    T2_REPEALED,
    T2_ROW,
    T2_RULES,
    T3_CARRIED_IN,
    T3_CARRIED_OUT,
    T3_COL_BUSINESS,
    T3_COL_NATURAL,
    T3_COL_TOTAL,
    T3_COL_WELFARE,
    T3_NEW,
    T3_ROW,
    T4_COL,
    T4_CORRECTED,
    T4_DIRECT_SUIT,
    T4_GROUP_TOTAL,
    T4_PENDING,
    T4_REVIEW_GROUP,
    T4_ROW,
    T4_SUIT_AFTER_REVIEW,
    TABLE3,
)
from tests.thirdparty import Spec, build

T3 = {label: i for i, label in enumerate(TABLE3.row_labels)}
NEW, PART, TOTAL = T3["一、本年新收政府信息公开申请数量"], 3, T3["（七）总计"]

# (table, statutory label, as written, the cell that must receive the figure)
EDITS = [
    ("三", "一、本年新收政府信息公开申请数量", "本年新收申请数量", (NEW, 0)),
    ("三", "一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数", (NEW, 0)),
    ("三", "一、本年新收政府信息公开申请数量", "一、2023年新收政府信息公开申请数量", (NEW, 0)),
    ("三", "二、上年结转政府信息公开申请数量", "二、上年结转申请数量", (T3_CARRIED_IN, T3_COL_NATURAL)),
    ("三", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开", (PART, 0)),
    ("三", "3.危及“三安全一稳定”", "3.危及三安全一稳定", (T3_ROW["3.危及“三安全一稳定”"], T3_COL_NATURAL)),
    ("三", "1.本机关不掌握相关政府信息", "1.本机关不掌握相关信息", (T3_ROW["1.本机关不掌握相关政府信息"], T3_COL_NATURAL)),
    ("三", "5.要求行政机关确认或重新出具已获取信息", "5.要求行政机关确认或者重新出具已获取信息", (T3_ROW["5.要求行政机关确认或重新出具已获取信息"], T3_COL_NATURAL)),
    ("三", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
     "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请", (T3_ROW["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"], T3_COL_NATURAL)),
    ("三", "（七）总计", "（七）合计", (TOTAL, 0)),
    ("三", "四、结转下年度继续办理", "四、结转下年度办理", (T3_CARRIED_OUT, T3_COL_NATURAL)),
    ("三", "3.其他", "3.其它", (T3_ROW["3.其他"], T3_COL_NATURAL)),
    ("三", "法人或其他组织", "法人或者其他组织", (T3_NEW, T3_COL_BUSINESS)),
    ("三", "总计", "合计", (T3_NEW, T3_COL_TOTAL)),
    ("三", "社会公益组织", "公益组织", (T3_NEW, T3_COL_WELFARE)),
    ("三", "自然人", "公民", (T3_NEW, T3_COL_NATURAL)),
    ("二", "行政规范性文件", "其他规范性文件", (T2_ROW["行政规范性文件"], 0)),
    ("二", "行政规范性文件", "规范性文件", (T2_ROW["行政规范性文件"], 2)),
    ("二", "本年制发件数", "本年制法件数", (T2_RULES, T2_ISSUED)),
    ("二", "现行有效件数", "现行有效数", (T2_RULES, T2_IN_FORCE)),
    ("二", "本年收费金额（单位：万元）", "本年收费金额（万元）", (T2_ROW["行政事业性收费"], 0)),
    ("二", "行政事业性收费", "行政事业收费", (T2_ROW["行政事业性收费"], 0)),
    ("二", "第二十条第（一）项", "第二十条第（一）款", (T2_RULES, T2_ISSUED)),
    ("二", "信息内容", "信息类别", (T2_RULES, T2_REPEALED)),
    ("四", "结果纠正", "结果更正", (T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_CORRECTED])),
    ("四", "未经复议直接起诉", "未经复议直接提起诉讼", (T4_ROW, T4_COL[T4_DIRECT_SUIT, T4_CORRECTED])),
    ("四", "复议后起诉", "经复议后起诉", (T4_ROW, T4_COL[T4_SUIT_AFTER_REVIEW, T4_PENDING])),
    ("四", "总计", "合计", (T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_GROUP_TOTAL])),
]


@pytest.mark.parametrize(("table", "statutory", "written", "cell"), EDITS, ids=[e[2] for e in EDITS])
def test_an_edited_label_keeps_the_figure_in_its_cell(
    tmp_path: Path, table: str, statutory: str, written: str, cell: tuple[int, int]
) -> None:
    figures = {cell: "7"}
    spec = Spec(relabel={statutory: written}, t2=figures if table == "二" else {},
                t3=figures if table == "三" else {}, t4={cell[1]: "7"} if table == "四" else {})
    r = load_report(build(spec, tmp_path / "l.docx"))
    assert r.tables[table][cell] == 7
    notes = [f.message for f in r.import_findings if f.code == "LABEL-EDITED" and f"表{table}" in f.message]
    assert any(f"“{written}”" in m and f"“{statutory}”" in m for m in notes), notes
    assert len(notes) == len(set(notes)) and len(notes) <= 2, notes  # once, not once per group or part
    assert not [f for f in r.import_findings if f.code == "LABEL-EDITED" and f.severity.name == "ERROR"]


@pytest.mark.parametrize("label", ["小计", "甲乙丙丁", "备注"])
def test_a_row_that_is_no_statutory_row_is_not_placed_by_position(tmp_path: Path, label: str) -> None:
    r = load_report(build(Spec(relabel={"3.其他": label}, t3={(T3_ROW["3.其他"], T3_COL_NATURAL): "5"}), tmp_path / "u.docx"))
    assert r.tables["三"][(T3_ROW["3.其他"], T3_COL_NATURAL)] is None
    assert any(label in f.message and "未导入" in f.message for f in r.import_findings)


def test_an_unedited_file_has_no_label_notes(tmp_path: Path) -> None:
    spec = Spec(t3={(T3_NEW, T3_COL_NATURAL): "1", (T3_NEW, T3_COL_TOTAL): "1"}, t2_as_four=True, split_t3_at=12)
    r = load_report(build(spec, tmp_path / "plain.docx"))
    assert not [f for f in r.import_findings if f.code == "LABEL-EDITED"]
