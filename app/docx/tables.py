"""Placing the numbers of a found table into the statutory grid, by labels, not positions.

Each docx table is classified by the statutory labels it contains; a table split into parts,
or table 二 written as four small tables, is simply several tables of one kind.  Rows are
matched by their leaf label, columns by their header text (positionally where a part has no
header).  Every deviation is reported: edited labels, the 2019 layout, numbers that could not
be placed.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache, lru_cache

from app.docx.blocks import TableBlock
from app.docx.fastgrid import GridCell, shown_places
from app.docx.figurecols import column_numbers, columns_as_before, figure_columns, spread_figures
from app.docx.headercols import HEADER_LIKE as _HEADER_LIKE
from app.docx.headercols import T3_COL_INDEX, labels_only, t3_repeated
from app.docx.headercols import T4_RESULT_INDEX as _T4_RESULT_INDEX
from app.docx.linerows import cut_label as _cut
from app.docx.linerows import line_rows, t3_label
from app.docx.repeats import Repeats
from app.docx.shortrows import labelled, note_short, short_row
from app.docx.zerodecimals import whole_count
from app.findings import (
    COLUMN_MISSING,
    COLUMN_ORDER,
    LABEL_EDITED,
    OLD_FORMAT,
    ROW_ORDER,
    ROW_UNPLACED,
    Declared,
    Finding,
    Location,
    Until,
)
from app.labels import LabelIndex, key, loose, similarity
from app.patterns import lazy
from app.report import Paragraph, Report
from app.schema import (
    PROACTIVE,
    REQUESTS,
    REVIEWS,
    T2_ITEM_HEADER,
    T2_MARKERS,
    T3_APPLICANT,
    T3_COLS,
    T3_CORNER,
    T3_GROUP_LABELS,
    T3_LEGAL,
    T3_RESULT_TOTAL,
    T3_ROW_PATHS,
    T4_GROUPS,
    T4_LITIGATION,
    T4_MARKERS,
    T4_RESULTS,
    T4_REVIEW,
    TABLE3,
    TABLES,
    CellRef,
    Kind,
)
from app.textfold import fold
from app.values import parse

T3_ROWS = LabelIndex(TABLE3.row_labels)
_T3_HEADER_WORDS = {key(x) for x in (T3_CORNER, T3_APPLICANT, T3_LEGAL, *T3_COLS)}
_T4_HEADER_WORDS = {key(x) for x in (T4_REVIEW, T4_LITIGATION, *T4_GROUPS, *T4_RESULTS)}
# Every header label of each table, to name the statutory one an edited header cell stands for.
_T3_HEADERS = (T3_CORNER, T3_APPLICANT, T3_LEGAL, *T3_COLS)
_T4_HEADERS = (T4_REVIEW, T4_LITIGATION, *T4_GROUPS, *T4_RESULTS)
# Columns a header must name for a table missing the others to be read by it (the rest blank):
# fewer, and the header is not trusted to say where anything is.
LEAST_T3_COLUMNS = 4
LEAST_T4_COLUMNS = 10


@dataclass
class Placement:
    """What reading the tables of one report found, beyond the values themselves."""

    findings: list[Finding] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)  # table keys found
    placed: set[CellRef] = field(default_factory=set)

    last_row: dict[str, int] = field(default_factory=dict)  # table -> data row last placed
    block: int = -1  # the index of the block being read
    repeats: Repeats = field(default_factory=Repeats)  # cells met again, said once a table or row (app/docx/repeats.py)
    noted: dict[str, list[CellRef]] = field(default_factory=dict)  # GridCell.notes -> the cells placed with them
    t3_leaves: list[str] = field(default_factory=list)  # the row labels of 表三's last part with labels, in order
    zero_decimals: dict[str, list[tuple[CellRef, str]]] = field(default_factory=dict)  # counts written 128.00, read as 128

    def note(self, declared: Declared, table: str, message: str, cells: tuple[CellRef, ...] = (),
             until: tuple[Until, ...] = ()) -> None:
        finding = declared.at(Location(table, cells), message, until=until)
        if finding not in self.findings:  # a label edited in every group or part is one note
            self.findings.append(finding)


# A merged figure's grid positions past its first (TableBlock.continues_merge): Word shows it
# once, so it is read once, at its first position, and reads blank there (BLANK-CELL says so).
_SHOWN_ONCE = GridCell("", 0)

_T3_KEYS = tuple(loose(lab)[-8:] for lab in TABLE3.row_labels)
_T4_KEYS = T4_MARKERS
# 信息内容 heads each group of 表二 only: a group cut off by itself (信息内容 | 本年处理决定数量 over
# 行政许可, its 第二十条第（五）项 row outside it, as a PDF table drawn without sides is found) has two.
_T2_KEYS = (*T2_MARKERS, T2_ITEM_HEADER)


def classify(block: TableBlock) -> str | None:
    """Which statutory table this (part of a) table belongs to, by the labels it contains; once
    a block (a read asks each kind nine times; a grid, like its all_text, is fixed once read)."""
    if "_kind" not in block.__dict__:
        block.__dict__["_kind"] = _classify(block)
    return block.__dict__["_kind"]  # type: ignore[no-any-return]


def _classify(block: TableBlock) -> str | None:
    text = loose(block.all_text())
    scores = {
        REQUESTS: sum(1 for k in _T3_KEYS if k in text),
        REVIEWS: sum(1 for k in _T4_KEYS if k in text),
        PROACTIVE: sum(1 for k in _T2_KEYS if k in text),
    }
    best = max(scores, key=lambda k: scores[k])
    if best == REVIEWS and scores[best] >= 2 and not _names_results(block):
        return None  # 表四's groups named without its results: a list of cases (序号｜案由｜类型｜件数), no 表四
    return best if scores[best] >= 2 else None


_LEAST_RESULTS = 2  # result columns (结果维持, 纠正 …) a 表四 or a part of one names at least


def _names_results(block: TableBlock) -> bool:
    named = {hit[0] for row in block.rows for c in row if c.text.strip() and not c.text.strip().isdigit()
             and (hit := _T4_RESULT_INDEX.column(c.text)) is not None}
    return len(named) >= _LEAST_RESULTS


def _store(report: Report, out: Placement, ref: CellRef, cell: GridCell) -> None:
    text = cell.text
    if ref in out.repeats.first and fold(text) and report.tables[ref.table][(ref.row, ref.col)] is None \
            and ref not in report.raw:
        pass  # read blank before (a label merged over an empty row and the row of its figures): the figure
    elif out.repeats.met_again(ref, out.block, text):
        return
    for note in cell.notes:  # where the reader's finding about it points (app/docx/assemble.py noted)
        out.noted.setdefault(note, []).append(ref)
    statutory = TABLES[ref.table].cell(ref.row, ref.col)
    assert statutory is not None
    parsed = parse(text, statutory.kind)
    if not parsed.ok and statutory.kind is Kind.COUNT and (whole := whole_count(text)) is not None:
        # Excel's “0.00” format pasted into Word: a person reads 128.00 as 128 (128.50 stays refused)
        parsed = parse(whole, Kind.COUNT)
        out.zero_decimals.setdefault(ref.table, []).append((ref, text.strip()))
    places = shown_places(cell.notes)
    if places and isinstance(parsed.value, Decimal) and parsed.value == parsed.value.to_integral_value():
        parsed = replace(parsed, value=parsed.value.quantize(Decimal(1).scaleb(-places)))  # 100.00 as shown
    report.tables[ref.table][(ref.row, ref.col)] = parsed.value
    if parsed.problem:
        report.raw[ref] = text.strip()
    out.placed.add(ref)


def _label_note(out: Placement, table: str, found: str, statutory: str) -> None:
    out.note(
        LABEL_EDITED,
        table,
        f"表{table}的法定标签被改动：文件中为“{found.strip()}”，应为“{statutory}”",
    )


def _header_notes(out: Placement, table: str, texts: list[str], statutory: tuple[str, ...]) -> None:
    """Header cells whose words differ from the statutory header they stand for (the nearest
    by wording); cells like none of them (an added 备注 column) are no edit of a label."""
    want = {loose(w) for w in statutory}
    for text in dict.fromkeys(t for t in texts if t.strip()):
        if loose(text) in want or key(text) in {key(w) for w in statutory}:
            continue
        best = max(statutory, key=lambda w: similarity(text, w))
        if similarity(text, best) >= _HEADER_LIKE:
            _label_note(out, table, text, best)


def _unplaced(out: Placement, table: str, label: str, values: list[str], why: str = "") -> None:
    """``why``: what the row is, when its label was placed but not its figures."""
    nums = "、".join(v.strip() for v in values if fold(v))
    if nums:
        row = (f"“{label.strip()}”一行{why}" if why else f"“{label.strip()}”一行无法对应到法定表格" if label.strip()
               else "有一行没有行名（无法对应到法定表格）")
        out.note(ROW_UNPLACED, table, f"表{table}中{row}，其中的数字（{nums}）未导入，请核对后手工填写")


# -- table 三 ------------------------------------------------------------------------------------

def _t3_columns(block: TableBlock, header_rows: list[int], out: Placement,
                prev: dict[int, int] | None = None) -> dict[int, int] | None:
    """Grid column -> data column, from the header's leaf labels (a leaf reworded beyond
    recognition takes the column left over in statutory order); None if incomplete.  A part
    after the first whose header repeats some of its columns where they were (only the row of
    商业企业…其他) has the first part's columns."""
    mapping: dict[int, int] = {}
    width = len(block.rows[header_rows[0]]) if header_rows else 0
    first = block.rows[header_rows[0]][0] if width else None
    # (申请人情况 over every column: a part of 表三's columns without its row names has no corner)
    corner = first.ident if first is not None and _header_key(first.text) != key(T3_APPLICANT) else -1
    unmatched: list[int] = []
    short: list[tuple[int, str]] = []  # (grid column, header) named by no statutory column closely
    texts_all: list[str] = []
    grouped = False  # a column whose lowest header names a group, not a column (法人或其他组织商业企业; a turned table)
    lumped: list[int] = []  # a column of its own headed 法人或其他组织: the five kinds' sum (自然人｜法人或其他组织｜总计)
    for j in range(width):
        cells = [block.rows[r][j] for r in header_rows if j < len(block.rows[r])]
        texts_all += [c.text for c in cells]
        leaf = next((c for c in reversed(cells) if c.text.strip()), None)  # the lowest is the most specific
        if leaf is None or cells[0].ident == corner:
            continue
        if similarity(leaf.text, T3_APPLICANT) >= _HEADER_LIKE or similarity(leaf.text, T3_LEGAL) >= _HEADER_LIKE:
            grouped = True
            row = next(block.rows[r] for r in header_rows if j < len(block.rows[r]) and block.rows[r][j] is leaf)
            lumped += [j] if key(leaf.text) == key(T3_LEGAL) and sum(c.ident == leaf.ident for c in row) == 1 else []
            continue
        hit = T3_COL_INDEX.match(leaf.text)
        if hit is not None and hit[0] not in mapping.values():
            mapping[j] = hit[0]
        elif hit is None:
            short.append((j, leaf.text))
    # Short names and other words (企业, 合计) after every name close to a statutory one: a 小计 beside
    # 总计 is no 总计.  Each said.
    for j, text in short:
        hit = T3_COL_INDEX.column(text)
        if hit is not None and hit[0] not in mapping.values():
            mapping[j] = hit[0]
            _label_note(out, REQUESTS, text, T3_COLS[hit[0]])
        elif not any(block.rows[header_rows[-1]][u].ident == block.rows[header_rows[-1]][j].ident for u in unmatched):
            unmatched.append(j)
    missing = [c for c in range(len(T3_COLS)) if c not in mapping.values()]
    if missing and (named_twice := t3_repeated(block, header_rows, corner, out)) is not None:
        mapping, missing = named_twice, []
    if missing and len(unmatched) == len(missing):
        for j, c in zip(unmatched, missing, strict=True):
            mapping[j] = c
            written = next(b.text for b in reversed([block.rows[r][j] for r in header_rows]) if b.text.strip())
            _label_note(out, REQUESTS, written, T3_COLS[c])
    _header_notes(out, REQUESTS, texts_all, _T3_HEADERS)
    # (a narrower part than the one before cannot be read by its grid columns: a second, partial 表三)
    narrower = prev is not None and max(prev, default=0) >= width
    if prev is not None and not narrower and len(set(prev.values())) == len(T3_COLS) \
            and all(prev.get(j) == c for j, c in mapping.items()):
        return prev
    # No header cell left over for a missing column: the table has none for it.
    # A first part naming a few columns exactly, the others absent: 表三's columns set out in two tables one
    # under the other (自然人…科研机构, then the rest); its note withdrawn once another part has them (assemble.py).
    # (only where the named columns are all the part's figures stand in: not a header two lines of text cut apart)
    few = (prev is None or narrower) and not grouped and set(figure_columns(block, len(mapping)) or ()) == set(mapping)
    # 法人或其他组织 as one column beside some statutory ones (an office's own 自然人｜法人或其他组织｜总计): the
    # columns it names read, the sum column said — it cannot be parted among the five kinds.
    lump = bool(lumped) and prev is None and bool(mapping) \
        and set(figure_columns(block, len(mapping) + len(lumped)) or ()) == set(mapping) | set(lumped)
    used = _complete_or_missing(mapping, T3_COLS, 1 if lump else 2 if few else LEAST_T3_COLUMNS, REQUESTS, out,
                                absent=not unmatched)
    if lump and used is not None:
        kinds = [c for c in range(len(T3_COLS)) if c not in used.values()]
        out.note(COLUMN_MISSING, REQUESTS, f"表三的“{T3_LEGAL}”列是“{'”“'.join(T3_COLS[c] for c in kinds)}”的合计，"
                 "法定表格要分列填写，这一列的数字无法分到各列，未导入；请按各列分别填写",
                 tuple(CellRef(REQUESTS, r, c) for r in range(len(T3_ROW_PATHS)) for c in kinds))
    if used is not None:
        _order_note(out, REQUESTS, [used[j] for j in sorted(used)], T3_COLS)
    return used


