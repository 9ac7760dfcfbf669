"""A statutory table's header that names one column twice (制发｜制发｜有效, 总计 over 自然人's
figures and over 总计's): the columns named once are placed by their names, the ones named
twice take the columns no header names, left to right — a person reads the repeated name as a
slip for the missing one — and the guess is said, for all three tables alike.  Also the column
indexes the header readers share (app/docx/tables.py, table2.py), and a data row whose label is a
header's word."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.docx.blocks import TableBlock
from app.docx.fastgrid import GridCell
from app.findings import LABEL_EDITED
from app.labels import LabelIndex, key, loose, similarity
from app.patterns import lazy
from app.schema import (
    REQUESTS,
    REVIEWS,
    T3_APPLICANT,
    T3_COLS,
    T3_LEGAL,
    T3_LEGAL_KINDS,
    T3_TOTAL,
    T4_GROUPS,
    T4_RESULTS,
)
from app.textfold import fold

if TYPE_CHECKING:  # tables.py uses this module
    from app.docx.tables import Placement

T3_COL_INDEX = LabelIndex(T3_COLS, threshold=0.8)
T4_RESULT_INDEX = LabelIndex(T4_RESULTS, threshold=0.8)
HEADER_LIKE = 0.6  # similarity above which a header cell is an edited statutory header
_BARE_ROWS = {key(T3_TOTAL), key(T3_LEGAL_KINDS[-1])}  # header words that are rows' names too, written bare
_FIGURE = lazy(r"\s*[0-9][0-9,]*\s*")  # a cell holding a figure alone, as folded


def labels_only(cells: Sequence[tuple[int, GridCell]], first_data: int) -> bool:
    """Whether a row's words all stand in the label columns, left of the figures, its own label
    (the last) a word a header also has: a data row (3.其他 or （七）总计 written bare “其他”,
    “总计”), its figures blank — a header's names stand over the figures' columns."""
    words = [(j, c.text) for j, c in cells if c.text.strip() and not _FIGURE.fullmatch(fold(c.text))]
    return bool(words) and all(j < first_data for j, _ in words) and key(loose(words[-1][1])) in _BARE_ROWS


def by_name(hits: Sequence[int | None], n: int) -> dict[int, int] | None:
    """Position in the file -> statutory column (0..n-1) for a header of ``n`` columns whose
    ``hits`` are the statutory column each header cell names (None: names none).  A column named
    by one cell alone is that cell's; the rest, named twice or not at all, take the columns left
    in statutory order.  None unless some name is repeated and the counts agree — a header without
    a repeated name is left to the table's own rules."""
    if len(hits) != n:
        return None
    count = Counter(h for h in hits if h is not None)
    if not any(k > 1 for k in count.values()):
        return None
    alone = {i: h for i, h in enumerate(hits) if h is not None and count[h] == 1}
    rest = [i for i in range(n) if i not in alone]
    left = [c for c in range(n) if c not in alone.values()]
    if not alone or len(rest) != len(left):
        return None
    return {**alone, **dict(zip(rest, left, strict=True))}


def repeated_notes(out: Placement, table: str, texts: Sequence[str], hits: Sequence[int | None],
                   order: dict[int, int], names: Sequence[str]) -> None:
    """One note for each name written on several columns: which columns it was read as."""
    count = Counter(h for h in hits if h is not None)
    for name in sorted(c for c, k in count.items() if k > 1):
        where = [i for i, h in enumerate(hits) if h == name]
        written = "".join(texts[where[0]].split())  # 商业\n企业 as a person reads it
        read = [names[order[i]] for i in where]
        unnamed = "”“".join(r for r in read if r != names[name])
        out.note(LABEL_EDITED, table, f"表{table}的表头有{len(where)}列都写作“{written}”，没有“{unnamed}”："
                                      f"这{len(where)}列按先后读作“{'”“'.join(read)}”，请核对这几列的数字")


def t3_repeated(block: TableBlock, header_rows: list[int], corner: int, out: Placement) -> dict[int, int] | None:
    """Grid column -> data column when the header names one column twice (app/docx/headercols.py)."""
    leaves: dict[int, tuple[int, str]] = {}  # leaf cell -> (its first grid column, its text)
    for j in range(len(block.rows[header_rows[0]])):
        cells = [block.rows[r][j] for r in header_rows if j < len(block.rows[r])]
        leaf = next((c for c in reversed(cells) if c.text.strip()), None)
        if leaf is None or cells[0].ident == corner or any(similarity(leaf.text, g) >= HEADER_LIKE
                                                             for g in (T3_APPLICANT, T3_LEGAL)):
            continue
        leaves.setdefault(leaf.ident, (j, leaf.text))
    texts = [t for _, t in leaves.values()]
    exact = [hit[0] if (hit := T3_COL_INDEX.match(t)) is not None else None for t in texts]
    if len(set(c for c in exact if c is not None)) == sum(c is not None for c in exact):
        return None  # no name written twice: 小计 beside 总计 is _t3_columns' own rule
    # A short name (企业, 合计) stands for its column unless another header names that column in full.
    named = [c if c is not None else hit[0] if (hit := T3_COL_INDEX.column(t)) is not None and hit[0] not in exact else None
             for t, c in zip(texts, exact, strict=True)]
    order = by_name(named, len(T3_COLS))
    if order is None:
        return None
    repeated_notes(out, REQUESTS, texts, exact, order, T3_COLS)
    return {j: order[i] for i, (j, _) in enumerate(leaves.values())}


def t4_repeated(leaves: dict[int, list[tuple[int, int, str]]], out: Placement) -> dict[int, int]:
    """Data column -> grid column for each group whose header names one result twice
    (app/docx/headercols.py); the first wins in the loop, the other read as nothing."""
    mapping: dict[int, int] = {}
    for group, cells in leaves.items():
        texts = [t for _, _, t in cells]
        hits = [hit[0] if (hit := T4_RESULT_INDEX.match(t)) is not None else None for t in texts]
        order = by_name(hits, len(T4_RESULTS))
        if order is None:
            continue
        repeated_notes(out, REVIEWS, [f"{T4_GROUPS[group]}·{t.strip()}" for t in texts], hits, order, T4_RESULTS)
        mapping |= {group * len(T4_RESULTS) + order[i]: j for i, (_, j, _) in enumerate(cells)}
    return mapping
