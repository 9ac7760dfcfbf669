"""A statutory table made in Excel or WPS 表格 and pasted into the report as an embedded object
(插入→对象, 选择性粘贴→Excel 对象; gap C4): Word shows a picture of the sheet, the figures are in
the workbook part beside it.  The reader takes the table from that workbook, as a table of the body
in its place would be read, and says where the figures came from.  Real files: the .docx is built
with python-docx as Word and WPS write such objects (w:object, v:shape, o:OLEObject with its
ProgID and r:id to word/embeddings/…xlsx), the workbook with openpyxl; every cell is compared
with the same tables read as Word tables.  Hostile embedded parts each give a note, the rest of
the report is read as before."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.table import Table

from app.findings import EMBEDDED_SHEET, HIDDEN_CELLS, MISSING_TABLE, PICTURES, VALUE_XLSX_FORMULA
from app.reading import load_report
from app.report import Report
from app.schema import T3_ROW_PATHS, TABLES
from tests.thirdparty import Spec, build

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSM_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.12"
_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
_PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00"
        b"\x00\x0cIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x9a\xa0\xa0\x00\x00\x00\x00IEND\xaeB`\x82")


def _spec() -> Spec:
    """Every figure of the three tables distinct, so a figure read into another cell shows."""
    return Spec(t2={(i, c): str(100 + 3 * i + c) for i in range(20) for c in range(3)},
                t3={(r, c): str(1000 + 7 * r + c) for r in range(len(T3_ROW_PATHS)) for c in range(7)},
                t4={c: str(50 + c) for c in range(15)})


def _copy(table: Table, ws: openpyxl.worksheet.worksheet.Worksheet, top: int) -> int:
    """A Word table's cells into a sheet from row ``top``, its merged cells merged: the table as
    made in Excel.  The row after it."""
    seen: dict[object, tuple[int, int, int, int]] = {}  # a cell element → its span
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            r0, c0, r1, c1 = seen.get(cell._tc, (r, c, r, c))
            seen[cell._tc] = (r0, c0, max(r1, r), max(c1, c))
            if (r0, c0) == (r, c):
                ws.cell(top + r, 1 + c, int(cell.text) if cell.text.isdigit() else (cell.text or None))
    for r0, c0, r1, c1 in seen.values():
        if (r0, c0) != (r1, c1):
            ws.merge_cells(start_row=top + r0, start_column=1 + c0, end_row=top + r1, end_column=1 + c1)
    return top + len(table.rows)


def _workbook(tables: list[Table], one_sheet: bool) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    top = 1
    for i, t in enumerate(tables):
        if not one_sheet and i:
            ws, top = wb.create_sheet(f"Sheet{i + 1}"), 1
        top = _copy(t, ws, top) + 2  # two empty rows between tables on one sheet
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _object(d: docx.document.Document, data: bytes, prog_id: str, reltype: str = _RT + "package",
            name: str = "Microsoft_Excel_Worksheet.xlsx", content_type: str = XLSX_TYPE,
            external: str = "") -> object:
    """A paragraph holding an embedded worksheet as Word writes it: the preview picture (v:imagedata)
    and the object (o:OLEObject) whose r:id names the workbook part."""
    preview, _ = d.part.get_or_add_image(io.BytesIO(_PNG))
    if external:
        rid = d.part.relate_to(external, reltype, is_external=True)
    else:
        count = sum(1 for p in d.part.package.iter_parts() if str(p.partname).startswith("/word/embeddings/"))
        stem, ext = name.rsplit(".", 1)
        part = Part(PackURI(f"/word/embeddings/{stem}{count or ''}.{ext}"), content_type, data, d.part.package)
        rid = d.part.relate_to(part, reltype)
    return parse_xml(
        f'<w:p {_NS}><w:r><w:object w:dxaOrig="9072" w:dyaOrig="5103">'
        f'<v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:453.6pt;height:255.15pt" o:ole="">'
        f'<v:imagedata r:id="{preview}" o:title=""/></v:shape>'
        f'<o:OLEObject Type="Embed" ProgID="{prog_id}" ShapeID="_x0000_i1025" DrawAspect="Content" '
        f'ObjectID="_1767012345" r:id="{rid}"/></w:object></w:r></w:p>')


def _report(tmp_path: Path, embedded: str, prog_id: str = "Excel.Sheet.12", one_sheet: bool = False,
            data: bytes | None = None, **how: str) -> tuple[Path, Path]:
    """(the report with its tables as Word tables, the same with the tables of the sections in
    ``embedded`` as one embedded workbook in the first of them, the others' places left empty)."""
    plain = build(_spec(), tmp_path / "plain.docx")
    d = docx.Document(str(plain))
    tables = {key: t for key, t in zip("二三四", d.tables, strict=True)}
    chosen = [tables[k] for k in embedded]
    ole = _object(d, _workbook(chosen, one_sheet) if data is None else data, prog_id, **how)
    chosen[0]._tbl.addprevious(ole)
    for t in chosen:
        t._tbl.getparent().remove(t._tbl)
    path = tmp_path / "embedded.docx"
    d.save(str(path))
    return plain, path


def _swapped(d: docx.document.Document, table: Table, wb: openpyxl.Workbook, path: Path) -> None:
    """``d`` saved to ``path`` with ``table`` replaced by ``wb`` embedded as a worksheet object."""
    out = io.BytesIO()
    wb.save(out)
    table._tbl.addprevious(_object(d, out.getvalue(), "Excel.Sheet.12"))
    table._tbl.getparent().remove(table._tbl)
    d.save(str(path))


def _cells(r: Report, keys: str) -> dict[tuple[str, int, int], object]:
    return {(k, c.row, c.col): r.tables[k][(c.row, c.col)] for k in keys for c in TABLES[k].cells}


@pytest.mark.parametrize("prog_id", ["Excel.Sheet.12", "Ket.Sheet.12", "ET.Xlsx.6"])
@pytest.mark.parametrize("embedded", ["二", "三", "四"])
def test_a_table_embedded_as_a_worksheet_is_read_as_the_word_table(tmp_path: Path, embedded: str, prog_id: str) -> None:
    plain, path = _report(tmp_path, embedded, prog_id)
    want, got = load_report(plain), load_report(path)
    assert _cells(got, "二三四") == _cells(want, "二三四")
    assert any(v not in (None, 0) for k, v in _cells(got, embedded).items())
    said = [f for f in got.import_findings if (f.code, f.kind) == (EMBEDDED_SHEET.code, EMBEDDED_SHEET.kind)]
    assert len(said) == 1 and said[0].severity.name == "INFO" and f"表{embedded}" in said[0].message
    assert "预览" in said[0].message and said[0].location.section == embedded
    assert not [f for f in got.import_findings if f.code == MISSING_TABLE.code]
    assert got.sections == want.sections
    assert not [f for f in got.import_findings if f.code == PICTURES.code]  # its preview is the table read


@pytest.mark.parametrize("one_sheet", [True, False])
def test_one_workbook_of_all_three_tables_gives_each_to_its_section(tmp_path: Path, one_sheet: bool) -> None:
    """The three tables in one workbook (one sheet, or a sheet each) embedded in 二: each table is
    read into its own section, none of which has a table of its own."""
    plain, path = _report(tmp_path, "二三四", one_sheet=one_sheet)
    want, got = load_report(plain), load_report(path)
    assert _cells(got, "二三四") == _cells(want, "二三四")
    said = [f.message for f in got.import_findings if f.code == EMBEDDED_SHEET.code]
    assert len(said) == 1 and "表二、表三、表四" in said[0], said
    assert not [f for f in got.import_findings if f.code == MISSING_TABLE.code]


def test_a_word_table_is_kept_over_a_workbooks_copy(tmp_path: Path) -> None:
    """A workbook of all three tables embedded in 二 of a report whose 三 and 四 are Word tables:
    only 表二 is taken from it; the body's own tables are read, never doubled."""
    plain = build(_spec(), tmp_path / "plain.docx")
    d = docx.Document(str(plain))
    data = _workbook(list(d.tables), one_sheet=True)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for row in wb.active.iter_rows():  # the workbook's 表三 and 表四 older: other figures
        for cell in row:
            if isinstance(cell.value, int) and cell.value >= 50 and cell.row > 25:
                cell.value += 1
    _swapped(d, d.tables[0], wb, tmp_path / "e.docx")
    got, want = load_report(tmp_path / "e.docx"), load_report(plain)
    assert _cells(got, "二三四") == _cells(want, "二三四")
    said = [f.message for f in got.import_findings if f.code == EMBEDDED_SHEET.code]
    assert len(said) == 1 and "表二的" in said[0] and "表三" not in said[0]
    assert not [f for f in got.import_findings if f.code == "DUP-TABLE"]


def test_hidden_rows_and_stale_formulas_of_the_workbook_are_said_as_a_workbook_files(tmp_path: Path) -> None:
    """The workbook's hidden row is not read (its figures are what the picture does not show) and a
    formula whose stored result differs is said, at the cells, as a workbook file's are."""
    plain = build(_spec(), tmp_path / "plain.docx")
    d = docx.Document(str(plain))
    wb = openpyxl.load_workbook(io.BytesIO(_workbook([d.tables[1]], one_sheet=True)))
    ws = wb.active
    first = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 4).value == 1000)  # 本年新收's 自然人
    ws.cell(first, 4).value = "=400+600"  # a formula: no result stored (openpyxl), computed as Excel shows it
    ws.row_dimensions[first + 1].hidden = True
    _swapped(d, d.tables[1], wb, tmp_path / "e.docx")
    got = load_report(tmp_path / "e.docx")
    assert got.tables["三"][(0, 0)] == 1000
    hidden = [f for f in got.import_findings if (f.code, f.kind) == (HIDDEN_CELLS.code, HIDDEN_CELLS.kind)]
    assert len(hidden) == 1 and "1行隐藏的行" in hidden[0].message
    assert all(got.tables["三"][(1, c)] is None for c in range(7))  # the hidden row's figures are not read
    assert not [f for f in got.import_findings if (f.code, f.kind) == (VALUE_XLSX_FORMULA.code, VALUE_XLSX_FORMULA.kind)]


