"""What a PDF page's annotations draw over its text, for what they cover (app/pdfread/seen.py:
``covered``): drawn after the page's contents by seen.py's interpreter, ``interp`` here, as
viewers draw them over the page.  Imported when that interpreter is, with pdfminer."""

from __future__ import annotations

from typing import Any

from pdfminer.layout import LTLayoutContainer
from pdfminer.pdftypes import PDFStream, list_value, resolve1
from pdfminer.utils import mult_matrix

from app.pdfread.bounds import PageLimit, TimeLimit, TokenLimit, check_time
from app.pdfread.geometry import matrix_of, rect_of, transformed
from app.pdfread.inflate import InflateLimit
from app.pdfread.objects import OPAQUE, layer_is_off, name_of

_ANNOTATIONS = 10_000  # annotations of a page drawn at most (each is on the clock)
_HIDDEN, _NO_VIEW = 2, 32  # annotation flags (/F) a viewer does not draw it for


def draw_annotations(interp: Any, page: Any, ctm: Any) -> None:
    """What the page's annotations draw over its text (a white box as a Square annotation,
    a FreeText's background): taken as the page's drawing is, for what it covers only —
    nothing of it is read (pdfminer never read annotations), a character under an opaque
    box of one is ``covered``."""
    device: Any = interp.device
    if not (device._under or device._fresh):
        return  # no character shown yet: nothing to cover
    try:
        annots = list_value(page.annots or [])
    except Exception:  # not a list: no annotations, as in pdfminer
        return
    keep, depth = device.cur_item, len(device._stack)
    try:
        for ref in annots[:_ANNOTATIONS]:
            check_time()
            device.cur_item = LTLayoutContainer((0, 0, 0, 0))  # what they draw, thrown away
            try:
                _draw_annotation(interp, resolve1(ref), ctm)
            except (TimeLimit, PageLimit, TokenLimit, InflateLimit):
                raise  # the page's bounds hold for its annotations too
            except Exception:  # a broken annotation (or a form in it): viewers skip it
                del device._stack[depth:]  # a figure it began and never ended
    finally:
        device.cur_item = keep
        interp._show()


def _draw_annotation(interp: Any, annot: Any, ctm: Any) -> None:
    if not isinstance(annot, dict) or name_of(annot.get("Subtype")) == "Popup":
        return  # a popup is the note window a viewer opens on a click
    flags = resolve1(annot.get("F"))
    if isinstance(flags, int) and flags & (_HIDDEN | _NO_VIEW):
        return
    if interp._off is not None and annot.get("OC") is not None and layer_is_off(annot.get("OC"), interp._off):
        return
    rect = rect_of(list_value(annot["Rect"]))
    alpha = resolve1(annot.get("CA", 1))
    opaque = isinstance(alpha, (int, float)) and alpha >= OPAQUE
    appearance = _appearance(annot)
    if appearance is None:
        # viewers draw a Square without an appearance themselves, filled with its /IC
        inside_colour = resolve1(annot.get("IC"))
        if opaque and name_of(annot.get("Subtype")) == "Square" and isinstance(inside_colour, list) and inside_colour:
            device: Any = interp.device
            device.cover(transformed(ctm, rect))
        return
    bbox = rect_of(list_value(appearance["BBox"]))
    matrix = matrix_of(appearance.get("Matrix", (1, 0, 0, 1, 0, 0)))
    # PDF 32000 12.5.5: the BBox through the Matrix is fitted onto the annotation's Rect
    shown = transformed(matrix, bbox)
    width, height = shown[2] - shown[0], shown[3] - shown[1]
    if width <= 0 or height <= 0:
        return
    sx, sy = (rect[2] - rect[0]) / width, (rect[3] - rect[1]) / height
    fit = (sx, 0, 0, sy, rect[0] - sx * shown[0], rect[1] - sy * shown[1])
    form: Any = interp.dup()
    form._inherited = (transformed(ctm, rect), opaque, opaque, False, False, False)
    form._inherited_mix = (opaque, opaque, False, False)
    resources = resolve1(appearance.get("Resources"))
    form.render_contents(resources if isinstance(resources, dict) else {}, [appearance],
                         ctm=mult_matrix(mult_matrix(matrix, fit), ctm))


def _appearance(annot: dict[str, Any]) -> Any:
    """The annotation's normal appearance (a form: a stream with a BBox), of its state /AS if it
    has several; None if it has none."""
    ap = resolve1(annot.get("AP"))
    normal = resolve1(ap.get("N")) if isinstance(ap, dict) else None
    if isinstance(normal, dict):  # one appearance a state (a check box's on and off)
        normal = resolve1(normal.get(name_of(annot.get("AS")))) if annot.get("AS") is not None else None
    return normal if isinstance(normal, PDFStream) and "BBox" in normal else None
