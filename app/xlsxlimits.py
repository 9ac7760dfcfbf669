"""An .xlsx's sheets, strings and styles counted before openpyxl builds an object for each:
cells written, their reach, merged positions and the items openpyxl builds (rows, rules,
formats, shared strings; runs of rich text: app/xlsxlean.py).  The caps are declared in app/limits.py."""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from app.errors import DAMAGED_XLSX, ReadError
from app.limits import (
    MAX_ALL_TABLE_CELLS,
    MAX_MERGE_RANGES,
    MAX_MERGED_CELLS,
    MAX_SHARED_STRINGS_FREE,
    MAX_SHEET_CELLS,
    MAX_SHEET_COLUMN_RANGES,
    MAX_SHEET_COLUMNS,
    MAX_SHEET_OTHER_ELEMENTS,
    MAX_SHEET_ROW_ELEMENTS,
    MAX_SHEET_ROWS,
    MAX_SHEET_RULE_RANGES,
    MAX_SHEET_RULES,
    MAX_TABLE_CELLS,
    MAX_XLSX_STYLE_ITEMS,
    NOT_A_REPORT,
)

# A cell that holds something (its first child a value, inline string or formula): a styled
# empty cell (Excel's leftover of formatting a whole row, “IV65536” after an .xls) sets no extent.
# Every scan stays inside one tag ([^<>]: a tag holds no raw '<') and never backtracks into it
# (possessive/atomic): a tag left open, repeated, was cubic here (a 12 KB sheet took 21 s).
_CELL_REF = re.compile(
    rb"""<(?:\w+:)?c\b(?=[^<>]*?\br=["']([A-Z]{1,3})([0-9]{1,7})["'])[^<>]*+(?<!/)>\s*<(?:\w+:)?(?:v|is|f)\b""")
_ANY_CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")
_MERGE = re.compile(rb"""<(?:\w+:)?mergeCell\b[^<>]*?\bref=["']([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})["']""")
_SHEET_ENTRY = re.compile(
    rb"""<(?:\w+:)?sheet\b(?>[^<>]*?\bname=["']([^"'<>]*)["'])[^<>]*?\b(?:\w+:)?id=["']([^"'<>]+)["']""")
_REL_ENTRY = re.compile(rb"""<Relationship\b(?=[^<>]*\bId=["']([^"']+)["'])(?=[^<>]*\bTarget=["']([^"']+)["'])""")


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


SPARSE_SHEET_FACTOR = 4  # fewer than one in four of a big sheet's positions written: not a list


def sheet_extent_too_large(rows: int, cols: int) -> bool:
    """A sheet whose written cells reach this far is no statutory table (a register, a list)."""
    return rows > MAX_SHEET_ROWS or cols > MAX_SHEET_COLUMNS or rows * cols > MAX_TABLE_CELLS


def check_sheets(path: Path | BinaryIO) -> None:
    """An .xlsx's sheets before openpyxl builds them: a sheet of more cells than any report's
    (openpyxl makes an object per cell and per merged position: 200,000 merges, a register
    of 40,000 rows) is refused here, named.  How far a sheet's written cells reach is the
    reader's to judge per sheet (app/xlsx.py passes over a register sheet beside the report);
    the reach of all sheets together is bounded here as all the tables of a file are
    (MAX_ALL_TABLE_CELLS).  One sheet is read at a time, its cells counted only up to the limit."""
    budget = [MAX_ALL_TABLE_CELLS, MAX_ALL_TABLE_CELLS]  # cells written, grid positions: left
    try:
        with zipfile.ZipFile(path) as z:
            names = sheet_names(z)
            _check_present(z, names)
            others: list[zipfile.ZipInfo] = []
            for info in z.infolist():
                if not _is_xml(z, info, names):
                    continue
                xml = _counted_form(z.read(info))
                if not is_sheet(info.filename, names, xml):
                    others.append(info)
                    continue
                name = names.get(info.filename)
                _check_items(xml, f"工作表“{name}”" if name else "工作表", {
                    b"row": (MAX_SHEET_ROW_ELEMENTS, "行"), b"dataValidation": (MAX_SHEET_RULES, "条数据有效性规则"),
                    b"cfRule": (MAX_SHEET_RULES, "条条件格式规则"), b"hyperlink": (MAX_SHEET_RULES, "个超链接"),
                    b"col": (MAX_SHEET_COLUMN_RANGES, "个列宽设置（Excel 只有16384列）"), **_FILTERS})
                _check_outside_cells(xml, f"工作表“{name}”" if name else "工作表")
                _check_rule_ranges(xml, f"工作表“{name}”" if name else "工作表")
                _check_merges(xml, f"工作表“{name}”" if name else "工作表")
                _check_sheet(xml, budget, f"工作表“{name}”" if name else "工作表")
            written = MAX_ALL_TABLE_CELLS - budget[0]  # cells of all sheets
            items = {tag: (MAX_XLSX_STYLE_ITEMS, what) for tag, what in (
                (b"xf", "种单元格格式"), (b"font", "种字体"), (b"fill", "种填充"), (b"border", "种边框"), (b"dxf", "种条件格式"))}
            items.update(_FILTERS)  # a table part's own filter
            items[b"si"] = (written + MAX_SHARED_STRINGS_FREE, f"个共享文字（各工作表共写了{written}个单元格，用不了这么多）")
            for info in others:  # openpyxl finds the strings and styles by content type: any part
                xml = _counted_form(z.read(info))
                _check_items(xml, "工作簿", items)
    except ReadError:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as e:
        raise ReadError(DAMAGED_XLSX) from e


