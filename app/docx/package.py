"""A .docx package read straight from its zip with lxml: only the parts the reader needs.

python-docx builds an object for every part and element of a package, which costs more than
reading gives back (and its import alone is most of a command-line run); it stays for writing.
Here the zip is opened once, the relationships are followed from ``_rels/.rels`` to the main
document and from it to its styles, numbering and custom XML parts, and those are parsed with
the parser python-docx uses, so the tree is the same.  A damaged styles or numbering part is
left out (the text and tables still read); a damaged main document is one ReadError.
"""

from __future__ import annotations

import contextlib
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import quote, unquote

from lxml import etree

from app import limits, ziplimits
from app.docx import custom, properties
from app.docx.placeholders import SHOWING_PLACEHOLDER
from app.docx.xmlkids import W, fold_non_elements
from app.errors import DAMAGED_DOCX, ReadError
from app.limits import MAX_DATA_STORE_BYTES, MAX_DATA_STORES_BYTES

_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_RT_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships/"
_RT_PKG = "http://schemas.openxmlformats.org/package/2006/relationships/"
OFFICE_DOCUMENT = _RT + "officeDocument"
STYLES = _RT + "styles"
NUMBERING = _RT + "numbering"
CUSTOM_XML = _RT + "customXml"
AF_CHUNK = _RT + "aFChunk"  # an imported part shown in place (app/docx/altchunk.py)
# An OLE object's data: an Office file kept whole (an embedded .xlsx), or an OLE compound file (.bin)
EMBEDDED = (_RT + "package", _RT + "oleObject")
# python-docx's parser settings (the tree the reader was written against), and the safe ones:
# entities are never expanded, nothing is fetched, libxml2's depth and size limits stay on.
PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True, huge_tree=False)
# “Strict Open XML” (Word's 另存为 “Strict Open XML 文档”) is the same vocabulary under other
# namespace names: read as the transitional document it says.
_STRICT_NAMES = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", W.encode()),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
    (b"http://purl.oclc.org/ooxml/drawingml/main", b"http://schemas.openxmlformats.org/drawingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing",
     b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"),
    (b"http://purl.oclc.org/ooxml/officeDocument/math", b"http://schemas.openxmlformats.org/officeDocument/2006/math"),
)
_BROKEN = DAMAGED_DOCX