def _complete_or_missing(mapping: dict[int, int], columns: tuple[str, ...] | list[str], least: int, table: str,
                         out: Placement, absent: bool) -> dict[int, int] | None:
    """The header's mapping when it names every statutory column; when it names most and
    the table has no column for the others (``absent``: a 总计 column left out), read by the
    header and the rest noted; else None (the columns are then read by position)."""
    found = set(mapping.values())
    if len(found) == len(columns):
        return mapping
    if len(found) < least or not absent:
        return None
    lacking = [c for c in range(len(columns)) if c not in found]
    missing = "”“".join(columns[c] for c in lacking)
    spec = TABLES[table]
    # A total column left out is computed from its parts (app/docx/assemble.py); any other stays blank.
    totals = [c for c in lacking if all(pos in spec.totals for pos in ((x.row, x.col) for x in spec.cells if x.col == c))]
    then = ("少的合计列按明细自动计算" if len(totals) == len(lacking) else
            "少的列为空白，请在编辑器中填写" if not totals else "少的合计列按明细自动计算，其余少的列为空白，请在编辑器中填写")
    out.note(COLUMN_MISSING, table, f"表{table}没有“{missing}”列（文件中的表格少了这些列），其余各列按表头导入，{then}",
             tuple(CellRef(table, x.row, x.col) for x in spec.cells if x.col in lacking))
    return mapping


