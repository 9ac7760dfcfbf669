"""The one shape of change notification in the editor: what an edit or a run of the checks
changed.  The state emits it (``EditorState.changed``); each view refreshes only its part."""

from __future__ import annotations

from dataclasses import dataclass

from app.schema import CellRef


@dataclass(frozen=True)
class Change:
    """What one edit, or one run of the checks, changed.  ``report``: a new report, every view
    reloads; otherwise each field names one kind of content, empty when it did not change."""

    report: bool = False
    cells: frozenset[CellRef] = frozenset()  # value, the file's text or a pinned total
    sections: frozenset[str] = frozenset()  # narrative text written back into the report
    meta: bool = False  # 机关名称, 年度 or 成文日期
    last_year: bool = False  # last year's report attached or detached
    findings: bool = False  # the checks ran: new Finding objects (maybe equal to the last ones)
    marks: frozenset[CellRef] = frozenset()  # cells whose tint (worst severity) changed
    finding_sections: frozenset[str] = frozenset()  # sections whose list of findings changed

    def table_cells(self, table: str) -> list[CellRef]:
        """The cells of one table a grid must redraw (its values and its tints)."""
        return [ref for ref in self.cells | self.marks if ref.table == table]
