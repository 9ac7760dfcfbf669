"""Which characters of a page a viewer shows.  pdfminer gives every character a page's drawing
draws, seen or not: text drawn in an invisible mode, at no size, outside the page or clipped
away reads like any other, and a figure nobody sees would count (“99” hidden before “37” reads
9937, or a whole page of invisible text is the report).

``install`` puts a device and an interpreter in pdfplumber's place that mark such a character
with why (``unseen`` in pdfplumber's character dict; ``chars_of_page`` leaves it out and counts
it):

- ``invisible``: drawn in text rendering mode 3 (neither filled nor stroked) or 7 (clip only).
  An OCR'd scan's text layer is drawn so over its picture: read where a picture shown (in no
  layer that is off, not fully transparent, not clipped away) holds the middle half of a
  character's box, the picture drawn before or after it — not over a speck of a picture;
- ``transparent``: what paints it (its fill, or its outline in modes 1 and 5; either in 2 and
  6) at an alpha (ExtGState ``ca``, ``CA``) of ``_GONE`` or less.  (White is text.py's: it
  needs what is behind; seen.py gives it the render mode of a stroked glyph, ``render``.)
- ``tiny``: its em ``TINY_PT`` points or less up or across (``0 Tf``, ``0 Tz``, a text or font
  matrix that scales it away), as the .docx reader leaves out text of 2 pt or less;
- ``outside``: its middle outside the page's CropBox or MediaBox: no viewer or printer shows it;
- ``clipped``: its middle outside the clipping path (``W n``; a form's BBox).  The path's
  bounding box stands for it — never smaller than the path, so nothing seen is marked.
  Text rendering modes 4–7 add glyphs to the clip: not followed (nothing is marked for them);
- ``covered``: the middle half of its box under an opaque filled rectangle, picture or thick
  line drawn after it (a white box pasted over an old figure, a black bar over a name, a patch
  of picture, a white line 20 pt wide; a strip across a glyph leaves it read), in the page's
  drawing, a form's or an annotation's appearance (app/pdfread/annotations.py: drawn over the
  page, as viewers do; a Square annotation without one is drawn filled with its /IC).  Only
  rectangles (any other shape's box is larger than it) and pictures upright, painted without
  transparency (ExtGState ``ca`` under 1, a blend mode, a soft mask: a highlighter; a picture's
  own Mask, SMask or stencil: a seal stamped over the 落款), and not a picture of most of the
  page: a scan drawn over its text layer shows that text;
- ``layer``: drawn in an optional-content layer the document's default view has off (``/OC``
  marked content, a form with ``/OC``).  A picture or an annotation in such a layer covers
  nothing.
"""

from __future__ import annotations

import contextlib
import math
from typing import Any

from app.pdfread.bounds import check_time
from app.pdfread.geometry import (
    TINY_PT,
    Rect,
    filled_rect,
    holds_middle,
    meet,
    path_box,
    rect_of,
    stroked_band,
    transformed,
    usable,
    widened,
)
from app.pdfread.inks import NAMES, TINTED
from app.pdfread.objects import OPAQUE, layer_is_off, layers_off, name_of

INVISIBLE_MODES = (3, 7)
OUTLINED_MODES = (1, 2, 5, 6)  # text rendering modes that stroke the glyphs' outlines
TINTS = ("Separation", "DeviceN")  # colour spaces of inks: a colour is how much of each


def tinted(name: object) -> bool:
    """A colour space of inks, as pdfminer names it or as app/pdfread/inks.py renames it."""
    return isinstance(name, str) and (name in TINTS or name in NAMES or name.startswith(TINTED))
_GONE = 0.05  # at most this: nothing is seen (black at 5 % is a grey of 242 on white)
_SCAN_SHARE = 0.5  # a picture over at least this share of the page is a scan of it
_CELL = 16.0  # points: the squares characters are kept in for the covering test
_CHECK_EVERY = 1_000_000  # character-and-rectangle comparisons between looks at the clock
_SIZES_KEPT = 256  # sizes of string remembered on a page (a page of every size cannot grow it)
_installed = False


