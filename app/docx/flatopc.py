"""Word's “Word XML 文档” (.xml): the parts of a .docx written one after another in one XML file
(a flat OPC package, pkg:package), each part's XML in pkg:xmlData and a picture's bytes in
pkg:binaryData as base64.  Unpacked here into a .docx zip that the reader then reads as any
other (its limits and checks included); LibreOffice reads such a file as plain text.

Word 2003's own XML (w:wordDocument) and a flat OpenDocument text (.fodt) are other
vocabularies: LibreOffice converts those (app/reading.py)."""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from lxml import etree

from app.errors import CANCELLED, ReadError, unwritable
from app.limits import (
    MAX_PACKAGE_BYTES,
    MAX_PART_BYTES,
    MAX_PARTS,
    MAX_XML_PART_BYTES,
    MAX_XML_PART_ELEMENTS,
    NOT_A_REPORT,
    open_regular,
)
from app.ziplimits import part_cap, too_large, too_many_elements, too_many_parts, xml_elements

PKG = "http://schemas.microsoft.com/office/2006/xmlPackage"
_PACKAGE, _PART, _NAME, _TYPE, _XML_DATA, _BINARY_DATA = (
    f"{{{PKG}}}{t}" for t in ("package", "part", "name", "contentType", "xmlData", "binaryData"))
_CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
# A report written so, pictures and all, is a few megabytes; this is far past any.
MAX_FLAT_BYTES = 100 * 2**20
_DAMAGED = "文件已损坏或不完整，无法作为“Word XML 文档”读取；可在 Word 或 WPS 中打开后另存为 .docx 再试"

# The first element after the prolog (declaration, processing instructions, comments, DOCTYPE).
_PROLOG = re.compile(rb"(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*", re.S)
_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")


def xml_document_kind(head: bytes) -> str | None:
    """What an XML file's first bytes say it is: "opc" for a flat OPC package of Word's,
    "word2003" for Word 2003 XML, "fodt" for a flat OpenDocument text; None for anything else
    (a web page in XHTML, another program's XML)."""
    text = head.removeprefix(b"\xef\xbb\xbf")
    prolog = _PROLOG.match(text)  # always matches, if only the empty string
    root = _ROOT.match(text, prolog.end() if prolog is not None else 0)
    if root is None:
        return None
    name = root.group(2)
    if name == b"package" and PKG.encode() in text:
        return "opc"
    if name == b"wordDocument" and b"schemas.microsoft.com/office/word/2003/wordml" in text:
        return "word2003"
    if name == b"document" and b"application/vnd.oasis.opendocument.text" in text:
        return "fodt"
    return None


def _zip_name(name: str) -> str | None:
    """A part's name as a zip member (“/word/document.xml” → “word/document.xml”); None for one
    that would climb out of the package or is no name at all."""
    if not name.startswith("/") or "\\" in name or "\0" in name:
        return None
    member = posixpath.normpath(name).lstrip("/")
    if not member or member.startswith("..") or member.lower() == "[content_types].xml":
        return None
    return member


def unpack(path: Path, dest: Path, cancelled: Callable[[], bool] | None = None) -> None:
    """Write the flat package at ``path`` as a .docx zip at ``dest``.  Parts are taken one at a
    time (a picture's base64 never held twice); entities are never expanded, nothing fetched.

    The caps a .docx's zip directory is checked against before anything is inflated
    (app/ziplimits.py: parts, one part's size, all parts together) hold here while the file is
    parsed: it is fed in slices and a part is refused as soon as the bytes fed since its start
    pass its cap, so no part's tree grows past what a .docx's own part may be (a 95 MB part of
    empty paragraphs took 2 GB before it was refused after unpacking).  ``cancelled()`` is asked
    once a slice (批量检查's 取消)."""
    import binascii  # only when such a file is opened

    size = path.stat().st_size
    if size > MAX_FLAT_BYTES:
        raise ReadError(f"文件有{size // 2**20} MB，不像一份年度报告（上限 {MAX_FLAT_BYTES // 2**20} MB），未读取")
    # huge_tree: a picture's base64 is one text node, often past libxml2's 10 MB default
    parser = etree.XMLPullParser(events=("start", "end"), tag=(_PART, _XML_DATA, _BINARY_DATA),
                                 resolve_entities=False, no_network=True, huge_tree=True, load_dtd=False)
    package = _Package()
    try:
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z, open_regular(path) as f:
            fed = 0
            while chunk := f.read(_SLICE):
                if cancelled is not None and cancelled():
                    raise ReadError(CANCELLED)
                if fed + len(chunk) > MAX_FLAT_BYTES:  # grown past its size as looked at: still being written
                    raise ReadError(f"文件超过{MAX_FLAT_BYTES // 2**20} MB，不像一份年度报告，未读取")
                parser.feed(chunk)
                fed += len(chunk)
                package.take(parser.read_events(), z, fed, xml_elements(chunk))
            parser.close()
            package.take(parser.read_events(), z, fed, 0)
            package.finish(z)
    except (etree.XMLSyntaxError, binascii.Error, ValueError) as e:
        raise ReadError(_DAMAGED) from e
    except OSError as e:  # the temporary folder's disk full or not writable
        raise ReadError(f"无法在临时文件夹中展开“Word XML 文档”：{unwritable(e)}") from e
    if not package.types:
        raise ReadError(_DAMAGED)


