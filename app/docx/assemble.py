"""A report from the neutral blocks every reader produces (.docx, web copies, text, PDF, workbooks).

Our own files carry paragraph styles (“NB …”) and read back losslessly.  Other files are read by
their content: the title gives 机关名称 and 年度, headings are recognised by their words even
when numbering or wording drifts (app/docx/headings.py), the tables by their labels
(app/docx/tables.py), the 成文日期 from the end.  A body pasted twice is read once, and the
doubling reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.bidi import shown
from app.docx import headings
from app.docx import tables as tbl
from app.docx.blocks import Block, ParaBlock, TableBlock
from app.docx.captions import orphan_captions
from app.docx.contents import inserted_contents, styled_contents, toc_entries, typed_contents
from app.docx.copies import SecondCopy
from app.docx.embeddedplace import EmbeddedSheets
from app.docx.halves import joined_halves
from app.docx.headings import after_run_in_heading, bracketed, classify_heading, cut_heading, run_in_heading
from app.docx.linebreaks import page_numbers
from app.docx.loneheader import FIGURE, cut_bodies, figures_row, lone_headers, under
from app.docx.loneheader import clip as _clip
from app.docx.loneheader import first_words as _first_words
from app.docx.pictured import hint
from app.docx.shownorder import note_reordered, show_paragraphs
from app.docx.signoff import TitleAndSignature
from app.docx.stacked import stacked_parts
from app.docx.styles import OWN_STYLE_ALIASES, STYLE_KIND, is_own
from app.docx.table2 import read_table2
from app.docx.table4 import read_table4
from app.docx.texttables import prose_box, text_lines
from app.docx.transposed import upright
from app.docx.zerodecimals import zero_decimal_notes
from app.errors import NotAReport, ReadError
from app.findings import (
    COLUMN_MISSING,
    CONTENTS_FIELD,
    CONTENTS_LEFT_OUT,
    HEADING_EDITED,
    HEADING_ORDER,
    HIDDEN_TEXT,
    MISSING_HEADING,
    MISSING_TABLE,
    OLD_FORMAT,
    REVERSED,
    ROW_MISSING,
    ROW_UNPLACED,
    TABLE_AS_TEXT,
    TABLE_UNKNOWN,
    Finding,
    Location,
    Span,
)
from app.labels import loose
from app.report import Paragraph, ParaKind, Report, numbered_kind
from app.schema import META, PREAMBLE, PROACTIVE, REQUESTS, REVIEWS, SECTIONS, TABLES, CellRef, section_name
from app.webchrome import beside_lines, left_out, page_shown, page_title, site_line, site_parts

if TYPE_CHECKING:
    from app.docx.embedded import Embedded


def read_blocks_report(blocks: list[Block], styles: dict[str, str] | None = None, has_text: bool = True,
                       pictured_tables: bool = False, noted: dict[str, list[CellRef]] | None = None,
                       embedded: Embedded | None = None) -> Report:
    """A report from a document's blocks, whatever the document was (.docx, web page, text, or
    a workbook, which has no text and so no headings to miss).  ``pictured_tables``: a file
    with a report's headings but no tables is read (its tables are pictures: a Word file, a web
    page, a PDF with pictures of a table's size); a PDF without says instead why it found none
    (scanned pages, tables without ruling lines).
    ``noted`` is given the statutory cells read from grid cells with notes (GridCell.notes), by
    note: where the reader's findings about them point (``noted_location``).
    ``embedded``: a .docx's worksheet objects, read for a section whose table the body lacks."""
    styles = styles or {}
    if not any(isinstance(b, TableBlock) for b in blocks):
        if not any(isinstance(b, ParaBlock) and b.text.strip() for b in blocks):
            raise ReadError("文件中没有任何内容")
        if not pictured_tables or not _reads_as_report(blocks):
            raise NotAReport("文件中没有找到统计表格，可能不是政府信息公开工作年度报告")
        # A report whose tables are pictures (or were left out): its text is read, and each
        # missing table is a finding the user fills in from the picture.
    report = Report()
    example = note_reordered(blocks)
    reader = _Reader(report, blocks, styles, has_text, embedded)
    reader.run()
    if noted is not None:
        noted.update(reader.noted)
    if (turned := show_paragraphs(report)) is not None:
        where, written, seen, n = turned
        report.import_findings.append(REVERSED.at(where, (
            f"正文中有{n}段文字夹着从右向左的方向控制符（Unicode 双向覆盖，如 U+202E），显示的顺序与文件中的文字不同"
            f"（如“{written}”显示为“{seen}”）；已按显示的读入（控制符去掉），请核对")))
    if example and (cells := reader.noted.get(REVERSED.kind)):
        report.import_findings.append(REVERSED.at(noted_location(cells), (
            f"{len(cells)}个单元格中有从右向左的方向控制符（Unicode 双向覆盖，如 U+202E），Word、WPS、Excel 和浏览器中"
            f"显示的顺序与文件中的文字不同（如“{_clip(example)}”显示为“{_clip(shown(example))}”）；已按显示的读入，"
            "请核对这些数字，删去方向控制符")))
    # A total the file has no cell for (its 总计 column or row left out) is computed, not kept blank.
    absent = {CellRef(key, *pos) for key, spec in TABLES.items() for pos in spec.totals} - reader.placed
    report.pin_disagreeing_totals(absent)
    return report


