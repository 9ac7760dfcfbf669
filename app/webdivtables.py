"""Tables a web page draws with CSS instead of <table>: <div>s (or any elements) styled
display:table / table-row / table-cell, as CMS editors and some converters write them.  A browser
lays them out as a table, a person sees one: they are made the <table>, <tr> and <td> they stand
for, so the page's walk reads them as grids (app/webcopy.py).  Without this the statutory tables'
cells were read as a paragraph each and the page had “no table”."""

from __future__ import annotations

import lxml.html

from app.webcss import Css

_TABLE = ("table", "inline-table")
_GROUPS = {"table-row-group": "tbody", "table-header-group": "thead", "table-footer-group": "tfoot"}


def css_tables(root: lxml.html.HtmlElement, css: Css) -> int:
    """Retag the CSS tables under ``root`` as HTML tables; how many there were.  Only elements
    some style reaches are asked (a page without a CSS table costs one pass over its tags)."""
    def display(el: lxml.html.HtmlElement) -> str:
        if not isinstance(el.tag, str) or not css.styled(el):
            return ""
        return css.style(el).get("display", "").strip().lower()

    tables = [el for el in root.iter() if isinstance(el.tag, str) and el.tag.lower() not in ("table", "tr", "td", "th")
              and display(el) in _TABLE]
    made = 0
    for table in tables:
        rows: list[lxml.html.HtmlElement] = []
        for child in table:
            kind = display(child)
            if kind == "table-row":
                rows.append(child)
            elif kind in _GROUPS:
                group_rows = [r for r in child if display(r) == "table-row"]
                if group_rows:
                    child.tag = _GROUPS[kind]
                    rows += group_rows
        cells = [[c for c in row if display(c) == "table-cell"] for row in rows]
        if not any(cells):
            continue  # a box styled as a table holding no cells: a layout trick, read as text
        table.tag = "table"
        for row, own in zip(rows, cells, strict=True):
            row.tag = "tr"
            for cell in own:
                cell.tag = "td"
        made += 1
    return made