@dataclass
class DocxParts:
    """What the reader takes from a .docx: the parsed main document, its styles and lists
    (None when absent or unreadable), and the bytes of its custom XML parts."""

    document: etree._Element  # w:document
    styles_xml: list[bytes] = field(default_factory=list)  # candidates: a stray relationship may come first
    numbering: etree._Element | None = None
    custom_xml: list[bytes] = field(default_factory=list)
    # altChunk parts by relationship id: (member name, bytes), and the content types to tell them by
    chunks: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    content_types: bytes = b""
    theme_xml: bytes = b""  # word/theme/theme1.xml: the colours w:themeColor names
    # The XML parts content controls can be bound to (w:dataBinding's storeItemID, upper case →
    # bytes): custom XML parts by their itemProps' ID, and the document properties Word's
    # 文档部件 → 文档属性 controls show.  Gathered only when the document binds any.
    data_stores: dict[str, bytes] = field(default_factory=dict)
    # docProps/core.xml: the document properties a save keeps (app/docx/properties.py)
    core_xml: bytes = b""
    custom_props_xml: bytes = b""  # docProps/custom.xml, likewise
    # settings.xml's w:updateFields: Word asks on opening whether to update every field (a
    # formula's or a reference's stored result then gives way to the computed one).
    update_fields: bool = False
    # Whether a content control shows its placeholder text (app/docx/placeholders.py), found
    # in the pass that looks for data bindings
    placeholders: bool = False
    comments_xml: bytes = b""  # word/comments.xml: a reviewer's 批注, said on opening (app/docx/unkept.py)
    # OLE objects' data by relationship id: (member name, bytes) — an embedded worksheet is read
    # from it when its section's table is not in the body (app/docx/embedded.py).  Bounded as every
    # part is (app/ziplimits.py); any other (an embedded .docx or .pptx) is kept by name only, its
    # bytes b"": never inflated for nothing.
    embedded: dict[str, tuple[str, bytes]] = field(default_factory=dict)

    @cached_property
    def comments(self) -> etree._Element | None:
        """The comments part, parsed only when the file has one."""
        return _parse_optional(self.comments_xml, f"{{{W}}}comments") if self.comments_xml else None

    @cached_property
    def theme(self) -> etree._Element | None:
        """The theme part, parsed only when a run's colour names a theme colour."""
        return _parse_optional(self.theme_xml, "{http://schemas.openxmlformats.org/drawingml/2006/main}theme")

    @cached_property
    def styles(self) -> etree._Element | None:
        """styles.xml, parsed when first asked for: it is often the largest part (Word's
        template defines every built-in style) and most reads never need it."""
        return next((root for xml in self.styles_xml
                     if (root := _parse_optional(xml, f"{{{W}}}styles")) is not None), None)

    @cached_property
    def run_styles_xml(self) -> list[bytes]:
        """``styles_xml`` less its table styles' elements: what decides whether a paragraph's or
        character style, or the defaults, can hide, mark or colour text (table styles are read
        apart, app/docx/tablestyles.py).  python-docx's template is 349 KB, nine tenths of it
        table styles, and the readers' byte searches for words in it ran over all of it."""
        return [_without_table_styles(xml) for xml in self.styles_xml]

    def may_name_own_styles(self) -> bool:
        """Whether styles.xml can name one of our “NB …” styles (or a style the reader
        compares by an “NB” name): without the letters anywhere in it, the style names cannot
        change the reading and the part need not be parsed."""
        # Not UTF-8 (UTF-16 is allowed): the bytes say nothing, so look.
        return any(_holds_nb(xml) or xml[:64].lstrip()[:1] != b"<" for xml in self.styles_xml)

    def may_hide_text(self) -> bool:
        """Whether styles.xml can hide text (a style or the defaults with w:vanish or
        w:specVanish): without the words in it, it need not be parsed for them."""
        return any(b"anish" in xml or xml[:64].lstrip()[:1] != b"<" for xml in self.run_styles_xml)


_TABLE_TYPE = b'w:type="table"'
_STYLE_END = b"</w:style>"
_STYLE_START, _SLASH = b"<w:style ", ord("/")
# The start tag read attribute by attribute up to the marker: it counts only as an attribute of
# its own, not inside another's value (w:styleId='H w:type="table"' names a paragraph style, rev19)
_BEFORE_TYPE = re.compile(rb"""<w:style(?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s+""")


def _without_table_styles(xml: bytes) -> bytes:
    """The bytes of a styles part with each ``<w:style w:type="table" …>…</w:style>`` cut out,
    found by their bytes (parsing the part costs fifty times as much).  Only what surely is one
    table style's element is cut: a part with comments, CDATA, a DOCTYPE or instructions past
    its declaration (which could hide or fake the markers) is kept whole, as is a style written
    any other way (another prefix, other quotes, self-closing, or holding another style)."""
    prolog = xml.find(b"?>") + 2 if xml.startswith(b"<?") else 0
    # One byte each, which memchr finds at once (a search for “<!” stops at every “<”).
    if b"!" in xml or xml.find(b"?", prolog) >= 0 or _TABLE_TYPE not in xml:
        return xml
    pieces: list[bytes] = []
    kept = 0  # where the bytes not yet cut begin
    find = xml.find
    at = find(_TABLE_TYPE)
    while at >= 0:
        start = at - len(_STYLE_START)
        # Word's and python-docx's way, the type the start tag's first attribute, needs no more
        # looking; else the attributes before it are read one by one.
        if start < kept or not xml.startswith(_STYLE_START, start):
            start = xml.rfind(b"<", kept, at)
            if start < 0 or not xml.startswith(_STYLE_START, start) or find(b">", start, at) >= 0 \
                    or _BEFORE_TYPE.fullmatch(xml, start, at) is None:
                at = find(_TABLE_TYPE, at + 1)
                continue
        close = find(b">", at)
        # The first “style” after the start tag must be its own end's: no other style (of any
        # prefix) inside it — one search for both.
        end = find(b"style", close) - 4  # len(b"</w:")
        if close > 0 and end > close and xml.startswith(_STYLE_END, end) and xml[close - 1] != _SLASH:
            pieces.append(xml[kept:start])
            kept = end + len(_STYLE_END)
            at = find(_TABLE_TYPE, kept)
        else:
            at = find(_TABLE_TYPE, at + 1)
    if not pieces:
        return xml
    pieces.append(xml[kept:])
    return b"".join(pieces)


