"""Chosen in the editor's list, a finding about table cells shows their table with those cells
selected: a duplicated statutory table (the cells where the two copies differ, listed once),
figures read without their list numbers."""

from __future__ import annotations

from pathlib import Path

from app.findings import Finding
from app.schema import T2_ISSUED, T2_REPEALED, T2_RULES, T3_CARRIED_IN
from tests.test_docx_list_numbers import _numbered
from tests.test_duplicate_tables import _para, _sample_once
from tests.thirdparty import Spec
from ui.findings import FINDING_ROLE
from ui.main_window import MainWindow
from ui.table_page import TablePage


def _chosen(window: MainWindow, finding: Finding, key: str) -> set[tuple[int, int]]:
    """The finding chosen as a click would (another first: the list may start on it): the page
    shown and the cells selected there."""
    proxy = window.findings.proxy
    other = next(proxy.index(r, 0).data(FINDING_ROLE) for r in range(proxy.rowCount())
                 if proxy.index(r, 0).data(FINDING_ROLE) is not finding)
    assert window.findings.select(other) and window.findings.select(finding)
    assert window.current_key() == key
    page = window.pages[key]
    assert isinstance(page, TablePage)
    model = page.view.grid_model()
    refs = [model.ref(i) for i in page.view.selectionModel().selectedIndexes()]
    return {(r.row, r.col) for r in refs if r is not None}


def test_a_duplicated_table_is_listed_once_and_selects_the_cells_that_differ(window: MainWindow, tmp_path: Path) -> None:
    path = _sample_once(tmp_path, tail=_para("附表") + "{TABLE2_CHANGED}" + "<w:p/>")
    assert window.docs.load(path)
    proxy = window.findings.proxy
    shown = [proxy.index(r, 0).data(FINDING_ROLE) for r in range(proxy.rowCount())]
    assert [f.code for f in shown].count("DUP-TABLE") == 1
    assert not [f for f in shown if "重复出现" in f.message]
    dup = next(f for f in shown if f.code == "DUP-TABLE")
    assert _chosen(window, dup, "二") == {(T2_RULES, T2_ISSUED), (T2_RULES, T2_REPEALED)}


def test_figures_read_without_their_list_numbers_are_selected(window: MainWindow, tmp_path: Path) -> None:
    carried = [str(28 + c) for c in range(6)]
    _numbered(tmp_path, Spec(t3={(T3_CARRIED_IN, c): v for c, v in enumerate(carried)}), carried, "%1", "tab")
    assert window.docs.load(tmp_path / "numbered.docx")
    proxy = window.findings.proxy
    shown = [proxy.index(r, 0).data(FINDING_ROLE) for r in range(proxy.rowCount())]
    listed = next(f for f in shown if (f.code, f.kind) == ("VALUE-INVALID", "list-number"))
    assert _chosen(window, listed, "三") == {(T3_CARRIED_IN, c) for c in range(6)}
