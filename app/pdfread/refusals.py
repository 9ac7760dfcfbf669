"""Why a PDF is not read: one line of Chinese for each kind of file that gives no report — a
scan (pictures of pages) or text no one sees, 乱码 from fonts' wrong ToUnicode maps, tables
drawn without ruling lines, a password, a damaged file, and one too big or too slow to read
(past app/limits.py's bounds, as app/pdfread/bounds.py and inflate.py stop it) — and what of a
page no one sees, for that line and for the note on a report that is read."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app.docx.blocks import Block, ParaBlock, TableBlock
from app.errors import ReadError
from app.limits import MAX_PDF_OBJECTS
from app.pdfread import bounds, inflate
from app.pdfread.fontmaps import MAX_DOCUMENT_FONT_ENTRIES, MAX_FONT_ENTRIES, FontLimit
from app.plausible import reads_as_chinese
from app.schema import T2_LICENSING, T2_PENALTY, T3_APPLICANT, T4_LITIGATION, T4_REVIEW, TABLE2

if TYPE_CHECKING:
    from app.pdfread import PageRead

DAMAGED = "文件已损坏或不是 PDF 文件，无法读取"
# A PDF's header with no end after it (no ``startxref``, the last thing a PDF writes): a download
# or copy cut off, far commoner than a damaged file, and what to do differs (fetch it again).
CUT_SHORT = "PDF 文件不完整（后面的部分缺失，可能没有下载完或复制时中断），无法读取；请重新下载或复制一份再打开"
# A page of lines and shapes only: text turned into outlines (“转曲”, as print shops ask, or a
# printer driver's “text as graphics”) is drawn, not written; no picture, so no scan.
OUTLINES = ("PDF 中没有文字，只有线条和图形（多为生成 PDF 时把文字转成了曲线：“转曲”或“文字作为图形”），没有可读取的文字；"
            "请使用原 Word 文档，或先用文字识别（OCR）软件转换为 Word 文档后再打开")
SCAN = "是扫描件（图片），没有可读取的文字；请照着录入，或先用文字识别（OCR）软件转换为 Word 文档后再打开"


def refuse_unshown(path: Path, pages: Sequence[PageRead], hidden: int) -> None:
    """ReadError when the pages show no text at all: all of it unseen (``hidden`` characters),
    nothing drawn, or pictures only (a scan)."""
    if hidden and not any(p.shown for p in pages):
        # the tables' ruling lines may be there, empty: no report is shown, none is read
        raise ReadError(f"{path}：PDF 中的{hidden}个字都看不见（{unseen_kinds(pages)}），打开或打印时不显示，"
                        "没有可读取的内容；请使用原 Word 文档")
    if not any(p.shown for p in pages):
        # Tables' ruling lines found as empty cells are no text: the text around them may be
        # outlines (Ghostscript's -dNoOutputFonts, a driver's “text as graphics”).
        if not any(p.images or p.drawn for p in pages):
            # Not a scan (a scan is pictures): nothing at all is drawn — a page tree that loops
            # back on itself, pages pdfminer could not parse, or a blank file.
            raise ReadError(f"{path}：PDF 中没有任何文字、图片或图形，文件已损坏或是空白的，无法读取")
        if not any(p.images for p in pages):  # no picture: not a scan, the text drawn as shapes
            raise ReadError(f"{path}：{OUTLINES}")
        raise ReadError(f"{path}：这个 PDF {SCAN}")


def not_a_report(path: Path, pages: Sequence[PageRead], blocks: list[Block], hidden: int, e: ReadError,
                 unread: Sequence[str] = ()) -> ReadError:
    """The refusal when the text read is no report (``e``, the report reader's reason): said as
    scanned pages, tables without ruling lines or 三线表 whose columns are not certain (``unread``:
    which, app/pdfread/threeline.py) where that is why, and with the text no one sees (``hidden``
    characters) named."""
    scanned = [str(p.number) for p in pages if p.images and not (p.lines or p.pieces)]
    if scanned and not any(isinstance(b, TableBlock) for b in blocks):
        return ReadError(f"{path}：第{'、'.join(scanned)}页{SCAN}")
    if not any(isinstance(b, TableBlock) for b in blocks) and _mentions_tables(blocks):
        if ocr := _recognised_scan(pages):
            # the tables' lines are in the picture: “add ruling lines in Word/WPS” cannot be done
            return ReadError(f"{path}：PDF 是扫描件（第{'、'.join(ocr)}页是整页图片，文字是文字识别（OCR）后加上的），"
                             "统计表格的框线只在图片中，无法分辨单元格，表格中的数字无法读入；请使用原 Word 文档，"
                             "或在编辑器中新建报告，照扫描件填写")
        if unread:  # rules across, no column lines: the columns were looked for and not certain
            return ReadError(f"{path}：PDF 中的{'、'.join('表' + k for k in unread)}画成三线表（只有横线，没有竖线），"
                             "按文字的位置无法确定每个数字属于哪一列，表格中的数字无法读入；请使用原 Word 文档，"
                             "或在 Word/WPS 中为表格加上框线后另存为 PDF")
        return ReadError(f"{path}：PDF 中的统计表格没有框线，无法分辨单元格；请使用原 Word 文档，"
                         "或在 Word/WPS 中为表格加上框线后另存为 PDF")
    also = f"（另有{hidden}个看不见的字未读入：{unseen_kinds(pages)}）" if hidden else ""
    return ReadError(f"{path}：{e}{also}")


def refuse_garbled(path: Path, blocks: list[Block]) -> None:
    """ReadError when the text the fonts' ToUnicode maps give is no Chinese anyone wrote: a
    map off by one (every character its neighbour) reads as a report of 乱码 — blank tables,
    a dozen findings quoting it — and says nothing of why.  Only a text that fails the
    plausibility test (app/plausible.py) and shows no statutory table is refused: a right PDF
    has both its common characters and its tables."""
    from app.docx import tables as tbl

    paragraphs = [b.text for b in blocks if isinstance(b, ParaBlock)]
    text = "".join([*paragraphs, *(b.all_text() for b in blocks if isinstance(b, TableBlock))])
    if reads_as_chinese(text) is not False:
        return
    if any(tbl.classify(b) is not None for b in blocks if isinstance(b, TableBlock)):
        return
    sample = next((p.strip()[:12] for p in paragraphs if sum("\u4e00" <= c <= "\u9fff" for c in p) >= 4), "")
    quoted = f"（如“{sample}”）" if sample else ""
    raise ReadError(f"{path}：PDF 中的文字编码有误，复制出的文字是乱码{quoted}，无法读取；"
                    "请使用原 Word 文档，或重新导出 PDF")


# What app/pdfread/text.py leaves out, and how the user is told why no one sees it.
_UNSEEN_KINDS = (
    ("white", "白色的字（白纸上看不见）"),
    ("invisible", "设为不显示的字（文字渲染模式为“不可见”，下面也没有扫描图片）"),
    ("transparent", "完全透明的字"),
    ("tiny", "字号为0或小到看不见的字"),
    ("outside", "在页面显示范围（裁剪框）之外的字"),
    ("clipped", "被裁剪区域遮去的字"),
    ("covered", "被后画的方框、图片或批注盖住的字"),
    ("layer", "在隐藏图层中的字"),
    ("noink", "用不印刷的专色（Separation /None）写的字"),
    ("overdrawn", "与另一个字画在同一位置、叠成一团的数字或文字"),
)


def unseen_kinds(pages: Sequence[PageRead]) -> str:
    """“第2、3页12个白色的字（…），第1页5个在页面显示范围之外的字” for the characters left out."""
    said = []
    for kind, words in _UNSEEN_KINDS:
        counts = {p.number: getattr(p.unseen, kind) for p in pages if getattr(p.unseen, kind)}
        if counts:
            said.append(f"第{'、'.join(map(str, counts))}页{sum(counts.values())}个{words}")
    return "，".join(said)


# Headings of the three statutory tables that running text seldom has all of.
_TABLE_WORDS = (T3_APPLICANT, TABLE2.row_labels[T2_LICENSING], TABLE2.row_labels[T2_PENALTY], T4_REVIEW, T4_LITIGATION)


def pictured_tables(blocks: list[Block]) -> bool:
    """A picture (app/pdfread ``Picture``: a block without text holding a drawing) under the
    heading of a section with a statutory table: the report's tables published as pictures.  A
    photo in 一 makes no report of a file whose tables are drawn without lines (said as such)."""
    from app.docx.assemble import heading_key
    from app.schema import SECTIONS

    tabled = {spec.key for spec in SECTIONS if spec.table}
    section = None
    for b in blocks:
        if not isinstance(b, ParaBlock):
            continue
        if b.text:
            section = (heading_key(b.text) if len(b.text) < _HEADING_LONGEST else None) or section
        elif len(b.element) and section in tabled:
            return True
    return False


_HEADING_LONGEST = 40  # characters: a longer paragraph is text, never a heading


def _recognised_scan(pages: Sequence[PageRead]) -> list[str]:
    """The pages of text that are a scan with a text layer (an OCR tool's output: the page's
    picture, most of the page, and the words recognised on it), when most pages of text are."""
    text = [p for p in pages if p.shown]
    ocr = [str(p.number) for p in text
           if any(w * h >= 0.6 * p.width * p.height for _, _, w, h in (pic.key for pic in p.pictures))]
    return ocr if text and len(ocr) * 2 > len(text) else []


def _mentions_tables(blocks: list[Block]) -> bool:
    """The statutory tables' words stand in the text: tables drawn without lines."""
    text = re.sub(r"\s+", "", "".join(b.text for b in blocks if isinstance(b, ParaBlock)))
    return sum(w in text for w in _TABLE_WORDS) >= 3


def refuse_inflated(path: Path, e: BaseException, where: str = "PDF 中") -> None:
    """ReadError when what went wrong is a stream inflating past the cap (app/pdfread/inflate.py),
    however pdfplumber or pdfminer wrapped it."""
    limit = inflate.cause(e)
    if limit is not None:
        raise ReadError(f"{path}：{where}的内容解压后超过{limit.limit // 2**20} MB，文件过大或已损坏，"
                        "不像一份年度报告，未读取") from e


def too_slow(path: Path, number: int | None, limit_s: float) -> ReadError:
    """The refusal of a PDF not read within ``limit_s`` processor seconds (page ``number`` reached)."""
    reached = f"（读到第{number}页）" if number else ""
    return ReadError(f"{path}：PDF 内容过多，{limit_s:.0f}秒内未能读完{reached}，不像一份年度报告")


def refuse_bounded(path: Path, e: BaseException, limit_s: float, number: int | None = None) -> None:
    """ReadError when reading stopped at one of the bounds inside a page or a stream
    (app/pdfread/bounds.py), however pdfplumber or pdfminer wrapped it."""
    if bounds.cause(e, bounds.TimeLimit) is not None:
        raise too_slow(path, number, limit_s) from e
    font = bounds.cause(e, FontLimit)
    if font is not None:
        where = f"第{number}页所用的" if number else ""
        if font.document:
            raise ReadError(f"{path}：PDF {where}各种字体的宽度表和编码表合计过大（超过{MAX_DOCUMENT_FONT_ENTRIES}项，"
                            "年报所用的几种字体远没有这么多），文件可能已损坏或是恶意构造，未读取") from e
        raise ReadError(f"{path}：PDF {where}一种字体的宽度表或编码表过大（超过{MAX_FONT_ENTRIES}项，一种字体最多65536个字形），"
                        "文件可能已损坏或是恶意构造，未读取") from e
    if bounds.cause(e, bounds.ObjectLimit) is not None:
        raise ReadError(f"{path}：PDF 的对象登记表（交叉引用表）过大（超过{MAX_PDF_OBJECTS}个对象或8 MB，"
                        "年报的 PDF 只有几百到几千个对象），文件可能已损坏或是恶意构造，未读取") from e
    limit = bounds.cause(e, bounds.PageLimit)
    if limit is not None:
        what = ("绘图指令过多（超过{}个，年报的一页只有几万个）" if limit.tokens
                else "图形组（表单）画了太多次（超过{}次，年报的一页只画几次）" if limit.forms
                else "文字和图形过多（超过{}个，年报的一页只有几千个）")
        raise ReadError(f"{path}：第{number}页的{what.format(limit.limit)}，不像年度报告的一页，未读取") from e


def damaged(path: Path, e: BaseException, limit_s: float, number: int | None = None) -> ReadError:
    """The refusal of a PDF (or of its page ``number``) pdfplumber or pdfminer failed on: past
    a bound (``limit_s``, the processor seconds) or the inflate cap said as such, a password
    as such, else damaged."""
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    refuse_bounded(path, e, limit_s, number)
    if number is not None:
        refuse_inflated(path, e, f"第{number}页")
        return ReadError(f"{path}：第{number}页已损坏，无法读取")
    refuse_inflated(path, e)
    cause = e.args[0] if e.args else e
    if isinstance(e, PDFPasswordIncorrect) or isinstance(cause, PDFPasswordIncorrect):
        return ReadError(f"{path}：PDF 设置了打开密码，无法读取；请取消密码后另存一份再打开")
    return ReadError(f"{path}：{CUT_SHORT if _cut_short(path) else DAMAGED}")


def _cut_short(path: Path) -> bool:
    """A PDF's header at its start and no ``startxref`` anywhere before its end (its trailing
    zeros or spaces aside: a download manager's preallocated rest)."""
    import os

    from app.pdfread import source

    try:
        with open(path, "rb") as fh:
            if b"%PDF-" not in fh.read(1024):
                return False
            end = source.content_end(fh, os.fstat(fh.fileno()).st_size)
            return source.last_startxref(fh, end)[1] < 0
    except (OSError, bounds.TimeLimit):
        return False


def too_many_pages(path: Path, count: str) -> ReadError:
    return ReadError(f"{path}：PDF 有{count}页，不像一份政府信息公开工作年度报告（通常不超过几十页）；"
                     "如果年报只是其中几页，请把这几页另存为一个 PDF 再打开")


def too_big_page(path: Path, number: int, limit: int) -> ReadError:
    return ReadError(f"{path}：第{number}页的内容过多（超过{limit // 2**20} MB），不像年度报告的一页，未读取")


def no_text_encoding(path: Path) -> ReadError:
    """The refusal of a PDF whose characters pdfminer gives only as (cid:…): fonts with no
    text encoding."""
    return ReadError(f"{path}：PDF 中的文字无法提取（所用字体没有文字编码），请使用原 Word 文档，"
                     "或用文字识别（OCR）软件转换")
