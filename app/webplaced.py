"""Where a saved web page puts a box, and what of it a browser lets through, as far as either
hides all of its text whatever the layout: placed off the screen (left:-9999px, top:-100vh on a
fixed box, right:9999px, transform:translateX(-100vw)), clipped to nothing (clip:rect(0 0 0 0),
clip-path: inset(0 100% 0 0), polygon(0 0, 0 0), circle(0), xywh(0 0 0 0)) or masked away
(mask-image: a gradient of transparent stops only, or of no size).  app/webcss.py asks these of
each box's cascaded style (calc()/min()/max() already worked out by app/webmath.py).

Each judgement is what holds for any screen and any page around it: a box 50 % clipped, a
mask of an image file, a fixed box pushed half a screen away may show something, so they are
not judged hidden (visible text must not be lost; hostile16)."""

from __future__ import annotations

import re
from collections.abc import Callable

import lxml.html

from app.webmath import quantity
from app.webselect import split_top

# Lengths a browser can place without a layout, in px.  The viewport units are taken at 10 px
# each, a screen of 1000 px: “-100vw” is then OFFSCREEN_PX, a whole screen to the left on
# any screen (no smaller screen shows what is 100vw off, a wider one even less).
_LENGTH = re.compile(r"^(-?(?:\d+\.?\d*|\.\d+))(px|pt|pc|in|cm|mm|q|em|rem|vw|vh|vmin|vmax|%)?$")
_PX = {"px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "q": 96 / 101.6,
       "em": 16.0, "rem": 16.0, "vw": 10.0, "vh": 10.0, "vmin": 10.0, "vmax": 10.0}
OFFSCREEN_PX = -1000  # left/top/text-indent this far out: the -9999px trick, never a layout
# right/bottom push a box the other way: past the far edge of the widest screen only at the
# trick's own 9999px, or a whole viewport (right:100vw)
_FAR_PX = 9999.0


def px(value: str | None) -> float | None:
    """A length in px (a bare number as px, as quirks mode and 0 allow); None for % or not a length."""
    m = _LENGTH.match((value or "").split("!")[0].strip())
    if m is None or m.group(2) == "%":
        return None
    try:
        return float(m.group(1)) * _PX.get(m.group(2) or "px", 1.0)
    except ValueError:
        return None


def reach(value: str | None, sign: int) -> float | None:
    """How far (px, signed) a length goes at least, toward ``sign`` (-1: left or up, +1: right
    or down): the length itself; or of a calc() whose terms all pull that way, the sum of those
    a browser places without a layout — the others (%, em) only take it further (“calc(-100vw
    - 10px)” is at least -1010px; hostile16 left mixed units as written).  None when not known."""
    plain = px(value)
    if plain is not None:
        return plain
    terms = quantity((value or "").split("!")[0])
    if terms is None or any(n * sign < 0 for n in terms.values()) or terms.get("", 0):
        return None
    return sum(n * _PX[u] for u, n in terms.items() if u in _PX)


# Screen widths (px) a page is read on — a narrow phone, the 1000 of the units above, a 4K
# screen — to judge a calc() whose terms pull both ways (``away``); a box of text is taken to be
# at most a screen wide, and never wider than 1000 px (OFFSCREEN_PX).
_SCREENS = (320.0, 1000.0, 3840.0)
_VIEWPORT = ("vw", "vh", "vmin", "vmax")


def away(value: str | None) -> bool:
    """A left, top, text-indent or translation that puts a box a screen or more to the left or
    up on every screen: the length, or a calc() of lengths (“calc(-200vw + 10px)”, “calc(-9999px
    + 50vw)”), its viewport units a hundredth of each screen of _SCREENS, where the box's right
    edge stays off it.  A term of %, em or a bare number pulling back (“+ 100%”): not known, not
    judged; one pulling further only takes it further (hostile16 judged no calc() of terms
    pulling both ways)."""
    plain = px(value)
    if plain is not None:
        return plain <= OFFSCREEN_PX
    terms = quantity((value or "").split("!")[0])
    if terms is None:
        return False
    fixed, per_screen = 0.0, 0.0  # px, and px per px of screen
    for unit, n in terms.items():
        if unit in _VIEWPORT:
            per_screen += n / 100
        elif unit in _PX:
            if unit not in ("em", "rem"):
                fixed += n * _PX[unit]
            elif n > 0:
                return False  # a font's size back: not known
        elif n > 0:
            return False  # a percentage back: of a box not known
    return all(fixed + per_screen * w <= -min(w, -OFFSCREEN_PX) for w in _SCREENS)