def read_table3(
    block: TableBlock, report: Report, out: Placement, prev: dict[int, int] | None
) -> dict[int, int] | None:
    """Place one part of table 三; returns the column mapping for a following headerless part."""
    header_rows: list[int] = []
    # A headerless part laid out otherwise than the one before: its figures' columns (app/docx/figurecols.py).
    fresh = None if prev is None or _is_t3_header([c.text for _, c in block.distinct(0)]) else columns_as_before(block, prev)
    mapping = fresh if fresh is not None else prev
    resolved = False  # the header is read once, at the first row after it
    n = len(T3_COLS)
    rows: list[tuple[dict[int, str], dict[int, GridCell]]] = []  # labels by grid column, figures by data column
    bare: list[dict[int, GridCell]] = []  # rows of a part without label columns (表三's other columns)
    short: list[str] = []  # the labels of rows with fewer cells than the header's columns
    figured = False  # a row of figures read
    for r in range(len(block.rows)):
        cells = block.distinct(r)
        texts = [c.text for _, c in cells]
        if _is_t3_header(texts) and not (resolved and mapping and labels_only(cells, min(mapping))) \
                and not (figured and sum(1 for t in texts if t.strip()) == 1 and labels_only(cells, len(cells) - n)):
            if resolved and r - 1 not in header_rows and _other_columns(block, r, header_rows):
                # Another part's header below figures: the part above read alone (its header's columns
                # judged by its own figures), then the rest as the part after it
                head = read_table3(TableBlock.of_rows(block.index, block.rows[:r]), report, out, prev)
                return read_table3(TableBlock.of_rows(block.index, block.rows[r:]), report, out, head)
            header_rows.append(r)
            continue
        if (header_rows or prev is not None) and len(cells) == 1 and len(block.rows[r]) > n and texts[0].strip() \
                and T3_ROWS.match(texts[0]) is None:
            # One cell across the table under its header (注：本表数据截至…): a note, no row of figures; kept as
            # the section's text (a caption above the header is passed over, as before).
            report.sections[REQUESTS].append(Paragraph.plain(texts[0].strip()))
            continue
        if header_rows and not resolved:
            mapping, resolved = _t3_columns(block, header_rows, out, prev) or prev, True
            if mapping and prev and not set(mapping.values()) & set(prev.values()):
                out.last_row.pop(REQUESTS, None)  # other columns (表三 split by columns): its rows start again
        grid_row = block.rows[r]
        if mapping is not None and max(mapping) < len(grid_row):
            first_data = min(mapping)
            above = r - 1 not in header_rows
            values = {mapping[j]: _SHOWN_ONCE if block.continues_merge(r, j, mapping, above) else grid_row[j]
                      for j in mapping}
            if values.get(1) is _SHOWN_ONCE:  # (a row's figures in one cell across the columns, a converter's)
                values = spread_figures(values, _SHOWN_ONCE) or values
            labels = {j: c.text for j, c in cells if j < first_data and c.text.strip()}
        elif (read := short_row(cells, grid_row, mapping, n)) is not None:  # (app/docx/shortrows.py)
            labels, values = read
            short += [list(labels.values())[-1]] if labels else []
        else:  # no usable header: the last n cells are the data columns, in statutory order
            values = {c: cells[len(cells) - n + c][1] for c in range(n)} if len(cells) > n else {}
            labels = {j: t for j, t in enumerate(texts[:-n]) if t.strip()}
        rows += [(labels, values)] if values and labels else []
        figured = figured or any(fold(c.text) for c in values.values())  # (a bare 其他 after it is a row: no mapping to say so)
        bare += [values] if values and not labels and mapping is not None and min(mapping) == 0 else []
    if bare and not rows:
        rows = labelled(bare, out)
    leaves_read: list[str] = []
    for leaves, values in line_rows(rows, lambda x: (hit := T3_ROWS.match(_leaf(x))) is not None and hit[1], t3_label):
        leaf = _leaf(leaves)
        leaves_read.append(leaf)
        if not (column_numbers([c.text for c in values.values()]) and T3_ROWS.match(leaf) is None):
            _t3_row(leaf, values, report, out)  # (a form's 栏次 row, “栏次 | 1 | 2 …”, is none)
    if leaves_read and not bare:
        out.t3_leaves = leaves_read
    note_short(out, short)
    return mapping


