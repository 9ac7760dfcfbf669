"""A table of contents (目录) before the body: its entries are no headings.

Word's, WPS's and LibreOffice's 目录 lists the headings again, each with its page number
(“一、总体情况⇥1”, or dot leaders “一、总体情况……1”) and, from Word and WPS, a link to the
heading's bookmark (_Toc…).  Read as headings, the entries were the body's first copy and the
real body a second one pasted after it: every section and table went unread.  The entries (and
the 目录 caption above them) are taken out of the text; the headings are the body's.

A 目录 typed as plain lines (no page numbers, no links: the six headings listed before the body)
is known by what follows it: each heading it lists comes again later (its sub-headings' lines,
stale or left out of the body, are its lines all the same)."""

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


def toc_entries(blocks: list[Block], heading: Callable[[str], str | None]) -> set[int]:
    """The block indexes of a table of contents before the body's first heading: runs of
    paragraphs that each end in a page number (or link to a TOC bookmark), one of them at least
    an entry for a heading (``heading``: the section a text is the heading of, None for none),
    with the 目录 caption just above; and plain lines that list headings again (``_bare``)."""
    found: set[int] = set()
    run: list[tuple[ParaBlock, str]] = []

    def close(before: Block | None) -> None:
        linked = any(_linked(b.element) for b, _ in run)
        if (len(run) >= 2 or linked) and any(heading(entry) is not None for _, entry in run):
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
        if isinstance(b, ParaBlock) and len(b.text) <= 200 and heading(b.text) is not None:
            break  # the body's first heading: a 目录 stands before the body, lines after it are text
        if not isinstance(b, ParaBlock) or b.text.strip():  # the caption may stand a blank line above
            before = b
    if run:
        close(before)
    return found | _bare(blocks, heading, found) | _table_caption(blocks, heading)


def _table_caption(blocks: list[Block], heading: Callable[[str], str | None]) -> set[int]:
    """The 目录 caption above a 目录 laid out as a table (headings in the first column, page
    numbers in the last): the table is no statutory one and stays unread; its caption, read, was
    a line of the 前言."""
    caption: ParaBlock | None = None
    for b in blocks:
        if isinstance(b, ParaBlock):
            if b.text.strip():
                caption = b if _CAPTION.fullmatch(b.text.strip()) else None
            continue
        rows = b.rows if caption is not None else []
        listed = sum(1 for row in rows[:20] if len(row) >= 2 and row[-1].text.strip().isdigit()
                     and len(row[0].text) <= 200 and heading(row[0].text) is not None)
        if caption is not None and listed >= 2:
            return {caption.index}
        caption = None
    return set()


_ENTRY_LONGEST = 40  # a line of a 目录; longer, or with a full stop, it is text


def _bare(blocks: list[Block], heading: Callable[[str], str | None], taken: set[int]) -> set[int]:
    """A 目录 of plain lines: consecutive short paragraphs (blank ones between them allowed),
    three section headings among them in order (two under a 目录 caption), every one of which
    comes again after them as a heading of the same section.  Its caption goes with it."""
    paras = [b for b in blocks if isinstance(b, ParaBlock) and b.index not in taken]
    keys = {b.index: heading(b.text) if len(b.text) <= 200 else None for b in paras}
    last_key: dict[str, int] = {}  # where each section's heading comes last
    for b in paras:
        if (key := keys[b.index]) is not None:
            last_key[key] = b.index
    found: set[int] = set()
    run: list[tuple[ParaBlock, str | None]] = []
    heads: list[str] = []  # the run's headings, in order
    caption: ParaBlock | None = None  # the 目录 line just above the run

    def close() -> bool:
        """Whether the run closed holds the body's first headings: a 目录 or not, the last
        place one can be (a 目录 stands before the body, once)."""
        end = run[-1][0].index if run else 0
        again = all(last_key[k] > end for k in heads)  # a sub-heading's entry may be stale, or left out
        if len(heads) >= (2 if caption is not None else 3) and again:
            found.update(b.index for b, _ in run)
            if caption is not None:
                found.add(caption.index)
        last = bool(heads)
        run.clear()
        heads.clear()
        return last

    order = "一二三四五六"
    previous: ParaBlock | None = None  # the last paragraph with text
    between = False  # a table since it: the run, and the caption's reach, end there
    for block in blocks:
        if not isinstance(block, ParaBlock):
            between = True
            continue
        b = block
        if b.index in taken:
            continue
        key = keys[b.index]
        text = b.text.strip()
        if not text:
            continue
        head = heads[-1] if heads else None
        entry = len(text) <= _ENTRY_LONGEST and "。" not in text and not _CAPTION.fullmatch(text)
        if (not entry or between or (key is not None and head is not None and order.index(key) < order.index(head))) and close():
            return found
        if key is not None and not entry:
            return found  # a heading of the body (a long one, or a run-in one) before any 目录
        if entry and not run and key is None:
            pass  # a line above the listed headings (“本报告分为六个部分：”) is the 前言's, no entry
        elif entry:
            if not run:
                caption = previous if previous is not None and not between and _CAPTION.fullmatch(previous.text.strip()) else None
            run.append((b, key))
            heads += [key] if key is not None and key != head else []  # （一）概况 under 一、总体情况: its entry
        previous, between = b, False
    close()
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


