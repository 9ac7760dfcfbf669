"""Reading any report file: the one place that decides which reader gets which bytes.

Content first, name second (offices rename files freely: an OA system's “.doc” is often a web
page). Each format is a module producing the same neutral blocks (app/docx/blocks.py), which
app/docx/reader.py turns into a Report: .docx (app/docx/reader.py), .xlsx (app/xlsx.py), web
copies and plain text (app/webcopy.py), PDF (app/pdfread), old and foreign formats through
LibreOffice (app/office.py). Errors are app/errors.py's ReadError."""

from __future__ import annotations

import contextlib
import os
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

from app import limits, logger, sniff
from app.docx.flatopc import unpack, xml_document_kind
from app.docx.reader import open_docx, read_document
from app.errors import NotAReport, ReadError, unreadable
from app.findings import NO_FIGURES, Location, Until
from app.limits import open_regular
from app.names import office_leftover
from app.report import Report, as_saved, read_text, saved_text
from app.schema import REQUESTS, TABLES, CellRef
from app.sniff import Kind, wide_encoding


def load_report(path: str | Path, cancelled: Callable[[], bool] | None = None) -> Report:
    """Any report file, by read_report below; a .doc is converted with soffice where available
    (stopped when ``cancelled()`` turns true).  Whatever goes wrong inside a reader — a hostile
    file exhausting memory or recursion, a library error no test has seen — is one ReadError
    line, never a traceback."""
    path = Path(path)
    try:
        report = read_report(path, cancelled)
    except ReadError:
        raise
    except PermissionError as e:  # a reader's own open (a zip's) refused: held by Word, or no right
        raise ReadError(f"{path}：{unreadable(e)}") from e
    except MemoryError as e:
        raise ReadError(f"{path}：文件内容过大或结构异常，读取时内存不足，未能打开") from e
    except RecursionError as e:
        raise ReadError(f"{path}：文件结构异常（嵌套或相互引用过深），无法读取") from e
    except Exception as e:  # a reader's bug must not look like a crash to the user
        # ...but its traceback goes to the log (where one is open: the editor's) for support
        logger("nianbao.reading").error("读取 %s 时出现意外错误", path.name, exc_info=e)
        raise ReadError(f"{path}：文件结构异常，无法读取（{type(e).__name__}）；"
                        "可在 Word 或 WPS 中打开后另存为 .docx 再试") from e
    # Read as a save keeps it (app/report.py): what the reader read is what reopening gives.
    # Another's file (a PDF's text above all) may write ⼈ for 人: kept as a person reads it.
    read = not report.written_by_editor
    for key, paras in report.sections.items():
        report.sections[key] = as_saved(paras, read)
    report.organ = saved_text(read_text(report.organ) if read else report.organ)
    report.raw = {ref: saved_text(read_text(text) if read else text) for ref, text in report.raw.items()}
    _note_no_figures(report)
    # What a save kept (app/import_notes.KEY), or a note it will keep: the module imported only then.
    if "import_findings" in report.extras or any(f.declared.kept for f in report.import_findings):
        from app.import_notes import restore

        restore(report)
    return report


# What the finding says: `check`'s text output, --json, the summary workbook and the editor alike.
# A draft of ours not yet filled gets it as a published file whose figures are pictures does:
# the first reason comes first (the review found the hidden-text hint alone puzzled a drafter).
NO_FIGURES_MESSAGE = ("统计表中没有读到任何数字（三张法定统计表全部空白），无法核对：尚未填写的，请在表中填入；"
                      "原文件若印有数字，可能是图片或隐藏、看不见的文字")


