"""Workbooks whose item counts are the bomb, each item tiny and within the 8 MB an XML part may
have: 1.5 million empty shared strings, cell formats or fonts, 1.3 million empty rows, 80,000 data
validations, 100,000 column ranges.  openpyxl builds an object for each, twice (the reader loaded a workbook twice): the
old reader hung past 20 s on each (the column ranges: read, 3.7 s).  Counted before openpyxl opens the workbook (app/xlsxlimits.py
check_sheets), each is refused in one Chinese line; a workbook at the caps still reads.  What the
reader never reads — notes, links, pivot caches, drawings, table objects — is left out before openpyxl builds it.  Each file
is read in a forked child with a time limit and its peak memory measured (tests/hostile.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from app import limits
from app.reading import load_report
from app.report import Report
from tests.hostile import run_one
from tests.hostile_web import rich_text_cell, sheet_ending_with, styles_of, workbook_with

_RULE = '<dataValidation type="list" sqref="A1:XFD1048576"><formula1>"a,b"</formula1></dataValidation>'


def _cells(count: int, column: str = "H") -> str:
    """``count`` single cells of one column, as a rule's sqref lists them (“H1 H2 …”)."""
    return " ".join(f"{column}{i}" for i in range(1, count + 1))


def _merges(count: int, ref: str = "H{i}:I{i}") -> Callable[[str], str]:
    """The sheet with ``count`` more merged ranges, row after row of a register's column (``ref``
    “H{i}”: a single cell each, no area to count)."""
    return lambda xml: xml.replace("</mergeCells>", "".join(f'<mergeCell ref="{ref.format(i=i)}"/>'
                                                            for i in range(1, count + 1)) + "</mergeCells>", 1)


def _names(count: int) -> Callable[[str], str]:
    """The workbook part with ``count`` more defined names (公式 → 名称管理器)."""
    names = "".join(f'<definedName name="n{i}">Sheet1!$A$1</definedName>' for i in range(count))
    return lambda xml: (xml.replace("<definedNames>", "<definedNames>" + names, 1) if "<definedNames>" in xml
                        else xml.replace("</sheets>", f"</sheets><definedNames>{names}</definedNames>", 1))


@pytest.mark.parametrize("make, words", [
    (lambda: workbook_with(shared_strings=1_500_000), "个共享文字"),
    (lambda: workbook_with(styles=styles_of("cellXfs", "xf", 1_500_000)), "种单元格格式"),
    (lambda: workbook_with(styles=styles_of("fonts", "font", 1_000_000)), "种字体"),
    (lambda: workbook_with(sheet=sheet_ending_with("<row/>" * 1_300_000)), "行"),
    (lambda: workbook_with(sheet=sheet_ending_with(f"<dataValidations>{_RULE * 80_000}</dataValidations>")), "数据有效性规则"),
    (lambda: workbook_with(sheet=lambda xml: xml.replace("<sheetData", "<cols>" + '<col min="1" max="16384" hidden="1"/>'
                                                          * 100_000 + "</cols><sheetData", 1)), "列宽设置"),
    (lambda: workbook_with(sheet=rich_text_cell(200_000)), "段各设格式的文字（富文本）"),  # old: read, 15 s under load
    # rev20's left classes: each range or name an object openpyxl builds, twice, whatever it covers
    (lambda: workbook_with(sheet=_merges(12_000)), "处合并单元格"),  # 24,000 positions: old: read, seconds
    (lambda: workbook_with(sheet=sheet_ending_with(f'<conditionalFormatting sqref="{_cells(20_000)}"><cfRule '
                                                   'type="expression" priority="1"><formula>TRUE</formula></cfRule>'
                                                   "</conditionalFormatting>")), "个单元格区域"),  # 500,000: 14 s
    (lambda: workbook_with(sheet=sheet_ending_with(f'<dataValidations count="1"><dataValidation type="list" sqref='
                                                   f'"{_cells(20_000)}"><formula1>"a,b"</formula1></dataValidation>'
                                                   "</dataValidations>")), "个单元格区域"),  # 500,000: 8 s
], ids=["shared-strings", "cell-formats", "fonts", "empty-rows", "data-validations", "column-ranges", "rich-text-runs",
        "merges", "conditional-ranges", "validation-ranges"])
