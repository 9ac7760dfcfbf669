"""A statutory table saved as a CSV file (Excel's, WPS's or LibreOffice's “另存为 CSV”, one file a
sheet; Chinese Windows writes it in GBK): refused as “不是 Word 文档（.docx）” — the name decided
the reader, and .csv was none's.  It is read as a text copy is (its comma rows, app/textrows.py):
the table's figures, the rest of the report said missing."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from app.reading import load_report
from app.xlsx_write import write_xlsx
from tests.helpers import sheet_csv

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("codec", ["utf-8-sig", "gbk"])
def test_a_sheet_saved_as_csv_reads_its_table(tmp_path: Path, codec: str) -> None:
    report = load_report(DATA / "xiaogang-2021.docx")
    write_xlsx(report, tmp_path / "导出.xlsx")
    path = tmp_path / "表三.csv"
    path.write_bytes(sheet_csv(tmp_path / "导出.xlsx", "表三").encode(codec))
    read = load_report(path)
    same = {c: v for c, v in read.tables["三"].items() if v is not None}
    assert len(same) >= 5 and all(report.tables["三"][c] == v for c, v in same.items())
    assert any(f.kind == "table" and "表二" in f.message for f in read.import_findings)  # the rest said missing


def test_the_exports_check_cells_saved_with_the_table_are_no_rows(tmp_path: Path) -> None:
    """The editor's exported sheet saved whole as CSV: its check cells under the table (勾稽关系核对,
    one relation a row) were read as 表三's rows, each “一行无法对应到法定表格” (40 errors)."""
    report = load_report(DATA / "xiaogang-2021.docx")
    write_xlsx(report, tmp_path / "导出.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "导出.xlsx")["表三"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in ws.iter_rows(values_only=True):
        writer.writerow(["" if v is None or str(v).startswith("=") else v for v in row])
    path = tmp_path / "表三（整张）.csv"
    path.write_text(out.getvalue(), "utf-8-sig")
    assert "勾稽关系核对（公式自动计算" in out.getvalue()
    read = load_report(path)
    assert not [f.message for f in read.import_findings if f.kind in ("unplaced", "label")]
