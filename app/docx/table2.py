"""Placing table 二's numbers (app/docx/tables.py places 三 and 四): rows by their labels
under the group headings (第二十条第（一）项 …), columns by the group's header or position;
the 2019 table 二, of which only 处理决定数量 maps onto the 2021 one."""

from __future__ import annotations

import re
from functools import cache

from app.docx.blocks import TableBlock
from app.docx.fastgrid import GridCell
from app.docx.feeunit import Unit, agreed, converted, stated, with_unit, without_currency, without_unit
from app.docx.figurecols import column_numbers
from app.docx.headercols import by_name, repeated_notes
from app.docx.tables import (
    _HEADER_LIKE,
    _SHOWN_ONCE,
    Placement,
    _header_notes,
    _label_note,
    _order_note,
    _store,
    _unplaced,
)
from app.findings import AMOUNT_CONVERTED, AMOUNT_UNIT_UNKNOWN, OLD_FORMAT, Until
from app.labels import LabelIndex, key, loose, similarity
from app.report import Report
from app.schema import (
    AMOUNT_UNIT,
    OLD_FORMAT_MARKERS,
    PROACTIVE,
    T2_DECISION_ROWS,
    T2_GROUPS,
    T2_IN_FORCE_ROWS,
    T2_ITEM_HEADER,
    T2_ONLY_COL,
    TABLE2,
    CellRef,
    Kind,
)
from app.textfold import fold
from app.values import format_value, parse

T2_ROWS = LabelIndex(TABLE2.row_labels, threshold=0.8)
# A column of row numbers some templates put before the row names (序号 | 信息内容 | …), as
# folded (（1）→(1), ①→1): 1 1. 1、 (1) 一 一、 (一) 第1, or left blank.
_SEQUENCE = re.compile(r"(第?[(\[]?([0-9]{1,3}|[一二三四五六七八九十]{1,3})[)\]]?[.、,]?)?")
_SEQUENCE_HEADERS = frozenset(("序号", "编号"))
_T2_HEADER_WORDS = {key(x) for g in T2_GROUPS for x in (g[0], *g[1])} | {key(T2_ITEM_HEADER)}
# Every header label, to name the statutory one an edited header cell stands for.
_T2_HEADERS = tuple(dict.fromkeys((T2_ITEM_HEADER, *(x for g in T2_GROUPS for x in (g[0], *g[1])))))
_AMOUNTS = frozenset(c for c in TABLE2.cells if c.kind is Kind.AMOUNT)
_FEE_HEADER = next(cols[0] for _, cols, _, kind in T2_GROUPS if kind is Kind.AMOUNT)  # 本年收费金额（单位：万元）
_NOTE_LINE = 40  # a line above the table longer than this is text, not the table's note


