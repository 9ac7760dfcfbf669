"""The workbook as openpyxl is handed it: a Strict one's XML in the transitional namespaces,
and rich text the reader never looks at handed over as plain text.

openpyxl builds objects for every run of rich text (a piece of a cell's text in a format of its
own) and its font, in both of the reader's loads: ~70 processor µs a run.  The runs of a sheet
the reader passes over (a register beyond a table's reach, app/xlsx.py) and of shared strings
no other sheet uses are never read, so such parts are handed over with each string's runs joined
into one plain text: a register of 60,000 runs beside the report read in 0.7 s instead of 4.7 s
(it was refused whole before).  Which sheets the reader passes over is judged here by the cells
written; the reader judges by the cells that show something, and where it reads a sheet judged
passed over, the workbook is opened again with nothing handed over plain (Misjudged).  The runs
openpyxl still builds are capped per part (MAX_RICH_TEXT_RUNS: one cell of 200,000 runs took 6 s).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from app.errors import DAMAGED_XLSX, ReadError
from app.limits import MAX_DEFINED_NAMES, MAX_RICH_TEXT_RUNS, NOT_A_REPORT
from app.xlsxlimits import SINGLE_MERGE, is_sheet, sheet_extent_too_large, sheet_names, written_reach

# Strict Open XML (ISO/IEC 29500 Strict, Excel's “Strict Open XML 电子表格”) names the same
# elements in other namespaces, which openpyxl does not know: it would find no sheet at all.
# Each Strict name and its transitional one; the longer first where one begins another.
_STRICT = (
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships/customProperties",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
    (b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
     b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"),
    (b"http://purl.oclc.org/ooxml/officeDocument/customProperties",
     b"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"),
    (b"http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes",
     b"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"),
    (b"http://purl.oclc.org/ooxml/spreadsheetml/main", b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"),
    (b"http://purl.oclc.org/ooxml/drawingml/main", b"http://schemas.openxmlformats.org/drawingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing",
     b"http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"),
    (b"http://purl.oclc.org/ooxml/drawingml/chart", b"http://schemas.openxmlformats.org/drawingml/2006/chart"),
)

_RECORDS = re.compile(rb"(?:\xef\xbb\xbf)?(?:<\?xml[^>]*>)?\s*<(?:\w+:)?pivotCacheRecords[\s>]")
_RUN = re.compile(rb"<(?:\w+:)?r[\s/>]")  # any prefix: a chart's or drawing's <a:r> is built too
LEAN_FROM = 1000  # runs in a part below which it is handed over as it is (a report's own few)
# A shared string (<si>) or inline string (<is>), its body scanned up to the next such tag, never
# back into it (possessive): a tag left open costs one look to the next, never a quadratic scan.
_STRING = re.compile(rb"(<(?:\w+:)?(?:si|is)\b[^<>]*?)(?:/>|>((?:[^<]++|<(?!/?(?:\w+:)?(?:si|is)[\s/>]))*+)"
                     rb"</(?:\w+:)?(?:si|is)\s*>)")
_STRING_TAG = re.compile(rb"<(?:\w+:)?(?:si|is)[\s/>]")
_PHONETIC = re.compile(rb"<(?:\w+:)?rPh\b[^<>]*+>(?:[^<]++|<(?!/?(?:\w+:)?rPh[\s/>]))*+</(?:\w+:)?rPh\s*>")
_TEXT = re.compile(rb"<(?:\w+:)?t\b[^<>]*?(?:/>|>([^<]*+)</(?:\w+:)?t\s*>)")
_VALUE = re.compile(rb"<(?:\w+:)?v>\s*([0-9]{1,9})\s*</")  # a shared string's index, or any number: kept
_UNSURE = (b"<!--", b"<![CDATA[", b"<!DOCTYPE", b"<!ENTITY")  # a tag the scan might misplace: left alone


@dataclass(frozen=True)
class Package:
    """What openpyxl opens: the file itself or a copy in memory; and the names of the sheets taken
    for ones the reader passes over, their strings handed over plain (none when nothing was)."""

    source: Path | BinaryIO
    passed_over: frozenset[str] = frozenset()
    long_formats: tuple[int, ...] = ()  # the lengths of the number formats left out (cut_formats)


class Misjudged(Exception):
    """A sheet taken for one the reader passes over is read after all (the reader counts only
    the cells that show something; 30,000 rows of empty strings reach far but show nothing):
    its rich text is needed, so the workbook is opened again with nothing handed over plain."""


# Part names as the package gives them (ECMA-376 Part 2 §9.1.1.1: compared without regard to
# case, as Excel opens them) and as openpyxl looks them up (exactly).  An old archiver or a
# case-blind file system that stored “XL/WORKBOOK.XML” for xl/workbook.xml made the workbook
# “damaged” here.  Where no relationship names a part, openpyxl's own fixed names.
_PART_NAME = re.compile(rb"""\bPartName\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)')""")
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b([^<>]*)>")
_TARGET = re.compile(rb"""\bTarget\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)')""")
_EXTERNAL = re.compile(rb"""\bTargetMode\s*=\s*["']External["']""")
_OPENPYXL_NAMES = ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                   "docProps/core.xml", "docProps/app.xml", "docProps/custom.xml", "xl/theme/theme1.xml")


