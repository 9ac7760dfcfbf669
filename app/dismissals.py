"""忽略此问题: findings a user judged wrong, kept in the .docx so the next reviewer sees them.

A dismissal names its finding by a fingerprint: the code and kind, where it is (section, cells)
and the content it is about — the cells' values, the passage's text, the section's text, the
date and organ; for a finding about the file as opened, its message.  Never the message of a
check (it quotes positions) nor paragraph numbers: an edit elsewhere leaves a dismissal alone,
while an edit of the cells or text it was about brings the finding back.

Dismissals are stored under ``report.extras["dismissed"]`` (app/docx/custom.py) as a list of
``{"fingerprint", "code", "kind", "location", "message", "reason", "by", "at"}``.  A record
whose finding has gone or changed stays in the file (harmless, and the finding may return to
exactly what was dismissed).
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.findings import Finding
from app.report import Report
from app.schema import ALL_TEXT_KEYS, META
from app.values import format_value

KEY = "dismissed"


@dataclass(frozen=True)
class Dismissal:
    """A finding the user set aside (忽略此问题), with the reason, who and when."""

    fingerprint: str
    code: str
    kind: str
    location: str  # as described when dismissed, for a reader of the file
    message: str
    reason: str
    by: str
    at: str  # local time, ISO 8601 to the second

    def to_json(self) -> dict[str, str]:
        return {"reason": self.reason, "by": self.by, "at": self.at}


def _about(report: Report, f: Finding) -> list[Any]:
    """The content a finding is about, for its fingerprint."""
    loc = f.location
    if f.declared.opened_file:
        return ["file", f.message]
    about: list[Any] = [loc.section]
    if loc.cells:
        about.append([[c.table, c.row, c.col, format_value(report.value(c)), report.raw.get(c, "")]
                      for c in loc.cells])
    if loc.span is not None:
        paras = report.sections.get(loc.section, [])
        lengths = {i: len(p.text) for i, p in enumerate(paras)}
        about.append([paras[p].text[s:e] if p < len(paras) else "" for p, s, e in loc.span.parts(lengths)])
    elif not loc.cells and loc.section in ALL_TEXT_KEYS:
        about.append(report.section_text(loc.section))
    if loc.section == META:
        about.append([report.organ, report.year, report.date.isoformat() if report.date else None])
    return about


def fingerprints(report: Report, findings: list[Finding]) -> list[str]:
    """One fingerprint per finding; the same content twice (a stutter in two places) is told
    apart by its order among its equals."""
    import hashlib  # here: a report without dismissals never needs it (OpenSSL, ~3 ms of a start)

    seen: Counter[str] = Counter()
    out: list[str] = []
    for f in findings:
        body = json.dumps([f.code, f.kind, _about(report, f)], ensure_ascii=False, sort_keys=True)
        base = hashlib.sha256(body.encode("utf-8")).hexdigest()[:20]
        seen[base] += 1
        out.append(f"{base}-{seen[base]}")
    return out


def stored(report: Report) -> dict[str, Dismissal]:
    """The report's dismissals by fingerprint; malformed records are skipped."""
    out: dict[str, Dismissal] = {}
    records = report.extras.get(KEY)
    if not isinstance(records, list):
        return out
    for r in records:
        if not isinstance(r, dict) or not isinstance(r.get("fingerprint"), str):
            continue
        fields = {k: str(r.get(k, "") or "") for k in ("code", "kind", "location", "message", "reason", "by", "at")}
        out[r["fingerprint"]] = Dismissal(r["fingerprint"], **fields)
    return out


def split(report: Report, findings: list[Finding]) -> tuple[list[Finding], list[tuple[Finding, Dismissal]]]:
    """(findings that count, dismissed findings with their dismissal)."""
    records = stored(report)
    if not records:
        return list(findings), []
    active: list[Finding] = []
    dismissed: list[tuple[Finding, Dismissal]] = []
    for f, fp in zip(findings, fingerprints(report, findings), strict=True):
        if fp in records:
            dismissed.append((f, records[fp]))
        else:
            active.append(f)
    return active, dismissed


def who(report: Report) -> str:
    """The OS user name; the 机关名称 where the system does not say."""
    try:
        name = getpass.getuser()
    except Exception:  # no user name in the environment (a service account, a bare container)
        name = ""
    return name or report.organ or "未知"


def dismissal(report: Report, finding: Finding, fingerprint: str, reason: str, by: str | None = None,
              at: dt.datetime | None = None) -> Dismissal:
    when = (at or dt.datetime.now()).isoformat(timespec="seconds")
    return Dismissal(fingerprint, finding.code, finding.kind, finding.location.describe(), finding.message,
                     reason.strip(), by or who(report), when)


def records_with(report: Report, added: Sequence[Dismissal] = (), removed: frozenset[str] = frozenset()) -> list[dict[str, str]]:
    """The stored list with ``added`` put in and the fingerprints ``removed`` taken out, for an
    undoable edit of ``report.extras[KEY]``."""
    records = [r for r in report.extras.get(KEY, []) if isinstance(r, dict)] \
        if isinstance(report.extras.get(KEY), list) else []
    drop = removed | {d.fingerprint for d in added}
    out = [r for r in records if r.get("fingerprint") not in drop]
    out += [{"fingerprint": d.fingerprint, "code": d.code, "kind": d.kind, "location": d.location,
             "message": d.message, "reason": d.reason, "by": d.by, "at": d.at} for d in added]
    return out


def set_records(report: Report, records: list[dict[str, str]]) -> None:
    if records:
        report.extras[KEY] = records
    else:
        report.extras.pop(KEY, None)