def test_a_workbook_of_too_many_tiny_items_is_refused_at_once(tmp_path: Path, make, words: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "表格.xlsx"
    path.write_bytes(make())
    outcome = run_one(path, timeout=20)
    assert outcome.result == "refused", outcome  # old code: a hang past the 20 s (columns: read slowly)
    assert outcome.seconds < 8 and outcome.peak_mb < 200, outcome
    assert str(path) in outcome.message and "\n" not in outcome.message and words in outcome.message, outcome.message


def test_a_cell_of_many_rich_text_runs_under_the_cap_reads(tmp_path: Path) -> None:
    path = tmp_path / "表格.xlsx"
    path.write_bytes(workbook_with(sheet=rich_text_cell(1000)))
    assert load_report(path).organ


def test_a_workbook_at_the_caps_reads(tmp_path: Path) -> None:
    """Unused shared strings up to the allowance, rows and rules up to their caps."""
    path = tmp_path / "表格.xlsx"
    rows = "<row/>" * (limits.MAX_SHEET_ROW_ELEMENTS // 10)
    path.write_bytes(workbook_with(shared_strings=limits.MAX_SHARED_STRINGS_FREE,
                                   sheet=lambda xml: sheet_ending_with(rows)(sheet_ending_with(
                                       f"<dataValidations>{_RULE * limits.MAX_SHEET_RULES}</dataValidations>")(xml))))
    assert load_report(path).organ


def test_a_workbook_at_the_range_caps_reads_in_bounded_time(tmp_path: Path) -> None:
    """Merged ranges, rule ranges and defined names just under their caps (the exported workbook
    has a few of each already): read, each still an object openpyxl builds."""
    path = tmp_path / "表格.xlsx"
    rule = (f'<conditionalFormatting sqref="{_cells(limits.MAX_SHEET_RULE_RANGES - 20)}"><cfRule type="expression" '
            'priority="99"><formula>FALSE</formula></cfRule></conditionalFormatting>')
    path.write_bytes(workbook_with(sheet=lambda xml: sheet_ending_with(rule)(_merges(limits.MAX_MERGE_RANGES - 20)(xml)),
                                   book=_names(limits.MAX_DEFINED_NAMES - 20)))
    outcome = run_one(path, timeout=20)
    assert outcome.result == "read", outcome
    assert outcome.seconds < 8, outcome


@pytest.mark.parametrize("ref", ["H{i}", "$H${i}:H{i}", 'H{i}"></mergeCell><mergeCell ref="I{i}'],
                         ids=["cell", "cell-to-itself", "closed"])
def test_merges_of_one_cell_are_left_out_at_once(tmp_path: Path, ref: str) -> None:
    """100,000 merges of a single cell each, some closed (nothing in Excel, which never writes one; no area for
    the merged positions' cap to count): openpyxl built and bordered each, twice (300,000: 60 s).  Left out
    of what openpyxl is handed, the workbook reads as without them."""
    path = tmp_path / "表格.xlsx"
    path.write_bytes(workbook_with(sheet=_merges(100_000, ref)))
    outcome = run_one(path, timeout=20)
    assert outcome.result == "read", outcome
    assert outcome.seconds < 8, outcome
    plain = tmp_path / "原表.xlsx"
    plain.write_bytes(workbook_with())
    assert load_report(path).tables == load_report(plain).tables


def test_unclosed_phonetic_runs_in_a_shared_string_are_read_in_bounded_time(tmp_path: Path) -> None:
    """A shared string nobody reads (1,000 runs: its runs are joined before openpyxl sees it)
    holding 100,000 unclosed <rPh>: each opening's scan now ends at the next opening (it ran to
    the string's end: 20,000 took 7.6 s, four times as long per doubling — rev20).  The file
    comes out read or refused in one line, as any damaged workbook, within the bound."""
    import re
    import zipfile

    import openpyxl

    src = tmp_path / "src.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    wb.save(src)
    with zipfile.ZipFile(src) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    bomb = b"<si>" + b"<r><t>a</t></r>" * 1000 + b"<rPh>" * 100_000 + b"<t>b</t></si>"
    parts["xl/sharedStrings.xml"] = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                     b"<si><t>x</t></si>" + bomb + b"</sst>")
    parts["xl/worksheets/sheet1.xml"] = re.sub(rb'<c r="A1"[^>]*>.*?</c>', b'<c r="A1" t="s"><v>0</v></c>',
                                               parts["xl/worksheets/sheet1.xml"], flags=re.S)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(b"</Relationships>", b'<Relationship Id="rIdSst" Type="http://schemas.'
                                      b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
                                      b'Target="sharedStrings.xml"/></Relationships>')
    path = tmp_path / "注音.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    outcome = run_one(path, timeout=20)
    assert outcome.result in ("read", "refused"), outcome
    assert "\n" not in outcome.message


def _relocated(book: bytes, part: str) -> bytes:
    """``book`` with its first sheet stored at ``part`` (the workbook's relationship and the
    content types pointed there): openpyxl reads a sheet wherever the workbook's relationship
    says, not only under xl/worksheets/."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book)) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in z.infolist():
            data = z.read(info)
            name = part if info.filename == "xl/worksheets/sheet1.xml" else info.filename
            if info.filename in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
                data = data.replace(b"worksheets/sheet1.xml", part.removeprefix("xl/").encode())
            copy.writestr(name, data)
    return out.getvalue()


# 1,500 rows of 300 written cells below the report's tables (450,000 cells, a 6.7 MB part)
_BIG_SHEET = sheet_ending_with("".join(f'<row r="{r}">' + "<c><v>1</v></c>" * 300 + "</row>" for r in range(3000, 4500)))


@pytest.mark.parametrize("part", ["xl/ws/s0.xml", "xl/Worksheets/sheet1.XML", "xl/sheet"])
def test_a_sheet_stored_out_of_the_usual_place_is_held_to_the_sheet_caps(tmp_path: Path, part: str) -> None:
    """A sheet of 450,000 written cells stored at xl/ws/ (or in another case, or with no .xml):
    counted only under xl/worksheets/, it escaped every sheet cap and was read (4.3 s and 362 MB
    a sheet; three in a 51 KB file, 14 s and 975 MB — rev21).  Refused as that sheet is where
    it belongs; the exported workbook so relocated still reads as itself."""
    plain = tmp_path / "原样.xlsx"
    plain.write_bytes(workbook_with())
    moved = tmp_path / "移动.xlsx"
    moved.write_bytes(_relocated(workbook_with(), part))
    assert load_report(moved).tables == load_report(plain).tables
    big = tmp_path / "大表.xlsx"
    big.write_bytes(_relocated(workbook_with(sheet=_BIG_SHEET), part))
    outcome = run_one(big, timeout=20)
    assert outcome.result == "refused", outcome
    assert outcome.seconds < 8 and outcome.peak_mb < 200, outcome
    in_place = tmp_path / "原位大表.xlsx"
    in_place.write_bytes(workbook_with(sheet=_BIG_SHEET))
    assert run_one(in_place, timeout=20).message.replace(str(in_place), "") == outcome.message.replace(str(big), "")


def test_merges_of_one_cell_in_a_sheet_stored_elsewhere_are_left_out_too(tmp_path: Path) -> None:
    """60,000 one-cell merges in a sheet at xl/ws/: the counts knew it for a sheet, but only
    parts under xl/worksheets/ had their one-cell merges left out — openpyxl built them all."""
    path = tmp_path / "表格.xlsx"
    path.write_bytes(_relocated(workbook_with(sheet=_merges(60_000, "H{i}")), "xl/ws/s0.xml"))
    outcome = run_one(path, timeout=20)
    assert outcome.result == "read", outcome
    assert outcome.seconds < 8, outcome


@pytest.mark.parametrize("extra", [
    lambda n: f'<rowBreaks count="{n}" manualBreakCount="{n}">' + '<brk id="1"/>' * n + "</rowBreaks>",
    lambda n: '<autoFilter ref="A1:B2"><sortState ref="A1:B2">' + '<sortCondition ref="A1"/>' * n + "</sortState></autoFilter>",
    lambda n: '<autoFilter ref="A1:B2"><filterColumn colId="0"><customFilters>' + '<customFilter val="1"/>' * n
    + "</customFilters></filterColumn></autoFilter>",
    lambda n: "<colBreaks>" + '<brk id="2"/>' * n + "</colBreaks>",
], ids=["row-breaks", "sort-conditions", "custom-filters", "column-breaks"])
def test_a_sheet_of_too_many_other_elements_is_refused_whatever_their_name(tmp_path: Path, extra) -> None:  # type: ignore[no-untyped-def]
    """300,000 page breaks, sort conditions or custom filters in a ~30 KB workbook: openpyxl built
    an object for each (4–5 s, 250–320 MB, read to the end; rev21) — no cap named them.  One count
    of a sheet's elements outside its cells refuses them all; the exported workbook, and one with
    a few thousand breaks, read."""
    path = tmp_path / "表格.xlsx"
    path.write_bytes(workbook_with(sheet=lambda xml: xml.replace("</sheetData>", "</sheetData>" + extra(300_000), 1)))
    outcome = run_one(path, timeout=20)
    assert outcome.result == "refused", outcome
    assert outcome.seconds < 8 and outcome.peak_mb < 200, outcome
    assert "单元格之外有超过" in outcome.message and str(path) in outcome.message, outcome.message
    few = tmp_path / "分页符.xlsx"
    few.write_bytes(workbook_with(sheet=lambda xml: xml.replace("</sheetData>", "</sheetData>" + extra(3000), 1)))
    assert load_report(few).tables == _load_report_of(workbook_with(), tmp_path).tables


def _load_report_of(book: bytes, folder: Path) -> Report:
    path = folder / "原样.xlsx"
    path.write_bytes(book)
    return load_report(path)


def _encoded(encoding: str, declared: str | None) -> Callable[[str], str]:
    """The sheet's XML to be written in ``encoding`` (see ``_reencoded``), declaring ``declared``."""
    def edit(xml: str) -> str:
        body = re.sub(r"^<\?xml[^>]*\?>", "", xml)
        return (f'<?xml version="1.0" encoding="{declared}"?>' if declared else "") + body
    return edit


def _reencoded(book: bytes, encoding: str) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book)) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in z.infolist():
            data = z.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.decode("utf-8").encode(encoding)
            copy.writestr(info.filename, data)
    return out.getvalue()