def _other_columns(block: TableBlock, r: int, header_rows: list[int]) -> bool:
    """Whether a header row met below figures names only columns the header above does not (社会公益组织…总计
    under 自然人…科研机构's rows: two parts one under the other that a PDF or web page joins into one table) —
    not a header repeated on each page."""
    def named(rows: list[int]) -> set[int]:
        return {hit[0] for x in rows for _, c in block.distinct(x)
                if c.text.strip() and (hit := T3_COL_INDEX.match(c.text)) is not None}
    run = [r, *itertools.takewhile(lambda x: _is_t3_header([c.text for _, c in block.distinct(x)]),
                                   range(r + 1, min(r + 4, len(block.rows))))]
    below = named(run)
    return bool(below) and not below & named(header_rows)


def more_columns(block: TableBlock, before: str | None) -> bool:
    """Whether a table after 表三 is more of its columns without its row names (社会公益组织…总计 under a
    header of its own, its rows those of the part before): a header row of 表三 among its first rows."""
    return before == REQUESTS and any(_is_t3_header([c.text for _, c in block.distinct(r)]) for r in range(min(4, len(block.rows))))


_ITEM_NUMBER = lazy(r"\s*([0-9]{1,2})\s*[.、．]?\s*")


def _leaf(labels: list[str]) -> str:
    """A row's own label: its last label cell, with the item number typed in a cell of its own
    before it (“1.” | “属于国家秘密”) put back in front, as the format writes it — only where the
    two are then a statutory label word for word: a 序号 column's number before a label of its
    own (“1” | “一、本年新收…”) is no part of it."""
    number = _ITEM_NUMBER.fullmatch(fold(labels[-2])) if len(labels) > 1 else None
    if number is None:
        return labels[-1] if len(labels) < 2 or _exact(labels[-1]) else _cut(labels)
    joined = f"{number.group(1)}.{labels[-1].strip()}"
    hit = T3_ROWS.match(joined)
    return joined if hit is not None and hit[1] else labels[-1]


