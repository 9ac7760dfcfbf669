"""Bold, italic and underline in a web page's paragraphs, kept as the .docx reader keeps a run's
(app/docx/blocks.py): a saved page's <strong>, <em>, <u> and their CSS (font-weight: bold,
font-style: italic, text-decoration: underline, inline or by the page's rules) were read as
plain text, and a report saved from it lost every emphasis its author set.  The page's rules
are those app/webcss.py follows (a rule setting only font-weight is not among them: CMS
editors and Word's 另存为网页 write <strong>/<b> or a style attribute)."""

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
_WEIGHT = re.compile(r"\d+")

Style = tuple[bool, bool, bool]  # bold, italic, underline
_PLAIN: Style = (False, False, False)


def _own(el: lxml.html.HtmlElement, css: Css, outer: Style) -> Style:
    """The style of ``el``'s own text, given its parent's: its tag's, then its CSS's."""
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    bold, italic, under = outer
    bold = bold or tag in _BOLD_TAGS
    italic = italic or tag in _ITALIC_TAGS
    under = under or tag in _UNDERLINE_TAGS
    if css.styled(el):
        decl = css.style(el)
        weight = decl.get("font-weight", "").strip().lower()
        if weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600):
            bold = True
        elif weight in ("normal", "lighter") or (weight.isdigit() and int(weight) < 600):
            bold = False
        font_style = decl.get("font-style", "").strip().lower()
        if font_style.startswith(("italic", "oblique")):
            italic = True
        elif font_style == "normal":
            italic = False
        # a decoration is drawn through everything inside: a descendant's none does not lift it
        under = under or "underline" in decl.get("text-decoration", "") + decl.get("text-decoration-line", "")
    return bold, italic, under


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
    if not any(s != _PLAIN for s in styles) or whole != el.text_content().replace("\xa0", " "):
        return None
    out: list[list[Run]] = []
    at = 0
    for line in whole.split("\n"):
        stripped = line.strip()
        if stripped:
            start = at + line.index(stripped)
            runs: list[Run] = []
            for k, ch in enumerate(stripped):
                style = styles[start + k]
                if runs and (runs[-1].bold, runs[-1].italic, runs[-1].underline) == style:
                    runs[-1].text += ch
                else:
                    runs.append(Run(ch, *style))
            out.append(runs)
        at += len(line) + 1
    return out
