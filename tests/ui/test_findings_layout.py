"""Every finding in the list is drawn whole: the text painted for a row lies inside the row, and
rows never overlap, at any width of the panel, with and without the scroll bar, after the
panel is narrowed or widened and after the scroll bar comes or goes.

QListView lays a top-to-bottom list out again only when its height changes: narrowing the
dock (or the scroll bar appearing) used to leave each row at the height measured for the old
width, and the message's last wrapped line was drawn over the next row."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from app.findings import Finding, Location, Severity, Span, listing_order
from app.schema import OVERVIEW, REQUESTS, REVIEWS, CellRef
from ui.change import Change
from ui.findings import TEXTS_ROLE, FindingsPanel
from ui.findings_view import FindingDelegate
from ui.state import EditorState

_SENTENCE = "正文说“共收到政府信息公开申请15件”，但表三“一、本年新收政府信息公开申请数量”总计为12件，请核对后改正其中错的一方。"


def _findings(n: int) -> list[Finding]:
    """Messages of one to four sentences, locations of a cell, of many cells, of a paragraph."""
    out = []
    for i in range(n):
        message = _SENTENCE * (1 + i % 4) + f"（第{i + 1}条）"
        if i % 3 == 0:
            location = Location(REQUESTS, (CellRef(REQUESTS, i % 20, i % 6),))
        elif i % 3 == 1:
            location = Location(REVIEWS, tuple(CellRef(REVIEWS, 0, c) for c in range(1 + i % 5)))
        else:
            location = Location(OVERVIEW, span=Span(i, 0, 5))
        out.append(Finding("TEXT-TABLE-MISMATCH", Severity.ERROR, location, message))
    return listing_order(out)  # as the list shows them: row i is findings[i]


class _Recording(FindingDelegate):
    """The delegate, noting for each row it paints the row's rect and the rects its texts take
    (measured with the painter that draws them, as ``paint`` lays them out)."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.painted: dict[int, tuple[QRect, QRect]] = {}

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        rect = QRect(option.rect)  # type: ignore[attr-defined]
        where, message = index.data(TEXTS_ROLE)
        font, bold = self._fonts()
        text = self._text_rect(rect)
        flags = int(Qt.TextFlag.TextWordWrap)
        painter.save()
        painter.setFont(bold)
        loc = painter.boundingRect(text, flags, where)
        painter.setFont(font)
        msg = painter.boundingRect(text.adjusted(0, loc.height() + 2, 0, 0), flags, message)
        painter.restore()
        self.painted[index.row()] = (rect, loc.united(msg))


def _panel(qtbot, findings: list[Finding]) -> tuple[FindingsPanel, _Recording]:  # type: ignore[no-untyped-def]
    state = EditorState()
    state.findings = findings
    panel = FindingsPanel(state)
    qtbot.addWidget(panel)
    delegate = _Recording(panel.view)
    panel.view.setItemDelegate(delegate)
    panel.model.measure = delegate.measure
    panel.delegate = delegate
    panel.resize(640, 520)
    panel.show()
    qtbot.waitExposed(panel)
    if findings:
        panel.choose(findings[0].code)  # the hint gives way to the commands: the list's height stays
    qtbot.wait(10)
    return panel, delegate


def _settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    QApplication.processEvents()
    qtbot.wait(1)  # one pass of the event loop: what a user sees after the drag, not 100 ms later


