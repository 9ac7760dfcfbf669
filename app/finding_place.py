"""Where a finding points — a stretch of a section's text (``Span``), table cells, or both
(``Location``) — and the cell edits that resolve it: offered as one undo step (``Fix``), or
resolving a finding about the file as opened the moment they are made (``Until``).  Plain data;
app/findings.py, which every check imports them through, holds the findings themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from app.schema import TABLES, CellRef, section_name
from app.values import Value, as_number


@dataclass(frozen=True)
class Span:
    """A stretch of text: paragraph index within a section, character offsets within it.
    A passage over several paragraphs ends at ``end`` in paragraph ``last``."""

    paragraph: int
    start: int
    end: int
    last: int | None = None  # the paragraph the span ends in; None: the same one

    @property
    def last_paragraph(self) -> int:
        return self.paragraph if self.last is None else self.last

    def parts(self, lengths: dict[int, int]) -> list[tuple[int, int, int]]:
        """(paragraph, start, end) of each paragraph the span touches, given their lengths."""
        out = []
        for p in range(self.paragraph, self.last_paragraph + 1):
            start = self.start if p == self.paragraph else 0
            end = self.end if p == self.last_paragraph else lengths.get(p, 0)
            out.append((p, start, end))
        return out


@dataclass(frozen=True)
class Location:
    """Where a finding points: a section's text span, table cells, or both (and the other places it concerns)."""

    section: str  # PREAMBLE, a section's key (OVERVIEW … OTHER_MATTERS), or META
    cells: tuple[CellRef, ...] = ()
    span: Span | None = None
    others: tuple[Location, ...] = field(default=(), compare=False)  # the other copy of a duplicate

    def describe(self) -> str:
        if self.cells and self.span is None:
            ref = self.cells[0]
            name = TABLES[ref.table].describe(ref.row, ref.col)
            return name if len(self.cells) == 1 else f"{name}等{len(self.cells)}格"
        where = section_name(self.section)
        if self.span is not None:
            return f"{where} 第{self.span.paragraph + 1}段"
        return where


@dataclass(frozen=True)
class Fix:
    """Cell edits that resolve a finding, applied as one undo step."""

    label: str
    edits: tuple[tuple[CellRef, Value], ...]


@dataclass(frozen=True)
class Until:
    """An edit that resolves a finding about the file as opened the moment it is made: these
    cells all filled and, with a total, adding up to it (the 2019 layout's one row spread over
    the 2021 rows); with ``any_cell``, one of them filled."""

    cells: tuple[CellRef, ...]
    total: Value = None
    any_cell: bool = False  # met by one of the cells filled (a report read without any figure)

    def met(self, value: Callable[[CellRef], Value]) -> bool:
        if self.any_cell:
            return any(value(c) is not None for c in self.cells)
        values = [value(c) for c in self.cells]
        if any(v is None for v in values):
            return False
        return self.total is None or sum(as_number(v) for v in values) == as_number(self.total)
