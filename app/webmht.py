"""A single-file web page (.mht/.mhtml): Word's and WPS's “单个文件网页”, IE's “Web 档案，单个
文件”, Chrome's and Edge's “网页，单个文件”.  It is a MIME message: its first HTML part is the
page (quoted-printable or base64, in the charset its header names), the others its pictures,
stylesheets and frames.  The page is taken out, the stylesheets saved in the file written into it
where it links them (nothing is fetched, no picture decoded), and it is read as a saved web page
(app/webcopy.py): every rule of that reader applies.  A page that holds no report but a frame of
the file does (a site's page around its article) is read from that frame.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from app import limits
from app.errors import ReadError, unreadable
from app.report import Report

if TYPE_CHECKING:
    from email.message import Message

MAX_PARTS = 10_000  # a saved page has one per picture and stylesheet: some tens, a few hundred
MAX_FRAMES = 8  # other pages (frames) tried when the first holds no report
MAX_DEPTH = 4  # parts in parts (an e-mail's multipart/alternative inside the page's related)
_HEADER_LINE = re.compile(rb"[!-9;-~]+:")
_BLANK = re.compile(rb"\r?\n\r?\n")
_LEAD = re.compile(rb"(?:\xef\xbb\xbf)?[ \r\n\t]*")  # before the header lines, as looks_like_mht allows
_LINK = re.compile(r"<link\b[^<>]*+>", re.I)  # up to the next tag at most (an unclosed one: no scan to the end for each)
_ATTR = re.compile(r"""\b(rel|href|media)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
SAVE_AS = "请在浏览器中打开它，另存为 .html（网页，全部）后再打开，或在 Word 中另存为 .docx"
_DAMAGED = f"这个“单个文件网页”（.mht）中没有找到网页内容，文件可能不完整或已损坏；{SAVE_AS}"


@dataclass
class Part:
    """One MIME part of the file: its headers, and its body as the file holds it (a view, no copy)."""

    headers: Message
    body: memoryview  # as in the file: still quoted-printable or base64
    cut: bool = False  # the file ends inside it (no closing delimiter after it): a download or a save cut short

    @property
    def type(self) -> str:
        return self.headers.get_content_type()

    def names(self) -> list[str]:
        """What the page may link it by: its Content-Location, and its Content-ID as a cid: URL."""
        out = [str(v).strip() for v in (self.headers.get("Content-Location"),) if v]
        if cid := str(self.headers.get("Content-ID") or "").strip().strip("<>"):
            out.append(f"cid:{cid}")
        return out

    def decoded(self) -> bytes:
        import base64
        import binascii
        import quopri

        how = str(self.headers.get("Content-Transfer-Encoding") or "").strip().lower()
        body = bytes(self.body)
        if how == "quoted-printable":
            if self.cut:  # an escape the file ends in the middle of (“=C”): its byte is lost, not text “=C”
                body = re.sub(rb"=[0-9A-Fa-f]?\s*$", b"", body)
            return quopri.decodestring(body)
        if how == "base64":
            try:
                return base64.b64decode(re.sub(rb"[^A-Za-z0-9+/=]", b"", body) + b"==", validate=False)
            except (binascii.Error, ValueError) as e:
                raise ReadError(_DAMAGED) from e
        if how in ("", "7bit", "8bit", "binary"):
            return body
        raise ReadError(f"这个“单个文件网页”（.mht）的网页内容用了无法识别的编码方式（{how[:40]}）；{SAVE_AS}")


def looks_like_mht(head: bytes) -> bool:
    """Whether a file's first bytes are a MIME message's header lines naming a MIME version or a
    multipart body — Word's start “MIME-Version: 1.0”, Chrome's “From: <Saved by Blink>”."""
    head = head.lstrip(b"\xef\xbb\xbf \r\n\t")
    if not _HEADER_LINE.match(head):
        return False
    end = _BLANK.search(head, 0, 16384)
    block = head[:end.start() if end else 16384]
    lines = block.splitlines()
    if not all(_HEADER_LINE.match(line) or line[:1] in (b" ", b"\t") for line in lines[:-1] or lines):
        return False
    lower = block.lower()
    return b"mime-version:" in lower or b"multipart/related" in lower


_MAX_HEADER = 65536  # a part's header lines: a few hundred bytes
_WANTED = re.compile(rb"(?im)^(?:content-type|content-transfer-encoding|content-location|content-id)[ \t]*:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*")
_FOLD = re.compile(rb"\r?\n(?=[ \t])")  # a header's line break before its continuation (RFC 5322 unfolding)
_MAX_LINE = 8192  # one header's bytes: a Content-Location's long address fits


