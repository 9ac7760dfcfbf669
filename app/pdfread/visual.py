"""A PDF's text is in the order the page shows it: not laid out again by the bidi algorithm;
its right-to-left words turned round into the order they are read (``logical``).

A PDF draws each glyph where it stands; the characters pdfplumber gives are read left to right
on the page, the visual order, whatever a ToUnicode map says they are.  The other readers'
text is in stored order, and app/values.py and app/docx/assemble.py lay out what holds a
direction control (U+202E before “2106” shows 6012 in Word).  Done again to a PDF's text, a
glyph that draws nothing but maps to U+202E would turn the 2106 every viewer shows into 6012
(review14 L2).  So the controls and direction marks are taken out of the PDF's text before it
is read — what is left is the order shown, which the layout leaves alone — and the cells and
paragraphs that held them are noted: a copy of the text (what a reviewer pastes) differs
from the page there.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TypeVar

from app.bidi import CONTROLS, MARKS
from app.docx.blocks import Block, ParaBlock, TableBlock
from app.findings import REVERSED
from app.patterns import lazy

_UNSEEN = lazy(rf"[{CONTROLS}{MARKS}]")
T = TypeVar("T")


@dataclass
class Dropped:
    """Where direction controls were taken out: paragraphs, table cells (noted with
    REVERSED.kind, so the finding points at them) and the first such text, as it was."""

    paragraphs: int = 0
    cells: int = 0
    example: str = ""


def drop_controls(blocks: list[Block]) -> Dropped:
    """Take the direction controls and marks out of ``blocks``' text, in place."""
    out = Dropped()
    for b in blocks:
        if isinstance(b, ParaBlock) and _UNSEEN.search(b.text):
            out.example = out.example or b.text.strip()
            b.__dict__["text"] = _UNSEEN.sub("", b.text)
            for paragraph in b.paragraphs:
                for run in paragraph.runs:
                    run.text = _UNSEEN.sub("", run.text)
            out.paragraphs += 1
        elif isinstance(b, TableBlock):
            seen: set[int] = set()  # a merged cell is one GridCell at each position it covers
            for cell in (c for row in b.rows for c in row):
                if id(cell) in seen or not _UNSEEN.search(cell.text):
                    continue
                seen.add(id(cell))
                out.example = out.example or cell.text.strip()
                cell.text = _UNSEEN.sub("", cell.text)
                if REVERSED.kind not in cell.notes:
                    cell.notes += (REVERSED.kind,)
                out.cells += 1
    return out


RIGHT_TO_LEFT = lazy("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_NEUTRAL = frozenset(("WS", "ON", "CS", "NSM", "BN", "S"))


def _rtl(text: str) -> bool:
    return bool(text) and unicodedata.bidirectional(text[0]) in ("R", "AL")


def logical(tokens: list[tuple[str, T]]) -> list[tuple[str, T]]:
    """A line's right-to-left words in the order they are read, the stored order every other
    reader gives: a page draws Hebrew or Arabic right to left, so read left to right a run of
    them (with the spaces and punctuation between its letters) is reversed; turned round here.
    Arabic drawn in its shaped forms (the presentation forms a font's map may name) is read as
    its letters.  Direction controls are another matter (app/pdfread/visual.py)."""
    out: list[tuple[str, T]] = []
    i = 0
    while i < len(tokens):
        if not _rtl(tokens[i][0]):
            out.append(tokens[i])
            i += 1
            continue
        last = j = i
        while j + 1 < len(tokens):
            j += 1
            text = tokens[j][0]
            if _rtl(text):
                last = j
            elif not text or not all(unicodedata.bidirectional(ch) in _NEUTRAL for ch in text):
                break
        out += [(unicodedata.normalize("NFKC", t), c) for t, c in reversed(tokens[i:last + 1])]
        i = last + 1
    return out