# An autofilter's columns and the values chosen in them (openpyxl builds objects for each, twice:
# 100,000 columns of one value each, a 277 KB workbook, took 13 s and 207 MB): a column each at
# most, and no more values than a register's rows.
_FILTERS = {b"filterColumn": (MAX_SHEET_COLUMN_RANGES, "个筛选列（Excel 只有16384列）"),
            b"filter": (MAX_SHEET_ROW_ELEMENTS, "个筛选值")}


_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData[\s/>]")
_XML_START = re.compile(rb"(?:\xef\xbb\xbf)?\s*<")


def is_sheet(part: str, names: dict[str, str], xml: bytes) -> bool:
    """Whether a part is a worksheet as openpyxl will take it: named by the workbook's
    relationships wherever it is stored (“xl/ws/s0.xml”, “…/sheet1.XML”), under xl/worksheets/
    in any case, or holding a sheet's cells at all — a sheet stored elsewhere escaped every
    sheet cap (450,000 cells read in 4 s, 360 MB, per sheet of a 51 KB file)."""
    return part in names or part.lower().startswith("xl/worksheets/") or _SHEET_DATA.search(xml) is not None


def _is_xml(z: zipfile.ZipFile, info: zipfile.ZipInfo, names: dict[str, str]) -> bool:
    """A part openpyxl may parse as XML: named .xml in any case, a sheet the workbook names
    whatever its name, or any part that begins as XML (content types, not names, lead openpyxl
    to the strings and styles)."""
    if info.filename.lower().endswith(".xml") or info.filename in names:
        return True
    if info.is_dir():
        return False
    with z.open(info) as f:
        head = f.read(64)
    return _XML_START.match(head) is not None or head.startswith(_WIDE_BOMS + _WIDE_ANGLES)


_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")  # UTF-16's and UTF-32's marks
# An XML part in UTF-16 or UTF-32 with no mark: its first '<' with zero bytes beside it (any other
# part with zero bytes — an embedded .docx, a picture — is no XML)
_WIDE_ANGLES = (b"<\0", b"\0<", b"\0\0\0<")
_DECLARED = re.compile(rb"""(?:\xef\xbb\xbf)?\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([^"'<>]{1,40})["']""")


def _counted_form(xml: bytes) -> bytes:
    """``xml`` as UTF-8 for the counts: lxml (openpyxl) reads a part in any encoding it declares
    or marks, and every count here looks for ASCII bytes such as “<c” — a UTF-16 sheet of 900,000
    cells passed them all and took 9 s and 737 MB.  Excel and WPS write UTF-8, but a custom XML
    part in UTF-16 is common (SharePoint's): transcoded, not refused."""
    import codecs

    head = xml[:256]
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        encoding = "utf-32"
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif head.startswith(_WIDE_ANGLES):  # no mark: where the zero bytes of the first '<' are say which
        encoding = ("utf-32-be" if head.startswith(b"\0\0\0") else "utf-32-le" if head[1:4] == b"\0\0\0"
                    else "utf-16-be" if head.startswith(b"\0") else "utf-16-le")
    elif (declared := _DECLARED.match(head)) is not None:
        try:
            encoding = codecs.lookup(declared[1].decode("ascii")).name
        except (LookupError, UnicodeError) as e:  # libxml2 may know a name Python does not (UTF-7's)
            raise ReadError(DAMAGED_XLSX) from e
        # UTF-7 writes ASCII as it is but may write '<' as "+ADw-": transcoded as well
        if encoding != "utf-7" and "<a>".encode(encoding) == b"<a>":
            return xml
    else:
        return xml
    try:
        return xml.decode(encoding).encode("utf-8")
    except (UnicodeError, LookupError) as e:
        raise ReadError(DAMAGED_XLSX) from e


