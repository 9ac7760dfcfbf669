"""In the window: a report whose 表三 lacks its 总计 column shows the totals at once, and on a
table with several wrong totals the grid's 修复：按明细重算 of the corner leaves no total error."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.reading import load_report
from app.schema import REQUESTS, T3_COL_TOTAL, T3_NEW, T3_RESULT_TOTAL, CellRef
from tests.test_reader_totals import T3_TOTAL_CODES, _figures, _several_wrong, _without_total_column
from tests.thirdparty import Spec, build
from tests.ui.conftest import table, type_into


def test_a_missing_total_column_shows_computed_totals_that_follow_typing(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.state.replace_report(_without_total_column(tmp_path, _figures()))
    view = table(window, REQUESTS)
    model = view.grid_model()
    total = model.index_of((T3_NEW, T3_COL_TOTAL))
    assert total.data() == "8"
    assert model.data(total, Qt.ItemDataRole.ForegroundRole) is None  # not red as a file's wrong figure
    assert not [f for f in window.state.findings if f.code in T3_TOTAL_CODES]
    assert [f for f in window.state.findings if f.code == "LABEL-EDITED" and "少了这些列" in f.message]
    type_into(qtbot, view, (T3_NEW, 0), "15")
    assert model.index_of((T3_NEW, T3_COL_TOTAL)).data() == "18"


def test_one_click_on_the_corner_leaves_no_total_error(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.state.replace_report(_several_wrong(tmp_path))
    corner = CellRef(REQUESTS, T3_RESULT_TOTAL, T3_COL_TOTAL)
    view = table(window, REQUESTS)
    actions = view.cell_actions(corner)
    assert "修复：按明细重算" in actions
    actions["修复：按明细重算"]()
    assert not [f for f in window.state.findings if f.code in T3_TOTAL_CODES]
    assert view.grid_model().index_of((corner.row, corner.col)).data() == "8"
    window.state.stack.undo()  # one step: the file's figures all come back
    assert [f for f in window.state.findings if f.code in T3_TOTAL_CODES]
    assert window.state.report.value(corner) == 8 and window.state.report.value(CellRef(REQUESTS, 2, T3_COL_TOTAL)) == 60


def test_a_blank_file_total_is_not_a_missing_column(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cells = _figures()
    del cells[(T3_NEW, T3_COL_TOTAL)]
    window.state.replace_report(load_report(build(Spec(t3=cells), tmp_path / "t.docx")))
    assert [f for f in window.state.findings if f.code == "T3-ROW-TOTAL"]
