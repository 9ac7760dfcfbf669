"""The fee cell (万元) typed in 万 or in yuan (rev26 V1), as a Chinese input method commits 万 and ￥."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from app.schema import T2_FEES, T2_ONLY_COL, CellRef
from tests.ui.conftest import table


def _typed_with_input_method(qtbot, view, pos: tuple[int, int], parts: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Digits as keys, Chinese characters (万, ￥) as a Chinese input method commits them."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    view.setFocus()
    view.setCurrentIndex(view.grid_model().index_of(pos))
    for part in parts:
        if part.isascii():
            for ch in part:  # the first key opens the editor, which takes the next
                qtbot.keyClicks(QApplication.focusWidget(), ch)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(part)
            QApplication.sendEvent(QApplication.focusWidget(), event)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def test_a_fee_typed_in_wan_or_in_yuan(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """rev26 V1: “1.2万” typed in the fee cell is 1.2 万元; “￥100” is refused, the status bar saying
    it is 0.01 万元, the typed text kept to correct."""
    view = table(window, "二")
    ref = CellRef("二", T2_FEES, T2_ONLY_COL)
    _typed_with_input_method(qtbot, view, (T2_FEES, T2_ONLY_COL), ["1.2", "万"])
    assert window.state.report.value(ref) == Decimal("1.2")
    _typed_with_input_method(qtbot, view, (T2_FEES, T2_ONLY_COL), ["￥", "100"])
    assert window.state.report.value(ref) == Decimal("1.2")
    assert view.grid_model().refusals[ref].typed == "￥100"
    assert "100元即0.01万元" in window.statusBar().currentMessage()


def test_a_count_typed_in_wan_with_many_digits_is_refused_with_its_whole_number(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """25 digits and 万 in a count cell: values.parse raised InvalidOperation (its whole number
    worked out in 28 digits) instead of refusing the text with the number to type."""
    from app.schema import TABLE2, Kind

    cell = next(c for c in TABLE2.cells if c.kind is Kind.COUNT)
    view = table(window, "二")
    ref = CellRef("二", cell.row, cell.col)
    _typed_with_input_method(qtbot, view, (cell.row, cell.col), ["1" * 25, "万"])
    assert view.grid_model().refusals[ref].typed == "1" * 25 + "万"
    assert f"{'1' * 25}0000" in window.statusBar().currentMessage()