def read_table2(block: TableBlock, report: Report, out: Placement, line_above: str = "") -> None:
    """``line_above``: the line before the table, which may state its unit (单位：件、元)."""
    if any(m in loose(block.all_text()) for m in map(loose, OLD_FORMAT_MARKERS)):
        _old_table2(block, report, out)
        return
    if len(block.rows[0] if block.rows else ()) >= _TWO_HALVES and (at := _second_half(block)) is not None:
        for half in ([row[:at] for row in block.rows], [row[at:] for row in block.rows]):
            read_table2(TableBlock.of_rows(block.index, half), report, out, line_above)
        return
    last_data = -2
    order: list[int] | None = None  # the header's columns in the file -> statutory columns
    sequence = _sequence_column(block)
    table_unit = _table_unit(block, line_above)
    header_unit: Unit | None = None  # the fee unit the last header row names
    listed = False  # rows name their column (类别｜项目｜数量): one naming none is not read by position
    compact: dict[int, str] | None = None  # one header row over every group's columns: cell -> the column it names
    for r in range(len(block.rows)):
        cells = block.distinct(r)
        if not cells:
            continue
        if sequence and len(cells) > 1 and cells[1][0] == 1:
            cells = cells[1:]  # a 序号 column before the row names: no part of the table
        texts = [c.text for _, c in cells]
        if _is_t2_header(texts):
            spread = _trimmed(texts)[1:]  # as written: a name typed twice side by side is two columns
            # A header left unmerged is as merged: its other cells empty, or its text repeated in each
            # (WPS 表格's 拆分并填充内容), a group heading's row is one cell.
            texts = [t for i, t in enumerate(texts) if not i or fold(t) != fold(texts[i - 1])]
            texts = _trimmed(texts)
            if len(texts) > 1 and texts[0].strip() and loose(texts[0]) != loose(T2_ITEM_HEADER):
                _label_note(out, PROACTIVE, texts[0], T2_ITEM_HEADER)  # the column of row names
                texts = texts[1:]
            elif len(texts) > 1:
                texts = texts[1:]
            # The unit first (a pattern): the header's likeness to the fee's (difflib, against every
            # header) only for a cell that names one — it was ~1 ms of every read for every header cell.
            header_unit = next((u for t in texts if (u := stated(t, f"表头为“{t.strip()}”", True)) and _is_fee_header(t)), None)
            # A fee header differing only by another unit is said by the unit's note, not as an edited label.
            unit_said = header_unit is not None and not header_unit.statutory
            _header_notes(out, PROACTIVE, [_FEE_HEADER if unit_said and _is_fee_header(t, exact=True) else t
                                           for t in texts], _T2_HEADERS)
            order = _t2_order(texts, out, spread)
            compact = _compact_header(spread) if order is None else None
            continue
        label = texts[0]
        hit = T2_ROWS.match_at(label, out.last_row.get(PROACTIVE, -1) + 1)
        # A figure merged down over two rows is shown once: read in its first row.
        above = last_data == r - 1
        sources = [_SHOWN_ONCE if block.continues_merge(r, j, (), above) else c for j, c in cells[1:]]
        values = [c.text for c in sources]
        last_data = r
        words = ""  # a row's words that may state the fee's unit (行政事业性收费（单位：元）｜12.5), in list-like layouts
        named = None  # the column a row of one figure names (规章｜本年制发件数｜3, or 规章本年制发件数｜3)
        if hit is None or not hit[1]:
            if (split := _composed(label)) is not None:
                hit, named, words = (split[0], True), split[1], label
        elif values and fold(values[0]) and not fold(values[0])[0].isdigit():
            if (named := _column_named(hit[0], values[0])) is not None:
                words = f"{label}{values[0]}"
                sources, values = sources[1:], values[1:]
            elif listed:
                _unplaced(out, PROACTIVE, f"{label.strip()}{values[0].strip()}", values[1:])
                continue
        if hit is None:
            if any(fold(v) for v in values) and not column_numbers(values) and not _generic_header(texts):
                _unplaced(out, PROACTIVE, label, values)  # (a 栏次 row is none, nor 项目｜数量's header)
            continue
        row, exact = hit
        out.last_row[PROACTIVE] = row
        if not exact:
            _label_note(out, PROACTIVE, label, TABLE2.row_labels[row])
        if named is not None:
            listed = True
            one = _one_figure(sources)
            if one is None:
                _unplaced(out, PROACTIVE, label, values, "填了几个不同的数（不知是哪一个）")
            else:
                _place(CellRef(PROACTIVE, row, named), one, agreed(header_unit, table_unit), report, out, words)
            continue
        if compact is not None and (picked := _under(compact, row, sources)) is not None:
            sources, words = picked, label  # under the column its header names: 行政许可's figure in 本年处理决定数量's
        width = sum(1 for c in TABLE2.cells if c.row == row)
        if width == 1 and len(sources) > 1:  # its one figure in any of the cells its header spans
            one = _one_figure(sources[:TABLE2.n_cols])
            if one is None:
                _unplaced(out, PROACTIVE, label, values, "填了几个不同的数（法定表格这一行只有一格，不知是哪一个）")
                continue
            sources = [one]
        # Under a header naming its columns in another order the figures follow the header (as
        # in 表三 and 表四); else, and in a row of another width, by position.
        columns = order if order is not None and len(values) == width == len(order) else range(width)
        for c, cell in zip(columns, sources[:width], strict=False):
            _place(CellRef(PROACTIVE, row, c), cell, agreed(header_unit, table_unit), report, out, words)


