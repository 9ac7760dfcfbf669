"""A page's characters taken from pdfminer's layout objects as they are, with only what the
reading looks at; every other object (lines, rectangles, curves, pictures) as pdfplumber gives it.

pdfplumber turns each character into a dictionary of some twenty entries, resolving every one
of them again (``resolve_all``) — two thirds of the processor time of a page of text, for a
dozen values the reading uses.  ``of_page`` reads those values off pdfminer's ``LTChar``
directly, as pdfplumber would compute them (page coordinates from the top, colour-space names
decoded, colours as tuples), and hands pdfplumber the page's other objects, made by its own
``process_object``, so its table finder and ``page.rects``, ``page.images``… see what they saw.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class Glyph:
    """One character drawn, as pdfplumber would place it (top-left origin)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # pdfminer's: the glyph's height (width when set vertically)
    fontname: str
    matrix: tuple[float, ...]
    unseen: str | None  # why it is not seen (app/pdfread/seen.py), None if it is
    render: int | None  # the render mode, when it strokes the outline (seen.py)
    ncs: Any  # the fill's colour-space name
    scs: Any  # the outline's, where seen.py gives it (a space of inks); else None
    fill: Any  # the fill's colour (non_stroking_color), a tuple
    stroke: Any  # the outline's (stroking_color), a tuple


def of_page(page: Any) -> list[Glyph]:
    """The page's characters in the order pdfplumber lists them (drawing order, a form's in
    its place); the page's other objects left as its ``objects`` for pdfplumber."""
    from pdfminer.layout import LTChar, LTContainer, LTCurve

    layout = page.layout
    shape = functools.partial(_shape, page)
    height, mb_x0, mb_top = page.height, page.mediabox[0], page.mediabox[1]
    norm = page.pdf.unicode_norm
    with_containers = page.pdf.laparams is not None
    process = page.process_object
    glyphs: list[Glyph] = []
    objects: dict[str, list[Any]] = {}
    names: dict[Any, Any] = {}
    colours: dict[Any, tuple[Any, Any]] = {}  # a string's graphics state (one a string) -> its colours

    # Depth first, a form's objects in its place, by a stack rather than a nested function
    # calling itself: that one's closure held itself, a cycle that kept the page's glyphs and
    # objects (thousands of tuples) alive until the cycle collector came by.
    stack = [iter(layout._objs)]
    while stack:
        for obj in stack[-1]:
            if isinstance(obj, LTChar):  # what pdfplumber's process_object would say of it
                attrs = obj.__dict__
                text = obj._text if norm is None else _normalized(norm, obj._text)
                x0, x1 = obj.x0, obj.x1
                if mb_x0 != 0:
                    x0, x1 = x0 + mb_x0, x1 + mb_x0
                fontname = obj.fontname
                if isinstance(fontname, bytes):  # as pdfplumber: a name in GBK bytes
                    fontname = _fontname(fontname)
                gs = obj.graphicstate
                painted = colours.get(gs)
                if painted is None:
                    painted = colours[gs] = (_as_tuple(gs.ncolor), _as_tuple(gs.scolor))
                scs = attrs.get("scs")
                glyphs.append(Glyph(
                    text, x0, x1, (height - obj.y1) + mb_top, (height - obj.y0) + mb_top, obj.size, fontname,
                    obj.matrix, attrs.get("unseen"), attrs.get("render"), _name(obj.ncs.name, names),
                    None if scs is None else _name(scs.name, names), painted[0], painted[1]))
            elif isinstance(obj, LTCurve):
                _keep(objects, shape(obj))
            elif isinstance(obj, LTContainer):
                if with_containers:
                    _keep(objects, process(obj))
                stack.append(iter(obj._objs))
                break  # its objects next, then the rest of these
            else:
                _keep(objects, process(obj))
        else:
            stack.pop()
    page._objects = objects  # pdfplumber's cache (Page.objects): every object but the characters
    return glyphs


