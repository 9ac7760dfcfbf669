"""The report: metadata, narrative sections as styled paragraphs, and the table values.

Totals: a total cell holds the value the file stated until the user accepts the computed one.
Totals that agreed with their parts (or were accepted) follow their parts on every edit; those
that disagreed are *pinned* so that a wrong total in a file is shown, never silently fixed.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.schema import ALL_TEXT_KEYS, TABLES, TITLE_SUFFIX, CellRef, Kind
from app.values import Value, as_number, format_value, parse, zero

if TYPE_CHECKING:
    from app.docx.properties import FileProperties

# Numbering that opens a heading: “一、…” and “（一）…” (the reader and the editor's paste both ask).
HEADING1_NUMBER = re.compile(r"^[一二三四五六七八九十]+、")
HEADING2_NUMBER = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")


# Characters XML forbids and the printer would draw as boxes: neither rendering shows them.  Half
# a surrogate pair among them (a PDF's ToUnicode map can give one): UTF-8 cannot encode it, and
# the .docx could not be saved at all.
UNWRITABLE = re.compile(r"[\x00-\x08\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A line break inside a paragraph: the .docx holds it as w:br, which every reading starts a new
# paragraph at.
_LINE_BREAKS = re.compile(r"\r\n|[\n\x0b]")
# One look for what reading a paragraph from a file may change: the characters XML forbids, a line
# break, a look-alike of an ideograph (app/lookalikes.py; its ranges).
_LOOKALIKES = "\u2e80-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f"
_UNSAVED = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff\r\n{_LOOKALIKES}]")


def as_saved(paragraphs: list[Paragraph], read: bool = False) -> list[Paragraph]:
    """``paragraphs`` as a saved .docx gives them back: the characters it cannot hold dropped,
    each line of a paragraph with line breaks a paragraph of its own (as the .docx reader reads
    a w:br), runs kept.  Applied when a file is read, so that what the reader read is what a
    save and reopen gives back — a text or web copy's stray control or vertical tab (Word's
    Shift+Enter pasted as text) no longer changes at the first save.  ``read``: the text was
    read from another's file, whose look-alikes of ideographs (a PDF's ⼈ for 人) are written
    as the common characters (``read_text``)."""
    out: list[Paragraph] = []
    for p in paragraphs:
        text = p.text
        if not (_UNSAVED if read else _UNSAVED_OWN).search(text):
            out.append(p)
            continue
        line: list[Run] = []
        lines = [line]
        for r in p.runs:
            for k, piece in enumerate(_LINE_BREAKS.split(read_text(r.text) if read else UNWRITABLE.sub("", r.text))):
                if k:
                    line = []
                    lines.append(line)
                if piece:
                    line.append(Run(piece, r.bold, r.italic, r.underline))
        out += [Paragraph(runs, p.kind if i == 0 else numbered_kind("".join(x.text for x in runs)))
                for i, runs in enumerate(lines) if "".join(x.text for x in runs).strip()]  # blank lines: none
    return out


_UNSAVED_OWN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff\r\n]")
_LOOKALIKE = re.compile(f"[{_LOOKALIKES}]")


def read_text(text: str) -> str:
    """A line read from another's file as it is kept: ``saved_text``'s characters dropped, and
    the look-alikes of ideographs a PDF's text layer gives (⼈ U+2F08 for 人, ⻓ for 长) written
    as the characters a person reads (app/lookalikes.py, loaded only for such text)."""
    text = UNWRITABLE.sub("", text)
    if _LOOKALIKE.search(text) is None:
        return text
    from app.lookalikes import common_forms

    return common_forms(text)


def saved_text(text: str) -> str:
    """A line of text (the organ, a cell's) as a saved .docx gives it back: what XML cannot hold
    dropped, a vertical tab the line break the save writes it as."""
    return _LINE_BREAKS.sub("\n", UNWRITABLE.sub("", text))


UNTITLED = "未命名报告"  # a report that names neither organ nor year (window title, file names)

class ParaKind(enum.Enum):
    BODY = "body"
    HEADING1 = "h1"  # “一、…” inside a narrative section
    HEADING2 = "h2"  # starts with “（一）…”: its leading sentence is set in 楷体


def numbered_kind(text: str) -> ParaKind:
    """The kind a paragraph's own numbering gives it, where nothing else says (another's file,
    a paste): “（一）…” a sub-heading; a short “一、…” line a heading; a long “一、…” paragraph,
    or one with a sentence inside, is body text that opens with a number."""
    text = text.strip()
    if HEADING2_NUMBER.match(text):
        return ParaKind.HEADING2
    if HEADING1_NUMBER.match(text) and len(text) <= 40 and "。" not in text.rstrip("。"):
        return ParaKind.HEADING1
    return ParaKind.BODY


@dataclass
class Run:
    """A stretch of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False

    def same_style(self, other: Run) -> bool:
        return (self.bold, self.italic, self.underline) == (other.bold, other.italic, other.underline)


