"""Text a saved web page shows reversed: a right-to-left override (<bdo dir="rtl">, or
unicode-bidi: bidi-override with direction: rtl) lays every character out right to left, so
2106 shows 6012; the text is reversed here as the browser shows it."""

from __future__ import annotations

from itertools import chain

import lxml.html

from app.webcss import Css
from app.webgenerated import CELLS, cell_of

_BIDI_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "pre", "blockquote")


def reverse_overrides(root: lxml.html.HtmlElement, css: Css) -> list[lxml.html.HtmlElement]:
    """Text under a right-to-left override (<bdo dir="rtl">, unicode-bidi: bidi-override with
    direction: rtl) is shown in reverse: every character is then taken as written right to
    left, so <bdo dir="rtl">2106</bdo> shows 6012.  Reversed here, line by line (each innermost
    block inside it on its own), as the browser shows it.  Returns the overrides in or over
    table cells (for ``Hidden.restyled``)."""
    made: list[lxml.html.HtmlElement] = []
    directions: dict[lxml.html.HtmlElement, str] = {}
    found = [el for el in root.iter() if isinstance(el.tag, str) and _overrides_rtl(el, css, directions)]
    in_cells = cell_of(root) if found else {}
    covered: set[lxml.html.HtmlElement] = set()
    for el in found:  # in document order: an outer override before those inside it
        if el in covered:
            continue  # inside an outer override: reversed with it
        covered.update(el.iter())
        if not el.text_content().strip():
            continue
        inner = [b for b in el.iter(*_BIDI_BLOCKS) if next(b.iterdescendants(*_BIDI_BLOCKS), None) is None]
        for block in inner or [el]:
            _reverse(block)
        if el in in_cells or next(el.iter(*CELLS), None) is not None:
            made.append(el)
    return made


def _overrides_rtl(el: lxml.html.HtmlElement, css: Css, directions: dict[lxml.html.HtmlElement, str]) -> bool:
    style = css.style(el) if css.styled(el) else {}
    bidi = style.get("unicode-bidi", "bidi-override" if el.tag.lower() == "bdo" else "")
    if bidi not in ("bidi-override", "isolate-override"):
        return False
    return _direction(el, css, directions) == "rtl"


def direction(el: lxml.html.HtmlElement, css: Css, known: dict[lxml.html.HtmlElement, str]) -> str:
    return _direction(el, css, known)


def _direction(el: lxml.html.HtmlElement, css: Css, known: dict[lxml.html.HtmlElement, str]) -> str:
    """``el``'s direction: its own (CSS, then the dir attribute) or inherited; the answers
    remembered in ``known`` for it and the ancestors walked (a page may nest thousands deep)."""
    walked: list[lxml.html.HtmlElement] = []
    found = "ltr"
    for a in chain((el,), el.iterancestors()):  # lazily: the answer is often one step up
        if a in known:
            found = known[a]
            break
        walked.append(a)
        own = css.style(a).get("direction") if css.styled(a) else None
        attr = (a.get("dir") or "").lower()
        if own in ("rtl", "ltr") or attr in ("rtl", "ltr"):
            found = own if own in ("rtl", "ltr") else attr
            break
    for a in walked:
        known[a] = found
    return found


def _reverse(el: lxml.html.HtmlElement) -> None:
    """``el``'s text in reverse order, each piece staying in its place among the elements
    (a note mark inside stays an element): the pieces reversed and dealt back in order."""
    slots: list[tuple[lxml.html.HtmlElement, str]] = [(el, "text")]
    stack: list[tuple[lxml.html.HtmlElement, bool]] = [(c, False) for c in reversed(el)]
    while stack:
        node, after = stack.pop()
        if after:
            slots.append((node, "tail"))
            continue
        if isinstance(node.tag, str):
            slots.append((node, "text"))
            stack.append((node, True))
            stack.extend((c, False) for c in reversed(node))
        else:
            slots.append((node, "tail"))  # a comment's own text is no text; what follows it is
    pieces = [(getattr(n, attr) or "")[::-1] for n, attr in reversed(slots)]
    for (node, attr), piece in zip(slots, pieces, strict=True):
        setattr(node, attr, piece or None)
