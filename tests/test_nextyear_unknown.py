"""从上年报告新建 from a report that left 表二's 现行有效件数 (or 表三's 结转下年度继续办理) blank: the
new report's cells that would carry them are blank with nothing to carry.  Each such table has
a finding of its own pointing at those cells (CROSS-YEAR-IN-FORCE / CROSS-YEAR-CARRYOVER
unknown), kept across a save; BLANK-CELL's 空白处填0 leaves them (0 documents in force is a
figure nobody stated).  Before, only the status bar's message said it, and it was gone."""

from __future__ import annotations

from pathlib import Path

from app.checks import run_all
from app.docx.writer import write_docx
from app.findings import BLANK_CELL, CARRYOVER_UNKNOWN, IN_FORCE_UNKNOWN, Finding
from app.nextyear import next_year
from app.reading import load_report
from app.report import Report
from app.schema import (
    PROACTIVE,
    REQUESTS,
    T2_IN_FORCE,
    T2_IN_FORCE_ROWS,
    T2_ROW,
    T3_CARRIED_IN,
    T3_CARRIED_OUT,
    T3_COLS,
    TABLE3,
    CellRef,
)

DATA = Path(__file__).parent / "data"


def _renewed(tmp_path: Path, blank_in_force: tuple[str, ...], blank_out: tuple[int, ...]) -> Report:
    """Last year's real report with those cells blanked, saved and read back; next year's made
    from it, saved and read back (the attached last year from its .docx)."""
    last = load_report(DATA / "xiaogang-2021.docx")
    for c in range(TABLE3.n_cols):  # (the sample leaves some blank)
        last.set_value(CellRef(REQUESTS, T3_CARRIED_OUT, c), 0)
    for label in T2_IN_FORCE_ROWS:
        last.set_value(CellRef(PROACTIVE, T2_ROW[label], T2_IN_FORCE), 30)
    for label in blank_in_force:
        last.set_value(CellRef(PROACTIVE, T2_ROW[label], T2_IN_FORCE), None)
    for c in blank_out:
        last.set_value(CellRef(REQUESTS, T3_CARRIED_OUT, c), None)
    write_docx(last, tmp_path / "上年.docx")
    new = next_year(load_report(tmp_path / "上年.docx"), "上年.docx")
    write_docx(new, tmp_path / "本年.docx")
    return load_report(tmp_path / "本年.docx")


def _of(found: list[Finding], declared: object) -> list[Finding]:
    return [f for f in found if (f.code, f.kind) == (declared.code, declared.kind)]  # type: ignore[attr-defined]


def test_blank_in_force_carried_has_its_own_finding(tmp_path: Path) -> None:
    first = T2_IN_FORCE_ROWS[0]
    new = _renewed(tmp_path, (first,), ())
    found = run_all(new)
    own = _of(found, IN_FORCE_UNKNOWN)
    ref = CellRef(PROACTIVE, T2_ROW[first], T2_IN_FORCE)
    assert len(own) == 1 and own[0].location.section == PROACTIVE and own[0].location.cells == (ref,)
    assert f"“{first}”" in own[0].message and own[0].fix is None
    # The other row carried last year's figure: not said.
    assert f"“{T2_IN_FORCE_ROWS[1]}”" not in own[0].message
    blank = [f for f in found if f.code == BLANK_CELL.code and f.location.section == PROACTIVE]
    assert blank and all(ref not in f.location.cells for f in blank)
    assert all(ref not in [r for r, _ in f.fix.edits] for f in blank if f.fix is not None)
    assert not _of(found, CARRYOVER_UNKNOWN)


def test_filling_the_cell_takes_the_finding_away(tmp_path: Path) -> None:
    new = _renewed(tmp_path, T2_IN_FORCE_ROWS, ())
    own = _of(run_all(new), IN_FORCE_UNKNOWN)
    assert [len(f.location.cells) for f in own] == [len(T2_IN_FORCE_ROWS)]
    for label in T2_IN_FORCE_ROWS:
        new.set_value(CellRef(PROACTIVE, T2_ROW[label], T2_IN_FORCE), 12)
    assert not _of(run_all(new), IN_FORCE_UNKNOWN)


def test_blank_carried_out_columns_are_named(tmp_path: Path) -> None:
    new = _renewed(tmp_path, (), (0, 2))
    own = _of(run_all(new), CARRYOVER_UNKNOWN)
    assert len(own) == 1
    assert own[0].location.cells == (CellRef(REQUESTS, T3_CARRIED_IN, 0), CellRef(REQUESTS, T3_CARRIED_IN, 2))
    assert f"“{T3_COLS[0]}”、“{T3_COLS[2]}”列空白" in own[0].message


def test_a_report_without_last_year_has_none(tmp_path: Path) -> None:
    report = load_report(DATA / "xiaogang-2021.docx")
    for label in T2_IN_FORCE_ROWS:
        report.set_value(CellRef(PROACTIVE, T2_ROW[label], T2_IN_FORCE), None)
    found = run_all(report)
    assert not _of(found, IN_FORCE_UNKNOWN) and not _of(found, CARRYOVER_UNKNOWN)
    assert any(CellRef(PROACTIVE, T2_ROW[T2_IN_FORCE_ROWS[0]], T2_IN_FORCE) in f.location.cells
               for f in found if f.code == BLANK_CELL.code)
