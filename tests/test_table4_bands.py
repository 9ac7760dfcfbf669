"""表四 on a portrait page as bands one under another in ONE Word table (rev24a H2): 行政复议's
header and five figures, then 行政诉讼's header and ten.  Read as one grid, a grid column was
both “行政复议·X” and “未经复议直接起诉·X”: 复议's figures went under 诉讼's labels and 诉讼's own row
was never read.  The bands are set side by side, as two tables are (app/docx/halves.py).
Third-party .docx files built with python-docx."""

from __future__ import annotations

import copy
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.table import Table

from app.findings import ROW_REPEATED, ROW_UNPLACED
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


def _parts(path: Path, parts: list[list[str]], between: str | None, label_column: bool = False) -> Path:
    """表四 replaced by a table for each list of groups in ``parts`` (in that order: a part's
    groups side by side), ``between`` a line between the tables (None: nothing)."""
    d = docx.Document(str(path))
    (old,) = [t for t in d.tables if t.rows[0].cells[0].text == T4_REVIEW]
    n, at = len(T4_RESULTS), old._tbl
    for k, groups in enumerate(parts):
        if k and between is not None:
            p = d.add_paragraph(between)._p
            at.addnext(p)
            at = p
        lead = 1 if label_column else 0
        t = d.add_table(rows=0, cols=lead + n * len(groups))
        cells = t.add_row().cells
        for i, g in enumerate(groups):  # a part's groups, named as offices write them
            cells[lead + i * n].merge(cells[lead + i * n + n - 1]).text = g if g == T4_REVIEW else f"{T4_LITIGATION}（{g}）"
        results, figures = t.add_row().cells, t.add_row().cells
        if label_column:
            cells[0].text, figures[0].text = "项目", "件数"
        for i, g in enumerate(groups):
            for j, result in enumerate(T4_RESULTS):
                results[lead + i * n + j].text = result
                figures[lead + i * n + j].text = FIGURES[T4_COL[g, result]]
        at.addnext(t._tbl)
        at = t._tbl
    old._tbl.getparent().remove(old._tbl)
    d.save(str(path))
    return path


REVIEW, DIRECT, AFTER = T4_GROUPS


@pytest.mark.parametrize(("parts", "between", "label_column"), [
    ([[REVIEW], [DIRECT], [AFTER]], "", False),
    ([[REVIEW], [DIRECT], [AFTER]], None, True),
    ([[REVIEW], [DIRECT, AFTER]], "（续表）", False),
    ([[REVIEW], [DIRECT, AFTER]], "行政诉讼情况如下：", False),
    ([[DIRECT, AFTER], [REVIEW]], None, False),  # floating tables stored in the other order
], ids=["three-tables", "three-labelled", "continued", "a-line-between", "litigation-first"])
def test_table4_in_parts_reads_each_figure_in_its_column(tmp_path: Path, parts: list[list[str]], between: str | None,
                                                         label_column: bool) -> None:
    path = _parts(build(Spec(t4={c: "0" for c in FIGURES}), tmp_path / "t4.docx"), parts, between, label_column)
    report = load_report(path)
    assert {c: str(report.tables[REVIEWS][(T4_ROW, c)]) for c in FIGURES} == FIGURES
    said = [f.message for f in report.import_findings if f.location.section == REVIEWS]
    assert not [m for m in said if "没有" in m or "未导入" in m], said


def test_a_table4_part_alone_says_its_figures(tmp_path: Path) -> None:
    """Only 行政复议's part (诉讼's left out): no row as wide as 表四 — its five figures are said as
    not read, not left for BLANK-CELL to call blank."""
    report = load_report(_parts(build(Spec(t4={c: "0" for c in FIGURES}), tmp_path / "t4.docx"), [[REVIEW]], None))
    said = [f.message for f in report.import_findings if f.declared is ROW_UNPLACED]
    assert len(said) == 1 and "、".join(FIGURES[T4_COL[REVIEW, r]] for r in T4_RESULTS) in said[0], said


def test_an_empty_spacer_row_under_the_header_is_not_the_figures(tmp_path: Path) -> None:
    """A row of empty cells between 表四's header and its figures (rev24a H8) was read as the data
    row, the figures never looked at."""
    path = build(Spec(t4=FIGURES), tmp_path / "t4.docx")
    d = docx.Document(str(path))
    (t4,) = [t for t in d.tables if t.rows[0].cells[0].text == T4_REVIEW]
    spacer = copy.deepcopy(t4.rows[-1]._tr)
    for t in spacer.iter(qn("w:t")):
        t.text = ""
    t4.rows[-1]._tr.addprevious(spacer)
    d.save(str(path))
    report = load_report(path)
    assert {c: str(report.tables[REVIEWS][(T4_ROW, c)]) for c in FIGURES} == FIGURES


def test_a_table_of_cases_naming_the_groups_is_no_table4(tmp_path: Path) -> None:
    """A list of litigation cases in 四 (序号｜案由｜类型｜件数, its rows naming 未经复议直接起诉 and
    复议后起诉, rev24a M10) was a second 表四: its words gone, nonsense label notes.  No result named:
    it is 四's text, said as such, and 表四 reads as before."""
    path = build(Spec(t4=FIGURES), tmp_path / "t4.docx")
    d = docx.Document(str(path))
    (t4,) = [t for t in d.tables if t.rows[0].cells[0].text == T4_REVIEW]
    cases = d.add_table(rows=3, cols=4)
    for row, texts in zip(cases.rows, (["序号", "案由", "类型", "件数"], ["1", "某信息公开案", DIRECT, "9"],
                                       ["2", "某信息公开案", AFTER, "8"]), strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    t4._tbl.addnext(cases._tbl)
    d.save(str(path))
    report = load_report(path)
    assert {c: str(report.tables[REVIEWS][(T4_ROW, c)]) for c in FIGURES} == FIGURES
    assert "某信息公开案" in report.section_text(REVIEWS)
    assert not [f.message for f in report.import_findings if "法定标签" in f.message]
