"""A table of words in a narrative section as that section's paragraphs.

五 written as 存在的问题 | 改进措施, measures listed in a grid: no statutory table, and its text is
the report's.  Each row is one paragraph, in order; its cells are joined by “；”, and under a
header row of a few words each cell follows its header's (“存在的问题：…；改进措施：…”).  A table
holding figures is not one of these (it may be a statutory table the reader did not know).
"""

from __future__ import annotations

import re

from app.docx.blocks import TableBlock
from app.textfold import fold

_ORDINAL_CELL = re.compile(r"(第?[(\[]?([0-9]{1,3}|[一二三四五六七八九十]{1,3})[)\]]?[.、,]?)?")
_HEADER_CELL = 12  # a header's cell: a few words


def text_lines(block: TableBlock) -> list[str]:
    """The table's rows as paragraphs' text; none for a table that is not of words only."""
    if not block.rows or not _words_only(block):
        return []
    rows = [[_one_line(c.text) for _, c in block.distinct(r)] for r in range(len(block.rows))]
    rows = [row for row in rows if any(row)]
    header = rows[0] if len(rows) > 1 and len(rows[0]) > 1 and all(_header_cell(t) for t in rows[0]) else None
    lines = []
    for row in rows[1:] if header else rows:
        cells = [t.rstrip("。；;") for t in row]
        parts = [f"{h}：{t}" if h and t else t for h, t in zip(header, cells, strict=False)] if header else cells
        lines.append("；".join(p for p in parts if p) + ("。" if row[-1].endswith("。") else ""))
    return lines


def _words_only(block: TableBlock) -> bool:
    """A table of words: no cell a figure (an ordinal in its first column aside), and words in it."""
    texts = [(j, fold(c.text)) for r in range(len(block.rows)) for j, c in block.distinct(r)]
    if not any(len(t) > 1 for _, t in texts):
        return False
    return not any(any(ch.isdigit() for ch in t) and not (j == 0 and _ORDINAL_CELL.fullmatch(t)) for j, t in texts)


def _one_line(text: str) -> str:
    """A cell's paragraphs as one line of a paragraph (a paragraph holds no line end): after a
    sentence's 。 the next follows, else a “；” between them."""
    out = ""
    for line in filter(None, (x.strip() for x in text.splitlines())):
        out += ("" if not out or out.endswith(("。", "；", ";", "：", ":")) else "；") + line
    return out


def _header_cell(text: str) -> bool:
    """A header row's cell: a few words, no sentence."""
    return 0 < len(text) <= _HEADER_CELL and not text.endswith(("。", "；", ";"))
