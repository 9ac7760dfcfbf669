"""表四 on a portrait page as bands one under another in ONE Word table (rev24a H2): 行政复议's
header and five figures, then 行政诉讼's header and ten.  Read as one grid, a grid column was
both “行政复议·X” and “未经复议直接起诉·X”: 复议's figures went under 诉讼's labels and 诉讼's own row
was never read.  The bands are set side by side, as two tables are (app/docx/halves.py).
Third-party .docx files built with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.table import Table

from app.findings import ROW_REPEATED
from app.reading import load_report
from app.schema import REVIEWS, T4_COL, T4_GROUPS, T4_LITIGATION, T4_RESULTS, T4_REVIEW, T4_ROW, TABLE4
from tests.thirdparty import Spec, build

FIGURES = {c: str(c * 3 % 11 + 1) for c in range(TABLE4.n_cols)}  # no two neighbours alike


def _row(table: Table, texts: list[str], span: int) -> None:
    cells = table.add_row().cells
    for i, text in enumerate(texts):
        cells[i * span].merge(cells[i * span + span - 1]).text = text


def _figures(group: str) -> list[str]:
    return [FIGURES[T4_COL[group, result]] for result in T4_RESULTS]


def _banded(path: Path, bands: str, twice: bool = False) -> Path:
    """表四 replaced by one table of ``bands``: “2” (复议 over 诉讼, 10 columns), “2-no-litigation”
    (the same without the 行政诉讼 row), “3” (a band a group, 5 columns); ``twice``: the whole
    表四 given again under the first copy, in the same table."""
    d = docx.Document(str(path))
    (old,) = [t for t in d.tables if t.rows[0].cells[0].text == T4_REVIEW]
    n = len(T4_RESULTS)
    t = d.add_table(rows=0, cols=2 * n if bands.startswith("2") else n)
    for _ in range(2 if twice else 1):
        if bands.startswith("2"):
            _row(t, [T4_REVIEW], 2 * n)
            _row(t, list(T4_RESULTS), 2)
            _row(t, _figures(T4_GROUPS[0]), 2)
            if bands == "2":
                _row(t, [T4_LITIGATION], 2 * n)
            _row(t, list(T4_GROUPS[1:]), n)
            _row(t, [*T4_RESULTS, *T4_RESULTS], 1)
            _row(t, [*_figures(T4_GROUPS[1]), *_figures(T4_GROUPS[2])], 1)
        else:
            for group in T4_GROUPS:
                _row(t, [group], n)
                _row(t, list(T4_RESULTS), 1)
                _row(t, _figures(group), 1)
    old._tbl.addnext(t._tbl)
    old._tbl.getparent().remove(old._tbl)
    d.save(str(path))
    return path


@pytest.mark.parametrize("bands", ["2", "2-no-litigation", "3"])
def test_table4_in_bands_in_one_table_reads_each_figure_in_its_column(tmp_path: Path, bands: str) -> None:
    path = _banded(build(Spec(t4={c: "0" for c in FIGURES}), tmp_path / "t4.docx"), bands)
    report = load_report(path)
    assert {c: str(report.tables[REVIEWS][(T4_ROW, c)]) for c in FIGURES} == FIGURES
    assert not [f.message for f in report.import_findings if f.location.section == REVIEWS]


def test_table4_given_twice_in_one_table_reads_the_first_and_says_the_second(tmp_path: Path) -> None:
    """A band naming a group again begins a copy: the first copy's bands side by side are read,
    the second's figures said as a repeated row, never put in the first's columns."""
    path = _banded(build(Spec(t4={c: "0" for c in FIGURES}), tmp_path / "t4.docx"), "2", twice=True)
    report = load_report(path)
    assert {c: str(report.tables[REVIEWS][(T4_ROW, c)]) for c in FIGURES} == FIGURES
    said = [f for f in report.import_findings if f.location.section == REVIEWS]
    assert [f.declared for f in said] == [ROW_REPEATED], [f.message for f in said]