def _problems(panel: FindingsPanel, delegate: _Recording) -> list[str]:
    """Paint the whole list, a viewport at a time, and say where a text leaves its row or rows overlap."""
    view = panel.view
    bar = view.verticalScrollBar()
    delegate.painted.clear()
    bar.setValue(0)
    while True:
        view.viewport().grab()
        if bar.value() >= bar.maximum():
            break
        bar.setValue(bar.value() + max(1, view.viewport().height() // 2))
    rows = panel.proxy.rowCount()
    out = [f"row {r} never painted" for r in range(rows) if r not in delegate.painted]
    width = view.viewport().width()
    for r, (rect, text) in sorted(delegate.painted.items()):
        if not rect.contains(text):
            out.append(f"row {r}: text {text.getRect()} outside its row {rect.getRect()} (viewport {width})")
        if rect.right() >= width:
            out.append(f"row {r}: {rect.getRect()} wider than the viewport {width}")
    tops = [view.rectForIndex(panel.proxy.index(r, 0)) for r in range(rows)]
    out += [f"rows {r} and {r + 1} overlap: {a.getRect()} {b.getRect()}"
            for r, (a, b) in enumerate(pairwise(tops)) if a.bottom() >= b.top()]
    bar.setValue(0)
    return out


def test_narrowing_and_widening_the_panel_with_a_scroll_bar(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel, delegate = _panel(qtbot, _findings(14))
    assert panel.view.verticalScrollBar().isVisible()
    assert _problems(panel, delegate) == []
    for width in (300, 260, 420, 520, 240, 360):  # as a user drags the dock's edge
        panel.resize(width, panel.height())
        _settle(qtbot)
        assert panel.view.verticalScrollBar().isVisible()
        assert _problems(panel, delegate) == [], f"panel {width} wide"


def test_narrowing_and_widening_the_panel_without_a_scroll_bar(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel, delegate = _panel(qtbot, _findings(3))
    for width in (560, 420, 300, 500, 260):
        panel.resize(width, 900)
        _settle(qtbot)
        assert not panel.view.verticalScrollBar().isVisible(), f"panel {width} wide"
        assert _problems(panel, delegate) == [], f"panel {width} wide"


def test_the_scroll_bar_coming_and_going(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The rows are measured before the scroll bar appears; it takes the width they had."""
    for width in (260, 320, 400):
        panel, delegate = _panel(qtbot, _findings(2))
        panel.resize(width, 520)
        _settle(qtbot)
        assert not panel.view.verticalScrollBar().isVisible()
        state = panel.state
        state.findings = _findings(14)
        state.changed.emit(Change(findings=True))
        _settle(qtbot)
        assert panel.view.verticalScrollBar().isVisible()
        assert _problems(panel, delegate) == [], f"panel {width} wide, scroll bar come"
        state.findings = _findings(2)
        state.changed.emit(Change(findings=True))
        _settle(qtbot)
        assert not panel.view.verticalScrollBar().isVisible()
        assert _problems(panel, delegate) == [], f"panel {width} wide, scroll bar gone"


def _dock_beside_the_page(window):  # type: ignore[no-untyped-def]
    """The sample in a 1400×900 window, the findings docked beside the page; the panel."""
    from tests.conftest import SAMPLE

    window.resize(1400, 900)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.dock)
    assert window.docs.load(SAMPLE)
    return window.findings


def _dock_width(window, qtbot, width: int) -> int:  # type: ignore[no-untyped-def]
    """The dock dragged to ``width``; the width it took."""
    window.resizeDocks([window.dock], [width], Qt.Orientation.Horizontal)
    _settle(qtbot)
    return window.dock.width()


def test_the_dock_keeps_its_width_whatever_the_panel_shows(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """忽略此问题 brings the 已忽略 toggle and list; a finding brings two or three commands: the
    panel's rows wrap instead, and the dock stays as wide as the user left it, its buttons inside."""
    from PySide6.QtWidgets import QAbstractButton

    from ui import dismiss
    from ui.findings import DISMISSED_ROLE, FINDING_ROLE, MIN_WIDTH

    panel = _dock_beside_the_page(window)
    for width in (MIN_WIDTH + 10, 270, 330):
        left = _dock_width(window, qtbot, width)
        assert abs(left - width) <= 2
        seen: list[tuple[str, int]] = []
        if not window.state.dismissed:
            dismiss.dismiss(window.state, window.state.findings[0], "理由")
            _settle(qtbot)
            assert panel.dismissed_toggle.isVisible()
        for row in range(panel.proxy.rowCount()):  # each finding chosen, the dismissed one too
            index = panel.proxy.index(row, 0)
            panel.view.setCurrentIndex(index)
            _settle(qtbot)
            seen.append((index.data(FINDING_ROLE).code, window.dock.width()))
            for button in panel.findChildren(QAbstractButton):
                if button.isVisible():
                    spot = button.geometry()
                    assert spot.right() < panel.width() and spot.bottom() < panel.height(), (button.text(), width)
        assert any(panel.proxy.index(r, 0).data(DISMISSED_ROLE) is not None for r in range(panel.proxy.rowCount()))
        assert all(w == left for _, w in seen), (width, seen)
    assert panel.minimumSizeHint().width() <= MIN_WIDTH + 2


def test_the_dock_keeps_its_width_after_a_finding_is_restored(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """恢复此问题 (the button, the list's menu, or undoing 忽略此问题) takes the 已忽略 toggle and
    list away again: the dock stays as wide as the user left it."""
    from ui import dismiss
    from ui.findings import DISMISSED_ROLE, MIN_WIDTH

    panel = _dock_beside_the_page(window)
    for width in (MIN_WIDTH + 10, 270, 330):
        left = _dock_width(window, qtbot, width)
        finding = window.state.findings[0]
        assert dismiss.dismiss(window.state, finding, "理由")
        _settle(qtbot)
        widths = [window.dock.width()]
        for row in range(panel.proxy.rowCount()):  # the dismissed one chosen: 恢复此问题 offered
            index = panel.proxy.index(row, 0)
            if index.data(DISMISSED_ROLE) is not None:
                panel.view.setCurrentIndex(index)
        _settle(qtbot)
        widths.append(window.dock.width())
        assert panel.restore_button.isVisible()
        panel.restore_current()
        _settle(qtbot)
        assert not window.state.dismissed and not panel.dismissed_toggle.isVisible()
        widths.append(window.dock.width())
        window.act_undo.trigger()  # dismissed again, then restored by undoing that
        _settle(qtbot)
        window.act_undo.trigger()
        _settle(qtbot)
        assert not window.state.dismissed
        widths.append(window.dock.width())
        assert all(w == left for w in widths), (width, left, widths)
