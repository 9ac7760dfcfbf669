"""What an embedded drawing in a saved web page shows of the text written in it, as a browser
draws it (app/webunshown.py asks): nothing of an <svg> or <foreignObject> of no width or height,
nor of an SVG <text> neither filled nor outlined (fill="none", on it or on the group around it),
nor an <object>'s fallback content when what it embeds is there to show (hostile17)."""

from __future__ import annotations

import mimetypes
import re
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import lxml.html

from app.webplaced import transparent

if TYPE_CHECKING:
    from app.webcss import Css

_SIZE = re.compile(r"^\s*(-?\d*\.?\d+)\s*(px|pt|em|rem|%|ex|ch|pc|mm|cm|in|q)?\s*$", re.IGNORECASE)


# What paints an SVG <text>'s letters: a fill (black unless set) and a stroke (none unless set).
_PAINTS = ("fill", "fill-opacity", "stroke", "stroke-opacity", "stroke-width")


def unpainted(text: lxml.html.HtmlElement, css: Css) -> bool:
    """An SVG <text> whose letters are neither filled nor outlined: fill="none" (or of no
    opacity), on it or on the <g> or <svg> around it (fill is inherited; a CSS rule over the
    attribute), and no stroke — and nothing inside it paints again (hostile17: “<text
    fill="none">1</text>” read 1; a browser draws nothing)."""
    for d in text.iterdescendants():
        if isinstance(d.tag, str) and (any(d.get(k) is not None for k in _PAINTS)
                                       or (css.styled(d) and any(k in css.style(d) for k in _PAINTS))):
            return False
    fill, stroke = (_inherited(text, k, css) for k in ("fill", "stroke"))
    return not _paints(fill or "black", _inherited(text, "fill-opacity", css)) and \
        (not _paints(stroke or "none", _inherited(text, "stroke-opacity", css))
         or _number(_inherited(text, "stroke-width", css)) == 0)


def _inherited(el: lxml.html.HtmlElement, prop: str, css: Css) -> str | None:
    """An inherited SVG property: the nearest setting on ``el`` or around it, its CSS over its attribute."""
    for a in chain((el,), el.iterancestors()):
        if css.styled(a) and prop in css.style(a):
            return css.style(a)[prop].split("!")[0].strip()
        if a.get(prop) is not None:
            return (a.get(prop) or "").strip().lower()
    return None


def _paints(paint: str, opacity: str | None) -> bool:
    return paint != "none" and not transparent(paint) and _number(opacity) != 0


def _number(value: str | None) -> float | None:
    """A plain number or percentage (0.5, 50%) as a number; None when not one."""
    v = (value or "").strip()
    try:
        return float(v[:-1]) / 100 if v.endswith("%") else float(v.removesuffix("px"))
    except ValueError:
        return None


def no_extent(el: lxml.html.HtmlElement, css: Css) -> bool:
    """An <svg> or <foreignObject> whose width or height is 0 (attribute or style): SVG clips
    to its box, so nothing inside is drawn.  A missing size is the default 300×150, drawn.  An
    <svg> the author lets overflow (overflow:visible) draws what is inside beyond its box."""
    style = css.style(el) if css.styled(el) else {}
    if el.tag.lower() == "svg" and (style.get("overflow") or el.get("overflow") or "").split("!")[0].strip() == "visible":
        return False
    return any(zero_length(style.get(k) or el.get(k)) for k in ("width", "height"))


def zero_length(value: str | None) -> bool:
    m = _SIZE.match(value or "")
    return m is not None and float(m.group(1)) == 0


# What a browser shows in an <object> by itself (no plug-in): pictures, pages, PDF.
_SHOWN_TYPES = ("image/", "text/html", "text/plain", "application/xhtml+xml", "application/pdf")


def loads(obj: lxml.html.HtmlElement, base: Path | None) -> bool:
    """An <object> whose data a browser loads and shows, so its content — the fallback for a
    browser that cannot — is not shown (“<object data="表.svg">1</object>37” shows the drawing
    and 37; it read 137): data: of a type shown, or a file beside the saved page (under its
    folder ``base``) that is there.  On the network, missing, or for a plug-in (Flash, Java):
    the fallback shows, and is read."""
    data = (obj.get("data") or "").strip()
    if not data:
        return False
    parts = urlsplit(data)
    kind = (obj.get("type") or "").strip().lower()
    if parts.scheme.lower() == "data":
        kind = kind or parts.path.split(",", 1)[0].split(";", 1)[0].strip().lower()
        return kind.startswith(_SHOWN_TYPES)
    if parts.scheme or parts.netloc or base is None or not parts.path or parts.path.startswith(("/", "\\")):
        return False
    kind = kind or (mimetypes.guess_type(parts.path)[0] or "")
    if not kind.startswith(_SHOWN_TYPES):
        return False
    try:
        path = (base / unquote(parts.path)).resolve()
        return path.is_relative_to(base.resolve()) and path.is_file() and path.stat().st_size > 0
    except (OSError, ValueError):
        return False
