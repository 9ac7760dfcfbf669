"""A statutory table's header rows alone in a table at a page's foot, its body in the next table
(a page break inside the table, as PDF→Word converters, Acrobat's page boxes and manual splits
leave it): the header is the table's, never body text nor an unknown table; the figures read as
from the whole table."""

from __future__ import annotations

import copy
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from app.reading import load_report
from app.schema import PROACTIVE, REQUESTS, REVIEWS
from tests.thirdparty import Spec, build

T2 = {(i, c): str(10 * i + c + 1) for i in range(6) for c in range(4)}
T3 = {(r, c): str((r * 7 + c) % 11 + 1) for r in range(25) for c in range(7)}
T4 = {c: str(c % 5 + 2) for c in range(15)}
SEPARATORS = {
    "page break": '<w:p {ns}><w:r><w:br w:type="page"/></w:r></w:p>',
    "empty line": "<w:p {ns}/>",
    "nothing": "",
}
HEADER_WORDS = ("自然人", "申请人情况", "勾稽", "第二十条", "信息内容", "行政复议", "行政诉讼")


def _cut(src: Path, dest: Path, table: int, rows: int, separator: str) -> Path:
    """The table's first ``rows`` rows left alone, the rest in a table of their own after it."""
    d = docx.Document(str(src))
    t = d.tables[table]._tbl
    body = copy.deepcopy(t)
    for r in body.findall(qn("w:tr")):
        body.remove(r)
    for r in t.findall(qn("w:tr"))[rows:]:
        t.remove(r)
        body.append(r)
    t.addnext(body)
    if separator:
        t.addnext(parse_xml(separator.format(ns=nsdecls("w"))))
    d.save(str(dest))
    return dest


@pytest.mark.parametrize("separator", list(SEPARATORS))
@pytest.mark.parametrize(("table", "key", "rows"), [(1, REQUESTS, 3), (0, PROACTIVE, 1), (2, REVIEWS, 1)])
def test_a_header_alone_before_its_body_is_the_tables(tmp_path: Path, table: int, key: str, rows: int,
                                                      separator: str) -> None:
    whole = build(Spec(t2=T2, t3=T3, t4=T4), tmp_path / "whole.docx")
    cut = load_report(_cut(whole, tmp_path / "cut.docx", table, rows, SEPARATORS[separator]))
    read = load_report(whole)
    assert cut.tables == read.tables
    assert sum(v is not None for v in cut.tables[key].values()) == len(read.tables[key]) > 0
    assert [p.text for p in cut.sections[key] if any(w in p.text for w in HEADER_WORDS)] == []
    assert sorted(f.message for f in cut.import_findings) == sorted(f.message for f in read.import_findings)
