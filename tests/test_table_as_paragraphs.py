"""表三 written one cell a paragraph (a PDF→Word conversion without tables, Word's 表格转换成文本
with paragraph marks, a web page's <div> table), rev24a H6: its row labels “一、本年新收…”,
“二、上年结转…”, “三、本年度办理结果”, “四、结转下年度继续办理” were taken for section headings, the
body was “pasted twice” from 二 on, and 四, 五, 六, 表四 and the 成文日期 were dropped.  A statutory
table's row label is never a section's heading.  Third-party .docx files built with python-docx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx

from app.reading import load_report
from app.schema import REVIEWS, T3_COLS, T4_ROW, TABLE4
from tests.thirdparty import Spec, build

T4 = {c: str(c + 40) for c in range(TABLE4.n_cols)}
TEXT = {"四": ["复议说明。"], "五": ["问题说明。"], "六": ["其他说明。"]}


def test_table3_as_a_paragraph_a_cell_loses_nothing_after_it(tmp_path: Path) -> None:
    path = build(Spec(t4=T4, text=TEXT), tmp_path / "paras.docx")
    d = docx.Document(str(path))
    (t3,) = [t for t in d.tables if len(t.columns) == 3 + len(T3_COLS)]
    at = t3._tbl
    for row in t3.rows:
        for text in dict.fromkeys(c.text for c in row.cells):  # a merged cell once
            if text.strip():
                p = d.add_paragraph(text)._p
                at.addnext(p)
                at = p
    t3._tbl.getparent().remove(t3._tbl)
    d.save(str(path))
    r = load_report(path)
    assert not [f.message for f in r.import_findings if f.code == "DUP-PARAGRAPH"]
    assert {k: r.section_text(k) for k in TEXT} == {k: "\n".join(v) for k, v in TEXT.items()}
    assert {c: str(r.tables[REVIEWS][(T4_ROW, c)]) for c in T4} == T4
    assert r.date == dt.date(2024, 1, 20)
