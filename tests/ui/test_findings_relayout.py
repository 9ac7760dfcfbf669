"""After a table edit the findings list redraws the rows that changed where they are, and lays
the list out again (every row measured) only when a row's height changed or rows came or went
(issue 15: on a long list that re-layout was most of an edit's time) — and every row is still
drawn whole: a message that now wraps to more lines pushes the rows below it down."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics

from app.findings import Finding, Location
from app.schema import REQUESTS, CellRef
from tests.ui.test_findings_layout import _SENTENCE, _findings, _panel, _problems, _settle
from ui.change import Change
from ui.findings import TEXTS_ROLE, FindingsPanel
from ui.findings_view import ROW_CHROME
from ui.state import EditorState


def _counting(panel: FindingsPanel) -> list[int]:
    """Each row measured for the list's layout (the model's SizeHintRole) adds one."""
    measured: list[int] = []
    measure = panel.model.measure
    assert measure is not None

    def counted(texts: tuple[str, str]):  # type: ignore[no-untyped-def]
        measured.append(1)
        return measure(texts)

    panel.model.measure = counted
    return measured


def _rerun(panel: FindingsPanel, qtbot, findings: list[Finding]) -> None:  # type: ignore[no-untyped-def]
    panel.state.findings = findings
    panel.state.changed.emit(Change(findings=True))
    _settle(qtbot)


def test_a_changed_message_of_the_same_height_is_redrawn_in_place(qtbot) -> None:  # type: ignore[no-untyped-def]
    findings = _findings(40)
    panel, delegate = _panel(qtbot, findings)
    measured = _counting(panel)
    changed = list(findings)
    for i in (3, 4, 5, 20):  # a figure in the message, one digit for another: the same lines
        changed[i] = dataclasses.replace(findings[i], message=findings[i].message.replace("15件", "16件"))
    _rerun(panel, qtbot, changed)
    assert 0 < len(measured) < len(findings), "the changed rows are measured, not every row again"
    assert [panel.model.index(r).data(0) for r in (3, 20)] == [changed[3].message, changed[20].message]
    assert _problems(panel, delegate) == []


def test_a_message_that_takes_more_or_fewer_lines_moves_the_rows_below(qtbot) -> None:  # type: ignore[no-untyped-def]
    findings = _findings(12)
    panel, delegate = _panel(qtbot, findings)
    before = panel.view.rectForIndex(panel.proxy.index(3, 0)).top()
    longer = list(findings)
    longer[1] = dataclasses.replace(findings[1], message=findings[1].message + _SENTENCE * 3)
    _rerun(panel, qtbot, longer)
    assert panel.view.rectForIndex(panel.proxy.index(3, 0)).top() > before
    assert _problems(panel, delegate) == []
    _rerun(panel, qtbot, findings)
    assert panel.view.rectForIndex(panel.proxy.index(3, 0)).top() == before
    assert _problems(panel, delegate) == []


def test_a_finding_whose_cells_changed_keeps_its_row(qtbot) -> None:  # type: ignore[no-untyped-def]
    """表三有N个单元格空白: typing into one of them changes the finding's cells, not its row."""
    findings = _findings(30)
    panel, delegate = _panel(qtbot, findings)
    came: list[tuple[int, int]] = []
    panel.model.rowsInserted.connect(lambda _p, first, last: came.append((first, last)))
    panel.model.rowsRemoved.connect(lambda _p, first, last: came.append((first, last)))
    measured = _counting(panel)
    at = next(i for i, f in enumerate(findings) if f.location.section == REQUESTS)  # a finding of one cell of 表三
    moved = list(findings)
    moved[at] = dataclasses.replace(findings[at], location=Location(REQUESTS, (CellRef(REQUESTS, 9, 1),)))
    _rerun(panel, qtbot, moved)
    assert came == []
    assert len(measured) < len(findings)
    assert panel.model.index(at).data(0) == moved[at].message
    assert _problems(panel, delegate) == []
    # Another finding in its place (another code) is a row removed and one inserted.
    other = list(moved)
    other[at] = Finding("BLANK-CELL", findings[at].severity, findings[at].location, "表三有1个单元格空白")
    _rerun(panel, qtbot, other)
    assert came == [(at, at), (at, at)]
    assert _problems(panel, delegate) == []



def _heights_off(panel: FindingsPanel) -> list[str]:
    """Rows whose height is not what their texts take wrapped at the width they are drawn in
    (the viewport's, less the delegate's margins): measured for another width of the list."""
    view = panel.view
    width = view.viewport().width() - 38  # as FindingDelegate._text_rect
    font = QFont(view.font())
    bold = QFont(font)
    bold.setBold(True)
    flags = int(Qt.TextFlag.TextWordWrap)
    out = []
    for r in range(panel.proxy.rowCount()):
        where, message = panel.proxy.index(r, 0).data(TEXTS_ROLE)
        need = (QFontMetrics(bold).boundingRect(QRect(0, 0, width, 10000), flags, where).height()
                + QFontMetrics(font).boundingRect(QRect(0, 0, width, 10000), flags, message).height() + ROW_CHROME)
        got = view.rectForIndex(panel.proxy.index(r, 0)).height()
        if got != need:
            out.append(f"row {r}: {got} px high, its texts take {need} at the width {width}")
    return out