def _note_no_figures(report: Report) -> None:
    """Not one figure read in any statutory table, whatever the format: a published report has
    its figures, so they were pictured, hidden or lost on the way — and with every cell blank the
    sums agree, so no other finding would say so.  The file's first finding (NO-FIGURES), gone
    once a figure is typed in."""
    if report.has_figures():
        return
    from app.textcells import ONE_CELL_A_LINE

    # Where the reading found why (a text saved one cell a line), that is said, not a guess at
    # pictures or hidden text of a file whose figures are all there.
    found = ONE_CELL_A_LINE in (f.message for f in report.import_findings)
    message = f"{NO_FIGURES_MESSAGE.split('：')[0]}：{ONE_CELL_A_LINE}" if found else NO_FIGURES_MESSAGE
    cells = tuple(CellRef(key, c.row, c.col) for key, spec in TABLES.items() for c in spec.cells)
    report.import_findings.insert(0, NO_FIGURES.at(Location(REQUESTS), message,
                                                   until=(Until(cells, any_cell=True),)))


_HEAD = 65536  # bytes read first, to tell the format by
_OLE = b"\xd0\xcf\x11\xe0"
_SAVE_AS = "请在 Word 或 WPS 中“另存为”.docx 后再打开"
_SLIDES = "这是 PowerPoint 演示文稿，不是年报文档，无法读取"
_MAIL = "这是 Outlook 邮件（.msg），不是年报文档；请在 Outlook 中打开这封邮件，把其中的年报附件另存出来后再打开"
# OFD has no text layer a library here reads; its readers print or export to PDF.
OFD_MESSAGE = ("这是 OFD 版式文件（.ofd），本程序读不了；请用 OFD 阅读器（如数科、福昕）打开后另存为或打印为 PDF，"
               "或找到它的 Word/WPS 原稿再打开")


