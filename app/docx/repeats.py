"""Statutory figures a file has twice, said once each: a whole table (or part of one) copied
elsewhere in the file is one DUP-TABLE finding naming both places and how many cells differ; a
row written twice inside one table is one LABEL-EDITED repeated finding per row.

The first copy is read (app/docx/tables.py places each cell once); the second is what the
user must look at, so the message says where it is and what it would have changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from app.findings import DUP_TABLE, ROW_REPEATED, Finding, Location
from app.report import Report
from app.schema import TABLES, CellRef
from app.textfold import fold
from app.values import format_value, parse

EXAMPLES = 2  # differing cells quoted in a DUP-TABLE message


@dataclass(frozen=True)
class Repeat:
    """A statutory cell met again: where it was first placed, where again, and the text there."""

    ref: CellRef
    first: int  # the block index of the cell read
    again: int  # the block index of the one not read
    text: str


@dataclass
class Repeats:
    """Where each statutory cell was read (its block), and the cells met again after it."""

    first: dict[CellRef, int] = field(default_factory=dict)
    found: list[Repeat] = field(default_factory=list)

    def met_again(self, ref: CellRef, block: int, text: str) -> bool:
        """Whether ``ref`` was read before (then this one is a repeat, kept to be said);
        else it is read here, in ``block``."""
        if ref in self.first:
            self.found.append(Repeat(ref, self.first[ref], block, text))
            return True
        self.first[ref] = block
        return False

    def findings(self, report: Report, place: Callable[[int], str]) -> list[Finding]:
        return repeat_findings(self.found, Counter(self.first.values()), report, place)


def repeat_findings(repeats: list[Repeat], read_in: Counter[int], report: Report,
                    place: Callable[[int], str]) -> list[Finding]:
    """One finding per copied table, one per row written twice inside one table.  ``read_in``:
    how many cells each block placed of its own — a block that repeats more cells than it
    adds is a copy (of the table, or of part of it); one that adds more (a continuation part
    repeating a row of the part before) repeats rows.  ``place``: a block's name for the user."""
    out: list[Finding] = []
    copies: dict[str, list[Repeat]] = {}
    rows: dict[tuple[str, int], list[Repeat]] = {}
    again = Counter(r.again for r in repeats)
    for r in repeats:
        if r.again != r.first and again[r.again] > read_in[r.again]:
            copies.setdefault(r.ref.table, []).append(r)
        else:
            rows.setdefault((r.ref.table, r.ref.row), []).append(r)
    for table, found in copies.items():
        out.append(_copied_table(table, found, report, place))
    for (table, row), found in rows.items():
        filled = [r for r in found if fold(r.text)]
        if not filled:
            continue
        spec = TABLES[table]
        # 表四 is one row without a label: its figures given twice in one table (app/docx/halves.py).
        where = (f"表{table}“{spec.row_labels[row]}”" + ("行" if spec.n_cols > 1 else "") if spec.row_labels
                 else f"表{table}的数字")
        nums = "、".join(_cell_text(r) for r in filled)
        out.append(ROW_REPEATED.at(Location(table, tuple(r.ref for r in filled)),
                                   f"{where}重复出现，第二次的数字（{nums}）未导入"))
    return out


def _cell_text(r: Repeat) -> str:
    """“自然人2106”: the column named where the row has several."""
    spec = TABLES[r.ref.table]
    cell = spec.cell(r.ref.row, r.ref.col)
    name = cell.col_label if cell is not None and sum(1 for c in spec.cells if c.row == r.ref.row) > 1 else ""
    return f"{name}{r.text.strip()}"


def _copied_table(table: str, found: list[Repeat], report: Report, place: Callable[[int], str]) -> Finding:
    spec = TABLES[table]
    firsts = sorted({r.first for r in found})
    agains = sorted({r.again for r in found})
    differ = [r for r in found if _differs(r, report)]
    rows = {r.ref.row for r in found}
    what = f"表{table}" if len(rows) == len({c.row for c in spec.cells}) else f"表{table}的一部分（{len(rows)}行）"
    message = (f"{what}出现了两次：第一个是{'、'.join(place(i) for i in firsts)}，第二个是{'、'.join(place(i) for i in agains)}；"
               "读取的是第一个，第二个的数字未导入。")
    if differ:
        examples = "；".join(
            f"{spec.describe(r.ref.row, r.ref.col)}第一个为{_shown(report, r.ref)}，第二个为{r.text.strip() or '空白'}"
            for r in differ[:EXAMPLES])
        more = "等" if len(differ) > EXAMPLES else ""
        message += f"两个表有{len(differ)}格不同（{examples}{more}），请核对哪一个是对的，删去另一个"
    else:
        message += "两个表的数字相同，请删去其中一个"
    # The differing cells are chosen on the table's page: what the first copy says there.
    return DUP_TABLE.at(Location(table, tuple(r.ref for r in differ)), message)


def _differs(r: Repeat, report: Report) -> bool:
    """The second copy's cell says another figure than the one read (blank, “—” and text
    that is no figure are all no figure)."""
    cell = TABLES[r.ref.table].cell(r.ref.row, r.ref.col)
    assert cell is not None
    return parse(r.text, cell.kind).value != report.value(r.ref)


def _shown(report: Report, ref: CellRef) -> str:
    value = report.value(ref)
    return format_value(value) if value is not None else report.raw.get(ref, "") or "空白"