_START_TAG = re.compile(rb"<(?:\w+:)?\w")
_SHEET_DATA_END = re.compile(rb"</(?:\w+:)?sheetData\s*>")


def _check_outside_cells(xml: bytes, where: str) -> None:
    """ReadError when a sheet has more than MAX_SHEET_OTHER_ELEMENTS elements outside its cells
    (before <sheetData> and after </sheetData>); merges of a single cell are not counted: they
    are left out of what openpyxl is handed (app/xlsxlean.py)."""
    start = _SHEET_DATA.search(xml)
    end = None if start is None else _SHEET_DATA_END.search(xml, start.end())  # sheetData never nests
    regions = [(0, len(xml))] if start is None else [(0, start.start()), (start.end() if end is None else end.end(), len(xml))]
    if sum(xml.count(b"<", begin, stop) for begin, stop in regions) <= MAX_SHEET_OTHER_ELEMENTS:
        return  # the usual sheet: a byte count, no regex
    count = sum(1 for begin, stop in regions for _ in _START_TAG.finditer(xml, begin, stop))
    if b"mergeCell" in xml:
        count -= sum(1 for begin, stop in regions for _ in SINGLE_MERGE.finditer(xml, begin, stop))
    if count > MAX_SHEET_OTHER_ELEMENTS:
        raise ReadError(f"{where}的单元格之外有超过{MAX_SHEET_OTHER_ELEMENTS}项其他内容（分页符、排序条件、筛选条件等），"
                        f"{NOT_A_REPORT}；请在 Excel 或 WPS 中删除多余的内容后另存再试")


def _check_present(z: zipfile.ZipFile, names: dict[str, str]) -> None:
    """ReadError naming a sheet the workbook lists whose part is not in the file (a member lost
    to a broken copy or archiver): openpyxl passes such a sheet over without a word, so the
    report read with a statutory table blank (every figure “未填写”) or as “没有任何内容”, where
    Excel and WPS say the file is damaged.  A sheet whose relationship is missing altogether
    (part “xl”) is openpyxl's to refuse.  Called on the parts as app.xlsxlean.cased renamed them:
    a part stored in another case or unescaped is there by then."""
    stored = {n.casefold() for n in z.namelist()}
    for part, name in names.items():
        if part != "xl" and part.casefold() not in stored:
            raise ReadError(f"工作簿列出的工作表“{name}”不在文件中（文件不完整或已损坏），无法读取；"
                            "可在 Excel 或 WPS 中打开（修复）后另存为 .xlsx 再试")


