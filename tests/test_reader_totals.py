"""A statutory total the file has no cell for (its 总计 column or row left out) is the editor's
free total: computed from the parts at once and following them — while a total the file states
and gets wrong stays as stated and stays found."""

from __future__ import annotations

from pathlib import Path

import docx

from app.checks import arithmetic, run_all
from app.docx.writer import write_docx
from app.reading import load_report
from app.report import Report, computed_sum
from app.schema import (
    REQUESTS,
    REVIEWS,
    T3_CARRIED_IN,
    T3_COL_TOTAL,
    T3_COLS,
    T3_NEW,
    T3_RESULT_ROWS,
    T3_RESULT_TOTAL,
    T4_GROUPS,
    TABLE3,
    TABLE4,
    CellRef,
)
from tests.thirdparty import Spec, build

T3_TOTAL_CODES = ("T3-ROW-TOTAL", "T3-RESULT-TOTAL")
DISCLOSED, PARTLY = T3_RESULT_ROWS[0], T3_RESULT_ROWS[1]


def _figures() -> dict[tuple[int, int], str]:
    """Table 三 whose totals (stated in the 总计 column) all agree with their parts."""
    rows = {T3_NEW: (5, 1, 0, 0, 0, 2), T3_CARRIED_IN: (1, 0, 0, 0, 0, 0),
            DISCLOSED: (4, 1, 0, 0, 0, 1), PARTLY: (1, 0, 0, 0, 0, 1), T3_RESULT_TOTAL: (5, 1, 0, 0, 0, 2)}
    cells = {(r, c): str(v) for r, vals in rows.items() for c, v in enumerate(vals)}
    cells |= {(r, T3_COL_TOTAL): str(sum(vals)) for r, vals in rows.items()}
    return cells


def _drop_column(path: Path, marker: str, grid_col: int) -> Path:
    """Grid column ``grid_col`` taken out of the table containing ``marker`` (spans over it one
    narrower, cells in it gone), as an author who deleted the column leaves the table."""
    d = docx.Document(str(path))
    table = next(t for t in d.tables if marker in t._tbl.xml)
    for tr in table._tbl.tr_lst:
        col = 0
        for tc in list(tr.tc_lst):
            span = tc.grid_span or 1
            if col <= grid_col < col + span:
                if span > 1:
                    tc.grid_span = span - 1
                else:
                    tr.remove(tc)
                break
            col += span
    d.save(str(path))
    return path


def _drop_row(path: Path, label: str) -> Path:
    d = docx.Document(str(path))
    table = next(t for t in d.tables if label in t._tbl.xml)
    tr = next(tr for tr in table._tbl.tr_lst if any(label in tc.xml for tc in tr.tc_lst))
    table._tbl.remove(tr)
    d.save(str(path))
    return path


T3_TOTAL_GRID_COL = 3 + T3_COL_TOTAL  # three label columns before the figures (tests/thirdparty.py)


def _without_total_column(tmp_path: Path, cells: dict[tuple[int, int], str]) -> Report:
    return load_report(_drop_column(build(Spec(t3=cells), tmp_path / "t.docx"), "申请人情况", T3_TOTAL_GRID_COL))


def _column_missing_notes(report: Report, table: str) -> list[str]:
    return [f.message for f in report.import_findings if f.code == "LABEL-EDITED" and "少了这些列" in f.message
            and f.location.section == table]


def _is_free_and_right(report: Report, table: str) -> None:
    """Every total of the table equals its parts and follows them (none pinned)."""
    spec = TABLE3 if table == REQUESTS else TABLE4
    grid = report.tables[table]
    for rule in spec.sum_rules:
        assert grid[rule.target] == computed_sum(grid, rule.parts), rule
        assert CellRef(table, *rule.target) not in report.pinned