def test_an_embedded_macro_enabled_workbook_is_read_without_its_macros(tmp_path: Path) -> None:
    plain, path = _report(tmp_path, "三", "Excel.SheetMacroEnabled.12",
                          name="Microsoft_Excel_Macro-Enabled_Worksheet.xlsm", content_type=XLSM_TYPE)
    assert _cells(load_report(path), "三") == _cells(load_report(plain), "三")


def _compound(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file ([MS-CFB] version 3, as Word writes oleObject1.bin) holding ``streams``,
    each of 4096 bytes or more (in the regular sectors): one FAT sector, one directory sector."""
    end, free = 0xFFFFFFFE, 0xFFFFFFFF
    fat = [0xFFFFFFFD, end]  # sector 0: the FAT; sector 1: the directory
    entries = [("Root Entry", 5, end, 0, 1)]  # (name, type, start, size, child)
    body = b""
    for name, data in streams.items():
        start = len(fat)
        n = -(-len(data) // 512)
        fat += [start + i + 1 for i in range(n - 1)] + [end]
        entries.append((name, 2, start, len(data), free))
        body += data.ljust(n * 512, b"\0")
    assert len(fat) <= 128 and len(entries) <= 4
    directory = b""
    for i, (name, kind, start, size, child) in enumerate(entries):
        raw = (name + "\0").encode("utf-16-le")
        right = i + 1 if 0 < i < len(entries) - 1 else free  # the streams as a chain of right siblings
        directory += (raw.ljust(64, b"\0") + struct.pack("<HBBIII", len(raw), kind, 1, free, right, child)
                      + b"\0" * 36 + struct.pack("<IQ", start, size))
    directory = directory.ljust(512, b"\0")
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<9I", 0, 1, 1, 0, 4096, end, 0, end, 0) + struct.pack("<109I", 0, *[free] * 108))
    return header + struct.pack("<128I", *(fat + [free] * (128 - len(fat)))) + directory + body


_OLE_BIN = dict(reltype=_RT + "oleObject", name="oleObject.bin", content_type="application/vnd.openxmlformats-officedocument.oleObject")


@pytest.mark.parametrize("prog_id", ["Excel.Sheet.12", "Ket.Sheet.12"])
def test_a_worksheet_object_kept_as_a_compound_file_is_read_from_its_package_stream(tmp_path: Path, prog_id: str) -> None:
    """An object saved as oleObject1.bin (an OLE compound file): its “Package” stream is the .xlsx."""
    plain = build(_spec(), tmp_path / "plain.docx")
    d = docx.Document(str(plain))
    book = _workbook([d.tables[1]], one_sheet=True)
    data = _compound({"\x01Ole": b"\x01\0\0\x02" + b"\0" * 4092, "Package": book})
    _, path = _report(tmp_path, "三", prog_id, data=data, **_OLE_BIN)
    got = load_report(path)
    assert _cells(got, "二三四") == _cells(load_report(plain), "二三四")
    assert [f for f in got.import_findings if f.code == EMBEDDED_SHEET.code]


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def _workbook_with_sheet(sheet_xml: bytes) -> bytes:
    """A minimal workbook (as openpyxl writes one) with ``sheet_xml`` as its one sheet."""
    wb = openpyxl.Workbook()
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(buf) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet1.xml"] = sheet_xml
    return _zip(parts)


def _many_rows() -> bytes:
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i) for i in range(1, 1_000_001))
    return (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            + rows + b"</sheetData></worksheet>")


_HOSTILE: dict[str, dict[str, Any]] = {
    "not-a-zip": dict(data=b"this is not a workbook at all" * 10),
    "zip-bomb": dict(data=_zip({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": b"<a>" + b" " * (60 << 20) + b"</a>"})),
    "million-rows": dict(data=b""),  # made in the test (slow to build: once)
    "missing-part": dict(data=b"", name="gone.xlsx"),
    "outside": dict(),  # the workbook of 表三, its relationship then pointed out of the package
    "external-file": dict(data=b"", external="file:///C:/Users/x/Book1.xlsx"),
    "compound-damaged": dict(data=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, **_OLE_BIN),
    # a “Package” stream whose sector chain loops back on itself (the FAT's entry for its first sector: itself)
    "compound-loop": dict(data=(lambda c: c[:512 + 8] + struct.pack("<I", 2) + c[512 + 12:])(
        _compound({"Package": b"PK" + b"\0" * 6000})), **_OLE_BIN),
    # an Excel 97–2003 object: its BIFF “Workbook” stream, no “Package”
    "compound-xls": dict(data=_compound({"Workbook": b"\x09\x08" + b"\0" * 5000}), **_OLE_BIN),
}


@pytest.mark.parametrize("what", list(_HOSTILE))
def test_a_hostile_embedded_part_is_one_note_and_the_rest_is_read(tmp_path: Path, what: str) -> None:
    how = dict(_HOSTILE[what])
    data = how.pop("data", None)
    if what == "million-rows":
        data = _workbook_with_sheet(_many_rows())
    plain, path = _report(tmp_path, "三", data=data, **how)
    if what == "missing-part":  # the relationship names a part the zip no longer holds
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist() if not n.startswith("word/embeddings/")}
        path.write_bytes(_zip(parts))
    if what == "outside":  # an internal relationship whose target climbs out of the package
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        rels = parts["word/_rels/document.xml.rels"].decode()
        parts["word/_rels/document.xml.rels"] = rels.replace('Target="embeddings/', 'Target="../../../outside/').encode()
        path.write_bytes(_zip(parts))
    got, want = load_report(path), load_report(plain)
    assert _cells(got, "二四") == _cells(want, "二四")  # the rest read as before
    assert all(v is None for v in _cells(got, "三").values())
    missing = [f.message for f in got.import_findings if f.code == MISSING_TABLE.code]
    assert len(missing) == 1 and missing[0].startswith("没有找到表三") and "Excel 表格（对象）" in missing[0], missing
    if not what.startswith(("compound", "external-file")):  # (an Excel 97–2003 object, or a link to a workbook
        # elsewhere, is not read: the hint to open it and copy the figures)
        assert "读不出来" in missing[0], missing
    assert not [f for f in got.import_findings if f.code == EMBEDDED_SHEET.code]
    assert [f for f in got.import_findings if f.code == PICTURES.code]  # its preview: a picture, not kept


_IMPORTS = ("import sys; from pathlib import Path; from app.reading import load_report; "
            "load_report(Path(sys.argv[1])); print('openpyxl' in sys.modules)")


def _imports_openpyxl(path: Path) -> bool:
    out = subprocess.run([sys.executable, "-c", _IMPORTS, str(path)], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).parents[1])
    return out.stdout.strip() == "True"


def test_openpyxl_is_imported_only_to_read_a_worksheet_a_table_is_missing_for(tmp_path: Path) -> None:
    """A .docx read costs no openpyxl import unless a section lacking its table holds a worksheet:
    a report with every table in its body and a worksheet object in 一 never opens that workbook."""
    plain, path = _report(tmp_path, "三")
    assert not _imports_openpyxl(plain)
    assert _imports_openpyxl(path)
    d = docx.Document(str(plain))
    d.paragraphs[3]._p.addnext(_object(d, _workbook([d.tables[1]], one_sheet=True), "Excel.Sheet.12"))
    d.save(str(tmp_path / "aside.docx"))
    assert not _imports_openpyxl(tmp_path / "aside.docx")
    assert _cells(load_report(tmp_path / "aside.docx"), "二三四") == _cells(load_report(plain), "二三四")


def test_only_a_worksheet_objects_part_is_inflated(tmp_path: Path) -> None:
    """An equation's or any other program's OLE object (.bin) is never inflated at an opening, however
    big: only a worksheet's part is, and only its bytes are kept (DocxParts.embedded)."""
    from app.docx.package import open_parts

    plain = build(_spec(), tmp_path / "plain.docx")
    d = docx.Document(str(plain))
    other = _object(d, b"\xd0\xcf\x11\xe0" + bytes(4_000_000), "Equation.3", _RT + "oleObject", name="oleObject.bin",
                    content_type="application/vnd.openxmlformats-officedocument.oleObject")
    sheet = _object(d, _workbook([d.tables[1]], True), "Excel.Sheet.12")
    d.tables[0]._tbl.addprevious(other)
    d.tables[0]._tbl.addprevious(sheet)
    path = tmp_path / "objects.docx"
    d.save(str(path))
    kept = {member: data for member, data in open_parts(path).embedded.values()}
    assert len(kept) == 2
    assert [len(data) for member, data in kept.items() if member.endswith(".bin")] == [0]
    assert [data[:2] for member, data in kept.items() if member.endswith(".xlsx")] == [b"PK"]


def test_the_sheet_the_object_shows_is_read_before_another_holding_the_same_table(tmp_path: Path) -> None:
    """A workbook that keeps last year's sheet beside this year's (“2022年” copied to “2023年” and
    changed): the object shows its active sheet, whose figures Word's preview is; the other's
    table was read instead when it came first, with nothing said but its name in the note."""
    plain = build(_spec(), tmp_path / "plain.docx")
    d = docx.Document(str(plain))
    table = d.tables[1]  # 表三
    wb = openpyxl.Workbook()
    old = wb.active
    old.title = "2022年"
    _copy(table, old, 1)
    for row in old.iter_rows():
        for cell in row:
            if isinstance(cell.value, int) and cell.value >= 1000:
                cell.value += 1  # last year's figures
    shown = wb.create_sheet("2023年")
    _copy(table, shown, 1)
    wb.active = 1
    path = tmp_path / "two-years.docx"
    _swapped(d, table, wb, path)
    got = load_report(path)
    assert _cells(got, "三") == _cells(load_report(plain), "三")
    said = [f for f in got.import_findings if f.code == EMBEDDED_SHEET.code]
    assert len(said) == 1 and "2023年" in said[0].message


def test_a_table_whose_heading_is_missing_is_read_from_its_object(tmp_path: Path) -> None:
    """三's heading left out (its part counted into 二, whose own table the body has): a Word table
    there is read as 表三 all the same, but its worksheet object was never looked into — 表三 blank,
    “没有找到…也没有找到表三” and the object said to be a picture left out."""
    plain, path = _report(tmp_path, "三")
    d = docx.Document(str(path))
    heading = next(p for p in d.paragraphs if p.text.startswith("三、"))
    heading._p.getparent().remove(heading._p)
    d.save(str(path))
    got = load_report(path)
    assert _cells(got, "三") == _cells(load_report(plain), "三")
    assert [f.code for f in got.import_findings if f.code == EMBEDDED_SHEET.code] == [EMBEDDED_SHEET.code]
    assert not [f for f in got.import_findings if f.code == PICTURES.code]


def test_a_workbook_that_gave_no_table_says_nothing_of_its_hidden_cells(tmp_path: Path) -> None:
    """An object in 三 whose workbook holds no statutory table (a chart's figures) but a hidden
    row: the section says the workbook had no 表三; what it hides is no report's (it was said at
    表三's place as the report's hidden cells)."""
    plain = build(_spec(), tmp_path / "plain.docx")
    d = docx.Document(str(plain))
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in range(1, 6):
        ws.cell(r, 1, f"月份{r}")
        ws.cell(r, 2, r * 10)
    ws.row_dimensions[3].hidden = True
    _swapped(d, d.tables[1], wb, tmp_path / "chart.docx")
    got = load_report(tmp_path / "chart.docx")
    assert any(f.code == MISSING_TABLE.code and "工作簿中没有找到表三" in f.message for f in got.import_findings)
    assert not [f for f in got.import_findings if (f.code, f.kind) == (HIDDEN_CELLS.code, HIDDEN_CELLS.kind)]


@pytest.mark.skipif(sys.platform == "win32", reason="run_one forks")
def test_thousands_of_small_workbooks_are_not_each_opened(tmp_path: Path) -> None:
    """A hostile file: 3,000 worksheet objects in 三 (no 表三), each its own small workbook, within
    the package caps (5,000 parts).  Each was opened with openpyxl (~10 ms): half a minute and
    more.  A report has three statutory tables: past a few workbooks the rest are not opened."""
    from tests.hostile import run_one

    plain = build(_spec(), tmp_path / "plain.docx")
    d = docx.Document(str(plain))
    wb = openpyxl.Workbook()
    for r in range(1, 4):
        wb.active.cell(r, 1, r)
    out = io.BytesIO()
    wb.save(out)
    data = out.getvalue()
    preview, _ = d.part.get_or_add_image(io.BytesIO(_PNG))
    table = d.tables[1]
    runs = []
    for i in range(3000):
        part = Part(PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{i}.xlsx"), XLSX_TYPE, data, d.part.package)
        rid = d.part.relate_to(part, _RT + "package")
        runs.append(f'<w:r><w:object><v:shape id="s{i}" type="#_x0000_t75" o:ole=""><v:imagedata r:id="{preview}"/></v:shape>'
                    f'<o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="s{i}" r:id="{rid}"/></w:object></w:r>')
    table._tbl.addprevious(parse_xml(f"<w:p {_NS}>{''.join(runs)}</w:p>"))
    table._tbl.getparent().remove(table._tbl)
    path = tmp_path / "many.docx"
    d.save(str(path))
    outcome = run_one(path, timeout=20)
    assert outcome.result == "read", outcome


def test_another_sheet_holding_the_same_table_is_said(tmp_path: Path) -> None:
    """The workbook keeping last year's sheet beside this year's: the sheet the object shows is
    read, and the other, differing in every figure, was passed over with nothing said (host31).
    Now it is said as a second copy in the body is (DUP-TABLE), naming both sheets and a differing
    cell; its figures are not taken.  A copy the same in every figure is said too."""
    plain = build(_spec(), tmp_path / "plain.docx")
    for changed in (1, 0):
        d = docx.Document(str(plain))
        table = d.tables[1]  # 表三
        wb = openpyxl.Workbook()
        old = wb.active
        old.title = "2022年"
        _copy(table, old, 1)
        for row in old.iter_rows():
            for cell in row:
                if isinstance(cell.value, int) and cell.value >= 1000:
                    cell.value += changed  # last year's figures
        shown = wb.create_sheet("2023年")
        _copy(table, shown, 1)
        wb.active = 1
        path = tmp_path / f"two-years-{changed}.docx"
        _swapped(d, table, wb, path)
        got = load_report(path)
        assert _cells(got, "三") == _cells(load_report(plain), "三")
        dup = [f for f in got.import_findings if f.code == "DUP-TABLE"]
        assert len(dup) == 1, [f.message for f in got.import_findings]
        assert "2022年" in dup[0].message and "2023年" in dup[0].message
        assert ("格不同" in dup[0].message) == bool(changed)
        assert not [f for f in got.import_findings if f.code == "LABEL-EDITED" and f.kind == "repeated"]
