"""A table of words in a narrative section as that section's paragraphs.

五 written as 存在的问题 | 改进措施, measures listed in a grid: no statutory table, and its text is
the report's.  Each row is one paragraph, in order; its cells are joined by “；”, and under a
header row of a few words each cell follows its header's (“存在的问题：…；改进措施：…”).  A table
of figures is not one of these (it may be a statutory table the reader did not know): a table
is of words when most of its cells beyond the first column are not figures alone — a year or a
hotline inside a sentence (“2024年将…”, “12345热线”) is words.  A box (a table of one column)
is read as its paragraphs, each its own, whatever it holds.  A first row is a header only when
the file says so (w:tblHeader, every word bold) or its cells are a header's words (存在的问题,
改进措施…): a short first row of a table without one is a row like the others.
"""

from __future__ import annotations

import re

from lxml import etree

from app.docx.blocks import TableBlock
from app.docx.xmlkids import W
from app.textfold import fold

_ORDINAL_CELL = re.compile(r"(第?[(\[]?([0-9]{1,3}|[一二三四五六七八九十]{1,3})[)\]]?[.、,]?)?")
_HEADER_CELL = 12  # a header's cell: a few words


def text_lines(block: TableBlock) -> list[str]:
    """The table's rows as paragraphs' text; none for a table that is not of words."""
    if not block.rows:
        return []
    if all(len(block.distinct(r)) == 1 for r in range(len(block.rows))):  # a box: its paragraphs
        return [line for r in range(len(block.rows)) for line in map(str.strip, block.rows[r][0].text.splitlines()) if line]
    if not _words_only(block):
        return []
    rows = [[(j, _one_line(c.text)) for j, c in block.distinct(r)] for r in range(len(block.rows))]
    rows = [row for row in rows if any(t for _, t in row)]
    first = [t for _, t in rows[0]] if rows else []
    header = rows[0] if len(rows) > 1 and len(first) > 1 and _header_row(block, first) else None
    lines = []
    for row in rows[1:] if header else rows:
        # Each cell under the header cell spanning its grid column (改进措施 over 措施 | 完成时限:
        # both under it); a cell past the header's keeps its text.
        parts: list[tuple[str, str]] = []
        for j, t in row:
            label = next((h for at, h in reversed(header) if at <= j), "") if header else ""
            text = t.rstrip("。；;")
            if not text:
                continue
            if parts and label and parts[-1][0] == label:
                parts[-1] = (label, f"{parts[-1][1]}；{text}")
            else:
                parts.append((label, text))
        lines.append("；".join(f"{h}：{t}" if h else t for h, t in parts) + ("。" if row[-1][1].endswith("。") else ""))
    return lines


def prose_box(block: TableBlock) -> bool:
    """A box of sentences (one column, every paragraph ending in 。): the report's text wherever
    it stands, a 前言 framed so too; not a title's or a letterhead's box."""
    if not block.rows or any(len(block.distinct(r)) != 1 for r in range(len(block.rows))):
        return False
    lines = [line.strip() for row in block.rows for line in row[0].text.splitlines() if line.strip()]
    return bool(lines) and all(line.endswith("。") for line in lines)


_FIGURE = re.compile(r"[\d.,，%％\-—\s]+")


def _words_only(block: TableBlock) -> bool:
    """A table of words: words in it, and fewer than half of its cells beyond the first column
    figures alone (a year or a hotline inside a sentence is words; an ordinal first column aside)."""
    texts = [(j, fold(c.text).strip()) for r in range(len(block.rows)) for j, c in block.distinct(r)]
    if not any(len(t) > 1 and not _FIGURE.fullmatch(t) for _, t in texts):
        return False
    if any(_figures_row(block, r) for r in range(len(block.rows))):
        return False  # a row of figures alone under a header (a statutory table not read): no prose
    beyond = [t for j, t in texts if j > 0 and t]
    figures = sum(1 for t in beyond if _FIGURE.fullmatch(t))
    return 2 * figures < len(beyond)


_LEAST_FIGURES = 3  # cells of a row of figures alone: a table of them, never a list of measures


def _figures_row(block: TableBlock, r: int) -> bool:
    cells = [t for _, c in block.distinct(r) if (t := fold(c.text).strip())]
    return len(cells) >= _LEAST_FIGURES and all(_FIGURE.fullmatch(t) for t in cells)


def _one_line(text: str) -> str:
    """A cell's paragraphs as one line of a paragraph (a paragraph holds no line end): after a
    sentence's 。 the next follows, else a “；” between them."""
    out = ""
    for line in filter(None, (x.strip() for x in text.splitlines())):
        out += ("" if not out or out.endswith(("。", "；", ";", "：", ":")) else "；") + line
    return out


# A header's words: a first row of these is a header; a short first row of others is a row.
_HEADER_WORDS = frozenset((
    "问题", "存在问题", "存在的问题", "主要问题", "存在的主要问题", "问题表现", "问题描述", "问题类型", "原因", "原因分析",
    "措施", "改进措施", "整改措施", "具体措施", "工作措施", "下一步措施", "改进情况", "整改情况", "整改", "改进方向",
    "完成情况", "完成时限", "时限", "责任单位", "责任部门", "牵头单位", "类别", "类型", "项目", "内容", "工作内容",
    "情况", "序号", "编号", "事项", "工作事项", "名称", "备注", "说明", "工作要点", "主要做法", "成效"))


def _header_row(block: TableBlock, cells: list[str]) -> bool:
    """The first row is the table's header: the file says so (Word's 标题行重复, every word in
    it bold), or every cell is a header's words."""
    if not all(_header_cell(t) for t in cells):
        return False
    if all(re.sub(r"[\s:：]", "", t) in _HEADER_WORDS for t in cells if t):
        return True
    first = next(block.element.iterchildren(f"{{{W}}}tr"), None)
    if first is None:
        return False
    if first.find(f"{{{W}}}trPr/{{{W}}}tblHeader") is not None:
        return True
    runs = [r for r in first.iter(f"{{{W}}}r") if "".join(r.itertext()).strip()]
    return bool(runs) and all(_bold(r) for r in runs)


def _bold(run: etree._Element) -> bool:
    b = run.find(f"{{{W}}}rPr/{{{W}}}b")
    return b is not None and b.get(f"{{{W}}}val", "true") not in ("0", "false", "off")


def _header_cell(text: str) -> bool:
    """A header row's cell: a few words, no sentence."""
    return 0 < len(text) <= _HEADER_CELL and not text.endswith(("。", "；", ";"))
