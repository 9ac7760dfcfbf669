"""Reading a .docx — ours or anyone's — into a Report: the package straight from its zip
(app/docx/package.py, lxml; python-docx is for writing only), its body as neutral blocks
(app/docx/blocks.py, lists numbered as Word shows them: app/docx/numbering.py), the editor's own
data from its custom XML part (app/docx/custom.py); the blocks become a report in
app/docx/assemble.py, as every other format's do.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from app.docx.altchunk import Chunks, Tally
from app.docx.assemble import noted_location, read_blocks_report
from app.docx.bidi import apply_overrides, reversed_finding
from app.docx.blocks import Block, ParaBlock, read_blocks
from app.docx.charstyles import (
    apply_style_ink,
    apply_style_marks,
    mark_custom_note_marks,
    mark_moved_runs,
    style_sizes,
)
from app.docx.custom import extras_of
from app.docx.databinding import apply_bindings
from app.docx.fields import drop_field_codes
from app.docx.formulas import MISSING_BOOKMARK, Stale, stale_formulas
from app.docx.hidden import HIDING_TAGS, Dropped, Styles, strip_hidden
from app.docx.hiddenplace import block_location, block_of, hidden_location, other_program_finding
from app.docx.invisible import Unseen, strip_invisible
from app.docx.joined import join_marked, mark_of
from app.docx.linebreaks import marked_paragraphs, split_lines
from app.docx.linetables import tables_from_lines
from app.docx.listfields import number_list_fields
from app.docx.mathtext import OMATH, read_plain_math
from app.docx.numbering import Numbering
from app.docx.package import DocxParts, W, open_parts
from app.docx.placeholders import drop_placeholders
from app.docx.properties import read_properties
from app.docx.shown import choose_alternates, ptabs_as_tabs
from app.docx.styles import OWN_PREFIX, is_own, style_names
from app.docx.symbols import apply_style_fonts, drop_ruby_text, read_symbol_fonts, read_symbols
from app.docx.tablestyles import apply_table_styles
from app.docx.titleyear import parse_title as parse_title  # the title rules, where tests look for them
from app.docx.unkept import comment_findings, picture_finding
from app.errors import DAMAGED_DOCX, NotAReport, ReadError, unreadable
from app.findings import (
    FIELD_NOW,
    FIELD_OPEN,
    FIELD_STALE,
    HIDDEN_TEXT,
    PLACEHOLDERS,
    REVISIONS,
    VALUE_LIST_NUMBER,
    VALUE_NOTE_MARK,
    VALUE_SYMBOL_FONT,
    Finding,
    Location,
)
from app.limits import open_regular
from app.report import Report
from app.schema import META, CellRef


def open_docx(path: Path, opened: zipfile.ZipFile | None = None) -> DocxParts:
    """The parts of a .docx the reader needs, read with lxml (python-docx is for writing).
    ``opened``: its zip already open and its directory checked (app.sniff.opened_zip)."""
    try:
        if opened is not None:
            return open_parts(path, opened)
        with open_regular(path) as fh:  # never waiting on a FIFO swapped in since the look
            head = fh.read(8)
        if not head.startswith(b"PK"):
            raise ReadError(f"{path}：不是 Word 文档（.docx），无法读取")
        return open_parts(path)
    except ReadError as e:
        if str(e).startswith(str(path)):
            raise
        raise ReadError(f"{path}：{e}") from e
    except (PermissionError, FileNotFoundError, IsADirectoryError) as e:
        raise ReadError(f"{path}：{unreadable(e)}") from e
    except Exception as e:  # zipfile, zlib and lxml raise many kinds on broken files
        raise ReadError(f"{path}：{DAMAGED_DOCX}") from e


def read_document(parts: DocxParts) -> Report:
    tally = Tally()
    blocks = _body_blocks(parts, tally, 0)
    names = style_names(parts.styles) if parts.may_name_own_styles() else {}
    if is_own(names) and not any(isinstance(b, ParaBlock) and names.get(b.style, "").startswith(OWN_PREFIX) for b in blocks):
        # Our styles defined but none used: our file with its formatting cleared (全选 → 正文, or
        # pasted into a new document): read by its content, as anyone's (by style, all of it was 前言).
        names = {k: v for k, v in names.items() if not v.startswith(OWN_PREFIX)}
    if not is_own(names) and (body := parts.document.find(f"{{{W}}}body")) is not None:
        # A converter's lines in one paragraph, each read as the line it is (ours keep theirs);
        # its tables rebuilt as lines of text, read as a text copy's are.
        broken, tabbed = marked_paragraphs(body)
        blocks = tables_from_lines(split_lines(blocks, broken), tabbed)
    noted: dict[str, list[CellRef]] = {}
    embedded = None
    if parts.embedded:  # OLE objects: a worksheet's table is read when the body lacks it (app/docx/embedded.py)
        from app.docx.embedded import Embedded

        embedded = Embedded(parts.embedded)
    try:
        report = read_blocks_report(blocks, names, pictured_tables=True, noted=noted, embedded=embedded)
    except NotAReport as e:
        if tally.hidden or tally.unseen:  # what shows is no report; what is kept out of sight may be
            raise ReadError(f"{e}（另有{tally.hidden + tally.unseen}处隐藏或看不见的文字未读入）") from e
        raise
    if embedded is not None:  # what the workbooks read hide, format otherwise or compute anew: as a workbook file's
        report.import_findings += embedded.findings(lambda kind: noted_location(noted.get(kind)))
    report.extras = extras_of(parts.custom_xml)
    report.file_properties = read_properties(parts.core_xml, parts.custom_props_xml)  # a save keeps its created time and author
    if tally.hidden:  # a published file shows none of it: say what was not read (and where first)
        body = parts.document.find(f"{{{W}}}body")
        where = (hidden_location(body, blocks, report, tally.hidden_bodies, tally.hidden_blocks)
                 if body is not None else Location(META))
        report.import_findings.append(HIDDEN_TEXT.at(
            where, f"文件中有{tally.hidden}处隐藏文字，未读入；打印和发布的文件中看不到这些文字，"
                            "请核对正文和表格，确需保留的在 Word/WPS 中取消隐藏后重新打开"))
    report.import_findings += Unseen(tally.unseen).findings()
    body = parts.document.find(f"{{{W}}}body")
    if body is not None and (other := other_program_finding(body, blocks, report, noted.get("other-text"))) is not None:
        report.import_findings.append(other)
    if (flipped := reversed_finding(tally.flipped, blocks, report)) is not None:
        report.import_findings.append(flipped)
    if tally.open_fields:  # a damaged file: what Word shows after the field cannot be told
        report.import_findings.append(_open_field_finding(tally.open_fields, blocks, report))
    if body is not None and (now := _now_fields(body)):  # Word shows the day it is opened, not the stored date
        report.import_findings.append(_now_finding(now, blocks, report))
    if tally.stale:  # Word shows the stored 21 of =100+21; LibreOffice, or Word once updated, 121
        report.import_findings.append(_stale_finding(tally.stale, blocks, report, parts.update_fields))
    if tally.symbol_digits:  # the XML's 37 is two pictograms on the page: not that figure
        report.import_findings.append(VALUE_SYMBOL_FONT.at(
            Location(META), f"文件中有{tally.symbol_digits}处数字设成了符号字体（Wingdings 等），Word/WPS 中显示为图形符号而不是数字，"
                            "未读入；请核对正文和表格，在 Word/WPS 中改为普通字体后重新打开"))
    if tally.marks.cells:  # “37” with a raised “1”, or a struck “36” before it: 37, said once
        report.import_findings.append(VALUE_NOTE_MARK.at(
            noted_location(noted.get(VALUE_NOTE_MARK.kind)), f"表格中有{tally.marks.cells}个单元格含上标、下标（注释标记）或删除线文字，未计入数字；"
                            "请核对这些单元格，注释写在表格下方"))
    if tally.marks.numbers:  # “1.⇥21” from a list over a column of figures: 21, said once
        report.import_findings.append(VALUE_LIST_NUMBER.at(
            noted_location(noted.get(VALUE_LIST_NUMBER.kind)), f"表格中有{tally.marks.numbers}个单元格的数字前有自动编号（如“{tally.marks.number_example}”），"
                            "编号未计入数字；请核对这些单元格，在 Word/WPS 中取消这些单元格的编号"))
    if body is not None:  # what the editor neither shows nor writes back: said before a save drops it
        report.import_findings += comment_findings(body, parts.comments, blocks, report)
        if (pictures := picture_finding(body, blocks, report, embedded.used if embedded is not None else ())) is not None:
            report.import_findings.append(pictures)
    if tally.placeholders:  # left out as prompts: named, since a control some program filled holds content
        report.import_findings.append(_placeholder_finding(tally.placeholders))
    if tally.revisions:  # read as accepted (app/docx/blocks.py); a published file should carry none
        report.import_findings.append(REVISIONS.at(
            Location(META), f"文件中有{tally.revisions}处未接受或拒绝的修订（插入、删除或移动），已按接受全部修订后的内容导入；"
                            "请核对，发布前在 Word/WPS 中接受或拒绝修订"))
    return report


def _placeholder_finding(texts: list[str]) -> Finding:
    """PLACEHOLDER: how many controls were left out as prompts, and the first few texts."""
    distinct = list(dict.fromkeys(t for t in texts if t))
    quoted = "、".join(f"“{t if len(t) <= 20 else t[:20] + '…'}”" for t in distinct[:3]) + ("等" if len(distinct) > 3 else "")
    return PLACEHOLDERS.at(Location(META), f"文件中有{len(texts)}处内容控件仍显示占位提示，其中的文字未读入"
                                            + (f"：{quoted}" if quoted else "") + "；如是实际填写的内容，请在编辑器中补填")


def _body_blocks(parts: DocxParts, tally: Tally, depth: int) -> list[Block]:
    """A package's body as blocks — the document's, or ``depth`` deep a .docx imported into it
    (app/docx/altchunk.py) — with what it hides, revises and marks counted into ``tally``."""
    body = parts.document.find(f"{{{W}}}body")
    if body is None:
        raise ReadError("文件中没有正文")
    choose_alternates(body)  # alternate content as Word picks it: a Choice it understands, else the Fallback
    ptabs_as_tabs(body)  # a positional tab shows a gap as a tab does
    apply_bindings(body, parts.data_stores)  # a bound content control shows its store's value, as Word refreshes it
    if parts.placeholders:  # a control still showing its prompt (“单击此处输入文字”, a sample “0”): nothing typed
        tally.placeholders += drop_placeholders(body)
    read_symbols(body)  # a digit inserted as a symbol is text (before hiding: it may be hidden)
    drop_ruby_text(body)  # a ruby's annotation is not part of the text it annotates
    number_list_fields(body, parts.numbering)  # LISTNUM, AUTONUM: no result stored, Word counts them
    tally.open_fields += drop_field_codes(body)  # a field shows its result: a nested field's in its code is code (1028 was 28)
    tally.flipped += apply_overrides(body)  # right-to-left override: 2106 shows as 6012 (after fields: it reorders runs)
    apply_table_styles(body, lambda: parts.styles)  # a table style's hiding, colour, size: as if on the run
    apply_style_ink(body, parts)  # a run's styles' (or the defaults') white or 1-pt text: likewise, after it
    revisions, hiding, marked, equations = _marks(body)
    tally.revisions += revisions
    if marked:  # a deleted paragraph mark: the paragraph and the next are one, once accepted
        join_marked(marked)
    if equations:  # “1023” typed as an equation: its runs are text like any other
        read_plain_math(equations)
    tally.hidden += _drop_hidden(body, parts, hiding).places
    tally.unseen += strip_invisible(body, parts.document, lambda: parts.theme,
                                    style_sizes(parts)).places  # white on white, 1-pt text, overdrawn
    apply_style_fonts(body, parts.run_styles_xml, lambda: parts.styles)  # a style's Wingdings: as if on the run
    tally.symbol_digits += read_symbol_fonts(body)  # “37” typed in Wingdings shows pictograms: nothing to read
    apply_style_marks(body, parts)  # superscript or struck by a style: as if set on the run
    mark_moved_runs(body, parts)  # a small note mark raised by 字符位置 (WPS 提升): as a superscript
    mark_custom_note_marks(body)  # a footnote's own mark (“3”, “*”): a note mark however set
    numbering = Numbering(parts.numbering, lambda: parts.styles) if parts.numbering is not None else None
    chunks = Chunks(parts, _body_blocks, tally, depth) if parts.chunks else None
    if chunks is not None:
        chunks.into_cells(body)  # a part in a table cell: that cell's text
    tally.stale += stale_formulas(body)  # what shows of a formula field: its stored result, told when stale
    return read_blocks(body, numbering or None, tally.marks, chunks.blocks if chunks is not None else None)


def _open_field_finding(begins: list[etree._Element], blocks: list[Block], report: Report) -> Finding:
    """FIELD-OPEN at the first field never ended, quoting its paragraph's text."""
    first = begins[0]
    block = block_of(first, blocks)
    where = block_location(blocks, block.index, report) if block is not None else Location(META)
    p = next(first.iterancestors(f"{{{W}}}p"), None)
    text = " ".join("".join(t.text or "" for t in p.iter(f"{{{W}}}t")).split())[:20] if p is not None else ""
    quoted = f"（在“{text}”一段）" if text else ""
    return FIELD_OPEN.at(where, f"文件中有{len(begins)}处域只有开始标记、没有结束标记{quoted}，文件可能已损坏，"
                                "Word 中显示的内容无法确定；域之后的文字按文件中的原样读入，请核对此处的文字和数字")