def slides(el: lxml.html.HtmlElement, style: Callable[[lxml.html.HtmlElement], dict[str, str]]) -> int:
    """How many boxes ``el`` lays side by side (0: fewer than two, or stacked) — a flex or grid
    row, or children floated or inline blocks: maybe a carousel's track, which a move to the left
    brings the shown slide into view with (“translate3d(-1000px, 0, 0)” shows the second of
    slides 1000 px wide).  Its move to the left is judged only past its last slide.  Boxes stacked (block children, the
    hiding trick's div of paragraphs) go with the move; so does anything moved up.  ``style(e)``:
    e's cascaded style."""
    own = style(el)
    display, flow = own.get("display", ""), own.get("flex-direction", "") + own.get("grid-auto-flow", "")
    row = (display in ("flex", "inline-flex") and "column" not in flow) or (display.endswith("grid") and "column" in flow)
    boxes = [child for child in el if isinstance(child.tag, str) and child.tag not in ("script", "style", "template")]
    if len(boxes) < 2:
        return 0
    beside = row or own.get("white-space", "") == "nowrap" or all(
        style(b).get("float", "none") in ("left", "right") or style(b).get("display", "").startswith("inline")
        for b in boxes[:2])
    return len(boxes) if beside else 0


def _far_after(value: str | None) -> bool:
    """right/bottom so large the box is past the screen's other side."""
    terms = quantity((value or "").split("!")[0])
    if terms is not None and all(n >= 0 for n in terms.values()) and sum(
            n for u, n in terms.items() if u in ("vw", "vh", "vmin", "vmax")) >= 100:
        return True  # calc(100vw + 10px)
    m = _LENGTH.match((value or "").split("!")[0].strip())
    if m is None:
        return (reach(value, 1) or 0.0) >= _FAR_PX
    if m.group(2) == "%":
        return False
    if (m.group(2) or "") in ("vw", "vh", "vmin", "vmax"):
        return float(m.group(1)) >= 100
    return (px(value) or 0.0) >= _FAR_PX


def offscreen(style: dict[str, str], contained: Callable[[], bool] = lambda: True,
              track: Callable[[], int] = lambda: 0) -> bool:
    """Placed a screen or more off: text-indent:-9999px; an absolute or fixed box with left/top
    of -1000px (-100vw, -100vh) or beyond, or right of 9999px (100vw); a fixed box's bottom as
    far, and an absolute one's where ``contained()`` is false — no box around it is positioned,
    so its bottom is measured from the first screen's, and it goes above the page's top (inside
    a positioned box, that box may be as tall as the page: not judged); translated as far to the
    left or up (translateX(-9999px), translate: 0 -100vh).  calc() of units mixed counts by
    ``away``.  A move to the left of a box where ``track()`` (``slides``) counts its slides is
    judged only past them all (``_past_slides``)."""
    if away(style.get("text-indent")) or _pulled_away(style):
        return True
    position = style.get("position", "").split("!")[0].strip()
    if position in ("absolute", "fixed"):
        if away(style.get("top")) or (away(style.get("left")) and _past_slides(style.get("left"), track())):
            return True
        if _far_after(style.get("right")):
            return True
        if _far_after(style.get("bottom")) and (position == "fixed" or not contained()):
            return True
    across, up = _translated_away(style.get("transform", ""), style.get("translate", ""))
    return up or (bool(across) and _past_slides(across, track()))


def _left(style: dict[str, str], prop: str) -> str | None:
    """The left side's value of ``prop`` (margin, padding), from prop-left or the shorthand (“0 0 0 -9999px”)."""
    if f"{prop}-left" in style:
        return style[f"{prop}-left"]
    parts = style.get(prop, "").split("!")[0].split()
    return parts[{1: 0, 2: 1, 3: 1, 4: 3}[len(parts)]] if 0 < len(parts) <= 4 else None


