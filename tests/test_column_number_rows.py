"""A statistical form's column-number row under a statutory table's header (“栏次 | 1 | 2 … 7”,
“甲 | 乙 | 丙 | 1 …”) numbers the columns: no row of figures (rev24a L14).  Before, 表三 and
表二 gave an ERROR “…一行无法对应到法定表格，其中的数字（1、2…7）未导入”, and in 表四 the
numbers 1…15 were read as its figures, the real row under them never looked at."""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from app.reading import load_report
from app.schema import T2_RULES, T3_NEW, T4_ROW, TABLE4
from tests.thirdparty import Spec, build


def _numbers_row(path: Path, marker: str, labels: list[str]) -> None:
    """Before the first row of the table holding ``marker`` whose first cell names a data row
    (or, with ``marker`` "", before 表四's last row), a copy of that row: ``labels``, then 1, 2 …"""
    doc = docx.Document(str(path))
    table = next(t for t in doc.tables if marker in "".join(c.text for c in t._cells)) if marker else \
        next(t for t in doc.tables if "结果维持" in "".join(c.text for c in t._cells))
    rows = [r._tr for r in table.rows]
    at = next(tr for tr in rows if marker and marker in "".join(tr.itertext())) if marker else rows[-1]
    new = deepcopy(at)
    for merge in new.iter(qn("w:vMerge")):
        merge.getparent().remove(merge)
    tcs = new.findall(qn("w:tc"))
    texts = labels + [str(i + 1) for i in range(len(tcs) - len(labels))]
    for tc, text in zip(tcs, texts, strict=True):
        for run in list(tc.iter(qn("w:r"))):
            run.getparent().remove(run)
        tc.find(qn("w:p")).append(parse_xml(f'<w:r {nsdecls("w")}><w:t>{text}</w:t></w:r>'))
    at.addprevious(new)
    doc.save(str(path))


@pytest.mark.parametrize("labels", [["栏次"], ["甲"]])
def test_a_column_number_row_in_table_three(tmp_path: Path, labels: list[str]) -> None:
    path = build(Spec(t3={(T3_NEW, 0): "9", (T3_NEW, 6): "9"}), tmp_path / "t3.docx")
    _numbers_row(path, "一、本年新收", labels)
    r = load_report(path)
    assert (r.tables["三"][(T3_NEW, 0)], r.tables["三"][(T3_NEW, 6)]) == (9, 9)
    assert not [f for f in r.import_findings if f.severity.name == "ERROR"], r.import_findings


def test_a_column_number_row_in_table_two(tmp_path: Path) -> None:
    path = build(Spec(t2={(T2_RULES, 0): "12", (T2_RULES, 1): "3"}), tmp_path / "t2.docx")
    _numbers_row(path, "规章", ["栏次"])
    r = load_report(path)
    assert (r.tables["二"][(T2_RULES, 0)], r.tables["二"][(T2_RULES, 1)]) == (12, 3)
    assert not [f for f in r.import_findings if f.severity.name == "ERROR"], r.import_findings


def test_a_column_number_row_in_table_four(tmp_path: Path) -> None:
    figures = {c: str(20 + c) for c in range(TABLE4.n_cols)}
    path = build(Spec(t4=figures), tmp_path / "t4.docx")
    _numbers_row(path, "", [])
    r = load_report(path)
    assert [r.tables["四"][(T4_ROW, c)] for c in range(TABLE4.n_cols)] == [20 + c for c in range(TABLE4.n_cols)]