def _holds_nb(xml: bytes, tries: int = 256) -> bool:
    """``b"NB" in xml``, found from each “N” on: memchr skips to those, where a search for the
    two letters looks at every byte (styles.xml is often a third of a megabyte); a part full
    of N's is searched the plain way after ``tries`` of them."""
    i = xml.find(b"N")
    while i >= 0:
        if xml[i + 1:i + 2] == b"B":
            return True
        tries -= 1
        if not tries:
            return b"NB" in xml[i:]
        i = xml.find(b"N", i + 1)
    return False


@dataclass(frozen=True)
class _Rel:
    """One relationship of a part: its type and the zip member it points at."""

    reltype: str
    member: str  # the target's name in the zip
    rid: str = ""


def open_parts(path: Path, opened: zipfile.ZipFile | None = None) -> DocxParts:
    """The parts of the .docx at ``path``; ReadError (without the file name) when it is
    not a readable Word document.  zipfile, zlib and lxml errors of a damaged file pass
    through to the caller, which says the file is damaged.  The zip is closed on return.
    ``opened``: the file's zip as the reader's look opened it (app.sniff.opened_zip), its
    directory checked: read from it, not opened again (left open: its opener closes it)."""
    if opened is not None:
        ziplimits.check_parts_in(opened, "Word 文档")
        return _read(opened)
    ziplimits.check_package(path, "Word 文档")  # zip bombs, part counts, macros: before inflating
    from app.limits import open_regular

    with open_regular(path) as fh, zipfile.ZipFile(fh) as z:  # the file checked, never a FIFO swapped in
        return _read(z)


def parts_of_zip(z: zipfile.ZipFile) -> DocxParts:
    """The parts of a package already open and checked (a .docx imported into another)."""
    return _read(z)


