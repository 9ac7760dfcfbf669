"""Child look-ups every .docx reader makes per paragraph, run and cell: the first child with a
tag, the first of every tag, a child's ``w:val``. A plain loop over the children, not
``el.find(tag)``: find goes through lxml's Python-level path engine, several times slower.
A leaf module (lxml only), so that every reader module can use it."""

from __future__ import annotations

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
VAL = f"{{{W}}}val"


def first_child(el: etree._Element | None, tag: str) -> etree._Element | None:
    """The first child of ``el`` with this tag; None when there is none or ``el`` is None."""
    if el is not None:
        for c in el:
            if c.tag == tag:
                return c
    return None


def first_children(el: etree._Element) -> dict[object, etree._Element]:
    """The first child of each tag, in one look at the children."""
    first: dict[object, etree._Element] = {}
    for c in el:
        first.setdefault(c.tag, c)
    return first


def child_val(el: etree._Element | None, tag: str) -> str:
    """The ``w:val`` of the first child with this tag (``<w:pStyle w:val="1"/>``), "" when none."""
    c = first_child(el, tag)
    return c.get(VAL, "") if c is not None else ""


_NON_ELEMENTS = (etree.Comment, etree.ProcessingInstruction, etree.Entity)


def fold_non_elements(root: etree._Element) -> etree._Element:
    """``root`` with its comments, processing instructions and entity references taken out of
    the tree, the text around them joined: the readers take an element's text as ``el.text``,
    which stops at the first such node (“正文<!--x-->后文” would read 正文).  An entity reference
    is never resolved (the parser resolves none: an external one would read a file or the
    network): it stays in the text as written, “&xxe;”, visible where it stood.  One pass
    over the tree, in lxml's C tag matching; most parts have none of them."""
    for node in list(root.iter(*_NON_ELEMENTS)):
        parent = node.getparent()
        if parent is None:
            continue
        kept = (node.text or "" if node.tag is etree.Entity else "") + (node.tail or "")
        node.tail = None
        before = node.getprevious()
        if before is not None:
            before.tail = (before.tail or "") + kept
        else:
            parent.text = (parent.text or "") + kept
        parent.remove(node)
    return root


def run_properties(r: etree._Element) -> etree._Element:
    """The run's w:rPr, made as its first child when it has none (properties given it from a
    style are written onto the run itself)."""
    rpr = first_child(r, f"{{{W}}}rPr")
    if rpr is None:
        rpr = etree.Element(f"{{{W}}}rPr")
        r.insert(0, rpr)
    return rpr


def bare_copy(el: etree._Element) -> etree._Element:
    """``el``'s tag and attributes, without its children or text."""
    out = etree.Element(el.tag)
    for k, v in el.attrib.items():
        out.set(k, v)
    return out
