"""How far a workbook's sheets reach is what their written cells reach: an empty styled cell
(IV65536, left by a conversion from .xls or by formatting whole rows) stretches nothing, and a
big sheet beside the report (the year's 申请登记台账) is passed over, named, not a refusal of
the whole workbook."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from app import limits
from app.errors import ReadError
from app.findings import TABLE_UNKNOWN
from app.reading import load_report
from app.report import Report
from app.schema import CellRef
from app.xlsx_write import write_xlsx
from tests.hostile import run_one

TYPED = CellRef("三", 0, 0)


def workbook(tmp_path: Path) -> Path:
    r = Report(organ="某县某局", year=2023)
    r.set_value(TYPED, 21)
    path = tmp_path / "年报.xlsx"
    write_xlsx(r, path)
    return path


def edit_sheet(path: Path, title: str, edit: Callable[[str], str]) -> Path:
    """``edit`` applied to the XML of the sheet named ``title``."""
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    wb = openpyxl.load_workbook(path)
    index = wb.sheetnames.index(title) + 1
    name = f"xl/worksheets/sheet{index}.xml"
    parts[name] = edit(parts[name].decode("utf-8")).encode("utf-8")
    out = path.with_name(f"改-{path.name}")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return out


def far(cell: str) -> Callable[[str], str]:
    def edit(xml: str) -> str:
        return xml.replace("</sheetData>", f'<row r="65536" s="1" customFormat="1">{cell}</row></sheetData>', 1)
    return edit


@pytest.mark.parametrize("cell", ['<c r="IV65536" s="1"/>', '<c r="IV65536" s="1"></c>'])
def test_an_empty_styled_cell_far_away_sets_no_used_range(tmp_path: Path, cell: str) -> None:
    path = edit_sheet(workbook(tmp_path), "表三", far(cell))
    assert load_report(path).value(TYPED) == 21


def test_a_far_cell_with_a_value_on_the_reports_sheet_is_never_silent(tmp_path: Path) -> None:
    """The control: a written cell at IV65536 still reaches there; that sheet is passed over and said."""
    path = edit_sheet(workbook(tmp_path), "表三", far('<c r="IV65536" t="n"><v>1</v></c>'))
    try:
        report = load_report(path)
    except ReadError as e:
        assert "表三" in str(e)
        return
    said = [f.message for f in report.import_findings if f.code == TABLE_UNKNOWN.code]
    assert any("表三" in m and "65536行×256列" in m for m in said), said


def register(path: Path, rows: int) -> Path:
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet("申请登记台账")
    ws.append(["序号", "申请日期", "申请人类型", "申请内容", "答复日期", "答复结果", "承办科室", "备注"])
    for i in range(1, rows + 1):
        ws.append([i, "2023-03-01", "自然人", "申请公开某项目批复文件", "2023-03-15", "予以公开", "办公室", ""])
    wb.save(path)
    return path


def test_a_register_sheet_beside_the_report_is_passed_over_and_named(tmp_path: Path) -> None:
    path = register(workbook(tmp_path), limits.MAX_SHEET_ROWS + 5000)
    report = load_report(path)
    assert report.value(TYPED) == 21
    said = [f.message for f in report.import_findings if f.code == TABLE_UNKNOWN.code]
    assert said == [f"工作表“申请登记台账”有{limits.MAX_SHEET_ROWS + 5001}行×8列，不像法定统计表，未读入"]


def test_a_sheet_of_more_cells_than_any_report_is_refused_by_its_name(tmp_path: Path) -> None:
    """openpyxl would build every cell: refused before it does, now with the sheet named."""
    path = workbook(tmp_path)
    title = openpyxl.load_workbook(path).sheetnames[0]
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    per_row = 100
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{col}{r}"/>' for col in ("A", "B", "C", "D") * (per_row // 4))
                   + "</row>" for r in range(100, 100 + limits.MAX_SHEET_CELLS // per_row + 2))
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    parts["xl/worksheets/sheet1.xml"] = sheet.replace("</sheetData>", rows + "</sheetData>", 1).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    with pytest.raises(ReadError, match=f"工作表“{title}”的使用范围过大"):
        load_report(path)


def _merges(refs: list[str]) -> Callable[[str], str]:
    cells = "".join(f'<mergeCell ref="{ref}"/>' for ref in refs)

    def edit(xml: str) -> str:
        if "<mergeCells" in xml:  # ours merges its headings: these join them
            return xml.replace("</mergeCells>", cells + "</mergeCells>", 1)
        return xml.replace("</sheetData>", f'</sheetData><mergeCells count="{len(refs)}">{cells}</mergeCells>', 1)
    return edit


def test_merged_ranges_far_beyond_a_report_are_refused_before_openpyxl_builds_them(tmp_path: Path) -> None:
    """A few short merged ranges covering 250,000 positions (13 s in openpyxl's two loads)."""
    path = workbook(tmp_path)
    title = openpyxl.load_workbook(path).sheetnames[0]
    path = edit_sheet(path, title, _merges(["AA100:AZ3099", "BA100:BZ3099", "CA100:CZ3099"]))
    with pytest.raises(ReadError, match=f"工作表“{title}”中合并单元格的范围过大"):
        load_report(path)


@pytest.mark.parametrize("ref", ["A1:XFD1048576", "AA100:ZZ9999"])
def test_one_merge_past_the_sheets_cells_is_said_as_a_merge(tmp_path: Path, ref: str) -> None:
    """One merged range over the whole sheet was said as the sheet's used range, by the reach of
    its written cells: “15行×4列，超过300000个单元格”, which contradicts itself."""
    path = workbook(tmp_path)
    title = openpyxl.load_workbook(path).sheetnames[0]
    path = edit_sheet(path, title, _merges([ref]))
    with pytest.raises(ReadError, match=f"工作表“{title}”中合并单元格的范围过大") as e:
        load_report(path)
    assert "使用范围" not in str(e.value) and "行×" not in str(e.value)


def test_a_register_with_a_merged_column_beside_the_report_is_still_read(tmp_path: Path) -> None:
    path = workbook(tmp_path)
    title = openpyxl.load_workbook(path).sheetnames[0]
    path = edit_sheet(path, title, _merges([f"AA{r}:AB{r}" for r in range(100, 100 + 5000)]))  # 10,000 positions
    assert load_report(path).value(TYPED) == 21


def _swollen(tmp_path: Path, part: str, before: str, junk: bytes) -> Path:
    path = workbook(tmp_path)
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts[part] = parts[part].replace(before.encode(), junk + before.encode(), 1)
    out = tmp_path / f"坏-{part.replace('/', '_')}.xlsx"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return out


@pytest.mark.parametrize(("part", "before", "junk"), [
    ("xl/worksheets/sheet1.xml", "</sheetData>", b'<c r="A1" ' * 200_000),  # a cell tag left open, repeated
    ("xl/worksheets/sheet1.xml", "</sheetData>", b'<c s="1" ' * 200_000),  # … with no r=
    ("xl/worksheets/sheet1.xml", "</worksheet>", b'<mergeCell ' * 200_000),
    ("xl/workbook.xml", "</sheets>", b'<sheet ' + b'name="" ' * 200_000),
    ("xl/_rels/workbook.xml.rels", "</Relationships>", b'<Relationship ' * 200_000),
], ids=["open-cell", "open-cell-no-ref", "open-merge", "sheet-names", "relationships"])
def test_a_tag_left_open_again_and_again_is_judged_at_once(tmp_path: Path, part: str, before: str, junk: bytes) -> None:
    """The scans before openpyxl stay inside one tag: a few hundred KB of one tag repeated,
    never closed, took minutes to hours (the editor frozen, 取消 unheard); now at once, read or
    refused in one line."""
    outcome = run_one(_swollen(tmp_path, part, before, junk), timeout=30, memory_mb=1536)
    assert outcome.result in ("read", "refused"), outcome
