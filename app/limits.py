"""What a report file can reasonably need, declared once; readers refuse beyond it.

The statutory tables have at most 25 rows and 15 data columns; a report's text is tens of
kilobytes.  These caps are an order of magnitude or more above any real report, yet keep a
hostile or broken file (a gridSpan of 2147483647, a merge over a whole sheet, a zip bomb, a
50 MB text copy) to a few seconds and well under 500 MB before it is refused with one Chinese
line.  Each check raises ReadError with the reason; the caller prefixes the file name.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from app.errors import ReadError

if TYPE_CHECKING:
    from datetime import datetime

MAX_SPAN = 100  # columns one cell may span (gridSpan, gridBefore/After, colspan), rows (rowspan)
MAX_TABLE_COLUMNS = 300  # grid columns in one table row
MAX_TABLE_ROWS = 10_000  # an annex listing thousands of documents reads; the cells bound the cost
MAX_TABLE_CELLS = 100_000  # grid positions of one table, merged cells counted at each position
MAX_ALL_TABLE_CELLS = 400_000  # of all tables of one file together
MAX_ALL_TABLE_CHARS = 5_000_000  # characters at those positions (a merged cell's at each): an annex of 10,000 rows some 1.5 M
MAX_TEXT_COPY_BYTES = 20 * 1024 * 1024  # a saved web page or text copy
MAX_WEB_PAGE_BYTES = 200 * 1024 * 1024  # a saved page's file, its inline pictures (data: URIs) included
# A saved web page's elements (start tags): a report's page has a few thousand (Word's own web
# page of a long report some tens of thousands); each costs the page's styles some 30 µs, so a
# 15 MB page of a million <span>s took 30 s and 520 MB before it was refused as no report.  Word
# spends three a table cell, so a real page with an annex of some 5,000 rows passes it too: the
# message says the page is too large and what to open instead, not that it may be forged.
MAX_WEB_ELEMENTS = 100_000
# Attributes of one start tag (a page's have a handful; Word's own web page, up to ten): libxml2
# compares each with all before it, so one tag of 300,000 attributes (2.7 MB) hung the reader
# for minutes.  Of the whole page (a few for each element): each is a node in libxml2's tree,
# and 2.9 million (19 MB of tags of 999) took 26 s and 780 MB.
MAX_WEB_TAG_ATTRIBUTES = 200
MAX_WEB_ATTRIBUTES = 400_000
# Declarations of one style attribute or rule (“color:red; …”): a report page's have a few dozen.  Each
# is parsed in Python (some 5 µs), and a page's one <span style> of a million distinct ones (12 MB)
# took 8.5 s and 450 MB; a <style> rule of as many, 9 s.
MAX_STYLE_DECLARATIONS = 10_000
# Declarations of a page's style rules together, and of its distinct style attributes together
# (each counted once however many elements repeat it): a report page's are some thousands, a CMS's
# frameworks' some tens of thousands.  Blocks each under the cap above added up: 300 rules of 5,000
# (13 MB) took 5.6 s and 609 MB, 3,000 <span>s' distinct styles of 500 each 6.8 s and 327 MB.
MAX_PAGE_STYLE_DECLARATIONS = 100_000
MAX_PART_BYTES = 64 * 1024 * 1024  # one inflated part of a .docx/.xlsx (a picture)
MAX_XML_PART_BYTES = 8 * 1024 * 1024  # one inflated XML part: parsed into a tree of objects
# Elements of one XML part (its start tags), each some 120 bytes of libxml2's tree: a part of
# MAX_XML_PART_BYTES of empty paragraphs (<w:p/>, 6 bytes) is 1.4 million, 170 MB.  Word's XML
# has 16–30 bytes an element (the sample 27; the editor's own 100,000 one-character paragraphs,
# MAX_BLOCKS, some 420,000 elements in 6.8 MB): any real part within the byte cap passes.
MAX_XML_PART_ELEMENTS = 1_000_000
# Paragraphs and tables of one body: a report has a few hundred, with an annex listing its
# documents a paragraph each some thousands.  Each costs the reader some 25 µs however little
# it holds (100,000 small ones: ~3 processor s), but the editor itself lets a section hold tens of
# thousands (a register pasted as text, a paragraph a line) and must reopen what it saved and its
# recovery copies: the cap stays far above that (20,000 refused such a file, rev20).
MAX_BLOCKS = 100_000
# Elements nested in one XML part: libxml2's own limit without XML_PARSE_HUGE, which the parser
# keeps (app/docx/package.py); named here for its message.  A report nests a table in a cell
# at most once or twice (some 20 levels); Word itself refuses far less than this.
MAX_XML_DEPTH = 256
MAX_PACKAGE_BYTES = 200 * 1024 * 1024  # all inflated parts together
# A file LibreOffice converts (.doc, .wps, .odt, .rtf): a report with its pictures is tens of MB.
# Refused by its size before (app/reading.py), and copied for LibreOffice only so far (app/office.py).
MAX_CONVERTED_BYTES = 200 * 1024 * 1024
MAX_PARTS = 5000
# A zip's central directory (one entry per part: 46 bytes and the name): 5000 parts of a report
# take well under 1 MB; read before zipfile builds an object for each of 300,000 entries.
MAX_ZIP_DIRECTORY_BYTES = 4 * 1024 * 1024
# Imported content (w:altChunk, app/docx/altchunk.py): a .docx held in a .docx holds at most one
# more level; the chunks of one file, their nested packages inflated, stay within this together.
MAX_CHUNK_DEPTH = 2
MAX_CHUNK_BYTES = 32 * 1024 * 1024
# A custom XML part a content control is bound to (w:dataBinding): a form's few fields, some KB.
# Each is parsed whole to resolve an XPath (~30× its size in memory): a larger one is left out
# and its controls show their cached content, as Word does without the store.
MAX_DATA_STORE_BYTES = 1024 * 1024
MAX_DATA_STORES_BYTES = 4 * 1024 * 1024  # all of a document's stores together
# The editor's own JSON, in files and settings (an owner file, the review marks, a recovery copy's
# description, the recent files, the dismissals in a .docx): years of use hold well under these.
MAX_STATE_BYTES = 16 * 1024 * 1024
MAX_STATE_DEPTH = 32  # containers nested: ours nest some 6 deep
MAX_SHEET_ROWS = 3000  # an .xlsx sheet's used range
MAX_SHEET_COLUMNS = 300
MAX_SHEET_CELLS = 300_000  # cells written in one sheet, merged ranges counted in full
# Positions inside merged ranges of one sheet: openpyxl builds and styles an object for each, in
# both of the reader's loads (~50 µs a position: 250,000 took 13 s). A statutory table merges a
# few hundred; a register beside it with a merged column, tens of thousands at most.
MAX_MERGED_CELLS = 50_000
# Items of a workbook openpyxl builds an object for, twice (the reader loads it twice), at 20–300 µs
# each whatever they hold: 1.5 million empty shared strings (<si/>, 7 MB) or cell formats hung the
# reader past 40 s, 1.3 million empty rows took 30 s, 80,000 data validations 27 s.  Shared
# strings: no more than the cells written, which are what uses them (Excel keeps no others), and
# MAX_SHARED_STRINGS_FREE beside; formats, fonts, fills, borders: Excel's own limit of cell formats;
# rows of a sheet: a register beside the report has thousands; rules a sheet keeps on its cells.
MAX_SHARED_STRINGS_FREE = 1000
MAX_XLSX_STYLE_ITEMS = 65_490
MAX_SHEET_ROW_ELEMENTS = 100_000
MAX_SHEET_RULES = 2000  # data validations, conditional-format rules, hyperlinks (each kind)
MAX_SHEET_COLUMN_RANGES = 16_384  # <col> entries: each covers columns of its own, Excel has 16,384
# Ranges openpyxl parses into an object each, in both loads, whatever they cover (~10–25 µs a
# range): merged ranges of one sheet (a single cell each slips past MAX_MERGED_CELLS: 300,000
# took 60 s), the ranges the sheet's rules list (sqref of conditional formats, data validations,
# a selection: one rule over 500,000 single cells took 14 s), and the workbook's defined names
# (150,000: 7 s; past their cap left out, not refused: app/xlsxlean.py).  A statutory table merges some tens, a register beside it with a merged
# column some thousands (tests/test_xlsx_used_range.py: 5,000; ~0.1 ms a merge, both loads);
# a report's names are a few print areas and titles.
MAX_MERGE_RANGES = 10_000
# Elements of a sheet outside its cells (<sheetData>): columns, merges, rules, filters, page
# breaks, sort conditions, selections… openpyxl builds an object for each of any list it knows
# (300,000 <brk/> of a 30 KB file: 4 s, 250 MB).  A sheet has tens; at the caps above together,
# some tens of thousands.  One count for them all: the next list's name needs no cap of its own.
MAX_SHEET_OTHER_ELEMENTS = 100_000
READ_CPU_S, READ_MEMORY_BYTES = 60, 1024**3  # one read's CPU s and data bytes: app/backstop.py says why
MAX_SHEET_RULE_RANGES = 10_000
MAX_DEFINED_NAMES = 10_000
# Runs of rich text (<r>: a piece of a cell's text in a format of its own) in one sheet or the shared strings: openpyxl
# builds two objects a run, in both loads, and the reader judges each run's colour (30 processor µs a run: one cell of
# 200,000 “<r><t>x</t></r>”, 3 MB, 6 s, 15 s under load).  A report's cells have a few; a register some tens of thousands.
MAX_RICH_TEXT_RUNS = 50_000
MAX_NUMBER_DIGITS = 30  # a count or amount in a cell (no statutory figure comes near)
MAX_CHECKED_PARAGRAPH_CHARS = 200_000  # text checks read a longer (pasted) paragraph up to here
MAX_CELL_CHARS = 5000  # a table cell's text as the readers compare it (labels are < 100 characters)
MAX_PDF_PAGES = 100  # a report is a few pages to a few dozen
# A whole PDF: a report's is some hundred KB, a scanned one tens of MB.  Beyond it a file is no
# report, or a download not finished (a download manager writes the whole size first, zeros): an
# 8 GB one took 13 s, reading its zeros back to the content, to be refused as taking too long.
MAX_PDF_BYTES = 512 * 1024 * 1024
# Objects a PDF's cross-reference lists (or its recovery scan finds): a report's have a few
# hundred (10 to 20 a page), MAX_PDF_PAGES of them some thousands.  Each listed object costs a
# lookup wherever the page tree is damaged (pdfminer then tries every one for a page), some
# 30 µs: a 7 MB table of 400,000 hung the reader to its deadline (30 s under load).
MAX_PDF_OBJECTS = 50_000
MAX_PDF_PAGE_BYTES = 4 * 1024 * 1024  # one page's drawing, compressed (a report page's is tens of KB)
# What pdfminer may inflate (app/pdfread/inflate.py): one stream (a report page's drawing is
# well under 1 MB inflated; a whole embedded CJK font is some 20 MB), and a document's together.
MAX_PDF_STREAM_INFLATED = 64 * 1024 * 1024
MAX_PDF_INFLATED = 256 * 1024 * 1024
# The decoders pdfminer has in Python (LZW, ASCII85, RunLength, the predictors) go a byte or a
# code at a time, some 0.15 s a MB: one stream's input to them (a report's are KBs; a font is
# compressed with flate, which is C).  A predictor's row: pdfminer makes one before reading.
MAX_PDF_SLOW_FILTER_BYTES = 16 * 1024 * 1024
MAX_PDF_PREDICTOR_ROW_BYTES = 1024 * 1024
# What one page draws: characters, pictures, lines and shapes (a report page has at most a few
# thousand: 2,500 characters of dense text, some hundreds of table rules); counted as pdfminer
# builds them (app/pdfread/bounds.py), so 30,000 ruling lines stop at the cap, not seconds later.
MAX_PDF_PAGE_OBJECTS = 20_000
# Tokens of one page's drawing (numbers, names, operators), its forms included: a report page
# has some 4,000 to 12,000; a page of MAX_PDF_PAGE_OBJECTS rules has 140,000.  What draws
# nothing (a million “q Q”) costs 10 µs a token all the same.
MAX_PDF_PAGE_TOKENS = 300_000
# Forms (XObjects drawn by Do) one page draws, each time counted: pdfminer parses a form's
# drawing anew each time, some 0.4 ms before its first token.  A report page draws a few (a
# watermark, a stamp, a flattened annotation); a form drawing another three times, thirty deep,
# took the whole deadline (8 processor seconds, 15 s of a loaded machine) at 18,000 forms.
MAX_PDF_PAGE_FORMS = 2000
# One token (a string, name, number or word) or one inline picture's data: pdfminer gathers a
# token by gluing each piece it reads onto what it has, so a token costs the square of its
# length over the piece's (4 KB, or one byte per escape): a 30 MB word took the whole deadline.
# The bytes glued (the sum of the token's lengths as it grows) are capped — 1 GB, a tenth of
# a second: a token of 2.9 MB read 4 KB at a time, a string of 46,000 escapes — and its length
# (a report's longest, a signature's /Contents, is tens of KB; an inline picture some KB).
MAX_PDF_TOKEN_BYTES = 2 * 1024 * 1024
MAX_PDF_TOKEN_WORK = 1 << 30
# Processor seconds for one PDF: checked between pages and inside a page (every thousand tokens
# of its drawing, and by the decoders written in Python): an enormous PDF never hangs the editor.
# One limit for the whole document, neither a page's nor one growing with the pages read: a
# hostile file is refused within it wherever its cost lies (opening, one page, many pages).  The
# largest PDF accepted, MAX_PDF_PAGES of plain text, takes some 3 s (30 ms a page on the shared
# test machine under load, benchmarks/bench_pdfread.py; 70 ms before pdfread17); 100 pages of our
# own export 3.6 s, of LibreOffice's 2.9 s (36 and 29 ms a page at load 8: our drawing has five
# tokens a glyph, read by our own tokenizer since pdfread18, app/pdfread/content.py; pdfminer's
# parser took 60 ms a page, and a 54-page export of ours hit this limit under load).
PDF_TIME_LIMIT_S = 8.0

# The reason most refusals give (app/ziplimits.py, app/xlsxlimits.py too)
NOT_A_REPORT = "法定统计表不需要这么大，文件可能已损坏或不是年报"


def span(value: str | None, what: str = "单元格合并", least: int = 1) -> int:
    """A span attribute as an int >= ``least``: junk (“abc”, “1.5”, empty) counts as
    ``least``, as Word reads it; a span beyond any statutory table is refused."""
    if value is None:
        return least
    text = value.strip()
    if not text.isascii() or not text.isdigit():
        return least
    if len(text) > 9 or int(text) > MAX_SPAN:
        raise ReadError(f"表格中有一个{what}跨{text[:12]}格，{NOT_A_REPORT}")
    return max(int(text), least)


class GridBudget:
    """Counts the grid positions a reader builds, and stops it beyond the caps."""

    def __init__(self) -> None:
        self.total = self.chars = 0  # positions, characters at them

    def table(self) -> TableBudget:
        return TableBudget(self)


class TableBudget:
    """One table's grid: call ``add`` before building positions, ``row`` at each row's end."""

    def __init__(self, whole: GridBudget | None = None) -> None:
        self.whole = whole
        self.cells = 0
        self.rows = 0

    def add(self, positions: int, chars: int = 0) -> None:
        """``chars``: the text at those positions, a merged cell's at each (one 5,000-character cell
        over 100,000 positions put 500 M characters through every pass: rev26h M1)."""
        self.cells += positions
        if self.cells > MAX_TABLE_CELLS:
            raise ReadError(f"一个表格超过{MAX_TABLE_CELLS}个单元格，{NOT_A_REPORT}")
        if self.whole is not None:
            self.whole.total += positions
            self.whole.chars += chars
            if self.whole.total > MAX_ALL_TABLE_CELLS:
                raise ReadError(f"文件中的表格共超过{MAX_ALL_TABLE_CELLS}个单元格，{NOT_A_REPORT}")
            if self.whole.chars > MAX_ALL_TABLE_CHARS:
                raise ReadError(f"文件中的表格文字共超过{MAX_ALL_TABLE_CHARS // 10000}万字（合并单元格的文字按它占的每一格计），{NOT_A_REPORT}")

    def row(self, width: int) -> None:
        self.rows += 1
        if self.rows > MAX_TABLE_ROWS:
            raise ReadError(f"一个表格超过{MAX_TABLE_ROWS}行，{NOT_A_REPORT}")
        if width > MAX_TABLE_COLUMNS:
            raise ReadError(f"一个表格有{width}列，{NOT_A_REPORT}")


def cell_text(text: str) -> str:
    """A table cell's text, cut at MAX_CELL_CHARS: a megabyte pasted into a cell would make
    every label comparison slow; what is cut is never a label or a number anyone wrote."""
    return text if len(text) <= MAX_CELL_CHARS else text[:MAX_CELL_CHARS] + "…"


def xml_refusal(message: str) -> str | None:
    """The reason to give for an XML part the parser refused at one of its limits (nesting
    too deep, entities that expand without end), or None for plain damage."""
    if "Excessive depth" in message:
        return f"文档中的元素嵌套超过{MAX_XML_DEPTH}层（如表格中层层套表格），年报不会这样，文件可能已损坏或是恶意构造，未读取"
    if "amplification" in message or "entity reference loop" in message.lower() or "Detected an entity" in message:
        return "文档中含有不断展开的 XML 实体定义（常见于恶意构造的文件），出于安全考虑未读取"
    return None


def check_blocks(count: int) -> None:
    if count > MAX_BLOCKS:
        raise ReadError(f"正文超过{MAX_BLOCKS}段，年报不会这么长，文件可能已损坏")


_START_TAG = re.compile(r"<[A-Za-z]")
# A page in pieces, each to its end or the text's, every quantifier possessive (no piece is
# tried twice: linear): a comment; a raw-text element (a script's “a<b” is no tag); a start tag,
# its attributes (the one group: quoted values may hold “<” and “>”); text; lone “<”s.  One group
# only: findall gives it (empty but for a start tag) in C, where sub with a template calls Python.
_PIECES = re.compile("|".join([r"<!--(?:[^-]++|-(?!->))*+(?:-->)?"] + [
    rf"<{raw}\b(?:[^<]++|<(?!/{raw}))*+" for raw in ("script", "style", "textarea", "title", "xmp")] + [
    r"""<[A-Za-z][^\s<>/"']*+((?:[^<>"']++|"[^"]*+"?|'[^']*+'?)*+)""", r"[^<]++", r"<+(?![A-Za-z!])"]), re.IGNORECASE)
_QUOTED, _EQUALS = re.compile(r""""[^"]*+"?|'[^']*+'?"""), re.compile(r"\s*+=\s*+")
_ATTRIBUTE = re.compile(r"/*+[^\s\x00/][^\s\x00]*+")  # name, name=value (a lone “/” closes a tag)
_LONG_TAG = re.compile(rf"[^\x00]{{{2 * MAX_WEB_TAG_ATTRIBUTES},}}")  # “ a” at least, each
_HOSTILE_PAGE = "年报的网页不会这样，文件可能已损坏或是恶意构造，未读取"


