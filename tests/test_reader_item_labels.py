"""表三's item rows written without their “1.”/“2.” (a house style), or with the number typed in a
cell of its own (“1.” | “属于国家秘密”), rev24a M4: every row is read.  “其他” (3.其他) is also a
column's name: its row was taken for a header row and its seven figures lost, while the reader
said the file had no such row.  Third-party .docx files built with python-docx."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import docx.table
from docx.oxml import OxmlElement

from app.findings import LABEL_EDITED
from app.reading import load_report
from app.report import Report
from app.schema import REQUESTS, T3_COLS, T3_ROW_PATHS
from tests.thirdparty import Spec, build

FIGURES = {(r, c): str((r * 5 + c * 3) % 11 + 1) for r in range(len(T3_ROW_PATHS)) for c in range(len(T3_COLS))}
ITEMS = {p[-1] for p in T3_ROW_PATHS if re.match(r"\d+\.", p[-1])}


def _as_file(report: Report) -> dict[tuple[int, int], str]:
    return {pos: str(report.tables[REQUESTS][pos]) for pos in FIGURES}


def test_items_without_their_numbers_are_all_read(tmp_path: Path) -> None:
    spec = Spec(t3=FIGURES, relabel={item: item.split(".", 1)[1] for item in ITEMS})
    r = load_report(build(spec, tmp_path / "unnumbered.docx"))
    assert _as_file(r) == FIGURES
    said = [f for f in r.import_findings if f.location.section == REQUESTS]
    # Each a label edited (its number left out), nothing “missing” or “not placed”.
    assert {f.declared for f in said} == {LABEL_EDITED} and len(said) == len(ITEMS), [f.message for f in said]


def test_item_numbers_in_a_cell_of_their_own_are_read_with_their_items(tmp_path: Path) -> None:
    path = build(Spec(t3=FIGURES), tmp_path / "numbers.docx")
    d = docx.Document(str(path))
    (t3,) = [t for t in d.tables if len(t.columns) == 3 + len(T3_COLS)]
    moved = 0
    for row in t3.rows:
        item = re.match(r"(\d+\.)(.+)", row.cells[2].text)
        if item:  # the group's name (its row's second cell) gives way to the item's number
            row.cells[1].text, row.cells[2].text = item.group(1), item.group(2)
            moved += 1
    assert moved == len(ITEMS)
    d.save(str(path))
    r = load_report(path)
    assert _as_file(r) == FIGURES
    assert not [f.message for f in r.import_findings if f.location.section == REQUESTS]


def test_a_row_of_figures_is_never_a_header_row(tmp_path: Path) -> None:
    """“其他” and “总计” are column names too; under them a row of figures is data."""
    other = next(p[-1] for p in T3_ROW_PATHS if p[-1].endswith(T3_COLS[-2]))  # 3.其他
    r = load_report(build(Spec(t3=FIGURES, relabel={other: T3_COLS[-2]}), tmp_path / "other.docx"))
    assert _as_file(r) == FIGURES
    said = [f.message for f in r.import_findings if f.location.section == REQUESTS]
    assert len(said) == 1 and f"“{other}”" in said[0], said


def test_a_serial_number_column_is_no_part_of_the_labels(tmp_path: Path) -> None:
    """A 序号 column (1…25) before the labels (rev24a M9): “1” | “一、本年新收…” is not the label
    “1.一、本年新收…”; no label is said to be edited."""
    path = build(Spec(t3=FIGURES), tmp_path / "serial.docx")
    d = docx.Document(str(path))
    (t3,) = [t for t in d.tables if len(t.columns) == 3 + len(T3_COLS)]
    t3._tbl.tblGrid.insert(0, OxmlElement("w:gridCol"))
    serial = 0
    for k, tr in enumerate(t3._tbl.tr_lst):
        header = k < len(t3.rows) - len(T3_ROW_PATHS)
        serial += not header
        tc = OxmlElement("w:tc")
        tr.tc_lst[0].addprevious(tc)
        docx.table._Cell(tc, t3).text = "序号" if k == 0 else "" if header else str(serial)
    d.save(str(path))
    r = load_report(path)
    assert _as_file(r) == FIGURES
    assert not [f.message for f in r.import_findings if f.location.section == REQUESTS]
