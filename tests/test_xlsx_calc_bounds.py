"""What a workbook's formulas may cost (review14 H1, M1): the ranges are cut to the cells the
sheet has written (past them all is blank: the sums stay exact), no cell is made by looking at
it, all formulas of a workbook share one budget of cells looked at and of time, and a chain of
formulas deeper than MAX_DEPTH is not computed.  A formula cut short is never a figure: read as
stored and said (xlsx-cached), or without a stored result refused with the reason, as any
formula the program does not compute — and so is every formula that reads it."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from app import xlsxcalc
from app.checks import run_all
from app.findings import VALUE_XLSX_CACHED
from app.reading import load_report
from app.schema import T3_CARRIED_IN, T3_COL_TOTAL, Kind
from app.values import parse
from app.xlsx_write import write_xlsx
from app.xlsxcalc import MAX_DEPTH, Budget
from app.xlsxvalues import Values
from tests.test_xlsx_formulas import ROW_FIGURES, _address, _report, _with_cells

TOTAL = (T3_CARRIED_IN, T3_COL_TOTAL)


def _sheet(tmp_path: Path, cells: dict[str, object]) -> tuple[Worksheet, Worksheet]:
    """A workbook of ``cells`` as openpyxl saves it (no results stored), read back both ways."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for ref, value in cells.items():
        ws[ref] = value
    path = tmp_path / "f.xlsx"
    wb.save(path)
    formulas, cached = openpyxl.load_workbook(path).active, openpyxl.load_workbook(path, data_only=True).active
    assert formulas is not None and cached is not None
    return formulas, cached


def _values(ws: Worksheet, cached: Worksheet, budget: Budget) -> Values:
    rows = max(r for r, _ in ws._cells)
    cols = max(c for _, c in ws._cells)
    return Values(ws, {k: c.value for k, c in cached._cells.items()}, rows, cols, budget=budget)


def test_ranges_past_the_written_cells_are_neither_walked_nor_made(tmp_path: Path) -> None:
    """review14's 14 KB workbook summed 200,000 far-off cells per formula (156 s, 1 GB): they
    are blank, so the sum is the row's, and only the row's 6 cells are looked at."""
    row = {f"{c}5": n for c, n in zip("DEFGHI", range(1, 7), strict=True)}
    ws, cached = _sheet(tmp_path, {**row, "J5": "=SUM(AA2000:DV2999,AA3000:DV3999)+SUM(D5:I5)+Z99999"})
    made = len(ws._cells), len(cached._cells)
    budget = Budget()
    values = _values(ws, cached, budget)
    assert values.get(5, 10) == 21
    assert budget.visited == 7  # D5:I5 and Z99999
    assert (len(ws._cells), len(cached._cells)) == made


def _block(formulas: int) -> dict[str, object]:
    """A 100 × 30 block of 1s and ``formulas`` cells in AE, each summing the whole block."""
    cells: dict[str, object] = {f"{openpyxl.utils.get_column_letter(c)}{r}": 1
                                for r in range(1, 101) for c in range(1, 31)}
    cells.update({f"AE{r}": "=SUM(A1:AD100)" for r in range(1, formulas + 1)})
    return cells


def test_all_formulas_share_one_budget_and_a_formula_past_it_is_no_figure(tmp_path: Path) -> None:
    ws, cached = _sheet(tmp_path, {**_block(10), "AF1": "=AE10+1", "AF2": "=2+3"})
    budget = Budget(cells=3 * 3000 + 500)
    values = _values(ws, cached, budget)
    read = [values.get(r, 31) for r in range(1, 11)]
    assert read[:3] == [3000] * 3
    assert read[3:] == ["=SUM(A1:AD100)"] * 7  # without a stored result: the text, which the reader refuses
    assert budget.visited <= 3 * 3000 + 500
    assert values.get(1, 32) == "=AE10+1"  # reads a formula cut short: cut short too
    assert values.get(2, 32) == 5  # a formula that looks at no cell costs nothing


