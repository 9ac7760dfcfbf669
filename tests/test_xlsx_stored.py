"""A workbook is loaded once (app/xlsxvalues.py stored_results): the results saved beside its
formulas are read from the formula cells alone, and must be exactly what openpyxl's second,
``data_only`` loading gave — each kind of result, cells and rows placed without a reference,
a date's format, a shared string, several sheets — since that loading is what it replaces."""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.reader.excel import ExcelReader

from app.xlsxvalues import stored_results

_ROWS = ('<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>'
         '<c r="C1" t="b"><f>TRUE()</f><v>1</v></c><c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
         '<c r="E1" s="1"><f>TODAY()</f><v>45000</v></c><c r="F1"><f>1</f></c><c r="G1"><f>1</f><v>7.25</v></c></row>'
         '<row><c><f>2</f><v>2.5</v></c><c r="C2"><v>5</v></c><c><f>3</f><v>3</v></c><c><v>9</v></c><c><f>4</f><v>4</v></c></row>'
         '<row r="4"><c r="A4" t="s"><f>X</f><v>0</v></c><c r="B4"><v>11</v></c><c r="C4" t="s"><f>Y</f><v>1</v></c></row>'
         '<row><c r="B5"><f>SUM(A1:G1)</f><v>12.25</v></c></row>')


def _workbook(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    first = wb.active
    assert first is not None
    first["B1"] = "=1+2"
    other = wb.create_sheet("表三")
    other["A1"] = dt.date(2024, 1, 2)  # a date style: s="1"
    other["A1"].number_format = "yyyy-mm-dd"
    wb.create_sheet("空白").append([1, 2, 3])  # no formula: its part is never looked at
    path = tmp_path / "made.xlsx"
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = "xl/worksheets/sheet2.xml"
    parts[sheet] = re.sub(rb"<sheetData>.*</sheetData>", f"<sheetData>{_ROWS}</sheetData>".encode(), parts[sheet], flags=re.S)
    # openpyxl writes its strings inline: a table of shared strings as Excel writes it, one of them rich
    parts["xl/sharedStrings.xml"] = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>甲</t></si>'
                                     "<si><r><t>乙</t></r><r><rPr><b/></rPr><t>丙</t></r></si></sst>").encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(b"</Relationships>", (
        b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'sharedStrings" Target="sharedStrings.xml"/></Relationships>'))
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def test_the_results_are_those_of_openpyxls_data_only_loading(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    data = path.read_bytes()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = ExcelReader(io.BytesIO(data), read_only=False, data_only=False, rich_text=True)
        reader.read()
        source = io.BytesIO(data)
        got = stored_results(source, reader)
        cached = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    assert got is not None and source.tell() == 0
    expected = {ws.title: {key: cached[ws.title]._cells[key].value for key, cell in ws._cells.items() if cell.data_type == "f"}
                for ws in reader.wb.worksheets}
    assert got == expected
    assert {k: type(v) for k, v in got["表三"].items()} == {k: type(v) for k, v in expected["表三"].items()}
    # what the rows hold, so the comparison above is not of two empty readings
    assert got["表三"] == {(1, 1): 2, (1, 2): "ab", (1, 3): True, (1, 4): "#DIV/0!",
                           (1, 5): dt.datetime(2023, 3, 15), (1, 6): None, (1, 7): 7.25,
                           (2, 1): 2.5, (2, 4): 3, (2, 6): 4, (4, 1): "甲", (4, 3): "乙丙", (5, 2): 12.25}
    assert got["Sheet"] == {(1, 2): None} and got["空白"] == {}
