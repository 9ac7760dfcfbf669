"""A sheet whose autofilter is the bomb: openpyxl builds objects for every filtered column and
every value chosen, twice (the reader loads a workbook twice): 100,000 columns of one value (a
277 KB workbook) were read after 13 s and 207 MB.  Counted before openpyxl opens the workbook
(app/xlsxlimits.py): a column each at most (Excel has 16,384), no more values than a register's
rows; refused in one Chinese line.  A sheet filtered on a few columns reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reading import load_report
from tests.hostile import run_one
from tests.hostile_web import autofilter, workbook_with


@pytest.mark.parametrize(("columns", "values", "words"), [
    (100_000, 1, "超过16384个筛选列（Excel 只有16384列）"),
    (1, 300_000, "超过100000个筛选值"),
], ids=["columns", "values"])
def test_an_autofilter_of_too_many_columns_or_values_is_refused_at_once(
        tmp_path: Path, columns: int, values: int, words: str) -> None:
    path = tmp_path / "筛选.xlsx"
    path.write_bytes(workbook_with(sheet=autofilter(columns, values)))
    outcome = run_one(path, timeout=20)
    assert outcome.result == "refused", outcome  # old code: read after 13 s (load 5)
    assert outcome.seconds < 8 and outcome.peak_mb < 200, outcome
    assert str(path) in outcome.message and "\n" not in outcome.message and words in outcome.message, outcome.message


def test_a_sheet_filtered_on_a_few_columns_reads(tmp_path: Path) -> None:
    path = tmp_path / "筛选.xlsx"
    path.write_bytes(workbook_with(sheet=autofilter(8, 50)))
    assert load_report(path).organ