def _split(data: memoryview) -> Part:
    """A part's header lines parsed and its body, a view of the file's bytes (a page's pictures,
    some megabytes, are never copied)."""
    import email.parser
    import email.policy

    end = _BLANK.search(data, 0, _MAX_HEADER)
    head, body = (data[:end.start()], data[end.end():]) if end else (data[:_MAX_HEADER], data[:0])
    # Only the headers read here, each unfolded to one line: the library parses a line in some
    # microseconds, and a hostile file's parts of 64 KB of other lines took 10 s per 20 MB.
    lines = b"\r\n".join(_FOLD.sub(b"", m.group()[:_MAX_LINE]) for m in _WANTED.finditer(head))
    headers = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(lines + b"\r\n\r\n")
    # The library's parameter parsing is quadratic in a value's “;”s (each re-counts the quotes
    # before it): a Content-Type of 40,000 of them took 1.4 s, each part.  A real one is a line.
    if len(kind := str(headers.get("Content-Type") or "")) > _MAX_TYPE:
        headers.replace_header("Content-Type", kind[:_MAX_TYPE])
    return Part(headers, body)


_MAX_TYPE = 512  # a part's Content-Type, its parameters (boundary, charset, start) in it: some tens of characters


def _parts(part: Part, depth: int, out: list[Part], split: list[int] | None = None) -> None:
    """The leaf parts of ``part`` in their order, into ``out``; ``split``: how many parts were
    split out so far, containers and empty ones too (counted against MAX_PARTS: a file of a
    million empty multipart parts held no leaf, and took minutes)."""
    split = [0] if split is None else split
    boundary = part.headers.get_param("boundary") if part.type.startswith("multipart/") else None
    if not isinstance(boundary, str) or not boundary or depth > MAX_DEPTH:
        out.append(part)
        return
    # The line break before a delimiter belongs to it (RFC 2046): not to the part it ends.
    delimiter = re.compile(rb"(?m)^--" + re.escape(boundary.encode("latin-1", "replace")) + rb"(--)?[ \t]*(?:\r?\n|$)")
    body = part.body
    at = None
    for m in delimiter.finditer(body):
        if at is not None:
            _count(split)
            stop = m.start()
            stop -= (stop > at and body[stop - 1:stop] == b"\n") + (stop - 1 > at and body[stop - 2:stop] == b"\r\n")
            _parts(_split(body[at:stop]), depth + 1, out, split)
        if m.group(1):
            return
        at = m.end()
    if at is not None and at < len(body):  # no closing delimiter: a file cut short keeps its last part
        _count(split)
        last = len(out)
        _parts(_split(body[at:]), depth + 1, out, split)
        for part in out[last:]:
            part.cut = True


def _count(split: list[int]) -> None:
    split[0] += 1
    if split[0] > MAX_PARTS:
        raise ReadError(f"这个“单个文件网页”（.mht）由超过{MAX_PARTS}个部分组成，年报的网页不会这样，文件可能已损坏或是恶意构造，未读取")


def _charset(part: Part) -> str | None:
    charset = part.headers.get_content_charset()
    return charset if charset and re.fullmatch(r"[A-Za-z0-9._:-]{1,40}", charset) else None


def _html(part: Part) -> bytes:
    """The page's bytes, its header's charset put in front as a meta tag when the page names none
    (the decoder believes a meta charset only when the text reads so)."""
    raw = part.decoded()
    limits.check_text_copy_read(len(raw))
    if part.cut and re.search(rb"</\x00?h\x00?t\x00?m\x00?l", raw[-4096:], re.I):
        part.cut = False  # the page whole, its file's closing delimiter left out by the program that wrote it
    # A byte-order mark or UTF-16/32 text: an ASCII tag in front would hide what the decoder knows it by.
    wide = raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")) or b"\x00" in raw[:64]
    if (charset := _charset(part)) and not wide and b"charset" not in raw[:8192].lower():
        raw = f'<meta charset="{charset}">'.encode("ascii") + raw
    return raw


def _sheet_text(part: Part) -> str:
    raw = part.decoded()[:limits.MAX_TEXT_COPY_BYTES]
    for codec in filter(None, (_charset(part), "utf-8", "gb18030")):
        try:
            return raw.removeprefix(b"\xef\xbb\xbf").decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    return raw.decode("utf-8", errors="replace")


