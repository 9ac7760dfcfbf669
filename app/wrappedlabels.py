"""Labels a PDF's text, taken out with its layout (`pdftotext -layout`, a copy from a viewer),
wraps over lines: joined onto the line of their row's figures, where the labels make it certain.

A narrow label column wraps “（二）部分公开（区分处理的，只计这一情形，不计其他情形）” over two or
three lines, the row's figures standing on one of them (or on a line of their own between); the
labels that span rows (三、本年度办理结果, （三）不予公开…) are cut into pieces too, each on the line
beside the row it stands by (“（三）不 4.保护第三方合法权益”, a line “其他处理” between two of a
label's lines).  Read line by line, such a row had no label (its figures not read) and a row's
label had a piece of another in front (a LABEL-EDITED note that was none).

Certain means: the pieces, joined in the order they stand, are one statutory row label exactly
(app/labels.key: white space and numbering punctuation aside), the line has as many figures as
that row has cells, and no other way of joining the lines near it gives a label (a line two
rows would take joins neither).  The lines tried are those in the label's column, and a lone word
no spanning label has wherever pdftotext set it; pieces of a spanning label are passed over where
they stand in another column or in front of the row's label on its line.  Anything less certain
is left as it was, for app/textrows.py to read or to say.
"""

from __future__ import annotations

import re

from app.labels import key, loose
from app.schema import REQUESTS, REVIEWS, T3_CORNER, T4_GROUPS, T4_LITIGATION, T4_RESULTS, TABLES

# A statutory row label → its row's data cells; the labels that span rows (and are cut in pieces)
_ROWS = {key(c.text): sum(1 for d in spec.layout if d.row == c.row and d.data is not None)
         for spec in TABLES.values() for c in spec.layout
         if c.text and c.data is None and not c.header and c.rowspan == 1
         and any(d.row == c.row and d.data for d in spec.layout)}
# 表四 in the compact grid (app/docx/t4grid.py): a group's row of its five results, its label
# wrapped in the narrow first column (“行政诉讼 / （未经复议 / 直接起诉）”).
_ROWS |= {key(label): len(T4_RESULTS) for label in (
    *T4_GROUPS, *(f"{T4_LITIGATION}（{g}）" for g in T4_GROUPS[1:]), *(f"{T4_LITIGATION}{g}" for g in T4_GROUPS[1:]))}
_BEGINNINGS = frozenset(label[:i] for label in _ROWS for i in range(len(label) + 1))
_SPANNING = tuple(loose(c.text) for spec in TABLES.values() for c in spec.layout
                  if c.text and c.data is None and not c.header and c.rowspan > 1)
_GAP = re.compile(r"[ \u00a0]{2,}|\u3000+")
_FIGURE = r"(?:[0-9０-９.．,，%％\-—－/／]+|无)"
_FIGURES = re.compile(f"{_FIGURE}(?: {_FIGURE})*")  # one cell's figures, one space apart
_FIGURE_END = frozenset("0123456789０１２３４５６７８９.．%％-—－/／无")
_LOOK = 20  # lines above and below a row's figures its label may reach (two characters a line)
_LONGEST = 200  # characters: a line longer is no label's piece
# Rows of figures looked at in one text: the statutory tables have some forty, a report with
# last year's beside them or annex tables a few hundred; a text of a million such lines is
# no report, and its reading is bounded (3 µs a line, 10 µs a row whose label wraps).
_MOST_ROWS = 2_000


def _piece_of_spanning(text: str) -> bool:
    k = loose(text)  # (not ``key``: “、” is a piece of 三、本年度办理结果, not trailing punctuation)
    return bool(k) and any(k in label for label in _SPANNING)


def _own(text: str) -> str:
    """``text`` without the pieces of spanning labels in front of it (“（三）不 4.保护…”; “他处理”
    beside a row whose label stands on the lines around it is none of it)."""
    words = text.split()
    while words and _piece_of_spanning(words[0]) and key("".join(words)) not in _ROWS:
        words.pop(0)
    return " ".join(words)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \u3000"))


def _unpaged(line: str) -> str:
    """A line without the form feed pdftotext starts each page with (a label may run on over it)."""
    return line[1:] if line.startswith("\f") else line


def _column(line: str, own: str) -> int:
    """Where ``own`` (a line's label, spanning labels' pieces in front left out) starts: the
    label column, whatever stands in the spanning label's column before it."""
    return line.find(own.split()[0]) if own.strip() else _indent(line)


