"""The document plan: what a report looks like on paper, built once from the report and
rendered by the .docx writer and by the printer alike.

The plan is a list of blocks in reading order: the title, the lead-in, each section's heading
and paragraphs, the statutory tables, the signature.  Each text block says its paragraph type
(``app.page``), its runs, which of its characters are set in 楷体, whether it stays with the
next block and how far it is indented from the right; each table block its spec and cell texts.
Decisions that need a width (where the title breaks, the signature's indents) are taken here,
in character widths, so that both renderings take the same ones.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass, field, replace
from itertools import pairwise

from app import page
from app.organlines import organ_lines
from app.report import UNWRITABLE as UNWRITABLE
from app.report import Paragraph, ParaKind, Report, Run
from app.schema import PREAMBLE, SECTIONS, TABLES, LayoutCell, TableSpec
from app.values import format_date


class Kind(enum.Enum):
    TITLE = "title"
    SECTION = "section"
    BODY = "body"
    HEADING1 = "heading1"
    HEADING2 = "heading2"
    SIGNATURE = "signature"
    DATE = "date"


TYPES: dict[Kind, page.ParaType] = {
    Kind.TITLE: page.TITLE, Kind.SECTION: page.SECTION, Kind.BODY: page.BODY, Kind.HEADING1: page.HEADING1,
    Kind.HEADING2: page.HEADING2, Kind.SIGNATURE: page.SIGNATURE, Kind.DATE: page.DATE,
}
# Characters XML forbids (dropped by both renderings): app/report.py.
_FROM_PARA = {ParaKind.BODY: Kind.BODY, ParaKind.HEADING1: Kind.HEADING1, ParaKind.HEADING2: Kind.HEADING2}


@dataclass
class TextBlock:
    """A paragraph of the printed report: its runs and how it is set."""

    kind: Kind
    runs: list[Run]
    kai_chars: int = 0  # the first this many characters in 楷体 (a “（一）” lead sentence)
    keep_next: bool = False
    right_chars: float = 0.0  # right indent, in body characters
    left_chars: float = 0.0  # left indent, in body characters: the line is then set from the left
    space_before_lines: float = 0.0

    @property
    def type(self) -> page.ParaType:
        return TYPES[self.kind]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def align(self) -> page.Align:
        return page.Align.LEFT if self.left_chars else self.type.align


@dataclass
class TableBlock:
    """A statutory table of the printed report with its cells' text."""

    spec: TableSpec
    values: dict[tuple[int, int], str]
    pt: float = field(init=False)

    def __post_init__(self) -> None:
        self.pt = page.table_pt(self.spec.key)

    def text(self, lc: LayoutCell) -> str:
        text = self.values.get(lc.data, "") if lc.data is not None else lc.text
        return UNWRITABLE.sub("", text)

    def cells(self) -> list[tuple[LayoutCell, str]]:
        """Every declared cell with its text, in layout order."""
        return [(lc, self.text(lc)) for lc in self.spec.layout]


Block = TextBlock | TableBlock

# How far a table's rows are bound together, in the .docx (keep-with-next) and in print alike.
# Not the whole table: a table kept whole moves with its heading to the next page and leaves the
# foot of this one empty (LibreOffice left two thirds of a page before 表二); it may break between
# rows, never leaving a header or caption row without body rows under it.
LEAD_BODY_ROWS = 2  # body rows kept under a header or caption row (第二十条第（五）项)
SPAN_KEPT_ROWS = 2  # first rows of a merged label kept together: its label has room on one page


def rows_kept_with_next(spec: TableSpec) -> frozenset[int]:
    """Grid rows that stay on the page of the row below them: header and caption rows, the
    first ``LEAD_BODY_ROWS`` body rows after them, the first rows of a merged cell."""
    kept: set[int] = set()
    run = 0  # body rows since the last header or caption row
    for r in range(spec.grid_rows - 1):
        if r < spec.header_rows or r not in spec.data_rows:
            kept.add(r)
            run = 0
            continue
        run += 1
        if run < LEAD_BODY_ROWS and r + 1 in spec.data_rows:
            kept.add(r)
    for lc in spec.layout:
        kept.update(range(lc.row, lc.row + min(lc.rowspan, SPAN_KEPT_ROWS) - 1))
    return frozenset(kept)