def _place(ref: CellRef, cell: GridCell, unit: Unit | None, report: Report, out: Placement, words: str = "") -> None:
    """``words``: the row's own words, whose unit (行政事业性收费（单位：元）) is the fee's over the table's."""
    if TABLE2.cell(ref.row, ref.col) in _AMOUNTS:
        own = stated(words, f"行名为“{words.strip()}”", True) if words else None
        cell = _in_statutory_unit(cell, ref, own or unit, report, out)
    _store(report, out, ref, cell)


@cache
def _row_columns() -> tuple[tuple[str, ...], ...]:
    """Each data row's statutory columns (规章: 本年制发件数, 本年废止件数, 现行有效件数)."""
    return tuple(labels for _, labels, items, _ in T2_GROUPS for _ in items)


@cache
def _one_figure_columns() -> frozenset[str]:
    return frozenset(loose(labels[0]) for _, labels, _, _ in T2_GROUPS if len(labels) == 1)


def _column_named(row: int, text: str) -> int | None:
    """The column of ``row`` a cell's words name (本年废止件数; the fee's with its unit)."""
    labels = _row_columns()[row]
    hit = _t2_column_index(labels).match(text)
    return hit[0] if hit is not None else None


def _composed(label: str) -> tuple[int, int] | None:
    """(row, column) of a label that is a row's name and its column's run together (规章本年制发件数,
    行政事业性收费本年收费金额（单位：万元）: the 项目｜数量 list some offices type for 表二)."""
    found = loose(label)
    for row, name in enumerate(TABLE2.row_labels):
        if found.startswith(lo := loose(name)) and len(found) > len(lo):
            column = _column_named(row, found[len(lo):])
            if column is not None:
                return row, column
    return None


# Words heading a column of row names or of figures in a list-like 表二 (类别｜项目｜数量): no row.
_GENERIC = frozenset(("类别", "项目", "数量", "类型", "内容", "名称", "事项", "指标", "数值", "件数", "金额", "单位"))


def _generic_header(texts: list[str]) -> bool:
    return all(key(t) in _GENERIC for t in texts if fold(t))


def _compact_header(spread: list[str]) -> dict[int, str] | None:
    """A header of one row naming columns of several groups (信息内容｜本年制发件数｜本年废止件数｜现行有效件数｜
    本年处理决定数量): each cell (after the names' column) -> the statutory column it names, folded; None
    when it names no column of a one-figure group beside another's."""
    index = _all_columns()
    named = {i: loose(index.labels[hit[0]]) for i, t in enumerate(spread) if fold(t) and (hit := index.match(t)) is not None}
    singles = _one_figure_columns()
    return named if any(n in singles for n in named.values()) and any(n not in singles for n in named.values()) else None


@cache
def _all_columns() -> LabelIndex:
    return LabelIndex(tuple(dict.fromkeys(x for _, labels, _, _ in T2_GROUPS for x in labels)), threshold=0.8)


def _under(compact: dict[int, str], row: int, sources: list[GridCell]) -> list[GridCell] | None:
    """A row's figures under the columns a compact header names: each under its own column's name;
    a one-figure row's (收费's too) under the one-figure column when its own is not named."""
    own = [loose(x) for x in _row_columns()[row]]
    at = {n: i for i, n in compact.items() if i < len(sources)}
    if all(n in at for n in own):
        return [sources[at[n]] for n in own]
    singles = [i for i, n in compact.items() if n in _one_figure_columns() and i < len(sources)]
    return [sources[singles[0]]] if len(own) == 1 and len(singles) == 1 else None


_TWO_HALVES = 6  # grid columns from which a 表二 may be two halves side by side (one is 4, or 5 with 序号)


@cache
def _half_openers() -> frozenset[str]:
    return frozenset(key(x) for x in (T2_ITEM_HEADER, *(g[0] for g in T2_GROUPS)))


def _second_half(block: TableBlock) -> int | None:
    """The grid column where the right half of a 表二 set in two halves side by side begins (（一）/（五）项
    on the left, （六）/（八）项 on the right, in one 8-column table): a column past the second where a group's
    heading or 信息内容 starts a cell, in a row that opens with one too."""
    openers = _half_openers()
    for r in range(len(block.rows)):
        row = block.rows[r]
        if key(row[0].text) not in openers:
            continue
        for j in range(2, len(row)):
            if row[j].ident != row[j - 1].ident and key(row[j].text) in openers:
                return j
    return None


