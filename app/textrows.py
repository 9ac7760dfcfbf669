"""A text copy's table rows written otherwise than a browser copies them: with English commas
(a CSV export pasted into the text), full-width commas or 、 (typed so), or between bars (a
Markdown table, as converters and chat tools write one).  Read as app/textcopy.py reads a row
copied as one line between tabs."""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Iterable
from itertools import pairwise

from app import limits
from app.labels import key
from app.schema import TABLES
from app.wrappedlabels import spanning_piece, unwrapped

_SPACES = re.compile(r"\s+")  # (compiled once: a 14 MB text copy looks up every cell's, hostile32)
_RULE = re.compile(r"\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*")  # a Markdown table's |---|---| line
_LEAST_FIELDS = 3  # a statutory table's rows have a label and two cells at least


# A row's cells between English commas (CSV), or between full-width commas or 、 (a table typed
# into a text, or converted by a tool that writes the IME's punctuation: “规章，0，0，0”).
_DELIMITERS = (",", "，", "、")


def _delimiter(line: str) -> str | None:
    """The delimiter a line's cells would be between (the first with a label and two cells)."""
    if "。" in line or line.startswith("\t"):
        return None
    if line.count(",") >= _LEAST_FIELDS - 1:
        return ","
    if line.count("，") < _LEAST_FIELDS - 1 and line.count("、") < _LEAST_FIELDS - 1:
        return None
    bare = _BRACKETED.sub("", line)  # (“（二）部分公开（区分处理的，只计这一情形，…）” is one cell)
    return next((d for d in _DELIMITERS[1:] if bare.count(d) >= _LEAST_FIELDS - 1), None)


_BRACKETED = re.compile(r"（[^（）]*）|\([^()]*\)|“[^“”]*”|《[^《》]*》|【[^【】]*】")


def _markdown_like(line: str) -> bool:
    s = line.strip()
    return len(s) > 1 and s[0] == "|" and s[-1] == "|" and s.count("|") >= _LEAST_FIELDS + 1


def delimited_row(line: str, cells: list[str] | None) -> list[str] | None:
    """A table's row written with commas (a CSV export pasted into the text) or between bars (a
    Markdown table, as converters and chat tools write one): its cells; [] for a Markdown
    table's rule line; None for any other line.  ``cells``: the line's cells where it is in a
    run of comma lines read as a table (comma_table_lines)."""
    if max(line.count(","), line.count("|")) >= limits.MAX_TABLE_COLUMNS:
        return None  # no row of a table (a line of a million commas is text, and never parsed)
    if _markdown_like(line):
        if _RULE.fullmatch(line.strip()):
            return []
        return [cell.strip() for cell in line.strip()[1:-1].split("|")]
    return cells if cells is not None and len(cells) >= _LEAST_FIELDS else None


