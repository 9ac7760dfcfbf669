"""A sliver grid column (narrower than 1 mm: dragged borders, converted files) between a header's
edge and its figures' edges (rev24a H3): the header cell begins in the sliver where each figure
row's cell ends, and a whole column of figures was read as the cell before's tail — blank.
Third-party .docx files built with python-docx, the sliver put in with lxml; and the grid itself."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tc
from lxml import etree

from app.docx.blocks import TableBlock
from app.reading import load_report
from app.schema import REQUESTS, REVIEWS, T3_COLS, T3_ROW_PATHS, T4_REVIEW, T4_ROW, TABLE4
from tests.thirdparty import Spec, build

T3 = {(r, c): str((r * 5 + c * 3) % 11 + 1) for r in range(len(T3_ROW_PATHS)) for c in range(len(T3_COLS))}
T4 = {c: str(c * 3 % 11 + 1) for c in range(TABLE4.n_cols)}
LABELS = 3  # 表三's label columns in tests/thirdparty.py


def _covering(tr: etree._Element, j: int) -> CT_Tc:
    """The w:tc of a row covering grid column ``j``."""
    at = 0
    for tc in tr.iterchildren(qn("w:tc")):
        span = tc.grid_span
        if at <= j < at + span:
            return tc
        at += span
    raise AssertionError(j)


def _widen(tc: CT_Tc) -> None:
    tc.grid_span += 1


def _sliver(table: docx.table.Table, at: int, headers: int, header_ends: bool) -> None:
    """A 5-twip grid column before grid column ``at``: the cells over it in the ``headers`` rows
    and the others, one of them the cell before it (``header_ends``: the figures' cells span it,
    the header's start after it; else the other way round), each row's the other the cell after."""
    grid = table._tbl.tblGrid
    col = OxmlElement("w:gridCol")
    col.set(qn("w:w"), "5")
    grid.gridCol_lst[at].addprevious(col)
    for k, tr in enumerate(table._tbl.tr_lst):
        before = (k >= headers) == header_ends
        _widen(_covering(tr, at - 1 if before else at))


@pytest.mark.parametrize("header_ends", [True, False], ids=["figures-span-it", "header-spans-it"])
def test_a_sliver_between_table3_header_and_figures(tmp_path: Path, header_ends: bool) -> None:
    path = build(Spec(t3=T3), tmp_path / "t3.docx")
    d = docx.Document(str(path))
    (t3,) = [t for t in d.tables if len(t.columns) == LABELS + len(T3_COLS)]
    _sliver(t3, LABELS + 1, len(t3.rows) - len(T3_ROW_PATHS), header_ends)  # between 自然人 and 商业企业
    d.save(str(path))
    r = load_report(path)
    assert {pos: str(r.tables[REQUESTS][pos]) for pos in T3} == T3
    assert not [f.message for f in r.import_findings if f.location.section == REQUESTS]


def test_a_sliver_between_table4_header_and_figures(tmp_path: Path) -> None:
    path = build(Spec(t4=T4), tmp_path / "t4.docx")
    d = docx.Document(str(path))
    (t4,) = [t for t in d.tables if t.rows[0].cells[0].text == T4_REVIEW]
    _sliver(t4, 1, 3, True)  # the 结果维持 figure spans it, 结果纠正's header starts after it
    d.save(str(path))
    r = load_report(path)
    assert {c: str(r.tables[REVIEWS][(T4_ROW, c)]) for c in T4} == T4


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _cell(text: str, span: int = 1) -> str:
    return f"<w:tc><w:tcPr><w:gridSpan w:val='{span}'/></w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def test_a_sliver_with_a_cell_of_its_own_is_kept() -> None:
    """Dropped only where nothing stands in it alone: a figure in the sliver stays read."""
    grid = "<w:tblGrid><w:gridCol w:w='800'/><w:gridCol w:w='5'/><w:gridCol w:w='800'/></w:tblGrid>"
    rows = f"<w:tr>{_cell('甲')}{_cell('乙', 2)}</w:tr><w:tr>{_cell('1')}{_cell('2')}{_cell('3')}</w:tr>"
    tbl = etree.fromstring(f'<w:tbl xmlns:w="{_W}"><w:tblPr/>{grid}{rows}</w:tbl>')
    assert [[c.text for c in row] for row in TableBlock(0, tbl).rows] == [["甲", "乙", "乙"], ["1", "2", "3"]]
    rows = f"<w:tr>{_cell('甲')}{_cell('乙', 2)}</w:tr><w:tr>{_cell('1', 2)}{_cell('3')}</w:tr>"
    tbl = etree.fromstring(f'<w:tbl xmlns:w="{_W}"><w:tblPr/>{grid}{rows}</w:tbl>')
    assert [[c.text for c in row] for row in TableBlock(0, tbl).rows] == [["甲", "乙"], ["1", "3"]]