def noted_location(cells: list[CellRef] | None) -> Location:
    """Where a reader's finding about some cells points: those cells (the editor selects them on
    their table's page), or 基本信息 when none of them is a statutory cell."""
    if not cells:
        return Location(META)
    return Location(cells[0].table, tuple(dict.fromkeys(cells)))


_LEAST_HEADINGS = 3  # statutory headings that make a file without tables a report all the same


def _reads_as_report(blocks: list[Block]) -> bool:
    """Whether a file without tables has the section headings of a report."""
    keys = set()
    for b in blocks[:MAX_HEADING_SCAN]:
        if isinstance(b, ParaBlock) and len(b.text) < 200 and (hit := classify_heading(b.text, False, "")) and hit[1]:
            keys.add(hit[0])
    return len(keys) >= _LEAST_HEADINGS


def heading_key(text: str) -> str | None:
    hit = classify_heading(text, False, "")
    return hit[0] if hit is not None else None


MAX_HEADING_SCAN = 5000  # paragraphs looked at for headings (a report has a few hundred)


class _Reader(TitleAndSignature, SecondCopy, EmbeddedSheets):
    def __init__(self, report: Report, blocks: list[Block], styles: dict[str, str], has_text: bool = True,
                 embedded: Embedded | None = None) -> None:
        self.report = report
        self.embedded = embedded
        self._sheet_names: dict[int, str] = {}  # an embedded worksheet's tables: the block holding it → the sheet
        self._unread: dict[str, str] = {}  # section → why its embedded worksheet gave no table
        self._sheet_parts: set[tuple[int, int]] = set()  # (app/docx/embeddedplace.py)
        self.has_text = has_text
        self.blocks = blocks
        self.style_names = styles
        self.own = is_own(styles)
        self.findings: list[Finding] = []
        self._headings: dict[int, str] | None = None
        self._strong: set[int] = set()  # headings named outright (not only by number and a cue)
        self._cut: set[int] = set()  # headings cut over two paragraphs: the first of the two
        self._missing_headings: list[str] = []
        self._starts: list[tuple[int, str]] = []  # (block index, section) where each section begins
        self.placed: set[CellRef] = set()  # the table cells the file has (filled or blank)
        self.noted: dict[str, list[CellRef]] = {}
        self._signature_table: int | None = None  # the block index of a 落款 laid out in a table
        self._text_tables: set[int] = set()  # tables of words read into their section's text
        self._lone_headers = lone_headers(blocks)  # a statutory table's header rows alone before its body
        self._after_signoff: list[ParaBlock] = []
        self._bracket_forms: dict[str, list[str]] = {}  # “【】”: the sections so numbered, words as the statutory heading's
        # A 目录's paragraphs (app/docx/contents.py): its entries repeat the headings, none is one; not read.
        # Our own files hold one only where Word or WPS inserted it since (its TOC styles).
        self._toc = styled_contents(blocks, self.style) if self.own else toc_entries(blocks, heading_key)
        if self._toc and (typed := typed_contents(blocks, self._toc, self.style)):  # its lines are not saved: said
            self.findings.append(CONTENTS_LEFT_OUT.at(Location(PREAMBLE), typed))
        elif self._toc and (inserted := inserted_contents(blocks, self._toc, self.style)):  # nor is Word's field
            self.findings.append(CONTENTS_FIELD.at(Location(PREAMBLE), inserted))
        if not self.own and has_text:
            self._leave_out_site_lines()
            self._toc |= page_numbers(blocks)  # “— 3 —” a conversion left: page furniture, no text

    def _leave_out_site_lines(self) -> None:
        """A whole web page pasted into Word (or printed to PDF) keeps the site's lines: its
        information above the report and footer below it (app/webchrome.py) are not read, as a
        目录's lines are not; with the site's header above it the title is looked for below it."""
        if not page_shown(self.blocks):  # a report's own lines use the site's words too (访问量：, 发布时间：)
            return
        site, unsure = site_parts(self.blocks, heading_key)
        site |= beside_lines(self.blocks)  # the layout's cells beside the report's, as the web route has no part of them
        self._toc |= {self.blocks[i].index for i in site}
        if said := [b.text.strip() for i in unsure if isinstance(b := self.blocks[i], ParaBlock)]:
            self.findings.append(HIDDEN_TEXT.at(Location(META), left_out(said)))
        at = page_title(self.blocks) if site else None
        if at and any(i < at for i in site):
            self._title_from = at

    def style(self, block: ParaBlock) -> str:
        name = self.style_names.get(block.style, block.style)
        if self.own:  # our files use Word's built-in styles for body and headings
            name = OWN_STYLE_ALIASES.get(name.lower(), name)
        return name.replace(" ", "")

    def run(self) -> None:
        if not self.own:  # before the text is read: the captions of tables read elsewhere are not
            self._toc |= orphan_captions(self.blocks, self._heading_of, self._toc)
        start = self._title()
        copy_end = self._first_copy_end(start)
        self._sections(start, self._signature(start, copy_end))
        self._year_from_text()
        self._tables(copy_end)  # a table after the signature (an annex) is still looked at
        self.report.import_findings = self.findings + self.report.import_findings
        self.report.written_by_editor = self.own

    # -- sections ------------------------------------------------------------------------------
    def _heading_of(self, b: ParaBlock) -> str | None:
        """The section key if this paragraph is a section heading."""
        if self._headings is None:
            self._headings = self._find_headings()
        return self._headings.get(b.index)

    def _find_headings(self) -> dict[int, str]:
        """Every section heading, by block index.  A heading in the author's own words found
        only by its number and a word of the section (“五、存在的不足及改进措施”) counts for a
        section no heading names outright — a numbered sub-item elsewhere cannot take it."""
        strong: dict[int, str] = {}
        weak: dict[int, str] = {}
        brackets: dict[int, tuple[str, str]] = {}
        for b in self.blocks:
            if isinstance(b, ParaBlock) and b.index not in self._toc:
                if not self.own and (cut := self._cut_heading(b)) is not None:
                    strong[b.index] = cut  # its tail read with it, no text of the section
                    continue
                hit = self._classify_heading(b)
                if hit is not None and not self.own and (bracket := bracketed(b.text)):
                    brackets[b.index] = hit[0], bracket
                elif hit is not None:
                    (strong if hit[1] else weak)[b.index] = hit[0]
        named = set(strong.values())
        self._strong = set(strong)
        # “（一）总体情况” is a section heading in a file whose sections are so numbered, a
        # sub-heading where a heading numbered 一、 or 【一】 names the section; it starts a
        # section only going forward (under 二, “（一）总体情况” is 二's first sub-heading).
        plain = named | set(weak.values())
        outer = {k for k, bracket in brackets.values() if bracket != "("}
        found = dict(sorted({**{i: k for i, k in weak.items() if k not in named}, **strong,
                             **{i: k for i, (k, bracket) in brackets.items()
                                if k not in plain and (bracket != "(" or k not in outer)}}.items()))
        points = headings.area_sub_points(found, {i: b.text for i in found if isinstance(b := self.blocks[i], ParaBlock)})
        return {i: k for i, k in found.items() if i not in points}

    def _cut_heading(self, b: ParaBlock) -> str | None:
        """The section whose heading a converter cut over ``b`` and the next paragraph (C21);
        that paragraph is then no text (and no heading: it is passed over, as a 目录's lines are)."""
        tail = self.blocks[b.index + 1] if b.index + 1 < len(self.blocks) else None
        if not isinstance(tail, ParaBlock) or not tail.text.strip() or (key := cut_heading(b.text, tail.text)) is None:
            return None
        self._toc.add(tail.index)
        self._cut.add(b.index)
        return key

    def _classify_heading(self, b: ParaBlock) -> tuple[str, bool] | None:
        """(section key, named outright) if this paragraph is a section heading."""
        return classify_heading(b.text, self.own, self.style(b))

    def _sections(self, start: int, end: int) -> None:
        order = [s.key for s in SECTIONS]
        current, last = PREAMBLE, -1
        found: set[str] = set()
        sequence: list[str] = []
        back = ""  # the first section whose heading came after a later one's
        for b in self.blocks[start:end]:
            if isinstance(b, TableBlock) and (current != PREAMBLE or prose_box(b)):  # (a 前言 framed in a box)
                self._text_table(b, current)
            if not isinstance(b, ParaBlock) or b.index in self._toc:
                continue
            key = self._heading_of(b)
            if key is not None and (order.index(key) > last or (b.index in self._strong and key != current)):
                if key in found:
                    self._repeated(b, key)
                elif order.index(key) < last:
                    back = back or key
                current, last = key, max(last, order.index(key))
                self._starts.append((b.index, key))
                found.add(key)
                sequence.append(key)
                if b.index not in self._cut:  # (one cut over two paragraphs is the heading exactly)
                    self._check_heading(b, key)
                rest = after_run_in_heading(b, key)
                self.report.sections[current] += [self._kind(b, p) for p in rest if p.text.strip()]
                continue
            for para in b.paragraphs:
                if para.text.strip():
                    self.report.sections[current].append(self._kind(b, para))
        self._trailing(current)
        self._note_bracket_forms()
        self._missing_headings = [s.key for s in SECTIONS if s.key not in found and self.has_text]
        if back:
            self.findings.append(HEADING_ORDER.at(
                Location(back),
                f"各部分的顺序是{'、'.join(dict.fromkeys(sequence))}，与法定顺序不同；文字按各自的标题归入，保存时按法定顺序写出",
            ))

    def _repeated(self, b: ParaBlock, key: str) -> None:
        """A statutory heading named outright that comes again (not a second copy of the
        whole body): the text after it goes to its section, and the author is told."""
        heading = next(s.heading for s in SECTIONS if s.key == key)
        self.findings.append(HEADING_ORDER.at(
            Location(key),
            f"标题“{b.text.strip()[:40]}”再次出现（文件中{self._nth(b.index) or '又一个'}）；其后的文字也归入“{heading}”，保存时只写一次标题",
        ))

    def _check_heading(self, b: ParaBlock, key: str) -> None:
        heading = next(s.heading for s in SECTIONS if s.key == key)
        written = "".join(b.text.split())
        if not self.own and bracketed(written) and loose(key + "、" + written[3:]).startswith(loose(heading)):
            # Only the number's form differs (【一】 for 一、): the same for every heading so
            # numbered, said once for the file (_note_bracket_forms), not once a heading.
            self._bracket_forms.setdefault(written[0] + written[2], []).append(key)
            return
        if not self.own and loose(written) == loose(heading[2:]):  # no number at all: said once too
            self._bracket_forms.setdefault("", []).append(key)
            return
        if loose(b.text) != loose(heading) and run_in_heading(loose(b.text)) != key:  # (a run-in: its text after it)
            self.findings.append(HEADING_EDITED.at(
                Location(key),
                f"标题“{_clip(b.text.strip())}”与法定标题“{heading}”不一致",
            ))

    def _note_bracket_forms(self) -> None:
        for pair, keys in self._bracket_forms.items():
            if not pair:
                first = next(s.heading for s in SECTIONS if s.key == keys[0])
                self.findings.append(HEADING_EDITED.at(Location(keys[0]), (
                    f"{len(keys)}个部分的标题没有编号（如“{first[2:]}”，法定标题为“{first}”）；已按用词识别，保存时按法定标题写出")))
                continue
            self.findings.append(HEADING_EDITED.at(
                Location(keys[0]),
                f"{len(keys)}个部分的标题编号写作“{pair[0]}{SECTIONS[0].key}{pair[1]}”式（{'、'.join(pair[0] + k + pair[1] for k in keys)}），"
                "法定标题编号为“一、”式；已按编号和用词识别，保存时按法定标题写出",
            ))

    def _kind(self, b: ParaBlock, para: Paragraph) -> Paragraph:
        style = self.style(b)
        if style in STYLE_KIND:
            return Paragraph(para.runs, STYLE_KIND[style])
        if self.own:
            return Paragraph(para.runs, ParaKind.BODY)
        return Paragraph(para.runs, numbered_kind(para.text))

    def _text_table(self, b: TableBlock, key: str) -> None:
        """A table of words in a section (五 as 存在的问题 | 改进措施, measures in a grid) is
        the section's text, each row one paragraph (app/docx/texttables.py); said once.  Never
        dropped: the report is saved without it."""
        if b.index == self._signature_table or b.index in self._lone_headers or tbl.classify(b) is not None \
                or not (lines := text_lines(b)):
            return
        first = len(self.report.sections[key])
        self.report.sections[key] += [Paragraph.plain(line) for line in lines]
        self._text_tables.add(b.index)
        self.findings.append(TABLE_AS_TEXT.at(
            Location(key, span=Span(first, 0, len(lines[0]))),
            f"“{section_name(key)}”中的表格（以“{_first_words(b)}”开头）不是法定统计表，已逐行转为{len(lines)}个段落，请核对",
        ))

    # -- tables --------------------------------------------------------------------------------
    def _unknown_table(self, b: TableBlock, out: tbl.Placement) -> None:
        """A table that is none of the statutory ones: say so when it holds numbers (one of
        words only is its section's text, ``_text_table``)."""
        if b.index in self._text_tables:
            return
        if any(any(ch.isdigit() for ch in c.text) for row in b.rows for c in row):
            out.findings.append(TABLE_UNKNOWN.at(
                Location(self._section_at(b.index)),
                f"文中有一个表格（以“{_first_words(b)}”开头）不是法定统计表，其中的数字未导入统计表，表格也不随报告保存",
            ))
        elif not all(site_line(c.text) for row in b.rows for c in row if c.text.strip()):
            # Words never dropped silently (rev22b M1); a site's menu or footer in a table aside.
            out.findings.append(TABLE_UNKNOWN.at(
                Location(self._section_at(b.index)),
                f"文中有一个表格（以“{_first_words(b)}”开头）不是法定统计表，其中的文字未读入正文，表格也不随报告保存；如是报告的内容，请补入",
            ))

    def _section_at(self, index: int) -> str:
        """The section a block stands in: that of the last heading before it (an annex after the
        signature: the last section's), the preamble before any."""
        key = PREAMBLE
        for at, k in self._starts:
            if at > index:
                break
            key = k
        return key

    def _table4(self, b: TableBlock, out: tbl.Placement) -> None:
        """表四's header held for its figures (none came): read as it is, turned back if transposed."""
        out.block = b.index
        if (b2 := upright(b, REVIEWS, out)) is not None:
            read_table4(b2, self.report, out)

    def _tables(self, end: int) -> None:
        out = tbl.Placement()
        mapping: dict[int, int] | None = None
        previous: tuple[str | None, int, bool] = (None, -1, True)  # the table before: its kind as read, width, any figure
        held: TableBlock | None = None  # 表四's header rows alone, read with the row of figures after them
        halves = joined_halves(self.blocks[:end]) | cut_bodies(self.blocks[:end], self._lone_headers)  # (parts as one)
        for block in (part for b in self.blocks[:end] for part in stacked_parts(b, tbl.classify)):  # (two tables in one)
            if not isinstance(block, TableBlock) or block.index == self._signature_table or block.index in self._lone_headers:
                continue
            b = halves.get(block.index, block)
            if b is None:
                continue  # 表四's second half, read with the first
            kind = tbl.classify(b)
            width = len(b.rows[0]) if b.rows else -1
            figured = any(FIGURE.fullmatch(c.text) for row in b.rows for c in row)
            if kind is None and (width == previous[1] or tbl.more_columns(b, previous[0])
                                 or (previous[0] == REVIEWS and not previous[2] and figures_row(b))):  # (a page break)
                kind = previous[0]  # a short continuation of the table before it (as read: itself one too)
                if held is not None and kind == REVIEWS and width < max(len(row) for row in held.rows):
                    # Narrower than its header (a label column over it): read under it, as one table.
                    b, held = under(held, b), None
            if held is not None:
                self._table4(held, out)
                held = None
            previous = kind, width, figured
            if kind == REVIEWS and not figured and b.rows:
                held = b  # 表四's header alone: its figures may follow after a page break
                out.seen.add(kind)
                continue
            if kind is None:
                self._unknown_table(b, out)
                continue
            out.seen.add(kind)
            out.block = b.index
            if (b := upright(b, kind, out)) is None:  # (rows and columns swapped: turned back, or said)
                continue
            if kind == REQUESTS:
                mapping = tbl.read_table3(b, self.report, out, mapping)
            elif kind == PROACTIVE:
                read_table2(b, self.report, out, self._line_above(block.index))
            else:
                read_table4(b, self.report, out)
        if held is not None:
            self._table4(held, out)
        if self.embedded is not None and any(s.table is not None and s.table not in out.seen for s in SECTIONS):
            self._embedded_tables(self.embedded, out)
        out.findings = [f for f in out.findings if not (f.kind == COLUMN_MISSING.kind and set(f.location.cells) <= out.placed)]
        out.findings += zero_decimal_notes(out.zero_decimals)  # counts written 128.00 (Excel's format), read as 128
        # One finding a section: an absent heading and an absent table under it are one absence.
        for spec in SECTIONS:
            table_missing = spec.table is not None and spec.table not in out.seen
            if spec.key in self._missing_headings and table_missing:
                out.note(MISSING_TABLE, spec.key, f"没有找到标题“{spec.heading}”，也没有找到表{spec.table}")
            elif spec.key in self._missing_headings:
                out.note(MISSING_HEADING, spec.key, f"没有找到标题“{spec.heading}”（其内容计入上一部分）")
            elif table_missing:
                pictured = hint(self._section_blocks(spec.key), self._unread.get(spec.key, ""))  # a picture, a worksheet
                out.note(MISSING_TABLE, spec.key, f"没有找到表{spec.table}（{spec.heading[2:]}）{pictured}")
        if REQUESTS in out.seen:
            self._missing_rows(out)
        out.findings += out.repeats.findings(self.report, self._table_place)
        self.findings += out.findings
        self.placed = out.placed
        self.noted = out.noted

    def _line_above(self, index: int) -> str:
        """The last line of text before a table (its note: 单位：件、元), empty lines passed over."""
        for b in reversed(self.blocks[max(0, index - 3):index]):
            if not isinstance(b, ParaBlock) or b.text.strip():
                return b.text if isinstance(b, ParaBlock) else ""
        return ""

    def _section_blocks(self, key: str) -> list[Block]:
        """The blocks of a section, from its heading to the next one."""
        starts = [at for at, k in self._starts if k == key]
        if not starts:
            return []
        end = next((at for at, _ in self._starts if at > starts[0]), len(self.blocks))
        return self.blocks[starts[0]:end]

    def _table_place(self, index: int) -> str:
        """A table as a reader finds it: its sheet, else “文中第2个表格（六、其他需要报告的事项）”."""
        if index in self._sheet_names:
            return self._sheet_names[index]
        block = self.blocks[index]
        if isinstance(block, TableBlock) and block.name:
            return block.name
        nth = sum(1 for b in self.blocks[:index + 1] if isinstance(b, TableBlock))
        section = self._section_at(index)
        return f"文中第{nth}个表格" + ("" if section == PREAMBLE else f"（{section_name(section)}）")

    def _missing_rows(self, out: tbl.Placement) -> None:
        """Rows of table 三 the file has none for (deleted by its author, or under a label no
        statutory one is like): said, as a missing column is; a total row among them is
        computed (``read_blocks_report``).  Rows a 2019 one-row group stands for have their note."""
        spec = TABLES[REQUESTS]
        noted = {c.row for f in out.findings if (f.code, f.kind) == (OLD_FORMAT.code, OLD_FORMAT.kind) and f.location.section == REQUESTS
                 for c in f.location.cells}
        rows = [r for r in range(spec.n_rows) if r not in noted
                and not any(CellRef(REQUESTS, r, c) in out.placed for c in range(spec.n_cols))]
        if not rows:
            return
        totals = [r for r in rows if all((r, c) in spec.totals for c in range(spec.n_cols))]
        then = ("合计行按明细自动计算" if len(totals) == len(rows) else
                "这些行为空白，请在编辑器中填写" if not totals else "合计行按明细自动计算，其余为空白，请在编辑器中填写")
        unplaced = any((f.code, f.kind) == (ROW_UNPLACED.code, ROW_UNPLACED.kind) and f.location.section == REQUESTS
                       for f in out.findings)
        why = "（文件中的表格少了这些行，或其标签无法对应）" if unplaced else "（文件中的表格少了这些行）"
        names = "”“".join(spec.row_labels[r] for r in rows)
        out.note(ROW_MISSING, REQUESTS, f"表三中没有找到“{names}”行{why}，{then}")


