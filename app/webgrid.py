"""A web page's <table> as the grid of cells the .docx reader reads (app/docx/blocks.py), laid
out as a browser lays it out: row groups in their drawn order, colspan and rowspan expanded;
and a rowspan one row off (a hand-edited CMS table) read as the table's shape says it was meant,
the rows it shifted in the browser said."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from typing import Protocol

import lxml.etree
import lxml.html

from app import limits
from app.docx.fastgrid import GridCell
from app.findings import ROWSPAN_OFF
from app.webcss import Css, Hidden, drop_marks


def html_grid(table: lxml.html.HtmlElement, budget: limits.TableBudget, css: Css | None = None,
               seen: Hidden | None = None, cut: Continuing | None = None) -> list[list[GridCell]]:
    """Rows of a <table> with colspan/rowspan expanded, like the .docx grid; a cell's note
    marks and struck-through text left out (counted in ``seen.notes``).  Rows are laid out as
    browsers lay them out (the HTML table model): the first <thead> on top and the first <tfoot>
    at the bottom wherever they stand, and a rowspan ends with its row group (<thead>, <tbody>,
    <tfoot>, or a run of rows straight in the table) — rowspan="0" reaches that end.  A rowspan
    one row too long or (in the header) too short, which a browser draws as the next row shifted
    sideways, is read as meant and said (``_respan``, ``seen.respanned``).  ``cut``: the table
    before it, when this one may be its continuation (app/webcut.py); set to this one's."""
    css = css if css is not None else Css()
    groups: list[list[list[_Cell]]] = []
    ident = 0
    for group in _row_groups(table):
        rows: list[list[_Cell]] = []
        for r, tr in enumerate(group):
            row: list[_Cell] = []
            for cell in (c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")):
                ident += 1
                marked = drop_marks(cell, css)
                if marked and seen is not None:
                    seen.notes += 1
                numbered = _list_number(cell)
                if numbered and seen is not None:
                    seen.numbers.append(numbered)
                # Where the notes about it point (read_web_copy): the statutory cell it is placed in.
                notes = (*(("note",) if marked else ()), *(("list-number",) if numbered else ()),
                         *(("css",) if seen is not None and cell in seen.restyled_at else ()))
                gc = GridCell(limits.cell_text("\n".join(lines(cell))), ident, notes)
                rowspan = _span(cell.get("rowspan"))
                row.append(_Cell(gc, _span(cell.get("colspan")) or 1,  # colspan="0" is 1
                                 len(group) - r if rowspan == 0 else min(rowspan, len(group) - r),
                                 max(rowspan - (len(group) - r), 0)))
            rows.append(row)
        groups.append(rows)
    laid = [_lay(rows, budget) for rows in groups]
    if cut is not None:
        if cut.carry(groups, laid, budget):
            laid = [_lay(rows, limits.TableBudget()) for rows in groups]  # the same cells: counted once
        cut.note(groups, laid)
    said: dict[int, str] = {}
    for _ in range(_RESPANS):  # a rowspan two rows too long is one too long once shortened
        fixed = _respan(groups, laid)
        if not fixed:
            break
        laid = [_lay(rows, limits.TableBudget()) for rows in groups]  # the same cells: counted once
        said.update((at, _shifted_row(at, own, longer)) for at, own, longer in fixed)
    if widened := _recolspan(groups, laid):
        laid = [_lay(rows, limits.TableBudget()) for rows in groups]
        said.update((at, f"第{at + 1}行（“{words.split(chr(10))[0].strip()[:20]}”），其中的标签单元格{'多' if k > 0 else '少'}跨了{abs(k)}列")
                    for at, words, k in widened)
    if seen is not None and said:
        seen.respanned += [said[at] for at in sorted(said)]
        # Where the note points (app/webcopy.py): the statutory cells of those rows, not 基本信息.
        flat = [row for rows in groups for row in rows]
        for at in said:
            for c in flat[at]:
                c.gc = replace(c.gc, notes=(*c.gc.notes, ROWSPAN_OFF.kind))
        laid = [_lay(rows, limits.TableBudget()) for rows in groups]
    return [row for g, _ in laid for row in g]


Laid = list[tuple[list[list[GridCell]], list["_Laid"]]]  # each row group's grid and its rows as laid out


class Continuing(Protocol):
    """The table before, as one cut from it may go on from it (app/webcut.Cut)."""

    def carry(self, groups: list[list[list[_Cell]]], laid: Laid, budget: limits.TableBudget) -> bool:
        """Cells the cut left out given to this table's rows; whether any were."""

    def note(self, groups: list[list[list[_Cell]]], laid: Laid) -> None:
        """This table, as the next may go on from it."""


def _label_text(text: str) -> bool:
    return bool(text.strip()) and not _VALUE.fullmatch(text)


_RESPANS = 4  # rounds of undoing rowspans off by one: a table so broken further is said as it is drawn


def _list_number(cell: lxml.html.HtmlElement) -> str:
    """A figure cell's list number as Word writes it into a page it saves (“<![if !supportLists]>
    1.<![endif]>37”, a numbered list over a column of figures): browsers show “1.37”, but the
    number is Word's numbering, no part of the figure (its .docx reads 37, said): taken out and
    returned (“1.”), before a figure or a mark for none.  A label's number (“1.属于国家秘密”)
    stays; so does any cell without it."""
    marks = [c for c in cell.iter(lxml.etree.Comment) if "supportlists" in (c.text or "").replace(" ", "").lower()]
    if not marks:
        return ""
    start = marks[0]
    end = next((c for c in start.itersiblings() if isinstance(c, lxml.html.HtmlComment) and "endif" in (c.text or "").lower()), None)
    if end is None:
        return ""
    after = list(start.itersiblings())
    between = after[:after.index(end)]
    number = "".join((start.tail or "", *(lxml.html.tostring(e, method="text", encoding="unicode", with_tail=True) for e in between))).strip()
    rest = "".join(lines(cell)).replace(number, "", 1) if number else ""
    if not number or not _VALUE.fullmatch(rest):  # a figure, or a mark for none (“—”, “无”) as its .docx reads
        return ""
    for e in between:
        e.drop_tree()
    start.tail = None
    return number


@dataclass
class _Cell:
    """A <td>/<th> of a row group: its grid cell, its colspan and its rowspan (as laid out)."""

    gc: GridCell
    span: int
    rowspan: int
    past: int = 0  # the rows its rowspan asked for past its row group's end (a table cut)


@dataclass
class _Laid:
    """A row as laid out: the columns rowspans from above cover in it (column → the _Cell's id),
    and its own cells' widths in order."""

    covered: dict[int, int]
    own: list[int]


def _lay(rows: list[list[_Cell]], budget: limits.TableBudget) -> tuple[list[list[GridCell]], list[_Laid]]:
    grid: list[list[GridCell]] = []
    laid: list[_Laid] = [_Laid({}, []) for _ in rows]
    pending: dict[tuple[int, int], GridCell] = {}  # positions covered by a rowspan above
    for r, cells in enumerate(rows):
        row: list[GridCell] = []
        col = 0
        for c in cells:
            while (r, col) in pending:
                row.append(pending.pop((r, col)))
                col += 1
            budget.add(c.span * c.rowspan)
            budget.add(0, len(c.gc.text) * c.span * c.rowspan)
            for dr in range(1, c.rowspan):
                for dc in range(c.span):
                    pending[(r + dr, col + dc)] = c.gc
                    laid[r + dr].covered[col + dc] = id(c)
            laid[r].own.append(c.span)
            row.extend([c.gc] * c.span)
            col += c.span
        while (r, col) in pending:
            row.append(pending.pop((r, col)))
            col += 1
        budget.row(len(row))
        grid.append(row)
    return grid, laid


_FIGURE = re.compile(r"\s*\d[\d,，]*\s*")
# What a table's figure cell may hold besides a figure: a decimal (表二's 万元), a unit, a mark for
# none (“—”, “/”, “无”, read blank by app/values.py): no row label.
_VALUE = re.compile(r"\s*(?:\d[\d,，]*(?:[.．]\d+)?\s*(?:件|个|万元|元)?|[-—–―－/／\\无空]{1,2})\s*")


def _width(own: list[int], covered: set[int], more: frozenset[int] = frozenset()) -> int | None:
    """How many columns a row of own cells ``own`` fills beside the ``covered`` ones (and those of
    ``more``, none of them covered, taken as covered too), or None when one of its cells would
    overlap a covered column (no reading of its shape)."""
    col = 0
    for span in own:
        while col in covered or col in more:
            col += 1
        if any(col + k in covered or col + k in more for k in range(span)):
            return None
        col += span
    return sum(own) + len(covered) + len(more)


def _respan(groups: list[list[list[_Cell]]], laid: list[tuple[list[list[GridCell]], list[_Laid]]]) -> list[tuple[int, str, bool]]:
    """Undo a rowspan off by one, as a hand-edited CMS table has it: a browser draws it as it is,
    the row after (or the last it should cover) shifted sideways, and its figures read one
    column off (15 of 表四's cells, silently).  The table's width is its rows' commonest; a row
    wider than that fills it exactly, its cells overlapping nothing, without one (or all) of the
    rowspans ending in it: they reached a row too far, and are shortened.  A row holding no
    figure (a header row) narrower than that fills it exactly with one (or all) of those ending
    in the row above: they stopped a row short, and are lengthened.  So is a row of figures as
    many as the table's rows have after their labels (a row added under a merged label, its
    rowspan left as it was: the row pushed one column left, its figures 'a row that matches no
    statutory row', unread) — when one only of those rowspans fits it.  Any other ragged row is
    left as drawn.  The rows so read (their place in the table, their first cell's text, and
    whether wider), in order."""
    widths = [sum(x.own) + len(x.covered) for _, rows in laid for x in rows]
    if len(set(widths)) <= 1:
        return []
    width = max(set(widths), key=widths.count)
    usual = _usual_tail(groups)
    fixed: list[tuple[int, str, bool]] = []
    at = 0
    for rows, (grid, info) in zip(groups, laid, strict=True):
        cells = {id(c): c for row in rows for c in row}
        start = {id(c): r for r, row in enumerate(rows) for c in row}
        for r, x in enumerate(info):
            here = sum(x.own) + len(x.covered)
            if here > width:
                ending = {k for k in x.covered.values() if start[k] + cells[k].rowspan - 1 == r}
                cols = _columns_of(x.covered, ending)
                for out in _choices(ending, cols, here - width):
                    if _width(x.own, {col for col, k in x.covered.items() if k not in out}) == width:
                        for k in out:
                            cells[k].rowspan -= 1
                        fixed.append((at + r, rows[r][0].gc.text if rows[r] else "", True))
                        break
            elif here < width and r and ((header := not any(_FIGURE.fullmatch(gc.text) for gc in grid[r]))
                                         or _after_label(rows[r]) == usual):
                above = info[r - 1].covered | _own_columns(rows[r - 1], info[r - 1])
                ended = {k for k in above.values() if start[k] + cells[k].rowspan - 1 == r - 1}
                spanned = {k for k in ended if cells[k].rowspan > 1}
                covered = set(x.covered)
                cols = _columns_of({col: k for col, k in above.items() if col not in covered}, ended)
                fits = [more for more in _choices(spanned, cols, width - here)
                        if _width(x.own, covered, frozenset(c for k in more for c in cols[k])) == width]
                # (a header row takes the first that fits; a row of figures only the one: two
                # would be a guess — “自然人” or “总计” over a row whose label is too narrow)
                fits = fits[:1] if header else fits
                if not fits and header:  # a cell of the row above with no rowspan at all: only when one alone fits
                    fits = list(itertools.islice((  # (a second fit is enough to know it is not one alone)
                        {k} for k in _alone(ended - spanned, cols, width - here) if _width(x.own, covered, frozenset(cols[k])) == width), 2))
                if len(fits) == 1:
                    for k in fits[0]:
                        cells[k].rowspan += 1
                    fixed.append((at + r, rows[r][0].gc.text if rows[r] else "", False))
        at += len(grid)
    return fixed


def _recolspan(groups: list[list[list[_Cell]]], laid: list[tuple[list[list[GridCell]], list[_Laid]]]) -> list[tuple[int, str, int]]:
    """A row label's colspan too wide (“一、本年新收…” over four columns, not three): a browser pushes
    the row's figures one column right, the last beyond the table, and they read one column off
    (7 of 表三's cells, silently).  A row wider than the table's commonest width by k whose one
    label cell (no figure) spans more than k columns is read with that cell k narrower.  The rows
    so read (their place, their label, k)."""
    widths = [sum(x.own) + len(x.covered) for _, rows in laid for x in rows]
    if len(set(widths)) <= 1:
        return []
    width = max(set(widths), key=widths.count)
    # A row with one cell too many (a figure added at its end) is as wide, but has one more cell
    # after its label than the table's rows have: drawn and read as it is.
    usual = _usual_tail(groups)
    out: list[tuple[int, str, int]] = []
    at = 0
    for rows, (grid, info) in zip(groups, laid, strict=True):
        for r, x in enumerate(info):
            excess = sum(x.own) + len(x.covered) - width
            if not excess or _after_label(rows[r]) != usual or not any(_FIGURE.fullmatch(c.gc.text) for c in rows[r]):
                continue
            labels = [c for c in rows[r] if c.span > excess and _label(c)]
            if excess > 0 and len(labels) == 1:
                labels[0].span -= excess
                out.append((at + r, labels[0].gc.text, excess))
            elif excess < 0 and usual > 1 and (label := _widened(rows[r], x, -excess, width)) is not None:
                # One column too narrow (“一、本年新收…” over two): its figures one column left in a
                # browser, under the label's column, the last column empty — and the row read as
                # none of the table's.  (Where a row has one figure, 表二's, a narrower row is a
                # figure's colspan left out: drawn under its heading all the same.)
                label.span -= excess
                out.append((at + r, label.gc.text, excess))
        at += len(grid)
    return out


def _widened(cells: list[_Cell], x: _Laid, k: int, width: int) -> _Cell | None:
    """The row's last label, when it spans this row only and, ``k`` columns wider, has the row
    fill the table's width exactly; else None."""
    last = max((i for i, c in enumerate(cells) if _label(c)), default=-1)
    if last < 0 or cells[last].rowspan != 1:
        return None
    own = [c.span + (k if i == last else 0) for i, c in enumerate(cells)]
    return cells[last] if _width(own, set(x.covered)) == width else None


def _usual_tail(groups: list[list[list[_Cell]]]) -> int:
    """How many cells the table's rows of figures commonly have after their last label."""
    tails = [_after_label(cells) for rows in groups for cells in rows if any(_FIGURE.fullmatch(c.gc.text) for c in cells)]
    return max(set(tails), key=tails.count) if tails else -1


def _after_label(cells: list[_Cell]) -> int:
    """How many cells of a row stand after its last label."""
    last = max((i for i, c in enumerate(cells) if _label(c)), default=-1)
    return len(cells) - last - 1


def _label(cell: _Cell) -> bool:
    """A cell of words, not a figure nor what a figure's cell holds instead (a “—” among the
    figures of a row whose label was one column too wide had it read one column off)."""
    return _label_text(cell.gc.text)


# Rowspans (or cells) a row's shape is tried with, at most: a statutory table has a dozen columns;
# a row with hundreds ending in it (a page made to be slow: each try costs the row's width, and
# they were tried one by one, 3 s a table) is read as drawn.
_MAX_TRIES = 16


def _columns_of(columns: dict[int, int], keys: set[int]) -> dict[int, list[int]]:
    """The columns (of ``columns``: column → the _Cell's id) each of ``keys`` stands in."""
    out: dict[int, list[int]] = {k: [] for k in keys}
    for col, k in columns.items():
        if k in out:
            out[k].append(col)
    return out


def _choices(keys: set[int], cols: dict[int, list[int]], change: int) -> list[set[int]]:
    """All of them, then each alone: the rowspans one of which (or all) is off by one — those
    whose columns number ``change``, the columns the row is off by (no other can make it fit)."""
    return ([set(keys)] if keys and sum(len(cols[k]) for k in keys) == change else []) \
        + ([{k} for k in _alone(keys, cols, change)] if len(keys) > 1 else [])


def _alone(keys: set[int], cols: dict[int, list[int]], change: int) -> list[int]:
    """Those of ``keys`` standing in ``change`` columns, left to right; none when more than
    _MAX_TRIES do."""
    alone = sorted((k for k in keys if len(cols[k]) == change), key=lambda k: cols[k][0])
    return alone if len(alone) <= _MAX_TRIES else []


def _own_columns(cells: list[_Cell], x: _Laid) -> dict[int, int]:
    """The columns a row's own cells stand in (column → the _Cell's id)."""
    out: dict[int, int] = {}
    col = 0
    for c in cells:
        while col in x.covered:
            col += 1
        for k in range(c.span):
            out[col + k] = id(c)
        col += c.span
    return out


def _shifted_row(at: int, first: str, longer: bool) -> str:
    """A row read as meant, for the note: its place and its first cell's words (“第28行（四、结转下年度继续办理）”)."""
    words = first.split("\n")[0].strip()[:20]
    return (f"第{at + 1}行" + (f"（“{words}”）" if words else "")
            + ("，上方的合并单元格多跨了这一行" if longer else "，上方的合并单元格少跨了这一行"))


GROUPS = ("thead", "tbody", "tfoot")


def _row_groups(table: lxml.html.HtmlElement) -> list[list[lxml.html.HtmlElement]]:
    """The table's own rows by row group, in the order a browser shows them: the first <thead>
    first and the first <tfoot> last (CSS table-header-group / table-footer-group; later ones
    stay where they are); rows straight in the table, between groups, make a group each run
    (the HTML parser wraps them in a <tbody>)."""
    groups: list[tuple[str, list[lxml.html.HtmlElement]]] = []
    last: lxml.html.HtmlElement | None = None
    for tr in table.iter("tr"):
        if not _own_row(tr, table):
            continue
        parent = tr.getparent()
        holder = parent if parent is not table and isinstance(parent.tag, str) and parent.tag.lower() in GROUPS else None
        if not groups or holder is not last or (holder is None and groups[-1][0] != "run"):
            groups.append((holder.tag.lower() if holder is not None else "run", []))
        groups[-1][1].append(tr)
        last = holder
    head = next((g for g in groups if g[0] == "thead"), None)
    foot = next((g for g in groups if g[0] == "tfoot"), None)
    ordered = ([head] if head else []) + [g for g in groups if g is not head and g is not foot] + ([foot] if foot else [])
    return [rows for _, rows in ordered]


def _own_row(tr: lxml.html.HtmlElement, table: lxml.html.HtmlElement) -> bool:
    parent = tr.getparent()
    while parent is not None and parent.tag.lower() != "table":
        parent = parent.getparent()
    return parent is table


_LEADING_DIGITS = re.compile(r"[\t\n\f\r ]*\+?(\d+)")


def _span(value: str | None) -> int:
    """A colspan/rowspan as browsers parse it (leading digits: "2px" is 2; junk, negative or
    absent is 1; "0" is 0, which the caller gives its meaning), clamped to the cap of
    app/limits.py."""
    found = _LEADING_DIGITS.match(value or "")
    if found is None:
        return 1
    return min(int(found.group(1)[:9]), limits.MAX_SPAN)


def respanned(rows: list[str]) -> str:
    """What is said of the table rows a rowspan off by one shifted (app/webcopy.py ``_respan``)."""
    listed = "；".join(rows[:8]) + (f"等{len(rows)}行" if len(rows) > 8 else "")
    return (f"网页中的表格有{len(rows)}行被跨错了行数或列数的合并单元格（rowspan、colspan）挤得错开了一格，浏览器中这些行的数字显示在相邻的列下"
            f"（或排到了表格之外）：{listed}；表格的形状表明了原意，已按原意（各行自身的单元格）读入，请在浏览器中核对这些行的数字，并请网站改正该表格")


def lines(el: lxml.html.HtmlElement) -> list[str]:
    for br in el.iter("br"):
        br.tail = "\n" + (br.tail or "")
    text = el.text_content().replace("\xa0", " ")
    return [line.strip() for line in text.split("\n") if line.strip()]
