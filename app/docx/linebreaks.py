"""Lines a converter kept in one paragraph, and page numbers left in the text.

PDF→Word converters (pdf2docx, the engine of many online “PDF转Word” sites) write a text block's
lines as ONE paragraph with manual line breaks: a heading on its second line, the 落款's organ
and date, a page's footer.  Word shows each on a line of its own, and a person reads each as the
heading, the organ or the date it is; so the reader looks at each line as a paragraph of its
own (app/docx/reader.py, before headings, 落款 and date are looked for).  A page number the
conversion left as a paragraph (“— 3 —”, “第3页 共8页”) is page furniture, as the PDF and web
routes have it: not text of the section it stood in."""

from __future__ import annotations

import re

from lxml import etree

from app import limits
from app.docx.blocks import Block, ParaBlock
from app.docx.xmlkids import W

_P, _BR, _CR, _TAB, _TYPE = (f"{{{W}}}{t}" for t in ("p", "br", "cr", "tab", "type"))


def marked_paragraphs(body: etree._Element) -> tuple[set[etree._Element], set[etree._Element]]:
    """The paragraphs of ``body`` holding a manual line break, and those holding a tab: one pass
    over the tree in C (most paragraphs have neither, and their runs need not be parsed to know)."""
    broken: set[etree._Element] = set()
    tabbed: set[etree._Element] = set()
    for el in body.iter(_BR, _CR, _TAB):
        if el.tag != _TAB and el.get(_TYPE) in ("page", "column"):
            continue  # a page break ends no line of the text
        p = next(el.iterancestors(_P), None)
        if p is not None:
            (tabbed if el.tag == _TAB else broken).add(p)
    return broken, tabbed


def split_lines(blocks: list[Block], broken: set[etree._Element]) -> list[Block]:
    """``blocks`` with each paragraph of several lines (manual line breaks; ``broken`` holds
    their elements) as one block a line, blank lines left out, every block numbered afresh; the
    list itself when none has two lines."""
    if not broken or not any(isinstance(b, ParaBlock) and b.element in broken and len(b.paragraphs) > 1 for b in blocks):
        return blocks
    out: list[Block] = []
    for b in blocks:
        lines = [p for p in b.paragraphs if p.text.strip()] if isinstance(b, ParaBlock) and b.element in broken else []
        if len(lines) < 2 or not isinstance(b, ParaBlock):
            b.index = len(out)
            out.append(b)
            continue
        for k, para in enumerate(lines):
            # The first line keeps the block (and the list number Word shows before it, in its
            # first line's runs); the others share its element (its style, its place) with
            # their own text.
            piece = b if k == 0 else ParaBlock(len(out), b.element, b.style, beside=b.beside)
            piece.index = len(out)
            text = b.number + para.text[len(b.label):] if k == 0 else para.text
            piece.__dict__["text"] = text.replace("\t", "")  # as ParaBlock.text reads a paragraph: w:t only
            piece.__dict__["paragraphs"] = [para]
            out.append(piece)
        # Each line is a paragraph to every later pass: the body's cap counts lines too (a
        # paragraph of 300,000 breaks was 300,000 paragraphs past it, 10 s and 320 MB).
        limits.check_blocks(len(out))
    limits.check_blocks(len(out))
    return out


# A page number left as a paragraph: “— 3 —”, “- 3 -”, “-3-”, “第 3 页”, “第3页 共8页”, “共8页 第3页”.
# A bare “3” is not taken: it may be a figure or a list's line.
_DASH = "-—–－―~～_"
_PAGE_NUMBER = re.compile(
    rf"[{_DASH}]+\s*\d{{1,4}}\s*[{_DASH}]+"
    r"|第\s*\d{1,4}\s*页(?:[\s,，/、]*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页[\s,，/、]*第\s*\d{1,4}\s*页")
_LONGEST = 20  # characters a page number's line has at most


def page_numbers(blocks: list[Block]) -> set[int]:
    """The indexes of the paragraphs that are a page number and nothing else."""
    return {b.index for b in blocks if isinstance(b, ParaBlock) and len(text := b.text) <= _LONGEST
            and text.strip() and text.lstrip()[0] in _STARTS and _PAGE_NUMBER.fullmatch(text.strip())}


_STARTS = frozenset(_DASH + "第共")