def test_the_time_is_checked_as_the_cells_are_walked(tmp_path: Path) -> None:
    """The clock is read every 4,096 cells: out of time, the second range of 3,000 is not walked."""
    ws, cached = _sheet(tmp_path, _block(2))
    budget = Budget(cells=10**9, seconds=0)
    values = _values(ws, cached, budget)
    assert [values.get(1, 31), values.get(2, 31)] == [3000, "=SUM(A1:AD100)"]
    assert budget.visited == 3000


def test_a_workbook_past_the_budget_reads_the_stored_result_and_says_so(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The budget is the workbook's, not a range's: the row's 6 cells are past a budget of 5."""
    cells = {TOTAL: '<c r="{A1}"><f>SUM({row})</f><v>183</v></c>'}
    monkeypatch.setattr(xlsxcalc, "CELLS_VISITED", 5)
    report = load_report(_with_cells(tmp_path, cells, recalculated=True))
    assert report.tables["三"][TOTAL] == 183
    [finding] = [f for f in run_all(report) if f.code == "VALUE-INVALID" and f.kind == VALUE_XLSX_CACHED.kind]
    assert "本程序不计算" in finding.message
    monkeypatch.undo()  # the control: the budget of every workbook, computed, no word
    report = load_report(_with_cells(tmp_path, cells, recalculated=True))
    assert not [f for f in run_all(report) if f.code == "VALUE-INVALID"]


def _chained(tmp_path: Path, links: int) -> Path:
    """Our export with 表三's first 总计 read through a chain of ``links`` formulas (AZ1 = AZ2+0 …,
    the last the row's SUM), saved by openpyxl: no results stored, as a generator writes it."""
    src = tmp_path / "src.xlsx"
    write_xlsx(_report(), src)
    a1 = _address(src, TOTAL)
    wb = openpyxl.load_workbook(src)
    ws = wb["表三"]
    ws[f"AZ{links}"] = ws[a1].value
    for i in range(1, links):
        ws[f"AZ{i}"] = f"=AZ{i + 1}+0"
    ws[a1] = "=AZ1+0"
    out = tmp_path / f"chain{links}.xlsx"
    wb.save(out)
    return out


def test_a_chain_of_formulas_is_computed_to_its_end(tmp_path: Path) -> None:
    """12 links: once read as 0 (the 9th link's stored result, none), now the row's sum."""
    report = load_report(_chained(tmp_path, 12))
    assert report.tables["三"][TOTAL] == sum(ROW_FIGURES)
    assert not [f for f in run_all(report) if f.code == "T3-ROW-TOTAL"]


def test_a_chain_deeper_than_the_limit_is_refused_not_read_as_a_figure(tmp_path: Path) -> None:
    report = load_report(_chained(tmp_path, MAX_DEPTH + 8))
    assert report.tables["三"][TOTAL] is None
    assert [f for f in run_all(report) if f.code == "VALUE-INVALID" and "“=AZ1+0”是公式，没有保存计算结果" in f.message]


def test_a_chain_cut_short_is_never_left_out_of_a_sum(tmp_path: Path) -> None:
    """A SUM over a formula cut short is not computed, as over one not computed: never the rest."""
    chain = {f"A{i}": f"=A{i + 1}+0" for i in range(1, MAX_DEPTH + 5)}
    ws, cached = _sheet(tmp_path, {**chain, f"A{MAX_DEPTH + 5}": 7, "B1": 5, "C1": "=SUM(A1:B1)"})
    values = _values(ws, cached, Budget())
    assert values.get(1, 3) == "=SUM(A1:B1)"
    assert values.get(MAX_DEPTH + 1, 1) == 7  # past the cut, read nearer its end: computed


def test_a_long_formula_without_a_result_is_said_to_be_a_formula() -> None:
    """Once “不是有效数字，位数过多” for the digits of its cell names: it is a formula, said so."""
    formula = "=SUM(" + ",".join(["A1000:KN3300"] * 8) + ")"
    parsed = parse(formula, Kind.COUNT)
    assert not parsed.ok
    assert parsed.problem.startswith(f"“{formula[:60]}…”是公式，没有保存计算结果"), parsed.problem
