"""The reviewer's summary workbook (app/batch_summary.py) known again wherever a workbook is read:
its sheets' headers, and the mark it carries.  Apart from the writer so that a workbook's reader
(app/xlsx.py) asks without importing the batch's machinery."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import BinaryIO

# 已忽略: the findings dismissed in the file (忽略此问题), out of 错误, 警告 and 提示 (as `check`
# counts them) and listed in 全部问题 with who dismissed them and why; the batch window counts them too.
# 备注 (a duplicate of the same organ and year) before 对照上年报告: the one to act on is read first.
# 打开 beside 文件: the link in a cell of its own.  A linked 文件 cell was not wrapped when
# LibreOffice printed it (a link's text is drawn on one line, cut at the column's edge), and a
# path two folders down is most of the time wider than its column.
OPEN_HEADER = "打开"
OPEN_TEXT = "打开"
SUMMARY_HEADER = ("文件", OPEN_HEADER, "机关名称", "年度", "成文日期", "错误", "警告", "提示", "已忽略", "问题代码", "主要问题",
                  "备注", "对照上年报告", "状态", "标记日期")
FINDINGS_HEADER = ("文件", "机关名称", "年度", "严重程度", "代码", "位置", "说明", "已忽略")
# The summary is a workbook like a report's, and reviewers save it into the folder they check:
# read again it looked like a report with 123 errors, and grew with every round.  It carries a
# custom document property (kept by Excel and WPS when re-saved, whatever the file is renamed
# to); one written before the property is known by its sheets and their header rows.
MARK_NAME = "NianbaoEditor"
MARK_VALUE = "batch-summary"
WHAT_IT_IS = "本程序导出的检查汇总表"
IS_SUMMARY = f"这是{WHAT_IT_IS}（批量检查的结果），不是年报；要查看其中的年报，请打开它列出的文件"
# 状态 and 标记日期 (the batch window's 审核状态, app/review_marks.py) last: a summary written before
# them is still known by its first columns.
# Distinctive enough on their own; 汇总 by the columns before the two that once came the other way,
# with 打开 or — a summary written before it, the link on 文件 — without.
_OURS = SUMMARY_HEADER[:SUMMARY_HEADER.index("备注")]
_SHEETS = {"汇总": (_OURS, tuple(h for h in _OURS if h != OPEN_HEADER)), "全部问题": (FINDINGS_HEADER,)}
# Each stays inside one tag ([^<>]): a tag left open and repeated never makes them quadratic.
_MARK = re.compile(rb'name="' + MARK_NAME.encode() + rb'"[^<>]*>\s*<(?:\w+:)?lpwstr\b[^<>]*>'
                   + MARK_VALUE.encode() + rb"<")
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^<>]*)")
_NAME = re.compile(rb'\bname="([^"]*)"')
_MAX_PROPS = 1 << 20  # a custom.xml larger than this was not written by us


def is_summary(path: Path | BinaryIO) -> bool:
    """Whether the workbook at ``path`` is a summary this program wrote (by its mark, or — one
    written before the mark — by a 汇总 or 全部问题 sheet whose first row is ours).  Anything
    that goes wrong says no: the reader then says what the file is.  Called after
    app.ziplimits.check_package, so no part read here is unbounded."""
    try:
        with zipfile.ZipFile(path) as z:
            names = {i.filename: i for i in z.infolist()}
            props = names.get("docProps/custom.xml")
            if props is not None and props.file_size <= _MAX_PROPS and _MARK.search(z.read(props)):
                return True
            book = names.get("xl/workbook.xml")
            if book is None:
                return False
            sheets = {name.group(1).decode("utf-8", "replace") for tag in _SHEET.finditer(z.read(book))
                      if (name := _NAME.search(tag.group(1)))}
        if not sheets & _SHEETS.keys():  # every report workbook stops here, unopened
            return False
        return _has_our_header(path)
    except Exception:
        return False


def _has_our_header(path: Path | BinaryIO) -> bool:
    from openpyxl import load_workbook

    from app.ziplimits import opened

    with opened(path) as fh:
        wb = load_workbook(fh, read_only=True)
        try:
            for title, headers in _SHEETS.items():
                if title in wb.sheetnames:
                    first = next(wb[title].iter_rows(min_row=1, max_row=1, values_only=True), ())
                    if any(tuple(first[:len(header)]) == header for header in headers):
                        return True
        finally:
            wb.close()
    return False
