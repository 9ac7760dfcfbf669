"""A text copy's table rows written otherwise than a browser copies them: with English commas
(a CSV export pasted into the text) or between bars (a Markdown table, as converters and chat
tools write one).  Read as app/webcopy.py reads a row copied as one line between tabs."""

from __future__ import annotations

import csv
import re

from app import limits

_RULE = re.compile(r"\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*")  # a Markdown table's |---|---| line
_LEAST_FIELDS = 3  # a statutory table's rows have a label and two cells at least


def _csv_like(line: str) -> bool:
    return line.count(",") >= _LEAST_FIELDS - 1 and "。" not in line and not line.startswith("\t")


def _markdown_like(line: str) -> bool:
    s = line.strip()
    return len(s) > 1 and s[0] == "|" and s[-1] == "|" and s.count("|") >= _LEAST_FIELDS + 1


def delimited_row(line: str, lines: list[str], n: int) -> list[str] | None:
    """A table's row written with commas (a CSV export pasted into the text) or between bars (a
    Markdown table, as converters and chat tools write one): its cells; [] for a Markdown
    table's rule line; None for any other line.  A comma row stands among others (prose with
    English commas has one line of them, and a full stop)."""
    if max(line.count(","), line.count("|")) >= limits.MAX_TABLE_COLUMNS:
        return None  # no row of a table (a line of a million commas is text, and never parsed)
    if _markdown_like(line):
        if _RULE.fullmatch(line.strip()):
            return []
        return [cell.strip() for cell in line.strip()[1:-1].split("|")]
    if not _csv_like(line):
        return None
    around = [lines[k] for k in (n - 1, n + 1) if 0 <= k < len(lines) and _csv_like(lines[k])]
    fields = _fields(line)
    if not around or len(fields) < _LEAST_FIELDS:
        return None
    # A table's rows hold figures, or cells left empty (a merged cell's others): this one or the
    # row beside it (a header's).  Lines of clauses between English commas are prose.
    return fields if any(_figure_or_empty(f) for row in (fields, *map(_fields, around)) for f in row) else None


def _fields(line: str) -> list[str]:
    return [f.strip() for f in next(csv.reader([line]), [])]


def _figure_or_empty(field: str) -> bool:
    return not field or re.fullmatch(r"[0-9.,，\s]+", field) is not None