def _pulled_away(style: dict[str, str]) -> bool:
    """A box pulled a screen to the left by its margin (margin-left:-9999px; with the inline text
    after it on its line), unless its left padding brings its content back (a full-width band's
    “margin-left:-9999px; padding-left:9999px”)."""
    margin = px(_left(style, "margin"))
    if margin is None or margin > OFFSCREEN_PX:
        return False
    padding = px(_left(style, "padding"))
    return (padding is None and _left(style, "padding") is None) or (padding is not None and margin + padding <= OFFSCREEN_PX)


def _past_slides(value: str | None, slides: int) -> bool:
    """A move to the left (a length or calc()) that takes a track of ``slides`` slides, each at
    most a screen wide, past its last on every screen of _SCREENS: translateX(-9999px) on a flex
    row of two spans hides them as it hides a stacked box (rev18 L8); -1366px on Swiper's track
    shows the second slide.  No slides: any move judged by ``away`` is past."""
    if not slides:
        return True
    text = (value or "").split("!")[0].strip()
    m = _LENGTH.match(text)
    terms = {m.group(2) or "px": float(m.group(1))} if m else quantity(text) or {}
    if any(n > 0 and u not in _PX for u, n in terms.items()) or any(u in ("em", "rem") for u in terms):
        return False  # pulled back by a box or a font not known: not judged
    fixed = sum(n * _PX[u] for u, n in terms.items() if u in _PX and u not in _VIEWPORT)
    per_screen = sum(n / 100 for u, n in terms.items() if u in _VIEWPORT)
    return all(fixed + per_screen * w <= -slides * w for w in _SCREENS)


def _translated_away(transform: str, translate: str) -> tuple[str | None, bool]:
    """A translation that moves the box a screen or more to the left (its value; None: none does),
    and whether one moves it up as far."""
    across: list[str] = []
    up: list[str] = []
    for name, args in re.findall(r"(translate(?:x|y|3d)?)\(((?:[^()]|\([^()]*\))*)\)", transform.lower()):
        parts = split_top(args)  # (a calc() inside has its own commas and brackets)
        if name in ("translate", "translate3d", "translatex"):
            across += parts[:1]
        if name in ("translate", "translate3d"):
            up += parts[1:2]
        elif name == "translatey":
            up += parts[:1]
    shifts = re.findall(r"calc\((?:[^()]|\([^()]*\))*\)|[^\s()]+", translate.split("!")[0])[:2]
    return next((s for s in across + shifts[:1] if away(s)), None), any(away(s) for s in up + shifts[1:])


def clipped(style: dict[str, str], height: Callable[[], float | None] = lambda: None) -> bool:
    """Clipped to nothing: clip: rect() of no width or height on an absolutely placed box (the
    .sr-only pattern; ``_rect``); a clip-path of no area — inset() whose opposite sides meet (percentages),
    or whose top and bottom in px take the box's ``height`` (``box_height``: the most it can be,
    None when not known without a layout), a circle or ellipse of radius 0, a polygon whose
    points all lie on one line, rect()/xywh() of no extent, a path() that draws nothing."""
    clip = style.get("clip", "").replace(",", " ")
    m = re.fullmatch(r"rect\(\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*\)", clip.split("!")[0].strip())
    if m and style.get("position", "").split("!")[0].strip() in ("absolute", "fixed") and _rect(" ".join(m.groups())):
        return True
    path = (style.get("clip-path") or style.get("-webkit-clip-path") or "").split("!")[0].strip()
    m = re.fullmatch(r"([a-z]+)\((.*)\)(?:\s+[a-z-]+)?", path, re.S)  # a shape, and a reference box after it
    if m is None:
        return False
    shape, args = m.group(1), m.group(2).strip()
    if shape == "inset":
        return _inset(args, height)
    return _NO_AREA.get(shape, lambda _: False)(args)


