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
from pathlib import Path

from app.report import Report


def published(report: Report) -> Report:
    """``report`` without the editor's own data (dismissals and their reasons, last year's
    report): a copy; the report being edited keeps everything."""
    return dataclasses.replace(report, extras={}, import_findings=[])


def write_published(report: Report, path: Path) -> None:
    """Write the published copy of ``report`` to ``path`` (atomically, as any save; no backup:
    it is an output, remade from the report any time).  Raises app.io.WriteError."""
    from app.io import save_report

    save_report(published(report), path)
