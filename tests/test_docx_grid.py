"""A table's grid read in one pass (app/docx/fastgrid.py regular_grid) is the grid the general
walk reads: merged cells, line breaks, list labels, hidden paragraphs; and where the table is
not built as tables are (a paragraph straight in a row, a cell outside a row, a merge outside
its cell's first properties), the general walk reads it, its cells counted once against the limits."""

from __future__ import annotations

import pytest
from lxml import etree

from app import limits
from app.docx import blocks
from app.docx.blocks import GridCell, TableBlock
from app.docx.hidden import GONE
from app.errors import ReadError

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _tbl(rows: str) -> etree._Element:
    return etree.fromstring(f'<w:tbl xmlns:w="{_W}"><w:tblPr/><w:tblGrid/>{rows}</w:tbl>')


def _cell(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr><w:tcW w:w='1000'/>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def _row(*cells: str) -> str:
    return f"<w:tr>{''.join(cells)}</w:tr>"


REGULAR = {
    "plain": _row(_cell("a"), _cell("b")) + _row(_cell("c"), _cell("d")),
    "spans and merges": (_row(_cell("head", "<w:gridSpan w:val='2'/>"), _cell("x", "<w:vMerge w:val='restart'/>"))
                         + _row(_cell("1"), _cell("2"), _cell("", "<w:vMerge/>"))
                         + _row(_cell("3"), _cell("4"), _cell("y", "<w:vMerge w:val='continue'/>"))),
    "several paragraphs and breaks": _row(
        "<w:tc><w:p><w:r><w:t>一</w:t><w:br/><w:t>二</w:t></w:r></w:p><w:p/>"
        "<w:p><w:hyperlink><w:r><w:t>三</w:t></w:r></w:hyperlink><w:r><w:cr/><w:t xml:space='preserve'> 四</w:t></w:r></w:p>"
        "</w:tc>", "<w:tc/>"),
    "a cell without properties or text": _row("<w:tc><w:p/></w:tc>", _cell("5")),
    "junk and duplicate spans": _row(_cell("a", "<w:gridSpan w:val='x'/>"), _cell("b", "<w:gridSpan w:val='3'/><w:gridSpan w:val='1'/>")),
    "rows of different widths": _row(_cell("a")) + _row(_cell("b"), _cell("c"), _cell("d")),
    "row properties": "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + _cell("a") + "</w:tr>",
    "inserted text": _row("<w:tc><w:p><w:ins><w:r><w:t>37</w:t></w:r></w:ins></w:p></w:tc>"),
    # Cell properties holding no merge, wherever they stand, change nothing the walk reads: the
    # one pass does not look at them (nearly every cell has some), and reads the same grid.
    "cell properties outside a cell": "<w:tr><w:tcPr/>" + _cell("a") + "</w:tr>",
    "two cell property blocks, no merge": _row("<w:tc><w:tcPr/><w:tcPr><w:tcW w:w='9'/></w:tcPr><w:p/></w:tc>", _cell("b")),
}
IRREGULAR = {
    "a paragraph straight in a row": "<w:tr><w:p><w:r><w:t>lost</w:t></w:r></w:p>" + _cell("a") + "</w:tr>",
    "a paragraph between rows": _row(_cell("a")) + "<w:p><w:r><w:t>lost</w:t></w:r></w:p>" + _row(_cell("b")),
    "a cell outside a row": _cell("lost") + _row(_cell("a")),
    "a cell in a cell": _row("<w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p>" + _cell("b") + "</w:tc>"),
    "a paragraph in a paragraph": _row("<w:tc><w:p><w:r><w:t>a</w:t></w:r><w:p><w:r><w:t>b</w:t></w:r></w:p></w:p></w:tc>"),
    "a paragraph in an unknown element": _row("<w:tc><w:foo><w:p><w:r><w:t>a</w:t></w:r></w:p></w:foo></w:tc>"),
    "two cell property blocks": _row("<w:tc><w:tcPr/><w:tcPr><w:gridSpan w:val='2'/></w:tcPr><w:p/></w:tc>"),
    "a merge in the second of two": _row("<w:tc><w:tcPr><w:tcW w:w='9'/></w:tcPr><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"),
    "a merge in properties outside a cell": "<w:tr><w:tcPr><w:gridSpan w:val='2'/></w:tcPr>" + _cell("a") + "</w:tr>",
    "a merge in a paragraph's properties": _row("<w:tc><w:p><w:pPr><w:vMerge/></w:pPr></w:p></w:tc>"),
    "a span outside the cell's properties": _row("<w:tc><w:p><w:pPr><w:gridSpan w:val='2'/></w:pPr></w:p></w:tc>"),
    "a row in a cell": _row("<w:tc><w:tr><w:tc><w:p/></w:tc></w:tr></w:tc>"),
}


def _read(tbl: etree._Element, labels: dict[etree._Element, str] | None = None,
          general: bool = False) -> tuple[list[list[GridCell]], tuple[int, int, int]]:
    whole = limits.GridBudget()
    budget = whole.table()
    if general:
        original = blocks.regular_grid
        blocks.regular_grid = lambda *a: None  # type: ignore[assignment]
        try:
            rows = blocks._grid(tbl, budget, labels or {}, blocks.CellMarks())
        finally:
            blocks.regular_grid = original
    else:
        rows = blocks._grid(tbl, budget, labels or {}, blocks.CellMarks())
    return rows, (budget.cells, budget.rows, whole.total)


@pytest.mark.parametrize("rows", REGULAR.values(), ids=REGULAR.keys())
def test_a_regular_table_reads_in_one_pass_as_the_general_walk_reads_it(rows: str) -> None:
    tbl = _tbl(rows)
    assert blocks.regular_grid(tbl, limits.TableBudget(), {}) is not None  # the one pass took it
    assert _read(tbl) == _read(tbl, general=True)


@pytest.mark.parametrize("rows", IRREGULAR.values(), ids=IRREGULAR.keys())
def test_an_oddly_built_table_is_read_by_the_general_walk_and_counted_once(rows: str) -> None:
    tbl = _tbl(rows)
    assert blocks.regular_grid(tbl, limits.TableBudget(), {}) is None
    grid, counted = _read(tbl)
    assert (grid, counted) == _read(tbl, general=True)
    assert counted[0] == counted[2] == sum(len(r) for r in grid)  # not counted twice
    assert "lost" not in "".join(c.text for r in grid for c in r)


def test_the_one_pass_grid_spells_out_merges_breaks_labels_and_hidden_paragraphs() -> None:
    tbl = _tbl(REGULAR["spans and merges"] + REGULAR["several paragraphs and breaks"]
               + _row(_cell("hidden"), _cell("7")))
    hidden = list(tbl.iter(f"{{{_W}}}p"))[-2]
    hidden.set(GONE, "1")
    first = next(tbl.iter(f"{{{_W}}}p"))
    rows, _ = _read(tbl, {first: "1."})
    assert [[(c.text, c.ident) for c in r] for r in rows] == [
        [("1.head", 1), ("1.head", 1), ("x", 2)],
        [("1", 3), ("2", 4), ("x", 2)],
        [("3", 5), ("4", 6), ("x", 2)],
        [("一\n二\n\n三\n 四", 7), ("", 8)],
        [("", 9), ("7", 10)],
    ]


def test_the_one_pass_keeps_the_table_limits() -> None:
    whole = limits.GridBudget()
    wide = _tbl(_row(*(_cell(str(i)) for i in range(limits.MAX_TABLE_COLUMNS + 1))))
    with pytest.raises(ReadError, match="列"):
        blocks._grid(wide, whole.table(), {}, blocks.CellMarks())
    span = _tbl(_row(_cell("a", f"<w:gridSpan w:val='{limits.MAX_SPAN + 1}'/>")))
    with pytest.raises(ReadError, match="合并"):
        blocks._grid(span, limits.GridBudget().table(), {}, blocks.CellMarks())


def test_a_table_block_reads_its_grid_in_one_pass() -> None:
    block = TableBlock(0, _tbl(REGULAR["plain"]))
    assert [[c.text for c in r] for r in block.rows] == [["a", "b"], ["c", "d"]]
