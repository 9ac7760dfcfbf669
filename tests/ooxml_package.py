"""What Word demands of a .docx's package, for tests/ooxml_check.py: every part has a content
type and the one its relationship expects, every relationship points at a part, ids are unique
and every r:id a part uses is its own, and the document properties (created, modified, title,
creator, the application) are there and well formed.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import zipfile
from collections import Counter

from lxml import etree

from tests.ooxml_names import CT, PKG_REL, R

# Relationship type (its last segment) → the content type its target must have: Word refuses a
# main part, and ignores a styles or footer part, of another type.
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
PART_TYPES = {
    "officeDocument": f"{_WML}.document.main+xml", "styles": f"{_WML}.styles+xml",
    "settings": f"{_WML}.settings+xml", "fontTable": f"{_WML}.fontTable+xml", "footer": f"{_WML}.footer+xml",
    "header": f"{_WML}.header+xml", "numbering": f"{_WML}.numbering+xml",
    "theme": "application/vnd.openxmlformats-officedocument.theme+xml",
    "core-properties": "application/vnd.openxmlformats-package.core-properties+xml",
    "extended-properties": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    "customXmlProps": "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
    "custom-properties": "application/vnd.openxmlformats-officedocument.custom-properties+xml",
}


def package_problems(z: zipfile.ZipFile, parsed: dict[str, etree._Element]) -> list[str]:
    out: list[str] = []
    names = set(z.namelist())
    types = parsed["[Content_Types].xml"]
    defaults = {d.get("Extension", "").lower(): d.get("ContentType") for d in types.iter(f"{{{CT}}}Default")}
    overrides = {o.get("PartName", "").lstrip("/"): o.get("ContentType") for o in types.iter(f"{{{CT}}}Override")}
    for o in overrides:
        if o not in names:
            out.append(f"[Content_Types].xml: an override for /{o}, which the package lacks")

    def content_type(n: str) -> str | None:
        return overrides.get(n) or defaults.get(n.rsplit(".", 1)[-1].lower())

    for n in names - {"[Content_Types].xml"}:
        if not z.getinfo(n).is_dir() and content_type(n) is None:
            out.append(f"{n}: no content type")
    for rels in sorted(n for n in names if n.endswith(".rels")):
        source = rels.replace("_rels/", "")[: -len(".rels")]
        base = posixpath.dirname(source)
        ids: Counter[str] = Counter()
        for rel in parsed[rels].iter(f"{{{PKG_REL}}}Relationship"):
            ids[rel.get("Id", "")] += 1
            target = rel.get("Target", "")
            if not target.strip() or not rel.get("Type", "").strip():
                out.append(f"{rels}: an empty relationship {dict(rel.attrib)}")
            elif rel.get("TargetMode") != "External":
                path = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(base, target))
                expected = PART_TYPES.get(rel.get("Type", "").rsplit("/", 1)[-1])
                if path not in names:
                    out.append(f"{rels}: relationship {rel.get('Id')} points at {path}, which is missing")
                elif expected and content_type(path) != expected:
                    out.append(f"{path}: content type {content_type(path)}, not {expected}")
        out += [f"{rels}: relationship id {i!r} used {c} times" for i, c in ids.items() if c > 1 or not i]
        if source in parsed:  # every r:id a part uses is one of its relationships
            used = {v for el in parsed[source].iter() for a, v in el.attrib.items() if a.startswith(f"{{{R}}}")}
            missing = used - set(ids)
            if missing:
                out.append(f"{source}: refers to relationships {sorted(missing)} it does not have")
    root_types = {rel.get("Type", "").rsplit("/", 1)[-1] for rel in parsed["_rels/.rels"]}
    for needed in ("officeDocument", "core-properties", "extended-properties"):
        if needed not in root_types:
            out.append(f"_rels/.rels: no {needed} relationship")
    out += _core_problems(parsed.get("docProps/core.xml"))
    app = parsed.get("docProps/app.xml")
    application = None if app is None else app.find("{*}Application")
    if application is None or not (application.text or "").strip():
        out.append("docProps/app.xml: no Application")
    return out


def _core_problems(core: etree._Element | None) -> list[str]:
    if core is None:
        return ["no docProps/core.xml"]
    out = []
    dcterms, xsi = "http://purl.org/dc/terms/", "http://www.w3.org/2001/XMLSchema-instance"
    for name in ("created", "modified"):
        el = core.find(f"{{{dcterms}}}{name}")
        if el is None or el.get(f"{{{xsi}}}type") != "dcterms:W3CDTF":
            out.append(f"core.xml: dcterms:{name} missing or not typed W3CDTF")
            continue
        try:
            dt.datetime.fromisoformat((el.text or "").replace("Z", "+00:00"))
        except ValueError:
            out.append(f"core.xml: dcterms:{name} {el.text!r} is no date")
    for tag in ("{http://purl.org/dc/elements/1.1/}title", "{http://purl.org/dc/elements/1.1/}creator"):
        if core.find(tag) is None:
            out.append(f"core.xml: no {tag}")
    # Word's 属性 holds one line of at most 255 characters (python-docx refuses more on writing)
    for el in core:
        text = el.text or ""
        if len(text) > 255 or any(ch in text for ch in "\n\r\t"):
            out.append(f"core.xml: {etree.QName(el).localname} is not one line of at most 255 characters")
    created, modified = (core.find(f"{{{dcterms}}}{n}") for n in ("created", "modified"))
    if created is not None and modified is not None and (created.text or "") > (modified.text or ""):
        out.append(f"core.xml: created {created.text} after modified {modified.text}")
    return out
