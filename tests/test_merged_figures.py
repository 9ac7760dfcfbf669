"""A figure in a merged data cell is what Word shows once, over the positions it covers: it is
read once, at the first, and the others read blank (flagged BLANK-CELL) — never the same figure
counted in two statutory cells (a 表三 cell merged over two columns gave 1 and 1)."""

from __future__ import annotations

import copy
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import _Cell

from app.checks import run_all
from app.findings import BLANK_CELL
from app.io import save_report
from app.reading import load_report
from app.report import Report
from app.schema import (
    PROACTIVE,
    REQUESTS,
    REVIEWS,
    T2_ISSUED,
    T2_LICENSING,
    T2_NORMATIVE,
    T2_RULES,
    T3_CARRIED_IN,
    T3_COLS,
    T3_NEW,
    T4_ROW,
    TABLE2,
    TABLE3,
    CellRef,
)
from tests.thirdparty import Spec, build

FIRST, SECOND = 7707, 8808  # figures no total of these reports can equal


def _cell(d: docx.document.Document, text: str) -> _Cell:
    found = [c for t in d.tables for row in t.rows for c in row.cells if c.text.strip() == text]
    assert len({id(c._tc) for c in found}) == 1, text
    return found[0]


def _merged(tmp_path: Path, a: CellRef, b: CellRef) -> Report:
    report = Report(organ="某县某局", year=2023)
    report.set_value(a, FIRST)
    report.set_value(b, SECOND)
    for row in (T3_NEW, T3_CARRIED_IN):  # a row's 总计 never equals the figure merged
        report.set_value(CellRef(REQUESTS, row, 2), 1)
    path = tmp_path / "年报.docx"
    save_report(report, path)
    d = docx.Document(str(path))
    merged = _cell(d, str(FIRST)).merge(_cell(d, str(SECOND)))
    for p in merged.paragraphs[1:]:  # python-docx keeps both texts: the author left one figure
        p._p.getparent().remove(p._p)
    assert merged.text == str(FIRST)
    d.save(str(path))
    return load_report(path)


@pytest.mark.parametrize(("a", "b"), [
    (CellRef(REQUESTS, T3_NEW, 0), CellRef(REQUESTS, T3_NEW, 1)),  # across two columns
    (CellRef(REQUESTS, T3_NEW, 0), CellRef(REQUESTS, T3_CARRIED_IN, 0)),  # down two rows
    (CellRef(PROACTIVE, T2_RULES, T2_ISSUED), CellRef(PROACTIVE, T2_NORMATIVE, T2_ISSUED)),  # 表二, down
    (CellRef(REVIEWS, T4_ROW, 0), CellRef(REVIEWS, T4_ROW, 1)),  # 表四, across
], ids=["t3-across", "t3-down", "t2-down", "t4-across"])
def test_a_merged_figure_is_read_once(tmp_path: Path, a: CellRef, b: CellRef) -> None:
    read = _merged(tmp_path, a, b)
    assert read.value(a) == FIRST
    assert read.value(b) is None
    assert any(b in f.location.cells for f in run_all(read) if f.code == BLANK_CELL.code)


def _split_row(table: docx.table.Table, label: str) -> None:
    """The row labelled ``label`` split in two, its label cell merged back over both: an empty
    row above, the figures below (rev24a M7)."""
    row = next(r for r in table.rows if r.cells[0].text == label)
    upper = copy.deepcopy(row._tr)
    for tc in upper.tc_lst:
        for t in tc.iter(qn("w:t")):
            if t.text and t.text[0].isdigit():
                t.text = ""
    row._tr.addprevious(upper)
    for tc in row._tr.tc_lst:
        if label in "".join(t.text or "" for t in tc.iter(qn("w:t"))):
            tc.get_or_add_tcPr().append(OxmlElement("w:vMerge"))
            for t in tc.iter(qn("w:t")):
                t.text = ""
    for tc in upper.tc_lst:
        if label in "".join(t.text or "" for t in tc.iter(qn("w:t"))):
            merge = OxmlElement("w:vMerge")
            merge.set(qn("w:val"), "restart")
            tc.get_or_add_tcPr().append(merge)


def test_a_label_merged_over_an_empty_row_and_its_figures_reads_the_figures(tmp_path: Path) -> None:
    t2 = {(T2_LICENSING, 0): "1234"}
    t3 = {(T3_NEW, c): str(c + 20) for c in range(len(T3_COLS))}
    path = build(Spec(t2=t2, t3=t3), tmp_path / "split.docx")
    d = docx.Document(str(path))
    _split_row(d.tables[0], TABLE2.row_labels[T2_LICENSING])
    _split_row(next(t for t in d.tables if len(t.columns) == 3 + len(T3_COLS)), TABLE3.row_labels[T3_NEW])
    d.save(str(path))
    r = load_report(path)
    assert r.tables[PROACTIVE][(T2_LICENSING, 0)] == 1234
    assert {(T3_NEW, c): str(r.tables[REQUESTS][(T3_NEW, c)]) for c in range(len(T3_COLS))} == t3
    assert not [f.message for f in r.import_findings if "重复" in f.message]
