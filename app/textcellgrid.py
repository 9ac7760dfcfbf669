"""A statutory table saved one cell a line (LibreOffice's “另存为 → 文本”, app/textcells.py) read
back into its grid, where the statutory labels make the cells' order certain.  The writer goes
row by row through each row's cells as Word holds them: a cell merged across columns once, a
cell merged down written again in each row below as an empty line, an empty cell an empty line.
The statutory layout (app/schema.py) says which cell comes next; a row's label, a group's label
and 表四's header words must be the statutory ones (numbering and spacing aside), a figure line
a figure, a mark for none or empty, and a header cell any words — anything else and that table
stays unread (the file said to be so written, as before).  A table cut by a page break has an
empty line between its parts and maybe its header again; figures that read two ways (a blank
first cell, or that empty line?) are not guessed either.  Lines to the grids found."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from app.docx.blocks import GridCell
from app.schema import TABLES
from app.tablespec import LayoutCell, TableSpec

_VALUE = re.compile(r"[^\S\t]*(?:[0-9][0-9,]*(?:\.[0-9]+)?|[-—–/／无])?[^\S\t]*")  # a figure, a mark for none, or empty
_LONGEST = 80  # a cell's line: a statutory label is 37 characters at most
_BREAK_LINES = 2  # empty lines between a table's two parts (a page break's paragraph)
_PARAGRAPHS = 3  # lines a label cell may take (its paragraphs)
_PLACES = 6  # a table looked for where its first label stands, so many times at most (a report pasted twice has it twice)
_BEFORE = 40  # lines a table's first row label may follow its start by (its header's cells and merges)


@dataclass(frozen=True)
class _Token:
    """One line the writer puts out for a table's cell, in its order (``_tokens``)."""

    cell: LayoutCell
    again: bool  # a cell merged down, written again in a row below (an empty line)
    row: int = -1  # the grid row this token opens (-1: it opens none)


def _tokens(spec: TableSpec) -> list[_Token]:
    """The layout's cells in the order the writer puts them out: row by row, each row's cells
    left to right, a cell merged down again in each of its later rows."""
    covering: dict[tuple[int, int], LayoutCell] = {}
    for lc in spec.layout:
        for r in range(lc.row, lc.row + lc.rowspan):
            covering[(r, lc.col)] = lc
    out: list[_Token] = []
    for r in range(spec.grid_rows):
        own = [_Token(covering[(r, j)], r != covering[(r, j)].row) for j in range(spec.grid_cols) if (r, j) in covering]
        out += [_Token(own[0].cell, own[0].again, r), *own[1:]] if own else []
    return out


def _key(text: str) -> str:
    return re.sub(r"[\s（）()、.．0-9一二三四五六七八九十]", "", text)


def _strict(spec: TableSpec, lc: LayoutCell) -> bool:
    """A label the line must say: a row's or a group's (not a header's, often reworded) — and
    表四's header, its only labels (its one row of figures is named by them alone)."""
    return bool(lc.text) and (not lc.header or spec.named_by_column)


def _match(spec: TableSpec, tokens: list[_Token], lines: list[str], start: int) -> tuple[int, int, list[list[GridCell]]] | None:
    """The table read from ``start``: how many header cells say the statutory words, the line
    after it and its grid; None where no reading puts each line in the cell the layout has there.
    A cell merged down takes its empty line or none (a writer may leave it out), a label or header
    cell of two paragraphs takes two lines or three (“商业”, “企业”); of the readings, the one whose
    header says the most statutory words (a header's cells are read in any words, so a start a
    line early reads too, each header cell the one before's).  The figures' places never vary:
    they stand between the rows' labels."""
    # reach[k]: the line after each reading of the first k cells → (its best score, the line after
    # the cell before, where this cell's own lines start)
    reach: list[dict[int, tuple[int, int, int]]] = [{start: (0, start, start)}]
    head = [t for t in tokens if t.cell.header]
    for token in tokens:
        step: dict[int, tuple[int, int, int]] = {}
        for at, (score, _, _) in reach[-1].items():
            for own in _before_row(spec, token, head, lines, at) if token.row > 0 else (at,):
                for end in _takes(spec, token, lines, own):
                    gain = not token.again and _key("".join(lines[own:end])) == _key(token.cell.text)
                    if end not in step or step[end][0] < score + gain:
                        step[end] = (score + gain, at, own)
        if not step:
            return None
        reach.append(step)
    # The line after a table is no figure: else the figures ran on past it, a line taken for a cell
    # too many (an empty paragraph between two parts read as a blank first cell: 表四 one column off).
    ends = [e for e in reach[-1] if e >= len(lines) or not lines[e].strip() or not _VALUE.fullmatch(lines[e])]
    if not ends:
        return None
    readings = {e: _texts(tokens, reach, lines, e) for e in ends}
    figures = {tuple(t for lc, t in texts.items() if lc.data is not None) for texts in readings.values()}
    if len(figures) > 1:
        return None  # the figures read two ways (a blank first cell, or a page break's empty line?): not guessed
    after = max(ends, key=lambda e: (reach[-1][e][0], -e))
    score, texts = reach[-1][after][0], readings[after]
    grid: list[list[GridCell]] = [[GridCell("", 0)] * spec.grid_cols for _ in range(spec.grid_rows)]
    for ident, lc in enumerate(spec.layout, 1):
        cell = GridCell(texts.get(lc, ""), ident)
        for r in range(lc.row, lc.row + lc.rowspan):
            for j in range(lc.col, lc.col + lc.colspan):
                grid[r][j] = cell
    return score, after, grid


