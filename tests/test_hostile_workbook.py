"""Workbooks whose item counts are the bomb, each item tiny and within the 8 MB an XML part may
have: 1.5 million empty shared strings, cell formats or fonts, 1.3 million empty rows, 80,000 data
validations, 100,000 column ranges.  openpyxl builds an object for each, twice (the reader loads a workbook twice): the
old reader hung past 20 s on each (the column ranges: read, 3.7 s).  Counted before openpyxl opens the workbook (app/xlsxlimits.py
check_sheets), each is refused in one Chinese line; a workbook at the caps still reads.  Each file
is read in a forked child with a time limit and its peak memory measured (tests/hostile.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import limits
from app.reading import load_report
from tests.hostile import run_one
from tests.hostile_web import rich_text_cell, sheet_ending_with, styles_of, workbook_with

_RULE = '<dataValidation type="list" sqref="A1:XFD1048576"><formula1>"a,b"</formula1></dataValidation>'


@pytest.mark.parametrize("make, words", [
    (lambda: workbook_with(shared_strings=1_500_000), "个共享文字"),
    (lambda: workbook_with(styles=styles_of("cellXfs", "xf", 1_500_000)), "种单元格格式"),
    (lambda: workbook_with(styles=styles_of("fonts", "font", 1_000_000)), "种字体"),
    (lambda: workbook_with(sheet=sheet_ending_with("<row/>" * 1_300_000)), "行"),
    (lambda: workbook_with(sheet=sheet_ending_with(f"<dataValidations>{_RULE * 80_000}</dataValidations>")), "数据有效性规则"),
    (lambda: workbook_with(sheet=lambda xml: xml.replace("<sheetData", "<cols>" + '<col min="1" max="16384" hidden="1"/>'
                                                          * 100_000 + "</cols><sheetData", 1)), "列宽设置"),
    (lambda: workbook_with(sheet=rich_text_cell(200_000)), "段各设格式的文字（富文本）"),  # old: read, 15 s under load
], ids=["shared-strings", "cell-formats", "fonts", "empty-rows", "data-validations", "column-ranges", "rich-text-runs"])
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
