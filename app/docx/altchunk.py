"""Imported content (w:altChunk) read where Word shows it.

An OA system or a web editor often makes a .docx by pointing the body at an imported part —
an HTML page, a whole .docx, plain text — instead of writing paragraphs: Word and WPS show the
part's content in its place (and write it out as ordinary paragraphs on 另存为).  Here each
w:altChunk becomes the blocks of its part, in place: HTML and text through the web-copy reader
(app/webcopy.py), a .docx through this reader itself (its hidden text, symbols, styles and
lists its own), nested at most limits.MAX_CHUNK_DEPTH deep and all together within
limits.MAX_CHUNK_BYTES; a single-file web page (.mht, as Java and .NET generators import pages
with their pictures) as its page (app/webmht.py).  A part in a format not read here (RTF,
Word 2003 XML) is one message saying so and how to make the file readable.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from app import limits
from app.docx.bidi import Flipped
from app.docx.blocks import Block, CellMarks, ParaBlock, layout_cells
from app.docx.formulas import Stale
from app.docx.hidden import LOST
from app.docx.package import PARSER, DocxParts, W, parts_of_zip
from app.errors import ReadError

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ID = f"{{{_REL}}}id"
_ALT_CHUNK, _TC, _TBL, _P, _R, _T = (f"{{{W}}}{t}" for t in ("altChunk", "tc", "tbl", "p", "r", "t"))
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_SAVE_AS = "请在 Word 或 WPS 中打开此文件，确认内容完整后“另存为”.docx（嵌入的内容随之转为普通正文），再打开另存的文件"

# Format of a part, by its declared content type.
_TYPES = {
    "text/html": "html", "application/xhtml+xml": "html", "text/plain": "text",
    "application/rtf": "rtf", "text/rtf": "rtf", "message/rfc822": "mht", "multipart/related": "mht",
    "text/xml": "xml", "application/xml": "xml",
}
_EXTENSIONS = {".htm": "html", ".html": "html", ".xhtml": "html", ".txt": "text", ".rtf": "rtf", ".mht": "mht",
               ".mhtml": "mht", ".docx": "docx", ".dotx": "docx", ".xml": "xml"}
_NAMES = {"rtf": "RTF 格式", "mht": "“单个文件网页”（.mht）格式", "xml": "XML 格式（Word 2003 XML 等）",
          "unknown": "无法识别格式的"}


@dataclass
class Tally:
    """What the bodies read (the document's and its chunks') found besides their blocks."""

    revisions: int = 0
    hidden: int = 0
    unseen: int = 0  # places of text printed but not seen (app/docx/invisible.py)
    symbol_digits: int = 0  # digits drawn as pictograms by a symbol font (app/docx/symbols.py)
    placeholders: list[str] = field(default_factory=list)  # what controls still showing their prompt held (app/docx/placeholders.py)
    marks: CellMarks = field(default_factory=CellMarks)  # table cells read without note marks
    chunk_bytes: int = 0  # of all chunks read so far, against limits.MAX_CHUNK_BYTES
    # Where chunks' hidden text was, for the HIDDEN-TEXT note (app/docx/hiddenplace.py): the
    # bodies of imported .docx parts that lost some, the first block of web pages' that did.
    hidden_bodies: list[etree._Element] = field(default_factory=list)
    hidden_blocks: list[Block] = field(default_factory=list)
    flipped: list[Flipped] = field(default_factory=list)  # paragraphs shown right to left (app/docx/bidi.py)
    open_fields: list[etree._Element] = field(default_factory=list)  # fields' begin marks never ended (app/docx/fields.py)
    stale: list[Stale] = field(default_factory=list)  # formula fields storing another result (app/docx/formulas.py)


@dataclass
class Chunks:
    """The altChunk parts of one package, read into blocks where they stand."""

    parts: DocxParts
    # Reads a (nested) package's body into blocks: the reader's own pipeline, passed in.
    read_body: Callable[[DocxParts, Tally, int], list[Block]]
    tally: Tally = field(default_factory=Tally)
    depth: int = 0
    _types: dict[str, str] | None = None

    def blocks(self, el: etree._Element) -> list[Block]:
        """The blocks of the part ``el`` (a w:altChunk) imports; [] when it names none."""
        found = self.parts.chunks.get(el.get(_ID, ""))
        if found is None:
            return []  # a dangling reference shows nothing
        member, data = found
        self.tally.chunk_bytes += len(data)
        if self.tally.chunk_bytes > limits.MAX_CHUNK_BYTES:
            raise ReadError(f"文件中嵌入的内容（altChunk）共超过{limits.MAX_CHUNK_BYTES // 1048576} MB，"
                            "年报不需要这么多，文件可能已损坏")
        kind = _kind(data, self._type_of(member), member)
        if kind == "docx":
            return self._docx(data)
        if kind in ("html", "text", "mht"):
            return self._web(data, kind)
        raise ReadError(f"文件的正文中有嵌入的{_NAMES.get(kind, _NAMES['unknown'])}内容（Word 的“altChunk”，"
                        f"多由 OA 系统或网页编辑器生成），本编辑器无法读取这种格式；{_SAVE_AS}")

    def _type_of(self, member: str) -> str:
        if self._types is None:
            self._types = _content_types(self.parts.content_types)
        ext = posixpath.splitext(member)[1].lower()
        return self._types.get("/" + member.lower(), self._types.get(ext, ""))

    def _web(self, data: bytes, kind: str) -> list[Block]:
        from app.textcopy import text_blocks
        from app.webcopy import html_blocks  # lxml.html only when a chunk needs it
        from app.webdecode import decode

        try:
            edit: Callable[[str], str] = str
            if kind == "mht":  # a single-file page (Word's 单个文件网页): its page (app/webmht.py)
                from app.webmht import Pages

                data, edit = Pages(data).page(0)
            text = edit(decode(data).text)
            if kind == "text":
                return text_blocks(text)
            blocks, hidden = html_blocks(text)
        except ReadError as e:
            raise ReadError(f"文件中嵌入的网页内容（altChunk）无法读取：{e}") from e
        self.tally.hidden += hidden.places
        if hidden.places and hidden.first is not None and hidden.first < len(blocks):
            self.tally.hidden_blocks.append(blocks[hidden.first])
        return blocks

    def _docx(self, data: bytes) -> list[Block]:
        if self.depth >= limits.MAX_CHUNK_DEPTH:
            raise ReadError(f"文件中嵌入的 Word 文档（altChunk）层层嵌套超过{limits.MAX_CHUNK_DEPTH}层，"
                            "年报不会这样，文件可能已损坏或是恶意构造，未读取")
        damaged = f"文件中嵌入的 Word 文档（altChunk）已损坏，无法读取；{_SAVE_AS}"
        if data.count(b"PK\x01\x02") > limits.MAX_PARTS:  # before zipfile makes an object of each entry
            raise ReadError(f"文件中嵌入的 Word 文档（altChunk）由{limits.MAX_PARTS}多个部件组成，"
                            "年报不需要这么多，文件可能已损坏")
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                self._check(z)
                nested = parts_of_zip(z)
        except ReadError as e:
            raise ReadError(f"文件中嵌入的 Word 文档（altChunk）：{e}") from e
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, KeyError, NotImplementedError,
                etree.XMLSyntaxError) as e:
            raise ReadError(damaged) from e
        body = nested.document.find(f"{{{W}}}body")
        if body is None:
            return []  # nothing to show
        hidden = self.tally.hidden
        blocks = self.read_body(nested, self.tally, self.depth + 1)
        if self.tally.hidden > hidden:
            self.tally.hidden_bodies.append(body)
        return blocks

    def into_cells(self, body: etree._Element) -> None:
        """Each imported part in a cell of a table of data put in its place as paragraphs of
        its text, before the body is read: the cell's value is then read as any cell's is
        (app/docx/blocks.py, fastgrid.py).  A frame's cell (a layout table: one column, laying
        out what it holds) keeps its part, read as blocks where it stands.  The first
        paragraph of a part that hid text is marked as a paragraph that lost some (LOST), so
        that the HIDDEN-TEXT note points at the table."""
        for el in [c for c in body.iter(_ALT_CHUNK) if next(c.iterancestors(_TC), None) is not None]:
            table = next(el.iterancestors(_TBL))
            parent = el.getparent()
            if parent is None or layout_cells(table) is not None:
                continue
            hidden = self.tally.hidden
            paragraphs = [_paragraph(line) for line in _lines(self.blocks(el))]
            if self.tally.hidden > hidden:
                if not paragraphs:
                    paragraphs.append(_paragraph(""))
                paragraphs[0].set(LOST, "1")
            at = parent.index(el)
            parent.remove(el)
            for k, p in enumerate(paragraphs):
                parent.insert(at + k, p)

    def _check(self, z: zipfile.ZipFile) -> None:
        """app/ziplimits.py's package rules for a .docx held in another: bounded parts, counted
        into the chunks' budget, no macros, no zip encryption."""
        infos = z.infolist()
        if len(infos) > limits.MAX_PARTS:
            raise ReadError(f"文件由{len(infos)}个部件组成，年报不需要这么多，文件可能已损坏")
        for info in infos:
            cap = limits.MAX_XML_PART_BYTES if info.filename.lower().endswith((".xml", ".rels")) else limits.MAX_PART_BYTES
            self.tally.chunk_bytes += info.file_size
            if info.file_size > cap or self.tally.chunk_bytes > limits.MAX_CHUNK_BYTES:
                raise ReadError(f"解压后过大（“{info.filename}”一项就有{info.file_size / 1048576:.0f} MB），"
                                "年报不需要这么大，文件可能已损坏")
            if info.flag_bits & 0x1:
                raise ReadError("内容用压缩软件设置了密码，无法读取")
            if info.filename.lower().endswith(("vbaproject.bin", "vbadata.xml")):
                raise ReadError("含有宏，出于安全考虑未读取")


