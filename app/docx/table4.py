"""Table 四 (行政复议、行政诉讼) read from a table block: its fifteen columns found by their group
and result labels (positionally without a header), the one data row; part of app/docx/tables.py's
reading, as app/docx/table2.py is 表二's."""

from __future__ import annotations

import re

from app.docx.blocks import TableBlock
from app.docx.fastgrid import GridCell
from app.docx.figurecols import column_numbers
from app.docx.halves import unstacked
from app.docx.headercols import T4_RESULT_INDEX as _T4_RESULT_INDEX
from app.docx.headercols import t4_repeated
from app.docx.t4grid import compact_figures
from app.docx.tables import (
    _FIGURE,
    _SHOWN_ONCE,
    _T4_HEADER_WORDS,
    _T4_HEADERS,
    LEAST_T4_COLUMNS,
    Placement,
    _complete_or_missing,
    _header_notes,
    _label_note,
    _order_note,
    _store,
)
from app.findings import ROW_UNPLACED
from app.labels import key, loose
from app.report import Report
from app.schema import REVIEWS, T4_GROUPS, T4_RESULTS, T4_ROW, TABLE4, CellRef
from app.textfold import fold


def read_table4(block: TableBlock, report: Report, out: Placement) -> None:
    """The first row after the header with a cell under every statutory column is the data
    row; columns are found from the header (group over result), positionally without one.
    行政复议's band above 行政诉讼's in one table: side by side (a copy under it: read after it)."""
    if (grid := compact_figures(block)) is not None:  # groups × results (app/docx/t4grid.py)
        for c, cell in grid.items():
            _store(report, out, CellRef(REVIEWS, T4_ROW, c), cell)
        return
    for part in unstacked(block):
        _read_table4(part, report, out)


_SHARE_MARKS = "%％﹪‰"  # what folds to a share's % (NFKC) or is ‰


def _read_table4(block: TableBlock, report: Report, out: Placement) -> None:
    n = TABLE4.n_cols
    is_header = [any(key(c.text) in _T4_HEADER_WORDS for c in row) for row in block.rows]
    header = [i for i, h in enumerate(is_header) if h]
    mapping = _t4_columns(block, header, out) if header else None
    width = n if mapping is None or len(mapping) == n else max(mapping.values()) + 1  # a column missing: narrower
    # A row of shares (占比, 纠错率: “0.5%”) above the figures is no row of 表四's counts (rev25a C3).
    shares = [any(mark in c.text for c in row[-n:] for mark in _SHARE_MARKS)  # folded only where a share may be
              and bool(t := [f for c in row[-n:] if (f := fold(c.text))]) and all(x.endswith(("%", "‰")) for x in t)
              for row in block.rows]
    # The cells a row's figures are read from: under the header's columns, else the last n (a caption
    # above a table wider than 表四 — a 备注 column — has its words in neither: it is above the header).
    under = [j for _, j in sorted(mapping.items())] if mapping is not None else None
    for r, row in enumerate(block.rows):
        if header and r < header[0]:
            continue  # a caption row (四、政府信息公开行政复议、行政诉讼情况) is no row of figures
        if is_header[r] or len(row) < width \
                or any(_is_label(c.text) for c in ([row[j] for j in under if j < len(row)] if under else row[-n:])) \
                or not any(fold(c.text) for c in row) or ((shares[r] or column_numbers([c.text for _, c in block.distinct(r)][-n:]))
                                                          and any(_FIGURE.fullmatch(fold(c.text)) for below in block.rows[r + 1:] for c in below)):
            continue  # a header, a caption row above the table, a short row, an empty spacer row, a 栏次 row
        if mapping is not None and max(mapping.values()) < len(row):
            columns = set(mapping.values())
            cells = {c: _SHOWN_ONCE if block.continues_merge(r, j, columns, False) else row[j] for c, j in mapping.items()}
        elif mapping is not None and min(mapping.values()) > 0 and len(row) >= n and not fold(row[-n].text):
            _blank_first(block, header, row, mapping, out)
            return
        else:
            distinct = [cell for _, cell in block.distinct(r)]
            cells = dict(enumerate(distinct[-n:] if len(distinct) >= n else row[-n:]))
        for c, cell in cells.items():
            _store(report, out, CellRef(REVIEWS, T4_ROW, c), cell)
        return
    # No row of figures as wide as the header: its figures are said, never left to read as blank.
    figures = [c.text for r, row in enumerate(block.rows) if not is_header[r] for _, c in block.distinct(r)
               if _FIGURE.fullmatch(fold(c.text))]
    if figures:
        out.note(ROW_UNPLACED, REVIEWS, f"表四中没有一行数字与表头的{n}列对应（各行的格数与表头不同），"
                                        f"其中的数字（{'、'.join(t.strip() for t in figures)}）未导入，请核对后手工填写")


