"""What the reader could not import, kept past the first save (rev23 M3).

Most of what the reader says about the file as opened (edited labels, hidden text, a body
pasted twice) is gone from the .docx the editor writes, and goes at the save.  Some of it is not
about the old file's bytes but about figures the report does not yet have: the 2019 layout's one
row of 其他处理 to spread over the 2021 rows (the old figure is nowhere else), a row or a table
that could not be placed (its figures are only in the message), a table given twice, digits set
in a symbol font (declared ``kept``: app/findings.py).  Those, while unresolved (the edit they
ask for not yet made), are kept in the saved .docx (``Report.extras[KEY]``, as a recovery copy
keeps them: app/autosave.py) and read back with it, so neither a save nor reopening drops a
figure the user was still asked to enter.

A note with no edit declared to resolve it (a row not placed: where its figures belong is the
user's call) ends when the figures it quotes (“其中的数字（7）未导入”) have been entered in its
table since the file was read (``AT``: the tables as read, kept beside the report, never
written) — not at any edit of the table: 空白处填0 or a correction elsewhere leaves it (rev23 M7,
M8).  One that quotes none ends when dismissed (忽略此问题).
"""

from __future__ import annotations

import copy
import re

from app.findings import Finding
from app.report import Report
from app.schema import TABLES
from app.values import format_value

KEY = "import_findings"  # app/reading.py looks for it by this name
AT = "import_findings_tables"  # each table's content when the report was read: not written
_MAX = 200  # findings read back: a forged file's thousands are not a report's
_MAX_MESSAGE = 4000


def kept(report: Report) -> list[Finding]:
    """The reader's findings a save keeps: about figures not imported, not yet resolved (the
    edit they ask for made; for one that asks none, the figures it quotes entered since)."""
    return [f for f in report.import_findings if f.declared.kept and not f.resolved(report.value)
            and not (not f.until and _entered(report, f))]


_QUOTED = re.compile(r"数字（([^）]*)）")  # “其中的数字（108、115…）未导入”, “第二次的数字（自然人2106）”
_FIGURE = re.compile(r"\d+(?:\.\d+)?")


def _tables(f: Finding) -> tuple[str, ...]:
    """The statutory tables a note is about: its own, or all of them (a table not statutory)."""
    return (f.location.section,) if f.location.section in TABLES else tuple(TABLES)


def _content(report: Report, table: str) -> dict[str, str]:
    return {f"{r},{c}": format_value(v) for (r, c), v in report.tables[table].items()}


def _entered(report: Report, f: Finding) -> bool:
    """Whether the figures the note quotes are in its table now where they were not when read
    (any edit of the table, for a note quoting only zeros); never for one quoting none."""
    then, quoted = report.extras.get(AT), _QUOTED.search(f.message)
    if not isinstance(then, dict) or quoted is None:
        return False
    typed: set[float] = set()
    for t in _tables(f):
        before = then.get(t)
        if isinstance(before, dict):
            typed |= {float(v) for k, v in _content(report, t).items() if v and before.get(k) != v
                      and _FIGURE.fullmatch(v)}
    wanted = {float(x) for x in _FIGURE.findall(quoted.group(1))} - {0.0}
    return wanted <= typed if wanted else bool(typed)


def mark_read(report: Report) -> None:
    """Remember the tables as read, for the notes that end when their figures are entered."""
    open_ended = {t for f in report.import_findings if f.declared.kept and not f.until for t in _tables(f)}
    if open_ended and AT not in report.extras:
        report.extras[AT] = {t: _content(report, t) for t in sorted(open_ended)}


def for_saving(report: Report) -> Report:
    """``report`` as written: with the findings a save keeps in its editor data (a copy: the
    report being edited is left as it is)."""
    notes = kept(report)
    if not notes and KEY not in report.extras and AT not in report.extras:
        return report
    from app.autosave import findings_to_json  # here: only a save with such notes needs it

    out = copy.copy(report)
    out.extras = {k: v for k, v in report.extras.items() if k not in (KEY, AT)}
    if notes:
        out.extras[KEY] = findings_to_json(notes)
    return out


def restore(report: Report) -> None:
    """The findings a save kept, back among the reader's (those still unresolved, of the codes
    kept; a record this version cannot take is left out); the editor data entry itself goes."""
    data = report.extras.pop(KEY, None)
    if not isinstance(report.extras.get(AT), dict):  # a recovery copy's: the tables as first read
        report.extras.pop(AT, None)
    if isinstance(data, list):
        from app.autosave import findings_from_json

        for f in findings_from_json(data[:_MAX]) or []:
            if not f.declared.kept or len(f.message) > _MAX_MESSAGE:
                continue
            # As declared (a forged record's severity is not taken), with its place, message and edits.
            made = f.declared.at(f.location, f.message, f.fix, f.until)
            if made not in report.import_findings and not made.resolved(report.value):
                report.import_findings.append(made)
    mark_read(report)