_SLICE = 1 << 20
_OUTSIDE = _SLICE + (1 << 16)  # fed since the last part ended, none open: more is not Word's
# A part's XML as written in the flat file (its wrapper and Word's indenting: a little more than
# the part itself); a picture's base64 in lines of 76 (4 characters for 3 bytes, and line ends).
_XML_SPAN = MAX_XML_PART_BYTES + (MAX_XML_PART_BYTES >> 4)
_BINARY_SPAN = MAX_PART_BYTES * 4 // 3 * 78 // 76 + (1 << 16)


class _Package:
    """The parts met so far and the one being parsed: where it started and its cap."""

    def __init__(self) -> None:
        self.types: list[tuple[str, str]] = []
        self.seen: set[str] = set()
        self.parts = 0
        self.total = 0
        self.started = 0  # bytes fed when the current part's start was seen
        self.cap = 0  # 0: no part open
        self.closed = 0  # bytes fed when the last part ended (the package began)
        self.name = ""
        self.elements = 0  # start tags fed since the current part's start (from its slice on)

    def take(self, events: Iterator[tuple[str, etree._Element]], z: zipfile.ZipFile, fed: int, elements: int) -> None:
        """The events of one slice fed (``fed`` bytes so far, ``elements`` start tags in the slice)."""
        for event, element in events:
            if element.tag == _PART:
                if event == "start":
                    # Word writes parts side by side under the package, never one inside another
                    # or inside other content: such a part would restart the caps' count below.
                    parent = element.getparent()  # the document's root package, not one nested
                    if self.cap or parent is None or parent.tag != _PACKAGE or parent.getparent() is not None:
                        raise ReadError(_DAMAGED)
                    self.parts += 1
                    if self.parts > MAX_PARTS:
                        raise too_many_parts(f"{MAX_PARTS}多")
                    self.started, self.cap, self.name = fed, _XML_SPAN, element.get(_NAME, "")
                    self.elements = 0
                else:
                    self._write(element, z)
                    self.cap, self.closed = 0, fed
            elif event == "start" and element.tag == _BINARY_DATA and self.cap:
                self.cap = _BINARY_SPAN  # base64 text: held as its bytes, no tree
        # A part's tree is some 120 bytes an element: counted by the slice (an element-dense
        # part of 8 MB was 1.4 million elements, 230 MB before its size refused it)
        self.elements += elements if self.cap else 0
        if self.cap == _XML_SPAN and self.elements > MAX_XML_PART_ELEMENTS:
            raise too_many_elements(self.name.lstrip("/"))
        if self.cap and fed - self.started > self.cap:
            raise ReadError(f"文件解压后过大（“{self.name.lstrip('/')}”一项就超过 "
                            f"{(self.cap - 1) // 2**20 + 1} MB），{NOT_A_REPORT}")
        # Word writes nothing but parts (and line ends) in the package: a whole slice with no
        # part open is other content, whose tree no cap above would bound — refused at once.
        if not self.cap and fed - self.closed > _OUTSIDE:
            raise ReadError(f"文件在各部件之外还有大量其他内容，不是 Word 保存的“Word XML 文档”，{NOT_A_REPORT}")

    def _write(self, part: etree._Element, z: zipfile.ZipFile) -> None:
        member = _zip_name(part.get(_NAME, ""))
        if member is not None and member.lower() not in self.seen:
            data = _data(part)
            if data is not None:
                self.total += len(data)
                if len(data) > part_cap(member) or self.total > MAX_PACKAGE_BYTES:
                    raise too_large(member, len(data))
                self.seen.add(member.lower())
                z.writestr(member, data)
                self.types.append((member, part.get(_TYPE, "application/octet-stream")))
        part.clear()
        while part.getprevious() is not None:  # the parts already written, let go
            del part.getparent()[0]

    def finish(self, z: zipfile.ZipFile) -> None:
        from xml.sax.saxutils import quoteattr

        overrides = "".join(f"<Override PartName={quoteattr('/' + m)} ContentType={quoteattr(t)}/>"
                            for m, t in self.types)
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   f'<Types xmlns="{_CONTENT_TYPES}">{overrides}</Types>')


def _data(part: etree._Element) -> bytes | None:
    import binascii

    for child in part:
        if child.tag == _XML_DATA:
            root = next((c for c in child if isinstance(c.tag, str)), None)
            return None if root is None else etree.tostring(root, encoding="UTF-8", xml_declaration=True,
                                                            standalone=True)
        if child.tag == _BINARY_DATA:
            # Line ends and spaces skipped as it decodes: the text is not copied twice over first
            return binascii.a2b_base64(child.text or "")
    return None