def _texts(tokens: list[_Token], reach: list[dict[int, tuple[int, int, int]]], lines: list[str], end: int) -> dict[LayoutCell, str]:
    """Each cell's text in the reading that ends at line ``end``, back from there."""
    texts: dict[LayoutCell, str] = {}
    for k in range(len(tokens), 0, -1):
        _, before, own = reach[k][end]
        if not tokens[k - 1].again:
            texts[tokens[k - 1].cell] = "\n".join(x.strip() for x in lines[own:end])
        end = before
    return texts


def _before_row(spec: TableSpec, token: _Token, head: list[_Token], lines: list[str], at: int) -> list[int]:
    """Where a row's first cell may start from line ``at``: there, or past the empty lines a
    page break leaves between a table's two parts (two at most), and past its header written
    again at the second part's top (each header cell's statutory words)."""
    out = [at]
    while len(out) <= _BREAK_LINES and out[-1] < len(lines) and not lines[out[-1]].strip():
        out.append(out[-1] + 1)
    if token.row < spec.header_rows or not head:
        return out
    repeated: set[int] = set(out)
    for h in head:  # the header again, said in its statutory words
        nxt: set[int] = set()
        for k in repeated:
            nxt.update(e for e in _takes(spec, h, lines, k)
                       if h.again or _key("".join(lines[k:e])) == _key(h.cell.text))
        repeated = nxt
    return out + sorted(repeated - set(out))


def _takes(spec: TableSpec, token: _Token, lines: list[str], at: int) -> list[int]:
    """The lines after each way ``token``'s cell can be read from line ``at``."""
    def cell(k: int) -> str | None:
        line = lines[k] if k < len(lines) else None
        return None if line is None or len(line) > _LONGEST or "\t" in line else line
    first = cell(at)
    if token.again:
        return [at + 1, at] if first is not None and not first.strip() else [at]
    if first is None:
        return []
    lc = token.cell
    if lc.data is not None:
        return [at + 1] if _VALUE.fullmatch(first) else []
    out = []
    for k in range(at, min(at + _PARAGRAPHS, len(lines))):
        line = cell(k)
        if line is None or not line.strip() or _VALUE.fullmatch(line):
            break
        if not _strict(spec, lc) or _key("".join(lines[at:k + 1])) == _key(lc.text):
            out.append(k + 1)
    return out


def _starts(spec: TableSpec, lines: list[str], keys: dict[int, str]) -> Iterator[int]:
    """Where the table may start: a little before a line of its first label (so a long text is
    not matched from every line).  ``keys``: the short lines' keys, by line."""
    first = next(lc for lc in spec.layout if _strict(spec, lc))
    want = _key(first.text)
    tried: set[int] = set()
    found = 0
    for n, key in keys.items():
        if want.startswith(key) \
                and any(_key("".join(lines[n:n + k])) == want for k in range(1, _PARAGRAPHS + 1)):  # (its lines, if broken)
            found += 1
            if found > _PLACES:
                return  # (a file of that label again and again: no report, and no time spent on it)
            for start in range(n, max(-1, n - _BEFORE - 1), -1):  # (the nearest first)
                if start not in tried:
                    tried.add(start)
                    yield start


def cell_grids(lines: list[str]) -> dict[int, tuple[int, list[list[GridCell]]]]:
    """First line of each statutory table found written one cell a line → (the line after it, its grid)."""
    found: dict[int, tuple[int, list[list[GridCell]]]] = {}
    used: set[int] = set()
    keys = {n: key for n, line in enumerate(lines) if len(line) <= _LONGEST and line.strip() and (key := _key(line))}
    for spec in TABLES.values():
        tokens = _tokens(spec)
        best: tuple[int, int, int, list[list[GridCell]]] | None = None
        for start in _starts(spec, lines, keys):
            if best is not None and start > best[1] + _BEFORE:
                break  # (the table found; the report's second copy, if any, is no concern of it)
            hit = None if start in used else _match(spec, tokens, lines, start)
            if hit is not None and not used & set(range(start, hit[1])) and (best is None or hit[0] > best[0]):
                best = (hit[0], start, hit[1], hit[2])
        if best is not None:
            found[best[1]] = (best[2], best[3])
            used.update(range(best[1], best[2]))
    return found
