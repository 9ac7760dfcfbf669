"""A workbook with a register beside the report whose cells are rich text (each cell's text in
pieces of their own formats, as text pasted into Excel from Word or a web page is): the register
is passed over as it always was (too large for a statutory table) and the report is read.  Before,
more than 50,000 runs in the register's sheet or in the shared strings refused the whole workbook
(app/xlsxlean.py: the runs nobody reads are handed to openpyxl as plain text, never built).
The report's own rich text is still judged: a note mark set superscript is left out of its figure."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils import get_column_letter

from app.errors import ReadError
from app.findings import TABLE_UNKNOWN, VALUE_NOTE_MARK
from app.reading import load_report
from app.schema import REQUESTS, T3_COL_NATURAL, T3_NEW, CellRef
from tests.test_xlsx_formats import _workbook

REGISTER = "依申请公开登记表"
_INLINE = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*?) t="inlineStr"([^>]*)><is>(.*?)</is></c>')
_SST_TYPE = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
             b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
_SST_REL = (b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'sharedStrings" Target="sharedStrings.xml"/>')


def register_book(tmp_path: Path, rows: int, shared: bool, cols: int = 4, plain: bool = False) -> Path:
    """Our export with 37 and a superscript note mark “1” in 表三's first figure, and a sheet of
    ``rows`` × ``cols`` cells of three runs each beside it (``plain``: their text in one, unformatted),
    written into each cell (as openpyxl saves them) or, ``shared``, into the shared strings with
    the report's (as Excel saves them)."""
    path, address = _workbook(tmp_path, "三", (T3_NEW, T3_COL_NATURAL), 0, "General")
    wb = openpyxl.load_workbook(path, rich_text=True)
    wb["表三"][address].value = CellRichText("37", TextBlock(InlineFont(vertAlign="superscript"), "1"))
    wb.create_sheet(REGISTER)["A1"] = "登记"
    part = f"xl/worksheets/sheet{len(wb.worksheets)}.xml"
    wb.save(path)
    fonts = ('<rPr><b val="1"/><sz val="11"/><rFont val="宋体"/></rPr>', '<rPr><color rgb="FFFF0000"/><sz val="11"/></rPr>',
             '<rPr><i val="1"/><sz val="11"/><rFont val="宋体"/></rPr>')
    data = "".join(f'<row r="{r}">' + "".join(
        f'<c r="{get_column_letter(c)}{r}" t="inlineStr"><is>'
        + (f"<t>{''.join(f'第{r}行第{c}列{i}' for i in range(3))}</t>" if plain
           else "".join(f"<r>{font}<t>第{r}行第{c}列{i}</t></r>" for i, font in enumerate(fonts))) + "</is></c>"
        for c in range(1, cols + 1)) + "</row>" for r in range(1, rows + 1))
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    parts[part] = re.sub(rb"<sheetData>.*</sheetData>", ("<sheetData>" + data + "</sheetData>").encode(), parts[part], flags=re.S)
    if shared:
        _to_shared_strings(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in parts.items():
            z.writestr(name, blob)
    return path


def _to_shared_strings(parts: dict[str, bytes]) -> None:
    strings: list[bytes] = []

    def shared(m: re.Match[bytes]) -> bytes:
        strings.append(b"<si>" + m[4] + b"</si>")
        return b'<c r="' + m[1] + b'"' + m[2] + b' t="s"' + m[3] + b"><v>" + str(len(strings) - 1).encode() + b"</v></c>"

    for name in [n for n in parts if n.startswith("xl/worksheets/")]:
        parts[name] = _INLINE.sub(shared, parts[name])
    parts["xl/sharedStrings.xml"] = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" '
                                     b'uniqueCount="%d">' % (len(strings), len(strings)) + b"".join(strings) + b"</sst>")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", _SST_TYPE + b"</Types>")
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(b"</Relationships>", _SST_REL + b"</Relationships>")