def _inset(args: str, height: Callable[[], float | None] = lambda: None) -> bool:
    values = args.split(" round ")[0].split()
    if not 1 <= len(values) <= 4:
        return False
    top, right, bottom, left = (values * 4)[:4] if len(values) == 1 else (
        values[0], values[1], values[0], values[1]) if len(values) == 2 else (
        values[0], values[1], values[2], values[1]) if len(values) == 3 else tuple(values)
    return _percent_sum(top, bottom) or _percent_sum(left, right) or _far_sum(left, right) \
        or _px_take(top, bottom, height)


def _px_take(top: str, bottom: str, height: Callable[[], float | None]) -> bool:
    """Top and bottom insets in px that together take the box's whole height: a browser shrinks
    both to meet (CSS Shapes: opposite offsets over 100 % are scaled down to sum to it), and
    nothing of the box shows — inset(10px 0 20px 0) on a figure of 16 px text.  Less than the
    height leaves a band of it seen (the top or bottom of the glyphs, at least): shown."""
    if not all(_absolute(v) for v in (top, bottom)):
        return False  # an em is the box's own font size, not known here: not judged
    a, b = px(top), px(bottom)
    if a is None or b is None or a + b <= 0:
        return False
    tall = height()
    return tall is not None and a + b >= tall


def _absolute(value: str) -> bool:
    """A length in px, pt, in, cm, mm, Q or pc, or a bare number (0)."""
    m = _LENGTH.match(value.split("!")[0].strip())
    return m is not None and (m.group(2) or "px") in ("px", "pt", "pc", "in", "cm", "mm", "q")


# The tallest a line of text's own box (its font's ascent and descent) is, in em: about 1.45 for
# Noto Sans CJK and Source Han (the tallest of the fonts a Chinese page is shown in; Microsoft
# YaHei 1.32, Arial 1.15, SimSun 1.14), with room to spare.  An inline box is that tall, whatever
# its line-height.
CONTENT_EM = 1.6
# Where a line of text may break: a space, a CJK character, a hyphen or a slash
_BLOCKIFYING = ("flex", "grid", "box")  # (inline-)flex, (inline-)grid, -webkit-(inline-)box: its children are blocks
_BREAKS = re.compile(r"[\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\-/]")


def box_height(el: lxml.html.HtmlElement, style: dict[str, str], font_px: Callable[[], float],
               style_of: Callable[[lxml.html.HtmlElement], dict[str, str]]) -> float | None:
    """The most ``el``'s border box can be tall without a layout, in px: its height in px (not an
    inline box, no min-height), or an inline box on one line (text that cannot wrap, no element
    inside) at CONTENT_EM of its font's size (``font_px``); None otherwise — a padding or a
    border (in any unit), a box placed or floated or a flex or grid item (blockified: as tall as
    its line-height), text that may wrap.  ``style_of(e)``: e's cascaded style."""
    if any(k.startswith(("padding", "border")) for k in style) or "min-height" in style:
        return None
    display = style.get("display", "").split("!")[0].strip()
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    parent = el.getparent()
    if parent is not None and style_of(parent).get("display", "").split("!")[0].strip().endswith(_BLOCKIFYING):
        return None
    if display == "inline" or (not display and tag in _INLINE_TAGS):
        text = (el.text or "").strip()  # one character never wraps, a CJK one either
        placed = style.get("position", "").split("!")[0].strip() in ("absolute", "fixed") or \
            style.get("float", "none").split("!")[0].strip() != "none"
        if placed or len(el) or not text or (len(text) > 1 and _BREAKS.search(text)):
            return None
        return CONTENT_EM * font_px()
    if display.startswith("table") or display == "contents" or (not display and tag in _TABLE_BOXES):
        return None
    return px(style.get("height"))


def _far_sum(left: str, right: str) -> bool:
    """The left and right insets together cut 9999px or more: no box of text is that wide
    (hostile17: only percentages were judged).  Up and down are not: a box around a whole
    report may be that tall."""
    a, b = reach(left, 1), reach(right, 1)
    return a is not None and b is not None and a >= 0 and b >= 0 and a + b >= _FAR_PX