def _with_sheets(page: Part, sheets: dict[str, Part]) -> Callable[[str], str]:
    """An edit of the page's text writing each stylesheet it links that the file holds in place
    of its <link> (a browser draws the saved page with them: what they hide stays hidden), and
    the saved sheets their @import statements name (in a <style> or in a saved sheet) in place of
    those.  A sheet linked more than once for the screen is written at its last such link only:
    applied again later, its rules win over their earlier copy's, so the last copy alone cascades
    the same — and a page of thousands of links to one sheet is not made thousands of sheets long
    (a 1 MB file, gigabytes).  Each saved sheet is written once, links and imports together, and
    what is written in is bounded all the same."""
    from app.websheets import MAX_IMPORT_DEPTH, media_applies

    base = str(page.headers.get("Content-Location") or "").strip()
    written: set[int] = set()  # the sheets written in (each once: by its last link, or its first import)
    inlined = [0]

    def find(href: str, at: str) -> Part | None:
        href = href.strip()
        sheet = sheets.get(href)
        if sheet is None and at and href:
            try:
                sheet = sheets.get(urljoin(at, href))
            except ValueError:  # a malformed URL (“http://[x”): no sheet of the file, as a browser loads none
                sheet = None
        return sheet

    def text_of(sheet: Part) -> str:
        css = _sheet_text(sheet)
        inlined[0] += len(css)
        if inlined[0] > limits.MAX_TEXT_COPY_BYTES:
            raise ReadError(f"这个“单个文件网页”（.mht）中网页引用的样式表共超过{limits.MAX_TEXT_COPY_BYTES // 1048576} MB，"
                            "年报的网页不会这样，文件可能已损坏或是恶意构造，未读取")
        return css

    def under(at: str, sheet: Part) -> str:
        """What a sheet's own @import names are relative to: its saved place, else the importer's."""
        where = str(sheet.headers.get("Content-Location") or "").strip()
        try:
            return urljoin(at, where) if where else at
        except ValueError:
            return at

    def expand(css: str, at: str, depth: int) -> str:
        """``css`` with each @import of a saved sheet replaced by that sheet's text (under
        @media when the import names one), its own imports too, ``depth`` levels down at most."""
        if depth > MAX_IMPORT_DEPTH or "@import" not in css.lower():
            return css

        def one(m: re.Match[str]) -> str:
            sheet = find(m.group(1) if m.group(1) is not None else m.group(2), at)
            if sheet is None or id(sheet) in written:
                return m.group(0)
            written.add(id(sheet))
            inner = expand(text_of(sheet), under(at, sheet), depth + 1)
            media = m.group(3).strip()
            return f"@media {media}{{{inner}}}" if media else inner

        return _IMPORT.sub(one, css)

    def linked(m: re.Match[str]) -> tuple[Part, str] | None:
        """The saved sheet a <link> loads for the screen and its media; None for any other link."""
        attrs = {a.group(1).lower(): next(g for g in a.groups()[1:] if g is not None) for a in _ATTR.finditer(m.group(0))}
        rel = attrs.get("rel", "").lower().split()
        if "stylesheet" not in rel or "alternate" in rel:
            return None  # (an alternate sheet, 关怀版's or a contrast one, is applied only if the reader picks it)
        sheet = find(attrs.get("href", ""), base)
        media = attrs.get("media", "").replace('"', "")
        # (a sheet for print alone is not what the screen shows: left out, as a saved page's file is)
        return None if sheet is None or not media_applies(media) else (sheet, media)

    def edit(text: str) -> str:
        links = [(m, linked(m)) for m in _LINK.finditer(text)]
        last = {id(found[0]): i for i, (_, found) in enumerate(links) if found is not None}
        out: list[str] = []
        at = 0
        for i, (m, found) in enumerate(links):
            if found is None:
                continue
            out.append(text[at:m.start()])
            at = m.end()
            sheet, media = found
            if last[id(sheet)] != i or id(sheet) in written:
                continue  # written at its last link, once
            written.add(id(sheet))
            css = re.sub(r"(?i)</style", r"<\\/style", expand(text_of(sheet), under(base, sheet), 1))
            out.append(f'<style media="{media}">{css}</style>' if media else f"<style>{css}</style>")
        return _styles("".join(out) + text[at:], lambda css: expand(css, base, 0))

    return edit if sheets else str


# “@import url("a.css") screen;”, “@import 'a.css';” — the href, and the media list after it (each
# bounded: “@import 'a.css' ” repeated with no “;” made each try read to the end, quadratic)
_IMPORT = re.compile(r"""@import\s{0,40}(?:url\(\s{0,40}["']?([^"')]{0,2000}?)["']?\s{0,40}\)|["']([^"'\n]{0,2000})["'])\s{0,40}([^;{}]{0,500});""",
                     re.I)


# ASCII: a tag name folds as HTML folds it (“<ſtyle”, with U+017F, is no <style>, as .lower() had it)
_STYLE_OPEN, _STYLE_CLOSE = (re.compile(t, re.IGNORECASE | re.ASCII) for t in ("<style", "</style"))