def _figures_line(line: str) -> tuple[str, list[str]] | None:
    """A row's line: its label part (maybe empty) and the figures that end it, each on its own
    (narrow columns leave one space between two figures: “23 11 25”)."""
    if "  " not in line and "\u3000" not in line:
        return None  # (most lines of text: one test, no split)
    tail = line.rstrip()
    if not tail or tail[-1] not in _FIGURE_END:
        return None
    cells = _GAP.split(tail.strip())
    figures: list[str] = []
    n = len(cells)
    while n and _FIGURES.fullmatch(cells[n - 1]):
        n -= 1
        figures[:0] = cells[n].split()
    if len(figures) < 2:
        return None
    return " ".join(cells[:n]), figures


def _pieces(lines: list[str], at: int, step: int, indent: int | None) -> list[tuple[int, str]]:
    """The lines next to ``at`` (going by ``step``) that may carry its label on: one cell
    each, no figures, at the label's indentation; a spanning label's piece set apart is passed."""
    out: list[tuple[int, str]] = []
    k = at + step
    while 0 <= k < len(lines) and len(out) < _LOOK:
        line = _unpaged(lines[k])
        text = line.strip()
        if not text or len(text) > _LONGEST or _figures_line(line) or any(ch.isdigit() for ch in text[-1:]):
            break
        own = _own(text)
        if not own and indent is not None:  # pieces only: is one in the label's column? (“本年   开”)
            words = text.split()
            own = next((" ".join(words[j:]) for j in range(len(words))
                        if _column(line, " ".join(words[j:])) == indent), "")  # (its end, or a piece: both tried)
        if own and _GAP.search(text[text.find(own.split()[0]):]):  # cells of a row, not a label's piece
            break
        # A lone word no spanning label has is this column's wherever pdftotext set it (it
        # closes a line up when the spanning label's column is empty there: “     息”)
        lone = own == text and " " not in text and not _piece_of_spanning(text)
        if own and (indent is None or _column(line, own) == indent or lone):
            out.append((k, own))
            indent = _column(line, own)
        elif own:  # another column's text
            break
        k += step  # (a line of a spanning label's pieces only is passed)
    return out


def _ways(above: list[str], own: str, below: list[str], figures: int) -> list[tuple[tuple[int, int], str]]:
    """Every way the lines above (nearest first) and below make, with ``own``, a statutory row
    label of ``figures`` cells: how many of each, and the label.  A way is followed only while
    what it has joined begins some label (a line at a time: a label two characters a line is
    twenty lines)."""
    out = []
    for a in range(len(above) + 1):
        start = "".join([*reversed(above[:a]), own])
        if key(start) not in _BEGINNINGS:
            continue
        for b in range(len(below) + 1):
            whole = start + "".join(below[:b])
            k = key(whole)
            if k not in _BEGINNINGS:
                break
            if a + b and _ROWS.get(k) == figures:
                out.append(((a, b), whole))
    return out


