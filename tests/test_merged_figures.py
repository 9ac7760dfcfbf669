"""A figure in a merged data cell is what Word shows once, over the positions it covers: it is
read once, at the first, and the others read blank (flagged BLANK-CELL) — never the same figure
counted in two statutory cells (a 表三 cell merged over two columns gave 1 and 1)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
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
    T2_NORMATIVE,
    T2_RULES,
    T3_CARRIED_IN,
    T3_NEW,
    T4_ROW,
    CellRef,
)

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
