"""Walking a WordprocessingML tree as Word lays it out, for every reader module: the children
of a body, table or row through the wrappers around them (content controls, custom XML,
alternate content), and the descendants Word shows, leaving out what it does not (the
fallback copy of a text box, deleted and moved-away text of tracked changes)."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from app.docx.xmlkids import W, first_child

TXBX, SDT, SDT_CONTENT, _TR, _TRPR = (f"{{{W}}}{t}" for t in ("txbxContent", "sdt", "sdtContent", "tr", "trPr"))
_P, _TCPR, _CELL_DEL = (f"{{{W}}}{t}" for t in ("p", "tcPr", "cellDel"))
# Word stores each text box twice: the drawing (mc:Choice) and a VML copy for old readers
# (mc:Fallback).  Only the first is read.
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
FALLBACK, CHOICE, ALTERNATE = (f"{{{_MC}}}{t}" for t in ("Fallback", "Choice", "AlternateContent"))
# Tracked changes are read as if accepted: deleted and moved-away text is left out (Word writes
# it as w:delText, but WPS and converters also leave w:t inside w:del / w:moveFrom).
DEL, MOVE_FROM, CUSTOM_XML = (f"{{{W}}}{t}" for t in ("del", "moveFrom", "customXml"))
LEFT_OUT = (FALLBACK, DEL, MOVE_FROM)
_LEFT_OUT_AND_BOXES = (*LEFT_OUT, TXBX)


def _plain(el: etree._Element, boxes: bool = True) -> bool:
    """Nothing under ``el`` is to be left out (nor, unless ``boxes``, a text box read apart)."""
    for x in el.iter(*(LEFT_OUT if boxes else _LEFT_OUT_AND_BOXES)):  # noqa: SIM110 - no generator a call: asked of every paragraph
        if x is not el:
            return False
    return True


def own(el: etree._Element, *tags: str, boxes: bool = False) -> Iterator[etree._Element]:
    """Descendants with these tags, in order, leaving out the fallback copy of text boxes,
    deleted and moved-away text of tracked changes and, unless ``boxes``, the text boxes
    themselves (read as paragraphs of their own)."""
    if _plain(el, boxes):
        yield from el.iter(*tags)  # the common case, at lxml's speed
        return
    stack = [el]
    while stack:
        node = stack.pop()
        if node.tag in tags:
            yield node
        if node.tag in LEFT_OUT or (node.tag == TXBX and not boxes and node is not el):
            continue
        stack.extend(reversed(node))


def unwrapped(parent: etree._Element) -> Iterator[etree._Element]:
    """The children of a body, table or row as Word lays them out: those wrapped in content
    controls (w:sdt), custom XML (w:customXml) or alternate content (its first choice) are
    children too."""
    for el in parent:
        tag = el.tag
        if tag == SDT:
            content = first_child(el, SDT_CONTENT)
            if content is not None:
                yield from unwrapped(content)
        elif tag == CUSTOM_XML:
            yield from unwrapped(el)
        elif tag == ALTERNATE:
            choice = first_child(el, CHOICE)
            if choice is None:
                choice = first_child(el, FALLBACK)
            if choice is not None:
                yield from unwrapped(choice)
        else:
            yield el


def _deleted(tr: etree._Element) -> bool:
    """A row deleted with tracked changes on (gone once accepted)."""
    trpr = first_child(tr, _TRPR)
    return trpr is not None and first_child(trpr, DEL) is not None


def rows_of(tbl: etree._Element) -> Iterator[etree._Element]:
    """The table's own rows (also those wrapped in content controls), not nested tables'."""
    for el in unwrapped(tbl):
        if el.tag == _TR and not _deleted(el):
            yield el


def deleted_paragraphs(tbl: etree._Element) -> set[etree._Element]:
    """The paragraphs of the table's rows and cells deleted with tracked changes (w:trPr/w:del,
    w:tcPr/w:cellDel), which the grid leaves out (``rows_of``, blocks._grid): counted in their
    list, every later “1.”… of the table was read one on (3.其他法律行政法规禁止公开: LABEL-EDITED)."""
    gone: set[etree._Element] = set()
    for mark in tbl.iter(DEL, _CELL_DEL):
        props = mark.getparent()
        if props is not None and props.tag in (_TRPR, _TCPR) and (owner := props.getparent()) is not None:
            gone.update(owner.iter(_P))
    return gone