def _shape(page: Any, obj: Any) -> dict[str, Any]:
    """A line, rectangle or curve as pdfplumber's ``process_object`` makes it, without
    resolving again values that are plain numbers: a table whose every border is a filled
    rectangle of its own (Word's “Save as PDF”: four a cell) has a thousand a page, and
    pdfplumber's way took a fifth of the page's reading.  Anything else (a colour that is a
    pattern's name or a reference) goes pdfplumber's own way."""
    attr: dict[str, Any] = {}
    for k, v in obj.__dict__.items():
        if k in _shape_attrs():
            if type(v) is tuple:
                if not all(type(x) in _PLAIN for x in v):
                    return page.process_object(obj)  # type: ignore[no-any-return]
            elif type(v) not in _PLAIN:
                return page.process_object(obj)  # type: ignore[no-any-return]
            attr[k] = v
    attr["object_type"] = _kind(type(obj).__name__)
    attr["page_number"] = page.page_number
    for cs in ("ncs", "scs"):
        if hasattr(obj, cs):
            from pdfplumber.utils import resolve_and_decode

            attr[cs] = resolve_and_decode(getattr(obj, cs).name)
    mb_x0, mb_top = page.mediabox[:2]
    height = page.height
    base = mb_top + height  # pdfplumber's point2coord: (mb_x0 + x, mb_top + height - y)
    try:
        attr["pts"] = [(mb_x0 + x, base - y) for x, y in obj.pts]
        attr["path"] = [(seg[0], (mb_x0 + seg[1][0], base - seg[1][1])) if len(seg) == 2
                        else (seg[0], *[(mb_x0 + x, base - y) for x, y in seg[1:]]) for seg in obj.original_path]
    except (TypeError, ValueError):
        return page.process_object(obj)  # type: ignore[no-any-return]
    attr["dash"] = obj.dashing_style
    if "y0" in attr:
        attr["top"] = (height - attr["y1"]) + mb_top
        attr["bottom"] = (height - attr["y0"]) + mb_top
        attr["doctop"] = page.initial_doctop + attr["top"]
    if "x0" in attr and mb_x0 != 0:
        attr["x0"] = attr["x0"] + mb_x0
        attr["x1"] = attr["x1"] + mb_x0
    return attr


@functools.cache
def _shape_attrs() -> frozenset[str]:
    from pdfplumber.page import ALL_ATTRS

    return frozenset(ALL_ATTRS - {"pts"})  # the points are mapped below, as pdfplumber maps them


_PLAIN = frozenset({int, float, bool, str, type(None)})


@functools.cache
def _kind(name: str) -> str:
    """pdfplumber's object_type: the class's name without “LT”, in lower case (LTRect: rect)."""
    return (name[2:] if name.startswith("LT") else name).lower()


def _keep(objects: dict[str, list[Any]], attr: dict[str, Any]) -> None:
    kind = attr["object_type"]
    if kind != "anno":  # as pdfplumber's parse_objects
        objects.setdefault(kind, []).append(attr)


def _normalized(form: Any, text: str) -> str:
    from unicodedata import normalize

    return normalize(form, text)


def _fontname(name: bytes) -> str:
    from pdfplumber.page import fix_fontname_bytes

    return fix_fontname_bytes(name)


def _as_tuple(color: Any) -> Any:
    """A colour as pdfplumber gives a character's: a tuple, one number made one."""
    return color if isinstance(color, tuple) else (color,)


def _name(name: Any, names: dict[Any, Any]) -> Any:
    """A colour space's name as pdfplumber decodes it (PDFDocEncoding), once a name a page."""
    try:
        return names[name]
    except KeyError:
        from pdfplumber.utils import resolve_and_decode

        out = names[name] = resolve_and_decode(name)
        return out
    except TypeError:  # not hashable
        from pdfplumber.utils import resolve_and_decode

        return resolve_and_decode(name)



_CODES = "_nianbao_codes"  # the font's answers for the codes drawn so far (draw_char)
_CODES_KEPT = 65_536  # codes of one font remembered: a two-byte font has no more