def unwrapped(lines: list[str]) -> tuple[list[str], dict[int, int], set[int]]:
    """``lines`` with each certain wrapped label joined onto its figures' line and its other
    lines made blank, 表三's wrapped header made one line; each line so taken, with the row it
    went to; and the first line of each header so made (a table begins there: the heading above
    it, its words spaced out, is no row of the table before)."""
    taken: dict[int, int] = {}
    claimed: dict[int, list[int]] = {}
    joins: dict[int, str] = {}
    rows = 0
    anchors: list[tuple[int, int]] = []  # (row, its first line) under a header of 表三's words
    headers: list[tuple[int, dict[int, str]]] = []  # (row, the header's lines as they are to be)
    tops: dict[int, int] = {}  # a joined row → the first line of its label
    for n, paged in enumerate(lines):
        line = _unpaged(paged)
        found = _figures_line(line)
        if found is None:
            continue
        rows += 1
        if rows > _MOST_ROWS:  # far more rows of figures than a report's tables have: no report's
            break
        label, cells = found
        figures = len(cells)
        own = _own(label)
        if not label and figures == _T4_WIDTH and len(anchors) < _MOST_HEADERS and (t4 := _t4_header(lines, n)):
            headers.append((n, t4))  # 表四's header stacked a character a line (narrow columns)
            continue
        if len(anchors) < _MOST_HEADERS and _under_header(lines, n):
            anchors.append((n, n))
        if own and key(own) in _ROWS:  # the row's whole label: only a spanning label's piece in
            # front of it, or figures one space apart, to be put right where their count is the row's
            if _ROWS[key(own)] == figures and (own != label or _GAP.split(line.strip())[-figures:] != cells):
                joins[n] = f"{' ' * _column(line, own)}{own}  {'  '.join(cells)}"
            continue
        indent = _column(line, own) if own else None
        above = _pieces(lines, n, -1, indent)
        below = _pieces(lines, n, 1, indent if indent is not None
                        else (_column(_unpaged(lines[above[0][0]]), above[0][1]) if above else None))
        ways = _ways([t for _, t in above], own, [t for _, t in below], figures)
        if len(ways) != 1:
            continue
        (a, b), whole = ways[0]
        joins[n] = f"{' ' * (indent if indent is not None else _indent(line))}{whole}  {'  '.join(cells)}"
        for k, _ in [*above[:a], *below[:b]]:
            claimed.setdefault(k, []).append(n)
        if a:
            tops[n] = above[a - 1][0]
    doubtful = {n for owners in claimed.values() if len(owners) > 1 for n in owners}
    for n, top in tops.items():  # a first row whose label is wrapped: its header above its first line
        if len(anchors) < _MOST_HEADERS and n not in doubtful and _under_header(lines, top):
            anchors.append((n, top))
    headers += [(n, done) for n, top in anchors if (done := _header(lines, top)) is not None]
    if not joins and not headers:
        return lines, taken, set()  # (no copy: a text of millions of lines)
    out = list(lines)
    for n, text in joins.items():
        if n not in doubtful:
            out[n] = text
    for k, owners in claimed.items():
        if owners[0] not in doubtful:
            out[k] = ""
            taken[k] = owners[0]
    for n, rewritten in headers:
        for k, line in rewritten.items():
            out[k] = line
            if not line:
                taken[k] = n
    return out, taken, {min(done) for _, done in headers}


# 表三's header as it is wrapped in narrow columns (“商业/企业”, the corner over three lines)
_T3 = TABLES[REQUESTS]
_COLUMNS = [loose(c.text) for c in sorted((c for c in _T3.layout if c.header and c.text and c.colspan == 1), key=lambda c: c.col)]
_CORNER = loose(T3_CORNER)
_HEADS = (*_COLUMNS, _CORNER, *(loose(c.text) for c in _T3.layout if c.header and c.text and c.colspan > 1 and c.col))
_WRITTEN = [T3_CORNER,
            *(c.text for c in sorted((c for c in _T3.layout if c.header and c.text and c.colspan == 1), key=lambda c: c.col))]
_NEAR = 3  # characters: a column label's pieces stand this near one another, line under line
_MOST_HEADERS = 20  # 表三's header over the pages of a report, and last year's


def _under_header(lines: list[str], n: int) -> bool:
    """Whether the line above row ``n`` (blank lines passed) is all words of 表三's header."""
    k = n - 1
    while k >= 0 and not lines[k].strip():
        k -= 1
    words = lines[k].split() if k >= 0 else []
    return (any(len(w) > 1 for w in words)  # (a row label's last character, “请”, is in 申请人情况 too)
            and all(any(loose(w) in head for head in _HEADS) for w in words))


def _header(lines: list[str], first: int) -> dict[int, str] | None:
    """表三's header above its row ``first``, its column labels wrapped over lines: one line of them
    after the corner, where every column label is made of pieces one under another, one way only,
    in the statutory order, and the corner's pieces make the corner; the header's lines as they are
    to be (its other lines blank, or only the labels over several columns left).  None: as it is."""
    words: list[tuple[int, int, str]] = []  # (line, column, text)
    block: list[int] = []
    k = first - 1
    while k >= 0 and len(block) < 12:
        line = _unpaged(lines[k])
        found = [(k, m.start(), m.group()) for m in re.finditer(r"\S+", line)]
        if found and not all(any(loose(w) in head for head in _HEADS) for _, _, w in found):
            break
        block.append(k)
        words[:0] = found
        k -= 1
    used: set[tuple[int, int, str]] = set()
    starts = []
    for label in _COLUMNS:
        ways = [way for way in _stacks(words, label) if not used.intersection(way)]
        if len(ways) != 1:
            return None
        used.update(ways[0])
        starts.append(ways[0][0][1])
    corner = [w for w in words if w not in used and loose(w[2]) in _CORNER]
    if starts != sorted(starts) or len(set(starts)) != len(starts) or loose("".join(w[2] for w in corner)) != _CORNER:
        return None
    used.update(corner)
    nearest = next((k for k in block if lines[k].strip()), None)
    if nearest is None or any(w[0] == nearest for w in words if w not in used):
        return None  # (a group label on the line the header is written on: left as it is)
    # Its other lines go (the labels over several columns, 申请人情况 and 法人或其他组织, with them:
    # the columns are named by the one line)
    return {nearest: "  ".join(_WRITTEN)} | {k: "" for k in block if k != nearest and lines[k].strip()}


