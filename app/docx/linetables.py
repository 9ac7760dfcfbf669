"""Statutory tables a converter rebuilt as lines of text in a .docx (rev25a C20): each row a
paragraph, its cells between tabs or aligned with spaces.  Word shows a table; the reader found
none (“没有找到表三”).  The same lines in a .txt are read by the text-copy reader
(app/textcopy.py with app/textrows.py, app/wrappedlabels.py): a run of such paragraphs is
handed to it, and where it makes of them a statutory table the file has no table of, that
table stands in their place."""

from __future__ import annotations

from lxml import etree

from app.docx import tables as tbl
from app.docx.blocks import Block, GridCell, ParaBlock, TableBlock
from app.docx.headings import classify_heading
from app.docx.loneheader import names_header

_LEAST_ROWS = 3  # row-like lines a run needs to be tried (a statutory table has more rows)


def _row_like(b: Block, tabbed: set[etree._Element]) -> bool:
    """A paragraph whose text has cells: a tab (``tabbed``: the elements holding one), or a gap
    of two spaces or more."""
    if not isinstance(b, ParaBlock):
        return False
    text = b.text.strip()
    return b.element in tabbed or "  " in text or "\u3000\u3000" in text


def tables_from_lines(blocks: list[Block], tabbed: set[etree._Element]) -> list[Block]:
    """``blocks`` with the runs of paragraphs between tables that the text-copy reader reads as a
    statutory table missing from the file put as that table (its other lines kept as they
    were), every block numbered afresh; the list itself when none is (the common case: no run
    of row-like paragraphs, looked at by a character test)."""
    runs = _runs(blocks, tabbed)
    if not runs:
        return blocks
    have = {kind for b in blocks if isinstance(b, TableBlock) and (kind := tbl.classify(b)) is not None}
    from app.textcopy import text_blocks  # only for such a file

    changed: dict[int, tuple[int, list[Block]]] = {}
    for start, end in runs:
        paras = [b for b in blocks[start:end] if isinstance(b, ParaBlock)]
        read = text_blocks("\n".join(b.paragraphs[0].text for b in paras))
        found = {tbl.classify(b) for b in read if isinstance(b, TableBlock)} - {None}
        if found and not found <= have:
            changed[start] = end, _originals(read, paras)
            have |= {k for k in found if k is not None}
    if not changed:
        return blocks
    out: list[Block] = []
    at = 0
    while at < len(blocks):
        end, new = changed.get(at, (at + 1, [blocks[at]]))
        for b in new:
            b.index = len(out)
            out.append(b)
        at = end
    return out


def _runs(blocks: list[Block], tabbed: set[etree._Element]) -> list[tuple[int, int]]:
    """The stretches of paragraphs between tables (start, end) holding _LEAST_ROWS row-like ones."""
    runs: list[tuple[int, int]] = []
    start, rows = 0, 0
    for i, b in enumerate([*blocks, None]):
        if b is None or isinstance(b, TableBlock):
            if rows >= _LEAST_ROWS:
                runs.append((start, i))
            start, rows = i + 1, 0
        elif _row_like(b, tabbed):
            rows += 1
    return runs


def _originals(read: list[Block], paras: list[ParaBlock]) -> list[Block]:
    """The text reader's blocks with each of its paragraphs the file's own (its style, element,
    runs), found in order by its text; a table the reader made stays its, with the line of its
    header words right above it (表二's “第二十条第（一）项”, a row of one merged cell) as its first row."""
    out: list[Block] = []
    k = 0
    for b in read:
        if isinstance(b, TableBlock):
            above = out[-1] if out else None
            if isinstance(above, ParaBlock) and b.rows and (kind := tbl.classify(b)) is not None \
                    and names_header(text := above.text.strip(), kind) and classify_heading(text, False, "") is None:
                out.pop()
                cell = GridCell(text, max(c.ident for row in b.rows for c in row) + 1)
                b = TableBlock.of_rows(b.index, [[cell] * len(b.rows[0]), *b.rows])
            out.append(b)
            continue
        while k < len(paras) and paras[k].paragraphs[0].text.strip() != b.text:
            k += 1
        if k < len(paras):
            out.append(paras[k])
            k += 1
        else:
            out.append(b)
    return out