def _exact(label: str) -> bool:
    hit = T3_ROWS.match(label)
    return hit is not None and hit[1]


def _is_t3_header(texts: list[str]) -> bool:
    """A header row names the applicant columns and no statutory row (a merged header cell
    carried into a data row by a stray vertical merge does not make it a header).  A column's
    unit after its name (“总计（件）”, “其他（件）”) keeps it a header's: taken for 3.其他 or
    （七）总计, the row was a data row, its labels said to be figures not read."""
    # (or the first four cells written where the row starts blank: an unmerged header — a sheet
    # whose merges were undone, a system's export — has blanks where the corner and 申请人情况 stood)
    if not any(_header_key(t) in _T3_HEADER_WORDS for t in texts[:4]) and (
            # (a data row starts with its label, or holds figures: looked no further)
            not texts or texts[0].strip() or any(t.isdigit() for t in texts)
            or not any(_header_key(t) in _T3_HEADER_WORDS for t in itertools.islice((t for t in texts if t.strip()), 4))):
        return False
    figures = sum(1 for t in texts if _FIGURE.fullmatch(fold(t)))
    words = sum(1 for t in texts if t.strip() and not _FIGURE.fullmatch(fold(t)))
    if figures and figures >= words:
        # Figures under the columns: a data row (“其他” | 1 | 4 …: 3.其他 typed without its number).
        # A header's names with a stray figure beside them (a sheet's work cells) stay a header.
        return False
    return not any(T3_ROWS.match(t) for t in texts if t.strip() and _header_key(t) not in _T3_HEADER_WORDS)


