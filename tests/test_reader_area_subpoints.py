"""五 reviewing its problems area by area, under sub-heads that use the sections' words
(“一、总体情况方面”, “二、主动公开政府信息情况存在的问题”, “1.主动公开政府信息情况方面存在不足”):
the sub-heads and their text are 五's (rev24a H6's second trigger, L13).  Before, they were taken
for headings 一/二/三 again: the body judged “pasted twice” from there — 五's text, 六 and the 成文日期
dropped — or 五's text moved into 二/三 and 五 left empty.  A body really pasted twice, and a
section out of order, are still read as before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.reading import load_report
from tests.thirdparty import Spec, build

AREAS = {
    "方面": ["一、总体情况方面", "重视不够。", "二、主动公开政府信息情况方面", "栏目更新不及时。",
             "三、收到和处理政府信息公开申请情况方面", "答复不够规范。"],
    "存在的问题": ["二、主动公开政府信息情况存在的问题", "栏目更新不及时。",
                   "三、收到和处理政府信息公开申请情况存在的问题", "答复不够规范。"],
    "arabic": ["1.主动公开政府信息情况方面存在不足", "栏目更新不及时。",
               "2.收到和处理政府信息公开申请情况方面", "答复不够规范。"],
}


@pytest.mark.parametrize("layout", AREAS)
def test_area_sub_heads_in_five_stay_in_five(tmp_path: Path, layout: str) -> None:
    lines = AREAS[layout]
    r = load_report(build(Spec(text={"五": lines, "六": ["无其他需要报告的事项。"]}), tmp_path / "five.docx"))
    assert r.section_text("五") == "\n".join(lines)
    assert r.section_text("六") == "无其他需要报告的事项。" and r.date == dt.date(2024, 1, 20)
    assert r.section_text("二") == r.section_text("三") == ""
    assert not [f for f in r.import_findings if f.code in ("DUP-PARAGRAPH", "LABEL-EDITED") and "五" not in f.location.section], \
        r.import_findings


def test_a_body_pasted_twice_is_still_found(tmp_path: Path) -> None:
    r = load_report(build(Spec(body_twice=True, text={"五": AREAS["方面"]}), tmp_path / "twice.docx"))
    assert [f.code for f in r.import_findings if "粘贴了两次" in f.message] == ["DUP-PARAGRAPH"]
    assert r.section_text("五") == "\n".join(AREAS["方面"])


def test_a_section_out_of_order_still_starts_its_section(tmp_path: Path) -> None:
    """“二、主动公开政府信息情况” after 三's heading, in the statutory words: 二's heading, out of order."""
    spec = Spec(headings={"二": "三、收到和处理政府信息公开申请情况", "三": "二、主动公开政府信息情况"},
                text={"二": ["三的正文。"], "三": ["二的正文。"]})
    r = load_report(build(spec, tmp_path / "order.docx"))
    assert r.section_text("二").startswith("二的正文。") and r.section_text("三").startswith("三的正文。")