def _lines(blocks: list[Block]) -> list[str]:
    """The text of a part's blocks as a cell's lines: a paragraph's lines, a table's cells."""
    out: list[str] = []
    for b in blocks:
        if isinstance(b, ParaBlock):
            out += b.text.split("\n")
        else:
            out += [cell.text for r in range(len(b.rows)) for _, cell in b.distinct(r)]
    return out


def _paragraph(text: str) -> etree._Element:
    p = etree.Element(_P)
    t = etree.SubElement(etree.SubElement(p, _R), _T)
    t.text = text
    t.set(_SPACE, "preserve")
    return p


def _kind(data: bytes, content_type: str, member: str) -> str:
    """What a chunk holds: its bytes say it where they can, else its content type, else its name."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \r\n\t")
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"MIME-Version") or b"multipart/related" in head[:1024].lower():
        return "mht"
    base = content_type.split(";", 1)[0].strip().lower()
    if "wordprocessingml" in base:
        return "docx"
    if base in _TYPES:
        return _TYPES[base]
    ext = posixpath.splitext(member)[1].lower()
    if ext in _EXTENSIONS:
        return _EXTENSIONS[ext]
    lower = head[:1024].lower()
    if b"<html" in lower or b"<!doctype html" in lower or b"<body" in lower or b"<p" in lower:
        return "html"
    return "unknown"


def _content_types(xml: bytes) -> dict[str, str]:
    """Part name (lower case, with its leading slash) or extension (“.htm”) -> content type."""
    out: dict[str, str] = {}
    if not xml:
        return out
    try:
        root = etree.fromstring(xml, PARSER)
    except etree.XMLSyntaxError:
        return out
    for el in root:
        if el.tag == f"{{{_CT}}}Override" and el.get("PartName"):
            out[el.get("PartName", "").lower()] = el.get("ContentType", "")
        elif el.tag == f"{{{_CT}}}Default" and el.get("Extension"):
            out.setdefault("." + el.get("Extension", "").lower(), el.get("ContentType", ""))
    return out