def test_table3_without_its_total_column_has_its_totals_computed(tmp_path: Path) -> None:
    report = _without_total_column(tmp_path, _figures())
    grid = report.tables[REQUESTS]
    assert grid[(T3_NEW, T3_COL_TOTAL)] == 8 and grid[(DISCLOSED, T3_COL_TOTAL)] == 6
    assert grid[(T3_RESULT_TOTAL, T3_COL_TOTAL)] == 8
    _is_free_and_right(report, REQUESTS)
    assert not [f for f in run_all(report) if f.code in T3_TOTAL_CODES]
    # The file lacked the column: that stays said, once.
    assert _column_missing_notes(report, "三") == [
        "表三没有“总计”列（文件中的表格少了这些列），其余各列按表头导入，少的合计列按明细自动计算"]
    # A row whose parts are all blank has a blank total (the blank-cell check asks for 0s), not 0.
    assert grid[(T3_RESULT_ROWS[5], T3_COL_TOTAL)] is None


def test_the_computed_totals_follow_an_edit_and_are_written(tmp_path: Path) -> None:
    report = _without_total_column(tmp_path, _figures())
    report.set_value(CellRef(REQUESTS, DISCLOSED, 0), 7)
    grid = report.tables[REQUESTS]
    assert grid[(DISCLOSED, T3_COL_TOTAL)] == 9 and grid[(T3_RESULT_TOTAL, 0)] == 8
    assert grid[(T3_RESULT_TOTAL, T3_COL_TOTAL)] == 11
    write_docx(report, tmp_path / "out.docx")
    again = load_report(tmp_path / "out.docx")
    assert again.tables[REQUESTS] == grid  # the written file has the 总计 column, filled
    assert not _column_missing_notes(again, "三")


def test_a_wrong_total_row_stays_as_stated_when_the_total_column_is_missing(tmp_path: Path) -> None:
    """The file's own （七）总计 disagrees with its parts: that figure is the file's, kept and found;
    the 总计 column the file lacked is still computed."""
    cells = _figures() | {(T3_RESULT_TOTAL, 0): "9"}  # 4+1 were disclosed to 自然人, not 9
    report = _without_total_column(tmp_path, cells)
    grid = report.tables[REQUESTS]
    assert grid[(T3_RESULT_TOTAL, 0)] == 9 and CellRef(REQUESTS, T3_RESULT_TOTAL, 0) in report.pinned
    found = [f for f in arithmetic.check(report) if f.code == "T3-RESULT-TOTAL"]
    assert [f.location.cells[0] for f in found][:1] == [CellRef(REQUESTS, T3_RESULT_TOTAL, 0)]
    assert grid[(T3_NEW, T3_COL_TOTAL)] == 8 and grid[(DISCLOSED, T3_COL_TOTAL)] == 6
    assert not [f for f in arithmetic.check(report) if f.code == "T3-ROW-TOTAL"]


def test_a_wrong_stated_total_is_kept_and_found(tmp_path: Path) -> None:
    """With the 总计 column there, a 总计 that disagrees with its parts is the file's figure."""
    cells = _figures() | {(T3_NEW, T3_COL_TOTAL): "80"}
    report = load_report(build(Spec(t3=cells), tmp_path / "t.docx"))
    assert report.tables[REQUESTS][(T3_NEW, T3_COL_TOTAL)] == 80
    assert CellRef(REQUESTS, T3_NEW, T3_COL_TOTAL) in report.pinned
    found = [f for f in arithmetic.check(report) if f.code == "T3-ROW-TOTAL"]
    assert [f.location.cells[0] for f in found] == [CellRef(REQUESTS, T3_NEW, T3_COL_TOTAL)]
    assert not _column_missing_notes(report, "三")


def test_a_blank_total_the_file_has_stays_blank_and_found(tmp_path: Path) -> None:
    """A 总计 cell the file has but left blank is the file's (a blank the author left), not a
    column the file lacked: it is not filled in behind the reader's back."""
    cells = _figures()
    del cells[(T3_NEW, T3_COL_TOTAL)]
    report = load_report(build(Spec(t3=cells), tmp_path / "t.docx"))
    assert report.tables[REQUESTS][(T3_NEW, T3_COL_TOTAL)] is None
    assert [f.location.cells[0] for f in arithmetic.check(report) if f.code == "T3-ROW-TOTAL"] == [
        CellRef(REQUESTS, T3_NEW, T3_COL_TOTAL)]


