"""From a cell or a passage with a finding to that finding in the list, where it can be dismissed.

user29 under Xvfb: 表三's 商业企业 cell tinted red after typing this year's 新收 figures, its
tooltip saying 收支不平衡 — but the cell's context menu had only 复制/粘贴/清除内容/本表空白处填0
(the balance has no fix), clicking the cell chose nothing in the list, and the finding sat
among 50 others there.  The only way to 忽略此问题 was to scroll the list and guess which row
was this cell's.  Now each finding of the cell (and of the text under the cursor) offers
“在检查结果中查看”: the list shown, that finding chosen, its 忽略此问题… button ready.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from app.tablespec import CellRef
from tests.ui.conftest import SAMPLE, table, type_into
from ui import longpara
from ui.main_window import MainWindow
from ui.narrative import NarrativePage
from ui.state import marked_cells

REVIEW = "在检查结果中查看"


def _balance_cell(window: MainWindow, qtbot) -> CellRef:  # type: ignore[no-untyped-def]
    """Type a 新收 figure into 表三 as the user did: its column no longer balances."""
    blank = next(f for f in window.state.findings if f.code == "BLANK-CELL" and f.location.cells
                 and f.location.cells[0].table == "三")
    first = min(blank.location.cells, key=lambda ref: (ref.row, ref.col))
    view = table(window, "三")
    type_into(qtbot, view, (first.row, first.col), "12")
    balance = next(f for f in window.state.findings if f.code == "T3-COLUMN-BALANCE")
    return marked_cells(balance)[0]


def test_a_cell_reaches_its_finding_in_the_list(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    ref = _balance_cell(window, qtbot)
    view = table(window, "三")
    offered = [label for label in view.cell_actions(ref) if label.startswith(REVIEW)]
    assert offered, "the cell's menu leads to its finding"
    window.dock.hide()  # closed by the user: the command shows it again
    view.cell_actions(ref)[offered[0]]()
    chosen = window.findings.current()
    assert chosen is not None and ref in marked_cells(chosen)
    assert window.dock.isVisible()
    assert QApplication.focusWidget() is window.findings.view or not window.isActiveWindow()
    assert window.findings.dismiss_button.isVisible(), "忽略此问题… is a click away"
    assert window.current_key() == "三", "the table stays in front"


def test_each_finding_of_a_cell_is_offered_by_its_title(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    ref = _balance_cell(window, qtbot)
    labels = [label for label in table(window, "三").cell_actions(ref) if label.startswith(REVIEW)]
    titles = {f"{REVIEW}：{f.declared.title}" for f in window.state.by_cell[ref]}
    assert set(labels) == titles


def test_a_passage_reaches_its_finding_in_the_list(window: MainWindow) -> None:
    assert window.docs.load(SAMPLE)
    finding = next(f for f in window.state.findings if f.code == "TEXT-TABLE-MISMATCH")
    span = finding.location.span
    assert span is not None
    page = window.show_page(finding.location.section)
    assert isinstance(page, NarrativePage)
    cursor = QTextCursor(page.editor.document())
    position = longpara.doc_position(page.editor.document(), span.paragraph, span.start + 2)
    assert position is not None
    cursor.setPosition(position)
    menu = page.editor.context_menu(cursor)
    review = [a for a in menu.actions() if a.text().replace("&", "").startswith(REVIEW)]
    assert len(review) == 1
    window.findings.view.selectionModel().clear()
    review[0].trigger()
    assert window.findings.current() is finding


def test_a_finding_its_severitys_filter_hides_is_shown_and_chosen(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The list showing warnings only (错误 switched off above it): the command chose nothing and
    only went to the cell the menu was opened on — 忽略此问题… out of reach, nothing said.  The
    finding's severity is shown again, as the status bar's counts do, and the finding chosen."""
    assert window.docs.load(SAMPLE)
    ref = _balance_cell(window, qtbot)
    view = table(window, "三")
    toggle = window.findings.toggles[window.state.by_cell[ref][0].severity]
    toggle.setChecked(False)
    label = next(label for label in view.cell_actions(ref) if label.startswith(REVIEW))
    view.cell_actions(ref)[label]()
    chosen = window.findings.current()
    assert chosen is not None and ref in marked_cells(chosen) and label.endswith(chosen.declared.title)
    assert toggle.isChecked()


def test_two_findings_of_one_title_on_a_cell_are_each_offered(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A cell two findings of the same title mark (two sentences each giving it another figure):
    the menu offered 在检查结果中查看 once, and the second could not be reached from the cell (rev30 L4)."""
    assert window.docs.load(SAMPLE)
    ref = _balance_cell(window, qtbot)
    first = window.state.by_cell[ref][0]
    twin = first.declared.at(first.location, first.message + "（另一处）")
    window.state.by_cell[ref] = [*window.state.by_cell[ref], twin]
    view = table(window, "三")
    labels = [label for label in view.cell_actions(ref) if label.startswith(f"{REVIEW}：{first.declared.title}")]
    assert len(labels) == 2 and len(set(labels)) == 2, labels
    chosen: list[object] = []
    window.state.review = chosen.append  # type: ignore[method-assign]
    for label in labels:
        view.cell_actions(ref)[label]()
    assert chosen == [first, twin]


def test_two_findings_of_one_title_in_the_text_are_each_offered(window: MainWindow) -> None:
    """As a cell's menu (cdf899e): the text's menu offered two items both “在检查结果中查看：<title>”
    for two findings of one title at the cursor — which was which could not be told."""
    assert window.docs.load(SAMPLE)
    finding = next(f for f in window.state.findings if f.code == "TEXT-TABLE-MISMATCH")
    span = finding.location.span
    assert span is not None
    twin = finding.declared.at(finding.location, finding.message + "（另一处）")
    page = window.show_page(finding.location.section)
    assert isinstance(page, NarrativePage)
    page.editor.findings = [*page.editor.findings, twin]
    cursor = QTextCursor(page.editor.document())
    position = longpara.doc_position(page.editor.document(), span.paragraph, span.start + 2)
    assert position is not None
    cursor.setPosition(position)
    menu = page.editor.context_menu(cursor)
    review = [a.text() for a in menu.actions() if a.text().replace("&", "").startswith(f"{REVIEW}：{finding.declared.title}")]
    assert len(review) == 2 and len({t.split("(&")[0] for t in review}) == 2, review