def checked_markup(text: str) -> str:
    """A web page's text, refused (ReadError) past MAX_WEB_ELEMENTS start tags, MAX_WEB_ATTRIBUTES
    attributes or with a tag of more than MAX_WEB_TAG_ATTRIBUTES: counted in linear time, in a
    few passes of C, before libxml2 parses it."""
    if text.count("<") > MAX_WEB_ELEMENTS and sum(1 for _ in _START_TAG.finditer(text)) > MAX_WEB_ELEMENTS:
        raise ReadError(f"网页中有超过{MAX_WEB_ELEMENTS}个标签（元素），超出本程序读取网页的上限（年报正文的网页只有几千个；"
                        "附有很长的目录等附件的，请打开原 Word 文档或 PDF），未读取")
    # each start tag's attributes, apart (NUL), a quoted value and “ = ” made part of one word
    attributes = _EQUALS.sub("=", _QUOTED.sub('""', "\x00".join(_PIECES.findall(text))))
    for tag in _LONG_TAG.finditer(attributes):
        if _ATTRIBUTE.subn("", tag.group())[1] > MAX_WEB_TAG_ATTRIBUTES:
            raise ReadError(f"网页中一个标签带了超过{MAX_WEB_TAG_ATTRIBUTES}个属性，{_HOSTILE_PAGE}")
    if _ATTRIBUTE.subn("", attributes)[1] > MAX_WEB_ATTRIBUTES:
        raise ReadError(f"网页中的标签共带了超过{MAX_WEB_ATTRIBUTES}个属性，{_HOSTILE_PAGE}")
    return text