def test_table3_without_its_total_row_has_it_computed(tmp_path: Path) -> None:
    path = _drop_row(build(Spec(t3=_figures()), tmp_path / "t.docx"), "（七）总计")
    report = load_report(path)
    grid = report.tables[REQUESTS]
    assert [grid[(T3_RESULT_TOTAL, c)] for c in range(len(T3_COLS))] == [5, 1, 0, 0, 0, 2, 8]
    _is_free_and_right(report, REQUESTS)
    assert not [f for f in run_all(report) if f.code in T3_TOTAL_CODES]
    assert _row_missing_notes(report) == ["表三中没有找到“（七）总计”行（文件中的表格少了这些行），合计行按明细自动计算"]


def _row_missing_notes(report: Report) -> list[str]:
    return [f.message for f in report.import_findings if f.code == "LABEL-EDITED" and "没有找到“" in f.message
            and f.location.section == REQUESTS]


def test_a_missing_row_is_said_and_left_blank(tmp_path: Path) -> None:
    """A row that is no total (二、上年结转…) deleted: blank for the author to fill, and said."""
    label = TABLE3.row_labels[T3_CARRIED_IN]
    report = load_report(_drop_row(build(Spec(t3=_figures()), tmp_path / "t.docx"), label))
    assert all(report.tables[REQUESTS][(T3_CARRIED_IN, c)] is None for c in range(len(T3_COLS)))
    assert _row_missing_notes(report) == [f"表三中没有找到“{label}”行（文件中的表格少了这些行），这些行为空白，请在编辑器中填写"]


def test_a_complete_table_or_a_2019_one_row_group_says_no_row_is_missing(tmp_path: Path) -> None:
    assert not _row_missing_notes(load_report(build(Spec(t3=_figures()), tmp_path / "a.docx")))
    old = load_report(build(Spec(t3=_figures(), old_2019_other="1"), tmp_path / "b.docx"))
    assert [f for f in old.import_findings if f.code == "OLD-FORMAT"] and not _row_missing_notes(old)


def test_table4_without_its_total_columns_has_them_computed(tmp_path: Path) -> None:
    """Every group's 总计 column deleted (the widest grid column first, so the others stay put)."""
    figures = {c: str(c % 5 + 1) for c in range(15)} | {4: "10", 9: "10", 14: "10"}
    path = build(Spec(t4=figures), tmp_path / "t.docx")
    for grid_col in (14, 9, 4):
        path = _drop_column(path, "复议后起诉", grid_col)
    report = load_report(path)
    assert [report.tables[REVIEWS][(0, c)] for c in range(15)] == [1, 2, 3, 4, 10] * 3
    _is_free_and_right(report, REVIEWS)
    assert not [f for f in run_all(report) if f.code == "T4-GROUP-TOTAL"]
    assert _column_missing_notes(report, "四") == [
        f"表四没有“{'”“'.join(f'{g}·总计' for g in T4_GROUPS)}”列（文件中的表格少了这些列），其余各列按表头导入，"
        "少的合计列按明细自动计算"]


def test_a_missing_part_column_stays_blank(tmp_path: Path) -> None:
    """A column that is no total (商业企业) left out: blank, for the author to fill; the totals the
    file states are kept as the file's."""
    report = load_report(_drop_column(build(Spec(t3=_figures()), tmp_path / "t.docx"), "申请人情况", 4))
    grid = report.tables[REQUESTS]
    assert grid[(T3_NEW, 1)] is None and grid[(T3_NEW, T3_COL_TOTAL)] == 8
    assert _column_missing_notes(report, "三") == [
        f"表三没有“{T3_COLS[1]}”列（文件中的表格少了这些列），其余各列按表头导入，少的列为空白，请在编辑器中填写"]


# -- 按明细重算 on a table with several wrong totals -----------------------------------------------

def _several_wrong(tmp_path: Path) -> Report:
    """The file's own totals wrong in three places, one beneath another: two rows' 总计 (so the
    （七）总计 of the 总计 column disagrees with them) and the 自然人 figure of （七）总计."""
    cells = _figures() | {(DISCLOSED, T3_COL_TOTAL): "60", (PARTLY, T3_COL_TOTAL): "20", (T3_RESULT_TOTAL, 0): "9"}
    return load_report(build(Spec(t3=cells), tmp_path / "wrong.docx"))