def comma_table_lines(lines: list[str], unsure: list[str] | None = None,
                      budget: limits.GridBudget | None = None) -> dict[int, list[str]]:
    """The lines that are a CSV table's rows, decided per run of comma lines, as a whole: a table
    when no line of it ends as prose does (“…结转0件.”, “…;”) and one of its rows is figures
    (“规章,5,3,10”) or its first row is a statutory table's words (信息内容, 申请人情况…).
    Prose typed with English commas — a list of measures with no final 。, a sentence broken
    after a comma, a “,,” typo, years named — stays the report's text, whole (rev22b H1).
    Full-width commas and 、, which prose is written with, make a table only with two rows of
    figures (one under a statutory header), no cell of a sentence's length or a line's label
    (“联系电话：…”); a row's empty cells may end it in “，”; a figure's thousands written with
    “，” (1，234) is one cell where the row is then as wide as the others, else no row is
    guessed and the run stays text (``unsure`` told of it).  Lines to their cells.  ``budget``:
    each table's cells charged as it is found, so a file of a million such cells is refused at
    the cap, not after every line of it was read (a 14 MB text copy: 8 s, hostile32)."""
    out: dict[int, list[str]] = {}
    n = 0
    while n < len(lines):
        if (mark := _delimiter(lines[n])) is None:
            n += 1
            continue
        end = n
        while end < len(lines) and _delimiter(lines[end]) == mark:
            end += 1
        ends = _PROSE_END if mark == "," else tuple(e for e in _PROSE_END if e != mark)
        if end - n >= 2 and not any(lines[k].rstrip().endswith(ends) for k in range(n, end)):
            fields = [_fields(line, mark) for line in lines[n:end]]
            run = fields if mark == "," else _thousands(fields)
            if run is not None and _a_table(run, mark):
                out.update(zip(range(n, end), run, strict=True))
                if budget is not None:
                    table = budget.table()
                    for row in run:
                        table.add(len(row))
                        table.row(len(row))
            elif run is None and unsure is not None and _a_table(fields, mark):
                unsure.append(_note(lines[n], f"以“{mark}”分隔的表格", f"有的行比其他行多出数格（如千分位写成“1{mark}234”）"))
        n = end
    return out


_GROUP = re.compile(r"[0-9０-９]{3}")
_LEAD = re.compile(r"[0-9０-９]{1,3}")


def _thousands(run: list[list[str]]) -> list[list[str]] | None:
    """The run's rows with a figure's thousands typed with the comma that parts its cells
    (“1，234”) made one cell again, where a row is wider than the run's usual width by as many
    such pairs as it has, none overlapping; None when a row's reading is not certain
    (“5，100，200”: 5,100 | 200 or 5 | 100,200?) — no figure guessed."""
    widths = [len(row) for row in run]
    usual = max(set(widths), key=widths.count)
    out = []
    for row in run:
        if len(row) > usual:
            pairs = [k for k in range(1, len(row)) if _LEAD.fullmatch(row[k - 1]) and _GROUP.fullmatch(row[k])]
            if len(pairs) != len(row) - usual or any(b - a < 2 for a, b in pairwise(pairs)):
                return None
            for k in reversed(pairs):
                row = [*row[:k - 1], f"{row[k - 1]},{row[k]}", *row[k + 1:]]
        out.append(row)
    return out


_GAP = re.compile(r"[ \u00a0]{2,}|\u3000+")  # between two cells of a row aligned with spaces


def _spaced(line: str) -> list[str] | None:
    if "\t" in line or "。" in line or len(line) > limits.MAX_TABLE_COLUMNS * _CELL_LONGEST:
        return None
    cells = _GAP.split(line.strip())
    return cells if len(cells) >= 2 else None


def spaced_table_lines(lines: list[str], unsure: list[str] | None = None) -> dict[int, list[str]]:
    """The lines that are a table's rows aligned with spaces (a PDF's text taken out with its
    layout, a table typed in Notepad): their cells, between two spaces or more (or full-width
    ones).  Decided per run of such lines, as a whole, as rows typed with full-width commas are
    (``_a_table``): the cells' words and figures make the layout certain, or the run is text.
    A group's one-cell line (第二十条第（五）项) may stand between two rows.  ``unsure`` is told
    of each run that is a statutory table's but has a row short of its cells.  A label wrapped
    over lines is read with its row where certain (app/wrappedlabels.py): its other lines, and
    the pieces of labels spanning rows between rows, are given no cells."""
    lines, taken, starts = unwrapped(lines)
    out: dict[int, list[str]] = {}
    n = 0
    while n < len(lines):
        if _spaced(lines[n]) is None:
            n += 1
            continue
        run: dict[int, list[str]] = {}
        groups: dict[int, list[str]] = {}  # a group's one cell between rows: a row of its own
        pieces: dict[int, list[str]] = {}  # a spanning label's piece between rows: no row
        end = n
        while end < len(lines) and not (end in starts and end > n):
            cells = _spaced(lines[end])
            if cells is not None:
                run[end] = cells
            elif run and _between_rows(lines[end]) and _spaced_after(lines, end, taken):
                if _SPACES.sub("", lines[end]) in _LABELS:
                    groups[end] = [lines[end].strip(), ""]
                elif lines[end].strip():
                    pieces[end] = []
            else:
                break
            end += 1
        table = len(run) >= 2 and _a_table(list(run.values()), " ")
        if table and not all(_whole(cells, run.values()) for cells in run.values()):
            table = False
            if unsure is not None:
                unsure.append(_note(lines[n], "以空格对齐的表格", "有的空白单元格在文字中没有留下位置"))
        if table:
            out.update(run)
            out.update(groups)
            out.update(pieces)
            above = next((k for k in range(n - 1, max(-1, n - 4), -1) if lines[k].strip()), None)
            if above is not None and _SPACES.sub("", lines[above]) in _LABELS:  # its first row a group's (第二十条第（一）项)
                out[above] = [lines[above].strip(), ""]
        n = max(end, n + 1)
    out.update((k, []) for k, row in taken.items() if row in out)
    return out


