"""The editor's own data inside a .docx: one custom XML part, keyed by section.

Some things the editor knows belong with the report but are not the report's text: findings a
reviewer dismissed (``"dismissed"``), last year's figures and sentences (``"last_year"``).  They
travel inside the .docx as a custom XML data part, the place OOXML gives applications for their
own data: Word and WPS keep it when they re-save the file, and never show it.

The part is ``/customXml/itemN.xml``, related from the main document part (relationship type
``customXml``), with its ``itemProps`` part naming our namespace.  Its content::

    <nb:editor xmlns:nb="urn:nianbao-editor:data:1">
      <nb:section key="dismissed">[…JSON…]</nb:section>
      <nb:section key="last_year">{…JSON…}</nb:section>
    </nb:editor>

API — each feature owns one key and stores any JSON-compatible value under it:

    report.extras["last_year"] = {...}       # app/report.py: Report.extras, dict[str, JSON]
    write_extras(document, report.extras)    # app/docx/writer.py calls it for every saved file
    extras_of(blobs) -> dict[str, JSON]      # app/docx/reader.py: from the custom XML parts' bytes
    read_extras(document) -> dict[str, JSON] # the same from a python-docx document (the write side)

Reading is forgiving: a file without the part gives ``{}``; a malformed part, an oversized one
or a section whose JSON does not parse is left out (the other sections still read) — never an
error.  Keys the running version does not know are read and written back unchanged, so a file
passed through an older editor keeps a newer one's data.  Other applications' custom XML parts
are left alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from lxml import etree

from app.docx.xmlkids import fold_non_elements
from app.limits import state_json

if TYPE_CHECKING:  # python-docx is for writing: reading a file never imports it
    from docx.document import Document
    from docx.opc.part import Part

NAMESPACE = "urn:nianbao-editor:data:1"
_NB = f"{{{NAMESPACE}}}"
_NAMESPACE_BYTES = NAMESPACE.encode()
_DS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
_XML_CT = "application/xml"
_PROPS_CT = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
_RT_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
_RT_CUSTOM_XML_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
# One stable item id: the part is found by its namespace, the id only has to be well formed.
_ITEM_ID = "{6E9A1B4C-5D2F-4E7A-9C3B-2F1D8A7E6B50}"
MAX_BYTES = 8 * 1024 * 1024  # a hostile or broken part larger than this is not read
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)

Extras = dict[str, Any]


def extras_of(blobs: Iterable[bytes]) -> Extras:
    """Our sections from a document's custom XML parts (ours among them found by their
    root); ``{}`` when there is none."""
    out: Extras = {}
    left = MAX_BYTES  # of ours together: the editor writes one part
    for blob in blobs:
        if not starts_ours(blob[:HEAD]) or len(blob) > left:
            continue  # another application's part (or a forged run of ours): never parsed whole
        left -= len(blob)
        root = _root(blob)
        if root.tag != f"{_NB}editor":
            continue
        for el in root.iterchildren(f"{_NB}section"):
            key = el.get("key")
            if not key or key in out:
                continue
            value = state_json(el.text or "", MAX_BYTES)
            if value is not None:  # one broken section (or nested past ours) does not cost the others
                out[key] = value
    return out


def read_extras(document: Document) -> Extras:
    """Our sections from a python-docx document (what write_extras left in it)."""
    return extras_of(part.blob for part in _our_parts(document))


def write_extras(document: Document, extras: Extras) -> None:
    """Replace our part with ``extras`` (none at all when it is empty)."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    main = document.part
    for rid, rel in list(main.rels.items()):
        if rel.reltype == _RT_CUSTOM_XML and not rel.is_external and _is_ours(rel.target_part):
            main.drop_rel(rid)
    if not extras:
        return
    package = main.package
    item = Part(package.next_partname("/customXml/item%d.xml"), _XML_CT, _item_xml(extras), package)
    number = item.partname.idx
    props = Part(PackURI(f"/customXml/itemProps{number}.xml"), _PROPS_CT, _props_xml(), package)
    item.relate_to(props, _RT_CUSTOM_XML_PROPS)
    main.relate_to(item, _RT_CUSTOM_XML)


def _item_xml(extras: Extras) -> bytes:
    import json

    root = etree.Element(f"{_NB}editor", nsmap={"nb": NAMESPACE})
    for key in sorted(extras):
        el = etree.SubElement(root, f"{_NB}section", key=key)
        try:
            el.text = json.dumps(extras[key], ensure_ascii=False, sort_keys=True)
        except ValueError:  # a lone surrogate or U+FFFE read from a forged part: XML cannot hold it raw
            el.text = json.dumps(extras[key], ensure_ascii=True, sort_keys=True)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _props_xml() -> bytes:
    root = etree.Element(f"{{{_DS}}}datastoreItem", nsmap={"ds": _DS})
    root.set(f"{{{_DS}}}itemID", _ITEM_ID)
    refs = etree.SubElement(root, f"{{{_DS}}}schemaRefs")
    etree.SubElement(refs, f"{{{_DS}}}schemaRef").set(f"{{{_DS}}}uri", NAMESPACE)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=False))


def _our_parts(document: Document) -> list[Part]:
    """Our custom XML parts, whichever relationship reaches them (LibreOffice renumbers)."""
    parts: list[Part] = []
    try:
        rels = list(document.part.rels.values())
    except Exception:  # a broken package: nothing of ours to read
        return parts
    for rel in rels:
        if rel.reltype != _RT_CUSTOM_XML or rel.is_external:
            continue
        try:
            part = rel.target_part
        except Exception:  # a relationship to a missing part
            continue
        if _is_ours(part) and part not in parts:
            parts.append(part)
    return parts


def _root(blob: bytes) -> etree._Element:
    if len(blob) > MAX_BYTES:
        return etree.Element("none")
    try:
        return fold_non_elements(etree.fromstring(blob, _PARSER))
    except (etree.XMLSyntaxError, ValueError):
        return etree.Element("none")


HEAD = 65536  # a part's first bytes, where its root's start tag is


def starts_ours(head: bytes) -> bool:
    """Whether a part whose first bytes are ``head`` (HEAD of them) has our root element, from its
    first start tag alone: other applications' parts are never inflated or parsed whole (24 of
    8 MB each, within the package's caps, took 5.9 s and 740 MB)."""
    if head[:1] == b"<" and head[1:2] != b"\0" and _NAMESPACE_BYTES not in head:
        return False  # UTF-8 without our namespace's name: another program's part (most files' only one)
    parser = etree.XMLPullParser(events=("start",), resolve_entities=False, no_network=True, huge_tree=False)
    try:
        parser.feed(head)
        for _, el in parser.read_events():
            return bool(el.tag == f"{_NB}editor")
    except etree.XMLSyntaxError:
        pass
    return False


def _is_ours(part: Part) -> bool:
    return _root(part.blob).tag == f"{_NB}editor"
