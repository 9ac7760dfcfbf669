"""A statement about a part is no statement about the whole (rev23 H4, H5): “其余均已办结” beside the
2 pending, “5件…申请均已办结”, 自然人/商业企业/互联网 applications, “未发生行政复议被纠错”, a 处罚决定
after 其中, 复议决定书 published, 行政许可申请…办结480件 — each was an ERROR against the table's total.
The same sentences about the whole with a wrong figure are still said."""

from __future__ import annotations

import pytest

from app.checks import run_all
from app.findings import TEXT_TABLE_MISMATCH
from app.report import Paragraph, Report
from app.schema import (
    PROACTIVE,
    REQUESTS,
    REVIEWS,
    T2_ONLY_COL,
    T2_ROW,
    T3_CARRIED_IN,
    T3_CARRIED_OUT,
    T3_COL_NATURAL,
    T3_DISCLOSED,
    T3_NEW,
    T3_RESULT_KINDS,
    T4_COL,
    T4_REVIEW,
    T4_ROW,
    CellRef,
)
from tests.test_dismissals import clean_report

LEGAL = T3_COL_NATURAL + 1  # 商业企业, the first column of 法人或其他组织


def report(sentence: str) -> Report:
    """Balanced tables: 新收 10 (自然人) + 2 (商业企业), 上年结转 3, 予以公开 11, 部分公开 2, 结转下年度 2; 表四 复议 2
    (维持); 表二 行政处罚 30, 行政许可 1200."""
    r = clean_report()
    r.set_value(CellRef(REQUESTS, T3_NEW, T3_COL_NATURAL), 10)
    r.set_value(CellRef(REQUESTS, T3_NEW, LEGAL), 2)
    r.set_value(CellRef(REQUESTS, T3_CARRIED_IN, T3_COL_NATURAL), 3)
    r.set_value(CellRef(REQUESTS, T3_DISCLOSED, T3_COL_NATURAL), 9)
    r.set_value(CellRef(REQUESTS, T3_DISCLOSED, LEGAL), 2)
    r.set_value(CellRef(REQUESTS, T3_RESULT_KINDS["部分公开"][0], T3_COL_NATURAL), 2)
    r.set_value(CellRef(REQUESTS, T3_CARRIED_OUT, T3_COL_NATURAL), 2)
    r.recompute(REQUESTS)
    r.set_value(CellRef(REVIEWS, T4_ROW, T4_COL[(T4_REVIEW, "结果维持")]), 2)
    r.recompute(REVIEWS)
    r.set_value(CellRef(PROACTIVE, T2_ROW["行政处罚"], T2_ONLY_COL), 30)
    r.set_value(CellRef(PROACTIVE, T2_ROW["行政许可"], T2_ONLY_COL), 1200)
    r.sections["一"] = [Paragraph.plain(sentence)]
    return r


def mismatches(sentence: str) -> list[str]:
    return [f.message for f in run_all(report(sentence)) if f.code == TEXT_TABLE_MISMATCH.code]


def test_the_tables_are_balanced() -> None:
    assert [f.code for f in run_all(report("")) if f.severity.name == "ERROR"] == []


PARTS = [
    # all done: of a few, or beside the pending ones it names; on time
    "收到政府信息公开申请12件，结转下年度继续办理2件，其余均已办结。",
    "本年度收到的政府信息公开申请，除2件结转下年度外，均已办结。",
    "上年结转的3件政府信息公开申请已全部办结。",
    "涉及征地拆迁的5件政府信息公开申请均已办结。",
    "对符合条件的政府信息公开申请，均已按时答复。",
    "受理群众来信来访申请20件，均已办结。",
    # an applicant kind or a channel
    "收到自然人政府信息公开申请10件，法人或其他组织申请2件。",
    "收到商业企业政府信息公开申请2件。",
    "通过互联网收到政府信息公开申请8件，当面申请4件。",
    # none of an outcome or another matter
    "全年未收到政府信息公开申请方面的投诉举报。",
    "全年未发生行政复议被纠错、行政诉讼败诉的情况。",
    "因政府信息公开被申请行政复议2件，均维持原行政行为，未发生行政复议被纠错的情况。",
    # a part after 其中; cases not about 信息公开
    "依法公开行政处罚决定30件，其中交通运输类行政处罚决定12件。",
    "公开行政许可决定1200件，其中涉企行政许可决定800件。",
    "在门户网站公开行政复议决定书5件。",
    "本机关作为行政复议机关，全年收到行政复议申请15件，均依法公开办理结果。",
    "主动公开行政复议、行政诉讼案件办理情况，全年办理行政复议案件8件。",
    # other business beside 申请
    "全年受理行政许可申请500件，办结480件，办结率96%。",
    "政务服务中心全年受理各类申请3000件，办结2950件。",
    "12345热线转办申请类工单80件，答复80件。",
    # a result that says what it includes
    "予以公开13件（含部分公开2件）。",
    "予以公开11件，部分公开2件。",
    "全年办结政府信息公开申请13件。",
]


@pytest.mark.parametrize("sentence", PARTS)
def test_a_part_is_no_statement_about_the_whole(sentence: str) -> None:
    assert mismatches(sentence) == []


WHOLE = [
    ("全年收到的政府信息公开申请均已办结。", "结转"),
    ("收到政府信息公开申请12件，均已按时办结。", "结转"),
    ("本年度收到政府信息公开申请13件。", "13"),
    ("收到政府信息公开申请13件，其中自然人申请10件。", "13"),
    ("本年度未发生因政府信息公开被申请行政复议的情况。", "行政复议"),
    ("因政府信息公开被申请行政复议3件。", "3"),
    ("依法公开行政处罚决定31件，其中交通运输类行政处罚决定12件。", "31"),
    ("全年共收到政府信息公开申请12件，办结16件。", "16"),
    ("共办结申请十件。", "（七）总计"),
    # a list of channels or every kind of applicant closed by 等: the whole (rev23 L11)
    ("通过当面、信函、网络等各种渠道收到政府信息公开申请13件。", "13"),
    ("通过网上、当面等方式收到政府信息公开申请13件。", "13"),
    ("予以公开14件（含部分公开2件）。", "14"),
    ("依申请公开方面，全年办结政府信息公开申请20件。", "20"),
]


@pytest.mark.parametrize(("sentence", "words"), WHOLE)
def test_the_whole_stated_wrong_is_still_said(sentence: str, words: str) -> None:
    (message,) = mismatches(sentence)
    assert words in message
