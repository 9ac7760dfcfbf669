"""What a recovery copy keeps besides the report: the reader's findings about the file as opened.

A recovery copy is a .docx of ours, and reading it back says nothing of the file the report
came from (its hidden text, a body pasted twice, edited labels, stray bytes of a web copy): the
reader said that once, at the open.  Those findings (``Report.import_findings``) are kept in
the copy's description as JSON, so that a recovered report shows what it showed before the
crash.  The description's ``format``: absent in copies of older versions (no findings kept:
the report still recovers, with what reading the copy says), ``FORMAT`` now.

Pure: no Qt (ui/autosave.py writes and reads the files).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from app.findings import REGISTRY, Finding, Fix, Location, Severity, Span, Until
from app.schema import ALL_TEXT_KEYS, META, TABLES, CellRef
from app.values import Value

_PLACES = frozenset((*ALL_TEXT_KEYS, META, *TABLES))  # what a finding's location may name

FORMAT = 2  # 1: path, source, title, saved_at (no "format" key); 2: + "import_findings"
_MAX_DEPTH = 8  # a location's other places nest one level; deeper is a damaged description


class Malformed(ValueError):
    """A record that is not a finding this version knows (damaged, or a newer version's code)."""


def findings_to_json(findings: list[Finding]) -> list[dict[str, Any]]:
    return [_finding(f) for f in findings]


def findings_from_json(data: object) -> list[Finding] | None:
    """The findings kept by ``findings_to_json``; None when ``data`` is no list of them (an
    older copy's description).  A record this version cannot take is left out, the others kept."""
    if not isinstance(data, list):
        return None
    out: list[Finding] = []
    for record in data:
        try:
            out.append(_read_finding(record))
        except (Malformed, ValueError, TypeError, KeyError, IndexError, InvalidOperation, RecursionError):
            continue
    return out


# -- writing -------------------------------------------------------------------------------------
def _value(v: Value) -> int | str | None:
    # A Decimal as its text: JSON's float would turn 0.35 into 0.35000000000000003 on the way back.
    return str(v) if isinstance(v, Decimal) else v


def _cell(ref: CellRef) -> list[object]:
    return [ref.table, ref.row, ref.col]


def _location(loc: Location) -> dict[str, Any]:
    span = loc.span
    return {"section": loc.section, "cells": [_cell(c) for c in loc.cells],
            "span": None if span is None else [span.paragraph, span.start, span.end, span.last],
            "others": [_location(o) for o in loc.others]}


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code, "kind": f.kind, "severity": f.severity.json_name, "message": f.message,
        "location": _location(f.location),
        "fix": None if f.fix is None else {"label": f.fix.label,
                                           "edits": [[_cell(ref), _value(v)] for ref, v in f.fix.edits]},
        "until": [{"cells": [_cell(c) for c in u.cells], "total": _value(u.total), "any": u.any_cell} for u in f.until],
    }


# -- reading -------------------------------------------------------------------------------------
def _int(x: object) -> int:
    if type(x) is not int:
        raise Malformed(x)
    return x


def _str(x: object) -> str:
    if not isinstance(x, str):
        raise Malformed(x)
    return x


def _read_value(x: object) -> Value:
    if x is None:
        return None
    if type(x) is int:
        return x
    return Decimal(_str(x))


def _read_cell(x: object) -> CellRef:
    """A cell of a statutory table (app/schema.py): a damaged record naming another costs only
    itself — the checks and a fix would look it up and fail."""
    if not isinstance(x, list) or len(x) != 3:
        raise Malformed(x)
    ref = CellRef(_str(x[0]), _int(x[1]), _int(x[2]))
    spec = TABLES.get(ref.table)
    if spec is None or spec.cell(ref.row, ref.col) is None:
        raise Malformed(x)
    return ref


def _read_location(x: object, depth: int = 0) -> Location:
    if not isinstance(x, dict) or depth > _MAX_DEPTH:
        raise Malformed(x)
    span = x.get("span")
    read_span = None
    if span is not None:
        if not isinstance(span, list) or len(span) != 4:
            raise Malformed(span)
        read_span = Span(_int(span[0]), _int(span[1]), _int(span[2]), None if span[3] is None else _int(span[3]))
    section = _str(x["section"])
    if section not in _PLACES:  # a page the window has (a section, a table, 基本信息)
        raise Malformed(section)
    return Location(section, tuple(_read_cell(c) for c in x.get("cells") or []), read_span,
                    tuple(_read_location(o, depth + 1) for o in x.get("others") or []))


def _read_finding(x: object) -> Finding:
    if not isinstance(x, dict):
        raise Malformed(x)
    code, kind = _str(x["code"]), _str(x.get("kind", ""))
    if (code, kind) not in REGISTRY:  # a code of a newer version: left out
        raise Malformed(code)
    severity = Severity[_str(x["severity"]).upper()]
    fix = x.get("fix")
    read_fix = None
    if fix is not None:
        if not isinstance(fix, dict):
            raise Malformed(fix)
        read_fix = Fix(_str(fix["label"]), tuple((_read_cell(ref), _read_value(v)) for ref, v in fix["edits"]))
    until = tuple(Until(tuple(_read_cell(c) for c in u["cells"]), _read_value(u.get("total")), u.get("any") is True)
                  for u in x.get("until") or [])
    return Finding(code, severity, _read_location(x["location"]), _str(x["message"]), read_fix, kind, until)