def draw_char(device: Any, matrix: Any, font: Any, fontsize: float, scaling: float, rise: float, cid: int,
              ncs: Any, graphicstate: Any) -> float:
    """What pdfminer's layout device does for a character (``PDFLayoutAnalyzer.render_char``):
    the character (``LTChar``, every attribute as pdfminer's own makes it) added to what is
    being drawn, its advance returned.  What the font says of the code — its text, width and
    vertical displacement, its descent and direction — is asked once a document, kept with the
    font (pdfminer makes one object of a font for all the pages that use it): a page draws the
    same few hundred codes thousands of times, and pdfminer asks again each time."""
    codes = font.__dict__.get(_CODES)
    if codes is None or len(codes) > _CODES_KEPT:
        codes = font.__dict__[_CODES] = {}
    known = codes.get(cid)
    if known is None:
        known = codes[cid] = _decode(device, font, cid)
    text, textwidth, textdisp, vertical, descent = known
    span = device.__dict__.get("actual")
    if span is not None:  # inside an ActualText span: its text stands for all it draws
        text, span[0] = span[0], ""
    # LTChar.__init__ (pdfminer 20260107), the same arithmetic in the same order: the same floats
    adv = textwidth * fontsize * scaling
    if vertical:
        (vx, vy) = textdisp
        vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
        vy = (1000 - vy) * fontsize * 0.001
        x0, y0, x1, y1 = (-vx, vy + rise + adv, -vx + fontsize, vy + rise)
    else:
        down = descent * fontsize
        x0, y0, x1, y1 = (0, down + rise, adv, down + rise + fontsize)
    (a, b, c, d, e, f) = matrix
    # the box's corners through the matrix (pdfminer's apply_matrix_rect): the box round them
    left1, bottom1 = a * x0 + c * y0 + e, b * x0 + d * y0 + f
    right1, bottom2 = a * x1 + c * y0 + e, b * x1 + d * y0 + f
    right2, top1 = a * x1 + c * y1 + e, b * x1 + d * y1 + f
    left2, top2 = a * x0 + c * y1 + e, b * x0 + d * y1 + f
    x0, y0 = min(left1, left2, right1, right2), min(bottom1, bottom2, top1, top2)
    x1, y1 = max(left1, left2, right1, right2), max(bottom1, bottom2, top1, top2)
    if x1 < x0:
        (x0, x1) = (x1, x0)
    if y1 < y0:
        (y0, y1) = (y1, y0)
    item = _new_char()
    item._text = text
    item.matrix = matrix
    item.fontname = font.fontname
    item.ncs = ncs
    item.graphicstate = graphicstate
    item.adv = adv
    item.upright = a * d * scaling > 0 and b * c <= 0
    item.x0, item.y0, item.x1, item.y1 = x0, y0, x1, y1
    item.width, item.height = x1 - x0, y1 - y0
    item.bbox = (x0, y0, x1, y1)
    item.size = item.width if vertical else item.height
    device.cur_item.add(item)
    return adv


def actual_text(device: Any, props: Any, end: bool = False) -> None:
    """A marked-content sequence begun (``props`` its properties) or ``end``ed.  The text of an
    ActualText span (PDF 32000 14.9.4) stands for the glyphs drawn inside it: the writer's word
    for what they show — a character no font has, drawn as an empty box, a tab that drew
    nothing, a glyph two characters share — given to the first glyph, the others none.  The
    outermost span counts (one open inside it is part of what it replaces); a depth, not a
    stack: a million open sequences cost nothing."""
    if end:
        if device.__dict__.get("actual") is not None and device.depth == device.actual_depth:
            device.actual = None
        device.depth = max(0, device.__dict__.get("depth", 0) - 1)
        return
    device.depth = device.__dict__.get("depth", 0) + 1
    if device.__dict__.get("actual") is not None or not isinstance(props, dict):
        return
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    text = resolve1(props.get("ActualText"))
    if isinstance(text, bytes):
        device.actual = [decode_text(text)]
        device.actual_depth = device.depth


def _new_char() -> Any:
    """An LTChar not yet drawn: its attributes are ``draw_char``'s."""
    from pdfminer.layout import LTChar

    global _new_char
    _new_char = functools.partial(LTChar.__new__, LTChar)  # bound once: an import is no free call
    return _new_char()


def _decode(device: Any, font: Any, cid: int) -> tuple[str, float, Any, bool, float]:
    from pdfminer.pdffont import PDFUnicodeNotDefined

    try:
        text = font.to_unichr(cid)
    except PDFUnicodeNotDefined:
        text = device.handle_undefined_char(font, cid)  # "(cid:N)", as pdfminer writes it
    else:
        if not isinstance(text, str):  # as pdfminer's own check: a font that maps to no text
            raise TypeError(f"a character code mapped to {type(text)}")
    return text, font.char_width(cid), font.char_disp(cid), font.is_vertical(), font.get_descent()
