"""All checks of a report.  Each family is a module yielding Findings."""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass
from typing import Any

from app.checks import arithmetic, content, crossyear, dates, mismatch, text
from app.findings import TEXT_NOT_CHECKED, Finding, Location
from app.lastyear import LastYear, attached
from app.limits import MAX_CHECKED_PARAGRAPH_CHARS
from app.report import Paragraph, Report, Run


def run_all(report: Report, last: LastYear | None = None) -> list[Finding]:
    """The reader's findings first, then every family, in a stable order.  Against last year's
    report: ``last``, else the one attached to the report (stored in its .docx).

    What reads the narrative is read once per version of it (``_prose``): a table edit reruns
    the table checks and compares the text's claims, already extracted, with the new values —
    linear in the claims, not in the characters."""
    # What the reader said about the file goes once the user has made the edit it asks for.
    found = [f for f in report.import_findings if not f.resolved(report.value)]
    found += arithmetic.check(report)
    prose = _prose(report)
    last = last or attached(report)
    found += content.blank_and_invalid(report, last)
    found += prose.sections
    found += content.fee(report, prose.fee_said)
    found += prose.clipped
    found += prose.text
    found += mismatch.compare(report, prose.claims)
    found += mismatch.other_handling(report)
    found += prose.dates
    if last is not None:
        found += crossyear.check(report, last, _cross_text(report, last, prose.key))
    return found


@dataclass(frozen=True)
class Prose:
    """What the checks take from the narrative (with the organ, year and date the date checks
    read), computed once per version of it."""

    key: tuple[object, ...]  # what it was computed from
    sections: tuple[Finding, ...]  # empty sections, section 一's length
    fee_said: bool  # 其他需要报告的事项 speaks of the fee
    clipped: tuple[Finding, ...]  # paragraphs too long to check whole
    text: tuple[Finding, ...]  # duplicates, stutters
    claims: tuple[mismatch.Claim, ...]  # the figures the text states, for the tables to meet
    dates: tuple[Finding, ...]


# The latest Proses and cross-year text findings: a table edit leaves the text as it was, so
# the text is not read again for it (the costly part on a long report).  A few, not one: the
# batch window checking in its thread, or a second editor window, must not evict the report
# being typed in (the reviewer measured 1 → 130-180 ms a table edit on a 200,000-character one).
_KEEP = 4
_lock = threading.Lock()
_proses: list[Prose] = []  # newest last
_crosses: list[tuple[object, list[Finding]]] = []


def forget() -> None:
    """Drop what was kept (benchmarks of a cold check; tests that must see the text read)."""
    with _lock:
        _proses.clear()
        _crosses.clear()


def _recall(entries: list[Any], key: object) -> Any:
    with _lock:
        for entry in reversed(entries):
            if (entry.key if isinstance(entry, Prose) else entry[0]) == key:
                return entry
    return None


def _remember(entries: list[Any], entry: object) -> None:
    with _lock:
        entries.append(entry)
        del entries[:-_KEEP]


def prose_key(report: Report) -> tuple[object, ...]:
    """All that the narrative checks read, compared in full (not hashed: equal strings of one
    object compare at once, and a changed paragraph is found in C)."""
    return (report.organ, report.year, report.date,
            tuple((f.code, f.location.section) for f in report.import_findings),
            tuple((k, tuple((p.kind, p.text) for p in ps)) for k, ps in report.sections.items()))


def _prose(report: Report) -> Prose:
    key = prose_key(report)
    last = _recall(_proses, key)
    if last is not None:
        return last  # type: ignore[no-any-return]
    bounded, clipped = _bounded(report)
    made = Prose(key, tuple(content.sections(report)), content.fee_said(report), tuple(clipped),
                 tuple(text.check(bounded)), mismatch.claims(bounded), tuple(dates.check(bounded)))
    _remember(_proses, made)
    return made


def _cross_text(report: Report, last: LastYear, key: tuple[object, ...]) -> list[Finding]:
    """crossyear's text findings, again only when this year's or last year's text changed."""
    full = (key, last.year, tuple((k, tuple(ps)) for k, ps in last.sections.items()))  # the year: in their inputs
    cached = _recall(_crosses, full)
    if cached is not None:
        return cached[1]  # type: ignore[no-any-return]
    made = crossyear.text_findings(report, last)
    _remember(_crosses, (full, made))
    return made


def _bounded(report: Report) -> tuple[Report, list[Finding]]:
    """The report as the text checks see it: a paragraph past MAX_CHECKED_PARAGRAPH_CHARS (a
    pasted megabyte) is checked up to there only, with a hint, so checking stays within a
    couple of seconds.  Offsets below the cut are the paragraph's own; a normal report is
    passed through untouched."""
    notes: list[Finding] = []
    sections: dict[str, list[Paragraph]] = {}
    for key, paras in report.sections.items():
        out = []
        for i, para in enumerate(paras):
            text = para.text
            if len(text) > MAX_CHECKED_PARAGRAPH_CHARS:
                notes.append(TEXT_NOT_CHECKED.at(
                    Location(key), f"第{i + 1}段有{len(text)}字，只检查了前{MAX_CHECKED_PARAGRAPH_CHARS}字；"
                                   "这样长的段落多为误粘贴，请检查"))
                para = Paragraph([Run(text[:MAX_CHECKED_PARAGRAPH_CHARS])], para.kind)
            out.append(para)
        sections[key] = out
    if not notes:
        return report, []
    return dataclasses.replace(report, sections=sections), notes