def read_report(path: Path, cancelled: Callable[[], bool] | None = None) -> Report:
    """Any report file: decided by its content first (offices rename files freely: an OA
    system's “.doc” is often a web page), its name second."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise ReadError(f"{path}：{_folder(path)}")
        if not stat.S_ISREG(mode):  # a pipe would wait for ever, a device never end
            raise ReadError(f"{path}：不是普通文件（是设备或管道），无法读取")
        with open_regular(path) as fh:  # the file looked at: a FIFO swapped in since is refused
            head = fh.read(_HEAD)
    except OSError as e:
        raise ReadError(f"{path}：{unreadable(e)}") from e
    if not head:
        raise ReadError(f"{path}：文件是空的（0 字节）")
    # Word's “~$报告.docx” (162 bytes), Thumbs.db, ~WRL0001.tmp: said as what they are, not as a
    # damaged report.  A real document that merely has such a name (a zip) is read.
    if (leftover := office_leftover(path.name)) and not head.startswith(b"PK\x03\x04"):
        raise NotAReport(f"{path}：这是{leftover}")
    suffix = path.suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        # A file no longer than the head is all read: its zip is read from those bytes.
        with sniff.opened_zip(path, head if len(head) < _HEAD else None) as z:
            kind = sniff.zip_kind(path) if z is None else sniff.kind_in(z)  # what it holds decides, not the name
            if kind is Kind.DOCX and z is not None:
                return _read_docx(path, z)  # the zip the look opened: not opened and parsed again
        if kind is Kind.XLSX or (kind is Kind.UNKNOWN and suffix in (".xlsx", ".xlsm")):
            return _read_xlsx(path)
        if kind is Kind.ODT:
            return _read_converted(path, "OpenDocument 文本格式（.odt）", cancelled)
        if kind is Kind.PPT:
            raise NotAReport(f"{path}：{_SLIDES}")
        if kind is Kind.OFD or (kind is Kind.UNKNOWN and suffix == ".ofd"):
            raise ReadError(f"{path}：{OFD_MESSAGE}")
        if kind is Kind.OTHER_ZIP:
            raise ReadError(f"{path}：这是一个压缩包或其他类型的文件（不是 Word 文档或 Excel 工作簿），无法读取；"
                            "如是压缩包，请先解压")
        return _read_docx(path)
    if head.startswith(_OLE):
        return _read_ole(path, cancelled)
    from app.webmht import looks_like_mht

    if looks_like_mht(head) and b"%PDF-" not in head[:1024]:
        # Word's, WPS's or a browser's single-file page, whatever it is named (a “.xlsx” or “.pdf” too)
        from app.webmht import read_mht

        return read_mht(path)
    if suffix in (".xlsx", ".xlsm"):
        if not head.startswith(b"PK"):
            raise ReadError(f"{path}：不是 Excel 工作簿（.xlsx），无法读取")
        return _read_xlsx(path)
    if b"%PDF-" in head[:1024] or suffix == ".pdf":
        from app.pdfread import read_pdf  # pdfplumber only when a PDF is read

        return read_pdf(path)
    if head.lstrip().startswith(b"{\\rtf"):
        return _read_converted(path, "RTF 格式", cancelled)
    if head.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"<") and (xml := xml_document_kind(head)) is not None:
        # Word's and WPS's “Word XML 文档” and LibreOffice's flat .fodt, whatever they are named
        if xml == "opc":
            return _read_flat_package(path, cancelled)
        return _read_converted(path, "Word 2003 XML 格式" if xml == "word2003" else "OpenDocument 文本格式（.fodt）",
                               cancelled)
    if _looks_like_html(head) or suffix in _TEXT_SUFFIXES:
        from app.webcopy import read_web_copy

        return read_web_copy(path)
    if suffix in (".odt", ".wps", ".rtf", ".doc"):
        if (what := _no_document(head)) is not None:  # LibreOffice would churn on it, then fail
            raise ReadError(f"{path}：{what}")
        return _read_converted(path, f"{suffix} 格式", cancelled)
    if suffix == ".ofd":
        raise ReadError(f"{path}：{OFD_MESSAGE}")
    return _read_docx(path)


# A text copy by its name: a web page saved, a text file — and a table saved as text (Excel's, WPS's
# or LibreOffice's “另存为 CSV/文本”: it was refused as “不是 Word 文档”; its rows are read as a
# text copy's comma or tab rows, app/textrows.py).
_TEXT_SUFFIXES = (".txt", ".htm", ".html", ".csv", ".tsv", ".tab", ".text")


# What a file named .doc/.wps/.odt/.rtf holds when it is none of them (nor a web page or text):
# said at once — LibreOffice took 46 s over 2 GB of zeros before failing (hostile30).
_SIGNATURES = (
    ((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*"), "这是一张图片，不是 Word 文档"),
    ((b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"BZh"), "这是一个压缩文件，不是 Word 文档；如是压缩包，请先解压"),
    ((b"MZ", b"\x7fELF"), "这是一个程序文件，不是 Word 文档"),
)


def _no_document(head: bytes) -> str | None:
    """Why ``head`` (a file's first bytes, none of the formats read here) is no document worth
    converting; None when LibreOffice may know it."""
    if not any(head):
        return "文件内容全是空字节，不是 Word 文档（可能没有下载完整，或已损坏）"
    for starts, what in _SIGNATURES:
        if head.startswith(starts):
            return what
    return None


def _read_docx(path: Path, opened: zipfile.ZipFile | None = None) -> Report:
    document = open_docx(path, opened)
    try:
        return read_document(document)
    except ReadError as e:
        raise ReadError(f"{path}：{e}") from e


def _read_flat_package(path: Path, cancelled: Callable[[], bool] | None = None) -> Report:
    """Word's “Word XML 文档”: its parts unpacked into a .docx in a temporary folder, read as one;
    what is said about it names the file opened."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        # A fixed name: the file's own may be too long once ".docx" is added (what is said maps
        # it back to ``path``).
        unpacked = Path(tmp) / "report.docx"
        try:
            unpack(path, unpacked, cancelled)
            return read_document(open_docx(unpacked))
        except ReadError as e:
            said = str(e).replace(str(unpacked), str(path))
            raise type(e)(said if said.startswith(str(path)) else f"{path}：{said}") from e


def _read_xlsx(path: Path) -> Report:
    from app.xlsx import read_xlsx  # openpyxl only when a workbook is read

    return read_xlsx(path)




def _read_ole(path: Path, cancelled: Callable[[], bool] | None) -> Report:
    """An Office 97-2003 / WPS compound file: a password-protected file is said to be one
    (LibreOffice would only fail), a spreadsheet or slides named .doc are said to be what
    they are; the rest is converted."""
    kind = sniff.ole_kind(path)
    if kind in (Kind.ENCRYPTED, Kind.DOC_ENCRYPTED) or (kind is Kind.UNKNOWN and sniff.names_encrypted_package(path)):
        program = "Excel" if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".et") else "Word"
        raise ReadError(f"{path}：文件设置了打开密码，请在 {program} 或 WPS 中取消密码并保存后再打开")
    if kind is Kind.XLS:
        return _read_old_workbook(path, cancelled)
    if kind is Kind.PPT:
        raise NotAReport(f"{path}：{_SLIDES}")
    if kind is Kind.MAIL:
        raise NotAReport(f"{path}：{_MAIL}")
    return _read_converted(path, "Word 97-2003 或 WPS 格式", cancelled)


