"""A reader's finding about table cells points at those cells (table, row, column), so the
editor's click selects them: list numbers and note marks left out of a .docx figure, a number
format showing another figure, a note mark or a cell Excel does not show in a workbook, text a
web page's CSS adds or reverses, a note mark in a web page.  Before, each pointed at 基本信息.

Findings the readers make about a whole file stay there: tracked changes (REVISIONS), stray
bytes (STRAY-BYTES), hidden sheets, rows and columns; figures in symbol fonts and a PDF's note
marks are not yet traced to their cells."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from app.findings import (
    HIDDEN_CELLS,
    RESTYLED,
    VALUE_LIST_NUMBER,
    VALUE_NOTE_MARK,
    VALUE_XLSX_FORMAT,
    Declared,
    Finding,
)
from app.reading import load_report
from app.report import Report
from app.schema import REQUESTS, T3_CARRIED_IN, T3_COL_NATURAL, T3_NEW, TABLES, CellRef
from tests.test_docx_list_numbers import _numbered
from tests.test_webcopy import page
from tests.test_xlsx_formats import _workbook
from tests.thirdparty import Spec, figure_as


def _one(report: Report, declared: Declared) -> Finding:
    found = [f for f in report.import_findings if (f.code, f.kind) == (declared.code, declared.kind)]
    assert len(found) == 1, [f.message for f in report.import_findings]
    return found[0]


def _cells(finding: Finding) -> set[CellRef]:
    assert finding.location.cells, f"points at {finding.location.describe()}, not at a cell"
    assert finding.location.span is None and finding.location.section == finding.location.cells[0].table
    return set(finding.location.cells)


def test_list_numbers_left_out_of_docx_figures_point_at_their_cells(tmp_path: Path) -> None:
    carried = [str(28 + c) for c in range(6)]
    spec = Spec(t3={**{(T3_NEW, c): str(40 + c) for c in range(6)}, **{(T3_CARRIED_IN, c): v for c, v in enumerate(carried)}})
    report = _numbered(tmp_path, spec, carried, "%1", "tab")
    assert _cells(_one(report, VALUE_LIST_NUMBER)) == {CellRef(REQUESTS, T3_CARRIED_IN, c) for c in range(6)}


def test_a_note_mark_in_a_docx_cell_points_at_it(tmp_path: Path) -> None:
    runs = '<w:r><w:t>37</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>1</w:t></w:r>'
    report = load_report(figure_as(tmp_path, runs))
    assert _cells(_one(report, VALUE_NOTE_MARK)) == {CellRef(REQUESTS, T3_NEW, 0)}


def test_a_workbook_format_showing_another_figure_points_at_the_cell(tmp_path: Path) -> None:
    path, _ = _workbook(tmp_path, "三", (T3_NEW, T3_COL_NATURAL), 2106, "0,")
    finding = _one(load_report(path), VALUE_XLSX_FORMAT)
    assert _cells(finding) == {CellRef("三", T3_NEW, T3_COL_NATURAL)}
    assert finding.location.describe() == TABLES["三"].describe(T3_NEW, T3_COL_NATURAL), "check names the cell"


def test_a_workbook_cell_excel_does_not_show_points_at_it(tmp_path: Path) -> None:
    path, _ = _workbook(tmp_path, "三", (T3_NEW, T3_COL_NATURAL), 99, ";;;")
    assert _cells(_one(load_report(path), HIDDEN_CELLS)) == {CellRef("三", T3_NEW, T3_COL_NATURAL)}


def test_a_superscript_run_in_a_workbook_cell_points_at_it(tmp_path: Path) -> None:
    path, address = _workbook(tmp_path, "三", (T3_NEW, T3_COL_NATURAL), 37, "General")
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    wb = openpyxl.load_workbook(path)
    wb["表三"][address].value = CellRichText("37", TextBlock(InlineFont(vertAlign="superscript"), "1"))
    wb.save(path)
    report = load_report(path)
    assert report.tables["三"][(T3_NEW, T3_COL_NATURAL)] == 37
    assert _cells(_one(report, VALUE_NOTE_MARK)) == {CellRef("三", T3_NEW, T3_COL_NATURAL)}


def _web(tmp_path: Path, cell: str, css: str) -> Report:
    html = page({(T3_NEW, T3_COL_NATURAL): "CELL"}).replace(">CELL<", f">{cell}<", 1)
    path = tmp_path / "page.html"
    path.write_text(html.replace("</head>", f"<style>{css}</style></head>", 1), encoding="utf-8")
    return load_report(path)


def test_text_a_web_pages_css_adds_points_at_the_cell(tmp_path: Path) -> None:
    report = _web(tmp_path, '<span class="x">2106</span>', '.x::after { content: "0" }')
    assert _cells(_one(report, RESTYLED)) == {CellRef("三", T3_NEW, T3_COL_NATURAL)}


def test_a_note_mark_in_a_web_page_points_at_the_cell(tmp_path: Path) -> None:
    report = _web(tmp_path, "37<sup>1</sup>", "")
    assert report.tables["三"][(T3_NEW, T3_COL_NATURAL)] == 37
    assert _cells(_one(report, VALUE_NOTE_MARK)) == {CellRef("三", T3_NEW, T3_COL_NATURAL)}
