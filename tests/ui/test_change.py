"""One change notification: an edit tells the views what changed, and each redraws only that.

The grid is told about the edited cell, the totals that follow it and the cells whose tint
changed — one cell at a time, never the whole grid; the findings list inserts, removes and
updates rows in place (no reset); undo and redo do the same the other way.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject
from PySide6.QtWidgets import QApplication

from app.findings import Severity, listing_order
from app.schema import (
    T3_CARRIED_IN,
    T3_COL_BUSINESS,
    T3_COL_NATURAL,
    T3_COL_RESEARCH,
    T3_COL_TOTAL,
    T3_DISCLOSED,
    T3_NEW,
    T3_ROW,
    T4_COL,
    T4_REVIEW_GROUP,
    T4_ROW,
    T4_UPHELD,
    TABLE3,
    CellRef,
)
from app.values import Value
from tests.ui.conftest import ref3, report_with, table, type_into, type_text
from ui.change import Change
from ui.findings import FINDING_ROLE
from ui.main_window import MainWindow
from ui.table_model import StatutoryTableModel

Pos = tuple[int, int]


def _record(model: Any) -> list[tuple[Pos, Pos]]:
    """Every dataChanged range a model emits, as ((top, left), (bottom, right))."""
    seen: list[tuple[Pos, Pos]] = []
    model.dataChanged.connect(
        lambda a, b, _roles=(): seen.append(((a.row(), a.column()), (b.row(), b.column()))))
    return seen


def _worst(window: MainWindow) -> dict[CellRef, Severity]:
    return {ref: max(f.severity for f in found) for ref, found in window.state.by_cell.items()}


def _values(window: MainWindow, key: str) -> dict[Pos, Value]:
    return dict(window.state.report.tables[key])


def _cells_signalled(model: StatutoryTableModel, seen: list[tuple[Pos, Pos]]) -> set[CellRef]:
    assert all(top_left == bottom_right for top_left, bottom_right in seen), f"a range, not one cell: {seen}"
    refs = {model.ref(model.index(*pos)) for pos, _ in seen}
    assert None not in refs, "only data cells change"
    return {r for r in refs if r is not None}


def _expected(before_values: dict[Pos, Value], after_values: dict[Pos, Value],
              before_worst: dict[CellRef, Severity], after_worst: dict[CellRef, Severity], key: str) -> set[CellRef]:
    values = {CellRef(key, *p) for p in before_values if before_values[p] != after_values[p]}
    marks = {r for r in before_worst.keys() | after_worst.keys()
             if r.table == key and before_worst.get(r) != after_worst.get(r)}
    return values | marks


def test_a_cell_edit_signals_the_cell_its_totals_and_changed_tints_only(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.state.replace_report(report_with(**{"三": {(c.row, c.col): 0 for c in TABLE3.cells}}))
    others = [table(window, k).grid_model() for k in ("二", "四")]
    view = table(window, "三")  # shown last: the page typed into
    model = view.grid_model()
    seen, seen_others = _record(model), [_record(m) for m in others]
    before_values, before_worst = _values(window, "三"), _worst(window)
    type_into(qtbot, view, (T3_NEW, T3_COL_NATURAL), "12")
    assert model.index_of((0, T3_COL_TOTAL)).data() == "12", "the total follows"
    signalled = _cells_signalled(model, seen)
    expected = _expected(before_values, _values(window, "三"), before_worst, _worst(window), "三")
    assert signalled == expected
    assert {ref3(T3_NEW, T3_COL_NATURAL), ref3(T3_NEW, T3_COL_TOTAL)} <= signalled
    assert len(signalled) < len(TABLE3.cells) // 4, "a few cells, not the grid"
    assert seen_others == [[], []], "the other tables are not touched"


def test_undo_and_redo_signal_the_same_cells_back(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.state.replace_report(report_with(**{"三": {(c.row, c.col): 0 for c in TABLE3.cells}}))
    view = table(window, "三")
    model = view.grid_model()
    type_into(qtbot, view, (T3_DISCLOSED, T3_COL_BUSINESS), "5")
    seen = _record(model)
    before_values, before_worst = _values(window, "三"), _worst(window)
    window.state.stack.undo()
    assert window.state.report.value(ref3(T3_DISCLOSED, T3_COL_BUSINESS)) == 0
    assert model.index_of((2, T3_COL_TOTAL)).data() == "0"
    undone = _cells_signalled(model, seen)
    assert undone == _expected(before_values, _values(window, "三"), before_worst, _worst(window), "三")
    assert ref3(T3_DISCLOSED, T3_COL_BUSINESS) in undone
    seen.clear()
    window.state.stack.redo()
    assert window.state.report.value(ref3(T3_DISCLOSED, T3_COL_BUSINESS)) == 5
    assert model.index_of((2, T3_COL_TOTAL)).data() == "5"
    assert _cells_signalled(model, seen) == undone


def test_filling_a_blank_cell_repaints_its_tint(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A blank cell is tinted (BLANK-CELL); filled, its tint goes: that cell is signalled,
    the other blank cells (still tinted the same) are not."""
    view = table(window, "三")
    model = view.grid_model()
    assert window.state.by_cell.get(ref3(T3_ROW["2.其他法律行政法规禁止公开"], T3_COL_RESEARCH)), "blank cells are marked"
    seen = _record(model)
    type_into(qtbot, view, (T3_ROW["2.其他法律行政法规禁止公开"], T3_COL_RESEARCH), "0")
    signalled = _cells_signalled(model, seen)
    assert ref3(T3_ROW["2.其他法律行政法规禁止公开"], T3_COL_RESEARCH) in signalled
    assert ref3(T3_ROW["3.危及“三安全一稳定”"], T3_COL_RESEARCH) not in signalled, "a cell still blank keeps its tint and is not repainted"
    assert not window.state.by_cell.get(ref3(T3_ROW["2.其他法律行政法规禁止公开"], T3_COL_RESEARCH))


