"""A table of contents (目录) before the body: its entries are no headings.

Word's, WPS's and LibreOffice's 目录 lists the headings again, each with its page number
(“一、总体情况⇥1”, or dot leaders “一、总体情况……1”) and, from Word and WPS, a link to the
heading's bookmark (_Toc…).  Read as headings, the entries were the body's first copy and the
real body a second one pasted after it: every section and table went unread.  The entries (and
the 目录 caption above them) are taken out of the text; the headings are the body's."""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from app.docx.blocks import Block, ParaBlock
from app.docx.xmlkids import W

# An entry ends in its page number after a tab or a leader of dots, dashes or spaces.
_LEADER = ".．…·・•-—_ \t\u3000\u00a0"
_CAPTION = re.compile(r"目\s*录")
_HYPERLINK, _ANCHOR = f"{{{W}}}hyperlink", f"{{{W}}}anchor"


def _linked(p: etree._Element) -> bool:
    """A link to a heading's TOC bookmark (“_Toc123”), as Word's and WPS's entries carry."""
    return any(h.get(_ANCHOR, "").startswith("_Toc") for h in p.iter(_HYPERLINK))


def toc_entries(blocks: list[Block], heading: Callable[[str], bool]) -> set[int]:
    """The block indexes of a table of contents: runs of paragraphs that each end in a page
    number (or link to a TOC bookmark), one of them at least an entry for a heading
    (``heading``: whether a text is a section heading), with the 目录 caption just above."""
    found: set[int] = set()
    run: list[tuple[ParaBlock, str]] = []

    def close(before: Block | None) -> None:
        linked = any(_linked(b.element) for b, _ in run)
        if (len(run) >= 2 or linked) and any(heading(entry) for _, entry in run):
            found.update(b.index for b, _ in run)
            if isinstance(before, ParaBlock) and _CAPTION.fullmatch(before.text.strip()):
                found.add(before.index)
        run.clear()

    before: Block | None = None
    for b in blocks:
        if isinstance(b, ParaBlock) and (entry := _entry(b)) is not None:
            run.append((b, entry))
            continue
        if run:
            close(before)
        if not isinstance(b, ParaBlock) or b.text.strip():  # the caption may stand a blank line above
            before = b
    if run:
        close(before)
    return found


def _entry(b: ParaBlock) -> str | None:
    """The text of a TOC entry without its page number; None for a paragraph that is none.
    (Taken apart from the end, not by a regular expression: a hostile paragraph of spaces
    would cost one quadratic time.)"""
    full = "\n".join(p.text for p in b.paragraphs).strip()
    digits = len(full) - len(full.rstrip("0123456789"))
    if 1 <= digits <= 3:
        head = full[:-digits]
        text = head.rstrip(_LEADER)
        leader = head[len(text):]
        if text.strip() and ("\t" in leader or len(leader) >= 2):
            return text.strip()
    return full if full and _linked(b.element) else None