@pytest.mark.parametrize("shared", [False, True], ids=["in-cells", "shared-strings"])
def test_a_register_of_60000_runs_beside_the_report_is_passed_over_and_the_report_read(tmp_path: Path, shared: bool) -> None:
    path = register_book(tmp_path, 5000, shared)  # 5000 × 4 cells × 3 runs (old code: refused whole)
    report = load_report(path)
    assert report.tables[REQUESTS][(T3_NEW, T3_COL_NATURAL)] == 37, "the note mark is still left out of the figure"
    notes = [f for f in report.import_findings if (f.code, f.kind) == (VALUE_NOTE_MARK.code, VALUE_NOTE_MARK.kind)]
    assert len(notes) == 1 and set(notes[0].location.cells) == {CellRef(REQUESTS, T3_NEW, T3_COL_NATURAL)}
    passed = [f.message for f in report.import_findings if f.code == TABLE_UNKNOWN.code]
    assert any(REGISTER in m and "5000行×4列" in m for m in passed), passed


def test_the_register_in_shared_strings_reads_as_the_report_without_it(tmp_path: Path) -> None:
    """The register's strings handed over plain change nothing the reader reads: the same
    tables and findings as the workbook whose register holds the same text unformatted."""
    rich = load_report(register_book(tmp_path, 5000, shared=True))
    (tmp_path / "plain").mkdir()
    plain = load_report(register_book(tmp_path / "plain", 5000, shared=True, plain=True))
    assert rich.tables == plain.tables
    assert [f.message for f in rich.import_findings] == [f.message for f in plain.import_findings]


def test_a_report_sheet_of_more_runs_than_the_cap_is_still_refused(tmp_path: Path) -> None:
    """The runs openpyxl would build in a sheet the reader reads stay capped (a guard: passes on
    the old code too): 2,000 × 10 cells is within a table's reach, so the sheet is read."""
    path = register_book(tmp_path, 2000, shared=False, cols=10)  # 60,000 runs
    with pytest.raises(ReadError) as refused:
        load_report(path)
    assert f"工作表“{REGISTER}”中有超过50000段各设格式的文字（富文本）" in str(refused.value)


@pytest.mark.parametrize("target", ["worksheets/", "./worksheets/"], ids=["plain", "dot-slash"])
def test_a_report_sheet_padded_with_empty_strings_keeps_its_note_marks(tmp_path: Path, target: str) -> None:
    """rev20 H on ba74182: 表三's sheet padded below with 30,000 rows of cells holding an empty
    shared string (what Excel keeps after 粘贴为数值 of ="" formulas) reaches past a table by the
    cells written, so its strings were handed over plain; the reader, counting only cells that
    show something, reads it: 37 with its superscript note mark “1” became 371, nothing said."""
    path = register_book(tmp_path, 200, shared=True)  # 2,400 runs: enough to be handed over plain
    sheet = f"xl/worksheets/sheet{openpyxl.load_workbook(path).sheetnames.index('表三') + 1}.xml"
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    empty = parts["xl/sharedStrings.xml"].count(b"<si>")
    parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"].replace(b"</sst>", b"<si><t/></si></sst>")
    filler = "".join(f'<row r="{r}">' + "".join(f'<c r="{get_column_letter(c)}{r}" t="s"><v>{empty}</v></c>'
                                                for c in range(1, 6)) + "</row>" for r in range(200, 30200))
    parts[sheet] = parts[sheet].replace(b"</sheetData>", filler.encode() + b"</sheetData>")
    rels = "xl/_rels/workbook.xml.rels"  # rev20 M on 324c28c: “./worksheets/…” named no sheet, so none was
    parts[rels] = re.sub(rb'Target="/?(?:xl/)?worksheets/', b'Target="' + target.encode(), parts[rels])  # found read
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in parts.items():
            z.writestr(name, blob)
    report = load_report(path)
    assert report.tables[REQUESTS][(T3_NEW, T3_COL_NATURAL)] == 37
    assert any((f.code, f.kind) == (VALUE_NOTE_MARK.code, VALUE_NOTE_MARK.kind) for f in report.import_findings)
