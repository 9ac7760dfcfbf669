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
from pathlib import Path

from lxml import etree

from app.errors import ReadError

PKG = "http://schemas.microsoft.com/office/2006/xmlPackage"
_PART, _NAME, _TYPE, _XML_DATA, _BINARY_DATA = (
    f"{{{PKG}}}{t}" for t in ("part", "name", "contentType", "xmlData", "binaryData"))
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
    if not member or member.startswith("..") or member == "[Content_Types].xml":
        return None
    return member


def unpack(path: Path, dest: Path) -> None:
    """Write the flat package at ``path`` as a .docx zip at ``dest``.  Parts are taken one at a
    time (a picture's base64 never held twice); entities are never expanded, nothing fetched."""
    import binascii  # only when such a file is opened
    from xml.sax.saxutils import quoteattr

    size = path.stat().st_size
    if size > MAX_FLAT_BYTES:
        raise ReadError(f"文件有{size // 2**20} MB，不像一份年度报告（上限 {MAX_FLAT_BYTES // 2**20} MB），未读取")
    types: list[tuple[str, str]] = []
    seen: set[str] = set()
    try:
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
            # huge_tree: a picture's base64 is one text node, often past libxml2's 10 MB default
            for _, part in etree.iterparse(str(path), tag=_PART, resolve_entities=False, no_network=True,
                                           huge_tree=True, load_dtd=False):
                member = _zip_name(part.get(_NAME, ""))
                if member is not None and member.lower() not in seen:
                    data = _data(part)
                    if data is not None:
                        seen.add(member.lower())
                        z.writestr(member, data)
                        types.append((member, part.get(_TYPE, "application/octet-stream")))
                part.clear()
                while part.getprevious() is not None:  # the parts already written, let go
                    del part.getparent()[0]
            overrides = "".join(f"<Override PartName={quoteattr('/' + m)} ContentType={quoteattr(t)}/>"
                                for m, t in types)
            z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                       f'<Types xmlns="{_CONTENT_TYPES}">{overrides}</Types>')
    except (etree.XMLSyntaxError, binascii.Error, ValueError) as e:
        raise ReadError(_DAMAGED) from e
    if not types:
        raise ReadError(_DAMAGED)


def _data(part: etree._Element) -> bytes | None:
    import base64

    for child in part:
        if child.tag == _XML_DATA:
            root = next((c for c in child if isinstance(c.tag, str)), None)
            return None if root is None else etree.tostring(root, encoding="UTF-8", xml_declaration=True,
                                                            standalone=True)
        if child.tag == _BINARY_DATA:
            return base64.b64decode("".join((child.text or "").split()), validate=True)
    return None
