"""The shapes the statutory format is declared in: a table's data cells, the sums and balances
they must satisfy, its physical layout with merged labels, and the table that holds them.

No table's rows, labels or numbers are here: app/schema.py declares the three tables in these
shapes (and is where every module imports them from).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import NamedTuple


class Kind(enum.Enum):
    """What a data cell holds."""

    COUNT = "count"  # integer >= 0 (件)
    AMOUNT = "amount"  # decimal >= 0 in 万元, kept exactly


class CellRef(NamedTuple):
    """A data cell of a statutory table.  A named tuple, not a dataclass: every check and every
    edit hashes and compares hundreds of them (findings' cells, fixes, marks), and a tuple does
    that in C — a frozen dataclass's __hash__ and __eq__ are Python calls (half the findings
    panel's work on an edit)."""

    table: str
    row: int
    col: int


@dataclass(frozen=True)
class DataCell:
    """A cell of a statutory table that holds a figure, with its row and column labels."""

    row: int
    col: int
    row_label: str  # the leaf label of the row, verbatim
    col_label: str  # the leaf label of the column, verbatim
    kind: Kind = Kind.COUNT


@dataclass(frozen=True)
class SumRule:
    """``target`` must equal the sum of ``parts`` (a total cell)."""

    code: str
    target: tuple[int, int]
    parts: tuple[tuple[int, int], ...]
    subject: str  # e.g. 表三“自然人”列
    total_name: str  # e.g. （七）总计
    parts_name: str  # e.g. （一）至（六）各项之和


@dataclass(frozen=True)
class BalanceRule:
    """sum(left) must equal sum(right) (an identity between cells, neither is a total)."""

    code: str
    left: tuple[tuple[int, int], ...]
    right: tuple[tuple[int, int], ...]
    left_name: str
    right_name: str
    subject: str  # what the relation is about, e.g. the column's label


@dataclass(frozen=True)
class LayoutCell:
    """One cell of the physical table: a fixed label or a data cell, with its spans."""

    row: int
    col: int
    text: str = ""
    data: tuple[int, int] | None = None
    rowspan: int = 1
    colspan: int = 1
    header: bool = False  # part of the header rows (repeated across pages)


@dataclass(frozen=True)
class TableSpec:
    """A statutory table: its cells, layout, header rows and the sums it must satisfy."""

    key: str
    title: str
    n_rows: int
    n_cols: int
    cells: tuple[DataCell, ...]
    layout: tuple[LayoutCell, ...]
    grid_rows: int
    grid_cols: int
    header_rows: int
    col_widths: tuple[float, ...]  # relative widths of the grid columns
    sum_rules: tuple[SumRule, ...] = ()
    balance_rules: tuple[BalanceRule, ...] = ()
    row_labels: tuple[str, ...] = ()
    # A one-row table whose column labels name each cell in full (table 四: 行政复议·结果维持):
    # a cell is named by its column alone.
    named_by_column: bool = False
    _by_pos: dict[tuple[int, int], DataCell] = field(default_factory=dict, compare=False)
    totals: frozenset[tuple[int, int]] = field(default=frozenset(), compare=False)  # derived
    data_rows: frozenset[int] = field(default=frozenset(), compare=False)  # grid rows with figures
    # Derived, for the checks run on every edit: the rules (by index, in rule order) whose total
    # is a cell, and those a cell is a part of.
    _rules_at: dict[tuple[int, int], tuple[int, ...]] = field(default_factory=dict, compare=False)
    _rules_over: dict[tuple[int, int], tuple[int, ...]] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        self._by_pos.update({(c.row, c.col): c for c in self.cells})
        # Asked on every paint and edit: computed once (the declaration is immutable).
        object.__setattr__(self, "totals", frozenset(r.target for r in self.sum_rules))
        object.__setattr__(self, "data_rows", frozenset(c.row for c in self.layout if c.data is not None))
        for i, rule in enumerate(self.sum_rules):
            self._rules_at[rule.target] = (*self._rules_at.get(rule.target, ()), i)
            for part in rule.parts:
                self._rules_over[part] = (*self._rules_over.get(part, ()), i)

    def is_row_label(self, lc: LayoutCell) -> bool:
        """A label one row high beside figures: it reads from the left; headings, merged group
        labels and figures are centred (the .docx, the print and the grid agree on it)."""
        return lc.data is None and not lc.header and lc.rowspan == 1 and lc.row in self.data_rows

    def cell(self, row: int, col: int) -> DataCell | None:
        return self._by_pos.get((row, col))

    def rules_of(self, target: tuple[int, int]) -> tuple[SumRule, ...]:
        """The sum rules whose total is ``target`` (表三's corner is under two)."""
        return tuple(self.sum_rules[i] for i in self._rules_at.get(target, ()))

    def rule_numbers_of(self, target: tuple[int, int]) -> tuple[int, ...]:
        """The indices in ``sum_rules`` of the rules whose total is ``target``, in rule order."""
        return self._rules_at.get(target, ())

    def rule_numbers_over(self, part: tuple[int, int]) -> tuple[int, ...]:
        """The indices in ``sum_rules`` of the rules ``part`` is a part of, in rule order."""
        return self._rules_over.get(part, ())

    def describe(self, row: int, col: int) -> str:
        """Human name of a data cell, e.g. 表三“一、本年新收…”行“自然人”列."""
        c = self._by_pos[(row, col)]
        if self.named_by_column:
            return f"表{self.key}“{c.col_label}”"
        if c.row_label == c.col_label or not c.col_label:
            return f"表{self.key}“{c.row_label}”"
        return f"表{self.key}“{c.row_label}”行“{c.col_label}”列"