# A CSS string or url(…): its ;s end no declaration (an SVG data: URL's), up to 10× the limit (still split at)
_CSS_QUOTED = re.compile(r""""[^"]*"|'[^']*'|\([^()]*\)""")


def check_style_declarations(text: str) -> None:
    """ReadError when one style attribute's or rule's ``text`` holds more than MAX_STYLE_DECLARATIONS
    declarations: counted by its semicolons, in C, before any is parsed."""
    n = text.count(";")
    if n > MAX_STYLE_DECLARATIONS and (n > 10 * MAX_STYLE_DECLARATIONS or _CSS_QUOTED.sub("", text).count(";") > MAX_STYLE_DECLARATIONS):
        raise ReadError(f"网页的样式中有一处写了超过{MAX_STYLE_DECLARATIONS}条样式声明（年报网页的一处只有几十条），{_HOSTILE_PAGE}")


def declaration_count(text: str) -> int:
    """The declarations of a style attribute's or rule's ``text``: its semicolons but those in a
    CSS string or url() (counted apart only where there are many), and the last one's."""
    n = text.count(";")
    return n + 1 if n < 100 else _CSS_QUOTED.sub("", text).count(";") + 1


def check_page_style_declarations(count: int) -> None:
    """ReadError when a page's style rules, or its distinct style attributes, have ``count``
    declarations together, more than MAX_PAGE_STYLE_DECLARATIONS."""
    if count > MAX_PAGE_STYLE_DECLARATIONS:
        raise ReadError(f"网页的样式共写了超过{MAX_PAGE_STYLE_DECLARATIONS}条样式声明（年报网页只有几千条），{_HOSTILE_PAGE}")


