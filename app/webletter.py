"""A saved web page's ``::first-letter`` rules applied as a browser applies them (hostile15): the
first letter of a block (a paragraph, a cell, a div, an inline-block), with any punctuation
before and after it, is drawn in that rule's style.  “.f::first-letter{font-size:0}” (or
color:#fff) on a cell holding 137 shows 37; it read 137, nothing said.  The letter is put into
a <span> carrying the rule's declarations, so app/webcss.py hides or marks it as any other text.
An inline element has no first letter (the rule does nothing there), nor does a flex or grid box.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import lxml.html

from app.webcascade import cascade
from app.webcss import Css
from app.webselect import FIRST_LETTER

# Elements a browser lays out as blocks by default (the block containers ::first-letter styles).
_BLOCKS = {"p", "div", "td", "th", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article",
           "main", "body", "center", "pre", "dd", "dt", "caption", "form", "address", "header", "footer", "nav",
           "aside", "figure", "figcaption", "fieldset", "legend", "summary", "details"}
_BLOCK_DISPLAYS = {"block", "inline-block", "list-item", "table-cell", "table-caption", "flow-root"}
# What ends the search for a first letter: a line break, a picture, a control before any text.
MAX_LOOK = 200  # places of text looked at for one block's first letter
_STOPS = {"br", "img", "input", "select", "textarea", "button", "svg", "object", "embed", "hr", "table"}


def style_first_letters(root: lxml.html.HtmlElement, css: Css) -> None:
    """Wrap each styled block's first letter in a <span> with its ::first-letter declarations."""
    styled = [(el, rules) for (el, which), rules in css.generated.items() if which == FIRST_LETTER]
    if not styled:
        return
    # Outer blocks first: a block inside another shares its first letter, its own rule over the outer's.
    order = {el: i for i, el in enumerate(root.iter())}
    made: set[lxml.html.HtmlElement] = set()
    for el, rules in sorted(styled, key=lambda pair: order.get(pair[0], -1)):
        if not isinstance(el.tag, str) or el.getparent() is None or not _block(el, css):
            continue
        decls = cascade(rules, None)
        style = "; ".join(f"{k}: {v}" for k, v in decls.items() if k != "content")
        if style:
            _wrap(el, style, made)


def _block(el: lxml.html.HtmlElement, css: Css) -> bool:
    display = (css.style(el).get("display", "") if css.styled(el) else "").split("!")[0].strip()
    return display in _BLOCK_DISPLAYS if display else el.tag.lower() in _BLOCKS


def _wrap(el: lxml.html.HtmlElement, style: str, made: set[lxml.html.HtmlElement]) -> None:
    """The first letter of ``el``'s text (in its own text or any inline element's inside it,
    in document order) put into a styled <span> where it stands (one already ``made`` for a
    block around it: this rule's style added after that one's)."""
    for node, where in _texts(el):
        if node in made and where == "text":
            node.set("style", f"{node.get('style')}; {style}")
            return
        text = (node.text if where == "text" else node.tail) or ""
        if not text.strip():
            continue
        start = len(text) - len(text.lstrip())
        end = start
        while end < len(text) and _punctuation(text[end]):
            end += 1
        end += 1 if end < len(text) else 0  # the letter (or digit) itself
        while end < len(text) and _punctuation(text[end]):
            end += 1
        box = lxml.html.Element("span", style=style)
        box.text, box.tail = text[start:end], text[end:]
        made.add(box)
        if where == "text":
            node.text = text[:start]
            node.insert(0, box)
        else:
            node.tail = text[:start]
            node.addnext(box)
        return


def _texts(el: lxml.html.HtmlElement) -> Iterator[tuple[lxml.html.HtmlElement, str]]:
    """Where ``el``'s text lies, in document order (an element's text, then what is inside it,
    then its tail), up to the first thing that ends the search, at most MAX_LOOK places: a block
    holding nothing but empty wrappers for thousands of levels is not searched to the bottom
    from each of them."""
    yield el, "text"
    stack: list[tuple[lxml.html.HtmlElement, int]] = [(el, 0)]
    looked = 0
    while stack and looked < MAX_LOOK:
        looked += 1
        node, i = stack.pop()
        if i < len(node):
            child = node[i]
            stack.append((node, i + 1))
            if not isinstance(child.tag, str):  # a comment: its tail only
                yield child, "tail"
            elif child.tag.lower() in _STOPS:
                return
            else:
                yield child, "text"
                stack.append((child, 0))
        elif node is not el:
            yield node, "tail"


def _punctuation(c: str) -> bool:
    return unicodedata.category(c).startswith("P")
