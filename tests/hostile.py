"""Hostile and broken report files, generated from a seed: the published sample and an
exported workbook cut, flipped, inflated and rewritten the ways damaged or malicious files
are.  Shared by tests/test_fuzz.py (a few hundred, in CI) and scripts/fuzz.py (thousands).

``make(kind, seed, folder)`` writes one file and returns its path; the same seed always
makes the same bytes.

The files are made in families: tests/hostile_docx.py (.docx, OLE containers, zip directories),
tests/hostile_web.py (workbooks, web pages, text copies, .doc-like), tests/hostile_pdf.py (PDF
pages and streams), from tests/hostile_base.py's parts.  Here: ``make``, the bounded runs, and
GALLERY, one file per class for every entry point.
"""

from __future__ import annotations

import io
import json
import math
import os
import random
import re
import resource
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.hostile_base import _W, SAMPLE, SAMPLE_TXT, _heavy, _workbook_parts, _zip
from tests.hostile_docx import (
    DOCX,
    _hidden,
    _hiding_styles,
    _laughs,
    _nest,
    _no_tables,
    _plain_zip,
    _sample_rewritten,
    _wrap_cells,
    cfb,
    encrypted_docx,
    framed_beside_label,
    many_parts_zip,
    placeholder_prompts,
    sample_part,
    with_part,
    word97,
)
from tests.hostile_pdf import forms_fanning_out, ruled_page, text_as_outlines
from tests.hostile_web import (
    XLSX,
    _big5_page,
    _doc,
    _gbk_page,
    _html,
    _page_in,
    _txt,
    comma_text_copy,
    many_attributes,
    many_elements,
    sheet_ending_with,
    workbook_laughs,
    workbook_with,
)
from tests.mhtmake import blink_mht, word_mht

KINDS = ("docx", "xlsx", "html", "txt", "doc")

_MAKERS: dict[str, tuple[str, list[Callable[[random.Random], bytes]]]] = {
    "docx": (".docx", DOCX),
    "xlsx": (".xlsx", XLSX),
    "html": (".html", [_html]),
    "txt": (".txt", [_txt]),
    "doc": (".doc", [_doc]),
}


def make(kind: str, seed: int, folder: Path, heavy: bool = True) -> Path:
    _heavy[0] = heavy
    suffix, makers = _MAKERS[kind]
    rnd = random.Random(f"{kind}-{seed}")
    maker = makers[seed % len(makers)]
    path = folder / f"{kind}-{seed}-{maker.__name__.strip('_')}{suffix}"
    path.write_bytes(maker(rnd))
    return path


# -- running one input, bounded ------------------------------------------------------------------

@dataclass
class Outcome:
    """How reading one file ended: read (and checked), refused (one clear line), generic (the
    catch-all's line: a class no reader handles yet), crash, hang or memory.  ``seconds``: what
    the read took less the time it stood waiting for a processor (``_queued``), the figure the
    tests bound; ``wall``: the clock's."""

    path: str
    result: str
    seconds: float
    peak_mb: float
    message: str = ""
    wall: float = 0.0


GENERIC = "文件结构异常，无法读取（"


def _child(path: Path) -> dict[str, object]:
    from app.cli import check_report, dump
    from app.io import ReadError
    from app.reading import load_report

    start, queued = time.perf_counter(), _queued()
    try:
        report = load_report(path)
        check_report(report)
        dump(report)
        result, message = "read", ""
    except ReadError as e:
        message = str(e)
        bad = "\n" in message.strip() or not re.search(r"[\u4e00-\u9fff]", message)
        result = "crash" if bad else "generic" if GENERIC in message else "refused"
    except BaseException as e:
        result, message = "crash", f"{type(e).__name__}: {e}"[:300]
    wall = time.perf_counter() - start
    return {"result": result, "message": message, "seconds": wall - (_queued() - queued), "wall": wall}


# A read is bounded in what it takes of its own: the clock less the time the kernel kept it
# waiting for a processor.  The clock alone, on the shared 2-core machine at load 6–9, made a
# 4.6 s read take 20 s and fail (fixr24, s24 note) though nothing in it was slower; processor
# time alone would let a read blocked on a pipe or a lock through.  The difference — running
# plus blocked — is what the read costs on an idle machine: a load does not stretch it, a read
# that blocks for 10 s counts 10 s, and a read that never ends is still killed (``run_one``).
# The read is single-threaded (the checks run in its thread, LibreOffice is waited for): the
# main thread's run-queue wait is all of it.
_SCHEDSTAT = Path("/proc/self/schedstat")