def _read(z: zipfile.ZipFile) -> DocxParts:
    names = _Members(z.namelist())
    package_rels = _rels(z, names, "")
    main = next((r.member for r in package_rels if r.reltype == OFFICE_DOCUMENT), None)
    if (main is None or main not in names) and _stored(names, "word/document.xml") in names:
        # A package without its root relationships, or whose relationship names no part it
        # holds (a converter's mistyped target): the main document where Word puts it.
        main = _stored(names, "word/document.xml")
    if main is None or main not in names:
        raise ReadError(_BROKEN)
    try:
        document = fold_non_elements(etree.fromstring(transitional(ziplimits.checked_xml(main, z.read(main))), PARSER))
    except etree.XMLSyntaxError as e:
        reason = limits.xml_refusal(str(e))
        if reason is None:
            raise  # damaged: the caller says so
        raise ReadError(reason) from e
    if document.tag != f"{{{W}}}document":
        raise ReadError(_BROKEN)
    parts = DocxParts(document, core_xml=_package_part(z, names, package_rels, "/metadata/core-properties",
                                                       "docProps/core.xml"),
                      custom_props_xml=_package_part(z, names, package_rels, "/custom-properties", ""))
    seen: set[str] = set()
    chunk_data: dict[str, bytes] = {}
    sheets: set[str] | None = None  # the relationship ids of the worksheet objects (when one is related)
    for rel in _rels(z, names, main):
        if rel.member in seen or rel.member not in names:
            if rel.reltype in EMBEDDED and rel.member not in names:  # to no part of the file (gone, or out of the package): said so
                parts.embedded[rel.rid] = ("", b"")
            continue
        if rel.reltype == STYLES:
            seen.add(rel.member)
            parts.styles_xml.append(transitional(ziplimits.checked_xml(rel.member, z.read(rel.member))))
        elif rel.reltype.endswith("/numbering") and parts.numbering is None:
            seen.add(rel.member)
            parts.numbering = _parse_optional(transitional(ziplimits.checked_xml(rel.member, z.read(rel.member))),
                                              f"{{{W}}}numbering")
        elif rel.reltype.endswith("/theme") and not parts.theme_xml:
            seen.add(rel.member)
            parts.theme_xml = transitional(z.read(rel.member))
        elif rel.reltype.endswith("/settings") and not parts.update_fields:
            seen.add(rel.member)
            parts.update_fields = _updates_fields(z.read(rel.member))
        elif rel.reltype.endswith("/comments") and not parts.comments_xml:
            seen.add(rel.member)
            with contextlib.suppress(ReadError):  # comments are no part of the report: a monstrous part is left out
                parts.comments_xml = transitional(ziplimits.checked_xml(rel.member, z.read(rel.member)))
        elif rel.reltype == CUSTOM_XML:
            seen.add(rel.member)
            with z.open(rel.member) as fh:
                head = fh.read(custom.HEAD)
            if custom.starts_ours(head):  # another application's part is not inflated whole
                parts.custom_xml.append(z.read(rel.member))
        elif rel.reltype in EMBEDDED:  # (the member may be another's too: never added to ``seen``)
            if sheets is None:
                sheets = _sheet_objects(document)
            # Only a worksheet object's part is inflated (.bin: app/docx/compound.py): an equation's,
            # a drawing's or an embedded video's never, however big, at every opening.
            workbook = rel.rid in sheets and rel.member.lower().endswith((".xlsx", ".xlsm", ".bin"))
            parts.embedded[rel.rid] = (rel.member, z.read(rel.member) if workbook else b"")
        elif rel.reltype == AF_CHUNK:  # read once however many point at it
            if rel.member not in chunk_data:
                chunk_data[rel.member] = z.read(rel.member)
            parts.chunks[rel.rid] = (rel.member, chunk_data[rel.member])
    if parts.chunks and (types := _stored(names, "[Content_Types].xml")) in names:
        parts.content_types = z.read(types)
    binds = False
    for el in document.iter(_DATA_BINDING, SHOWING_PLACEHOLDER):  # one pass for both questions
        if el.tag == _DATA_BINDING:
            binds = True
        else:
            parts.placeholders = True
        if binds and parts.placeholders:
            break
    if binds:
        parts.data_stores = _data_stores(z, names, main)
    return parts


_OLE = "{urn:schemas-microsoft-com:office:office}OLEObject"
_R_ID = f"{{{_RT[:-1]}}}id"


def _sheet_objects(document: etree._Element) -> set[str]:
    """The relationship ids of the document's OLE objects that are worksheets (by ProgID)."""
    from app.docx.pictured import SHEET_PROGIDS

    return {str(o.get(_R_ID, "")) for o in document.iter(_OLE) if str(o.get("ProgID", "")).lower().startswith(SHEET_PROGIDS)}


def _package_part(z: zipfile.ZipFile, names: set[str], package_rels: list[_Rel], reltype: str, usual: str) -> bytes:
    """A document properties part's bytes (b"" when absent or too big to be one): by its
    relationship (the type's ending: either name writers use), else where Word puts it."""
    member = next((r.member for r in package_rels if r.reltype.endswith(reltype)), _stored(names, usual) if usual else "")
    if member not in names or z.getinfo(member).file_size > properties.MAX_BYTES:
        return b""
    return z.read(member)


