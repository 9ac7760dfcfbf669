"""The copy for publication (文件 → 导出发布稿…, ``export --clean``): the report as the public
sees it, without what the editor keeps for its own work.

A saved .docx carries the editor's data part (app/docx/custom.py): the reasons findings were
dismissed, with the OS login name of who dismissed them, and last year's figures and sentences.
Word and WPS keep that part through every re-save, so a file put on the website as saved would
publish them.  The published copy is written from the same report with none of that data; its
document properties name the organ (author, last modified by) or nothing, never a person.  Our
writer adds no comments, revisions or rsids, so the rest of the package is the report itself.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app.findings import Finding, Severity
from app.report import Report

if TYPE_CHECKING:
    from app.docx.properties import FileProperties

QUOTED = 3  # errors named in the warning; the rest counted
_LONGEST = 60  # characters of one error's words in the warning


def published(report: Report) -> Report:
    """``report`` without the editor's own data (dismissals and their reasons, last year's
    report) nor the people and notes of its file's properties (the author the file read named,
    its 摘要 comments, its custom properties: only the created time stays): a copy; the report
    being edited keeps everything."""
    kept = report.file_properties
    props: FileProperties | None = {"created": kept["created"]} if kept is not None and "created" in kept else None
    return dataclasses.replace(report, extras={}, import_findings=[], file_properties=props)


def write_published(report: Report, path: Path) -> None:
    """Write the published copy of ``report`` to ``path`` (atomically, as any save; no backup:
    it is an output, remade from the report any time).  Raises app.io.WriteError."""
    from app.io import save_report

    save_report(published(report), path)


def errors_left(report: Report) -> list[Finding]:
    """The error findings the report still has, as the window and ``check`` count them (the
    copy for the website would publish figures that do not add up); dismissed ones do not
    count: the user has judged them."""
    from app import dismissals
    from app.checks import run_all

    findings, _ = dismissals.split(report, run_all(report))
    return [f for f in findings if f.severity >= Severity.ERROR]


def errors_warning(errors: Sequence[Finding], fate: str = "发布稿会把它们原样发布") -> str:
    """“还有 N 个错误没有改正……” with the first few in words, one a line; ``fate`` says what the
    output does with them (the 发布稿 publishes them, a PDF or a print carries them)."""
    lines = [f"还有 {len(errors)} 个错误没有改正（已忽略的不计），{fate}："]
    for f in errors[:QUOTED]:
        said = f"{f.location.describe()}：{f.message}"
        lines.append("· " + (said if len(said) <= _LONGEST else said[:_LONGEST - 1] + "…"))
    if len(errors) > QUOTED:
        lines.append(f"……另有 {len(errors) - QUOTED} 个")
    return "\n".join(lines)