# 900,000 empty cells, 3.6 MB (7.2 MB in UTF-16: under a part's 8 MB)
_EMPTY_CELLS = sheet_ending_with("".join(f'<row r="{r}">' + "<c/>" * 900 + "</row>" for r in range(3000, 4000)))


@pytest.mark.parametrize("encoding, declared", [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", None)])
def test_a_sheet_in_a_wide_encoding_is_counted_as_any_other(tmp_path: Path, encoding: str, declared: str | None) -> None:
    """A sheet of 900,000 cells in UTF-16, marked or not (lxml reads any encoding declared or
    marked; Excel and WPS write only UTF-8): every cap counts bytes such as “<c”, which UTF-16 does
    not have, so 900,000 cells passed them all and took 9 s and 737 MB (rev21 rev6 H2).  Counted
    as its UTF-8 copy, it is refused as the same sheet in UTF-8 is."""
    path = tmp_path / "表格.xlsx"
    path.write_bytes(_reencoded(workbook_with(sheet=lambda xml: _encoded(encoding, declared)(_EMPTY_CELLS(xml))), encoding))
    outcome = run_one(path, timeout=20)
    assert outcome.result == "refused", outcome
    assert outcome.seconds < 8 and outcome.peak_mb < 200, outcome
    same = tmp_path / "同一表格.xlsx"
    same.write_bytes(workbook_with(sheet=_EMPTY_CELLS))
    assert outcome.message.replace(str(path), "") == run_one(same, timeout=20).message.replace(str(same), "")


def test_a_custom_part_in_utf16_does_not_stop_the_workbook(tmp_path: Path) -> None:
    """SharePoint and some Office versions write custom XML parts in UTF-16: counted, read."""
    import io
    import zipfile

    book = io.BytesIO(workbook_with())
    with zipfile.ZipFile(book, "a") as z:
        z.writestr("customXml/item1.xml", '<?xml version="1.0" encoding="utf-16"?><p:properties xmlns:p="x"/>'.encode("utf-16"))
    path = tmp_path / "表格.xlsx"
    path.write_bytes(book.getvalue())
    assert load_report(path).tables == _load_report_of(workbook_with(), tmp_path).tables


def test_a_workbook_of_too_many_defined_names_reads_without_them(tmp_path: Path) -> None:
    """150,000 defined names (broken #REF! names pile up so when sheets are copied between
    workbooks): openpyxl built each, twice (9 s); then the workbook was refused whole for them.
    The reader uses none: past the cap they are left out of what openpyxl is handed, and the
    report reads as without them, quickly."""
    path = tmp_path / "名称.xlsx"
    path.write_bytes(workbook_with(book=_names(150_000)))
    outcome = run_one(path, timeout=20)
    assert outcome.result == "read", outcome
    assert outcome.seconds < 4 and outcome.peak_mb < 200, outcome
    assert load_report(path).tables == _load_report_of(workbook_with(), tmp_path).tables



# 360,000 empty cells: 12 bytes each once '<' and '>' are escaped in UTF-7, under a part's 8 MB
_UTF7_CELLS = sheet_ending_with("".join(f'<row r="{r}">' + "<c/>" * 900 + "</row>" for r in range(3000, 3400)))


@pytest.mark.parametrize("declared", ["UTF-7", "CSUNICODE11UTF7"])
def test_a_sheet_in_utf7_is_counted_or_refused(tmp_path: Path, declared: str) -> None:
    """UTF-7 may write every '<' as “+ADw-”, which no count sees, and libxml2 knows names Python
    does not (rev21 rev8): transcoded where Python knows the name, else refused as damaged —
    never handed over uncounted.  360,000 cells so written are refused at once."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook_with(sheet=_UTF7_CELLS))) as z, zipfile.ZipFile(out, "w") as copy:
        for info in z.infolist():
            data = z.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = re.sub(rb"^<\?xml[^>]*\?>", b"", data).decode("utf-8").encode("utf-7")
                data = (f'<?xml version="1.0" encoding="{declared}"?>'.encode()
                        + body.replace(b"<", b"+ADw-").replace(b">", b"+AD4-"))
            copy.writestr(info.filename, data)
    path = tmp_path / "表格.xlsx"
    path.write_bytes(out.getvalue())
    outcome = run_one(path, timeout=20)
    assert outcome.result == "refused", outcome
    assert outcome.seconds < 8 and outcome.peak_mb < 200, outcome
    if declared == "UTF-7":  # counted as the same sheet in UTF-8 is, not only found damaged by openpyxl
        same = tmp_path / "同一表格.xlsx"
        same.write_bytes(workbook_with(sheet=_UTF7_CELLS))
        assert outcome.message.replace(str(path), "") == run_one(same, timeout=20).message.replace(str(same), "")


def test_unclosed_name_lists_past_the_cap_are_said_in_bounded_time(tmp_path: Path) -> None:
    """10,001 names, then 20,000 <definedNames> never closed: the cut rescanned to the end from
    each opening, 19 s of processor time (45 s for the scan alone; rev21 rev9 H1).  One scan
    forward: the damaged part is said at once."""
    names = '<definedName name="a">1</definedName>' * 10_001 + "<definedNames>" * 20_000
    path = tmp_path / "名称.xlsx"
    path.write_bytes(workbook_with(book=lambda xml: xml.replace("</workbook>", names + "</workbook>", 1)))
    outcome = run_one(path, timeout=20)
    assert outcome.seconds < 3 and outcome.peak_mb < 200, outcome
    assert outcome.result == "refused", outcome


# -- a sheet the workbook lists, lost from the file ------------------------------------------------

SHEETS = {"xl/worksheets/sheet1.xml": "表二", "xl/worksheets/sheet2.xml": "表三", "xl/worksheets/sheet4.xml": "基本信息"}


@pytest.mark.parametrize("part", list(SHEETS))
def test_a_listed_sheet_missing_from_the_file_is_damage_not_a_blank_table(tmp_path: Path, part: str) -> None:
    """A member lost to a broken copy or archiver: openpyxl passes the sheet over without a word,
    and the report read with 表三 all blank (its figures “未填写”) or without its title, where Excel
    and WPS say the file is damaged.  Now one line naming the sheet."""
    from app.errors import ReadError
    from tests.helpers import run_app
    from tests.hostile_base import _workbook_parts, _zip

    path = tmp_path / "缺表.xlsx"
    path.write_bytes(_zip([(n, d) for n, d in _workbook_parts() if n != part]))
    with pytest.raises(ReadError) as caught:
        load_report(path)
    assert str(caught.value).startswith(f"{path}：工作簿列出的工作表“{SHEETS[part]}”不在文件中（文件不完整或已损坏）")
    out = run_app("check", path)
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and SHEETS[part] in out.stderr


def test_a_sheet_named_by_an_escaped_target_is_there(tmp_path: Path) -> None:
    """A relationship's target written %-escaped (“sheet%201.xml” for the part “sheet 1.xml”, as
    part names are URIs): Excel opens it; openpyxl looked the escaped name up as written and
    passed the sheet over — 表二 read blank.  Handed over renamed (app/xlsxlean.py cased)."""
    from app.cli import dump
    from tests.hostile_base import _workbook_parts, _zip

    parts = dict(_workbook_parts())
    sound = tmp_path / "原样.xlsx"
    sound.write_bytes(_zip(list(parts.items())))
    renamed = {("xl/worksheets/sheet 1.xml" if n == "xl/worksheets/sheet1.xml" else n): d for n, d in parts.items()}
    renamed["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(b"sheet1.xml", b"sheet%201.xml")
    path = tmp_path / "空格.xlsx"
    path.write_bytes(_zip(list(renamed.items())))
    assert dump(load_report(path)) == dump(load_report(sound))


def _with_parts(data: bytes, parts: dict[str, bytes | Callable[[bytes], bytes]]) -> bytes:
    """The workbook ``data`` with ``parts`` added, or (a function) rewritten."""
    import io
    import zipfile

    from tests.hostile_base import _zip

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        got = {n: z.read(n) for n in z.namelist()}
    for name, part in parts.items():
        got[name] = part(got[name]) if callable(part) else part
    return _zip(list(got.items()))


_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _pivot_cache(records: int) -> bytes:
    """The exported workbook with a pivot table's cache (数据透视表) of ``records`` records and a
    pivot table on its first sheet using it, as Excel keeps them beside the cells it shows."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    book = workbook_with(book=lambda x: x.replace("</workbook>", f'<pivotCaches><pivotCache cacheId="1" r:id="rIdPC" xmlns:r="{_R}"/>'
                                                               "</pivotCaches></workbook>"))
    table = (f'<pivotTableDefinition xmlns="{main}" name="透视表1" cacheId="1" dataCaption="值"><location ref="K1:K2" '
             'firstHeaderRow="1" firstDataRow="1" firstDataCol="0"/><pivotFields count="1"><pivotField showAll="0"/>'
             "</pivotFields></pivotTableDefinition>")
    types = ("".join(f'<Override PartName="/xl/{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.{t}+xml"/>'
                     for n, t in (("pivotCache/pivotCacheDefinition1", "pivotCacheDefinition"),
                                  ("pivotCache/pivotCacheRecords1", "pivotCacheRecords"), ("pivotTables/pivotTable1", "pivotTable"))))
    return _with_parts(book, {
        "xl/_rels/workbook.xml.rels": lambda old: old.replace(b"</Relationships>", (
            f'<Relationship Id="rIdPC" Type="{_R}/pivotCacheDefinition" Target="pivotCache/pivotCacheDefinition1.xml"/>'
            "</Relationships>").encode()),
        "xl/pivotCache/pivotCacheDefinition1.xml": (
            f'<pivotCacheDefinition xmlns="{main}" xmlns:r="{_R}" r:id="rId1" recordCount="{records}"><cacheSource type="worksheet">'
            '<worksheetSource ref="A1:B2" sheet="x"/></cacheSource><cacheFields count="1"><cacheField name="a" numFmtId="0">'
            '<sharedItems containsNumber="1"/></cacheField></cacheFields></pivotCacheDefinition>').encode(),
        "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels": (
            f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{_R}/pivotCacheRecords" Target="pivotCacheRecords1.xml"/>'
            "</Relationships>").encode(),
        "xl/pivotCache/pivotCacheRecords1.xml": (f'<pivotCacheRecords xmlns="{main}" count="{records}">'.encode()
                                                 + b'<r><n v="1"/></r>' * records + b"</pivotCacheRecords>"),
        "xl/pivotTables/pivotTable1.xml": table.encode(),
        "xl/worksheets/_rels/sheet1.xml.rels": (f'<Relationships xmlns="{pkg}"><Relationship Id="rIdPT" Type="{_R}/pivotTable" '
                                                'Target="../pivotTables/pivotTable1.xml"/></Relationships>').encode(),
        "[Content_Types].xml": lambda old: old.replace(b"</Types>", types.encode() + b"</Types>"),
    })


