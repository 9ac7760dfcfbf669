"""A text copy's table rows written otherwise than a browser copies them: with English commas
(a CSV export pasted into the text) or between bars (a Markdown table, as converters and chat
tools write one).  Read as app/webcopy.py reads a row copied as one line between tabs."""

from __future__ import annotations

import csv
import re

from app import limits
from app.schema import TABLES

_RULE = re.compile(r"\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*")  # a Markdown table's |---|---| line
_LEAST_FIELDS = 3  # a statutory table's rows have a label and two cells at least


def _csv_like(line: str) -> bool:
    return line.count(",") >= _LEAST_FIELDS - 1 and "。" not in line and not line.startswith("\t")


def _markdown_like(line: str) -> bool:
    s = line.strip()
    return len(s) > 1 and s[0] == "|" and s[-1] == "|" and s.count("|") >= _LEAST_FIELDS + 1


def delimited_row(line: str, comma_row: bool) -> list[str] | None:
    """A table's row written with commas (a CSV export pasted into the text) or between bars (a
    Markdown table, as converters and chat tools write one): its cells; [] for a Markdown
    table's rule line; None for any other line.  ``comma_row``: the line is in a run of comma
    lines read as a table (comma_table_lines)."""
    if max(line.count(","), line.count("|")) >= limits.MAX_TABLE_COLUMNS:
        return None  # no row of a table (a line of a million commas is text, and never parsed)
    if _markdown_like(line):
        if _RULE.fullmatch(line.strip()):
            return []
        return [cell.strip() for cell in line.strip()[1:-1].split("|")]
    if not comma_row:
        return None
    fields = _fields(line)
    return fields if len(fields) >= _LEAST_FIELDS else None


def comma_table_lines(lines: list[str]) -> set[int]:
    """The lines that are a CSV table's rows, decided per run of comma lines, as a whole: a table
    when no line of it ends as prose does (“…结转0件.”, “…;”) and one of its rows is figures
    (“规章,5,3,10”) or its first row is a statutory table's words (信息内容, 申请人情况…).
    Prose typed with English commas — a list of measures with no final 。, a sentence broken
    after a comma, a “,,” typo, years named — stays the report's text, whole (rev22b H1)."""
    out: set[int] = set()
    n = 0
    while n < len(lines):
        if not _csv_like(lines[n]):
            n += 1
            continue
        end = n
        while end < len(lines) and _csv_like(lines[end]):
            end += 1
        if end - n >= 2 and not any(lines[k].rstrip().endswith(_PROSE_END) for k in range(n, end)):
            run = [_fields(line) for line in lines[n:end]]
            if any(_figure_row(f) for f in run) or _label_row(run[0]):
                out.update(range(n, end))
        n = end
    return out


_FIGURE = re.compile(r"[0-9.,，%％\s-]+")
_PROSE_END = (".", ";", "；", "，", "。", ":", "：")  # (“,” ends a CSV row whose last cells are empty)
_LABELS = frozenset(re.sub(r"\s+", "", c.text) for spec in TABLES.values() for c in spec.layout if c.text)


def _fields(line: str) -> list[str]:
    return [f.strip() for f in next(csv.reader([line]), [])]


def _figure_row(fields: list[str]) -> bool:
    """Beyond its label, more than half figures alone, two at least: a statutory table's row;
    never prose, whose figures stand inside words (“办结12件”, “2023三年间”)."""
    filled = [f for f in fields[1:] if f]
    figures = sum(1 for f in filled if _FIGURE.fullmatch(f))
    return figures >= 2 and 2 * figures > len(filled)


def _label_row(fields: list[str]) -> bool:
    filled = [re.sub(r"\s+", "", f) for f in fields if f]
    return len(filled) >= 2 and 2 * sum(1 for f in filled if f in _LABELS) >= len(filled)


_SENTENCE_END = ("。", "；", ";", "！", "？")
_CELL_LONGEST = 40  # a statutory table's longest label is 37 characters


def indented_paragraph(text: str) -> bool:
    """A line's text after its leading tab is a paragraph's, not a cell's: a sentence (ends in
    。/；, or longer than any table's label) or a section heading (“一、总体情况”)."""
    t = text.strip()
    return t.endswith(_SENTENCE_END) or len(t) > _CELL_LONGEST \
        or (_HEADING.match(t) is not None and re.sub(r"\s+", "", t) not in _LABELS)  # (表三's 一、本年新收…)


_HEADING = re.compile(r"[一二三四五六][、.．]")
