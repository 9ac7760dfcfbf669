"""The captions of statutory tables set apart from their sections (in an annex after 六 or after
the 落款, or under another section): “附件”, “附表1 主动公开政府信息情况”, “表三”.

The tables are read into their own sections wherever they stand; their captions, read as
text, stayed where the tables were — a run of orphaned lines at the end of 六 (“附件 表一 表二
表三”), written so into the report saved.  A caption is a short line just above such a table
that names it as a table (表, 附表, with a number or the table's title, no words of its own), and
an 附件/附表 line just above it; a table under its own section, or a second copy of a table (not
read), keeps its caption in the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from app.docx import tables as tbl
from app.docx.blocks import Block, ParaBlock, TableBlock
from app.schema import PREAMBLE, SECTION_BY_KEY
from app.textfold import fold

_NUMBER = r"[一二三四五1-5]"
_CAPTION = re.compile(rf"(?:附件{_NUMBER}?[:：]?)?附?表(?:{_NUMBER}|[(（]{_NUMBER}[)）])?[:：、.．]?(?P<title>.*)")
_ANNEX = re.compile(rf"附(?:件|表){_NUMBER}?[:：]?")
_LONGEST = 40


def _is_caption(text: str, table: str) -> bool:
    s = fold(text).replace(" ", "")
    if not s or len(s) > _LONGEST:
        return False
    m = _CAPTION.fullmatch(s)
    if m is None:
        return False
    title = m.group("title").rstrip("。.")
    heading = fold(SECTION_BY_KEY[table].heading)[2:]
    return not title or title in heading  # words of its own (“（修订）”) say something: kept


def orphan_captions(blocks: list[Block], heading: Callable[[ParaBlock], str | None], skipped: set[int]) -> set[int]:
    """The block indexes of the captions (and an 附件 line above them) of statutory tables
    standing outside their own section; ``heading``: a paragraph's section if it heads one;
    ``skipped``: blocks not read (a 目录's)."""
    found: set[int] = set()
    seen: set[str] = set()  # a table's second copy is not read: its caption says what it is, kept
    section = PREAMBLE
    previous: list[ParaBlock] = []  # the paragraphs with text since the last table or heading
    for b in blocks:
        if isinstance(b, ParaBlock):
            if b.index in skipped or not b.text.strip():
                continue
            if (key := heading(b)) is not None:
                section, previous = key, []
            else:
                previous.append(b)
            continue
        kind = tbl.classify(b) if isinstance(b, TableBlock) else None
        if kind is not None and kind != section and kind not in seen:
            at = len(previous)
            while at and _is_caption(previous[at - 1].text, kind) and len(previous) - at < 2:
                at -= 1
            if at and _ANNEX.fullmatch(fold(previous[at - 1].text).replace(" ", "")):
                at -= 1
            found.update(p.index for p in previous[at:])
        if kind is not None:
            seen.add(kind)
        previous = []
    return found
