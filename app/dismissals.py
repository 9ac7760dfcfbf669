"""忽略此问题: findings a user judged wrong, kept in the .docx so the next reviewer sees them.

A dismissal names its finding by a fingerprint: the code and kind, where it is (section, cells)
and the content it is about — the cells' values, the passage's text and the words either side
of it, the date and organ; for a finding about the file as opened, its message.  Never the
message of a check (it quotes positions) nor paragraph numbers: an edit elsewhere leaves a
dismissal alone, while an edit of the cells or text it was about, or of the words right beside a
passage, brings the finding back.  The words beside a passage are what tell one “的的” from
another: by its text and its order among equal ones alone, a new “的的” typed above a dismissed
one took the dismissal and the dismissed one became live again — a real error hidden and
`check`'s exit code changed.  The order among equal fingerprints remains only for passages equal
with their surroundings too.

A finding about a whole section (“一、总体情况”过长, no fee note in 六, a section left empty) is
named by what it says, not by the section's text: by its message with its numbers taken out, and
it comes back when one of those numbers — its own measure: the section's length, the fee figure
— moves by more than a tenth (MATERIAL) from the one dismissed.  A reviewer who accepted
“一、总体情况”共1100字 has accepted 1,120 characters too, and a comma typed in the section must not
bring it back; 1,300 characters are a new question.  (Version 2 fingerprinted the section's
whole text: any edit of it revived the finding.)  A finding reworded for what it saw but asking
an older wording's question (``Finding.about``: a section “与上一年度报告完全相同” whose years
were then moved on, “只改了年份”) is named by that wording, so its dismissal holds.

A finding computed from more than the cells it points at (``Finding.inputs``: 现行有效 against
上年现行有效+本年制发-本年废止, 上年结转 against last year's 结转下年度, 其他处理 against the
总计) is named by those figures too: a change of any of them is a new question.  (Version 3 left
them out: 本年制发 3→300 kept “应为13” dismissed while it said 应为310.)  A version 3 record of
such a finding is honoured only while the finding says what was dismissed (its message quotes
every figure it read).

Dismissals are stored under ``report.extras["dismissed"]`` (app/docx/custom.py) as a list of
``{"fingerprint", "code", "kind", "location", "message", "reason", "by", "at"}``.  A record
whose finding has gone or changed stays in the file (harmless, and the finding may return to
exactly what was dismissed).  A record of an older version (its fingerprint without the current
``v4-`` in front) is honoured as that version matched it, and rewritten in the current form when
its finding is found, so that from then on it follows its passage, or its measure, as described.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import json
import re
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
VERSION = "v4-"  # with the figures a finding was computed from (the module's doc)
_V3 = "v3-"  # whole-section findings by what they say and their measure
_V2 = "v2-"  # the words either side of a passage; a whole section by its text
CURRENT = 4
MATERIAL = 0.1  # a whole-section finding's number moved by more than this share of it: back
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_POSITION = re.compile(r"第\d+段")
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


def whole_section(f: Finding) -> bool:
    """A finding about a section as a whole: neither cells nor a passage of it."""
    loc = f.location
    return not loc.cells and loc.span is None and loc.section in ALL_TEXT_KEYS and not f.declared.opened_file


def _measures(message: str) -> list[float]:
    """The numbers a whole-section finding measures by: not a paragraph's place (第2段), which a
    paragraph typed above it moves (rev23 L4)."""
    return [float(n) for n in _NUMBER.findall(_POSITION.sub("", message))]


def _same_measure(now: str, then: str) -> bool:
    """Whether a whole-section finding still says what was dismissed: each of its numbers within
    MATERIAL of the dismissed message's (their words are equal: the fingerprint holds them)."""
    a, b = _measures(now), _measures(then)
    return len(a) == len(b) and all(abs(x - y) <= MATERIAL * abs(y) for x, y in zip(a, b, strict=True))


def _about(report: Report, f: Finding, beside: bool = True, version: int = CURRENT) -> list[Any]:
    """The content a finding is about, for its fingerprint; ``beside``: with the words either
    side of its passage; ``version``: 3 names a whole-section finding by its words, older ones
    by the section's text; 4 adds the figures it was computed from."""
    loc = f.location
    if f.declared.opened_file:
        return ["file", f.message]
    about: list[Any] = [loc.section]
    if version >= 4 and f.inputs:
        about.append(["inputs", *f.inputs])
    if version >= 3 and whole_section(f):
        return [*about, _NUMBER.sub("#", f.about or f.message)]
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
    return _fingerprints(report, findings)


_PREFIX = {1: "", 2: _V2, 3: _V3, CURRENT: VERSION}


def _version(fingerprint: str) -> int:
    return next((v for v in (CURRENT, 3, 2) if fingerprint.startswith(_PREFIX[v])), 1)


def _fingerprints(report: Report, findings: list[Finding], beside: bool = True, version: int | None = None) -> list[str]:
    """``version``: as that version fingerprinted (1: no words beside a passage); the current one
    when not given."""
    import hashlib  # here: a report without dismissals never needs it (OpenSSL, ~3 ms of a start)

    version = version if version is not None else CURRENT if beside else 1
    seen: Counter[str] = Counter()
    out: list[str] = []
    for f in findings:
        body = json.dumps([f.code, f.kind, _about(report, f, version > 1, version)], ensure_ascii=False, sort_keys=True)
        base = hashlib.sha256(body.encode("utf-8")).hexdigest()[:20]
        seen[base] += 1
        out.append(f"{_PREFIX[version]}{base}-{seen[base]}")
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
    # Each older version present among the records, newest first: its fingerprints of these findings.
    older = sorted({_version(fp) for fp in records} - {CURRENT}, reverse=True)
    legacy = [_fingerprints(report, findings, version=v) for v in older]
    active: list[Finding] = []
    dismissed: list[tuple[Finding, Dismissal]] = []
    renamed: dict[str, str] = {}
    for i, (f, fp) in enumerate(zip(findings, current, strict=True)):
        # An older record did not name the figures the finding read: it holds while the finding
        # still says what was dismissed.
        was = next((prints[i] for prints in legacy if prints[i] in records and prints[i] not in renamed
                    and (not f.inputs or records[prints[i]].message == f.message)), None)
        if fp in records:
            # A whole-section finding whose measure moved materially is a new question.
            if not whole_section(f) or _same_measure(f.message, records[fp].message):
                dismissed.append((f, records[fp]))
            else:
                active.append(f)
        elif was is not None:
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