_DATA_BINDING = f"{{{W}}}dataBinding"
_ITEM_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/customXml}itemID"
# The stores Word gives the document's own properties (fixed IDs, MS-DOCX / ISO 29500 part 1).
_PROPERTY_STORES = {
    _RT_PKG + "metadata/core-properties": "{6C3C8BC8-F283-45AE-878A-BAB7291924A1}",
    _RT + "extended-properties": "{6668398D-A668-4E3E-A5EB-62B293D839F1}",
}


def _data_stores(z: zipfile.ZipFile, names: set[str], main: str) -> dict[str, bytes]:
    """The parts a data-bound content control may show, by store ID (see DocxParts).  A store
    past MAX_DATA_STORE_BYTES, or past what is left of MAX_DATA_STORES_BYTES, is not read: a
    binding into it keeps the control's cached content (six bound stores of 8 MB each, in a
    68 KB file, took 1.5 GB to parse)."""
    stores: dict[str, bytes] = {}
    left = [MAX_DATA_STORES_BYTES]

    def take(store: str, member: str) -> None:
        size = z.getinfo(member).file_size
        if store not in stores and size <= min(MAX_DATA_STORE_BYTES, left[0]):
            left[0] -= size
            stores[store] = z.read(member)

    for rel in _rels(z, names, ""):
        store = _PROPERTY_STORES.get(rel.reltype)
        if store is not None and rel.member in names:
            take(store, rel.member)
    for rel in _rels(z, names, main):
        if rel.reltype != CUSTOM_XML or rel.member not in names:
            continue
        for props in _rels(z, names, rel.member):
            if not props.reltype.endswith("/customXmlProps") or props.member not in names:
                continue
            if z.getinfo(props.member).file_size > MAX_DATA_STORE_BYTES:
                continue  # an item's properties are a line of XML
            try:
                root = etree.fromstring(z.read(props.member), PARSER)
            except etree.XMLSyntaxError:
                continue
            item = root.get(_ITEM_ID)
            if item:
                take(item.strip().upper(), rel.member)
    return stores


def transitional(xml: bytes) -> bytes:
    """A part as the readers' byte searches expect it: in UTF-8 (``as_utf8``), and a Strict
    Open XML part under the transitional namespace names (as it was, when it is neither)."""
    if xml[:1] != b"<" or xml[1:2] == b"\0":
        xml = as_utf8(xml)
    if b"purl.oclc.org/ooxml/" not in xml:
        return xml
    for strict, usual in _STRICT_NAMES:
        xml = xml.replace(strict, usual)
    return xml