_INSTR, _SIMPLE, _GALLERY = f"{{{W}}}instrText", f"{{{W}}}fldSimple", f"{{{W}}}docPartGallery"
_SDT = f"{{{W}}}sdt"


def _made_by_word(b: ParaBlock, style: Callable[[ParaBlock], str]) -> bool:
    """An entry Word or WPS made (引用 → 目录): in a TOC field, a 目录 content control, linked to
    its heading's bookmark, or in a TOC style; rebuilt from the headings at any time."""
    el = b.element
    if _linked(el) or style(b).lower().startswith("toc"):
        return True
    if any(" TOC " in f" {(t.text or '').upper()} " for t in el.iter(_INSTR)) \
            or any("TOC" in (s.get(f"{{{W}}}instr") or "").upper() for s in el.iter(_SIMPLE)):
        return True
    for up in el.iterancestors(_SDT):
        if any("contents" in (g.get(f"{{{W}}}val") or "").lower() for g in up.iter(_GALLERY)):
            return True
    return False


def typed_contents(blocks: list[Block], taken: set[int], style: Callable[[ParaBlock], str]) -> str | None:
    """The note for a 目录 typed by hand among the blocks ``taken`` out as one (its lines are
    the author's and are not saved: said, never dropped silently); None where there is none, or
    Word made it (its field rebuilds it from the headings).  ``style``: a paragraph's style name."""
    lines = [b for b in blocks if isinstance(b, ParaBlock) and b.index in taken and b.text.strip()
             and not _CAPTION.fullmatch(b.text.strip())]
    if not lines or any(_made_by_word(b, style) for b in lines):
        return None
    first = _entry(lines[0]) or lines[0].text.strip()
    first = first if len(first) <= 20 else first[:20] + "…"
    return (f"正文之前有一个手工输入的目录（{len(lines)}行，以“{first}”开头），各行重复了各部分的标题，"
            "未作为前言或正文读入，保存时不写出；请核对前言和各部分的开头")


def styled_contents(blocks: list[Block], style: Callable[[ParaBlock], str]) -> set[int]:
    """The paragraphs of a 目录 Word or WPS inserted (引用 → 目录) into one of our files: in the
    TOC styles (toc 1…9, TOC Heading) Word gives every entry, and the 目录 caption just above
    them.  Our writer uses none of these styles, so none of them is report text."""
    found: set[int] = set()
    caption: ParaBlock | None = None
    for b in blocks:
        if not isinstance(b, ParaBlock):
            caption = None
            continue
        if style(b).lower().startswith(("toc", "contents")):
            found.add(b.index)
            if caption is not None:
                found.add(caption.index)
        elif b.text.strip():
            caption = b if _CAPTION.fullmatch(b.text.strip()) else None
    return found


def inserted_contents(blocks: list[Block], taken: set[int], style: Callable[[ParaBlock], str]) -> str | None:
    """The note for a 目录 Word or WPS inserted, taken out: the editor's save writes none, so it
    is gone until inserted again (the advice for a 目录 typed by hand is to insert one this way)."""
    lines = [b for b in blocks if isinstance(b, ParaBlock) and b.index in taken and b.text.strip()
             and not _CAPTION.fullmatch(b.text.strip())]
    if not lines or not any(_made_by_word(b, style) for b in lines):
        return None
    return (f"文件中有一个用 Word/WPS“引用→目录”插入的目录（{len(lines)}行），未作为前言或正文读入；编辑器不写目录，"
            "保存后的文件中没有这个目录；需要目录的，请在编辑器中定稿后，最后在 Word/WPS 中插入")
