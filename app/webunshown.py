"""What a browser leaves out of a saved web page by the element's kind or size rather than by a
hidden style (app/webcss.py judges those): a closed <details> shows only its <summary>, a
<dialog> without ``open`` shows nothing, an <svg> (or its <foreignObject>) of no width or
height draws nothing.  And text no reader can see although it is drawn: smaller than
TINY_PX (zoom included), of a colour the eye cannot tell from what is behind it (an opacity or
a colour's alpha blended in), or with the next letter drawn over it.  Also LibreOffice's page header and footer, shown but page furniture.

A statutory table hidden so, before the visible one, was taken for the report's table and the
visible one called its duplicate; a closed <details> in a cell made “▸ 21” read 211.  Each is
left out as display:none is, and said in HIDDEN-TEXT."""

from __future__ import annotations

import colorsys
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import lxml.html

from app.webfields import drop_down, drop_search_bar, field_value, search_box
from app.websvg import loads, no_extent, unpainted

if TYPE_CHECKING:
    from app.webcss import Css

# Text drawn smaller than 4 CSS pixels (3 pt) at the page's 100 % is a smear no reader makes
# out: 6 px is the smallest print anyone uses on purpose (a footnote in a dense table), so
# nothing legible falls below this; 0.1px, 0.01em, 1% are the trick of hiding a digit.
TINY_PX = 4.0
# Two colours within this of each other on every channel (3 % of the range) look the same:
# #fefefe on white is white on white.  Chromatic pairs (yellow on white) differ far more.
SAME_TO_EYE = 8
# Drawn at this alpha or less, any colour comes within SAME_TO_EYE of what is behind it: unseen
# whatever the colours (opacity:0.01, rgba(0,0,0,0.02)), a picture behind included.
FAINT = SAME_TO_EYE / 255

# Blink, WebKit and Gecko draw text in -webkit-text-fill-color where one is set, not in color: a digit
# whose fill is transparent or the background's shows nothing (hostile14), a white color under a black fill is black.
TEXT_FILL = "-webkit-text-fill-color"
_DEFAULT_PX = 16.0  # a browser's medium, the page's 100 %
_KEYWORDS = {"xx-small": 9.0, "x-small": 10.0, "small": 13.0, "medium": 16.0, "large": 18.0, "x-large": 24.0,
             "xx-large": 32.0, "xxx-large": 48.0}