@dataclass
class Paragraph:
    """A paragraph of a section: its runs and kind (body, heading…)."""

    runs: list[Run] = field(default_factory=list)
    kind: ParaKind = ParaKind.BODY

    @classmethod
    def plain(cls, text: str, kind: ParaKind = ParaKind.BODY) -> Paragraph:
        return cls([Run(text)] if text else [], kind)

    @property
    def text(self) -> str:
        runs = self.runs
        # Read for every paragraph by every check run: most paragraphs are one run.
        return runs[0].text if len(runs) == 1 else "".join([r.text for r in runs])

    def normalized(self) -> Paragraph:
        """Adjacent runs of one style merged, empty runs dropped (so equality means content)."""
        out: list[Run] = []
        for r in self.runs:
            if not r.text:
                continue
            if out and out[-1].same_style(r):
                out[-1] = Run(out[-1].text + r.text, r.bold, r.italic, r.underline)
            else:
                out.append(Run(r.text, r.bold, r.italic, r.underline))
        return Paragraph(out, self.kind)


Grid = dict[tuple[int, int], Value]


def empty_tables() -> dict[str, Grid]:
    return {key: {(c.row, c.col): None for c in spec.cells} for key, spec in TABLES.items()}


@dataclass
class Report:
    """One annual report: its organ, year, dates, the six sections' text and the statutory tables."""

    organ: str = ""
    year: int | None = None
    date: dt.date | None = None
    sections: dict[str, list[Paragraph]] = field(
        default_factory=lambda: {k: [] for k in ALL_TEXT_KEYS}
    )
    tables: dict[str, Grid] = field(default_factory=empty_tables)
    # Cell text from a file that was not a clean number (kept to report it; value is blank).
    raw: dict[CellRef, str] = field(default_factory=dict, compare=False)
    pinned: set[CellRef] = field(default_factory=set, compare=False)
    # What the reader noticed (old layout, edited labels, unplaced numbers, a doubled body).
    import_findings: list = field(default_factory=list, compare=False)  # list[Finding]
    written_by_editor: bool = field(default=False, compare=False)  # read from a file we wrote
    # The editor's own data kept inside the .docx, one JSON value per feature (app/docx/custom.py).
    extras: dict[str, Any] = field(default_factory=dict, compare=False)
    # The .docx's document properties a save keeps (its created time, author: app/docx/properties.py);
    # None until a .docx is read or the report first saved.
    file_properties: FileProperties | None = field(default=None, compare=False)

    # -- values ---------------------------------------------------------------------------------
    def value(self, ref: CellRef) -> Value:
        return self.tables[ref.table][(ref.row, ref.col)]

    def has_figures(self) -> bool:
        """Whether any cell of the statutory tables holds a figure (a mark such as “—” is none)."""
        return any(v is not None for grid in self.tables.values() for v in grid.values())

    def set_value(self, ref: CellRef, value: Value) -> None:
        """An edit: store the value, forget the file's raw text, recompute the free totals."""
        spec = TABLES[ref.table]
        cell = spec.cell(ref.row, ref.col)
        if cell is None:
            raise KeyError(ref)
        if value is not None and cell.kind is Kind.COUNT and not isinstance(value, int):
            raise TypeError("count cells hold integers")
        self.tables[ref.table][(ref.row, ref.col)] = value
        self.raw.pop(ref, None)
        if (ref.row, ref.col) in spec.totals:
            self.pinned.add(ref)  # a total set by hand is kept as set; recompute unpins it if it agrees
        self.recompute(ref.table, totals_over(ref.table, (ref.row, ref.col)))

    def accept_computed(self, ref: CellRef) -> None:
        """按明细重算: a pinned total follows its parts again, and so does every wrong total
        beneath it (``recomputed_totals``), so that it is not recomputed from a wrong one."""
        todo = recomputed_totals(self.tables[ref.table], ref.table, (ref.row, ref.col))
        for pos in todo:
            self.pinned.discard(CellRef(ref.table, *pos))
        self.recompute(ref.table, set(todo) | totals_over(ref.table, (ref.row, ref.col)))

    def recompute(self, table: str, edited: set[tuple[int, int]] | frozenset[tuple[int, int]] = frozenset()) -> None:
        """Every total not pinned takes the sum of its parts (in rule order).  Over parts all
        blank a total is blank when it is among ``edited`` (those over an edited cell, at any
        depth, or recomputed on request): typing 5 and deleting it leaves no 0 behind to count
        as a figure.  Any other total the file states (0 over blank parts) stays as it has it."""
        spec = TABLES[table]
        grid = self.tables[table]
        for rule in spec.sum_rules:
            ref = CellRef(table, *rule.target)
            computed = computed_sum(grid, rule.parts)
            if ref in self.pinned:
                # A total under two rules (表三's corner) is unpinned only when it agrees with both:
                # else the other rule would overwrite the figure it was pinned at.
                if any(as_number(grid[r.target]) != as_number(computed_sum(grid, r.parts))
                       for r in spec.rules_of(rule.target)):
                    continue
                self.pinned.discard(ref)  # it agrees again: from now on it follows its parts
            if computed is None and grid[rule.target] is not None and rule.target not in edited:
                computed = 0  # all parts blank, none of them edited: a stated total stays a number
            grid[rule.target] = computed

    def pin_disagreeing_totals(self, absent: frozenset[CellRef] | set[CellRef] = frozenset()) -> None:
        """After reading a file: the totals that disagree with their parts stay as stated.

        ``absent``: cells the file has no cell for (a 总计 column or row left out of its table).
        A total among them is no figure of the file's to keep: it is the editor's, computed
        from the parts at once and following them, as in a new report."""
        for key, spec in TABLES.items():
            grid = self.tables[key]
            for rule in spec.sum_rules:  # rule order: a total that is a part of another comes first
                if CellRef(key, *rule.target) in absent:
                    grid[rule.target] = computed_sum(grid, rule.parts)  # all parts blank: blank
            for rule in spec.sum_rules:
                ref = CellRef(key, *rule.target)
                stated = grid[rule.target]
                if ref not in absent and as_number(stated) != as_number(computed_sum(grid, rule.parts)):
                    self.pinned.add(ref)

    def fill_blank_totals(self, tables: Iterable[str]) -> list[CellRef]:
        """Each blank total whose parts hold figures takes their sum and follows them, as the grid
        does once a part is typed (a workbook filled in Excel where the total had no formula
        came back with the total blank); the cells filled, in rule order.  A total holding
        text that is no figure is left for its author to correct."""
        filled: list[CellRef] = []
        for key in tables:
            grid = self.tables[key]
            for rule in TABLES[key].sum_rules:  # rule order: a total that is a part of another first
                ref = CellRef(key, *rule.target)
                if grid[rule.target] is None and ref not in self.raw:
                    computed = computed_sum(grid, rule.parts)
                    if computed is not None:
                        grid[rule.target] = computed
                        self.pinned.discard(ref)
                        filled.append(ref)
        return filled

    def cell_texts(self, table: str) -> dict[tuple[int, int], str]:
        """What a table's cells show in print and in a written file: the value exactly, or for a
        cell whose file text could not be read, that text — never lost on the way out."""
        grid = self.tables.get(table, {})
        return {pos: format_value(v) if v is not None else self.raw.get(CellRef(table, *pos), "")
                for pos, v in grid.items()}

    def zero_fills(self, refs: Iterable[CellRef] | None = None) -> list[tuple[CellRef, Value]]:
        """空白处填0: each blank figure cell among ``refs`` (of every statutory table when None)
        with the 0 of its kind (0, or 0 万元).  Blank is what the checks call blank: empty, or a
        “—”/“/”/“无” that stands for none.  Never a total (it follows its parts), never a cell
        holding text that is no number (“12a” is a mistake to correct, not a 0 to paper over)."""
        if refs is None:
            refs = (CellRef(key, c.row, c.col) for key, spec in TABLES.items() for c in spec.cells)
        fills: list[tuple[CellRef, Value]] = []
        for ref in refs:
            spec = TABLES[ref.table]
            cell = spec.cell(ref.row, ref.col)
            if cell is None or (ref.row, ref.col) in spec.totals or self.value(ref) is not None:
                continue
            raw = self.raw.get(ref)
            if raw is not None and not parse(raw, cell.kind).ok:
                continue
            fills.append((ref, zero(cell.kind)))
        return fills

    # -- text -----------------------------------------------------------------------------------
    def section_text(self, key: str) -> str:
        return "\n".join(p.text for p in self.sections.get(key, []))

    def normalized(self) -> Report:
        """A copy whose paragraphs are normalised, for content comparison."""
        return Report(
            self.organ,
            self.year,
            self.date,
            {k: [p.normalized() for p in self.sections.get(k, []) if p.text] for k in ALL_TEXT_KEYS},
            {k: dict(v) for k, v in self.tables.items()},
        )

    @property
    def title(self) -> str:
        year = f"{self.year}" if self.year else ""
        return f"{self.organ}{year}{TITLE_SUFFIX}"

    @property
    def file_stem(self) -> str:
        """The name proposed for the report's files (另存为, 导出PDF, 发布稿) while it has none: its
        title, or 未命名报告 while it names neither its organ nor its year (the title alone,
        “年度政府信息公开工作年度报告”, reads as no report's)."""
        return self.title if self.organ or self.year else UNTITLED


