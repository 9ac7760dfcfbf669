"""忽略此问题: findings a user judged wrong, kept in the .docx so the next reviewer sees them.

A dismissal names its finding by a fingerprint: the code and kind, where it is (section, cells)
and the content it is about — the cells' values, the passage's text and the words either side
of it, the section's text, the date and organ; for a finding about the file as opened, its
message.  Never the message of a check (it quotes positions) nor paragraph numbers: an edit
elsewhere leaves a dismissal alone, while an edit of the cells or text it was about, or of the
words right beside a passage, brings the finding back.  The words beside a passage are what
tell one “的的” from another: by its text and its order among equal ones alone, a new “的的”
typed above a dismissed one took the dismissal and the dismissed one became live again — a real
error hidden and `check`'s exit code changed.  The order among equal fingerprints remains only
for passages equal with their surroundings too.

Dismissals are stored under ``report.extras["dismissed"]`` (app/docx/custom.py) as a list of
``{"fingerprint", "code", "kind", "location", "message", "reason", "by", "at"}``.  A record
whose finding has gone or changed stays in the file (harmless, and the finding may return to
exactly what was dismissed).  A record of an older version (its fingerprint without the words
beside: no ``v2-`` in front) is honoured as that version matched it, and rewritten in the
current form when its finding is found, so that from then on it follows its own passage.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import json
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.findings import Finding
from app.report import Paragraph, Report
from app.schema import ALL_TEXT_KEYS, META
from app.values import format_value

KEY = "dismissed"
VERSION = "v2-"  # fingerprints with the words either side of a passage
BESIDE = 12  # characters either side of a passage in its fingerprint (whitespace and width aside)
_WINDOW = 4 * BESIDE  # raw characters read for them: spaces are dropped before counting


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


def _about(report: Report, f: Finding, beside: bool = True) -> list[Any]:
    """The content a finding is about, for its fingerprint; ``beside``: with the words either
    side of its passage (False: as older versions fingerprinted)."""
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
        parts = loc.span.parts(lengths)
        about.append([paras[p].text[s:e] if p < len(paras) else "" for p, s, e in parts])
        if beside:
            about.append(_beside(paras, parts))
    elif not loc.cells and loc.section in ALL_TEXT_KEYS:
        about.append(report.section_text(loc.section))
    if loc.section == META:
        about.append([report.organ, report.year, report.date.isoformat() if report.date else None])
    return about


def _plain(text: str) -> str:
    """Text as compared beside a passage: no whitespace, full-width letters and digits as
    half-width — a space or a width changed next to it is no edit of what it is about."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _beside(paras: Sequence[Paragraph], parts: list[tuple[int, int, int]]) -> list[str]:
    """Up to BESIDE characters before a passage and after it, within its paragraph(s): an edit
    of another paragraph never moves them."""
    (first, start, _), (last, _, end) = parts[0], parts[-1]
    before = paras[first].text[max(0, start - _WINDOW):start] if first < len(paras) else ""
    after = paras[last].text[end:end + _WINDOW] if last < len(paras) else ""
    return [_plain(before)[-BESIDE:], _plain(after)[:BESIDE]]


def fingerprints(report: Report, findings: list[Finding]) -> list[str]:
    """One fingerprint per finding; the same content twice (a passage and the words beside
    it, in two places) is told apart by its order among its equals."""
    return _fingerprints(report, findings, beside=True)


def _fingerprints(report: Report, findings: list[Finding], beside: bool) -> list[str]:
    import hashlib  # here: a report without dismissals never needs it (OpenSSL, ~3 ms of a start)

    seen: Counter[str] = Counter()
    out: list[str] = []
    for f in findings:
        body = json.dumps([f.code, f.kind, _about(report, f, beside)], ensure_ascii=False, sort_keys=True)
        base = hashlib.sha256(body.encode("utf-8")).hexdigest()[:20]
        seen[base] += 1
        out.append(f"{VERSION}{base}-{seen[base]}" if beside else f"{base}-{seen[base]}")
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
    """(findings that count, dismissed findings with their dismissal).  An older version's
    record that matches is rewritten in the current form (the module's docstring)."""
    records = stored(report)
    if not records:
        return list(findings), []
    current = fingerprints(report, findings)
    old = [fp for fp in records if not fp.startswith(VERSION)]
    legacy = _fingerprints(report, findings, beside=False) if old else [""] * len(findings)
    active: list[Finding] = []
    dismissed: list[tuple[Finding, Dismissal]] = []
    renamed: dict[str, str] = {}
    for f, fp, was in zip(findings, current, legacy, strict=True):
        if fp in records:
            dismissed.append((f, records[fp]))
        elif was in records and was not in renamed:
            dismissed.append((f, dataclasses.replace(records[was], fingerprint=fp)))
            renamed[was] = fp
        else:
            active.append(f)
    if renamed:
        _rename(report, renamed)
    return active, dismissed


def _rename(report: Report, renamed: dict[str, str]) -> None:
    """Older records given their current fingerprints: a new list (an undo step holding the old
    one keeps it as it was)."""
    records = report.extras.get(KEY)
    if isinstance(records, list):
        report.extras[KEY] = [{**r, "fingerprint": renamed[r["fingerprint"]]}
                              if isinstance(r, dict) and r.get("fingerprint") in renamed else r for r in records]


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
