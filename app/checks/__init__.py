"""All checks of a report.  Each family is a module yielding Findings."""

from __future__ import annotations

import dataclasses

from app.checks import arithmetic, content, crossyear, dates, mismatch, text
from app.findings import TEXT_NOT_CHECKED, Finding, Location
from app.lastyear import LastYear, attached
from app.limits import MAX_CHECKED_PARAGRAPH_CHARS
from app.report import Paragraph, Report, Run


def run_all(report: Report, last: LastYear | None = None) -> list[Finding]:
    """The reader's findings first, then every family, in a stable order.  Against last year's
    report: ``last``, else the one attached to the report (stored in its .docx)."""
    # What the reader said about the file goes once the user has made the edit it asks for.
    found = [f for f in report.import_findings if not f.resolved(report.value)]
    found += arithmetic.check(report)
    found += content.check(report)
    prose, clipped = _bounded(report)
    found += clipped
    own_text, own_dates = _prose_only(prose)
    found += own_text
    found += mismatch.check_all(prose)
    found += own_dates
    last = last or attached(report)
    if last is not None:
        found += crossyear.check(report, last)
    return found


# The last prose-only result and what it was computed from: a table edit leaves the text as it
# was, so the text checks (the costly part on a long report) are not rerun for it; only the
# table and text-vs-table checks are.
_last_prose: tuple[object, tuple[list[Finding], list[Finding]]] | None = None


def _prose_only(prose: Report) -> tuple[list[Finding], list[Finding]]:
    """(text findings, date findings): what reads only the narrative, the organ, year and date."""
    global _last_prose
    key = (prose.organ, prose.year, prose.date, tuple(f.code for f in prose.import_findings),
           tuple((k, tuple((p.kind, p.text) for p in ps)) for k, ps in prose.sections.items()))
    last = _last_prose  # read once: the batch window checks in a thread of its own
    if last is not None and last[0] == key:
        own_text, own_dates = last[1]
    else:
        own_text, own_dates = list(text.check(prose)), list(dates.check(prose))
        _last_prose = (key, (own_text, own_dates))
    return list(own_text), list(own_dates)


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
