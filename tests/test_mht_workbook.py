"""A workbook saved by Excel as a single-file web page (.mht): the root a frameset showing one sheet
and a tab strip, each worksheet a page of its own, listed in <x:ExcelWorksheets>.  The editor's
own export (表二, 表三, 表四, 基本信息 a sheet each) so saved was read from its first sheet alone —
表三 and 表四 said missing.  Every sheet Excel shows is read, in order; a hidden one is not."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from app.reading import load_report
from app.report import Report
from app.xlsx_write import write_xlsx
from tests.mhtmake import excel_folder, excel_mht, sheet_html

DATA = Path(__file__).parent / "data"


def _distinct() -> Report:
    report = load_report(DATA / "xiaogang-2021.docx")
    figure = 1
    for key in ("二", "三", "四"):  # every figure different: one read from a neighbour's place cannot pass
        for cell in sorted(report.tables[key]):
            report.tables[key][cell] = figure
            figure += 1
    return report


def _sheets(tmp_path: Path, report: Report) -> list[tuple[str, str]]:
    write_xlsx(report, tmp_path / "导出.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "导出.xlsx")
    out = []
    for name in wb.sheetnames:
        ws = wb[name]
        for row in ws.iter_rows():  # the check cells under each table left off, as a user tidying it would
            if row[0].value is not None and str(row[0].value).startswith("勾稽关系核对"):
                ws.delete_rows(row[0].row, ws.max_row)
                break
        out.append((name, sheet_html(ws)))
    return out


def _typed(report: Report, key: str) -> dict[tuple[int, int], object]:
    return {c: v for c, v in report.tables[key].items() if v is not None}


def test_every_sheet_of_an_excel_mht_is_read(tmp_path: Path) -> None:
    report = _distinct()
    path = tmp_path / "报告.mht"
    path.write_bytes(excel_mht(_sheets(tmp_path, report)))
    read = load_report(path)
    for key in ("二", "三", "四"):
        typed = _typed(read, key)  # (the export's totals are formulas: saved blank, so compared where typed)
        assert typed and all(report.tables[key][c] == v for c, v in typed.items()), key
    assert not [f.message for f in read.import_findings if "没有找到表" in f.message]


def test_a_hidden_sheet_is_not_read(tmp_path: Path) -> None:
    report = _distinct()
    path = tmp_path / "报告.mht"
    path.write_bytes(excel_mht(_sheets(tmp_path, report), hidden=("表四",)))
    read = load_report(path)
    assert _typed(read, "三") and not _typed(read, "四")
    assert any("没有找到表四" in f.message for f in read.import_findings)


def test_every_sheet_of_a_workbook_saved_as_a_web_page_with_its_folder_is_read(tmp_path: Path) -> None:
    """Excel's “网页” (.htm): the same frameset, the sheets' pages in 报告.files/ beside it — read
    from its first sheet alone before (the frames tried one by one)."""
    report = _distinct()
    root = excel_folder(tmp_path / "网页", _sheets(tmp_path, report), hidden=("基本信息",))
    read = load_report(root)
    for key in ("二", "三", "四"):
        typed = _typed(read, key)
        assert typed and all(report.tables[key][c] == v for c, v in typed.items()), key
    assert not [f.message for f in read.import_findings if "没有找到表" in f.message]