def _stacks(words: list[tuple[int, int, str]], label: str) -> list[list[tuple[int, int, str]]]:
    """The ways ``words`` make ``label`` from pieces one under another (a line each, each this
    near the first's column)."""
    out = []

    def grow(way: list[tuple[int, int, str]], made: str) -> None:
        if made == label:
            out.append(way)
            return
        for w in words:
            if w[0] > way[-1][0] and abs(w[1] - way[0][1]) <= _NEAR and label.startswith(made + loose(w[2])):
                grow([*way, w], made + loose(w[2]))

    for w in words:
        if label.startswith(loose(w[2])):
            grow([w], loose(w[2]))
    return out


def spanning_piece(line: str) -> bool:
    """A line that is only a piece of a spanning label (“（六）”, “其他处理”): between a table's rows."""
    text = line.strip()
    return bool(text) and len(text) <= _LONGEST and all(_piece_of_spanning(w) for w in text.split())


# 表四's header in a PDF's text: the five results of each group in columns one or two characters
# wide, so “结/果/维/持” stand a character a line (the statutory PDF's own layout); the group names
# (行政复议, 未经复议直接起诉 …) fit on their lines.
_T4 = TABLES[REVIEWS]
_T4_WIDTH = sum(1 for c in _T4.layout if c.data is not None)
_T4_RESULTS = [loose(c.text) for c in sorted((c for c in _T4.layout if c.header and c.text and c.colspan == 1), key=lambda c: c.col)]
_T4_GROUPS = frozenset(loose(c.text) for c in _T4.layout if c.header and c.text and c.colspan > 1)
_T4_WRITTEN = [c.text for c in sorted((c for c in _T4.layout if c.header and c.text and c.colspan == 1), key=lambda c: c.col)]


def _t4_header(lines: list[str], first: int) -> dict[int, str] | None:
    """表四's header above its row of figures ``first`` with its result labels stacked in columns:
    the lines as they are to be — the line nearest the figures the fifteen results, the group
    names where they stand, the stacked pieces gone.  None unless the columns, read top to bottom
    and left to right, are the statutory results exactly."""
    block: list[int] = []
    stacked: list[tuple[int, int, str]] = []  # (line, column, piece)
    k = first - 1
    while k >= 0 and len(block) < 12:
        line = _unpaged(lines[k])
        found = [(k, m.start(), m.group()) for m in re.finditer(r"\S+", line)]
        pieces = [w for w in found if loose(w[2]) not in _T4_GROUPS]
        if not all(any(loose(w[2]) in r for r in _T4_RESULTS) for w in pieces):
            break
        block.append(k)
        stacked += pieces
        k -= 1
    columns: list[list[tuple[int, int, str]]] = []
    for w in sorted(stacked, key=lambda w: (w[1], w[0])):
        column = next((c for c in columns if abs(c[0][1] - w[1]) <= _NEAR and all(x[0] != w[0] for x in c)), None)
        if column is None:
            columns.append([w])
        else:
            column.append(w)
    columns.sort(key=lambda c: c[0][1])
    if ["".join(loose(w[2]) for w in sorted(c)) for c in columns] != _T4_RESULTS:
        return None
    nearest = max(w[0] for w in stacked)  # (lines were gathered upwards: the last line of the stacks)
    taken = {(w[0], w[1]) for w in stacked}
    out: dict[int, str] = {}
    for k in block:
        line = _unpaged(lines[k])
        kept = "".join(" " * len(m.group()) if (k, m.start()) in taken else m.group()
                       for m in re.finditer(r"\S+|\s+", line)).rstrip()
        if kept != line.rstrip():
            out[k] = kept
    out[nearest] = "  ".join(_T4_WRITTEN)
    top = min(k for k in block if lines[k].strip())  # the table begins there (its group names' line)
    out.setdefault(top, _unpaged(lines[top]).rstrip())
    return out
