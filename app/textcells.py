"""A report's text saved with each table cell on a line of its own: LibreOffice's “另存为 → 文本”
writes a table so (WPS's not seen), row by row, an empty cell as an empty line and a merged cell once
(“一、本年新收政府信息公开申请数量”, then its seven figures, one a line).  No tab or space tells
the cells apart, and the group labels stand on lines of their own between the rows, so the
tables are not read; they were said “missing” with NO-FIGURES hinting at pictures or hidden
text.  Where the shape is certain — a row's label, then as many lines of one figure (or empty) as
a statutory row of that label has cells, again and again — what the file is is said instead
(``ONE_CELL_A_LINE``).  ``cell_lines`` finds the rows so written (the rows on one line, cells
between tabs, and the figure lines taken), for a reading of them to come."""

from __future__ import annotations

import re

from app.schema import TABLES

ONE_CELL_A_LINE = ("文件中的表格是每个单元格单独一行（LibreOffice 等把 Word 文档另存为文本时的样子），分不清各数字属于哪一格，"
                   "表格中的数字未读入；请打开原 Word 文档（.docx）或发布的网页、PDF")
_VALUE = re.compile(r"[ \u3000]*(?:[0-9][0-9,]*(?:\.[0-9]+)?|[-—–/／无])?[ \u3000]*")  # a figure, a mark for none, or empty (never a tab: a browser copy's cell)
_MIN_ROWS = 5  # runs of the shape before a file is taken to be written so (表三 alone has 26)
_WIDEST = max(spec.n_cols for spec in TABLES.values())


def _widths() -> dict[str, int]:
    """A statutory row's label, loosened, → how many cells of figures follow it."""
    out: dict[str, int] = {}
    for spec in TABLES.values():
        for r, label in enumerate(spec.row_labels):
            out.setdefault(_key(label), sum(1 for c in spec.cells if c.row == r))
    return out


def _key(label: str) -> str:
    return re.sub(r"[\s（）()、.．0-9一二三四五六七八九十]", "", label)[-8:]


def cell_lines(lines: list[str]) -> tuple[dict[int, str], set[int]]:
    """The rows written one cell a line: the label line's index → the row on one line (label and
    figures between tabs); and the figure lines so taken (to leave out).  Empty when the text has
    fewer than _MIN_ROWS such runs, or any run is ambiguous (its values run past the row's width
    into a line that is a figure)."""
    widths = _widths()
    rows: dict[int, str] = {}
    taken: set[int] = set()
    blank: dict[int, int] = {}  # rows of empty cells only: taken once the shape is certain
    for n, line in enumerate(lines):
        want = widths.get(_key(line)) if line.strip() and "\t" not in line and not _VALUE.fullmatch(line) and len(line) < 80 else None
        if not want or n in taken:
            continue
        run = lines[n + 1:n + 1 + want]
        if len(run) < want or not all(_VALUE.fullmatch(v) for v in run):
            continue
        after = lines[n + 1 + want] if n + 1 + want < len(lines) else ""
        if after.strip() and _VALUE.fullmatch(after) and want < _WIDEST:
            return {}, set()  # more figures than the row has cells: not this shape
        if not any(v.strip() for v in run):
            blank[n] = want
            continue
        rows[n] = "\t".join([line.strip(), *(v.strip() for v in run)])
        taken.update(range(n + 1, n + 1 + want))
    if len(rows) < _MIN_ROWS:
        return {}, set()
    for n, want in blank.items():
        if n not in taken:
            rows[n] = "\t".join([lines[n].strip(), *[""] * want])
            taken.update(range(n + 1, n + 1 + want))
    return rows, taken