def recomputed_totals(grid: Grid, table: str, target: tuple[int, int],
                      wrong: set[tuple[int, int]] | None = None) -> dict[tuple[int, int], Value]:
    """按明细重算 of one total: the new figures of it and of every total beneath it (among its
    parts, to any depth) that disagrees with its own parts, recomputed together in rule order —
    one click leaves neither the total nor a wrong total it is the sum of — then of the totals
    above that were computed from them (``_computed_above``).  In the order to set them: a
    total after those beneath it.  ``wrong``: ``wrong_totals(grid, table)``, when the caller
    has it (the checks fix every wrong total of a table: once, not once per total)."""
    spec = TABLES[table]
    if wrong is None:
        wrong = wrong_totals(grid, table)
    todo, stack = {target}, [target]
    while stack:
        for rule in spec.rules_of(stack.pop()):
            for part in rule.parts:
                if part in wrong and part not in todo:
                    todo.add(part)
                    stack.append(part)
    new = dict(grid)
    last: dict[tuple[int, int], int] = {}
    rules = spec.sum_rules
    # Only the rules of the totals to redo, in rule order (a total that is a part of another first).
    for i in sorted(i for pos in todo for i in spec.rule_numbers_of(pos)):
        rule = rules[i]
        new[rule.target] = computed_sum(new, rule.parts)  # all parts blank: blank, as recompute has it
        last[rule.target] = i
    out = {pos: new[pos] for pos in sorted(todo, key=lambda p: last.get(p, -1))}
    return out | _computed_above(grid, new, table, todo)