def _png(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` pixels (its data is a few bytes)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 10)) + chunk(b"IEND", b""))


def _drawn(inner: str, rels: str, parts: dict[str, bytes]) -> bytes:
    """The exported workbook with a drawing on its first sheet of ``inner`` (one anchored frame),
    the drawing's relationships ``rels`` and more ``parts`` (a picture's, a chart's)."""
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    xdr, a = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing", "http://schemas.openxmlformats.org/drawingml/2006/main"
    chart = "http://schemas.openxmlformats.org/drawingml/2006/chart"
    anchor = ("<xdr:twoCellAnchor><xdr:from><xdr:col>10</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0"
              "</xdr:rowOff></xdr:from><xdr:to><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>5</xdr:row><xdr:rowOff>0"
              f"</xdr:rowOff></xdr:to>{inner}<xdr:clientData/></xdr:twoCellAnchor>")
    book = workbook_with(sheet=lambda x: x.replace("</worksheet>", f'<drawing r:id="rIdD" xmlns:r="{_R}"/></worksheet>'))
    return _with_parts(book, {
        "xl/drawings/drawing1.xml": f'<xdr:wsDr xmlns:xdr="{xdr}" xmlns:a="{a}" xmlns:r="{_R}" xmlns:c="{chart}">{anchor}</xdr:wsDr>'.encode(),
        "xl/drawings/_rels/drawing1.xml.rels": f'<Relationships xmlns="{pkg}">{rels}</Relationships>'.encode(),
        "xl/worksheets/_rels/sheet1.xml.rels": (f'<Relationships xmlns="{pkg}"><Relationship Id="rIdD" Type="{_R}/drawing" '
                                                'Target="../drawings/drawing1.xml"/></Relationships>').encode(),
        "[Content_Types].xml": lambda old: old.replace(b"</Types>", (
            b'<Default Extension="png" ContentType="image/png"/><Override PartName="/xl/drawings/drawing1.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/><Override PartName="/xl/charts/chart1.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>')),
        **parts})


_PICTURE = ('<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="图片 1"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill>'
            '<a:blip r:embed="{}"/></xdr:blipFill><xdr:spPr/></xdr:pic>')
_IMAGE_REL = f'<Relationship Id="rIdI" Type="{_R}/image" Target="../media/image1.png"/>'


def _chart(points: int) -> bytes:
    """A column chart's part of one series of ``points`` cached values."""
    pts = "".join(f'<c:pt idx="{i}"><c:v>{i}</c:v></c:pt>' for i in range(points))
    return (f'<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="{_R}"><c:chart><c:plotArea>'
            '<c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/>'
            f'<c:val><c:numRef><c:f>Sheet1!$A$1:$A$2</c:f><c:numCache><c:ptCount val="{points}"/>{pts}</c:numCache></c:numRef>'
            '</c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart></c:plotArea></c:chart></c:chartSpace>').encode()


def _table_part(columns: int) -> bytes:
    """The exported workbook with a table object (套用表格格式) of ``columns`` columns on its first sheet."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    listed = "".join(f'<tableColumn id="{i + 1}" name="列{i}"/>' for i in range(columns))
    book = workbook_with(sheet=lambda x: x.replace("</worksheet>", f'<tableParts count="1"><tablePart r:id="rIdT" xmlns:r="{_R}"/>'
                                                                   "</tableParts></worksheet>"))
    return _with_parts(book, {
        "xl/worksheets/_rels/sheet1.xml.rels": ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                                f'<Relationship Id="rIdT" Type="{_R}/table" Target="../tables/table1.xml"/>'
                                                "</Relationships>").encode(),
        "xl/tables/table1.xml": (f'<table xmlns="{main}" id="1" name="T1" displayName="T1" ref="K1:K2">'
                                 f'<tableColumns count="{columns}">{listed}</tableColumns></table>').encode(),
        "[Content_Types].xml": lambda old: old.replace(b"</Types>", (
            b'<Override PartName="/xl/tables/table1.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/></Types>'))})


_FRAME = ('<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="3" name="图表 1"/><xdr:cNvGraphicFramePr/>'
          '</xdr:nvGraphicFramePr><xdr:xfrm/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
          '<c:chart r:id="rIdC"/></a:graphicData></a:graphic></xdr:graphicFrame>')
_CHART_REL = f'<Relationship Id="rIdC" Type="{_R}/chart" Target="../charts/chart1.xml"/>'


@pytest.mark.parametrize("make", [
    # openpyxl gave each cell of a link's range its own copy, making the cells: 17 s, 2 GB, “damaged”
    lambda: workbook_with(sheet=sheet_ending_with('<hyperlinks><hyperlink ref="A1:XFD1048576" location="Sheet1!A1"/></hyperlinks>')),
    lambda: workbook_with(sheet=sheet_ending_with("<hyperlinks>" + "".join(f'<hyperlink ref="A{i}:XFD{i}" location="A1"/>'
                                                                           for i in range(1, 1001)) + "</hyperlinks>")),
    # every record of the cache read again for each sheet; the records' <r> were counted as rich
    # text, and the workbook refused as 超过50000段各设格式的文字（富文本）
    lambda: _pivot_cache(400_000),
    lambda: _pivot_cache(40_000),
    # a sheet's pictures and charts: openpyxl opened each picture with Pillow, a header claiming
    # 100000×100000 pixels or a picture's part missing had the workbook called damaged
    lambda: _drawn(_PICTURE.format("rIdI"), _IMAGE_REL, {"xl/media/image1.png": _png(100_000, 100_000)}),
    lambda: _drawn(_PICTURE.format("rIdGone"), "", {}),
    lambda: _drawn(_FRAME, _CHART_REL, {"xl/charts/chart1.xml": _chart(150_000)}),
    lambda: _table_part(200_000),  # an object each column: 2 s, 201 MB
    lambda: _table_part(3),
], ids=["link-over-the-sheet", "1000-links-over-rows", "pivot-400000-records", "pivot-40000-records",
        "picture-claiming-1e10-pixels", "picture-missing", "chart-of-150000-points", "table-of-200000-columns", "table-of-3-columns"])
def test_links_pivot_caches_drawings_and_table_objects_the_reader_never_reads_cost_nothing(
        tmp_path: Path, make: Callable[[], bytes]) -> None:
    path = tmp_path / "表.xlsx"
    path.write_bytes(make())
    outcome = run_one(path, timeout=20)
    assert outcome.result == "read" and outcome.peak_mb < 100, outcome
    plain = tmp_path / "plain.xlsx"
    plain.write_bytes(workbook_with())
    assert load_report(path).tables == load_report(plain).tables


def _noted(refs: list[str], rels: str = "") -> bytes:
    """The exported workbook with notes (批注) on its first sheet at ``refs``, the sheet's
    relationship to them written as ``rels`` (Relationship, and the closing of it) or as Excel does."""
    import io
    import zipfile

    from tests.hostile_base import _zip

    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    notes = "".join(f'<comment ref="{r}" authorId="0"><text><t>备注</t></text></comment>' for r in refs)
    rel = (f'<Relationship Id="rIdNote" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" '
           f'Target="../comments1.xml"{rels or "/>"}')
    with zipfile.ZipFile(io.BytesIO(workbook_with())) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet_rels = "xl/worksheets/_rels/sheet1.xml.rels"
    parts[sheet_rels] = (parts[sheet_rels].replace(b"</Relationships>", rel.encode() + b"</Relationships>") if sheet_rels in parts
                         else f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rel}</Relationships>'.encode())
    parts["xl/comments1.xml"] = (f'<comments xmlns="{ns}"><authors><author>某</author></authors>'
                                 f"<commentList>{notes}</commentList></comments>").encode()
    return _zip(list(parts.items()))


@pytest.mark.parametrize(("refs", "rels"), [
    (["A1:XFD1048576"], ""),  # openpyxl made every cell the note names: 17 s and 2 GB, then “damaged”
    (["A0", "ZZZZZ99", ""], ""),  # refs Excel never writes: the whole workbook refused as damaged
    (["A1:XFD1048576"], "></Relationship>"),
], ids=["whole-sheet", "bad-refs", "closed-tag"])
def test_notes_are_not_read_and_cost_nothing(tmp_path: Path, refs: list[str], rels: str) -> None:
    """A sheet's notes (批注) are never printed and the reader reads none: left out before openpyxl
    places them, the workbook reads as it does without them."""
    path = tmp_path / "批注.xlsx"
    path.write_bytes(_noted(refs, rels))
    outcome = run_one(path, timeout=20)
    assert outcome.result == "read" and outcome.peak_mb < 300, outcome
    plain = tmp_path / "plain.xlsx"
    plain.write_bytes(workbook_with())
    assert load_report(path).tables == load_report(plain).tables


def test_a_report_with_a_sheet_named_like_our_summary_is_judged_as_openpyxl_is_handed_it(tmp_path: Path) -> None:
    """Whether a workbook is our own summary (a sheet 汇总 whose first row is ours) was judged by
    opening the file as it is: a report with a sheet named 汇总 had its 150,000 defined names
    built all the same (139 MB, 1.7 s; the reader's own opening leaves them out)."""
    path = tmp_path / "汇总.xlsx"
    path.write_bytes(workbook_with(book=lambda x: _names(150_000)(re.sub(r'(<sheet [^>]*name=")[^"]*(")', r"\1汇总\2", x, count=1))))
    outcome = run_one(path, timeout=20)
    assert outcome.result == "read" and outcome.peak_mb < 80, outcome


def test_another_workbooks_cached_cells_behind_an_external_link_are_not_built(tmp_path: Path) -> None:
    """A formula linking to another workbook keeps a copy of its cells (externalLink): openpyxl
    built all 150,000 of them (1.3 s, 140 MB), which no formula here is read by."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rows = "".join(f'<row r="{r}">' + "".join(f'<cell r="{c}{r}"><v>1</v></cell>' for c in "ABCDEFGHIJ") + "</row>"
                   for r in range(1, 15_001))
    link = (f'<externalLink xmlns="{main}" xmlns:r="{_R}"><externalBook r:id="rId1"><sheetNames><sheetName val="表"/></sheetNames>'
            f'<sheetDataSet><sheetData sheetId="0">{rows}</sheetData></sheetDataSet></externalBook></externalLink>')
    book = workbook_with(book=lambda x: x.replace("</workbook>", f'<externalReferences><externalReference r:id="rIdE" xmlns:r="{_R}"/>'
                                                               "</externalReferences></workbook>"))
    path = tmp_path / "外部链接.xlsx"
    path.write_bytes(_with_parts(book, {
        "xl/_rels/workbook.xml.rels": lambda old: old.replace(b"</Relationships>", (
            f'<Relationship Id="rIdE" Type="{_R}/externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>').encode()),
        "xl/externalLinks/externalLink1.xml": link.encode(),
        "xl/externalLinks/_rels/externalLink1.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
            f'Type="{_R}/externalLinkPath" Target="file:///C:/上年.xlsx" TargetMode="External"/></Relationships>').encode(),
        "[Content_Types].xml": lambda old: old.replace(b"</Types>", (
            b'<Override PartName="/xl/externalLinks/externalLink1.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>'))}))
    outcome = run_one(path, timeout=20)
    assert outcome.result == "read" and outcome.peak_mb < 80, outcome
    plain = tmp_path / "plain.xlsx"
    plain.write_bytes(workbook_with())
    assert load_report(path).tables == load_report(plain).tables
