"""Findings about the file as opened follow the edit: the 2019 layout's notes go the moment the
cells they ask for are filled (and add up); the others say they are about the opened file."""

from __future__ import annotations

from pathlib import Path

from app.checks import run_all
from app.findings import DUP_BODY, HEADING_EDITED, LABEL_EDITED, OLD_FORMAT, REGISTRY, ROW_UNPLACED, Finding
from app.reading import load_report
from app.report import Report
from app.schema import T3_OTHER_ROWS, TABLE2, CellRef
from tests.thirdparty import Spec, build


def old_format(report: Report) -> list[Finding]:
    return [f for f in run_all(report) if f.code == OLD_FORMAT.code]


def test_the_old_one_row_goes_once_its_rows_add_up(tmp_path: Path) -> None:
    r = load_report(build(Spec(old_2019_other="5"), tmp_path / "old.docx"))
    (f,) = old_format(r)
    assert set(f.location.cells) == {CellRef("三", row, 0) for row in T3_OTHER_ROWS}  # clicking shows them
    first, second, third = T3_OTHER_ROWS
    r.set_value(CellRef("三", first, 0), 2)
    r.set_value(CellRef("三", second, 0), 3)
    assert len(old_format(r)) == 1  # one row still blank
    r.set_value(CellRef("三", third, 0), 1)
    assert len(old_format(r)) == 1  # 6, not the 5 the file said
    r.set_value(CellRef("三", third, 0), 0)
    assert old_format(r) == []  # gone at once, before any save


def test_filling_zeros_everywhere_does_not_resolve_it(tmp_path: Path) -> None:
    r = load_report(build(Spec(old_2019_other="5"), tmp_path / "old.docx"))
    (blank,) = [f for f in run_all(r) if f.code == "BLANK-CELL" and f.location.section == "三"]
    assert blank.fix is not None
    for ref, value in blank.fix.edits:
        r.set_value(ref, value)
    assert len(old_format(r)) == 1


def test_the_old_table2_goes_once_refilled(tmp_path: Path) -> None:
    r = load_report(build(Spec(relabel={"本年制发件数": "本年新制作数量"}), tmp_path / "old2.docx"))
    (f,) = old_format(r)
    assert f.location.section == "二" and f.location.cells
    refill = f.location.cells
    for ref in refill[:-1]:
        r.set_value(ref, 0)
    assert len(old_format(r)) == 1
    r.set_value(refill[-1], 0)
    assert old_format(r) == []
    assert {(c.row, c.col) for c in refill} < {(c.row, c.col) for c in TABLE2.cells}


def test_findings_the_editor_cannot_see_say_they_are_about_the_opened_file() -> None:
    """Labels, headings and a doubled body are not in the editor's model (it shows and writes
    the statutory form, and one copy): they are declared as about the opened file."""
    for d in (DUP_BODY, HEADING_EDITED, LABEL_EDITED, ROW_UNPLACED, OLD_FORMAT):
        assert d.opened_file
    live = [d for d in REGISTRY.values() if not d.opened_file]
    assert {d.code for d in live} >= {"T3-ROW-TOTAL", "TEXT-TABLE-MISMATCH", "DUP-PHRASE", "BLANK-CELL"}
