"""Statutory tables a web page draws with CSS grid (a <div> styled display:grid, its columns
given by grid-template-columns, each cell a child <div>, merged labels spanning rows or columns
by grid-row / grid-column / grid-area), as CMS editors and site builders write them: each cell
was a paragraph of its own and the page had “no table”.  Made the <table> the grid draws
(app/webcssgrid.py); every figure different, so one read from a neighbour's place cannot pass."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from app.reading import load_report
from app.schema import TABLES
from tests.hostile import ends_in_child
from tests.test_webcopy import page

T3, T4 = TABLES["三"], TABLES["四"]
VALUES = {(c.row, c.col): str(100 + i) for i, c in enumerate(T3.cells)}
T4_VALUES = {(c.row, c.col): str(500 + i) for i, c in enumerate(T4.cells)}


def _grid(spec: object, values: dict[tuple[int, int], str], how: str) -> str:
    """``spec``'s layout as a CSS grid: ``how`` "span" (auto-placed, spans only), "lines" (every
    cell placed by grid-area lines, written out of order), or "classes" (spans set by class rules)."""
    cells = []
    layout = list(spec.layout)  # type: ignore[attr-defined]
    if how == "lines":
        layout = layout[::-1]  # (placed by lines: the order written does not matter)
    for c in layout:
        text = html.escape(values[c.data] if c.data is not None else c.text)
        if how == "lines":
            style = f"grid-area: {c.row + 1} / {c.col + 1} / {c.row + 1 + c.rowspan} / {c.col + 1 + c.colspan}"
            cells.append(f'<div class="c" style="{style}">{text}</div>')
        elif how == "classes":
            cells.append(f'<div class="c r{c.rowspan} k{c.colspan}">{text}</div>')
        else:
            style = f"grid-row: span {c.rowspan}; grid-column: span {c.colspan}" if c.rowspan > 1 or c.colspan > 1 else ""
            cells.append(f'<div class="c" style="{style}">{text}</div>')
    columns = f"3fr repeat({spec.grid_cols - 1}, 1fr)"  # type: ignore[attr-defined]
    return f'<div class="t" style="display: grid; grid-template-columns: {columns}">{"".join(cells)}</div>'


STYLE = ("<style>.c{border:1px solid #000;padding:2px}"
         + "".join(f".r{n}{{grid-row:span {n}}}" for n in range(2, 30))
         + "".join(f".k{n}{{grid-column:span {n}}}" for n in range(2, 16)) + "</style>")


@pytest.mark.parametrize(("how", "columns"), [("span", "grid-template-columns"), ("lines", "grid-template-columns"),
                                             ("classes", "grid-template-columns"), ("span", "grid-template"), ("span", "grid")])
def test_tables_drawn_with_css_grid_are_read(tmp_path: Path, how: str, columns: str) -> None:
    text = page(VALUES)
    tables = re.findall(r"<table.*?</table>", text)
    assert len(tables) == 3
    text = text.replace(tables[1], _grid(T3, VALUES, how)).replace(tables[2], _grid(T4, T4_VALUES, how))
    if columns != "grid-template-columns":  # the shorthand: “rows / columns”
        text = re.sub(r"grid-template-columns: ([^\"]*)", lambda m: f"{columns}: auto / {m.group(1)}", text)
        assert f"{columns}: auto / 3fr" in text
    path = tmp_path / "年报.html"
    path.write_text(text.replace("</head>", STYLE + "</head>"), encoding="utf-8")
    read = load_report(path)
    assert {pos: read.tables["三"][pos] for pos in VALUES} == {pos: int(v) for pos, v in VALUES.items()}
    assert {pos: read.tables["四"][pos] for pos in T4_VALUES} == {pos: int(v) for pos, v in T4_VALUES.items()}
    assert not [f.message for f in read.import_findings if "没有找到表" in f.message]


def test_a_grid_of_cards_is_no_table(tmp_path: Path) -> None:
    """A site's grid of link cards (columns by auto-fill) stays text: its words read, no table made."""
    text = page(VALUES).replace("<div class='content'>", "<div class='content'><div style='display:grid;"
                                "grid-template-columns:repeat(auto-fill,minmax(200px,1fr))'><div>政务公开</div><div>政策解读</div></div>")
    path = tmp_path / "年报.html"
    path.write_text(text, encoding="utf-8")
    read = load_report(path)
    assert {pos: read.tables["三"][pos] for pos in VALUES} == {pos: int(v) for pos, v in VALUES.items()}


def test_a_grid_of_spans_no_table_has_is_placed_within_bounds(tmp_path: Path) -> None:
    """20,000 items each spanning a thousand rows and every column but one: placing them one by
    one would look at billions of places; the grid is left as text in the usual bounds."""
    items = "<div style='grid-row:span 1000;grid-column:span 63'>1</div>" * 20_000
    path = tmp_path / "年报.html"
    path.write_text(page(VALUES).replace("</body>", f"<div style='display:grid;grid-template-columns:repeat(64,1fr)'>{items}</div></body>"),
                    encoding="utf-8")

    def work() -> bool:
        return load_report(path).tables["三"][(0, 0)] == 100

    ends_in_child(work, cpu_s=20)