_FIGURE = lazy(r"\s*[0-9][0-9,]*\s*")  # a cell holding a figure alone, as folded


_UNIT = lazy(r"\((?:单位[:：])?(?:件|个|人|家|条|次|项|宗)(?:数)?\)$")  # loose() has folded （）to ()


@lru_cache(maxsize=4096)  # the same header words in every report (a batch reads hundreds)
def _header_key(text: str) -> str:
    return key(_UNIT.sub("", loose(text)))


@cache  # not at import: key() compiles its patterns on first use
def _t3_group_keys() -> frozenset[str]:
    return frozenset(key(g) for g in T3_GROUP_LABELS)


def _t3_row(leaf: str, cells: dict[int, GridCell], report: Report, out: Placement) -> None:
    values = {c: cell.text for c, cell in cells.items()}
    if key(leaf) in _t3_group_keys():
        if any(fold(v) for v in values.values()):
            nums = "、".join(f"{T3_COLS[c]}{values[c].strip()}" for c in sorted(values) if fold(values[c]))
            until = _spread(leaf, values)
            out.note(
                OLD_FORMAT, REQUESTS,
                f"表三“{leaf.strip()}”按2019年旧格式只有一行（{nums}），2021年格式要求分项填写，请重新填写其下各项"
                f"（各项填好、合计与原数相符后此条消失）",
                tuple(c for u in until for c in u.cells), until,
            )
        return
    hit = T3_ROWS.match_at(leaf, out.last_row.get(REQUESTS, -1) + 1)
    if hit is None:
        _unplaced(out, REQUESTS, leaf, list(values.values()))
        return
    row, exact = hit
    before = out.last_row.get(REQUESTS, -1)
    if row < before and not any(CellRef(REQUESTS, row, c) in out.placed for c in values):  # not a repeat
        out.note(ROW_ORDER, REQUESTS, f"表三的行顺序与法定顺序不同：“{TABLE3.row_labels[row]}”一行在"
                                      f"“{TABLE3.row_labels[before]}”之后；数字按各行的标签导入，保存时按法定顺序写出")
    out.last_row[REQUESTS] = row
    if not exact:
        _label_note(out, REQUESTS, leaf, TABLE3.row_labels[row])
    for c, cell in cells.items():
        _store(report, out, CellRef(REQUESTS, row, c), cell)