def test_the_findings_list_changes_rows_in_place(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.state.replace_report(report_with(**{"三": {(c.row, c.col): 0 for c in TABLE3.cells}}))
    model = window.findings.model
    resets: list[int] = []
    inserted: list[tuple[int, int]] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    before = model.rowCount()
    type_into(qtbot, table(window, "三"), (T3_NEW, T3_COL_NATURAL), "12")
    assert resets == [], "no reset: the list keeps its place"
    assert inserted, "the new finding is inserted"
    codes = [model.index(r).data(FINDING_ROLE).code for r in range(model.rowCount())]
    assert "T3-COLUMN-BALANCE" in codes
    assert model.rowCount() > before
    assert [f.code for f in listing_order(window.state.findings)] == codes, "the state's findings, errors first"
    window.state.stack.undo()
    assert resets == []
    assert model.rowCount() == before
    assert [model.index(r).data(FINDING_ROLE) for r in range(model.rowCount())] == listing_order(window.state.findings)


def test_the_findings_list_holds_the_current_objects_after_each_run(window) -> None:  # type: ignore[no-untyped-def]
    """Equal findings from a new run replace the shown ones (their commands act on the state's)."""
    model = window.findings.model
    window.state.rerun_checks()
    shown = [model.index(r).data(FINDING_ROLE) for r in range(model.rowCount())]
    assert shown and all(a is b for a, b in zip(shown, listing_order(window.state.findings), strict=True))


def test_one_signal_says_what_changed(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    changes: list[Change] = []
    window.state.changed.connect(changes.append)
    type_into(qtbot, table(window, "三"), (T3_NEW, T3_COL_NATURAL), "3")
    change = changes[-1]
    assert ref3(T3_NEW, T3_COL_NATURAL) in change.cells and ref3(T3_NEW, T3_COL_TOTAL) in change.cells
    assert change.findings and not change.meta and not change.report and not change.sections
    assert "三" in change.finding_sections  # table 三 has new findings

    changes.clear()
    page = window.show_page("基本信息")
    page.organ.setFocus()  # type: ignore[attr-defined]
    type_text(page.organ, "某")  # type: ignore[attr-defined]
    assert changes and changes[-1].meta and not changes[-1].cells

    changes.clear()
    editor = window.show_page("一").editor  # type: ignore[attr-defined]
    editor.setFocus()
    type_text(editor, "本年度")
    window.state.sync_text()
    assert changes[-1].sections == frozenset({"一"}) and not changes[-1].cells

    changes.clear()
    window.state.replace_report(report_with())
    assert changes[-1].report


def test_a_meta_or_text_edit_repaints_no_grid(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    models = [table(window, k).grid_model() for k in ("二", "三", "四")]
    seen = [_record(m) for m in models]
    page = window.show_page("基本信息")
    page.organ.setFocus()  # type: ignore[attr-defined]
    type_text(page.organ, "某某街道")  # type: ignore[attr-defined]
    editor = window.show_page("六").editor  # type: ignore[attr-defined]
    editor.setFocus()
    type_text(editor, "本年度未收取信息处理费。")
    window.state.sync_text()
    assert seen == [[], [], []]


def test_navigation_redraws_only_the_pages_whose_counts_changed(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.state.replace_report(report_with(**{"三": {(c.row, c.col): 0 for c in TABLE3.cells}}))
    nav = window.nav_model
    rows: list[int] = []
    nav.dataChanged.connect(lambda a, b, _roles=(): rows.extend(range(a.row(), b.row() + 1)))
    type_into(qtbot, table(window, "三"), (T3_NEW, T3_COL_NATURAL), "4")
    assert rows == [nav.row_of("三")]


def test_a_report_replaced_repaints_every_grid(window) -> None:  # type: ignore[no-untyped-def]
    model = table(window, "四").grid_model()
    seen = _record(model)
    window.state.replace_report(report_with(**{"四": {(T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_UPHELD]): 1}}))
    last = (model.rowCount() - 1, model.columnCount() - 1)
    assert ((0, 0), last) in seen
    assert model.index_of((T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_UPHELD])).data() == "1"


def test_change_names_the_cells_of_one_table() -> None:
    change = Change(cells=frozenset({ref3(T3_NEW, T3_COL_NATURAL), CellRef("四", T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_UPHELD])}), marks=frozenset({ref3(T3_CARRIED_IN, T3_COL_BUSINESS)}))
    assert sorted(change.table_cells("三"), key=lambda r: (r.row, r.col)) == [ref3(T3_NEW, T3_COL_NATURAL), ref3(T3_CARRIED_IN, T3_COL_BUSINESS)]
    assert change.table_cells("二") == []
    assert QModelIndex().isValid() is False  # (Qt imported: the module runs under pytest-qt)


def test_every_page_speaks_the_page_protocol(window) -> None:  # type: ignore[no-untyped-def]
    """The window asks its pages through one protocol: each answers, none is asked what it is."""
    from ui.navigation import ENTRIES
    from ui.pages import Page
    from ui.table_page import TablePage

    for key, _name in ENTRIES:
        page = window.page(key)
        assert isinstance(page, Page), key
        is_table = isinstance(page, TablePage)
        assert (page.grid() is not None) == is_table, key
        assert (page.text_edit() is not None) == (key != "基本信息"), key
        assert page.select_cells((ref3(0, 0),), focus=False) == (key == "三"), key


class _LayoutRequests(QObject):
    """Counts the layout requests the window's widgets get (each lays the window out again)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.seen.append(type(obj).__name__)
        return False


def test_an_edit_that_changes_no_count_lays_nothing_out_again(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A figure typed where the findings stay as many (a wrong total stays wrong, its message
    changes) redraws rows and cells: it must not lay the whole window out again (the findings
    panel's stretch set on every check did, ~1.7 ms an edit, every flow layout measured)."""
    grid = {(c.row, c.col): 1 for c in TABLE3.cells}
    grid[(T3_NEW, T3_COL_TOTAL)] = 99  # stated wrong: stays wrong whatever is typed beside it
    window.state.replace_report(report_with(**{"三": grid}))
    view = table(window, "三")
    type_into(qtbot, view, (T3_CARRIED_IN, T3_COL_NATURAL), "2")  # the page settled after an edit
    for _ in range(5):
        QApplication.processEvents()
    counts = window.state.counts()
    requests = _LayoutRequests()
    QApplication.instance().installEventFilter(requests)
    try:
        for n in ("3", "4", "5"):
            assert view.grid_model().setData(view.grid_model().index_of((T3_NEW, T3_COL_NATURAL)), n)
            QApplication.processEvents()
    finally:
        QApplication.instance().removeEventFilter(requests)
    assert window.state.counts() == counts, "the test's premise: the same number of findings"
    assert window.state.report.value(ref3(T3_NEW, T3_COL_NATURAL)) == 5
    assert requests.seen == [], f"laid out again: {requests.seen}"