def _styles(text: str, edit: Callable[[str], str]) -> str:
    """``text`` with each <style> element's sheet ``edit``-ed, found in one pass (a regex of
    “<style…>(.*?)</style>” read to the end from each of 40,000 unclosed <style>s: 126 s)."""
    out: list[str] = []
    at = 0
    # (searched without a lowered copy: str.lower() of a page of Chinese takes 12 bytes a character)
    while (opening := _STYLE_OPEN.search(text, at)) is not None:
        opened = text.find(">", opening.start())
        closing = _STYLE_CLOSE.search(text, opened) if opened != -1 else None
        if closing is None:
            break  # no sheet closes after it: the rest is as written
        end = closing.start()
        out += [text[at:opened + 1], re.sub(r"(?i)</style", r"<\\/style", edit(text[opened + 1:end]))]
        at = end
    return "".join(out) + text[at:]


def read_mht(path: Path) -> Report:
    from app.webcopy import read_page

    try:
        limits.check_text_copy_size(path.stat().st_size, page=True)
        with limits.open_regular(path) as fh:
            data = fh.read(limits.MAX_WEB_PAGE_BYTES + 1)
        limits.check_text_copy_size(len(data), page=True)
        pages = Pages(data)
        first = pages.page(0)
    except limits.NotAFile:
        raise
    except ReadError as e:
        raise ReadError(f"{path}：{e}") from e
    except OSError as e:
        raise ReadError(f"{path}：{unreadable(e)}") from e
    if (book := _workbook(pages)) is not None:  # a workbook's sheets, each a page: read together
        try:
            return _cut_said(read_page(path, *book, html=True, folder=None), pages.pages[0])
        except ReadError:
            pass  # (then read as any other file: its first page, else a frame)
    try:
        return _cut_said(read_page(path, *first, html=True, folder=None), pages.pages[0])
    except ReadError as e:
        for i in range(1, min(len(pages.pages), 1 + MAX_FRAMES)):
            try:
                return _cut_said(read_page(path, *pages.page(i), html=True, folder=None), pages.pages[i])
            except ReadError:
                continue  # a frame of the site's banner or menu: the next one
        if pages.pages[0].cut:  # what is missing is the page's end, not a report
            raise ReadError(f"{path}：{CUT_SHORT}，其中没有找到完整的年报；请重新下载或保存一份完整的文件再打开") from e
        raise e


def _workbook(pages: Pages) -> tuple[bytes, Callable[[str], str]] | None:
    """A workbook's visible sheets (app/webworkbook.py) as one page, with the edit writing in its
    saved stylesheets; None for a file that is no workbook of several sheets."""
    from app.webdecode import decode
    from app.webworkbook import one_page, sheet_parts

    try:
        root = pages.pages[0]
        sheets = sheet_parts(decode(_html(root)).text, str(root.headers.get("Content-Location") or "").strip(), pages.pages[1:])
        if not sheets:
            return None
        return one_page([decode(_html(p)).text for p in sheets]), _with_sheets(sheets[0], pages.sheets)
    except ReadError:
        return None


CUT_SHORT = "这个“单个文件网页”（.mht）不完整：文件在网页内容的中途截断（可能没有下载完，或保存、复制时中断）"


def _cut_said(report: Report, page: Part) -> Report:
    """``report`` read from ``page``, with a note that the file ends inside it when it does."""
    if page.cut:
        from app.findings import CUT_SHORT as SAID
        from app.findings import Location
        from app.schema import META

        report.import_findings.insert(0, SAID.at(Location(META), f"{CUT_SHORT}，截断处之后的正文和统计表没有读到；请重新下载或保存一份完整的文件再打开"))
    return report


class Pages:
    """The pages of a single-file page's bytes, its root first; ReadError when it holds none."""

    def __init__(self, data: bytes) -> None:
        top = _split(memoryview(data)[_LEAD.match(data).end():])  # type: ignore[union-attr]  # matches the empty string
        parts: list[Part] = []
        _parts(top, 0, parts)
        self.pages = [p for p in parts if p.type in ("text/html", "application/xhtml+xml")]
        start = str(top.headers.get_param("start") or "").strip().strip("<>") if top.type == "multipart/related" else ""
        self.pages.sort(key=lambda p: f"cid:{start}" not in p.names())  # the root the message names first (RFC 2557)
        if not self.pages:
            raise ReadError(_DAMAGED)
        self.sheets = {k: p for p in parts if p.type == "text/css" for k in p.names()}

    def page(self, i: int) -> tuple[bytes, Callable[[str], str]]:
        """Page ``i``'s bytes, and the edit writing its saved stylesheets into its text."""
        return _html(self.pages[i]), _with_sheets(self.pages[i], self.sheets)
