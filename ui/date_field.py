"""The 成文日期 field: type it as people write it (2024年1月15日, 2024-1-15, 2024.1.15), or pick it
from a calendar that opens near the date the report needs (January after its year), not in 2000."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLineEdit, QToolButton, QWidget

from app.values import example_date, format_date, impossible_date, parse_date, plausible_year
from ui.appsetup import SPIN_BOX_SHEET
from ui.context_keys import enter_presses

# An invalid date typed stays in the field, marked: the user corrects one digit, never retypes.
_INVALID_SHEET = "QLineEdit { border: 1px solid #d93025; background: #fdecea; }"


class DateField(QWidget):
    """Emits ``edited`` with the date (None when emptied) once the text is finished and valid.
    Invalid text is refused with ``refused(reason)``: the report keeps its date, the field keeps
    what was typed, marked red with the reason as its tooltip, until it is corrected, emptied or
    the date is changed elsewhere (undo, another report)."""

    edited = Signal(object)
    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._date: dt.date | None = None
        self.default_year: int | None = None  # the report's year: the calendar opens after it
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(f"例如 {example_date(None)}")
        self.button = QToolButton(self)
        self.button.setText("日历(&C)…")  # Alt+C from the date typed, as every button has its key
        self.button.setToolTip("从日历中选择成文日期")
        enter_presses(self.button)  # Tab to it and Enter, as on Windows
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self.line.editingFinished.connect(self._finish)
        self.button.clicked.connect(self.open_calendar)

    def date(self) -> dt.date | None:
        return self._date

    def set_default_year(self, year: int | None) -> None:
        """The report's year: the calendar opens after it and the placeholder's example is of it."""
        self.default_year = year
        self.line.setPlaceholderText(f"例如 {example_date(year)}")

    def set_date(self, date: dt.date | None, keep_typed: bool = True) -> None:
        """Show ``date``.  Text typed and refused stays while the date is the one it was
        refused against (``keep_typed``): another field's edit refreshes the page."""
        if keep_typed and self.invalid() and date == self._date:
            return
        self._date = date
        self._mark(None)
        self.line.setText(format_date(date))

    def retype(self, text: str) -> None:
        """``text`` as if typed and finished now (a recovery copy's refused date): refused
        again, marked, and said; taken if it is a date."""
        self.line.setText(text)
        self._finish()

    def invalid(self) -> str | None:
        """Why the text shown is not taken as the date; None when it is the date."""
        return self.line.toolTip() or None

    def _mark(self, reason: str | None) -> None:
        self.line.setStyleSheet(_INVALID_SHEET if reason else "")
        self.line.setToolTip(reason or "")

    def _finish(self) -> None:
        text = self.line.text().strip()
        if not text:
            self._commit(None)
            return
        date = parse_date(text)
        if date is None:
            # Written as a date but no day (2023年2月30日): say which part, not how to write it.
            why = impossible_date(text)
            how = f"：{why}" if why else f"，请写成 {example_date(self.default_year)} 这样的形式"
            reason = f"“{text}”不是有效的日期{how}（报告中的成文日期未改）"
            self._mark(reason)
            self.refused.emit(reason)
            return
        self._commit(date)

    def _commit(self, date: dt.date | None) -> None:
        self._mark(None)
        self.line.setText(format_date(date))
        if date != self._date:
            self._date = date
            self.edited.emit(date)

    def open_calendar(self) -> QCalendarWidget:
        calendar = QCalendarWidget(self)
        calendar.setStyleSheet(SPIN_BOX_SHEET)  # its year box as it always looked
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # January after the report's year, where that is a date at all (a typed 9999 is not: rev30 L3)
        start = self._date or (dt.date(self.default_year + 1, 1, 15) if self.default_year and plausible_year(self.default_year)
                               else dt.date.today())
        calendar.setSelectedDate(QDate(start.year, start.month, start.day))

        def chosen(day: QDate) -> None:
            self._commit(day.toPython())  # type: ignore[arg-type]
            calendar.close()

        calendar.clicked.connect(chosen)
        calendar.activated.connect(chosen)  # Enter on a day
        calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        calendar.show()
        # A popup with no focus widget gets the keys on its frame: the arrows and Enter did
        # nothing (opened with Space on 日历…); the days take them.
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)
        return calendar
