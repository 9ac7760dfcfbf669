"""A statutory table's header rows standing alone, its body in the next table.

A page break inside a table (a PDF→Word converter keeps each page's part as its own table; a
manual split; Acrobat's page boxes) can leave 表三's three header rows, 表二's first row or 表四's
group row as a table of their own at a page's foot.  Alone they name no table (tables.classify
wants two of a table's labels) and would be taken for a table of words — the section's text.  A
short table of the header words of the statutory table that follows it, with only blank lines
between, is that table's header: not text, and no unknown table.  The body is read by position
as ever.  Also used for the tables a PDF's page makes (app/pdfread)."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from app.docx import tables as tbl
from app.docx.blocks import Block, ParaBlock, TableBlock
from app.labels import loose
from app.schema import (
    PROACTIVE,
    REQUESTS,
    REVIEWS,
    T2_ITEM_HEADER,
    T2_MARKERS,
    T3_APPLICANT,
    T3_CORNER,
    T3_LEGAL,
    T3_LEGAL_KINDS,
    T3_NATURAL,
    T4_MARKERS,
    T4_RESULTS,
)

# The words of each statutory table's header rows (表三's corner by its opening words).
_HEADER_WORDS: dict[str, tuple[str, ...]] = {
    REQUESTS: tuple(loose(w) for w in (T3_APPLICANT, T3_NATURAL, T3_LEGAL, *T3_LEGAL_KINDS, T3_CORNER[:10])),
    PROACTIVE: tuple(loose(w) for w in (T2_ITEM_HEADER, *T2_MARKERS)),
    REVIEWS: tuple(loose(w) for w in (*T4_MARKERS, *T4_RESULTS)),
}
_MOST_ROWS = 3  # 表三's header is three rows; a longer table is a table of its own


def lone_headers(blocks: list[Block]) -> set[int]:
    """Block indices of the tables that are the header of the statutory table after them."""
    out: set[int] = set()
    for i, b in enumerate(blocks):
        if not isinstance(b, TableBlock) or not b.rows or len(b.rows) > _MOST_ROWS or tbl.classify(b) is not None:
            continue
        # By index, not a slice: a slice copied the rest of the list for every short table (100,000
        # one-row tables: a hang, tests/test_hostile_classes.py).
        nxt = next((x for j in range(i + 1, len(blocks))
                    if not (isinstance(x := blocks[j], ParaBlock) and not x.text.strip())), None)
        if not isinstance(nxt, TableBlock) or (kind := tbl.classify(nxt)) is None:
            continue
        cells = [loose(c.text) for row in b.rows for c in row if c.text.strip()]
        named = [any(w in t for w in _HEADER_WORDS[kind]) for t in cells]
        # Every cell one of the header's words, or a short word (项目, 总计); one at least the header's.
        short = [len(t) <= 4 and not any(ch.isdigit() for ch in t) for t in cells]
        if any(named) and all(n or s for n, s in zip(named, short, strict=True)):
            out.add(b.index)
    return out


def clip(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[:n] + "…"


def first_words(block: TableBlock) -> str:
    return next((c.text.strip()[:12] for row in block.rows for c in row if c.text.strip()), "")


def names_header(text: str, kind: str) -> bool:
    """Whether a short line is made of the statutory table ``kind``'s header words (“第二十条第（一）项”
    over 表二): its header row, written as a line of its own (app/docx/linetables.py)."""
    words = loose(text)
    return 0 < len(words) <= 20 and any(w in words for w in _HEADER_WORDS[kind])


FIGURE = re.compile(r"\s*[0-9][0-9,.]*\s*")


def figures_row(b: TableBlock) -> bool:
    """One row of figures alone: 表四's, after its header rows alone in a table (a page break
    between them; the header's grid a sliver column wider, as LibreOffice's web page has it)."""
    texts = [c.text for row in b.rows for c in row if c.text.strip()]
    return len(b.rows) == 1 and bool(texts) and all(FIGURE.fullmatch(t) for t in texts)


def under(header: TableBlock, figures: TableBlock) -> TableBlock:
    """表四's header rows and, after a page break, its row of figures as one table (the figures'
    cells told apart from the header's: each table counts its cells from 1)."""
    top = max((c.ident for row in header.rows for c in row), default=0)
    rows = [[replace(c, ident=c.ident + top) for c in row] for row in figures.rows]
    return TableBlock.of_rows(header.index, [*header.rows, *rows])


def cut_bodies(blocks: list[Block], lone: set[int]) -> dict[int, TableBlock | None]:
    """The tables whose header was cut from them within its rows (a page break between 表三's
    second and third header rows): body index → the body under its lone header, one table.  Not
    where the body repeats the header (its first row's words in the body's first rows): it is
    whole, and read by itself as ever."""
    out: dict[int, TableBlock | None] = {}
    at = {b.index: k for k, b in enumerate(blocks)} if lone else {}
    for i in (at[x] for x in sorted(lone) if x in at):
        head = blocks[i]
        nxt = next((x for j in range(i + 1, len(blocks))
                    if not (isinstance(x := blocks[j], ParaBlock) and not x.text.strip())), None)
        if not isinstance(head, TableBlock) or not isinstance(nxt, TableBlock):
            continue
        first = {loose(c.text) for c in head.rows[0] if c.text.strip()}
        top = "".join(loose(c.text) for row in nxt.rows[:_MOST_ROWS] for c in row)
        # Only grids that line up (a .docx's: a merge going on at the body's top is a blank cell
        # of its own): a web page's body without those cells is drawn, and read, as it is.
        above = list(itertools.takewhile(lambda row: not any(FIGURE.fullmatch(c.text) for c in row), nxt.rows))
        if not all(w in top for w in first) and {len(row) for row in [*head.rows, *above]} == {len(head.rows[0])}:
            out[nxt.index] = under(head, nxt)
    return out