def _spread(group: str, values: dict[int, str]) -> tuple[Until, ...]:
    """The 2021 rows under a 2019 one-row group, column by column: filled, adding up to the
    old row's figure."""
    rows = [r for r, p in enumerate(T3_ROW_PATHS)
            if r != T3_RESULT_TOTAL and any(key(x) == key(group) for x in p[:-1])]
    out = []
    for c in sorted(values):
        if fold(values[c]):
            total = parse(values[c], Kind.COUNT).value
            out.append(Until(tuple(CellRef(REQUESTS, r, c) for r in rows), total))
    return tuple(out)


def _order_note(out: Placement, table: str, columns: list[int], names: tuple[str, ...] | list[str]) -> None:
    """Noted when the file's columns (statutory column numbers, left to right) stand in
    another order; the message names the ones out of place, as the file has them and as the
    format orders them."""
    want = sorted(columns)
    if columns == want:
        return
    moved = [i for i, (c, w) in enumerate(zip(columns, want, strict=True)) if c != w]
    found, statutory = "”“".join(names[columns[i]] for i in moved), "”“".join(names[want[i]] for i in moved)
    out.note(COLUMN_ORDER, table, f"表{table}的列顺序与法定顺序不同：文件中为“{found}”，法定顺序为“{statutory}”；"
                                  "数字按各列的表头导入，保存时按法定顺序写出")
