"""Tab through the findings panel goes as it reads: the filters at its top, the list, then the
chosen finding's buttons left to right (from the GUI tester: Tab went list → 忽略此问题 → the
filters → 转到另一处 → 删除此处重复, the order the widgets were made in)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.findings import Severity
from tests.ui.conftest import SAMPLE
from ui.main_window import MainWindow


def tab_stops(qtbot, container: QWidget, first: QWidget) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """The widgets Tab stops at inside ``container``, from ``first`` until it leaves or comes round."""
    first.setFocus()
    stops: list[QWidget] = []
    widget = QApplication.focusWidget()
    while widget is not None and container.isAncestorOf(widget) and widget not in stops:
        stops.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
    return stops


def test_tab_goes_through_the_findings_panel_in_reading_order(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    panel = window.findings
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.view.model().index(0, 0))  # a duplicate: three buttons under the list
    qtbot.waitUntil(lambda: panel.dismiss_button.isVisible(), timeout=3000)
    stops = tab_stops(qtbot, panel, panel.toggles[Severity.ERROR])
    places = [w.mapTo(panel, QPoint(0, 0)) for w in stops]
    names = [w.text() if hasattr(w, "text") else type(w).__name__ for w in stops]
    assert len(stops) >= 6, names  # three filters, the list, at least two buttons
    assert panel.view in stops and panel.dismiss_button in stops
    rows = [(p.y() // 8, p.x()) for p in places]  # a row of a wrapping bar: the same top, give or take
    assert rows == sorted(rows), names