def test_rows_are_as_high_as_their_texts_with_and_without_the_scroll_bar(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Rows are measured at the narrower width as soon as the scroll bar is certain to come
    (FindingDelegate._viewport_width): never while it is not, nor once it has gone."""
    state = EditorState()
    state.findings = _findings(2)
    panel = FindingsPanel(state)
    qtbot.addWidget(panel)
    panel.resize(420, 700)
    panel.show()
    qtbot.waitExposed(panel)
    _settle(qtbot)
    view = panel.view
    assert not view.verticalScrollBar().isVisible()
    assert _heights_off(panel) == []
    _rerun(panel, qtbot, _findings(30))  # enough rows to overflow: the bar comes
    assert view.verticalScrollBar().isVisible()
    assert _heights_off(panel) == []
    _rerun(panel, qtbot, _findings(2))  # and goes: the rows take the whole width again
    assert not view.verticalScrollBar().isVisible()
    assert _heights_off(panel) == []
    panel.resize(420, 150)  # too short for even two rows: the bar comes with no row changed
    _settle(qtbot)
    assert view.verticalScrollBar().isVisible()
    assert _heights_off(panel) == []


def test_a_list_taller_than_its_panel_is_laid_out_once_when_shown(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The start's list (issue 15): shown with more findings than fit, it was laid out when shown,
    then again because its scroll bar came (each row already measured at the width left beside
    the bar) and for the proxy's headerDataChanged (the rows' numbers, which a list without a
    header never shows): every finding measured through the model twice before the first paint."""
    from ui.findings_view import FindingsList

    layouts: list[int] = []
    real = FindingsList.doItemsLayout

    def counted(view: FindingsList) -> None:
        layouts.append(view.model().rowCount())
        real(view)

    monkeypatch.setattr(FindingsList, "doItemsLayout", counted)
    state = EditorState(check=False)  # as at a start with a file: the file's findings come later
    panel = FindingsPanel(state)
    qtbot.addWidget(panel)
    panel.resize(420, 700)
    state.findings = _findings(30)  # the file read and checked while the window is still hidden
    state.changed.emit(Change(findings=True))
    layouts.clear()  # those of the hidden panel
    panel.show()
    qtbot.waitExposed(panel)
    _settle(qtbot)
    qtbot.wait(150)  # QListView's own delayed layouts wait 100 ms
    assert panel.view.verticalScrollBar().isVisible()
    assert layouts == [30], "laid out once, at the width beside the scroll bar"
    assert _heights_off(panel) == []


def test_the_scroll_bar_forecast_and_the_least_list_height_use_one_row_height(qtbot) -> None:  # type: ignore[no-untyped-def]
    """FindingDelegate's forecast of the scroll bar (_overflows) counted a row as the fonts'
    heights, the short window's least list height (shortest) as a Chinese line is laid out: a
    pixel or two apart at some sizes, so a list of one-line Chinese rows taller than its viewport
    by less than that was forecast to fit — measured at the full width, then again beside the bar."""
    from PySide6.QtCore import QStringListModel

    from ui.findings_view import FindingDelegate, FindingsList

    view = FindingsList()
    qtbot.addWidget(view)
    model = QStringListModel(["表"] * 20)
    view.setModel(model)
    delegate = FindingDelegate(view)
    view.setItemDelegate(delegate)
    line, flags = QRect(0, 0, 10000, 10000), int(Qt.TextFlag.TextWordWrap)
    apart = []
    for tenths in range(80, 200, 5):  # the sizes where the fonts' height and a Chinese line's differ
        font = QFont(view.font())
        font.setPointSizeF(tenths / 10)
        bold = QFont(font)
        bold.setBold(True)
        laid = sum(QFontMetrics(f).boundingRect(line, flags, "表").height() for f in (font, bold))
        if laid != QFontMetrics(font).height() + QFontMetrics(bold).height():
            apart.append(font)
    assert apart, "no font size here where the two row heights differ: the case at issue"
    for font in apart:
        view.setFont(font)
        row = delegate.measure(("表三", "表")).height()  # the least row: a line each, as every finding has
        assert delegate.shortest() == row
        view.viewport_width, view.viewport_height = 400, 20 * row - 1  # one pixel short of all the rows
        assert delegate._overflows(view), f"at {font.pointSizeF()} pt 20 rows of {row} px overflow {20 * row - 1} px"
        view.viewport_height = 20 * row
        assert not delegate._overflows(view)
