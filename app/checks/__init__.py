"""All checks of a report.  Each family is a module yielding Findings."""

from __future__ import annotations

from app.checks import arithmetic, content, crossyear, dates, mismatch, text
from app.findings import Finding
from app.lastyear import LastYear, attached
from app.report import Report


def run_all(report: Report, last: LastYear | None = None) -> list[Finding]:
    """The reader's findings first, then every family, in a stable order.  Against last year's
    report: ``last``, else the one attached to the report (stored in its .docx)."""
    # What the reader said about the file goes once the user has made the edit it asks for.
    found = [f for f in report.import_findings if not f.resolved(report.value)]
    found += arithmetic.check(report)
    found += content.check(report)
    found += text.check(report)
    found += mismatch.check_all(report)
    found += dates.check(report)
    last = last or attached(report)
    if last is not None:
        found += crossyear.check(report, last)
    return found