def _read_old_workbook(path: Path, cancelled: Callable[[], bool] | None = None) -> Report:
    """An Excel 97-2003 / WPS spreadsheet (.xls/.et, or so named .doc): converted to .xlsx by
    LibreOffice where it is there, then read as a workbook."""
    save_as = "请在 Excel 或 WPS 中“另存为”.xlsx 后再打开"

    def read(converted: Path) -> Report:
        try:
            return _read_xlsx(converted)
        except ReadError as e:
            raise ReadError(str(e).replace(str(converted), str(path))) from e

    return _through_libreoffice(path, "xlsx", read, cancelled,
                                f"这是 Excel 97-2003 或 WPS 表格格式（.xls/.et），{save_as}",
                                f"Excel 97-2003 或 WPS 表格格式转换失败，{save_as}")


def _folder(path: Path) -> str:
    """What a folder read as a file is: one a folder check could not enter is listed so
    (its reports were not checked); any other is no file."""
    try:
        with os.scandir(path):
            pass
    except OSError as e:
        why = "没有权限" if isinstance(e, PermissionError) else unreadable(e).removesuffix("，无法读取")
        return f"无法打开这个文件夹（{why}），其中的文件没有检查"
    return "这是一个文件夹，不是文件"


def _looks_like_html(head: bytes) -> bool:
    if (wide := wide_encoding(head)) is not None:  # a page saved as UTF-16 (Notepad's “Unicode”) or UTF-32
        head = head.decode(wide, "replace").encode("utf-8", "replace")
    start = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \r\n\t")[:200].lower()  # (a UTF-16 BOM that lies: app/sniff.py)
    return start.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in head[:4096].lower()


def _read_converted(path: Path, what: str, cancelled: Callable[[], bool] | None = None) -> Report:
    """Old and foreign formats through LibreOffice, in a temporary folder, when it is there."""

    def read(converted: Path) -> Report:
        try:
            return read_document(open_docx(converted))
        except ReadError as e:
            raise ReadError(f"{path}：{e}") from e

    return _through_libreoffice(path, "docx", read, cancelled, f"这是{what}，{_SAVE_AS}", f"{what}转换失败，{_SAVE_AS}")


def _through_libreoffice(path: Path, to: str, read: Callable[[Path], Report], cancelled: Callable[[], bool] | None,
                         missing: str, failed: str) -> Report:
    """``path`` converted to ``to`` by LibreOffice in a temporary folder, then ``read``; without
    LibreOffice, or when it cannot convert, one message naming the file (``missing``, ``failed``)."""
    import tempfile

    from app import office  # subprocess, locale, tempfile: only for a file that needs converting

    if office.soffice() is None:
        raise ReadError(f"{path}：{missing}")
    with contextlib.suppress(OSError):
        size = path.stat().st_size
        if size > limits.MAX_CONVERTED_BYTES:
            raise ReadError(f"{path}：文件有{size // 2**20} MB，不像一份年度报告"
                            f"（转换上限 {limits.MAX_CONVERTED_BYTES // 2**20} MB），未读取")
    with tempfile.TemporaryDirectory() as tmp:
        try:
            converted = office.convert(path, to, Path(tmp), cancelled=cancelled)
        except office.TooSlow as e:
            raise ReadError(f"{path}：{office.too_slow_text(e.seconds)}，{_SAVE_AS}") from None
        if converted is None:
            raise ReadError(f"{path}：{failed}")
        return read(converted)