def _one_figure(cells: list[GridCell]) -> GridCell | None:
    """The cell holding a one-figure row's figure (行政许可 | 本年处理决定数量 left as three plain
    cells): its one filled cell, wherever it stands; the same figure in each (WPS's 拆分并填充)
    is one; beside “—” or “/” in the others, the figure.  None: different figures."""
    filled = [c for c in cells if fold(c.text)]
    if len({fold(c.text) for c in filled}) <= 1:
        return filled[0] if filled else cells[0]
    figures = [c for c in filled if parse(c.text, Kind.AMOUNT).value is not None]
    return figures[0] if len({fold(c.text) for c in figures}) == 1 else None


def _table_unit(block: TableBlock, above: str) -> Unit | None:
    """A money unit the table states for all its figures: in a caption row (单位：件、元, above
    the header or below the figures) or in the line above it."""
    for r in range(len(block.rows)):
        texts = [c.text for _, c in block.distinct(r)]
        if not texts or "单位" not in "".join(texts) or _is_t2_header(texts) or T2_ROWS.match(texts[0]) is not None:
            continue
        if unit := stated(" ".join(texts), f"表格中写明“{' '.join(t.strip() for t in texts if t.strip())}”", False):
            return unit
    if len(above.strip()) <= _NOTE_LINE and (unit := stated(above, f"表格上方写明“{above.strip()}”", False)):
        return unit
    return None


def _is_fee_header(text: str, exact: bool = False) -> bool:
    """Whether a header cell names the fee column (本年收费金额（单位：元）); ``exact``: its words
    are the statutory ones but for the unit."""
    if exact:
        return loose(without_unit(text)) == loose(without_unit(_FEE_HEADER))
    return bool(text.strip()) and max(_T2_HEADERS, key=lambda w: similarity(text, w)) == _FEE_HEADER \
        and similarity(text, _FEE_HEADER) >= _HEADER_LIKE


def _in_statutory_unit(cell: GridCell, ref: CellRef, unit: Unit | None, report: Report, out: Placement) -> GridCell:
    """A fee figure as an amount of 万元: converted from the unit its header or its table names
    (said), kept as it is in 万元; in a unit no amount converts from, its text with the unit (the
    cell keeps it, refused and said: VALUE-INVALID) — never a figure read in another unit than
    it was written in.  A figure with its own unit (12.5万元, 125000元) is read by that unit as
    any cell is (app/values.py: another unit than 万元 refused)."""
    figure = cell.text
    if unit is None or unit.statutory or with_unit(figure):
        return cell
    figure = without_currency(figure) if unit.power is not None else figure  # ¥100 under a header in 元
    parsed = parse(figure, Kind.AMOUNT)
    if parsed.value is None:
        return cell
    label = TABLE2.row_labels[ref.row]
    if unit.power is None:
        out.note(AMOUNT_UNIT_UNKNOWN, PROACTIVE, f"表二“{label}”的金额单位为“{unit.name}”（{unit.where}），"
                 f"无法换算为{AMOUNT_UNIT}；未导入，单元格保留原文“{figure.strip()}{unit.name}”，请核对后填写", (ref,))
        return GridCell(f"{figure.strip()}{unit.name}", cell.ident, cell.notes)
    amount = converted(parsed.value, unit)  # type: ignore[arg-type]
    out.note(AMOUNT_CONVERTED, PROACTIVE, f"表二“{label}”的金额以“{unit.name}”为单位（{unit.where}）：文件中为"
             f"{figure.strip()}{unit.name}，已换算为{format_value(amount)}{AMOUNT_UNIT}导入，请核对", (ref,))
    return GridCell(format_value(amount), cell.ident, cell.notes)


