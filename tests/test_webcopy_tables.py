"""A saved page's table laid out as a browser lays it out (the HTML table model): a rowspan
ends with its row group, rowspan="0" reaches that end, the first <thead> shows on top and the
first <tfoot> at the bottom.  Each page here shows in a browser exactly as the statutory table."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from app.docx.blocks import TableBlock
from app.reading import load_report
from app.schema import TABLES
from app.webcopy import html_blocks
from tests.test_webcopy import page

T3 = TABLES["三"]
# every figure of 表三 different, so a cell read from a neighbour's place cannot pass
VALUES = {(c.row, c.col): str(100 + i) for i, c in enumerate(T3.cells)}


def _t3_with_head(corner_rowspan: str, foot_first: bool = False) -> str:
    """表三 with its header rows in a <thead> and the corner cell's rowspan set to ``corner_rowspan``."""
    rows: dict[int, list[str]] = {}
    for cell in T3.layout:
        text = VALUES[cell.data] if cell.data is not None else cell.text
        rowspan = corner_rowspan if (cell.row, cell.col) == (0, 0) else str(cell.rowspan)
        rows.setdefault(cell.row, []).append(
            f'<td colspan="{cell.colspan}" rowspan="{rowspan}"><p>{html.escape(text)}</p></td>')
    trs = [f"<tr>{''.join(cells)}</tr>" for _, cells in sorted(rows.items())]
    head = f"<thead>{''.join(trs[:T3.header_rows])}</thead>"
    body, foot = trs[T3.header_rows:-1], trs[-1]
    if foot_first:  # the last row in a <tfoot> written before the body: browsers show it last
        return f'<table border="1">{head}<tfoot>{foot}</tfoot><tbody>{"".join(body)}</tbody></table>'
    return f'<table border="1">{head}<tbody>{"".join(body)}{foot}</tbody></table>'


def _page_with(tmp_path: Path, table: str) -> Path:
    text = page(VALUES)
    # page() writes 表三 as the second of the three tables: replace it
    tables = re.findall(r"<table.*?</table>", text)
    assert len(tables) == 3
    path = tmp_path / "page.html"
    path.write_text(text.replace(tables[1], table), encoding="utf-8")
    return path


@pytest.mark.parametrize("rowspan,foot_first", [
    ("3", False),  # as written: the control
    ("9", False),  # past its <thead>: browsers stop it at the group's end
    ("0", False),  # "0": to the end of the <thead>
    ("3", True),   # a <tfoot> written before the <tbody>
])
def test_table_three_reads_every_figure_in_its_place(tmp_path: Path, rowspan: str, foot_first: bool) -> None:
    r = load_report(_page_with(tmp_path, _t3_with_head(rowspan, foot_first)))
    t3 = r.tables["三"]
    wrong = {pos: (t3[pos], int(v)) for pos, v in VALUES.items() if t3[pos] != int(v)}
    assert not wrong
    assert not [f for f in r.import_findings if f.code in ("LABEL-EDITED", "MISSING-SECTION")]


def _grid(table: str) -> list[list[str]]:
    blocks, _ = html_blocks(f"<html><body>{table}</body></html>")
    assert isinstance(blocks[0], TableBlock)
    return [[c.text for c in row] for row in blocks[0].rows]


def test_row_groups_and_spans_as_a_browser_shows_them() -> None:
    table = ('<table><tfoot><tr><td>脚</td></tr></tfoot>'
             '<tr><td colspan="2px">甲</td></tr>'  # leading digits count, as browsers parse them
             '<tbody><tr><td rowspan="0">乙</td><td>1</td></tr><tr><td>2</td></tr></tbody>'
             '<tr><td rowspan="5">丙</td><td colspan="0">3</td></tr>'  # colspan 0 is 1; the run ends the span
             '<thead><tr><td rowspan="-2">头</td></tr></thead></table>')
    assert _grid(table) == [["头"], ["甲", "甲"], ["乙", "1"], ["乙", "2"], ["丙", "3"], ["脚"]]