def _computed_above(grid: Grid, new: Grid, table: str, fixed: set[tuple[int, int]]) -> dict[tuple[int, int], Value]:
    """The totals above the ``fixed`` ones that agreed with the parts they had (Excel's SUM over
    the wrong figure typed into a row's 总计, the corner pinned because its other rule
    disagreed), recomputed with them: the GUI tester's grand total stayed at the figure made
    from the wrong one, and took a second 修复.  A total wrong on its own (disagreeing with
    the parts it had) is left as stated, for its own finding.  In rule order (a total that is
    a part of another first), only those whose figure changes."""
    spec = TABLES[table]
    rules = spec.sum_rules
    # Only rules above the fixed totals can move: those they are parts of, at any depth.
    above: set[int] = set()
    stack = list(fixed)
    while stack:
        for i in spec.rule_numbers_over(stack.pop()):
            if i not in above:
                above.add(i)
                stack.append(rules[i].target)
    out: dict[tuple[int, int], Value] = {}
    moved = set(fixed)
    for i in sorted(above):
        rule = rules[i]
        if rule.target in fixed or not moved.intersection(rule.parts):
            continue
        if as_number(grid[rule.target]) != as_number(computed_sum(grid, rule.parts)):
            continue
        figure = computed_sum(new, rule.parts)
        if as_number(figure) != as_number(new[rule.target]):
            new[rule.target] = out[rule.target] = figure
            moved.add(rule.target)
    return out


def wrong_totals(grid: Grid, table: str, sums: list[Value] | None = None) -> set[tuple[int, int]]:
    """The totals of ``table`` that disagree with their parts.  ``sums``: each sum rule's
    ``computed_sum``, in rule order, when the caller has them (the arithmetic check does)."""
    rules = TABLES[table].sum_rules
    if sums is None:
        sums = [computed_sum(grid, r.parts) for r in rules]
    return {r.target for r, s in zip(rules, sums, strict=True) if as_number(grid[r.target]) != as_number(s)}


def totals_over(table: str, pos: tuple[int, int]) -> set[tuple[int, int]]:
    """The totals a cell is a part of, at any depth (表三's corner over a row's 总计)."""
    over = {pos}
    for rule in TABLES[table].sum_rules:  # rule order: a total that is a part of another first
        if over.intersection(rule.parts):
            over.add(rule.target)
    over.discard(pos)  # a total typed by hand is the hand's (a 0 over blank parts kept as typed)
    return over


def computed_sum(grid: Grid, parts: tuple[tuple[int, int], ...]) -> Value:
    """Sum of the parts, blank as 0; all parts blank gives blank."""
    # Asked some hundred times per check of a table whose totals are wrong: one pass, summed in C.
    figures = [v for p in parts if (v := grid[p]) is not None]
    return sum(figures) if figures else None