def _total_errors(report: Report) -> set[tuple[str, CellRef]]:
    return {(f.code, f.location.cells[0]) for f in arithmetic.check(report) if f.code in T3_TOTAL_CODES}


def test_each_fix_of_a_wrong_total_fixes_it_and_brings_no_new_error(tmp_path: Path) -> None:
    """Whichever total error is fixed first: it goes, no new total error comes, and a total's fix
    recomputes the wrong totals it is the sum of with it (the corner: all of them)."""
    before = _total_errors(_several_wrong(tmp_path))
    corner = CellRef(REQUESTS, T3_RESULT_TOTAL, T3_COL_TOTAL)
    assert before == {("T3-RESULT-TOTAL", CellRef(REQUESTS, T3_RESULT_TOTAL, 0)), ("T3-RESULT-TOTAL", corner),
                      ("T3-ROW-TOTAL", CellRef(REQUESTS, DISCLOSED, T3_COL_TOTAL)),
                      ("T3-ROW-TOTAL", CellRef(REQUESTS, PARTLY, T3_COL_TOTAL)), ("T3-ROW-TOTAL", corner)}
    for clicked in sorted(before, key=str):
        report = _several_wrong(tmp_path)
        finding = next(f for f in arithmetic.check(report) if (f.code, f.location.cells[0]) == clicked)
        assert finding.fix is not None
        for ref, value in finding.fix.edits:  # as the panel's 修复 applies it (ui/commands.py)
            report.set_value(ref, value)
        after = _total_errors(report)
        assert clicked not in after and after < before, clicked
        if clicked[1] == corner:
            assert after == set() and report.tables[REQUESTS][(corner.row, corner.col)] == 8
    # A row's own 总计 is beneath nothing it could be recomputed from wrongly: it alone is set.
    report = _several_wrong(tmp_path)
    row = next(f for f in arithmetic.check(report) if f.location.cells[0] == CellRef(REQUESTS, DISCLOSED, T3_COL_TOTAL))
    assert row.fix is not None and row.fix.edits == ((CellRef(REQUESTS, DISCLOSED, T3_COL_TOTAL), 6),)


def test_accepting_the_computed_corner_leaves_no_total_error(tmp_path: Path) -> None:
    """The grid's 按明细重算 on a pinned total (Report.accept_computed) does the same."""
    report = _several_wrong(tmp_path)
    corner = CellRef(REQUESTS, T3_RESULT_TOTAL, T3_COL_TOTAL)
    assert corner in report.pinned
    report.accept_computed(corner)
    assert _total_errors(report) == set() and report.tables[REQUESTS][(corner.row, corner.col)] == 8
    _is_free_and_right(report, REQUESTS)


def test_a_total_under_two_rules_stays_pinned_until_it_agrees_with_both() -> None:
    """表三's corner (（七）总计 of the 总计 column) is the sum of its column and of its row: set
    by hand to what one rule says, it is not overwritten by the other rule's sum."""
    report = Report()
    grid = report.tables[REQUESTS]
    grid |= {(DISCLOSED, 0): 4, (DISCLOSED, T3_COL_TOTAL): 40, (T3_RESULT_TOTAL, 0): 4, (T3_RESULT_TOTAL, T3_COL_TOTAL): 4}
    report.pin_disagreeing_totals()
    report.set_value(CellRef(REQUESTS, T3_RESULT_TOTAL, T3_COL_TOTAL), 40)  # the column's sum; the row says 4
    assert grid[(T3_RESULT_TOTAL, T3_COL_TOTAL)] == 40
    assert CellRef(REQUESTS, T3_RESULT_TOTAL, T3_COL_TOTAL) in report.pinned


def test_a_row_under_a_label_like_none_is_said_missing_with_the_possible_cause(tmp_path: Path) -> None:
    label = TABLE3.row_labels[T3_CARRIED_IN]
    report = load_report(build(Spec(t3=_figures(), relabel={label: "备注栏目"}), tmp_path / "t.docx"))
    assert [f for f in report.import_findings if "备注栏目" in f.message]  # its figures not imported: said
    assert _row_missing_notes(report) == [
        f"表三中没有找到“{label}”行（文件中的表格少了这些行，或其标签无法对应），这些行为空白，请在编辑器中填写"]
