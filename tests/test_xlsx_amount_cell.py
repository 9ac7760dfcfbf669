"""表二's fee amount (万元) in the exported workbook, a form units fill in and send back: a cell
left blank or whole shows what is typed into it — it was formatted “0”, so Excel, WPS and
LibreOffice showed 12.35 as 12 and 0.35 as 0 while the reader took 12.35 (rev25d F6); an amount
given with decimals keeps them shown."""

from __future__ import annotations

import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from app import office
from app.reading import load_report
from app.report import Report
from app.schema import TABLES
from app.tablespec import Kind
from app.xlsx_write import write_xlsx
from tests.pdfmake import needs_soffice

SPEC = next(spec for spec in TABLES.values() if any(c.kind is Kind.AMOUNT for c in spec.cells))
AMOUNT = next(c for c in SPEC.cells if c.kind is Kind.AMOUNT)


def _amount_cell(path: Path) -> openpyxl.cell.cell.Cell:
    return next(c for ws in openpyxl.load_workbook(path).worksheets for row in ws.iter_rows() for c in row
                if c.column == 2 and ws.cell(c.row, 1).value == AMOUNT.row_label)


def _report(amount: Decimal | None) -> Report:
    r = Report(organ="某县某局", year=2023)
    r.tables[SPEC.key][(AMOUNT.row, AMOUNT.col)] = amount
    return r


@pytest.mark.parametrize(("amount", "shown"), [(None, "General"), (Decimal(0), "General"), (Decimal(3), "General"),
                                               (Decimal("96171.60"), "0.00"), (Decimal("0.5"), "0.0")])
def test_the_amount_cells_format(tmp_path: Path, amount: Decimal | None, shown: str) -> None:
    write_xlsx(_report(amount), tmp_path / "r.xlsx")
    assert _amount_cell(tmp_path / "r.xlsx").number_format == shown
    assert load_report(tmp_path / "r.xlsx").tables[SPEC.key][(AMOUNT.row, AMOUNT.col)] == amount


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="LibreOffice shows the sheet")
def test_an_amount_typed_into_the_exported_form_is_shown_as_typed(tmp_path: Path) -> None:
    typed = {"blank": 12.35, "zero": 0.35}
    for name, start in (("blank", None), ("zero", Decimal(0))):
        write_xlsx(_report(start), tmp_path / f"{name}.xlsx")
        wb = openpyxl.load_workbook(tmp_path / f"{name}.xlsx")
        cell = _amount_cell(tmp_path / f"{name}.xlsx")
        wb[cell.parent.title].cell(cell.row, cell.column).value = typed[name]  # typing keeps the cell's format
        wb.active = wb.sheetnames.index(cell.parent.title)
        wb.save(tmp_path / f"{name}.xlsx")
    subprocess.run([office.soffice() or "soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(tmp_path / "csv"),
                    *(str(tmp_path / f"{name}.xlsx") for name in typed)], check=True, timeout=240, capture_output=True)
    for name, value in typed.items():
        line = next(x for x in (tmp_path / "csv" / f"{name}.csv").read_text(encoding="utf-8").splitlines() if x.lstrip('"').startswith(AMOUNT.row_label))
        assert line.split(",")[1] == str(value), line  # as Excel, WPS and LibreOffice show it
        assert load_report(tmp_path / f"{name}.xlsx").tables[SPEC.key][(AMOUNT.row, AMOUNT.col)] == Decimal(str(value))


@pytest.mark.parametrize("amount", ["0.00", "100.00", "50.0", "12.000", "0.50", "96171.60", "3.10", "7"])
def test_an_amount_comes_back_with_the_decimals_it_shows(tmp_path: Path, amount: str) -> None:
    """100.00 is stored as 100 (openpyxl, and Excel for any whole number) and was read back “100”:
    the .docx's 表二 then said otherwise than the workbook showed (rev25d F4)."""
    write_xlsx(_report(Decimal(amount)), tmp_path / "r.xlsx")
    back = load_report(tmp_path / "r.xlsx").tables[SPEC.key][(AMOUNT.row, AMOUNT.col)]
    assert str(back) == amount


def test_a_count_formatted_with_decimals_is_still_a_count(tmp_path: Path) -> None:
    """A sheet formatted 0.00 throughout: its whole counts stay counts, no “件数必须是整数”."""
    r = _report(Decimal("100.00"))
    for c in SPEC.cells:
        if c.kind is Kind.COUNT:
            r.tables[SPEC.key][(c.row, c.col)] = 5
    write_xlsx(r, tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    ws = wb[_amount_cell(tmp_path / "r.xlsx").parent.title]
    for row in ws.iter_rows():
        for cell in row:
            if type(cell.value) is int:
                cell.number_format = "0.00"
    wb.save(tmp_path / "r.xlsx")
    back = load_report(tmp_path / "r.xlsx")
    assert all(back.tables[SPEC.key][(c.row, c.col)] == 5 for c in SPEC.cells if c.kind is Kind.COUNT)
    assert str(back.tables[SPEC.key][(AMOUNT.row, AMOUNT.col)]) == "100.00"
    assert not [f for f in back.import_findings if "整数" in f.message]