NOT_A_FILE = "不是普通文件（是设备或管道），无法读取"


class NotAFile(ReadError):
    """The path is no regular file (any more): a FIFO, a device, a folder.  Said as it is by
    whoever meets it, never taken for a damaged file."""


def open_regular(path: Path) -> BinaryIO:
    """A user's file opened for reading, never waiting, and only when it is a regular file.  A
    look at the path before (stat) says nothing of what is opened after it: a file swapped for a
    FIFO in between kept a blocking open waiting for a writer for ever, a device never ended.
    The open does not wait (O_NONBLOCK: a FIFO opens at once), and the file opened is the one
    checked (fstat).  NotAFile naming the path when it is no regular file (unlike this module's
    other checks: the callers are many); OSError as the system gives it."""
    nonblocking = getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, os.O_RDONLY | nonblocking | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise NotAFile(f"{path}：这是一个文件夹，不是文件")
        if not stat.S_ISREG(mode):
            raise NotAFile(f"{path}：{NOT_A_FILE}")
        if nonblocking:
            os.set_blocking(fd, True)  # a regular file's reads never wait anyway: ordinary from here
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def state_json(raw: bytes | str, most: int = MAX_STATE_BYTES) -> Any:
    """The value of JSON the editor wrote (a file's bytes, a setting's text); None when it is
    none the editor could have written — longer than ``most``, not UTF-8, malformed, or nested
    deeper than MAX_STATE_DEPTH.  Such a file comes in a folder someone sent, or is damaged: an
    owner file of 60,000 “[” raised RecursionError through every open of its report (rev23 M5).
    Every such read goes through here, so that none forgets a case; the caller treats None as
    absent or damaged (and says so where it shows anything).  JSON's own null is no state either."""
    if len(raw) > most:
        return None
    import json  # loaded already wherever state is read (app.lock at the start)

    try:
        value = json.loads(raw.decode("utf-8") if isinstance(raw, bytes) else raw)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None
    return value if _nested_within(value, MAX_STATE_DEPTH) else None