_FONT_SIZE_ATTR = {1: 10.0, 2: 13.0, 3: 16.0, 4: 18.0, 5: 24.0, 6: 32.0, 7: 48.0}  # <font size=N>
_SIZE = re.compile(r"^\s*(-?\d*\.?\d+)\s*(px|pt|em|rem|%|ex|ch|pc|mm|cm|in|q)?\s*$", re.IGNORECASE)
_ABSOLUTE = {"px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0, "q": 96 / 101.6}
_RELATIVE = {"em": 1.0, "%": 0.01, "ex": 0.5, "ch": 0.5}


# Elements whose content no browser draws as text: code, the head, a ruby's annotation (<rt>, and
# <rp> round it for old browsers), and what a browser puts a player, a canvas, a bar or a frame in
# place of — the fallback <video>1</video> holds is never seen, so “<video>1</video>21” shows 21
# (hostile14; it read 121).  Also what SVG and MathML never render in place whatever the CSS: an
# <svg>'s <title> (a tooltip), <desc> and <metadata>, what a clip, a mask, a pattern, a marker, a
# gradient or a filter is made of, a formula's <annotation> (“<svg><title>1</title></svg>37” read
# 137; review15 M4); <defs> and <symbol> too while no <use> on the page may draw them.  Left out
# unsaid, as <noscript> is: the page shows what is read.  (The parser lower-cases SVG's names.)
NEVER_DRAWN = "|".join([f"//{t}" for t in ("script", "style", "noscript", "head", "template", "rt", "rp", "video",
                                           "audio", "canvas", "meter", "progress", "iframe", "noembed", "noframes",
                                           "datalist")]  # a <datalist>'s options: suggestions for an input
                       + [f"//svg//{t}" for t in ("title", "desc", "metadata", "clippath", "mask", "pattern",
                                                  "marker", "lineargradient", "radialgradient", "filter")]
                       + [f"//svg//{t}[not(//use)]" for t in ("defs", "symbol")]
                       + [f"//math//{t}" for t in ("annotation", "annotation-xml")])
# Elements the browser's own style sheet gives display:none, which the author's CSS may undo (as
# a <dialog> without open): a <title> outside the head is never drawn (“<title>1</title>37” read 137).
UA_HIDDEN = frozenset({"title"})


def mark_unshown(root: lxml.html.HtmlElement, css: Css) -> None:
    """Mark with the hidden attribute what the browser does not show by kind or size, for
    app/webcss.drop_hidden to leave out and count as it does any hidden element (a table cell
    so marked is read blank, its row keeping its figures in place)."""
    bars: dict[lxml.html.HtmlElement, bool] = {}  # a search box's parents: wordy or not (app/webfields.py)
    forms: dict[lxml.html.HtmlElement, int] = {}  # a form's text boxes (app/webfields.py), counted once
    # Buttons go after the loop: a box is a search box by its form's 搜索 button, which must be
    # there when the box is judged whether it stands before the box or after it.
    buttons: list[lxml.html.HtmlElement] = []
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag == "details" and el.get("open") is None:
            _fold(el)
        elif tag == "select":
            drop_down(el)
        elif tag == "input":
            if search_box(el, forms):
                drop_search_bar(el, bars)
            else:
                field_value(el, forms)
        elif tag == "button":  # a caption, the page's tool (打印, 搜索), as <input type=button>'s
            buttons.append(el)
        elif (tag == "object" and loads(el, css.base)) \
                or (tag == "dialog" and el.get("open") is None and not _displayed(el, css)) \
                or (tag in UA_HIDDEN and not _displayed(el, css)) \
                or (el.get("popover") is not None and not _displayed(el, css)) \
                or (tag in ("svg", "foreignobject") and no_extent(el, css)) or _overdrawn(el, css) \
                or tag == "mphantom" or (tag == "text" and (_off_canvas(el, css) or unpainted(el, css))):  # MathML's phantom: room, no ink (hostile16)
            el.set("hidden", "")
    for button in buttons:
        if button.getparent() is not None:
            button.drop_tree()


def _fold(details: lxml.html.HtmlElement) -> None:
    """A closed <details> shows its first <summary> only: all else in it (text included) goes
    into one hidden box after the summary."""
    summary = next((c for c in details if isinstance(c.tag, str) and c.tag.lower() == "summary"), None)
    box = lxml.html.Element("div", hidden="")
    box.text = (details.text or "") + (summary.tail or "" if summary is not None else "")
    details.text = None
    if summary is not None:
        summary.tail = None
    for child in list(details):
        if child is not summary:
            box.append(child)  # its tail with it
    details.append(box)


def _displayed(el: lxml.html.HtmlElement, css: Css) -> bool:
    """The author's CSS gives ``el`` a display of its own: it beats the browser's own sheet
    (a <dialog> without open is display:none only there), so <dialog style="display:block"> shows."""
    display = css.style(el).get("display", "") if css.styled(el) else ""
    return display.split("!")[0].strip() not in ("", "none")


_NUMBER = re.compile(r"^\s*(-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?)(?:px)?(?:[\s,]|$)", re.IGNORECASE)


def _user_units(value: str | None, default: float | None) -> float | None:
    """The first number of an SVG coordinate attribute (“12”, “12px”, “1 20 40”: 1); ``default``
    when absent; None when in another unit (%, em: not judged)."""
    if value is None or not value.strip():
        return default
    m = _NUMBER.match(value)
    return float(m.group(1)) if m else None


# What draws an SVG <text> elsewhere than “x, y, then rightwards on the baseline”: not judged
# What draws an SVG <text> elsewhere than “from x, y rightwards on the baseline” (the first
# eight inherited, from around its <svg> too): not judged
_SVG_MOVERS = ("dominant-baseline", "alignment-baseline", "baseline-shift", "writing-mode", "text-orientation",
               "glyph-orientation-vertical", "letter-spacing", "word-spacing", "transform", "translate", "rotate", "scale")
_HEADINGS = {"h1": 2.0, "h2": 1.5, "h3": 1.17, "big": 1.2}  # the browser's own sizes, no sheet needed


def _off_canvas(text: lxml.html.HtmlElement, css: Css) -> bool:
    """An SVG <text> wholly outside its <svg>'s canvas, which clips it (“<svg width=100 height=20>
    <text x=-9999 y=15>1</text></svg>37” shows 37; hostile16: read 137).  Judged only where nothing
    moves it or draws it elsewhere (review17: each read 37 where a browser shows 137): _SVG_MOVERS,
    a positioned <tspan>, textLength, rotate, x or y lists, a canvas sized by CSS; in user units,
    each character at most 1em wide (the largest size the page may give it), a viewport of another
    shape than its viewBox showing that much more: the baseline above the top or an em below the
    bottom, wholly right or left."""
    if text.get("x") is None and text.get("y") is None:
        return False  # placed by nothing written: not judged (a bare <text> is read, as before)
    svg: lxml.html.HtmlElement | None = None
    for a in (text, *text.iterancestors()):  # above the <svg>, only what its text inherits
        tag, style = a.tag.lower(), css.style(a) if css.styled(a) else {}
        movers = _SVG_MOVERS if svg is None and tag != "svg" else _SVG_MOVERS[:8]
        if any(k in style for k in movers) or tag in ("defs", "symbol", "pattern", "marker", "mask", "clippath"):
            return False  # moved, turned, or drawn elsewhere by a <use>
        if svg is None and any(a.get(k) is not None for k in _SVG_MOVERS):
            return False
        if tag == "svg" and svg is None:
            svg = a
            if "width" in style or "height" in style:
                return False  # the canvas is the size CSS gives it
    if svg is None or no_extent(svg, css) or (svg.get("overflow") or (css.style(svg).get("overflow", "") if css.styled(svg) else "")).strip() == "visible":
        return False
    if any(t.get(k) is not None for t in text.iter() if isinstance(t.tag, str)  # a <tspan> placed, stretched, turned
           for k in ("textlength", "rotate", *(() if t is text else ("x", "y", "dx", "dy", "transform")))):
        return False
    w, h = _user_units(svg.get("width"), 300.0), _user_units(svg.get("height"), 150.0)
    box = re.split(r"[\s,]+", (svg.get("viewbox") or "").strip())
    if len(box) == 4:
        try:
            left, top, width, height = (float(v) for v in box)
        except ValueError:
            return False
        if (svg.get("width") is not None and w is None) or (svg.get("height") is not None and h is None):
            return False  # a viewport in % or em: how much of the user space it shows is not known
        if svg.get("width") is not None and svg.get("height") is not None and w and h and width > 0 and height > 0 \
                and not (svg.get("preserveaspectratio") or "").strip().startswith("none"):
            scale = min(w / width, h / height)  # “meet”, the default: the rest of the viewport shows more
            spare_x, spare_y = w / scale - width, h / scale - height
            left, top, width, height = left - spare_x, top - spare_y, width + 2 * spare_x, height + 2 * spare_y
    elif w is None or h is None:
        return False
    else:
        left, top, width, height = 0.0, 0.0, w, h
    size = _largest_font(text, svg, css)
    x, y, dx, dy = (_user_units(text.get(k), 0.0) for k in ("x", "y", "dx", "dy"))
    if x is None or y is None or dx is None or dy is None or not size or \
            any(len(re.split(r"[\s,]+", (text.get(k) or "").strip())) > 1 for k in ("x", "y", "dx", "dy")):
        return False
    x, y = x + dx, y + dy
    extent = len(text.text_content().strip()) * size  # either side of x, whatever its text-anchor
    return y <= top or y >= top + height + size or x - extent >= left + width or x + extent <= left


def _largest_font(text: lxml.html.HtmlElement, svg: lxml.html.HtmlElement, css: Css) -> float | None:
    """The largest size in px ``text`` may be drawn at (its CSS size, a heading around it, an SVG
    font-size up to its <svg>); None when one is not understood, a font shorthand's included."""
    size = font_px(text, css)
    for a in (text, *text.iterancestors()):
        own = _own_size(a, css)
        if (own is not None and _size_px(own) == (None, None)) or (css.styled(a) and "font" in css.style(a)):
            return None
        size *= _HEADINGS.get(a.tag.lower(), 1.0)
    for a in (text, *text.iterancestors()):
        if a.get("font-size") is not None:
            px, factor = _user_units(a.get("font-size"), None), None  # user units, as x and y
            if px is None:
                px, factor = _size_px(a.get("font-size", "").strip().lower())
            if px is None and factor is None:
                return None
            size = max(size, px if px is not None else size * (factor or 1.0))
        if a is svg:
            return size
    return size


def _overdrawn(el: lxml.html.HtmlElement, css: Css) -> bool:
    """Letters pulled back by half their size or more (letter-spacing:-1em on a “1” before 21):
    the next character is drawn over each one, so what shows is not the text (“121” looks a
    smudged 21).  No page spaces its letters so for a layout: CJK pages tighten by a pixel."""
    if not css.styled(el):
        return False
    m = _SIZE.match(css.style(el).get("letter-spacing", "").split("!")[0])
    if m is None or float(m.group(1)) >= 0:
        return False
    number, unit = float(m.group(1)), (m.group(2) or "px").lower()
    if m.group(2) is None:
        return False  # a bare number is no length
    font = font_px(el, css)
    spacing = number * font * _RELATIVE[unit] if unit in ("em", "ex", "ch") else \
        number * _DEFAULT_PX if unit == "rem" else number * _ABSOLUTE.get(unit, 0.0)
    return spacing <= -font / 2


def too_small(el: lxml.html.HtmlElement, css: Css) -> bool:
    """``el`` sets a font size or a zoom that makes its text less than TINY_PX (a relative size
    taken from the sizes around it, the zooms around it multiplied, as a browser does)."""
    own = _own_size(el, css) is not None or _own_factor(el, css, "zoom") is not None
    return own and font_px(el, css) * _product(el, css, "zoom") < TINY_PX


def text_fill(el: lxml.html.HtmlElement, css: Css) -> tuple[lxml.html.HtmlElement, str] | None:
    """The -webkit-text-fill-color ``el``'s text is drawn in, and the element that sets it:
    its own or the nearest around it (the property is inherited); None when none is set or
    the nearest is currentcolor, its initial value (drawn in color).  Each element's answer is
    remembered, so a page nested 2,000 deep is one walk, not one per element (hostile15: a walk
    to the top for each element took 4.9 s on such a page with one rule “div{color:red}”)."""
    chain: list[lxml.html.HtmlElement] = []
    found: tuple[lxml.html.HtmlElement, str] | None = None
    node: lxml.html.HtmlElement | None = el
    while node is not None:
        if node in css.fills:
            found = css.fills[node]
            break
        chain.append(node)
        value = css.style(node).get(TEXT_FILL) if css.styled(node) else None
        if value not in (None, "inherit", ""):
            found = None if value in ("currentcolor", "initial", "unset", "revert") else (node, str(value))
            break
        node = node.getparent()
    for c in chain:
        css.fills[c] = found
    return found


def faint(el: lxml.html.HtmlElement, css: Css, colour: Callable[[str | None], str | None]) -> bool:
    """``el`` sets an opacity or a colour with an alpha, and its text comes out the colour of
    what is behind it: opacities multiply down the page (0.2 inside 0.1 is 0.02), the text's
    colour (its own or inherited, black by default) blended with the backdrop at that alpha.
    ``colour``: app/webcss.colour, a CSS colour as rrggbb."""
    own_opacity = _own_factor(el, css, "opacity") is not None
    if not own_opacity and (not css.styled(el) or alpha(css.style(el).get("color")) >= 1):
        return False
    raw = _text_colour(el, css)
    a = _product(el, css, "opacity") * alpha(raw)
    if a <= FAINT:
        return True
    text = colour(raw) or hsl_colour(raw) or "000000"
    behind = None if css.unknown_backdrop else css.backdrop(el)
    if behind is None:
        return False
    blended = "".join(f"{round(int(behind[i:i + 2], 16) + a * (int(text[i:i + 2], 16) - int(behind[i:i + 2], 16))):02x}"
                      for i in (0, 2, 4))
    return same_to_eye(blended, behind)


def vanishes(el: lxml.html.HtmlElement, css: Css) -> bool:
    """``el`` sets an opacity that, times those around it, draws it FAINT or fainter: nothing
    inside can undo it (an opacity multiplies, a colour inside is blended as faint)."""
    return _own_factor(el, css, "opacity") is not None and _product(el, css, "opacity") <= FAINT


def alpha(value: str | None) -> float:
    """A CSS colour's alpha: rgba()/hsla() (or their / form), #rgba, #rrggbbaa; 1 otherwise."""
    v = (value or "").strip().lower().replace(" ", "")
    if re.fullmatch(r"#[0-9a-f]{4}", v):
        return int(v[4] * 2, 16) / 255
    if re.fullmatch(r"#[0-9a-f]{8}", v):
        return int(v[7:9], 16) / 255
    m = re.fullmatch(r"(?:rgb|hsl)a?\((.*)\)", (value or "").strip().lower())
    parts = re.split(r"[\s,/]+", m.group(1).strip()) if m else []
    if len(parts) < 4:
        return 1.0
    try:
        a = float(parts[3][:-1]) / 100 if parts[3].endswith("%") else float(parts[3])
    except ValueError:
        return 1.0
    return min(max(a, 0.0), 1.0)


def hsl_colour(value: str | None) -> str | None:
    """An hsl()/hsla() colour as rrggbb (app/webcss.colour reads the other forms)."""
    m = re.fullmatch(r"hsla?\(\s*([\d.]+)(?:deg)?[\s,]+([\d.]+)%[\s,]+([\d.]+)%.*\)", (value or "").strip().lower())
    if m is None:
        return None
    h, sat, light = float(m.group(1)) / 360 % 1, min(float(m.group(2)), 100) / 100, min(float(m.group(3)), 100) / 100
    return "".join(f"{round(c * 255):02x}" for c in colorsys.hls_to_rgb(h, light, sat))


def _text_colour(el: lxml.html.HtmlElement, css: Css) -> str | None:
    """The colour ``el``'s text is drawn in, as written: its own or the nearest set around it.
    Each element's is remembered (Css.colours): 2000 nested divs each setting an opacity would
    otherwise walk 2000 ancestors for each."""
    path: list[lxml.html.HtmlElement] = []
    found: str | None = None
    current: lxml.html.HtmlElement | None = el
    while current is not None:  # a loop, not recursion: the nesting may be 2048 deep
        if current in css.colours:
            found = css.colours[current]
            break
        path.append(current)
        current = current.getparent()
    for node in reversed(path):
        if css.styled(node) and css.style(node).get("color"):
            found = css.style(node)["color"]
        elif node.tag == "font" and node.get("color"):
            found = node.get("color")
        css.colours[node] = found
    return found


def _own_factor(el: lxml.html.HtmlElement, css: Css, prop: str) -> float | None:
    """``el``'s own opacity or zoom as a factor (0.5, 50 %); None when it sets none or one a
    browser ignores.  A zoom of 0 is ignored too: WebKit and Blink keep 100 % for it."""
    if not css.styled(el):
        return None
    m = _SIZE.match(css.style(el).get(prop, "").split("!")[0])
    if m is None or (m.group(2) or "%") != "%" or float(m.group(1)) < 0:
        return None
    factor = float(m.group(1)) / (100 if m.group(2) else 1)
    if prop == "zoom":
        return factor or None
    return min(factor, 1.0)


def _product(el: lxml.html.HtmlElement, css: Css, prop: str) -> float:
    """``el``'s opacity or zoom times those of all around it (each element's remembered in
    Css.factors: a page may nest thousands deep)."""
    known = css.factors.setdefault(prop, {})
    path: list[lxml.html.HtmlElement] = []
    product = 1.0
    current: lxml.html.HtmlElement | None = el
    while current is not None:
        if current in known:
            product = known[current]
            break
        path.append(current)
        current = current.getparent()
    for node in reversed(path):
        product *= _own_factor(node, css, prop) or 1.0
        known[node] = product
    return product


def font_px(el: lxml.html.HtmlElement, css: Css) -> float:
    """The size in px of ``el``'s text.  Each element's size is remembered (Css.font_px): a
    page nesting 2000 spans of 1em would otherwise walk 2000 ancestors for each."""
    path: list[lxml.html.HtmlElement] = []
    size = _DEFAULT_PX
    current: lxml.html.HtmlElement | None = el
    while current is not None:  # a loop, not recursion: the nesting may be 2048 deep
        known = css.font_px.get(current)
        if known is not None:
            size = known
            break
        path.append(current)
        current = current.getparent()
    for node in reversed(path):
        own = _own_size(node, css)
        if own is not None:  # a value not understood is ignored, as a browser does
            px, relative = _size_px(own)
            size = px if px is not None else size * relative if relative is not None else size
        css.font_px[node] = size
    return size


def _own_size(el: lxml.html.HtmlElement, css: Css) -> str | None:
    if css.styled(el):
        size = css.style(el).get("font-size")
        if size:
            return size.strip().lower()
    if el.tag == "font" and el.get("size"):
        return "font:" + el.get("size", "")
    return None


def _size_px(value: str) -> tuple[float | None, float | None]:
    """(absolute px, None) or (None, factor of the parent's size) or (None, None) when not understood."""
    if value.startswith("font:"):  # <font size=N>, +N/-N relative to 3
        raw = value[5:].strip()
        try:
            n = int(raw) + (3 if raw[:1] in "+-" else 0)
        except ValueError:
            return None, None
        return _FONT_SIZE_ATTR[min(max(n, 1), 7)], None
    if value in _KEYWORDS:
        return _KEYWORDS[value], None
    if value == "smaller":
        return None, 1 / 1.2
    if value == "larger":
        return None, 1.2
    m = _SIZE.match(value.split("!")[0])
    if m is None:
        return None, None
    number, unit = float(m.group(1)), (m.group(2) or "px").lower()
    if number < 0:
        return None, None  # invalid: ignored by a browser
    if unit == "rem":
        return number * _DEFAULT_PX, None
    if unit in _RELATIVE:
        return None, number * _RELATIVE[unit]
    if unit == "px" and m.group(2) is None and number != 0:
        return None, None  # a bare number other than 0 is no length
    return number * _ABSOLUTE[unit], None


def same_to_eye(colour: str | None, behind: str | None) -> bool:
    """Two rrggbb colours a reader cannot tell apart (None: not known)."""
    if colour is None or behind is None:
        return False
    return all(abs(int(colour[i:i + 2], 16) - int(behind[i:i + 2], 16)) <= SAME_TO_EYE for i in (0, 2, 4))


# What a page header or footer holds when it is only the page's number: “— 13 —”, “第 3 页 共 10 页”, “Page 3 of 10”.
_PAGE_NUMBER = re.compile(r"[\s\d\-—–_·•|/()（）\[\]第共页码页次ofOFPage]*|[\s\-—–]*[一二三四五六七八九十〇零百]+[\s\-—–]*")


def drop_page_furniture(root: lxml.html.HtmlElement) -> list[str]:
    """LibreOffice writes a document's page header and footer into the page it saves, as
    <div title="header"> first in the body and <div title="footer"> last; Word marks its own
    with mso-element: header or footer: a page number (“— 13 —”) after the 落款 made the date
    no longer the text's end, so every such page had DATE-MISSING.  They are page furniture,
    not the report's text, as the .docx reader never reads a header or footer — only those: a
    <div title="footer"> anywhere else, or in a page LibreOffice did not write, is text the
    browser shows and is read.  One holding a table is left alone: the statutory tables are
    never furniture.  Returns the text of those dropped holding more than a page number, for
    the reader to say (call before <head> is dropped: the generator is named there)."""
    generator = " ".join(m.get("content", "") for m in root.iter("meta") if (m.get("name") or "").lower() == "generator")
    body = next(root.iter("body"), None)
    kids = [k for k in body if isinstance(k.tag, str)] if body is not None else []
    ends = {kids[0], kids[-1]} if kids and ("LibreOffice" in generator or "OpenOffice" in generator) else set()
    said: list[str] = []
    for div in list(root.iter("div")):
        title = (div.get("title") or "").strip().lower()
        mso = re.search(r"mso-element\s*:\s*(header|footer)", div.get("style") or "", re.IGNORECASE)
        if ((title in ("header", "footer") and div in ends) or mso) and next(div.iter("table"), None) is None:
            text = " ".join(div.text_content().split())
            if not _PAGE_NUMBER.fullmatch(text):
                said.append(text)
            div.drop_tree()
    return said
