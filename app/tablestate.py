"""Snapshots of a report's table state, so an edit can be undone exactly.

``Report.set_value`` also forgets a cell's raw file text and may unpin a total; undoing an edit
must bring those back, which re-setting the old value cannot.  A snapshot holds everything of a
table that edits touch: values, raw texts and pinned totals.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.report import Report
from app.schema import CellRef
from app.values import Value


@dataclass(frozen=True)
class TableState:
    """A table's figures, raw texts and pinned cells at one moment (for undo)."""

    table: str
    values: dict[tuple[int, int], Value]
    raw: dict[CellRef, str]
    pinned: frozenset[CellRef]


def capture(report: Report, tables: set[str] | frozenset[str]) -> tuple[TableState, ...]:
    return tuple(
        TableState(
            key,
            dict(report.tables[key]),
            {ref: text for ref, text in report.raw.items() if ref.table == key},
            frozenset(ref for ref in report.pinned if ref.table == key),
        )
        for key in sorted(tables)
    )


def restore(report: Report, states: tuple[TableState, ...]) -> None:
    for state in states:
        report.tables[state.table].update(state.values)
        for ref in [r for r in report.raw if r.table == state.table]:
            del report.raw[ref]
        report.raw.update(state.raw)
        report.pinned.difference_update({r for r in report.pinned if r.table == state.table})
        report.pinned.update(state.pinned)


def changed_cells(before: tuple[TableState, ...], after: tuple[TableState, ...]) -> frozenset[CellRef]:
    """The cells whose value, file text or pinned state differs between two snapshots of the
    same tables: what a view of them must redraw (a total that follows its parts included)."""
    out: set[CellRef] = set()
    for old, new in zip(before, after, strict=True):
        assert old.table == new.table
        for pos in old.values.keys() | new.values.keys():
            a, b = old.values.get(pos), new.values.get(pos)
            # 1 and Decimal("1.0") are equal but not shown alike
            if a != b or type(a) is not type(b):
                out.add(CellRef(old.table, *pos))
        out.update(ref for ref in old.raw.keys() | new.raw.keys() if old.raw.get(ref) != new.raw.get(ref))
        out.update(old.pinned ^ new.pinned)
    return frozenset(out)
