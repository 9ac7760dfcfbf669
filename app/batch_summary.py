"""The reviewer's summary workbook of a batch (app/batch.py): 汇总, 全部问题, 无法读取, 未检查 —
each file named by its path within the folder checked, with a link beside it (打开) that finds
it from the workbook; printed on A4 landscape at a size a reviewer can read (``_print_layout``)."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from copy import copy
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.findings import Severity
from app.names import is_folder
from app.summarymark import FINDINGS_HEADER, OPEN_HEADER, OPEN_TEXT, SUMMARY_HEADER
from app.summarymark import IS_SUMMARY as IS_SUMMARY
from app.summarymark import MARK_NAME as MARK_NAME
from app.summarymark import MARK_VALUE as MARK_VALUE
from app.summarymark import WHAT_IT_IS as WHAT_IT_IS
from app.summarymark import is_summary as is_summary
from app.xlsxcell import cell_text, put

if TYPE_CHECKING:
    from app.batch import Batch, FileResult

UNREADABLE_HEADER = ("文件", "原因")
PASSED_OVER_HEADER = ("文件", "未检查的原因")
# The widest each column is made (Excel's character widths; a Chinese character is two): longer
# text wraps within it and the row grows.  汇总's fifteen columns at these widths are 192
# characters: on A4 landscape at 75 % in Excel (``_print_layout``), 11 pt printed at 8.3; as wide
# as their text (60) they were ~330, fitted to the page's width at 4 pt.
SUMMARY_WIDEST = (28, 6, 16, 6, 11, 5, 5, 5, 7, 12, 38, 16, 14, 12, 11)
FINDINGS_WIDEST = (28, 16, 6, 8, 14, 20, 48, 24)
UNREADABLE_WIDEST = (40, 80)
PASSED_OVER_WIDEST = (40, 80)
UNFINISHED_SHEET = "未检查完"  # first, where a run was cut short: the files it never reached
UNFINISHED_HEADER = ("文件", "说明")
UNFINISHED_WIDEST = (60, 40)
FIRST_FINDINGS = 3  # findings quoted in words in the summary row



def first_findings(r: FileResult, n: int = FIRST_FINDINGS) -> str:
    """The most severe findings first, in words, one a line."""
    ranked = sorted(r.findings, key=lambda f: -f.severity)[:n]
    more = len(r.findings) - len(ranked)
    lines = [f"[{f.severity.name_zh}] {f.location.describe()}：{f.message}" for f in ranked]
    return "\n".join(lines + ([f"……另有 {more} 个"] if more > 0 else []))


def none_open(r: FileResult) -> str:
    """What a report without open findings is said to have: 未发现问题, and how many dismissed."""
    return f"未发现问题（另有{len(r.dismissed)}个已忽略）" if r.dismissed else "未发现问题"


def dismissed_findings(r: FileResult, n: int = 10) -> str:
    """The dismissed findings in words, one a line, with why and who (the window's tooltip)."""
    lines = []
    for f, d in r.dismissed[:n]:
        why = "；".join(x for x in (d.reason, d.by) if x)
        lines.append(f"[已忽略·{f.severity.name_zh}] {f.location.describe()}：{f.message}" + (f"（{why}）" if why else ""))
    more = len(r.dismissed) - len(lines)
    return "\n".join(lines + ([f"……另有 {more} 个"] if more > 0 else []))


NOTE_NAMES = 5  # named in a duplicate note; the rest counted (20 revisions of one report, or 2,000)


def note(r: FileResult, base: Path | None = None) -> str:
    """The other files of the same organ and year, by their paths within the folder: 原稿/报告.docx
    and 修订/报告.docx are two files, not one name twice.  At most NOTE_NAMES named: a folder of
    2,000 copies gave each a line naming the 1,999 others (34 KB; past Excel's 32,767 characters
    a cell at ~1,000), quadratic output (hostile30)."""
    if not r.duplicates:
        return ""
    names = "、".join(shown_path(p, base) for p in r.duplicates[:NOTE_NAMES])
    if len(r.duplicates) <= NOTE_NAMES:
        return "同一机关同一年度另有：" + names
    return f"同一机关同一年度另有{len(r.duplicates)}份：{names}等"


def base_folder(paths: Sequence[str | Path]) -> Path | None:
    """The folder files are shown relative to: the one folder chosen, else what the paths
    given have in common (a file named alone: its folder).  None — full paths — where that is
    only a file system's root: files from unrelated folders, “/home/…” shown as “home/…” would
    look like paths within a folder."""
    dirs = [os.path.abspath(p if is_folder(p) else Path(p).parent) for p in paths]
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


def write_summary(batch: Batch, dest: Path) -> None:
    """The reviewer's workbook: 汇总 (a row per report), 全部问题, 无法读取, 未检查 (the files
    that are no report); each file by its path within the chosen folder; written atomically."""
    from app.io import atomic_write

    atomic_write(Path(dest), lambda tmp: _workbook(batch, Path(dest)).save(tmp))


def write_summary_apart(batch: Batch, dest: Path) -> None:
    """``write_summary`` in a process of its own (app.batch_pool.run_apart): the batch window's
    导出汇总表, which keeps the window answering while thousands of rows are written."""
    from app.batch_pool import run_apart
    from app.errors import WriteError

    try:
        run_apart(write_summary, batch, Path(dest))
    except ChildProcessError as e:
        raise WriteError(f"{dest}：写汇总表的进程意外结束，未写入（可能是内存不足），请再试一次") from e


def _link(target: str, dest: Path) -> str:
    """Relative to the workbook (the folder may move as a whole), else an absolute file URI."""
    try:
        link = os.path.relpath(os.path.abspath(target), os.path.abspath(dest.parent)).replace(os.sep, "/")
    except ValueError:  # another drive on Windows
        return Path(os.path.abspath(target)).as_uri()
    if cell_text(link) != link:  # a name XML cannot carry as it is: its bytes, percent-encoded
        from urllib.parse import quote

        link = quote(os.fsencode(link), safe="/")
    if ":" in link.split("/", 1)[0]:  # “http:evil.example” or a folder “javascript:”: a path, not a scheme
        link = "./" + link
    return link


Row = tuple[Sequence[object], "str | None"]  # a row's values, and the link of its 打开 cell


def chosen_among(n: int) -> str:
    """对照上年报告's words where last year's report came in ``n`` copies (app/batch.choose_last)."""
    return f"（上年同一机关共 {n} 份，取统计表数字最全、最新的一份）" if n > 1 else ""


def unfinished_note(batch: Batch) -> str | None:
    """What a summary of a run cut short (取消, or failed midway) says on every sheet's printed
    header and first (rev23b M4: 6 of 56 reports looked like the folder's result); None for a
    run that went through."""
    if not batch.cancelled and not batch.unfinished:
        return None
    how = "检查已取消" if batch.cancelled else "检查中途出错"
    if batch.unfinished:
        return f"未完成：{how}，另有 {len(batch.unfinished)} 个文件未检查（见“{UNFINISHED_SHEET}”表）"
    return f"未完成：{how}，对照上年报告的复查未完成"


def unfinished_status(batch: Batch) -> str:
    """导出汇总表's words beside the file's name for a run cut short (``unfinished_note``)."""
    if batch.unfinished:
        return f"（检查未完成，{len(batch.unfinished)} 个文件未检查）"
    return "（检查未完成）" if batch.cancelled else ""


def _sheet(wb: Any, title: str, header: Sequence[str], widest: Sequence[int],
           rows: Callable[[], Iterable[Row]], note: str | None = None) -> None:
    """One sheet, streamed (openpyxl's write-only mode: no cell is kept once written — the whole
    summary built in memory grew a 2,000-report batch by ~250 MB).  A stream's column widths come
    before its first row, so ``rows()`` is asked for twice: once for the widths, once to write.
    Frozen header, filters, widths fitted to the text up to ``widest`` (beyond, the text wraps);
    the print layout of ``_print_layout``.  Text is written as text (app/xlsxcell.py):
    “=1+2.docx”, an organ or a message beginning with = is a string, never a formula a
    reviewer's Excel would run."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    link_at = header.index(OPEN_HEADER) if OPEN_HEADER in header else None
    widths = [_width(head) for head in header]
    count = 1
    for values, _link in rows():
        count += 1
        for i, value in enumerate(values):
            widths[i] = max(widths[i], _width(cell_text(value) if isinstance(value, str) else value))
    ws = wb.create_sheet(title)
    made = [min(max(width + 2, 5), most) for width, most in zip(widths, widest, strict=True)]
    for i, width in enumerate(made):
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    ws.freeze_panes = "A2"
    extent = f"A1:{get_column_letter(len(header))}{count}"
    # A stream's writer asks the sheet for its extent (<dimension>) only if it can tell it; readers
    # that size a sheet by it (openpyxl's read-only mode, some viewers) would find it empty.
    ws.calculate_dimension = lambda: extent
    ws.auto_filter.ref = extent
    _print_layout(ws, made, note)
    top = Alignment(wrap_text=True, vertical="top")  # every cell: a wrapped neighbour grows the row
    heads = []
    for head in header:
        cell = WriteOnlyCell(ws)
        cell.font = Font(name=FONT_NAME, size=FONT_PT, bold=True)
        cell.alignment = top
        put(cell, head)
        heads.append(cell)
    ws.append(heads)
    # The two styles made once, then copied: each Alignment assigned is looked up among the
    # workbook's (a third of the time for 10,000 rows).
    styles: dict[bool, Any] = {}
    # Row heights as the writer reads them (the attributes of its <row>), held only until the row
    # is written: openpyxl's RowDimension, made for each of 10,000 rows, took half the writing time.
    heights: dict[int, dict[str, str]] = {}
    ws.row_dimensions = heights
    row = 1
    for values, link in rows():
        row += 1
        cells = []
        for i, value in enumerate(values):
            cell = WriteOnlyCell(ws)
            linked = i == link_at and link is not None
            if value is None or value == "":
                cells.append(cell)  # nothing to show: no style to write (a fifth of the cells)
                continue
            if linked not in styles:
                if linked:
                    cell.style = "Hyperlink"  # first: a named style replaces the cell's whole style
                # The size said on every cell: one left to the reader's default printed at 10 pt
                # in LibreOffice, the links beside it at 11.
                cell.font = Font(name=FONT_NAME, size=FONT_PT, color="0563C1" if linked else None,
                                 underline="single" if linked else None)
                cell.alignment = top
                styles[linked] = copy(cell._style)
            else:
                cell._style = copy(styles[linked])
            put(cell, value)  # after the style: it may mark the cell quote-prefixed
            if linked:
                cell.hyperlink = link  # after the value: a link given to an empty cell becomes its text
            cells.append(cell)
        # Neither Excel nor LibreOffice grows a row for text wrapped in a file a program wrote:
        # its lines overran the next row's.  The height is held only until the row is written.
        lines = max(_lines(value, width) for value, width in zip(values, made, strict=True))
        if lines > 1:
            heights[row] = {"ht": f"{min(lines * LINE_PT + 2, MAX_ROW_PT):g}", "customHeight": "1"}
        ws.append(cells)
        heights.pop(row, None)


# The print layout.  A4 landscape less Excel's narrow margins (0.25 in at the sides) is 284 mm,
# 1,074 px at 96 dpi; a column of width w (characters of the default font, Calibri 11) is
# w × 7 + 5 px in Excel.  Where Calibri is missing (LibreOffice or WPS on a Linux desktop without
# it) the widths are measured in the font put in its place — DejaVu Sans: 1.25 times as wide —
# and a sheet fitted to the page's width prints that much smaller: 7.5 pt where 8 was meant.
PAPER_A4 = "9"  # ECMA-376's paper size code (Worksheet.PAPERSIZE_A4)
PRINT_WIDTH_PX = 1074
CHARACTER_PX = 7
ELSEWHERE_WIDER = 1.25
FONT_NAME = "宋体"  # on every Chinese Windows and WPS install; LibreOffice maps it (app/xlsx_write.py's)
FONT_PT = 11
SMALLEST_PT = 8  # no smaller on paper: below it a reviewer reaches for a magnifier
PAGE_NUMBERS = "第 &P 页，共 &N 页"
LINE_PT = 14.5  # a line of 11 pt text with the leading Excel gives it
MAX_ROW_PT = 409  # Excel's tallest row


def _print_layout(ws: Any, widths: Sequence[float], note: str | None = None) -> None:
    """A4 landscape, narrow margins, grid lines, the header row on every page, the sheet's name
    at the top and page numbers at the foot.  All columns fitted to the page's width where that
    prints the text at SMALLEST_PT or more whatever font measures the columns; else the scale that
    fits them in Excel, never below SMALLEST_PT — where the columns measure wider, those that do
    not fit go on pages of their own, each with the 文件 column repeated so that a row is known
    on every page (across, then down: a row's pages follow each other).  Fitted to the width
    whatever it took, a wide summary printed at 4 pt."""
    from openpyxl.worksheet.page import PageMargins

    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.orientation = "landscape"
    ws.page_margins = PageMargins(left=0.25, right=0.25, top=0.75, bottom=0.75, header=0.3, footer=0.3)
    ws.print_options.gridLines = True
    ws.print_title_rows = "1:1"
    ws.oddHeader.center.text = "&A"
    if note:  # a run cut short: on every printed page, not only on the screen
        ws.oddHeader.left.text = note.replace("&", "&&")
        ws.oddHeader.left.color = "C00000"
    ws.oddFooter.center.text = PAGE_NUMBERS
    fits = PRINT_WIDTH_PX / sum(w * CHARACTER_PX + 5 for w in widths)  # the scale that fits, in Excel
    smallest = SMALLEST_PT / FONT_PT
    if fits / ELSEWHERE_WIDER >= smallest:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        ws.page_setup.scale = max(-int(-smallest * 100), min(100, int(fits * 100)))
        ws.page_setup.pageOrder = "overThenDown"
        ws.print_title_cols = "A:A"


def _workbook(batch: Batch, dest: Path) -> Any:
    from openpyxl import Workbook
    from openpyxl.packaging.custom import StringProperty

    wb = Workbook(write_only=True)
    wb.custom_doc_props.append(StringProperty(name=MARK_NAME, value=MARK_VALUE))
    wb.properties.title = "政府信息公开工作年度报告检查汇总表"
    wb.properties.subject = WHAT_IT_IS
    readable = batch.checked
    shown = {r.path: batch.shown(r.path) for r in readable}  # once a file, not once a finding
    copies = batch.last_copies()

    def summary() -> Iterator[Row]:
        for r in readable:
            yield [shown[r.path], OPEN_TEXT, r.organ, r.year, r.date, r.count(Severity.ERROR), r.count(Severity.WARNING),
                   r.count(Severity.INFO), len(r.dismissed), " ".join(r.codes), first_findings(r) or none_open(r),
                   note(r, batch.base),
                   batch.shown(r.paired_with) + chosen_among(copies.get(r.paired_with, 1)) if r.paired_with else "",
                   *batch.status.get(r.path, ("", ""))], _link(r.path, dest)

    def every() -> Iterator[Row]:
        for r in readable:
            for f in r.findings:
                yield [shown[r.path], r.organ, r.year, f.severity.name_zh, f.code, f.location.describe(), f.message,
                       ""], None
            for f, d in r.dismissed:
                why = "；".join(x for x in (d.reason, d.by, d.at) if x)
                yield [shown[r.path], r.organ, r.year, f.severity.name_zh, f.code, f.location.describe(), f.message,
                       f"已忽略（{why}）"], None

    said = unfinished_note(batch)
    if said is not None:  # the first sheet the workbook opens at, and its first row
        wb.properties.title += "（未完成）"
        why = "检查已取消，未检查此文件" if batch.cancelled else "检查中途出错，未检查此文件"
        _sheet(wb, UNFINISHED_SHEET, UNFINISHED_HEADER, UNFINISHED_WIDEST,
               lambda: [([said, ""], None), *(([batch.shown(p), why], None) for p in batch.unfinished)], said)
    _sheet(wb, "汇总", SUMMARY_HEADER, SUMMARY_WIDEST, summary, said)
    _sheet(wb, "全部问题", FINDINGS_HEADER, FINDINGS_WIDEST, every, said)
    _sheet(wb, "无法读取", UNREADABLE_HEADER, UNREADABLE_WIDEST,
           lambda: (([batch.shown(r.path), r.reason], None) for r in batch.unreadable), said)
    _sheet(wb, "未检查", PASSED_OVER_HEADER, PASSED_OVER_WIDEST,
           lambda: (([batch.shown(r.path), r.reason], None) for r in batch.passed_over()), said)
    return wb


_WIDEST = 60  # no column is made wider (_Rows.finish)


def _lines(value: object, width: float) -> int:
    """The lines ``value`` takes wrapped in a column ``width`` characters wide: a Chinese character
    (three bytes in UTF-8) is two; any other counts a quarter more, for the wider font a desktop
    without Calibri measures it in, and for words that wrap whole.  Counted by the bytes, not by
    the character: a summary of 10,000 findings asks it 80,000 times."""
    if not isinstance(value, str):
        return 1
    room = max(width - 1, 1)
    total = 0
    for line in value.split("\n"):
        if 2 * len(line) <= room:
            total += 1
            continue
        wide = (len(line.encode("utf-8", "surrogatepass")) - len(line)) / 2
        units = 2 * wide + ELSEWHERE_WIDER * (len(line) - wide)
        total += max(1, -int(-units // room))
    return total


def _width(value: object) -> int:
    """Display width of the longest line: CJK and full-width characters count two; a line of
    _WIDEST characters or more is wider than any column is made, and is not counted."""
    if value is None:
        return 0
    widest = 0
    for line in str(value).split("\n"):
        if len(line) >= _WIDEST:
            return _WIDEST
        widest = max(widest, sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line))
    return widest