def _percent_sum(a: str, b: str) -> bool:
    """Two insets of one axis that together take 100 % or more of it (0 counts in any unit)."""
    total = 0.0
    for v in (a, b):
        m = _LENGTH.match(v)
        if m is None:
            return False
        n = float(m.group(1))
        if m.group(2) != "%" and n != 0:
            return False
        total += n if m.group(2) == "%" else 0.0
    return total >= 100


def _amount(value: str) -> tuple[float, str] | None:
    """A length or percentage as (number, unit); None when not one."""
    m = _LENGTH.match(value)
    return (float(m.group(1)), m.group(2) or "") if m else None


def _radius_zero(args: str) -> bool:
    return any((a := _amount(r)) is not None and a[0] == 0 for r in args.split(" at ")[0].split())


def _polygon(args: str) -> bool:
    points = [p.split() for p in args.split(",")]
    if points and points[0] and points[0][0] in ("nonzero", "evenodd"):
        points = points[1:]
    if any(len(p) != 2 for p in points):
        return False
    return len(points) < 3 or len({p[0] for p in points}) == 1 or len({p[1] for p in points}) == 1 \
        or _collinear(points)


def _collinear(points: list[list[str]]) -> bool:
    """All points on one line (the polygon has no area), when all are in one unit."""
    amounts = [(_amount(p[0]), _amount(p[1])) for p in points]
    units = {a[1] for pair in amounts for a in pair if a is not None and a[0] != 0}
    if len(units) > 1 or any(a is None for pair in amounts for a in pair):
        return False
    xy = [(x[0], y[0]) for x, y in amounts if x is not None and y is not None]
    (x0, y0), rest = xy[0], xy[1:]
    return all(abs((x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0)) < 1e-9 for (x1, y1) in rest for (x2, y2) in rest)


def _rect(args: str) -> bool:
    """clip: rect() or clip-path: rect() (top right bottom left, from the box's top and left
    edges) of no height or width.  auto is the box's own edge: 0 for top and left, its height or
    width (not known) for bottom and right — rect(auto auto 0 auto) cuts all but nothing."""
    values = args.split(" round ")[0].split()
    if len(values) != 4:
        return False
    top, right, bottom, left = (px(v) if v != "auto" else 0.0 if n in (0, 3) else None for n, v in enumerate(values))
    return (top is not None and bottom is not None and bottom <= top) or \
        (left is not None and right is not None and right <= left)


def _xywh(args: str) -> bool:
    values = args.split(" round ")[0].split()
    return len(values) == 4 and any(px(v) == 0 for v in values[2:])


def _path(args: str) -> bool:
    """A path that only moves (“M0 0”, “M0 0Z”) or is empty: no area to show."""
    m = re.fullmatch(r"""(?:[a-z]+\s*,\s*)?["']([^"']*)["']""", args)
    return m is not None and not re.search(r"[LlHhVvCcSsQqTtAa]", m.group(1))


_NO_AREA: dict[str, Callable[[str], bool]] = {
    "inset": _inset, "circle": _radius_zero, "ellipse": _radius_zero, "polygon": _polygon, "rect": _rect,
    "xywh": _xywh, "path": _path}


def masked(style: dict[str, str]) -> bool:
    """A mask that lets nothing through: every layer of mask-image (or the mask shorthand,
    -webkit- or not) a gradient of transparent stops only, or a mask image of no size.  A
    mask of an image file, or a gradient with any colour in it, shows something: not judged."""
    image = next((style[k] for k in ("mask-image", "-webkit-mask-image", "mask", "-webkit-mask") if style.get(k)), "")
    image = image.split("!")[0].strip()
    if not image or image == "none":
        return False
    size = (style.get("mask-size") or style.get("-webkit-mask-size") or "").split("!")[0].split()
    if size and any(px(v) == 0 or v in ("0%",) for v in size[:2]):
        return True
    layers = split_top(image)
    return bool(layers) and all(_transparent_gradient(layer) for layer in layers)


_SETUP = re.compile(r"^(?:to\s|at\s|from\s|in\s|circle|ellipse|closest-|farthest-|-?[\d.]+(?:deg|turn|rad|grad)\b)")