def _nested_within(value: object, depth: int) -> bool:
    """Whether ``value``'s lists and dicts nest at most ``depth`` deep (walked without recursion:
    a value within the parser's limit could still exhaust a caller's recursion, json.dumps at the
    next save among them)."""
    level: list[tuple[object, int]] = [(value, 1)]
    while level:
        item, at = level.pop()
        inner = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if inner is None:
            continue
        if at > depth:
            return False
        level.extend((x, at + 1) for x in inner if isinstance(x, dict | list))
    return True


def state_file(path: Path, most: int = MAX_STATE_BYTES) -> Any:
    """``state_json`` of a file; None also when it cannot be read or is no regular file (a FIFO
    is never waited on, a device never read to the end)."""
    try:
        with open_regular(path) as fh:
            raw = fh.read(most + 1)
    except (OSError, ReadError):
        return None
    return state_json(raw, most)


# A number kept in a setting (a window's place, a width) far past any screen, yet inside what Qt's
# int and every platform's window calls take.
MAX_SETTING_INT = 1 << 24
_MAX_NUMBER_CHARS = 40  # the text of a number worth reading


def bounded_int(value: object, low: int = -MAX_SETTING_INT, high: int = MAX_SETTING_INT) -> int | None:
    """A whole number read from a setting or a state file, when it is one within [low, high];
    else None (garbage, a fraction, true/false, 3000000000 as a window's corner: that one raised
    OverflowError in Qt at every start, rev25b S1).  Every number read back from state goes
    through here or ``bounded_float``: none is used as it was found."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        number = bounded_float(value, low, high)
        return int(number) if number is not None and number.is_integer() else None
    if isinstance(value, str) and len(value) <= _MAX_NUMBER_CHARS:
        try:
            value = int(value.strip())
        except ValueError:
            return None
    return value if isinstance(value, int) and low <= value <= high else None


def bounded_float(value: object, low: float, high: float) -> float | None:
    """A finite number read from a setting or a state file within [low, high]; else None (NaN,
    Infinity and 1e400 are valid JSON to Python, and every comparison with NaN is false)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    if isinstance(value, str) and len(value) > _MAX_NUMBER_CHARS:
        return None
    try:
        number = float(value)
    except (ValueError, OverflowError):  # an int past float's range
        return None
    return number if low <= number <= high else None  # NaN is in no range


