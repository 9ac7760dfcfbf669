"""Paragraph marks deleted with tracked changes, read as accepted: the paragraph joins the next.

Deleting the break between two paragraphs with 修订 on leaves both paragraphs in the file, the
first's mark marked deleted (w:pPr/w:rPr/w:del; w:moveFrom where the paragraph was moved away);
accepted, they are one paragraph with the second's properties (ECMA-376 17.13.5.15).  Read
apart, “10” and “23” on either side of a deleted break were two lines of one cell (1023
refused), and a numbered heading deleted whole still counted in its list: every heading after
it was read one number on (三、 for 二、) and its own number was left in the text before it.

A hidden paragraph mark (w:vanish) is left as it is: Word's style separator is one, and the
heading before it stays a heading of its own (the navigation pane shows it so)."""

from __future__ import annotations

from lxml import etree

from app.docx.xmlkids import W

_P, _PPR, _RPR = (f"{{{W}}}{t}" for t in ("p", "pPr", "rPr"))


def mark_of(el: etree._Element) -> etree._Element | None:
    """The paragraph whose mark the revision ``el`` (a w:del or w:moveFrom) is on, None when it
    marks text (a run's deletion) rather than a paragraph's mark."""
    rpr = el.getparent()
    if rpr is None or rpr.tag != _RPR:
        return None
    ppr = rpr.getparent()
    if ppr is None or ppr.tag != _PPR:
        return None
    p = ppr.getparent()
    return p if p is not None and p.tag == _P else None


def join_marked(paragraphs: list[etree._Element]) -> None:
    """Each of ``paragraphs`` (in document order) joined to the paragraph after it, its content
    put before that one's.  Range marks between the two (bookmarks, comment ranges: empty
    elements) are stepped over; a paragraph with no paragraph after it in its cell, box or body
    (the last of a cell, one before a table) stays as it is — nothing to join it to.  Taken from
    the last: each paragraph's content moves once, however long a run of joined ones."""
    for p in reversed(paragraphs):
        parent = p.getparent()
        if parent is None:
            continue
        nxt = p.getnext()
        while nxt is not None and nxt.tag != _P and len(nxt) == 0:
            nxt = nxt.getnext()
        if nxt is None or nxt.tag != _P:
            continue
        # After its properties, which come first (ECMA-376 17.3.1.22) — not looked for among all
        # its children: a paragraph that has none, joined by a run of thousands of deleted
        # marks, was searched whole at each join (50,000 took minutes).
        first = next(iter(nxt), None)  # not len(): lxml counts every child for it
        at = 1 if first is not None and first.tag == _PPR else 0
        for c in [c for c in p if c.tag != _PPR]:
            nxt.insert(at, c)
            at += 1
        parent.remove(p)