_NOW = frozenset(("DATE", "TIME"))  # fields Word recomputes to the current day on opening and printing
_INSTR, _FLD_SIMPLE, _INSTR_ATTR = f"{{{W}}}instrText", f"{{{W}}}fldSimple", f"{{{W}}}instr"


def _now_fields(body: etree._Element) -> list[etree._Element]:
    """The DATE and TIME fields of the body (a complex field's first instruction, a simple field)."""
    found = []
    for el in body.iter(_INSTR, _FLD_SIMPLE):
        code = (el.text or "") if el.tag == _INSTR else el.get(_INSTR_ATTR, "")
        words = code.split()
        if words and words[0].upper() in _NOW:
            found.append(el)
    return found


def _now_finding(fields: list[etree._Element], blocks: list[Block], report: Report) -> Finding:
    block = block_of(fields[0], blocks)
    where = block_location(blocks, block.index, report) if block is not None else Location(META)
    p = next(fields[0].iterancestors(f"{{{W}}}p"), None)
    text = "".join(t.text or "" for t in p.iter(f"{{{W}}}t")).strip()[:30] if p is not None else ""
    quoted = f"（“{text}”）" if text else ""
    return FIELD_NOW.at(where, f"文件中有{len(fields)}处日期是自动更新的日期域{quoted}：Word 每次打开、打印时显示当天的日期，"
                               "不是文件中保存的日期；读入的是保存的日期，保存时写为普通文字，请核对成文日期")