def _spaced_after(lines: list[str], at: int, joined: Collection[int] = ()) -> bool:
    """A row aligned with spaces follows within eight lines, the lines between it and ``at``
    blank or a group's one cell (the lines of a label joined onto its row not counted)."""
    k, seen = at + 1, 0
    while k < len(lines) and seen < 8:
        if _spaced(lines[k]) is not None:
            return True
        if not _between_rows(lines[k]):
            return False
        seen += k not in joined
        k += 1
    return False


def _between_rows(line: str) -> bool:
    """A line that may stand between a table's rows aligned with spaces: blank (pdftotext's),
    a statutory group's one cell (第二十条第（五）项) or a piece of a label spanning rows
    (“其他处理”); never a heading or the text."""
    return not line.strip() or _SPACES.sub("", line) in _LABELS or spanning_piece(line)


_WIDTHS = {key(c.text): sum(1 for d in spec.layout if d.row == c.row and d.data is not None)
           for spec in TABLES.values() for c in spec.layout if c.text and c.data is None}


def _whole(cells: list[str], run: Iterable[list[str]]) -> bool:
    """A row aligned with spaces has a figure (or —, 无) in each of its cells: a blank cell
    leaves no place between spaces (“（一）予以公开  1      1”: 自然人 and 总计, or 自然人 and
    商业企业?), and no figure is guessed; the row's cells are as many as its label's statutory
    row has (or the table's widest row, for a label not known)."""
    figures = sum(1 for c in cells if _FIGURE.fullmatch(c))
    if not figures:
        return True  # a header's row
    words = [c for c in cells if not _FIGURE.fullmatch(c)]
    want = _WIDTHS.get(key(words[-1])) if words else None
    return figures == (want or max(sum(1 for c in row if _FIGURE.fullmatch(c)) for row in run))


def _a_table(run: list[list[str]], mark: str) -> bool:
    figures = sum(1 for f in run if _figure_row(f))
    # The header is the first row of two cells or more: a sheet saved whole has its title above
    # (“四、政府信息公开行政复议、行政诉讼情况,,,,”), and a table not yet filled in has no figure row.
    head = next((f for f in run if sum(1 for c in f if c) >= 2), run[0])
    if mark == ",":
        return figures > 0 or _label_row(head)
    # Prose is written with these marks, and a table of other figures, read as one, is not saved:
    # a statutory table's own words (规章, 行政许可, 自然人…) make it one.
    labels = sum(1 for f in run for c in f if _SPACES.sub("", c) in _LABELS)
    return figures >= 2 - _label_row(head) and labels >= 2 and all(_cell_like(c) for f in run for c in f)