def _blank_first(block: TableBlock, header: list[int], row: list[GridCell], mapping: dict[int, int], out: Placement) -> None:
    """A row of figures cells short of a header with a label column (“项目” over the figures'
    row: 表四 as some offices draw it), its first cell blank — most often its part after a page
    break, the header not repeated: the blank is the label's cell (a figure's cell then missing
    at the end) or 行政复议's 结果维持 left blank (the label's cell missing).  Either reading puts
    fourteen figures in the place of their neighbours; neither is taken, the figures are said."""
    n = TABLE4.n_cols
    label = next((t for r in header if (t := block.rows[r][0].text.strip())), "")
    first, last = (f"{T4_GROUPS[c // len(T4_RESULTS)]}·{T4_RESULTS[c % len(T4_RESULTS)]}" for c in (0, n - 1))
    figures = "、".join(c.text.strip() or "（空白）" for c in row[-n:])
    short = max(mapping.values()) + 1 - len(row)
    out.note(ROW_UNPLACED, REVIEWS,
             f"表四的数字行比表头少{short}格，且第一格空白：无法确定这一格是表头{f'“{label}”' if label else '第一列'}下的空白标签格"
             f"（则缺的是最后的“{last}”），还是“{first}”未填（则缺的是标签格），数字（{figures}）未导入，请核对后手工填写")


def _t4_columns(block: TableBlock, header: list[int], out: Placement) -> dict[int, int] | None:
    """Data column -> the first grid column under its group and result labels; None unless
    all fifteen are found (an extra blank or 1-twip column then does not shift anything)."""
    width = max(len(block.rows[r]) for r in header)
    mapping: dict[int, int] = {}
    short: list[tuple[int, int, str]] = []  # (data column, grid column, header) named by a short word
    leaves: dict[int, list[tuple[int, int, str]]] = {}  # group -> (leaf cell, grid column, its text)
    carried = {r: _groups_carried(block.rows[r], width) for r in header}
    for j in range(width):
        texts = [carried[r][j] for r in header]
        named = next(((hit[0], t) for t in reversed(texts) if (hit := _T4_RESULT_INDEX.column(t)) is not None), None)
        # The litigation groups first: their columns sit under “行政诉讼”, not “行政复议”; a group
        # named inside another's words too (行政诉讼（未经复议直接起诉）).
        group = next((g for g in reversed(range(len(T4_GROUPS))) if any(loose(T4_GROUPS[g]) in t for t in texts)), None)
        leaf = block.rows[header[-1]][j] if j < len(block.rows[header[-1]]) else None
        if group is not None and leaf is not None and all(i != leaf.ident for i, _, _ in leaves.get(group, [])):
            leaves.setdefault(group, []).append((leaf.ident, j, leaf.text))
        if named is None or group is None:
            continue
        if _T4_RESULT_INDEX.match(named[1]) is not None:
            mapping.setdefault(group * len(T4_RESULTS) + named[0], j)
        else:
            short.append((group * len(T4_RESULTS) + named[0], j, named[1]))
    for c, j, text in short:  # after every close name: a 小计 beside 总计 is no 总计; each said
        if c not in mapping:
            mapping[c] = j
            _label_note(out, REVIEWS, text, T4_RESULTS[c % len(T4_RESULTS)])
    columns = [f"{T4_GROUPS[c // len(T4_RESULTS)]}·{T4_RESULTS[c % len(T4_RESULTS)]}" for c in range(TABLE4.n_cols)]
    if len(mapping) < TABLE4.n_cols:
        mapping |= t4_repeated(leaves, out)
    by_column = _complete_or_missing({j: c for c, j in mapping.items()}, columns, LEAST_T4_COLUMNS, REVIEWS, out,
                                     absent=width < TABLE4.n_cols)
    _t4_labels(block, header, out, positional=by_column is None)
    if by_column is not None:
        _order_note(out, REVIEWS, [by_column[j] for j in sorted(by_column)], columns)
    return None if by_column is None else {c: j for j, c in by_column.items()}


_GROUP_WORDS = re.compile("|".join(re.escape(loose(g)) for g in T4_GROUPS))


def _groups_carried(row: list[GridCell], width: int) -> list[str]:
    """A header row's texts (``key``) by grid column, a group's name carried into the blank cells
    right of it: a header whose merges were undone (a sheet's “取消合并”, a web page without colspan)
    has 未经复议直接起诉 over its first result only — its other four are still under it."""
    out: list[str] = []
    last = ""
    for j in range(width):
        text = key(row[j].text) if j < len(row) else ""
        if text:
            last = text if _GROUP_WORDS.search(text) else ""
        out.append(text or last)
    return out


def _is_label(text: str) -> bool:
    """Words, not a (mistyped) number: several CJK characters and no digit."""
    s = fold(text)
    return sum("\u4e00" <= ch <= "\u9fff" for ch in s) >= 3 and not any(ch.isdigit() for ch in s)


def _t4_labels(block: TableBlock, header: list[int], out: Placement, positional: bool) -> None:
    _header_notes(out, REVIEWS, [c.text for r in header for _, c in block.distinct(r)], _T4_HEADERS)
    if not positional:
        return
    leaf_row = block.rows[header[-1]]  # columns placed by position: their leaves say what they should read
    n = TABLE4.n_cols
    for c, cell in enumerate(leaf_row[-n:]):
        want = T4_RESULTS[c % len(T4_RESULTS)]
        if loose(cell.text) and loose(cell.text) != loose(want) and key(cell.text) not in _T4_HEADER_WORDS:
            _label_note(out, REVIEWS, cell.text, want)