def cased(source: BinaryIO) -> BinaryIO:
    """``source``, or a copy in memory with its parts under the names its content types and
    relationships give them where they are stored in another case (or unescaped: a target
    “sheet%201.xml” for the part “sheet 1.xml”, which openpyxl looks up as written).  Called after
    ziplimits.check_package: the parts are bounded, and two that differ only in case refused.
    A zip that cannot be followed is handed on as it is, for the next step to say so."""
    try:
        with zipfile.ZipFile(source) as z:
            infos = z.infolist()
            renamed = _renamed(z, {i.filename for i in infos})
            if not renamed:
                return source
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:  # stored: read once, never kept
                for info in infos:
                    name = renamed.get(info.filename, info.filename)
                    if name not in copy.NameToInfo:  # a byte-identical duplicate (check_package let it be)
                        copy.writestr(name, z.read(info))
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, KeyError, NotImplementedError):
        return source
    finally:
        source.seek(0)
    out.seek(0)
    return out


def _renamed(z: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """Stored name → the name the package gives it, for each part stored in another case."""
    import posixpath
    from urllib.parse import unquote

    stored: dict[str, str] = {}
    for name in sorted(names):
        stored.setdefault(name.casefold(), name)
    given: dict[str, str] = {}  # folded → the first name the package gives it
    rels: list[str] = []

    def give(name: str) -> None:
        name = posixpath.normpath(name.lstrip("/"))
        folded = name.casefold()
        if folded not in stored:  # a target %-escaped (“sheet%201.xml”) names the part “sheet 1.xml”
            folded = unquote(name).casefold()
        if folded in stored and folded not in given:
            given[folded] = name
            if folded.endswith(".rels"):
                rels.append(name)
            else:  # the part's own relationships, where it has any
                folder, base = posixpath.split(name)
                give(posixpath.join(folder, "_rels", f"{base}.rels"))

    give("[Content_Types].xml")
    if (types := stored.get("[content_types].xml")) is not None:
        for m in _PART_NAME.finditer(z.read(types)):
            give((m[1] if m[1] is not None else m[2]).decode("utf-8", "replace"))
    give("_rels/.rels")
    while rels:
        rel = rels.pop()
        source = posixpath.dirname(posixpath.dirname(rel))  # “xl/_rels/workbook.xml.rels” → xl
        for m in _RELATIONSHIP.finditer(z.read(stored[rel.casefold()])):
            target = _TARGET.search(m[1])
            if target is None or _EXTERNAL.search(m[1]):
                continue
            name = (target[1] if target[1] is not None else target[2]).decode("utf-8", "replace")
            give(name if name.startswith("/") else posixpath.join(source, name))
    for name in _OPENPYXL_NAMES:
        give(name)
    return {stored[folded]: name for folded, name in given.items() if stored[folded] != name}


def openpyxl_package(path: Path | BinaryIO, lean: bool = True) -> Package:
    """``path`` itself, or a copy in memory of its parts as openpyxl should build them; ReadError
    when a part still holds more runs of rich text than MAX_RICH_TEXT_RUNS, or is damaged."""
    try:
        return _package(path, lean)
    except (ReadError, PermissionError):
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as e:
        raise ReadError(DAMAGED_XLSX) from e


def _package(path: Path | BinaryIO, lean: bool) -> Package:
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        xml = [i for i in infos if i.filename.lower().endswith((".xml", ".rels"))]
        strict = any(b"purl.oclc.org/ooxml/" in z.read(i) for i in xml if i.filename.lower().endswith(".rels"))
        leaned, passed_over = _leaned(z, [i for i in xml if i.filename.lower().endswith(".xml")], lean)
        cut, lengths = _cut_parts(z, [i for i in xml if i.filename.lower().endswith(".xml")], leaned)
        dropped = _unreadable_properties(z, infos, strict)
        unnoted = _without_notes(z, [i for i in xml if i.filename.lower().endswith(".rels")])
        if not strict and not leaned and not cut and not dropped and not unnoted:
            return Package(path)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in infos:
                if info.filename in dropped:
                    continue
                data = cut.get(info.filename) or leaned.get(info.filename) or unnoted.get(info.filename) or z.read(info)
                if strict and info in xml:
                    for name, transitional in _STRICT:
                        data = data.replace(name, transitional)
                copy.writestr(info.filename, data)
    out.seek(0)
    return Package(out, passed_over if leaned else frozenset(), tuple(lengths))


# A sheet's drawings (its pictures, charts, shapes: no figure the reader reads) are left out as
# well: openpyxl opens each picture with Pillow, and a PNG whose header claims 100000×100000
# pixels, or a picture whose part is missing (Excel shows a broken picture), had the workbook
# called damaged; a chart of 150,000 points built an object each.
# A sheet's pivot tables (数据透视表) are read by their cells like any table; openpyxl reads
# every record of their caches again for each sheet (a cache's <r> records were also counted as
# runs of rich text).  Their relationships and the workbook's list of caches are left out too.
# A sheet's notes (批注: the red corner, shown on hovering, never printed): nothing the reader
# reads, and openpyxl places each by making the cells its ref names: one note on
# A1:XFD1048576 made cells until memory ran out (17 s, 2 GB, then “damaged”), and a ref Excel
# never writes (A0) refused the whole workbook as damaged.  Their relationships are left out.
_NOTES = re.compile(rb"<(?:\w+:)?Relationship\b[^<>]*?\bType\s*=\s*[\"'][^\"'<>]*/(?:comments|pivotTable|drawing)[\"'][^<>]*?"
                    rb"(?:/>|>\s*</(?:\w+:)?Relationship\s*>)")


def _without_notes(z: zipfile.ZipFile, rels: list[zipfile.ZipInfo]) -> dict[str, bytes]:
    """The relationship parts that name a sheet's notes, pivot tables or drawings, without those (name → new XML)."""
    out = {}
    for info in rels:
        data = z.read(info)
        if (b"/comments" in data or b"/pivotTable" in data or b"/drawing" in data) and (kept := _NOTES.sub(b"", data)) != data:
            out[info.filename] = kept
    return out


# The package's description of itself (author, title, dates; custom properties): nothing a
# report's figures or text come from.  openpyxl reads it strictly, and a date as an OA system's
# exporter writes it ("2021/01/01 10:00", "0000-00-00T00:00:00Z") or a part cut short refused the
# whole workbook as damaged, where Excel and WPS open it.  One openpyxl cannot read is left out.
_PROPERTY_PARTS = ("docProps/core.xml", "docProps/custom.xml")  # openpyxl's names for them (ARC_CORE, ARC_CUSTOM)


def _unreadable_properties(z: zipfile.ZipFile, infos: list[zipfile.ZipInfo], strict: bool) -> set[str]:
    """The property parts of the package openpyxl would fail on."""
    from openpyxl.packaging.core import DocumentProperties
    from openpyxl.packaging.custom import CustomPropertyList
    from openpyxl.xml.functions import fromstring

    kinds = dict(zip(_PROPERTY_PARTS, (DocumentProperties, CustomPropertyList), strict=True))
    dropped: set[str] = set()
    for info in infos:
        kind = kinds.get(info.filename)
        if kind is None:
            continue
        try:
            data = z.read(info)
            if strict:
                for name, transitional in _STRICT:
                    data = data.replace(name, transitional)
            kind.from_tree(fromstring(data))
        except (zipfile.BadZipFile, zlib.error, EOFError):
            raise  # the package is damaged, not only its description: said so by the caller
        except Exception:  # whatever openpyxl makes of it: the report does not need it
            dropped.add(info.filename)
    return dropped


# A number format's code: Office's own limit ([MS-OI29500] 2.1.712, [MS-XLSB] BrtFmt), which no
# format Excel writes passes.  openpyxl judges every code for a date by regular expressions that
# rescan an unclosed “[” or quotation mark to the code's end (a 14 KB workbook of one code of
# 100,000 “[” hung the reader; one of 50,000 sections took 30 s), and so did the reader's own
# judging once a cell.  Such a code is handed over as “General”: its cells read as stored, and
# the rest of the workbook as it is (the whole workbook was refused for one).
MAX_NUMBER_FORMAT_CHARS = 255
# A <numFmt> tag, its attributes whole (an attribute value holds no raw '<': a quote left open
# ends at the next tag, and every scan is possessive: linear however the part is damaged).
_NUMBER_FORMAT = re.compile(rb"""<(?:\w+:)?numFmt\b((?:[^<>"']++|"[^"<]*+"|'[^'<]*+')*+)/?>""")
_FORMAT_CODE = re.compile(rb"""\bformatCode\s*=\s*(?:"([^"]*+)"|'([^']*+)')""")


def _cut_parts(z: zipfile.ZipFile, parts: list[zipfile.ZipInfo],
               leaned: dict[str, bytes]) -> tuple[dict[str, bytes], list[int]]:
    """The parts with what openpyxl should never see cut (name → the part as handed over): the
    merges of one cell in a sheet (as ``leaned`` has it), and in a style part each number format
    past MAX_NUMBER_FORMAT_CHARS made “General”; and those formats' lengths.  A chart's own
    formats are labels openpyxl never judges: only a styleSheet's."""
    cut: dict[str, bytes] = {}
    lengths: list[int] = []
    names = sheet_names(z)
    for info in parts:
        xml = leaned.get(info.filename) or z.read(info)
        if is_sheet(info.filename, names, xml):  # wherever it is stored, as xlsxlimits counts it
            kept = SINGLE_MERGE.sub(b"", xml) if b"mergeCell" in xml else xml  # nothing in Excel, an object each in openpyxl
            if b"hyperlink" in kept and _RANGED_LINK.search(kept):
                kept = _without(kept, _LINKS_OPEN, _LINKS_CLOSE)
            if b"tablePart" in kept:  # (Excel's 套用表格格式: read by its cells, as any table)
                kept = _without(kept, _TABLES_OPEN, _TABLES_CLOSE)
            if len(kept) != len(xml):
                cut[info.filename] = kept
            continue
        if b"pivotCache" in xml and re.match(rb"(?:<\?xml[^>]*>)?\s*<(?:\w+:)?workbook[\s>]", xml):
            xml = cut[info.filename] = _without(xml, _CACHES_OPEN, _CACHES_CLOSE)
        if b"definedName" in xml and _too_many_names(xml):  # the reader uses none of them
            cut[info.filename] = _without_names(xml)
            continue
        if b"formatCode" in xml and re.match(rb"(?:<\?xml[^>]*>)?\s*<(?:\w+:)?styleSheet[\s>]", xml):
            before = len(lengths)
            out = _NUMBER_FORMAT.sub(lambda m: _general(m, lengths), xml)
            if len(lengths) > before:
                cut[info.filename] = out
    return cut, lengths


# A sheet's links (超链接) the reader never follows: openpyxl gives each cell of a link's range
# its own copy, making the cells: one link over A1:XFD1048576 ran 17 s into 2 GB, a thousand
# over a row each past any limit.  Where a link names a range, the sheet's links are left out.
_RANGED_LINK = re.compile(rb"<(?:\w+:)?hyperlink\b[^<>]*?\bref\s*=\s*[\"'][^\"'<>]*:")
_LINKS_OPEN = re.compile(rb"<(?:\w+:)?hyperlinks\b[^<>]*+(/?)>")
_LINKS_CLOSE = re.compile(rb"</(?:\w+:)?hyperlinks\s*>")
# A sheet's table objects (ListObject, Excel's 套用表格格式): their cells are read like any;
# openpyxl built an object for each of a table part's columns (200,000: 2 s, 201 MB).
_TABLES_OPEN = re.compile(rb"<(?:\w+:)?tableParts\b[^<>]*+(/?)>")
_TABLES_CLOSE = re.compile(rb"</(?:\w+:)?tableParts\s*>")
_CACHES_OPEN = re.compile(rb"<(?:\w+:)?pivotCaches\b[^<>]*+(/?)>")
_CACHES_CLOSE = re.compile(rb"</(?:\w+:)?pivotCaches\s*>")


def _without(xml: bytes, opening: re.Pattern[bytes], closing: re.Pattern[bytes]) -> bytes:
    """``xml`` without the elements ``opening`` … ``closing`` (or opened closed), each found by
    one scan forward from the last: one left open is left as it is, never rescanned to the end."""
    out: list[bytes] = []
    at = 0
    while (m := opening.search(xml, at)) is not None:
        end = m.end() if m[1] else (c.end() if (c := closing.search(xml, m.end())) is not None else -1)
        if end == -1:
            break
        out.append(xml[at:m.start()])
        at = end
    return b"".join(out) + xml[at:] if out else xml


# A workbook's names (公式 → 名称管理器: print areas, titles, and the broken #REF! names that pile
# up by the tens of thousands when sheets are copied between workbooks): openpyxl builds an
# object for each, twice (150,000 took 9 s), and the reader looks at none.  Past the cap the
# list is left out of what openpyxl is handed; the workbook was refused whole for it before.
_DEFINED_NAME = re.compile(rb"<(?:\w+:)?definedName[\s/>]")
_NAMES_OPEN = re.compile(rb"<(?:\w+:)?definedNames\b[^<>]*+(/?)>")
_NAMES_CLOSE = re.compile(rb"</(?:\w+:)?definedNames\s*>")


def _without_names(xml: bytes) -> bytes:
    """``xml`` with its <definedNames> lists cut, each found by one scan forward from the last
    (never a rescan to the end from each opening: a list left open is left as it is, and
    openpyxl finds the part damaged)."""
    out, at = [], 0
    while (opening := _NAMES_OPEN.search(xml, at)) is not None:
        closing = opening if opening[1] else _NAMES_CLOSE.search(xml, opening.end())
        if closing is None:
            break
        out.append(xml[at:opening.start()])
        at = closing.end()
    out.append(xml[at:])
    return b"".join(out)


def _too_many_names(xml: bytes) -> bool:
    import itertools

    return next(itertools.islice(_DEFINED_NAME.finditer(xml), MAX_DEFINED_NAMES, None), None) is not None


def _general(m: re.Match[bytes], found: list[int]) -> bytes:
    """A <numFmt> tag as it is, or with its code “General” when longer than Excel allows."""
    import html

    code = _FORMAT_CODE.search(m[0])
    if code is None:
        return m[0]
    raw = code[1] if code[1] is not None else code[2]
    if len(raw) <= MAX_NUMBER_FORMAT_CHARS:
        return m[0]
    length = len(html.unescape(raw.decode("utf-8", "replace")))  # “&quot;” is one character
    if length <= MAX_NUMBER_FORMAT_CHARS:
        return m[0]
    found.append(length)
    return m[0][:code.start()] + b'formatCode="General"' + m[0][code.end():]


def _leaned(z: zipfile.ZipFile, parts: list[zipfile.ZipInfo], lean: bool) -> tuple[dict[str, bytes], frozenset[str]]:
    """The parts to hand over with their strings' runs joined (name → new XML): sheets the reader
    passes over, and the shared strings but those another sheet may use (none unless ``lean``);
    and the names of the sheets taken as passed over.  Every part's runs as handed over are
    counted against the cap.  One part read at a time, the sheets first (the
    shared strings they refer to are known before the strings are read)."""
    names = sheet_names(z)
    leaned: dict[str, bytes] = {}
    passed_over: set[str] = set()
    used: set[int] = set()  # shared strings the sheets read may refer to: every number they hold
    # the sheets openpyxl reads: those the workbook names, wherever stored (content is not asked:
    # a part it does not name is not read as a sheet, and its numbers refer to no string)
    sheets = {i.filename for i in parts if is_sheet(i.filename, names, b"")}
    for info in sorted(parts, key=lambda i: i.filename not in sheets):
        name, xml = info.filename, z.read(info)
        records = b"pivotCacheRecords" in xml[:400] and _RECORDS.match(xml) is not None  # never read: no runs
        runs, sure = 0 if records else _count(xml), lean and not any(mark in xml for mark in _UNSURE)
        joined: bytes | None = None
        # a sheet not found by name could not be told apart from a read one (Misjudged): read
        if name in sheets and name in names and sheet_extent_too_large(*written_reach(xml)[:2]):
            passed_over.add(names[name])
            joined = _joined(xml, None) if runs >= LEAN_FROM and sure else None
        elif name in sheets:
            used.update(int(m[1]) for m in _VALUE.finditer(xml))
        elif runs >= LEAN_FROM and sure and re.match(rb"(?:<\?xml[^>]*>)?\s*<(?:\w+:)?sst[\s>]", xml):
            joined = _joined(xml, used)
        if joined is not None:
            leaned[name], runs = joined, _count(joined)
        if runs > MAX_RICH_TEXT_RUNS:
            where = f"工作表“{names[name]}”" if names.get(name) else "工作表" if name in sheets else "工作簿"
            raise ReadError(f"{where}中有超过{MAX_RICH_TEXT_RUNS}段各设格式的文字（富文本），{NOT_A_REPORT}；"
                            "请在 Excel 或 WPS 中删除多余的内容后另存再试")
    return leaned, frozenset(passed_over)


def _count(xml: bytes) -> int:
    n = 0
    for _ in _RUN.finditer(xml):
        n += 1
        if n > MAX_RICH_TEXT_RUNS:
            break  # counting on would only cost time: refused
    return n


def _joined(xml: bytes, kept: set[int] | None) -> bytes | None:
    """``xml`` with each string's runs joined into one plain text, but those of the shared strings
    numbered in ``kept`` (None: every string joined).  The strings are numbered as openpyxl does,
    in document order: None when the scan cannot find them all."""
    index = -1

    def join(m: re.Match[bytes]) -> bytes:
        nonlocal index
        index += 1
        body = m[2]
        if body is None or (kept is not None and index in kept) or not _RUN.search(body):
            return m[0]
        text = b"".join(t[1] or b"" for t in _TEXT.finditer(_PHONETIC.sub(b"", body)))  # openpyxl's content
        tag = m[1][1:].split()[0]  # b"si", b"x:is"
        prefix = tag[:tag.find(b":") + 1]
        return m[1] + b"><" + prefix + b't xml:space="preserve">' + text + b"</" + prefix + b"t></" + tag + b">"

    out = _STRING.sub(join, xml)
    return out if kept is None or index + 1 == len(_STRING_TAG.findall(xml)) else None