def epoch_time(value: object, now: float) -> float | None:
    """Seconds since the epoch read from state (a lock's time): not before 1970 nor more than a
    day ahead of ``now`` (another computer's clock may run a little ahead, not years); else None."""
    return bounded_float(value, 0.0, now + 86400.0)


def local_time(text: object) -> datetime | None:
    """A time read from state as ISO text, as a naive local datetime; None when it is none or
    not within years 1000–9000 (room to add or subtract without overflow).  A zone is converted
    (a sync tool or a later version writing “…+08:00” or “…Z”): compared with a naive time,
    an aware one raised TypeError at every start (rev25b S3).  Never raises."""
    import datetime as dt  # loaded already wherever state is read (app.lock at the start)

    if not isinstance(text, str) or len(text) > _MAX_NUMBER_CHARS:
        return None
    try:
        when = dt.datetime.fromisoformat(text.strip())
        if when.tzinfo is not None:
            when = when.astimezone().replace(tzinfo=None)
    except (ValueError, OverflowError, OSError):
        return None
    return when if 1000 <= when.year <= 9000 else None


def clear_odd_file(path: Path) -> None:
    """A file of the editor's own (its log, a lock of its own or Qt's) that is no regular file —
    a FIFO, a device, a link to one or a link loop, in a damaged or tampered profile — removed
    before it is opened: opening a FIFO blocks until a reader comes, and the window froze for
    good, deaf to SIGTERM, at every start (rev25b S13).  A folder is left (its opener fails and
    says so); anything the system refuses is left as it is."""
    try:
        if stat.S_ISREG(os.stat(path).st_mode):
            return
    except FileNotFoundError:
        if not os.path.islink(path):
            return  # none: nothing to clear (a dangling link is cleared)
    except OSError:
        pass  # a link loop, a name too long: cleared if it can be
    try:
        if not stat.S_ISDIR(os.lstat(path).st_mode):
            os.unlink(path)
    except OSError:
        pass