def _queued() -> float:
    """Seconds this process's main thread has waited on a run queue (Linux's schedstat: time
    on a processor, time waiting for one, slices); 0 where the kernel does not say: the clock."""
    try:
        return int(_SCHEDSTAT.read_text().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


WALL_SLACK = 3  # the clock's cap, in timeouts: a read blocked for ever ends there


def run_one(path: Path, timeout: float = 20, memory_mb: int = 2048) -> Outcome:
    """Read ``path`` in a forked child (POSIX): its own time limits, address-space cap and
    peak RSS (wait4), so one hostile file cannot take the suite down with it.

    A hang is caught three ways, none stretched by a loaded machine but the last: a read that
    works for ever is killed at ``timeout`` processor seconds (RLIMIT_CPU); a read that ends
    after more than ``timeout`` seconds of its own (running or blocked, ``_queued``) is a hang
    all the same; a read blocked for ever is killed by the clock at WALL_SLACK × ``timeout``."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(r)
        code = 0
        try:
            resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
            cpu = max(1, math.ceil(timeout))
            signal.signal(signal.SIGXCPU, signal.SIG_DFL)  # ends it, whatever handler the parent had (app.backstop's)
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))  # SIGXCPU ends it
            signal.alarm(max(1, math.ceil(WALL_SLACK * timeout)))
            base = _resident_kib()  # the parent's pages, shared since the fork: not the file's cost
            out = _child(path)
            out["base_kib"] = base
            os.write(w, json.dumps(out, ensure_ascii=False).encode())
        except BaseException:
            code = 3
        finally:
            os._exit(code)
    os.close(w)
    chunks = []
    while chunk := os.read(r, 65536):
        chunks.append(chunk)
    os.close(r)
    _, status, usage = os.wait4(pid, 0)
    peak = usage.ru_maxrss / 1024  # KiB on Linux
    if not chunks:
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGALRM, signal.SIGXCPU)
        return Outcome(str(path), "hang" if killed else "memory" if os.WIFEXITED(status) else "crash",
                       timeout, peak, f"status {status}")
    out = json.loads(b"".join(chunks))
    # What reading the file took above what the child had at its start: the suite's own memory
    # (which grows as tests run) made the same file pass alone and fail late in a full run.
    peak = max(0.0, (usage.ru_maxrss - float(out["base_kib"])) / 1024)
    seconds, wall = float(out["seconds"]), float(out["wall"])
    if seconds > timeout:  # ended, but past the time a read may take of its own
        return Outcome(str(path), "hang", seconds, peak, f"{seconds:.1f} s of its own (wall {wall:.1f} s)", wall)
    return Outcome(str(path), str(out["result"]), seconds, peak, str(out["message"]), wall)


def _resident_kib() -> float:
    """This process's resident memory now (KiB), as ru_maxrss counts it."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024


def refused_in_process(path: Path) -> tuple[str, int]:
    """Read ``path`` here, under tracemalloc: it must be refused (ReadError).  Its message and
    the peak of Python's allocations on the way: how much the refusal cost, not only that it came."""
    import tracemalloc

    import pytest

    from app.errors import ReadError
    from app.reading import load_report

    tracemalloc.start()
    try:
        with pytest.raises(ReadError) as caught:
            load_report(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return str(caught.value), peak

# -- one file per class, for every entry point (tests/test_gallery.py, tests/ui/test_hostile_open.py) --

READ = ""  # the gallery's expectation for a file that opens


GALLERY: dict[str, tuple[str, Callable[[], bytes], str]] = {
    # class: (file name, bytes, READ or a words of the one-line message)
    "docx-named-doc": ("报告.doc", lambda: SAMPLE.read_bytes(), READ),
    "docx-named-wps": ("报告.wps", lambda: SAMPLE.read_bytes(), READ),
    "docx-named-txt": ("报告.txt", lambda: SAMPLE.read_bytes(), READ),
    "xlsx-named-docx": ("报告（表格）.docx", lambda: _zip(list(_workbook_parts())), READ),
    "strict-ooxml": ("严格 格式.docx", lambda: _sample_rewritten(strict=True), READ),
    "content-controls-in-cells": ("内容控件.docx", lambda: _sample_rewritten(_wrap_cells), READ),
    "tracked-moves": ("修订.docx", lambda: _sample_rewritten(lambda x: x.replace(
        "<w:body>", '<w:body><w:p><w:moveFrom w:id="1" w:author="a"><w:r><w:t>移走</w:t></w:r></w:moveFrom></w:p>', 1)), READ),
    "hidden-text": ("隐藏文字.docx", lambda: _sample_rewritten(_hidden, styles=_hiding_styles), READ),
    "long-chinese-name": ("宁" * 70 + ".docx", lambda: SAMPLE.read_bytes(), READ),
    "gbk-web-page": ("网页（GB2312）.html", _gbk_page, READ),
    "gbk-web-page-named-doc": ("OA下载.doc", _gbk_page, READ),  # an OA system's “.doc” that is its web page
    "lying-charset-page": ("网页（标注UTF-8）.html", _page_in("gbk", '<meta charset="utf-8">'), READ),
    "xml-declared-gbk-page": ("网页 XHTML.htm", _page_in("gbk", declaration='<?xml version="1.0" encoding="GB2312"?>\n'), READ),
    "utf16-page-named-doc": ("OA导出.doc", _page_in("utf-16"), READ),  # Notepad's “Unicode”, with its BOM
    # an old CMS's lone \xa0 in a UTF-8 page: read, the byte as U+FFFD (STRAY-BYTES)
    "utf8-page-stray-byte": ("网页（零星字节）.html", lambda: _page_in("utf-8")().replace("。".encode(), "。".encode() + b"\xa0", 1), READ),
    # a visibility:hidden figure cell: read blank, the row's later figures not shifted
    "hidden-table-cell-page": ("网页（隐藏单元格）.html", lambda: _page_in("utf-8")().replace(
        b"<td><p>0</p></td>", b'<td style="visibility:hidden"><p>0</p></td>', 1), READ),
    "utf16-text-copy-without-bom": ("网页 副本（UTF-16）.txt", lambda: SAMPLE_TXT.read_text("utf-8").encode("utf-16-le"), READ),
    "utf32-page": ("网页（UTF-32）.html", _page_in("utf-32"), READ),  # its BOM begins as UTF-16's does
    "utf32-text-copy-without-bom": ("网页 副本（UTF-32）.txt", lambda: SAMPLE_TXT.read_text("utf-8").encode("utf-32-le"), READ),
    "utf32be-text-copy-without-bom": ("副本（UTF-32BE）.txt", lambda: SAMPLE_TXT.read_text("utf-8").encode("utf-32-be"), READ),
    "big5-web-page": ("繁體 網頁.html", _big5_page, "繁体字网页"),
    "traditional-utf8-page": ("繁體版.html", lambda: _big5_page().decode("big5").replace("big5", "utf-8").encode("utf-8"),
                              "繁体字网页"),
    "shift-jis-page": ("日文网页.html", lambda: (
        "<html><body><p>" + "日本国政府の情報公開に関する年次報告書です。開示請求は十二件でした。" * 5
        + "</p><table><tr><td>1</td></tr></table></body></html>").encode("shift_jis"), "文字编码"),
    "gbk-text-copy": ("网页 副本.txt", lambda: SAMPLE_TXT.read_text("utf-8").replace("\xa0", " ").encode("gbk"), READ),
    "not-a-zip": ("不是zip.docx", lambda: "这不是一个Word文件".encode(), "不是 Word 文档"),
    "truncated-zip": ("截断.docx", lambda: SAMPLE.read_bytes()[:5000], "损坏"),
    "no-document-part": ("缺正文.docx", lambda: _sample_rewritten(drop="word/document.xml"), "损坏"),
    "corrupt-document-xml": ("坏XML.docx", lambda: _sample_rewritten(lambda x: x[:20000]), "损坏"),
    "encrypted-docx": ("加密.docx", lambda: encrypted_docx(), "打开密码"),
    "encrypted-doc": ("加密.doc", lambda: word97(encrypted=True), "打开密码"),
    "xls-named-doc": ("表格.doc", lambda: cfb({"Workbook": bytes(5000)}), ".xlsx"),
    "plain-zip": ("压缩包.docx", _plain_zip, "压缩包"),
    "billion-laughs": ("实体.docx", lambda: _sample_rewritten(_laughs), "XML 实体"),
    "billion-laughs-workbook": ("实体.xlsx", workbook_laughs, "XML 实体"),  # said as the .docx's, not "damaged"
    "deep-nesting": ("嵌套.docx", lambda: _sample_rewritten(_nest(100)), "嵌套"),
    "zip-bomb": ("炸弹.docx", lambda: _sample_rewritten(drop="word/document.xml", extra={
        "word/document.xml": b"<w:document " + _W.encode() + b"><w:body>" + b" " * (9 << 20) + b"</w:body></w:document>"}),
        "解压后过大"),
    "empty": ("空.docx", lambda: b"", "0 字节"),
    "mht": ("网页.doc", lambda: b"MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n", ".mht"),
    "tables-as-pictures": ("图片表格.docx", lambda: _sample_rewritten(_no_tables), READ),  # text read, tables to fill
    "memo-without-tables": ("会议纪要.docx", lambda: _sample_rewritten(lambda x: re.sub(
        r"<w:body>.*<w:sectPr", "<w:body><w:p><w:r><w:t>会议纪要</w:t></w:r></w:p><w:sectPr", x, flags=re.S)),
        "没有找到统计表格"),
    # WPS/OA templates frame the body in a one-cell layout table (tests/test_layout_tables.py)
    "body-in-layout-table": ("版式表格.docx", lambda: _sample_rewritten(lambda x: re.sub(
        r"<w:body>(.*)(<w:sectPr)", r"<w:body><w:tbl><w:tr><w:tc>\1<w:p/></w:tc></w:tr></w:tbl><w:p/>\2", x, count=1, flags=re.S)), READ),
    # a note mark set as a superscript, and an old figure struck through, in cells (tests/test_note_marks.py)
    "note-mark-and-strike-in-cells": ("注释标记.docx", lambda: _sample_rewritten(lambda x: x.replace(
        "</w:t></w:r></w:p></w:tc>", '</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>1</w:t></w:r>'
        '<w:r><w:rPr><w:strike/></w:rPr><w:t>36</w:t></w:r></w:p></w:tc>', 3)), READ),
    # a zip whose directory is the bomb: refused from its end record (app/ziplimits.py check_zip_directory)
    "zip-many-parts": ("部件过多.docx", lambda: many_parts_zip(60_000), "个部件组成"),
    # a PDF page of 30,000 ruling lines: stopped at the page's object cap (app/pdfread/bounds.py)
    "pdf-page-of-30000-rules": ("网格.pdf", lambda: ruled_page(30_000), "文字和图形过多"),
    # pages whose markup is the bomb: refused before libxml2 parses them (app/limits.py checked_markup)
    "tag-of-300000-attributes": ("属性.html", lambda: many_attributes(300_000), "个属性"),
    "page-of-a-million-elements": ("元素.html", lambda: many_elements(1_000_000), "标签（元素）"),
    # a form drawing the next three times, thirty deep: stopped at the page's form cap
    "pdf-forms-fanning-out": ("表单.pdf", lambda: forms_fanning_out(30), "画了太多次"),
    "pdf-text-as-outlines": ("转曲.pdf", text_as_outlines, "转成了曲线"),
    # a download cut off: its header, no end (no startxref): said incomplete, not damaged
    "pdf-cut-short": ("没下载完.pdf", lambda: ruled_page(50)[: len(ruled_page(50)) // 2], "不完整"),
    # a workbook of tiny items by the million: counted before openpyxl builds them (app/xlsxlimits.py check_sheets)
    "xlsx-of-empty-shared-strings": ("共享文字.xlsx", lambda: workbook_with(shared_strings=1_500_000), "个共享文字"),
    "xlsx-of-empty-rows": ("空行.xlsx", lambda: workbook_with(sheet=sheet_ending_with("<row/>" * 1_300_000)), "行"),
    "huge-span": ("跨列.docx", lambda: _sample_rewritten(lambda x: x.replace("<w:tcPr>", '<w:tcPr><w:gridSpan w:val="2147483647"/>', 1)),
                  "跨2147483647格"),
}


def odt_bomb() -> bytes:
    """An .odt whose content.xml inflates past the XML part cap (9 MB of one paragraph)."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", b'<?xml version="1.0"?><office:document-content><text:p>' + b"a" * (9 << 20)
                   + b"</text:p></office:document-content>", compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


GALLERY.update({
    # parts stored in another case than the package names them (an old archiver): read, as Excel does
    "xlsx-parts-upper-cased": ("大写部件.xlsx", lambda: _zip([(n.upper(), d) for n, d in _workbook_parts()]), READ),
    # a zip bomb LibreOffice would inflate to its timeout: bounded before it is handed over
    "odt-zip-bomb": ("炸弹.odt", odt_bomb, "解压后过大"),
    # a template's content controls still showing their prompts: read without them (host29)
    "placeholder-prompts": ("占位文字.docx", lambda: _sample_rewritten(placeholder_prompts), READ),
    # 表三 framed in a table's cell beside “附表”: read as 表三 (host29)
    "table-framed-beside-label": ("附表框.docx", lambda: _sample_rewritten(framed_beside_label), READ),
    # a UTF-16 byte-order mark before a UTF-8 page, named as an OA system names it: read as UTF-8 (host29)
    "lying-utf16-mark": ("OA导出（标记）.doc", lambda: b"\xff\xfe" + _page_in("utf-8")(), READ),
    # a read-only form's figures in text boxes (<input value>): read (host29)
    "form-field-figures": ("表单.html", lambda: re.sub(r"<td><p>(\d+)</p></td>", r'<td><input value="\1" readonly></td>',
                                                      _page_in("utf-8")().decode("utf-8")).encode("utf-8"), READ),
    # single-file web pages: Word's 单个文件网页 (quoted-printable gb2312), Chrome's named as an OA
    # system names its downloads, and one holding no page: read, read, one message (host30)
    "single-file-page": ("单个文件网页.mht", lambda: word_mht(_page_in("utf-8")().decode("utf-8")), READ),
    "single-file-page-chrome": ("网页下载.doc", lambda: blink_mht([("https://www.example.gov.cn/a.html",
                                                                   _page_in("utf-8")().decode("utf-8"))]), READ),
    "single-file-page-without-page": ("无网页.mht", lambda: b"MIME-Version: 1.0\r\nContent-Type: multipart/related; "
                                      b"boundary=b\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n--b--\r\n",
                                      "没有找到网页内容"),
    # the document part in UTF-16 (a converter's), and empty (a zip cut and mended): read; one line (hostile32)
    "utf16-document-part": ("正文UTF-16.docx", lambda: with_part("word/document.xml", sample_part("word/document.xml").replace(
        'encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")), READ),
    "empty-document-part": ("空正文.docx", lambda: with_part("word/document.xml", b""), "已损坏或不完整"),
    # a text copy whose tables are typed with full-width commas (“规章，0，0，0”): read (hostile32)
    "comma-table-text-copy": ("逗号表格.txt", lambda: comma_text_copy(1), READ),
})


# Classes that are no report by their content: named on their own they are refused as above; found
# in a folder, a batch passes them over (listed as 未检查, with the same words) instead.
PASSED_OVER = frozenset({"memo-without-tables"})


# Classes that are no bytes to write, made by ``gallery`` itself: a folder named like a report, a
# link to itself (the system's ELOOP, once said in English), a PDF past the size limit (sparse:
# an unfinished download that took the whole size first).
EXTRA = ("folder-named-docx", *(("link-to-itself", "pdf-past-size-limit") if os.name == "posix" else ()))


def gallery(folder: Path) -> dict[str, tuple[Path, str]]:
    """Every GALLERY class written into ``folder`` (plus EXTRA's): class -> (path, READ or words
    of its message)."""
    from app.limits import MAX_PDF_BYTES

    out: dict[str, tuple[Path, str]] = {}
    for kind, (name, make_bytes, expect) in GALLERY.items():
        path = folder / name
        path.write_bytes(make_bytes())
        out[kind] = (path, expect)
    (folder / "文件夹.docx").mkdir()
    out["folder-named-docx"] = (folder / "文件夹.docx", "文件夹")
    if "link-to-itself" in EXTRA:
        (folder / "链接自身.docx").symlink_to("链接自身.docx")
        out["link-to-itself"] = (folder / "链接自身.docx", "符号链接循环")
    if "pdf-past-size-limit" in EXTRA:
        with (folder / "未下载完.pdf").open("wb") as fh:
            fh.write(b"%PDF-1.4\n")
            fh.truncate(MAX_PDF_BYTES + 1)
        out["pdf-past-size-limit"] = (folder / "未下载完.pdf", "没有下载完")
    return out


def ends_in_child(work: Callable[[], bool], cpu_s: int = 20) -> None:
    """``work`` run in a forked child held to ``cpu_s`` processor seconds (a hang is killed,
    never waited for) must end and return True: the test for a pass whose cost grew faster
    than its input, where the result alone is checked, not the time."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            signal.signal(signal.SIGXCPU, signal.SIG_DFL)  # ends it, whatever handler the parent had
            resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))
            code = 0 if work() else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, f"status {status}"