def _transparent_gradient(layer: str) -> bool:
    m = re.match(r"(?:-webkit-)?(?:repeating-)?(?:linear|radial|conic)-gradient\((.*)\)", layer, re.S)
    if m is None:
        return False
    stops = [s for s in split_top(m.group(1)) if s]
    if stops and _SETUP.match(stops[0]):
        stops = stops[1:]
    colours = []
    for stop in stops:
        call = re.match(r"[a-z-]+\([^()]*\)", stop)  # rgba(0 0 0 / 0) 40%: the colour is the call
        token = call.group(0) if call else stop.split()[0]
        if _LENGTH.match(token):
            continue  # a colour hint (“50%”): no colour
        colours.append(token)
    return bool(colours) and all(transparent(c) for c in colours)


def transparent(value: str | None) -> bool:
    """A colour that paints nothing: transparent, or an alpha of 0 (rgba(…, 0), hsla(…, 0%), #rrggbb00)."""
    v = (value or "").strip().lower().replace(" ", "")
    if v == "transparent":
        return True
    if re.fullmatch(r"#[0-9a-f]{3}0|#[0-9a-f]{6}00", v):
        return True
    m = re.fullmatch(r"(?:rgb|hsl)a?\((.*)\)", (value or "").strip().lower())
    if m is None:
        return False
    alpha = re.split(r"[\s,/]+", m.group(1).strip())
    if len(alpha) < 4:
        return False
    try:
        a = alpha[-1]
        return (float(a[:-1]) / 100 if a.endswith("%") else float(a)) <= 0
    except ValueError:
        return False


_INLINE_TAGS = {"span", "a", "font", "b", "i", "u", "em", "strong", "small", "big", "sub", "sup", "label", "abbr",
                "code", "cite", "q", "s", "strike", "del", "ins", "mark", "time", "var", "bdi", "bdo", "tt"}
_TABLE_BOXES = {"td", "th", "tr", "tbody", "thead", "tfoot", "table", "col", "colgroup", "caption"}


def squeezed(el: lxml.html.HtmlElement, style: dict[str, str]) -> bool:
    """A box of no more than a pixel across or high that cuts off what overflows it (width:0
    or height:1px with overflow:hidden): its text is not seen.  Width and height do not size
    an inline element or a table cell (they grow to the text), so those are not judged."""
    if not any(style.get(k) in ("hidden", "clip") for k in ("overflow", "overflow-x", "overflow-y")):
        return False
    display = style.get("display", "")
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if out_of_flow(style) or style.get("float", "none").split("!")[0].strip() in ("left", "right"):
        display = display if display.startswith("table") else "block"  # a float or positioned box is a block, sized
    if display in ("inline", "contents") or display.startswith("table") \
            or (not display and (tag in _INLINE_TAGS or tag in _TABLE_BOXES)):
        return False
    return any((v := px(style.get(k))) is not None and v <= 1
               for k in ("width", "height", "max-width", "max-height"))


def out_of_flow(style: dict[str, str]) -> bool:
    """Positioned absolute or fixed: drawn elsewhere than where its text stands, taking no room there."""
    return style.get("position", "").split("!")[0].strip() in ("absolute", "fixed")


def moved_far(style: dict[str, str]) -> bool:
    """Positioned relative and moved a screen or more from where it stands (its room left empty there)."""
    if style.get("position", "").split("!")[0].strip() != "relative":
        return False
    return any(away(style.get(k)) for k in ("top", "left")) or any(_far_after(style.get(k)) for k in ("right", "bottom"))


def scaled_away(transform: str | None, scale: str | None = None) -> bool:
    """transform: scale(0), scaleX(0), scaleY(0) or a matrix of no extent; the scale property's 0 (“scale: 1 0”)."""
    t = (transform or "").lower().replace(" ", "") + f"scale({','.join((scale or '1').split())})"
    if re.search(r"scale[xy]?\(0(?:\.0*)?(?:[,)])", t) or re.search(r"scale\([^,()]+,0(?:\.0*)?\)", t):
        return True
    m = re.search(r"matrix\(([^)]*)\)", t)
    if m:
        try:
            a, b, c, d = (float(x) for x in m.group(1).split(",")[:4])
        except ValueError:
            return False
        return a * d - b * c == 0
    return False