def sheet_names(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet part → the sheet's name as Excel shows it (for a message; {} when not found)."""
    import html  # here: only when a workbook's sheet is named in a message (~2 ms the start never pays)

    try:
        book = z.read("xl/workbook.xml")
        rels = z.read("xl/_rels/workbook.xml.rels")
    except (KeyError, OSError, zlib.error, zipfile.BadZipFile):
        return {}
    targets = {m[1].decode("utf-8", "replace"): m[2].decode("utf-8", "replace") for m in _REL_ENTRY.finditer(rels)}
    out: dict[str, str] = {}
    for m in _SHEET_ENTRY.finditer(book):
        target = targets.get(m[2].decode("utf-8", "replace"), "")
        part = posixpath.normpath(target.lstrip("/") if target.startswith("/") else f"xl/{target}")  # “./worksheets/…”
        out[part] = html.unescape(m[1].decode("utf-8", "replace"))[:100]
    return out


def _check_items(xml: bytes, where: str, caps: dict[bytes, tuple[int, str]]) -> None:
    """ReadError when ``xml`` has more elements of one of ``caps``' names (any prefix) than its cap:
    all the names counted in one pass of a regex, only up to a cap, before openpyxl builds an
    object for each."""
    counts = dict.fromkeys(caps, 0)
    for m in re.finditer(rb"<(?:\w+:)?(" + b"|".join(caps) + rb")[\s/>]", xml):
        tag = m.group(1)
        counts[tag] += 1
        cap, what = caps[tag]
        if counts[tag] > cap:
            raise ReadError(f"{where}中有超过{cap}{what}，{NOT_A_REPORT}；请在 Excel 或 WPS 中删除多余的内容后另存再试")


def written_reach(xml: bytes) -> tuple[int, int, int]:
    """(rows, columns) a sheet's cells holding something reach, and how many they are."""
    rows = cols = valued = 0
    for m in _CELL_REF.finditer(xml):
        rows, cols, valued = max(rows, int(m[2])), max(cols, _col(m[1])), valued + 1
    return rows, cols, valued


# A merge of one cell (“A1”, “A1:A1”): nothing in Excel (which never writes one), but an object
# openpyxl builds and borders, twice, some 0.5 ms: 300,000 took 60 s.  Left out of what openpyxl
# is handed (app/xlsxlean.py); every other merge counts against MAX_MERGE_RANGES.
SINGLE_MERGE = re.compile(rb"""<(?:\w+:)?mergeCell\b[^<>]*?\bref=["']\$?([A-Z]{1,3})\$?([0-9]{1,7})(?::\$?\1\$?\2)?["']"""
                          rb"""[^<>/]*+(?:/>|>\s*+</(?:\w+:)?mergeCell\s*>)""")
_ANY_MERGE = re.compile(rb"<(?:\w+:)?mergeCell[\s/>]")


def _check_merges(xml: bytes, sheet: str) -> None:
    if b"mergeCell" not in xml:
        return
    spanning = sum(1 for _ in _ANY_MERGE.finditer(xml)) - sum(1 for _ in SINGLE_MERGE.finditer(xml))
    if spanning > MAX_MERGE_RANGES:
        raise ReadError(f"{sheet}中有超过{MAX_MERGE_RANGES}处合并单元格，{NOT_A_REPORT}；请取消表格以外的合并单元格后另存再试")


# A rule's ranges (sqref="A1 A2 C3:D9"): a space between each two.
_SQREF = re.compile(rb"""\bsqref\s*=\s*(?:"([^"]*+)"|'([^']*+)')""")


def _check_rule_ranges(xml: bytes, sheet: str) -> None:
    """ReadError when the ranges a sheet's rules list (conditional formats, data validations, a
    selection, ignored errors) number more than MAX_SHEET_RULE_RANGES together: counted by their
    separators, before openpyxl parses each into an object."""
    ranges = 0
    for m in _SQREF.finditer(xml):
        raw = m[1] if m[1] is not None else m[2]
        ranges += len(raw.split())
        if ranges > MAX_SHEET_RULE_RANGES:
            raise ReadError(f"{sheet}的条件格式、数据有效性等规则共列出超过{MAX_SHEET_RULE_RANGES}个单元格区域，{NOT_A_REPORT}；"
                            "请在 Excel 或 WPS 中清除多余的规则（开始 → 条件格式 → 清除规则；数据 → 数据验证）后另存再试")


def _check_sheet(xml: bytes, budget: list[int], sheet: str) -> None:
    cells = 0
    for _ in _ANY_CELL.finditer(xml):
        cells += 1
        if cells > MAX_SHEET_CELLS or cells > budget[0]:
            break  # counting on would only cost time: refused below
    rows = cols = valued = 0
    if cells <= MAX_SHEET_CELLS:
        rows, cols, valued = written_reach(xml)
        merged = 0
        for m in _MERGE.finditer(xml):
            area = (abs(int(m[4]) - int(m[2])) + 1) * (abs(_col(m[3]) - _col(m[1])) + 1)
            cells, merged = cells + area, merged + area
            if cells > MAX_SHEET_CELLS or merged > MAX_MERGED_CELLS:
                break
        # (also where the merges took the sheet past its cells: said by its written reach, one
        # merge over the whole sheet was “15行×4列，超过300000个单元格”)
        if merged > MAX_MERGED_CELLS:
            raise ReadError(f"{sheet}中合并单元格的范围过大（超过{MAX_MERGED_CELLS}个单元格），{NOT_A_REPORT}；"
                            "请取消表格以外的合并单元格后另存再试")
    used = f"{rows}行×{cols}列，" if rows and cols else ""
    if cells > MAX_SHEET_CELLS:
        raise ReadError(f"{sheet}的使用范围过大（{used}超过{MAX_SHEET_CELLS}个单元格），{NOT_A_REPORT}；"
                        "请删除表格以外的内容或多余的工作表后另存再试")
    # Far beyond a table's reach: a list filled row after row (a register, a quarter or more of
    # its positions written) is the reader's to pass over; a few values strewn far apart (A1
    # and XFD1048576) are a damaged or hostile sheet, refused as before.
    if sheet_extent_too_large(rows, cols) and valued * SPARSE_SHEET_FACTOR < rows * cols:
        raise ReadError(f"{sheet}的使用范围过大（{used}{cells}个单元格），{NOT_A_REPORT}；"
                        "请删除表格以外的内容后另存再试")
    budget[0] -= cells
    if not sheet_extent_too_large(rows, cols):  # a sheet the reader passes over is not read
        budget[1] -= rows * cols
    if budget[0] < 0 or budget[1] < 0:
        raise ReadError(f"工作簿中各工作表的使用范围共超过{MAX_ALL_TABLE_CELLS}个单元格，{NOT_A_REPORT}；"
                        "请删除表格以外的内容或多余的工作表后另存再试")