def _sequence_column(block: TableBlock) -> bool:
    """Whether the table's first grid column is a 序号 column, decided once for the table (so
    a blank cell, an ordinal of any form, or a group row's 一、 in it is dropped alike): its
    header says 序号/编号, or more rows have their row label in the second column, after an
    ordinal or nothing, than in the first."""
    shifted = first = 0
    for r in range(len(block.rows)):
        cells = block.distinct(r)
        if len(cells) < 3 or cells[1][0] != 1:
            continue
        texts = [c.text for _, c in cells]
        if key(texts[0]) in _SEQUENCE_HEADERS:
            return True
        if T2_ROWS.match(texts[0]) is not None:
            first += 1
        elif _SEQUENCE.fullmatch(fold(texts[0])) and T2_ROWS.match(texts[1]) is not None:
            shifted += 1
    return shifted > first


def _t2_order(texts: list[str], out: Placement, spread: list[str]) -> list[int] | None:
    """The statutory column each header cell names, when a header names every column of a
    group with more than one (本年制发件数, 本年废止件数, 现行有效件数) once each, or names one
    twice (app/docx/headercols.py; ``spread``: the header before side-by-side repeats were taken
    for one merged cell); None otherwise (columns then read by position).  Named in another order:
    noted."""
    for _, labels, _, _ in T2_GROUPS:
        for found in (texts, spread):
            if len(labels) < 2 or len(found) != len(labels):
                continue
            hits = [_t2_column_index(labels).column(t) for t in found]
            named = [h[0] if h is not None else None for h in hits]
            if sorted(c for c in named if c is not None) == list(range(len(labels))):
                order = [c for c in named if c is not None]
            elif (guessed := by_name(named, len(labels))) is not None:
                order = [guessed[i] for i in range(len(labels))]
                repeated_notes(out, PROACTIVE, found, named, guessed, labels)
            else:
                continue
            for t, c, h in zip(found, order, named, strict=True):
                if h == c and _t2_column_index(labels).match(t) is None:  # a short name (有效, 制发): said
                    _label_note(out, PROACTIVE, t, labels[c])
            _order_note(out, PROACTIVE, order, labels)
            return order
    return None


def _trimmed(texts: list[str]) -> list[str]:
    """Without the empty cells at the end of a header row."""
    while len(texts) > 1 and not fold(texts[-1]):
        texts = texts[:-1]
    return texts


@cache
def _t2_column_index(labels: tuple[str, ...]) -> LabelIndex:
    return LabelIndex(labels, threshold=0.8)


def _is_t2_header(texts: list[str]) -> bool:
    """A group heading (第二十条第（一）项) or a column header row (信息内容 | 本年制发件数 …),
    also with its words edited: no row label and no figure, but words like the header's."""
    if key(texts[0]) in _T2_HEADER_WORDS:
        return True
    if T2_ROWS.match(texts[0]) is not None or any(fold(t) and fold(t)[0].isdigit() for t in texts[1:]):
        return False
    return any(similarity(t, w) >= _HEADER_LIKE for t in texts if t.strip() for w in _T2_HEADERS)


def _old_table2(block: TableBlock, report: Report, out: Placement) -> None:
    """The 2019 table 二: only 处理决定数量 (许可, 处罚, 强制) maps onto the 2021 table."""
    refill = tuple(CellRef(PROACTIVE, c.row, c.col) for c in TABLE2.cells
                   if not (sum(1 for x in TABLE2.cells if x.row == c.row) == 1 and c.kind is Kind.COUNT))
    out.note(
        OLD_FORMAT, PROACTIVE,
        f"表二使用了2019年旧格式（本年新制作数量/上一年项目数量等栏目）。已导入{'、'.join(T2_DECISION_ROWS)}的处理决定数量；"
        f"{'和'.join(T2_IN_FORCE_ROWS)}的{'、'.join(T2_GROUPS[0][1])}，以及{T2_GROUPS[3][2][0]}金额，需按2021年格式重新填写"
        "（填好后此条消失）",
        refill, (Until(refill),),
    )
    for r in range(len(block.rows)):
        cells = block.distinct(r)
        if len(cells) < 2:
            continue
        hit = T2_ROWS.match(cells[0][1].text)
        if hit is None:
            continue
        row = hit[0]
        first = TABLE2.cell(row, T2_ONLY_COL)
        single = sum(1 for c in TABLE2.cells if c.row == row) == 1
        if single and first is not None and first.kind is Kind.COUNT:
            _store(report, out, CellRef(PROACTIVE, row, T2_ONLY_COL), cells[-1][1])