def _stale_finding(stale: list[Stale], blocks: list[Block], report: Report, update_fields: bool) -> Finding:
    """FIELD-STALE at the first field (a formula, a REF or an IF) whose stored result is not
    what it shows once updated; ``update_fields``: settings.xml has Word ask on opening."""
    block = block_of(stale[0].begin, blocks)
    where = block_location(blocks, block.index, report) if block is not None else Location(META)
    listed = "；".join(f"“{s.formula[:40]}”{_updated(s)}，文件中保存的结果是“{s.stored[:20]}”"
                      + ("（标记为需要更新）" if s.dirty else "") for s in stale[:4])
    more = f"等{len(stale)}处" if len(stale) > 4 else ""
    asks = ("文件设为打开时更新域：Word 打开时询问是否更新，选“是”则显示更新后的结果，选“否”显示保存的结果；"
            if update_fields else "")
    return FIELD_STALE.at(where, f"文件中有{len(stale)}处域保存的结果与更新后的结果不同：{listed}{more}。{asks}"
                                 "读入的是 Word 显示的保存结果；在 Word 中更新域（F9）后显示的是更新后的结果"
                                 "（LibreOffice 打开时重算公式和引用，条件域则不显示），请核对这些数字")


def _updated(s: Stale) -> str:
    """How the field's updated result is told: a formula's figure, a REF's bookmark, an IF's branch."""
    if s.formula.startswith("="):
        return f"算得{s.updated}"
    if s.formula[:3].upper() == "REF":
        if s.updated == MISSING_BOOKMARK:  # updating shows Word's error text, not a figure
            return f"引用的书签在文件中不存在，更新后 Word 显示“{MISSING_BOOKMARK}”"
        return f"引用的书签现为“{s.updated[:20]}”"
    return f"按条件应显示“{s.updated[:20]}”"