def em_width(text: str) -> float:
    """Width in 1-em characters: CJK and full-width count 1, the rest (digits) half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


def set_width(text: str, autospace: bool = True) -> float:
    """Width in ems as set: ``em_width`` plus, where ``autospace`` is on (page.ParaType), Word's
    quarter em at each change between Chinese and Latin letters or digits ("某局2023年度": two)."""
    if not autospace:
        return em_width(text)
    wide = [unicodedata.east_asian_width(ch) in "WFA" for ch in text if not ch.isspace()]
    return em_width(text) + 0.25 * sum(a != b for a, b in pairwise(wide))


def _title(report: Report) -> TextBlock:
    """Broken after the organ when the title does not fit one line, as real reports do (a title
    that only just overflows would otherwise leave its last character, “告”, alone on a line);
    an organ longer than a line broken where its words allow (app/organlines.py), not wherever
    the line ends (“…税务局第一 / 税务分局”)."""
    title, organ = UNWRITABLE.sub("", report.title), UNWRITABLE.sub("", report.organ)
    room = page.BLOCK_W_PT / page.TITLE_PT
    def width(text: str) -> float:
        return set_width(text, page.TITLE.autospace)
    if organ and title.startswith(organ) and width(title) > room:
        rest = title[len(organ):]
        title = "\n".join([*(line.strip() for line in organ_lines(organ, width, room, rest)), rest])
    return TextBlock(Kind.TITLE, [Run(title)])


def _text(para: Paragraph) -> TextBlock:
    kind = _FROM_PARA[para.kind]
    # Runs of one look as one, as Word saves them: a read file's runs split at every font change
    # (its digits in Times New Roman) came out as a run per number.
    runs = Paragraph([replace(r, text=UNWRITABLE.sub("", r.text)) for r in para.runs]).normalized().runs
    block = TextBlock(kind, runs, keep_next=TYPES[kind].keep_next)
    if kind is Kind.HEADING2:
        text = block.text
        ends = [at for ch in page.KAI_ENDS if (at := text.find(ch)) >= 0]
        block.kai_chars = min(ends) + 1 if ends else len(text)
        block.keep_next = not text[block.kai_chars:].strip()  # a bare “（一）…” heading stays with what it heads
    return block


# GB/T 9704 7.3.3's third and fourth levels, “1.” and “（1）” (仿宋, as body text).
_LOWER_NUMBER = re.compile(r"(?:[0-9０-９]{1,2}[.．、]|[（(][0-9０-９]{1,2}[)）])(?![0-9０-９])")
_HEAD_MAX = 40  # characters: a head is a line, not a paragraph (as numbered_kind judges “一、”)


def _lower_head(text: str) -> bool:
    """A “1.”/“（1）” head on a line of its own (short, no sentence inside): it stays with the
    paragraph it heads, not at a page's foot with its text overleaf.  A run-in “1.规章公开。本年度…”
    is a paragraph and breaks as one."""
    text = text.strip()
    return bool(_LOWER_NUMBER.match(text)) and len(text) <= _HEAD_MAX and "。" not in text.rstrip("。") \
        and not text.endswith(_ITEM_ENDS)


_ITEM_ENDS = ("；", ";", "，", ",", "、")  # a list's item (“1.政府信息公开指南栏目；”), not a head


def _paragraphs(paras: list[Paragraph]) -> list[TextBlock]:
    """A section's paragraphs; a “1.”/“（1）” head kept with the paragraph it heads — a numbered
    line next to another is a list's item: a list of short items (“1.…栏目” … “20.…栏目”) kept
    line to line moved whole to the next page and left this one 7 lines short."""
    blocks = [_text(p) for p in paras]
    numbered = [False, *(bool(_LOWER_NUMBER.match(b.text.strip())) for b in blocks), False]
    for k, block in enumerate(blocks[:-1]):
        if _lower_head(block.text) and not numbered[k] and not numbered[k + 2]:
            block.keep_next = True
    return blocks


def signature_indents(organ: str, date: str, line_chars: float = page.CHARS_PER_LINE) -> tuple[float, float]:
    """Right indents (in characters) of the organ and the date: the organ two characters from
    the right, the date under it starting two characters further right; a longer date sits two
    in and pushes the organ.  An organ too long for a line wraps two characters in."""
    w_organ = min(em_width(organ), line_chars - page.SIGNATURE_RIGHT_CHARS)
    narrow = sum(unicodedata.east_asian_width(ch) not in "WFA" for ch in date)
    w_date = em_width(date) + page.DATE_DIGIT_SLACK_CHARS * narrow  # as wide as a renderer may set it
    date_in = max(w_organ - w_date, page.SIGNATURE_RIGHT_CHARS) if organ else page.DATE_ALONE_RIGHT_CHARS
    date_in = min(date_in, max(line_chars - w_date, 0.0))
    organ_in = max(date_in - w_organ + w_date + page.SIGNATURE_DATE_SHIFT_CHARS, 0.0)
    return round(organ_in, 3), round(date_in, 3)  # tenths of digits' slack: no 1.9999999999999991


def date_left_chars(organ: str, date: str, line_chars: float = page.CHARS_PER_LINE) -> float:
    """The 成文日期's left indent (in characters) where it starts under the organ, two characters
    right of the organ's first (GB/T 9704 7.3.5.3): placed by the organ's start, which every
    renderer sets alike (its characters are the grid's cells), never by the date's own width,
    which is the digits' font's (LibreOffice without 仿宋_GB2312 set it a character left of the
    organ, and broke “2024年1月20 / 日” under a long organ).  0 without an organ: the date alone
    is right-aligned."""
    organ_in, _ = signature_indents(organ, date, line_chars)
    if not organ:
        return 0.0
    w_organ = min(em_width(organ), line_chars - page.SIGNATURE_RIGHT_CHARS)
    return line_chars - organ_in - w_organ + page.SIGNATURE_DATE_SHIFT_CHARS


def _signature(report: Report) -> list[TextBlock]:
    date = format_date(report.date)
    organ = UNWRITABLE.sub("", report.organ).strip()
    # an organ longer than the line, over lines broken where its words allow; the date under
    # its first line's first character
    organ = "\n".join(organ_lines(organ, em_width, page.CHARS_PER_LINE - page.SIGNATURE_RIGHT_CHARS))
    head = organ.split("\n")[0]
    organ_in, date_in = signature_indents(head, date)
    left = date_left_chars(head, date)
    # Placed by its start, the date may be set wider than ``em_width`` (digits not 仿宋's half em:
    # LibreOffice without 仿宋_GB2312 sets “2024年1月20日” 1.3 times as wide): it may run on into
    # the right margin rather than break.
    date_right = -page.SIGNATURE_RIGHT_CHARS if left else date_in
    out = [TextBlock(kind, [Run(text)], keep_next=TYPES[kind].keep_next, right_chars=indent, left_chars=at)
           for text, kind, indent, at in ((organ, Kind.SIGNATURE, organ_in, 0.0),
                                          (date, Kind.DATE, date_right, left)) if text]
    if out:
        out[0].space_before_lines = page.SIGNATURE_GAP_LINES
    return out


def build_plan(report: Report) -> list[Block]:
    out: list[Block] = [_title(report), *_paragraphs(report.sections.get(PREAMBLE, []))]
    for spec in SECTIONS:
        out.append(TextBlock(Kind.SECTION, [Run(spec.heading)], keep_next=True))
        out += _paragraphs(report.sections.get(spec.key, []))
        if spec.table:
            last = out[-1]
            if isinstance(last, TextBlock):
                last.keep_next = True  # the heading or lead-in stays on the page of its table
            out.append(TableBlock(TABLES[spec.table], report.cell_texts(spec.table)))
    signature = _signature(report)
    if signature and isinstance(out[-1], TextBlock):
        out[-1].keep_next = True  # never a signature alone on the last page
    return out + signature
