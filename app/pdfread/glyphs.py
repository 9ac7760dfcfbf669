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
    from pdfminer.layout import LTChar, LTContainer

    layout = page.layout
    height, mb_x0, mb_top = page.height, page.mediabox[0], page.mediabox[1]
    norm = page.pdf.unicode_norm
    with_containers = page.pdf.laparams is not None
    process = page.process_object
    glyphs: list[Glyph] = []
    objects: dict[str, list[Any]] = {}
    names: dict[Any, Any] = {}

    def walk(items: list[Any]) -> None:
        for obj in items:
            if isinstance(obj, LTChar):
                glyphs.append(_glyph(obj, height, mb_x0, mb_top, norm, names))
                continue
            if isinstance(obj, LTContainer):
                if with_containers:
                    _keep(objects, process(obj))
                walk(obj._objs)
            else:
                _keep(objects, process(obj))

    walk(layout._objs)
    page._objects = objects  # pdfplumber's cache (Page.objects): every object but the characters
    return glyphs


def _keep(objects: dict[str, list[Any]], attr: dict[str, Any]) -> None:
    kind = attr["object_type"]
    if kind != "anno":  # as pdfplumber's parse_objects
        objects.setdefault(kind, []).append(attr)


def _glyph(obj: Any, height: float, mb_x0: float, mb_top: float, norm: Any, names: dict[Any, Any]) -> Glyph:
    attrs = obj.__dict__
    text = obj._text
    if norm is not None:
        from unicodedata import normalize

        text = normalize(norm, text)
    x0, x1 = obj.x0, obj.x1
    if mb_x0 != 0:
        x0, x1 = x0 + mb_x0, x1 + mb_x0
    fontname = obj.fontname
    if isinstance(fontname, bytes):  # as pdfplumber: a name in GBK bytes
        from pdfplumber.page import fix_fontname_bytes

        fontname = fix_fontname_bytes(fontname)
    gs = obj.graphicstate
    scolor, ncolor = gs.scolor, gs.ncolor
    scs = attrs.get("scs")
    return Glyph(
        text, x0, x1, (height - obj.y1) + mb_top, (height - obj.y0) + mb_top, obj.size, fontname,
        obj.matrix, attrs.get("unseen"), attrs.get("render"), _name(obj.ncs.name, names),
        None if scs is None else _name(scs.name, names),
        _as_tuple(ncolor), _as_tuple(scolor))


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