_FIGURE = re.compile(r"[0-9０-９.．,，%％\s\-—－/／]+|无")  # (“—”, “/”, “无” for a zero)
_PROSE_END = (".", ";", "；", "，", "。", ":", "：")  # (“,” ends a CSV row whose last cells are empty)
_LABELS = frozenset(_SPACES.sub("", c.text) for spec in TABLES.values() for c in spec.layout if c.text)
_COLON_LABELS = tuple(label for label in _LABELS if "：" in label)


def _cell_like(text: str) -> bool:
    """A statutory table's cell: no sentence's length, no label of a line (“联系电话：…”) but a
    piece of 表三's corner (“（本列数据的勾稽关系为：第一项加第二项” wrapped over lines)."""
    if len(text) > _CELL_LONGEST:
        return False
    if ":" not in text and "：" not in text:  # (most cells: no bracket to take out)
        return True
    return (not re.search("[:：]", _BRACKETED.sub("", text))
            or any(_SPACES.sub("", text) in label for label in _COLON_LABELS))


_OPENS, _CLOSES = "（(“《【", "）)”》】"


def _fields(line: str, delimiter: str = ",") -> list[str]:
    if delimiter == ",":
        return [f.strip() for f in next(csv.reader([line]), [])]
    # Not inside brackets or quotes: 表三's corner cell (“（…第一项加第二项之和，等于…）”) is one.
    fields, depth, start = [], 0, 0
    for k, ch in enumerate(line):
        depth += (ch in _OPENS) - (ch in _CLOSES and depth > 0)
        if ch == delimiter and depth == 0:
            fields.append(line[start:k].strip())
            start = k + 1
    fields.append(line[start:].strip())
    if delimiter == "、":  # a label's own 、 (“二、上年结转…”, “1、属于…”, “…不补正、行政机关…”) is no cell's end
        for k in range(len(fields) - 2, -1, -1):
            if _LIST_NUMBER.fullmatch(fields[k]) or _SPACES.sub("", f"{fields[k]}、{fields[k + 1]}") in _LABELS:
                fields[k:k + 2] = [fields[k] + "、" + fields[k + 1]]
    return fields


_LIST_NUMBER = re.compile(r"[一二三四五六七八九十]+|[0-9]{1,2}")


def _figure_row(fields: list[str]) -> bool:
    """Beyond its label, more than half figures alone, two at least: a statutory table's row;
    never prose, whose figures stand inside words (“办结12件”, “2023三年间”)."""
    filled = [f for f in fields[1:] if f]
    figures = sum(1 for f in filled if _FIGURE.fullmatch(f))
    return figures >= 2 and 2 * figures > len(filled)


def _label_row(fields: list[str]) -> bool:
    filled = [_SPACES.sub("", f) for f in fields if f]
    return len(filled) >= 2 and 2 * sum(1 for f in filled if f in _LABELS) >= len(filled)


_SENTENCE_END = ("。", "；", ";", "！", "？")
_CELL_LONGEST = 40  # a statutory table's longest label is 37 characters


def indented_paragraph(text: str) -> bool:
    """A line's text after its leading tab is a paragraph's, not a cell's: a sentence (ends in
    。/；, or longer than any table's label) or a section heading (“一、总体情况”)."""
    t = text.strip()
    return t.endswith(_SENTENCE_END) or len(t) > _CELL_LONGEST \
        or (_HEADING.match(t) is not None and _SPACES.sub("", t) not in _LABELS)  # (表三's 一、本年新收…)


_HEADING = re.compile(r"[一二三四五六][、.．]")


def _note(line: str, table: str, why: str) -> str:
    """What a reader is told of a table left unread because its figures' places are not certain."""
    first = " ".join(line.split())
    first = first if len(first) <= 20 else first[:20] + "…"
    return (f"文字副本中有一个{table}（以“{first}”开头），{why}，无法确定每个数字属于哪一格，"
            "未作为统计表读入，其文字留在正文中；请对照原文件在表中填写")