_REVISION_TAGS = tuple(f"{{{W}}}{t}" for t in ("ins", "del", "moveFrom", "moveTo", "cellIns", "cellDel"))
_MARK_GONE = frozenset(f"{{{W}}}{t}" for t in ("del", "moveFrom"))  # on a paragraph's mark: joined to the next


def _marks(body: etree._Element) -> tuple[int, bool, list[etree._Element], list[etree._Element]]:
    """Tracked insertions, deletions and moves in the body (formatting changes are not counted:
    they change no text the report is read from), whether any run or paragraph mark sets
    hiding itself, the paragraphs whose mark is deleted or moved away (app/docx/joined.py) and
    the equations (app/docx/mathtext.py) — one pass over the body for all four."""
    revisions, hiding = 0, False
    marked: list[etree._Element] = []
    zones: list[etree._Element] = []
    for el in body.iter(*_REVISION_TAGS, *HIDING_TAGS, OMATH):
        if el.tag in HIDING_TAGS:
            hiding = True
        elif el.tag == OMATH:
            zones.append(el)
        else:
            revisions += 1
            if el.tag in _MARK_GONE and not len(el) and (p := mark_of(el)) is not None:
                marked.append(p)
    return revisions, hiding, marked, zones


def _drop_hidden(body: etree._Element, parts: DocxParts, direct: bool) -> Dropped:
    """Hidden text taken out of the body before it is read (app/docx/hidden.py); styles.xml is
    parsed for it only when its bytes can name hiding."""
    styles = Styles(parts.styles) if parts.may_hide_text() else Styles(None)
    if not direct and not styles.hides_any():
        return Dropped()
    return strip_hidden(body, styles)
