"""All checks of a report.  Each family is a module yielding Findings."""

from __future__ import annotations

from app.checks import arithmetic, content, dates, mismatch, text
from app.findings import Finding
from app.report import Report


def run_all(report: Report) -> list[Finding]:
    """The reader's findings first, then every family, in a stable order."""
    found = list(report.import_findings)
    found += arithmetic.check(report)
    found += content.check(report)
    found += text.check(report)
    found += mismatch.check_all(report)
    found += dates.check(report)
    return found
