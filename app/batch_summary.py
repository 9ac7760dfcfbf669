"""The reviewer's summary workbook of a batch (app/batch.py): 汇总, 全部问题, 无法读取, 未检查 —
each file named by its path within the folder checked, with a link that finds it from the
workbook; A4 landscape, the header on every page."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.findings import Severity
from app.xlsxcell import cell_text, put_text

if TYPE_CHECKING:
    from app.batch import Batch, FileResult

SUMMARY_HEADER = ("文件", "机关名称", "年度", "成文日期", "错误", "警告", "提示", "问题代码", "主要问题",
                  "对照上年报告", "备注")
FINDINGS_HEADER = ("文件", "机关名称", "年度", "严重程度", "代码", "位置", "说明", "已忽略")
UNREADABLE_HEADER = ("文件", "原因")
PASSED_OVER_HEADER = ("文件", "未检查的原因")
FIRST_FINDINGS = 3  # findings quoted in words in the summary row


def first_findings(r: FileResult, n: int = FIRST_FINDINGS) -> str:
    """The most severe findings first, in words, one a line."""
    ranked = sorted(r.findings, key=lambda f: -f.severity)[:n]
    more = len(r.findings) - len(ranked)
    lines = [f"[{f.severity.name_zh}] {f.location.describe()}：{f.message}" for f in ranked]
    return "\n".join(lines + ([f"……另有 {more} 个"] if more > 0 else []))


def note(r: FileResult, base: Path | None = None) -> str:
    """The other files of the same organ and year, by their paths within the folder: 原稿/报告.docx
    and 修订/报告.docx are two files, not one name twice."""
    if not r.duplicates:
        return ""
    return "同一机关同一年度另有：" + "、".join(shown_path(p, base) for p in r.duplicates)


def base_folder(paths: Sequence[str | Path]) -> Path | None:
    """The folder files are shown relative to: the one folder chosen, else what the paths
    given have in common (a file named alone: its folder).  None — full paths — where that is
    only a file system's root: files from unrelated folders, “/home/…” shown as “home/…” would
    look like paths within a folder."""
    dirs = [os.path.abspath(p if Path(p).is_dir() else Path(p).parent) for p in paths]
    if not dirs:
        return None
    try:
        common = Path(os.path.commonpath(dirs))
    except ValueError:  # different drives on Windows: full paths
        return None
    return None if common.parent == common else common


def shown_path(path: str, base: Path | None) -> str:
    """``path`` relative to ``base`` (“乡镇/副本/good.docx”), in the system's separators; the
    full path where it is not under ``base``."""
    if base is None:
        return path
    try:
        rel = os.path.relpath(os.path.abspath(path), base)
    except ValueError:  # another drive on Windows
        return path
    if rel == os.curdir:  # the folder itself (a run that failed as a whole): by its name
        return Path(path).name or path
    return path if rel.startswith(os.pardir) else rel


def _append(ws: Any, values: Sequence[object]) -> None:
    """A row whose text is text: “=1+2.docx”, an organ or a message beginning with = is written
    as a string, never as a formula a reviewer's Excel would run (app/xlsxcell.py)."""
    ws.append([cell_text(v) if isinstance(v, str) else v for v in values])
    for c in ws[ws.max_row]:
        if isinstance(c.value, str):
            put_text(c, c.value)


def write_summary(batch: Batch, dest: Path) -> None:
    """The reviewer's workbook: 汇总 (a row per report), 全部问题, 无法读取, 未检查 (the files
    that are no report); each file by its path within the chosen folder; written atomically."""
    from app.io import atomic_write

    atomic_write(Path(dest), lambda tmp: _workbook(batch, Path(dest)).save(tmp))


def _link(target: str, dest: Path) -> str:
    """Relative to the workbook (the folder may move as a whole), else an absolute file URI."""
    try:
        link = os.path.relpath(os.path.abspath(target), os.path.abspath(dest.parent)).replace(os.sep, "/")
    except ValueError:  # another drive on Windows
        return Path(os.path.abspath(target)).as_uri()
    if cell_text(link) != link:  # a name XML cannot carry as it is: its bytes, percent-encoded
        from urllib.parse import quote

        link = quote(os.fsencode(link), safe="/")
    return link


def _workbook(batch: Batch, dest: Path) -> Any:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    summary = wb.active
    summary.title = "汇总"
    _append(summary, SUMMARY_HEADER)
    readable = batch.checked
    for r in readable:
        _append(summary, [
            batch.shown(r.path), r.organ, r.year, r.date, r.count(Severity.ERROR), r.count(Severity.WARNING),
            r.count(Severity.INFO), " ".join(r.codes), first_findings(r),
            batch.shown(r.paired_with) if r.paired_with else "", note(r, batch.base),
        ])
        cell = summary.cell(summary.max_row, 1)
        cell.hyperlink = _link(r.path, dest)
        cell.style = "Hyperlink"
    every = wb.create_sheet("全部问题")
    _append(every, FINDINGS_HEADER)
    for r in readable:
        for f in r.findings:
            _append(every, [batch.shown(r.path), r.organ, r.year, f.severity.name_zh, f.code, f.location.describe(), f.message, ""])
        for f, d in r.dismissed:
            why = "；".join(x for x in (d.reason, d.by, d.at) if x)
            _append(every, [batch.shown(r.path), r.organ, r.year, f.severity.name_zh, f.code, f.location.describe(),
                          f.message, f"已忽略（{why}）"])
    bad = wb.create_sheet("无法读取")
    _append(bad, UNREADABLE_HEADER)
    for r in batch.unreadable:
        _append(bad, [batch.shown(r.path), r.reason])
    other = wb.create_sheet("未检查")
    _append(other, PASSED_OVER_HEADER)
    for r in batch.passed_over():
        _append(other, [batch.shown(r.path), r.reason])
    wrap = {"主要问题", "说明", "原因", "备注", "未检查的原因"}
    for ws in (summary, every, bad, other):
        for c in ws[1]:
            c.font = Font(bold=True)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        for col in ws.iter_cols(min_row=1, max_row=ws.max_row):
            head = str(col[0].value)
            width = max(_width(c.value) for c in col)
            ws.column_dimensions[col[0].column_letter].width = min(max(width + 2, 6), 60 if head in wrap else 50)
            if head in wrap:
                for c in col[1:]:
                    c.alignment = Alignment(wrap_text=True, vertical="top")
        # A4, landscape, every column on the page's width, the header on every page
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = "1:1"
    return wb


def _width(value: object) -> int:
    """Display width of the longest line: CJK and full-width characters count two."""
    if value is None:
        return 0
    return max((sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
                for line in str(value).split("\n")), default=0)

