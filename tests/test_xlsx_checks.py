"""The workbook's 勾稽关系核对, as a spreadsheet computes it: 不符 exactly where the program finds
an arithmetic error, 空白 where a relation has no figure at all (a blank row's total shows "",
and "" = 0 is false in Excel, WPS and LibreOffice: the real sample once showed 25 不符 with its
arithmetic right)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from app.checks import run_all
from app.office import convert
from app.reading import load_report
from app.report import Report
from app.schema import T3_COL_NATURAL, T3_COL_TOTAL, T3_DISCLOSED, T3_NEW, T4_GROUP_TOTALS, TABLE3, TABLES
from app.xlsx_write import BLANK, DIFFERENT, SAME, write_xlsx

pytestmark = [pytest.mark.libreoffice,
              pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice not installed")]


def _checks(report: Report, tmp: Path) -> dict[str, list[str]]:
    """Each sheet's check cells in order, after LibreOffice computed and saved the workbook."""
    write_xlsx(report, tmp / "r.xlsx")
    out = convert(tmp / "r.xlsx", "xlsx", tmp / "lo")
    assert out is not None
    wb = openpyxl.load_workbook(out, data_only=True)
    return {key: [c.value for row in wb[f"表{key}"].iter_rows() for c in row if c.value in (SAME, DIFFERENT, BLANK)]
            for key in TABLES}


def _errors(report: Report) -> dict[str, int]:
    found = [f for f in run_all(report) if f.code.startswith(("T3-", "T4-"))]
    return {key: sum(1 for f in found if f.location.section == key) for key in TABLES}


def test_blank_rows_are_blank_not_wrong(sample: Path, tmp_path: Path) -> None:
    report = load_report(sample)
    assert _errors(report) == {key: 0 for key in TABLES}
    checks = _checks(report, tmp_path)
    for key, spec in TABLES.items():
        assert len(checks[key]) == len(spec.sum_rules) + len(spec.balance_rules)
        assert DIFFERENT not in checks[key], key
    assert checks["三"].count(BLANK) >= 20 and checks["四"] == [BLANK] * 3  # the sample leaves them blank
    assert SAME in checks["三"]


def test_a_wrong_or_missing_total_is_still_wrong(tmp_path: Path) -> None:
    report = Report(organ="某区某局", year=2024)
    grid, t4 = report.tables["三"], report.tables["四"]
    grid[(T3_NEW, T3_COL_NATURAL)] = 3
    grid[(T3_NEW, T3_COL_TOTAL)] = 5  # stated wrong: the row gives 3
    grid[(T3_DISCLOSED, T3_COL_NATURAL)] = 2  # its row total left blank, as a file may: wrong
    first_total = T4_GROUP_TOTALS[0]
    t4[first_total] = 0  # a stated 0 over blank parts agrees, as the program judges it
    checks = _checks(report, tmp_path)
    errors = _errors(report)
    assert checks["三"].count(DIFFERENT) == errors["三"] > 0
    sums = [r.target for r in TABLE3.sum_rules]
    assert checks["三"][sums.index((T3_NEW, T3_COL_TOTAL))] == DIFFERENT
    assert checks["三"][sums.index((T3_DISCLOSED, T3_COL_TOTAL))] == DIFFERENT
    assert errors["四"] == 0 and checks["四"] == [SAME, BLANK, BLANK]


def _formula_cells(path: Path) -> dict[tuple[str, str], object]:
    """Every formula cell's stored result (what Excel's 受保护的视图, a preview or pandas shows)."""
    formulas = openpyxl.load_workbook(path)
    stored = openpyxl.load_workbook(path, data_only=True)
    return {(ws.title, c.coordinate): stored[ws.title][c.coordinate].value
            for ws in formulas for row in ws.iter_rows() for c in row if c.data_type == "f"}


def test_formulas_are_stored_with_their_results(sample: Path, tmp_path: Path) -> None:
    """openpyxl stores no result: Excel's 受保护的视图 (a workbook from e-mail or an OA download)
    does not calculate and showed every 总计 and check blank.  The results stored are those
    LibreOffice computes, cell for cell; the figures read back are the report's."""
    wrong = Report(organ="某区某局", year=2024)
    wrong.tables["三"][(T3_NEW, T3_COL_NATURAL)] = 3
    wrong.tables["三"][(T3_NEW, T3_COL_TOTAL)] = 5
    for name, report in (("sample", load_report(sample)), ("wrong", wrong)):
        path = tmp_path / f"{name}.xlsx"
        write_xlsx(report, path)
        ours = _formula_cells(path)
        checks = [v for v in ours.values() if v in (SAME, DIFFERENT, BLANK)]
        assert len(checks) == sum(len(s.sum_rules) + len(s.balance_rules) for s in TABLES.values()), name
        assert name == "wrong" or sum(isinstance(v, int) for v in ours.values()) >= 3  # totals with figures
        computed = convert(path, "xlsx", tmp_path / f"lo-{name}")
        assert computed is not None
        theirs = _formula_cells(computed)
        assert theirs == ours, name
        back = load_report(path)
        assert back.tables == report.tables and not back.import_findings, name