def install() -> None:
    """Once per process, after ``bounds.install`` (the device extends the counting one)."""
    global _installed
    if _installed:
        return
    import pdfplumber.page as plumber_page
    from pdfminer.pdftypes import dict_value, list_value, resolve1, stream_value
    from pdfminer.psparser import PSLiteral, literal_name
    from pdfminer.utils import mult_matrix

    # pdfminer's: imported with it, when the first PDF is read
    from app.pdfread.annotations import draw_annotations
    from app.pdfread.glyphs import actual_text

    plumber_page.ALL_ATTRS.update(("unseen", "render"))  # carried into the character dicts

    base_render_string = plumber_page.PDFPageAggregatorWithMarkedContent.render_string

    class SeeingDevice(plumber_page.PDFPageAggregatorWithMarkedContent):  # type: ignore[name-defined, misc]
        clip: Rect | None = None  # set by the interpreter; None: nothing clipped
        opaque = True  # the fill is opaque (no transparency set): set by the interpreter
        stroke_opaque = True  # and the stroke
        layer_off = False  # in an optional-content layer that is off: set by the interpreter
        _page_box: Rect | None = None
        _page_in: Rect | None = None  # ``widened(_page_box)``
        clip_in: Rect | None = None  # ``widened(clip)``: set with it
        _under: dict[tuple[int, int], list[Any]]  # characters drawn so far and shown, by where their
        # middle is (``_CELL``-point squares): a rectangle filled later may cover them
        _fresh: list[Any]  # those drawn since the last box was filled, not yet in ``_under``
        fill_gone = False  # set by the interpreter: fills, outlines so transparent nothing is seen
        stroke_gone = False
        _tiny: dict[Any, bool]  # whether strings of a size (matrix, font, size, scaling) are tiny
        _work = 0
        _layer: list[Any]  # characters drawn invisible on the page and inside its clip: a scan's text layer?
        _pictures: list[Rect]  # what of each picture drawn is shown (in no layer off, not transparent, not clipped)

        def begin_page(self, page: Any, ctm: Any) -> None:
            super().begin_page(page, ctm)
            self._under = {}
            self._fresh = []
            self._tiny = {}
            self._layer = []
            self._pictures = []
            try:
                media = transformed(ctm, rect_of(page.mediabox))
                crop = meet(media, transformed(ctm, rect_of(page.cropbox)))
            except (ValueError, TypeError):
                return  # a box that is not four numbers: pdfplumber refuses the page first
            # a CropBox of no area, or off the page, is not taken (pdfium shows the MediaBox)
            self._page_box = crop if crop[2] > crop[0] and crop[3] > crop[1] else media
            self._page_in = widened(self._page_box)

        def paint_path(self, gstate: Any, stroke: bool, fill: bool, evenodd: bool, path: Any) -> None:
            drawn: list[Any] = self.cur_item._objs
            start = len(drawn)
            super().paint_path(gstate, stroke, fill, evenodd, path)
            if fill and tinted(gstate.ncs.name):  # a spot colour's fill: its tint is ink, not gray (text.py)
                for item in drawn[start:]:
                    item.ncs = gstate.ncs
            if fill and (self._under or self._fresh):
                box = filled_rect(path, self.ctm)
                if box is not None:
                    self.cover(box, self.opaque)
            if stroke and (self._under or self._fresh) and not (gstate.dash and gstate.dash[0]):
                band = stroked_band(path, self.ctm, gstate.linewidth)
                if band is not None:  # a line drawn thick over a figure (dashed: its gaps show it)
                    self.cover(band, self.stroke_opaque)

        def end_page(self, page: Any) -> None:
            self._read_layer()
            super().end_page(page)

        def render_image(self, name: str, stream: Any) -> None:
            super().render_image(name, stream)
            figure: Any = self.cur_item  # the picture's unit square, as begin_figure placed it
            if not (self.layer_off or self.fill_gone):
                shown = meet(self.clip, meet(self._page_box, (figure.x0, figure.y0, figure.x1, figure.y1)))
                if shown[2] > shown[0] and shown[3] > shown[1] and all(map(math.isfinite, shown)):
                    self._pictures.append(shown)
            if not (self._under or self._fresh) or not _opaque_picture(stream):
                return
            a, b, c, d, _, _ = figure.matrix
            if (b or c) and (a or d):
                return  # turned at a slant: its box is larger than it
            box = (figure.x0, figure.y0, figure.x1, figure.y1)
            page = self._page_box
            if page is not None:
                seen = meet(page, box)
                if (seen[2] - seen[0]) * (seen[3] - seen[1]) >= _SCAN_SHARE * (page[2] - page[0]) * (page[3] - page[1]):
                    return  # a scanned page: the text under it is its text layer, what the picture shows
            self.cover(box, self.opaque)

        def cover(self, box: Rect, opaque: bool = True) -> None:
            """Mark ``covered`` the characters shown so far whose middle is inside ``box``, a
            rectangle, a picture or a line's band now painted, if ``opaque`` (see the module's
            docstring)."""
            if not opaque or self.layer_off or not (self._under or self._fresh):
                return
            if min(box[2] - box[0], box[3] - box[1]) <= TINY_PT:
                return  # a rule (a table's border) too thin to hide a glyph one can read
            if self.clip is not None and meet(self.clip, box) != box:
                return  # clipped: what is left of it is not known
            if not all(map(math.isfinite, box)):
                return
            _bucket(self._fresh, self._under)  # the characters drawn since the last box
            self._fresh = []
            # covered: the middle half of its box (a strip across a glyph leaves it read)
            self._mark_held(box, self._under, _cells_in(box, self._under), "covered")

        def _mark_held(self, box: Rect, under: dict[tuple[int, int], list[Any]],
                       cells: list[tuple[int, int]], why: str | None) -> None:
            """Give ``why`` as ``unseen`` to the characters of ``under``'s ``cells`` whose box's middle
            half ``box`` holds, and take them out of ``under``."""
            for cell in cells:
                items = under[cell]
                # rectangles times characters: a page made of thousands of each is on the clock
                self._work += len(items)
                if self._work > _CHECK_EVERY:
                    self._work = 0
                    check_time()
                kept = []
                for item in items:
                    if holds_middle(box, item):
                        item.unseen = why
                    else:
                        kept.append(item)
                if kept:
                    under[cell] = kept
                else:
                    del under[cell]

        def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> None:
            # what hides a whole string is the same for each of its characters: judged once, and
            # its characters, all drawn here (pdfminer never runs a Type 3 glyph's drawing),
            # looked at after it in one loop rather than one call each.  Run for every string
            # (Qt draws each glyph as one): the plain case first, the size judged once a size.
            mode = textstate.render
            outlined = 0
            if self.layer_off:
                why: str | None = "layer"
            elif mode or self.fill_gone:
                why, outlined = self._why_painted(mode)
            else:
                why = None
            if why is None:
                key = (textstate.matrix[:4], self.ctm[:4], textstate.font, textstate.fontsize, textstate.scaling)
                tiny = self._tiny.get(key)
                if tiny is None:
                    if len(self._tiny) > _SIZES_KEPT:
                        self._tiny.clear()
                    tiny = self._tiny[key] = self._is_tiny(textstate)
                if tiny:
                    why = "tiny"
            drawn: list[Any] = self.cur_item._objs
            start = len(drawn)
            base_render_string(self, textstate, seq, ncs, graphicstate)
            box, clip, fresh = self._page_in, self.clip_in, self._fresh
            if why is not None:
                for item in drawn[start:]:
                    item.unseen = why
                if why == "invisible":  # read if a picture shown is under it (``_read_layer``)
                    for item in drawn[start:]:
                        x, y = (item.x0 + item.x1) / 2, (item.y0 + item.y1) / 2
                        if ((box is None or (box[0] <= x <= box[2] and box[1] <= y <= box[3]))
                                and (clip is None or (clip[0] <= x <= clip[2] and clip[1] <= y <= clip[3]))):
                            self._layer.append(item)
                return
            for item in drawn[start:]:
                x, y = (item.x0 + item.x1) / 2, (item.y0 + item.y1) / 2
                if box is not None and not (box[0] <= x <= box[2] and box[1] <= y <= box[3]):
                    item.unseen = "outside"
                elif clip is not None and not (clip[0] <= x <= clip[2] and clip[1] <= y <= clip[3]):
                    item.unseen = "clipped"
                else:
                    if outlined:  # its outline's colour shows (text.py: white or not)
                        item.render = outlined
                        if tinted(graphicstate.scs.name):  # pdfminer keeps only the fill's space
                            item.scs = graphicstate.scs
                    fresh.append(item)  # bucketed when a box that may cover it is filled

        def _why_painted(self, mode: int) -> tuple[str | None, int]:
            """Why a string drawn in render ``mode`` is not seen, if it is not; and the mode, if it
            strokes the glyphs' outlines.  A glyph is painted by its fill (modes 0, 2, 4, 6) and
            by its outline (1, 2, 5, 6)."""
            if mode in INVISIBLE_MODES:
                return "invisible", 0
            outlined = mode if mode in OUTLINED_MODES else 0
            filled = mode not in (1, 5)
            if not (filled and not self.fill_gone) and not (outlined and not self.stroke_gone):
                return "transparent", 0
            return None, outlined

        def _is_tiny(self, textstate: Any) -> bool:
            # the string's matrix less its origin: each character's differs only by a move
            a, b, c, d, _, _ = mult_matrix(textstate.matrix, self.ctm)
            font = textstate.font
            # the font's own matrix (a Type 3 font's FontMatrix; 1/1000 for every other font)
            across, up = abs(getattr(font, "hscale", 0.001)) * 1000, abs(getattr(font, "vscale", 0.001)) * 1000
            scaling = textstate.scaling * 0.01
            return abs(textstate.fontsize) * min(across * abs(scaling) * math.hypot(a, b), up * math.hypot(c, d)) <= TINY_PT

        def _read_layer(self) -> None:
            """Read the characters drawn invisible whose box's middle half a picture shown
            holds (an OCR'd scan's text layer says what its picture shows), wherever on the page
            the picture was drawn: not over a picture smaller than they are, one in a layer that
            is off, fully transparent or clipped away — what a viewer shows there is no text."""
            if not (self._layer and self._pictures):
                return
            under: dict[tuple[int, int], list[Any]] = {}
            _bucket(self._layer, under)
            for box in self._pictures:
                if not under:
                    break
                cells = _cells_in(box, under)
                self._work += len(cells)
                self._mark_held(box, under, cells, None)
            self._layer = []

    class SeeingInterpreter(plumber_page.PDFPageInterpreter):  # type: ignore[name-defined, misc]
        clip: Rect | None = None
        opaque = True
        stroke_opaque = True
        fill_gone = False  # fills (ca) or strokes (CA) so transparent that nothing of them is seen
        stroke_gone = False
        # a form's or an annotation's: clip, fill and stroke opaque, fill and stroke gone, layer off
        _inherited: tuple[Rect | None, bool, bool, bool, bool, bool] = (None, True, True, False, False, False)
        # What makes fills and strokes opaque, kept apart as the graphics state keeps them (an
        # ExtGState changes only the entries it names, PDF 32000 8.4.5): fill alpha whole, stroke
        # alpha whole, a blend mode other than Normal, a soft mask — a later /ca 1 leaves a
        # Multiply in force.  A form or an annotation starts from ``_inherited_mix``.
        _mix: tuple[bool, bool, bool, bool] = (True, True, False, False)
        _inherited_mix: tuple[bool, bool, bool, bool] = (True, True, False, False)
        _annotated: Any = None  # the page whose annotations are drawn after its contents
        _form_clip: Rect | None = None
        _form_off = False
        _off: Any = None  # the document's layers that are off (``layers_off``)

        def process_page(self, page: Any) -> None:
            self._off = layers_off(page.doc)
            # any two opposite corners make a box (viewers take [595 842 0 0]); pdfminer's page
            # origin would be the top right corner, every character off the page
            with contextlib.suppress(ValueError, TypeError):
                page.mediabox = usable(rect_of(page.mediabox))
                page.cropbox = rect_of(page.cropbox)
            self._annotated = page
            super().process_page(page)

        def render_contents(self, resources: Any, streams: Any, ctm: Any = (1, 0, 0, 1, 0, 0)) -> None:
            super().render_contents(resources, streams, ctm=ctm)
            page, self._annotated = self._annotated, None
            if page is not None:  # the page's own contents drawn: its annotations are drawn over them
                draw_annotations(self, page, ctm)

        def init_state(self, ctm: Any) -> None:
            super().init_state(ctm)
            (self.clip, self.opaque, self.stroke_opaque, self.fill_gone, self.stroke_gone,
             self._layer_off) = self._inherited
            self._mix = self._inherited_mix
            self._marked: list[bool] = []  # marked-content sequences open: each whether its layer is off
            self._marked_off = 0  # how many of them are (a count: a million open ones cost nothing)
            device: Any = self.device  # the ActualText span open, and how deep (glyphs.py)
            device.actual = None
            device.actual_depth = device.depth = 0
            self._show()

        def _show(self) -> None:
            device: Any = self.device  # ours: told what clips, whether fills are opaque, layers
            device.clip = self.clip
            device.clip_in = None if self.clip is None else widened(self.clip)
            device.opaque, device.stroke_opaque = self.opaque, self.stroke_opaque
            device.fill_gone, device.stroke_gone = self.fill_gone, self.stroke_gone
            device.layer_off = self._layer_off or self._marked_off > 0

        def get_current_state(self) -> Any:
            return (*super().get_current_state(), self.clip, self.opaque, self.stroke_opaque, self.fill_gone,
                    self.stroke_gone, self._mix)

        def set_current_state(self, state: Any) -> None:
            super().set_current_state(state[:3])
            self.clip, self.opaque, self.stroke_opaque, self.fill_gone, self.stroke_gone = (
                state[3:8] if len(state) >= 8 else (None, True, True, False, False))
            self._mix = state[8] if len(state) >= 9 else (True, True, False, False)
            self._show()

        def do_gs(self, name: Any) -> None:
            super().do_gs(name)
            try:
                ext = dict_value(dict_value(self.resources.get("ExtGState"))[literal_name(name)])
            except Exception:  # no such state: nothing changes, as in pdfminer
                return
            ca, blend, mask = resolve1(ext.get("ca")), resolve1(ext.get("BM")), resolve1(ext.get("SMask"))
            stroke_alpha = resolve1(ext.get("CA"))
            fill_whole, stroke_whole, blended, masked = self._mix
            if isinstance(ca, (int, float)):
                fill_whole = ca >= OPAQUE
                self.fill_gone = ca <= _GONE
            if isinstance(stroke_alpha, (int, float)):
                stroke_whole = stroke_alpha >= OPAQUE
                self.stroke_gone = stroke_alpha <= _GONE
            if blend is not None:
                names = blend if isinstance(blend, list) else [blend]
                blended = not all(literal_name(n) in ("Normal", "Compatible") for n in names[:1])
            if mask is not None:
                masked = literal_name(mask) != "None"
            self._mix = (fill_whole, stroke_whole, blended, masked)
            self.opaque = fill_whole and not blended and not masked
            self.stroke_opaque = stroke_whole and not blended and not masked
            self._show()

        def do_BMC(self, tag: Any) -> None:
            super().do_BMC(tag)
            self._marked.append(False)
            actual_text(self.device, None)

        def do_BDC(self, tag: Any, props: Any) -> None:
            super().do_BDC(tag, props)
            off = False
            if isinstance(props, PSLiteral):
                props = dict_value(self.resources.get("Properties") or {}).get(props.name)
            if isinstance(tag, PSLiteral) and tag.name == "OC" and self._off is not None:
                off = layer_is_off(props, self._off)
            self._marked.append(off)
            self._marked_off += off
            actual_text(self.device, props)
            self._show()

        def do_EMC(self) -> None:
            super().do_EMC()
            if self._marked:
                self._marked_off -= self._marked.pop()
                actual_text(self.device, None, end=True)
            self._show()

        def do_W(self) -> None:
            self._clip_to_path()

        def do_W_a(self) -> None:
            self._clip_to_path()

        def _clip_to_path(self) -> None:
            # the clip takes effect after the path's painting operator; no text can come between
            box = path_box(self.curpath, self.ctm)
            if box is not None:
                self.clip = meet(self.clip, box)
                self._show()

        def dup(self) -> Any:
            interp: Any = super().dup()
            interp._off = self._off
            interp._inherited = (self._form_clip if self._form_clip is not None else self.clip, self.opaque,
                                 self.stroke_opaque, self.fill_gone, self.stroke_gone,
                                 self._layer_off or self._marked_off > 0 or self._form_off)
            interp._inherited_mix = self._mix
            return interp

        def do_Do(self, xobjid_arg: Any) -> None:
            self._form_clip, self._form_off = None, False
            try:
                xobj = stream_value(self.xobjmap[literal_name(xobjid_arg)])
                if self._off is not None and xobj.get("OC") is not None:
                    self._form_off = layer_is_off(xobj.get("OC"), self._off)
                bbox = rect_of(list_value(xobj["BBox"]))
                matrix = tuple(list_value(xobj.get("Matrix", (1, 0, 0, 1, 0, 0))))
                if len(matrix) == 6 and all(isinstance(v, (int, float)) for v in matrix):
                    self._form_clip = meet(self.clip, transformed(mult_matrix(matrix, self.ctm), bbox))
            except Exception:  # not a form, or a broken one: pdfminer decides
                pass
            try:
                if self._form_off:  # a picture in a layer that is off covers nothing
                    device: Any = self.device
                    device.layer_off = True
                super().do_Do(xobjid_arg)
            finally:
                self._form_clip, self._form_off = None, False
                self._show()  # the form's interpreter showed its own clip to the shared device

    plumber_page.PDFPageAggregatorWithMarkedContent = SeeingDevice  # type: ignore[misc]
    plumber_page.PDFPageInterpreter = SeeingInterpreter  # type: ignore[misc]
    _installed = True


