"""Rectangular blocks of cells as Excel/WPS put them on the clipboard (tab-separated text).

Pasting is all or nothing: a block that does not fit the table from the chosen cell, or that
holds any text ``app.values.parse`` refuses, is refused whole with one reason in Chinese.
Total cells inside a block are not written (they follow their parts); a pasted total that
disagrees with the computed one is reported so the user can look.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.schema import TableSpec
from app.values import Value, format_value, parse

Pos = tuple[int, int]


class BlockRefused(Exception):
    """The block cannot be pasted; str(err) is the reason, in Chinese."""


@dataclass(frozen=True)
class PastePlan:
    """What pasting a block of cells would do, before it is done."""

    edits: tuple[tuple[Pos, Value], ...]  # data cells to set, in block order
    totals: tuple[tuple[Pos, Value], ...]  # totals the block stated (not written)
    warnings: tuple[str, ...]  # blank-like marks and similar, already accepted


def split_block(text: str) -> list[list[str]]:
    """Rows of cells; a trailing line break (Excel always adds one) is not an extra row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    rows = [line.split("\t") for line in text.split("\n")]
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


def plan_paste(spec: TableSpec, origin: Pos, block: list[list[str]]) -> PastePlan:
    """What pasting ``block`` with its top-left at data cell ``origin`` would do."""
    n_rows, n_cols = len(block), max((len(r) for r in block), default=0)
    edits: list[tuple[Pos, Value]] = []
    totals: list[tuple[Pos, Value]] = []
    warnings: list[str] = []
    for i, row in enumerate(block):
        for j, text in enumerate(row):
            pos = (origin[0] + i, origin[1] + j)
            cell = spec.cell(*pos)
            if cell is None:
                raise BlockRefused(f"要粘贴的内容有{n_rows}行×{n_cols}列，从当前单元格起超出了表格范围，未粘贴")
            parsed = parse(text, cell.kind)
            if not parsed.ok:
                raise BlockRefused(f"第{i + 1}行第{j + 1}列{parsed.problem}，整块未粘贴")
            if parsed.warning:
                warnings.append(parsed.problem)
            (totals if pos in spec.totals else edits).append((pos, parsed.value))
    return PastePlan(tuple(edits), tuple(totals), tuple(warnings))


def format_block(rows: list[list[Value]]) -> str:
    """Tab-separated text of a block, blanks empty, as Excel expects it (final line break)."""
    return "".join("\t".join(format_value(v) for v in row) + "\n" for row in rows)
