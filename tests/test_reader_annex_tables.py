"""Statutory tables set in an annex (附件) after 六 or after the 落款, in any order, captioned
(“附表1：主动公开政府信息情况”, “表三”): every figure is read into its table, and the captions
— orphaned once the tables are in their sections — are not read into 六 (they were, “附件 表一
表二 表三” at its end, and saved so).  A caption above a table in its own section stays.
Third-party-style .docx files built with python-docx."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import docx
import pytest

from app.reading import load_report
from app.schema import TABLES, Kind
from tests.thirdparty import HEADINGS, TABLE_WRITERS, Spec

_COUNTER = itertools.count(3)
VALUES = {key: {(c.row, c.col): ("1.5" if c.kind is Kind.AMOUNT else str(next(_COUNTER))) for c in t.cells}
          for key, t in TABLES.items()}
SPEC = Spec(t2=VALUES["二"], t3=VALUES["三"], t4={col: v for (_, col), v in VALUES["四"].items()})
CAPTIONS = {
    "numbered": ("附件", ["附表1：", "附表2：", "附表3："]),  # and the table's title
    "bare": ("附表：", ["表一", "表二", "表三"]),
    "bracketed": ("附件1", ["附表（一）", "附表（二）", "附表（三）"]),
}


def _report(path: Path, captions: str, where: str, order: str = "二三四") -> Path:
    annex, names = CAPTIONS[captions]
    d = docx.Document()
    d.add_paragraph("某县某局2023年度政府信息公开工作年度报告")
    d.add_paragraph("本报告根据《中华人民共和国政府信息公开条例》编制。")
    for key, heading in HEADINGS.items():
        d.add_paragraph(heading)
        d.add_paragraph(f"{key}部分的情况说明。")

    def tables() -> None:
        d.add_paragraph(annex)
        for n, (name, key) in enumerate(zip(names, order, strict=True)):
            d.add_paragraph(name if captions != "numbered" else f"附表{n + 1}：{HEADINGS[key][2:]}")  # its own title
            TABLE_WRITERS[key](d, SPEC)
    if where == "before-signoff":
        tables()
    d.add_paragraph("某县某局")
    d.add_paragraph("2024年1月20日")
    if where == "after-signoff":
        tables()
    d.save(str(path))
    return path


@pytest.mark.parametrize("captions", list(CAPTIONS))
@pytest.mark.parametrize(("where", "order"), [("after-signoff", "二三四"), ("before-signoff", "二三四"), ("after-signoff", "三二四")])
def test_tables_in_an_annex_are_read_and_their_captions_left(tmp_path: Path, captions: str, where: str, order: str) -> None:
    r = load_report(_report(tmp_path / "annex.docx", captions, where, order))
    assert not {(k, pos): (v, r.tables[k][pos]) for k, cells in VALUES.items() for pos, v in cells.items()
                if str(r.tables[k][pos]) != v}
    assert {k: r.section_text(k) for k in HEADINGS} == {k: f"{k}部分的情况说明。" for k in HEADINGS}
    assert (r.organ, r.year, r.date) == ("某县某局", 2023, dt.date(2024, 1, 20))
    assert not [(f.code, f.message) for f in r.import_findings]


def test_a_caption_above_a_table_in_its_own_section_stays(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("某县某局2023年度政府信息公开工作年度报告")
    for key, heading in HEADINGS.items():
        d.add_paragraph(heading)
        d.add_paragraph(f"{key}部分的情况说明。")
        if key in TABLE_WRITERS:
            d.add_paragraph(f"表{'一二三'['二三四'.index(key)]}")
            TABLE_WRITERS[key](d, SPEC)
    d.add_paragraph("某县某局")
    d.add_paragraph("2024年1月20日")
    path = tmp_path / "in-place.docx"
    d.save(str(path))
    r = load_report(path)
    assert r.section_text("三") == "三部分的情况说明。\n表二"
    assert r.tables["三"][(0, 0)] == int(VALUES["三"][(0, 0)])
