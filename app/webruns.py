"""Bold, italic and underline in a web page's paragraphs, kept as the .docx reader keeps a run's
(app/docx/blocks.py): a saved page's <strong>, <em>, <u> and their CSS (font-weight: bold,
font-style: italic, text-decoration: underline, the font shorthand; inline or by the page's
rules — a class's, an id's, a descendant selector's) were read as plain text, and a report saved
from it lost every emphasis its author set.  The page's rules are those app/webcss.py follows,
cascaded as a browser cascades them; a rule whose selector it cannot match sets nothing here
(never guessed from a class's name), and the weight is followed as a number: bolder and lighter
are relative to the weight around them, as a browser takes them."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from app.report import Run
from app.webcss import Css

_BOLD_TAGS = frozenset({"b", "strong"})
_ITALIC_TAGS = frozenset({"i", "em", "cite", "dfn", "var", "address"})
_UNDERLINE_TAGS = frozenset({"u", "ins"})
_STYLE_TAGS = _BOLD_TAGS | _ITALIC_TAGS | _UNDERLINE_TAGS
_WEIGHT = re.compile(r"\d+(?:\.\d+)?")
_NORMAL, _BOLD = 400, 700
_INHERITED = ("inherit", "unset")  # (font-weight and font-style are inherited properties)
_DEFAULT = ("revert", "revert-layer")  # the browser's own: the tag's

Style = tuple[float, bool, bool]  # weight (400 normal, 700 bold), italic, underline
_PLAIN: Style = (_NORMAL, False, False)


def _bolder(weight: float) -> int:
    """CSS Fonts 4's table: bolder than ``weight``."""
    return 400 if weight < 350 else 700 if weight < 550 else 900


def _lighter(weight: float) -> float:
    return weight if weight < 100 else 100 if weight < 550 else 400 if weight < 750 else 700


def _weight(value: str, outer: float, own: float) -> float:
    """font-weight ``value`` (cascaded) given the weight around (``outer``) and the tag's
    (``own``); a value no browser takes leaves the tag's."""
    value = value.split("!")[0].strip()
    if value in ("normal", "initial"):
        return _NORMAL
    if value == "bold":
        return _BOLD
    if value == "bolder":
        return _bolder(outer)
    if value == "lighter":
        return _lighter(outer)
    if value in _INHERITED:
        return outer
    if _WEIGHT.fullmatch(value) and 1 <= float(value) <= 1000:
        return float(value)
    return own


def _own(el: lxml.html.HtmlElement, css: Css, outer: Style) -> Style:
    """The style of ``el``'s own text, given its parent's: its tag's (the browser's own sheet),
    then what the page's CSS sets on it, which overrides the tag's whatever its selector."""
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    weight, italic, under = outer
    tag_weight = _bolder(weight) if tag in _BOLD_TAGS else weight
    tag_italic = italic or tag in _ITALIC_TAGS
    tag_under = tag in _UNDERLINE_TAGS
    if not css.styled(el):
        return tag_weight, tag_italic, under or tag_under
    decl = css.style(el)
    set_weight = decl.get("font-weight", "").strip().lower()
    weight = _weight(set_weight, weight, tag_weight) if set_weight and set_weight not in _DEFAULT else tag_weight
    font_style = decl.get("font-style", "").split("!")[0].strip().lower()
    if font_style.startswith(("italic", "oblique")):
        italic = True
    elif font_style in ("normal", "initial"):
        italic = False
    elif font_style not in _INHERITED:
        italic = tag_italic
    # A decoration is drawn through everything inside: a descendant's none does not lift it; its
    # own none lifts its tag's (<u style="text-decoration:none">).
    line = decl.get("text-decoration-line", decl.get("text-decoration"))
    own_under = tag_under if line is None or line.strip() in _DEFAULT else "underline" in line
    return weight, italic, under or own_under


def _shown(style: Style) -> tuple[bool, bool, bool]:
    """A run's bold, italic and underline: bold from 600 on (semibold and heavier are drawn bold)."""
    return style[0] >= 600, style[1], style[2]


def _around(el: lxml.html.HtmlElement, css: Css, known: dict[lxml.html.HtmlElement, Style]) -> Style:
    """The style ``el`` inherits from its ancestors (a <div style="font-weight:bold"> round
    the paragraph), each ancestor's looked at once for the whole page."""
    chain = []
    up = el.getparent()
    while up is not None and up not in known:
        chain.append(up)
        up = up.getparent()
    style = known.get(up, _PLAIN) if up is not None else _PLAIN
    for anc in reversed(chain):
        style = known[anc] = _own(anc, css, style)
    return style


def styled_lines(el: lxml.html.HtmlElement, css: Css, known: dict[lxml.html.HtmlElement, Style]) -> list[list[Run]] | None:
    """``el``'s lines (as app/webcopy.py's ``_lines`` splits its text, called first) as runs of
    one style each; None when no character of it is bold, italic or underlined."""
    outer = _around(el, css, known)
    if outer == _PLAIN and not css.styled(el) and next(el.iter(*_STYLE_TAGS), None) is None \
            and not any(css.styled(d) for d in el.iterdescendants()):
        return None
    text: list[str] = []
    styles: list[Style] = []
    stack: list[Style] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if event == "start":
            style = _own(node, css, stack[-1] if stack else outer) if isinstance(node.tag, str) else (stack[-1] if stack else outer)
            stack.append(style)
            if isinstance(node.tag, str) and node.text:  # (a comment's text is none of the page's)
                text.append(node.text)
                styles += [style] * len(node.text)
        else:
            stack.pop()
            if node is not el and node.tail:
                text.append(node.tail)
                styles += [stack[-1] if stack else outer] * len(node.tail)
    whole = "".join(text).replace("\xa0", " ")
    shown = [_shown(s) for s in styles]
    if not any(s != (False, False, False) for s in shown) or whole != el.text_content().replace("\xa0", " "):
        return None
    out: list[list[Run]] = []
    at = 0
    for line in whole.split("\n"):
        stripped = line.strip()
        if stripped:
            start = at + line.index(stripped)
            runs: list[Run] = []
            for k, ch in enumerate(stripped):
                style = shown[start + k]
                if runs and (runs[-1].bold, runs[-1].italic, runs[-1].underline) == style:
                    runs[-1].text += ch
                else:
                    runs.append(Run(ch, *style))
            out.append(runs)
        at += len(line) + 1
    return out
