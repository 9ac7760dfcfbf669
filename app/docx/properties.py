"""A .docx's document properties (docProps/core.xml) that a save keeps from the file it read.

Word's 文件 → 信息 and a file list's 创建时间 show when the document was first made and by whom:
a save in this editor is one more edit of that document, so it keeps the file's created time,
its author (dc:creator) and what its writer put in 属性 → 摘要 (subject, keywords, comments,
category, status), and stamps only the modified time and the last saver.  A report not read from
a .docx (new, a workbook, a web page, a PDF) gets its created time at its first save, and keeps
it from then on (``app.docx.writer`` records what it wrote on the report).

Read forgivingly: a damaged or oversized part, or a date that is no W3CDTF date, is left out
(the save then stamps its own), never an error.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TypedDict

_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_DCTERMS = "{http://purl.org/dc/terms/}"
MAX_BYTES = 256 * 1024  # Word's core.xml is well under a kilobyte: a bigger one is not read
MAX_CHARS = 255  # python-docx refuses a longer property (and Word's 属性 box shows no more)
# The free-text properties kept as the file had them, by python-docx's names.
TEXTS = {
    f"{_DC}subject": "subject",
    f"{_CP}keywords": "keywords",
    f"{_DC}description": "comments",
    f"{_CP}category": "category",
    f"{_CP}contentStatus": "content_status",
    f"{_DC}identifier": "identifier",
    f"{_CP}version": "version",
}
# W3CDTF (the profile of ISO 8601 core.xml uses): a year, a month, a day, a time with a zone.
# Patterns as text, compiled (and cached by re) when first used: not by a start that unpickles
# a report.
_W3CDTF = r"(?a)(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?"
# What XML 1.0 cannot hold (as app.report.UNWRITABLE): a forged property is cleaned, not refused.
_UNWRITABLE = "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"


class FileProperties(TypedDict, total=False):
    """The document properties a save keeps: when and by whom the document was made, its
    revision and its 摘要 texts (``texts``: python-docx attribute name, value).  A plain dict at
    run time: the editor's start unpickles a report holding one and imports nothing for it."""

    created: dt.datetime  # naive, UTC
    creator: str
    last_modified_by: str
    revision: int
    last_printed: dt.datetime
    texts: tuple[tuple[str, str], ...]
    custom: bytes  # docProps/custom.xml (属性 → 自定义: an OA system's 文号, 密级…), as read


def one_line(text: str) -> str:
    """A property's text: what XML cannot hold dropped, line breaks and runs of white space as one
    space (a title or an organ on several lines), at most MAX_CHARS characters."""
    return " ".join(re.sub(_UNWRITABLE, "", text).split())[:MAX_CHARS].rstrip()


def read_properties(xml: bytes, custom: bytes = b"") -> FileProperties | None:
    """The properties of a core.xml part, and the custom properties part ``custom`` when it
    holds any; None when there is nothing worth keeping."""
    kept = _custom(custom)
    if not xml or len(xml) > MAX_BYTES:
        return {"custom": kept} if kept else None
    from lxml import etree  # here: the writer imports this module for its types and one_line

    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(xml, parser)
    except (etree.XMLSyntaxError, ValueError):
        root = None
    if root is None or root.tag != f"{_CP}coreProperties":
        return {"custom": kept} if kept else None
    texts: list[tuple[str, str]] = []
    values: dict[str, str] = {}
    for el in root:
        if not isinstance(el.tag, str) or el.tag in values:
            continue
        text = one_line("".join(el.itertext()))
        values[el.tag] = text
        if el.tag in TEXTS and text:
            texts.append((TEXTS[el.tag], text))
    out: FileProperties = {"creator": values.get(f"{_DC}creator", ""),
                           "last_modified_by": values.get(f"{_CP}lastModifiedBy", ""), "texts": tuple(texts)}
    if (created := w3cdtf(values.get(f"{_DCTERMS}created", ""))) is not None:
        out["created"] = created
    if (printed := w3cdtf(values.get(f"{_CP}lastPrinted", ""))) is not None:
        out["last_printed"] = printed
    revision = values.get(f"{_CP}revision", "")
    if revision.isascii() and revision.isdigit() and 0 < int(revision) < 2**31:
        out["revision"] = int(revision)
    if kept:
        out["custom"] = kept
    return out


CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"


def _custom(xml: bytes) -> bytes:
    """A custom properties part worth writing back: well formed, ours to carry (its root the
    custom properties' one, at least one property), written again by lxml (no DOCTYPE, no
    comments); b"" otherwise."""
    if not xml or len(xml) > MAX_BYTES:
        return b""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True,
                             remove_pis=True)
    try:
        root = etree.fromstring(xml, parser)
    except (etree.XMLSyntaxError, ValueError):
        return b""
    if root.tag != f"{{{CUSTOM_NS}}}Properties" or not any(isinstance(el.tag, str) for el in root):
        return b""
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def w3cdtf(text: str) -> dt.datetime | None:
    """A W3CDTF date or time as a naive UTC datetime; None for anything else (a year before
    1900 or a 13th month is no date a document was made on)."""
    m = re.fullmatch(_W3CDTF, text.strip())
    if m is None:
        return None
    year, month, day, hour, minute, second, zone = m.groups()
    try:
        when = dt.datetime(int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return None
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        try:
            when -= sign * dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
        except OverflowError:  # 9999-12-31T23:59-14:00
            return None
    return when if 1900 <= when.year <= 9999 else None