def check_pdf_size(size: int) -> None:
    if size > MAX_PDF_BYTES:
        raise ReadError(f"PDF 文件有{size / 1048576:.0f} MB，年报不会这么大（上限{MAX_PDF_BYTES // 1048576} MB），"
                        "可能是没有下载完的文件或不是年报")


def check_text_copy_read(read: int) -> None:
    """ReadError when more than MAX_TEXT_COPY_BYTES were read of a file its size said was within it."""
    if read > MAX_TEXT_COPY_BYTES:
        raise ReadError(f"文件超过{MAX_TEXT_COPY_BYTES // 1048576} MB（读取时比它的大小所说的长，可能还在写入），"
                        "网页或文本副本的年报不会这么大，文件可能不是年报")


def check_text_copy_size(size: int, page: bool = False) -> None:
    """A web ``page`` may be larger: its inline pictures are left out as it is read (app/webinline.py)."""
    if size > (most := MAX_WEB_PAGE_BYTES if page else MAX_TEXT_COPY_BYTES):  # the cap said is the one applied
        raise ReadError(f"文件有{size / 1048576:.0f} MB，网页或文本副本的年报不会这么大（上限"
                        f"{most // 1048576} MB），文件可能不是年报")


def checked_lines(text: str, most: int = 1_000_000) -> str:  # a report's paragraphs and cells, and blanks between
    if sum(map(text.count, "\r\n\u2028\u2029")) - text.count("\r\n") > most:  # a CRLF ends one line, as split
        raise ReadError(f"文本副本超过{most}行，年报不会这么长，文件可能已损坏")
    return text
