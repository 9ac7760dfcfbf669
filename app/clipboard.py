"""Rectangular blocks of cells as Excel/WPS put them on the clipboard (tab-separated text).

Pasting is all or nothing: a block that does not fit the table from the chosen cell, or that
holds any text ``app.values.parse`` refuses, is refused whole with one reason in Chinese.
Total cells inside a block are not written (they follow their parts); a pasted total that
disagrees with the computed one is reported so the user can look.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.labels import key
from app.schema import Kind, TableSpec
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
    note: str = ""  # how the block was placed, when not simply from the chosen cell


def split_block(text: str) -> list[list[str]]:
    """Rows of cells; a trailing line break (Excel always adds one) is not an extra row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    rows = [line.split("\t") for line in text.split("\n")]
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


def _is_text(cell: str) -> bool:
    """A label's or heading's cell: words, not a figure nor a blank mark (“—”, “/”)."""
    return bool(cell.strip()) and not parse(cell, Kind.AMOUNT).ok and not cell.strip().isascii()


def labelled(spec: TableSpec, block: list[list[str]]) -> tuple[list[list[str]], list[int] | None, str]:
    """A block copied with its row labels (last year's 表三 from a spreadsheet, labels and all):
    its figures, the data row each block row belongs to by its label, and what was left out;
    ``None`` rows: not labelled, placed from the chosen cell.  Leading columns of words are
    labels, leading rows of words in the figures' columns headings.  Every row's label (its
    last one: 1.属于国家秘密 under （三）不予公开) must name a row of this table, or the block
    is refused: a row is never put where a label does not say."""
    width = max((len(r) for r in block), default=0)
    label_cols = 0
    while label_cols < width - 1 and all(not c.strip() or _is_text(c) for c in (r[label_cols] for r in block)) \
            and any(_is_text(r[label_cols]) for r in block):
        label_cols += 1
    if not label_cols:
        return block, None, ""
    rows = {key(cell.row_label): cell.row for cell in spec.cells}
    heading_rows = 0
    while heading_rows < len(block) - 1 and all(not c.strip() or _is_text(c) for c in block[heading_rows][label_cols:]):
        heading_rows += 1
    figures, targets = [], []
    for i, row in enumerate(block[heading_rows:], heading_rows + 1):
        label = next((c.strip() for c in reversed(row[:label_cols]) if c.strip()), "")
        target = rows.get(key(label)) if label else None
        if target is None:
            said = f"“{label}”" if label else "没有行标签"
            raise BlockRefused(f"粘贴内容第{i}行{said}不是表{spec.key}的行，整块未粘贴：只复制数字，或让每行的标签与本表一致")
        figures.append(row[label_cols:])
        targets.append(target)
    left = [f"行标签{label_cols}列"] + ([f"表头{heading_rows}行"] if heading_rows else [])
    return figures, targets, f"按行标签粘贴（已略去{'、'.join(left)}）"


def plan_paste(spec: TableSpec, origin: Pos, block: list[list[str]]) -> PastePlan:
    """What pasting ``block`` with its top-left at data cell ``origin`` would do; a block with
    its row labels (``labelled``) goes to its labels' rows, from ``origin``'s column."""
    block, targets, note = labelled(spec, block)
    n_rows, n_cols = len(block), max((len(r) for r in block), default=0)
    edits: list[tuple[Pos, Value]] = []
    totals: list[tuple[Pos, Value]] = []
    warnings: list[str] = []
    for i, row in enumerate(block):
        for j, text in enumerate(row):
            pos = (origin[0] + i if targets is None else targets[i], origin[1] + j)
            cell = spec.cell(*pos)
            if cell is None:
                raise BlockRefused(f"要粘贴的内容有{n_rows}行×{n_cols}列，从当前单元格起超出了表格范围，未粘贴")
            parsed = parse(text, cell.kind)
            if not parsed.ok:
                # Which cell of the block, and where it was to go: “第2行第2列” alone was read as
                # the table's own second row and column (the GUI tester, pasting at （一）予以公开).
                whole = n_rows * n_cols > 1
                at = f"粘贴内容第{i + 1}行第{j + 1}列" if whole else "粘贴内容"
                raise BlockRefused(f"{at}{parsed.problem}（要填入{spec.describe(*pos)}），{'整块' if whole else ''}未粘贴")
            if parsed.warning:
                warnings.append(parsed.problem)
            (totals if pos in spec.totals else edits).append((pos, parsed.value))
    return PastePlan(tuple(edits), tuple(totals), tuple(warnings), note)


def format_block(rows: list[list[Value]]) -> str:
    """Tab-separated text of a block, blanks empty, as Excel expects it (final line break)."""
    return "".join("\t".join(format_value(v) for v in row) + "\n" for row in rows)