def _opaque_picture(stream: Any) -> bool:
    """Whether a picture paints every point of its square: not a stencil (ImageMask), nor
    masked (Mask, SMask, a JPEG 2000's own transparency)."""
    from pdfminer.pdftypes import resolve1

    attrs = getattr(stream, "attrs", None)
    if not isinstance(attrs, dict):
        return False
    for key in ("ImageMask", "IM", "Mask", "SMask", "SMaskInData"):
        value = resolve1(attrs.get(key))
        if value is not None and value is not False and value != 0:
            return False
    filters = resolve1(attrs.get("Filter", attrs.get("F")))
    names = filters if isinstance(filters, list) else [filters]
    return not any(name_of(f) in ("JPXDecode",) for f in names)


def _bucket(items: list[Any], under: dict[tuple[int, int], list[Any]]) -> None:
    """Put characters into the ``_CELL``-point squares of ``under`` their box's middle is in (one
    whose box is not finite into none)."""
    for item in items:
        x, y = (item.x0 + item.x1) / 2, (item.y0 + item.y1) / 2
        if math.isfinite(x) and math.isfinite(y):
            under.setdefault((int(x // _CELL), int(y // _CELL)), []).append(item)


def _cells_in(box: Rect, under: dict[tuple[int, int], list[Any]]) -> list[tuple[int, int]]:
    """The squares of ``under`` that ``box`` reaches: each of the box's looked up, or each of
    ``under``'s tried, whichever are fewer."""
    x0, y0, x1, y1 = (int(v // _CELL) for v in box)
    if (x1 - x0 + 1) * (y1 - y0 + 1) <= len(under):
        return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1) if (x, y) in under]
    return [(x, y) for x, y in under if x0 <= x <= x1 and y0 <= y <= y1]