# An XML part in UTF-16 or UTF-32 (a byte-order mark, or the “<” of the declaration in two or
# four bytes) and the codec that reads it.  UTF-8's own mark is left to the parser.
_WIDE = ((b"\xff\xfe\0\0", "utf-32"), (b"\0\0\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
         (b"<\0\0\0", "utf-32-le"), (b"\0\0\0<", "utf-32-be"), (b"<\0", "utf-16-le"), (b"\0<", "utf-16-be"))
_ENCODING = re.compile(r"""^(\s*<\?xml\b[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2""")


def as_utf8(xml: bytes) -> bytes:
    """``xml`` in UTF-8, its declaration saying so, when it is in UTF-16 or UTF-32 (a converter's
    or a .NET program's part; the parser reads either, but a Strict part's namespace names and
    every byte search of the readers — for hiding, for our styles — look for UTF-8 bytes and
    found nothing: a Strict part in UTF-16 was refused as damaged).  As it is otherwise, or
    when it does not decode (the parser then says what is wrong)."""
    codec = next((c for mark, c in _WIDE if xml.startswith(mark)), None)
    if codec is None:
        return xml
    try:
        text = xml.decode(codec)
    except UnicodeDecodeError:
        return xml
    return _ENCODING.sub(r'\1"UTF-8"', text.removeprefix("\ufeff"), count=1).encode("utf-8")


def _updates_fields(xml: bytes) -> bool:
    """Whether settings.xml sets w:updateFields on (no w:val is on)."""
    xml = transitional(xml)  # (in UTF-8 from here: an element's name is in its bytes as written)
    if b"updateFields" not in xml:
        return False  # most files: not parsed for nothing
    settings = _parse_optional(xml, f"{{{W}}}settings")
    flag = settings.find(f"{{{W}}}updateFields") if settings is not None else None
    return flag is not None and flag.get(f"{{{W}}}val", "true").strip().lower() in ("true", "1", "on")


def _parse_optional(xml: bytes, tag: str) -> etree._Element | None:
    """A part the document reads without: None when it is damaged or not what it says."""
    try:
        root = etree.fromstring(xml, PARSER)
    except etree.XMLSyntaxError:
        return None
    return fold_non_elements(root) if root.tag == tag else None


class _Members(set[str]):
    """A package's member names, with the same folded to their case (``_stored``), made once:
    looked for name by name, a relationships part of 120,000 targets to no member in a package of
    5,000 parts took 21 s."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(names)
        # A name written with Windows' separator (word\\document.xml: zipped by an old .NET) is
        # the part its forward-slashed name means.
        self.folded = {n.casefold().replace("\\", "/"): n for n in names}


def _stored(names: set[str], wanted: str) -> str:
    """The zip member a part name means: part names are compared without regard to (ASCII)
    case (ECMA-376 Part 2, as Word and System.IO.Packaging open them), so "WORD/DOCUMENT.XML"
    is the part a relationship to "word/document.xml" names; ``wanted`` itself when none is.
    (Two members one name apart only in case are refused before: app/ziplimits.py.)"""
    if wanted in names:
        return wanted
    folded = names.folded if isinstance(names, _Members) else {n.casefold(): n for n in names}
    return folded.get(wanted.casefold(), wanted)


def _unusual(names: set[str], folder: str, target: str) -> str | None:
    """The member a target names that is no member as written: one written with Windows'
    separators (word\\document.xml), or percent-encoded as a URI (word/%E6%96%87%E6%A1%A3.xml
    for word/文档.xml, or the other way round) — Word resolves either.  None when neither is."""
    written = target.replace("\\", "/")
    tries = [written] if written != target else []
    if "%" in written:
        tries.append(unquote(written))
    if not written.isascii():
        tries.append(quote(written, safe="/.-_~:@!$&'()*+,;="))
    for each in tries:  # none for most targets to no member (a hostile file's thousands)
        member = _stored(names, posixpath.normpath(posixpath.join("/" + folder, each)).lstrip("/"))
        if member in names:
            return member
    return None


def _rels(z: zipfile.ZipFile, names: set[str], source: str) -> list[_Rel]:
    """The internal relationships of ``source`` ("" for the package), targets resolved to
    zip member names as python-docx resolves them (their case as stored: ``_stored``)."""
    folder, name = posixpath.split(source.replace("\\", "/"))
    rels_name = _stored(names, posixpath.join(folder, "_rels", f"{name}.rels"))
    if rels_name not in names:
        return []
    try:
        root = etree.fromstring(z.read(rels_name), PARSER)
    except etree.XMLSyntaxError:
        return []
    out: list[_Rel] = []
    for rel in root.iter(_RELS):
        target = rel.get("Target")
        if not target or rel.get("TargetMode") == "External":
            continue
        member = _stored(names, posixpath.normpath(posixpath.join("/" + folder, target)).lstrip("/"))
        if member not in names:
            member = _unusual(names, folder, target) or member
        reltype = rel.get("Type", "")
        if reltype.startswith(_RT_STRICT):
            reltype = _RT + reltype[len(_RT_STRICT):]
        out.append(_Rel(reltype, member, rel.get("Id", "")))
    return out
