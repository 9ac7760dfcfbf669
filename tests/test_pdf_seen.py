"""Text a viewer does not show is not the report (app/pdfread/seen.py, text.py): drawn in an
invisible rendering mode with no picture under it, at no size, outside the page's CropBox or
MediaBox, or clipped away (a clipping path, a form's BBox).  Each way is held against a real
viewer — pdfium, Chrome's, renders the page — and against the reports the tester made (q01: a
whole report in render mode 3; q03: pages cropped to their top half), and a figure hidden so
beside a visible one never changes it (99 before 37 read 9937)."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pypdfium2
import pytest

from app.errors import ReadError
from app.pdfread.text import Unseen
from app.reading import load_report
from app.schema import REQUESTS, T3_NEW
from tests.hostile_pdf import raw_pdf, stream

_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
# A Type 3 font whose FontMatrix is all zero: its “8” is a filled square, drawn at no size.
_TYPE3 = (b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 750 750] /FontMatrix [0 0 0 0 0 0] /CharProcs << /eight 9 0 R >>"
          b" /Encoding << /Type /Encoding /Differences [56 /eight] >> /FirstChar 56 /LastChar 56 /Widths [1000] >>")
# “88” at 40 pt with its baseline at (100, 400): the box it inks, in PDF units from the bottom left
_INK = (100, 398, 150, 432)
_TEXT = b"BT /F1 40 Tf 100 400 Td (88) Tj ET"
_FORM = b"/Type /XObject /Subtype /Form /Resources << /Font << /F1 4 0 R >> >> /BBox "
_LAYERS = b"/OCProperties << /OCGs [6 0 R] /D << /OFF [6 0 R] >> >>"  # layer 6 0 R off


_PICTURE = b"/Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray /BitsPerComponent 8"


def _page(drawing: bytes, page_extra: bytes = b"", form: bytes = b"", picture: bool = False,
          catalog_extra: bytes = b"", annots: tuple[bytes, ...] = ()) -> bytes:
    """One page drawing ``drawing``; ``form`` (“BBox and more|its drawing”) as the form /X; grey
    pictures: /P opaque, /PS with a soft mask that lets nothing of it through, /PK a stencil of
    every other pixel; annotations ``annots`` (“its dictionary|its appearance's BBox and more|its
    drawing”, or no appearance: “its dictionary”).  Its resources: the layer /oc1 (6 0 R, off
    when ``catalog_extra`` is ``_LAYERS``) and a membership dictionary of it /md; fills at 30 %
    (/half), multiplied (/mult), all but invisible (/faint: 2 %) or not at all (/clear), outlines
    and lines not at all (/nostroke) or at 30 % (/halfline); the Type 3 fonts /T3 of no size and /T3s of 1/100,000 of a point."""
    xobjects = []
    objs = [b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"", _FONT, stream(drawing), b"<< /Type /OCG /Name (old) >>", b"<< /Type /OCMD /OCGs [6 0 R] >>", _TYPE3,
            stream(b"1000 0 0 0 750 750 d1 0 0 750 750 re f"),
            _TYPE3.replace(b"/FontMatrix [0 0 0 0 0 0]", b"/FontMatrix [0.00001 0 0 0.00001 0 0]")]
    if form:
        head, body = form.split(b"|", 1)
        objs.append(stream(body, _FORM + head))
        xobjects.append(b"/X %d 0 R" % len(objs))
    if picture:
        objs.append(stream(b"\x80" * 16, _PICTURE))
        xobjects.append(b"/P %d 0 R" % len(objs))
        objs.append(stream(b"\x00" * 16, _PICTURE))
        objs.append(stream(b"\x80" * 16, _PICTURE + b" /SMask %d 0 R" % len(objs)))
        xobjects.append(b"/PS %d 0 R" % len(objs))
        objs.append(stream(b"\xaa\x50" * 2, b"/Type /XObject /Subtype /Image /Width 4 /Height 4 /ImageMask true"))
        xobjects.append(b"/PK %d 0 R" % len(objs))
    refs = []
    for annot in annots:
        head, *appearance = annot.split(b"|")
        if appearance:
            objs.append(stream(appearance[1], b"/Type /XObject /Subtype /Form " + appearance[0]))
            head = head.replace(b">>", b" /AP << /N %d 0 R >> >>" % len(objs))
        objs.append(head)
        refs.append(b"%d 0 R" % len(objs))
    media = b"" if b"/MediaBox" in page_extra else b"/MediaBox [0 0 595 842] "
    objs[2] = (b"<< /Type /Page /Parent 2 0 R " + media + page_extra + b" /Contents 5 0 R /Resources << /Font << /F1 4 0 R"
               b" /T3 8 0 R /T3s 10 0 R >> /XObject << " + b" ".join(xobjects) + b" >> /Properties << /oc1 6 0 R /md 7 0 R >>"
               b" /ExtGState << /half << /ca 0.3 >> /mult << /BM /Multiply >> /faint << /ca 0.02 >> /clear << /ca 0 >> /whole << /ca 1 >>"
               b" /nostroke << /CA 0 >> /halfline << /CA 0.3 >> >> >> /Annots [" + b" ".join(refs) + b"] >>")
    return raw_pdf(objs)


def _shown(data: bytes) -> bool:
    """Whether a viewer shows the “88” so that it can be read: pdfium's renderings of the page
    with it and without it (two spaces in its place) differ where it is drawn, by more than a
    speck (its 40 pt glyphs ink some 600 pixels; at 1 pt, a pixel or two)."""
    changed = sum(abs(a - b) >= 64 for a, b in zip(_pixels(data), _pixels(data.replace(b"(88)", b"(  )")), strict=True))
    return changed > 20


def _held(data: bytes, tmp_path: Path, shown: bool, kind: str = "white") -> None:
    """The reader reads the page's “88” as pdfium shows it: read with nothing left out, or
    both characters left out as ``kind`` (an attribute of Unseen)."""
    assert _shown(data) == shown
    text, unseen = _read(data, tmp_path)
    if shown:
        assert text == "88" and unseen.chars == 0
    else:
        assert "8" not in text and getattr(unseen, kind) == 2 and unseen.chars == 2


def _pixels(data: bytes) -> list[int]:
    """The grey levels pdfium renders where the “88” is drawn, as a viewer shows the page (its
    CropBox, or a Letter page for a MediaBox of no area, as pdfium takes them)."""
    doc = pypdfium2.PdfDocument(data)
    try:
        page = doc[0]
        a, b, c, d = page.get_cropbox()
        left, top = min(a, c), max(b, d)
        if top <= min(b, d) or max(a, c) <= left:
            left, top = 0, page.get_size()[1]
        image = page.render(scale=1).to_pil().convert("L")
        px = image.load()
        x0, x1 = int(_INK[0] - left), int(_INK[2] - left)
        y0, y1 = int(top - _INK[3]), int(top - _INK[1])
        return [px[x, y] for x in range(max(0, x0), min(image.width, x1)) for y in range(max(0, y0), min(image.height, y1))]
    finally:
        doc.close()


def _read(data: bytes, tmp_path: Path) -> tuple[str, Unseen]:
    """The page's text as the reader reads it, and what it left out."""
    import app.pdfread as pdfread

    path = tmp_path / "page.pdf"
    path.write_bytes(data)
    [page] = pdfread._read_pages(path)
    return "".join(line.text for line in page.lines), page.unseen


# Each way of drawing “88”: whether a viewer shows it, and as what the reader counts it if not.
CASES = {
    "plain": (_TEXT, b"", b"", None),
    "render mode 1 (stroked)": (b"1 Tr " + _TEXT, b"", b"", None),
    "render mode 2": (b"2 Tr " + _TEXT, b"", b"", None),
    "render mode 3 (invisible)": (b"3 Tr " + _TEXT, b"", b"", "invisible"),
    "render mode 4 (fill, clip)": (b"4 Tr " + _TEXT, b"", b"", None),
    "render mode 6": (b"6 Tr " + _TEXT, b"", b"", None),
    "render mode 7 (clip only)": (b"7 Tr " + _TEXT, b"", b"", "invisible"),
    "0 Tf": (b"BT /F1 0 Tf 100 400 Td (88) Tj ET", b"", b"", "tiny"),
    "0 Tz": (b"BT /F1 40 Tf 0 Tz 100 400 Td (88) Tj ET", b"", b"", "tiny"),
    "scaled away by Tm": (b"BT /F1 40 Tf 0.02 0 0 0.02 100 400 Tm (88) Tj ET", b"", b"", "tiny"),
    "1 Tf scaled up by Tm": (b"BT /F1 1 Tf 40 0 0 40 100 400 Tm (88) Tj ET", b"", b"", None),
    "condensed 50 Tz": (b"BT /F1 40 Tf 50 Tz 100 400 Td (88) Tj ET", b"", b"", None),
    "below the CropBox": (_TEXT, b"/CropBox [0 500 595 842]", b"", "outside"),
    "inside the CropBox": (_TEXT, b"/CropBox [0 0 595 500]", b"", None),
    "CropBox corners reversed": (_TEXT, b"/CropBox [595 500 0 842]", b"", "outside"),
    "off the MediaBox": (b"BT /F1 40 Tf -300 400 Td (88) Tj ET", b"", b"", "outside"),
    "clip of no area": (b"q 0 0 0 0 re W n " + _TEXT + b" Q", b"", b"", "clipped"),
    "clip elsewhere": (b"q 300 300 50 50 re W n " + _TEXT + b" Q", b"", b"", "clipped"),
    "clip around it": (b"q 90 390 80 50 re W n " + _TEXT + b" Q", b"", b"", None),
    "clip undone by Q": (b"q 300 300 50 50 re W n Q " + _TEXT, b"", b"", None),
    "clip by a curve elsewhere": (b"q 300 300 m 350 300 350 350 300 350 c h W n " + _TEXT + b" Q", b"", b"", "clipped"),
    "clip moved by cm": (b"q 1 0 0 1 200 0 cm 90 390 80 50 re W n 1 0 0 1 -200 0 cm " + _TEXT + b" Q", b"", b"", "clipped"),
    "form's BBox around it": (b"/X Do", b"", b"[0 0 595 842]|" + _TEXT, None),
    "form's BBox elsewhere": (b"/X Do", b"", b"[0 0 50 50]|" + _TEXT, "clipped"),
    "form and its BBox moved by cm": (b"q 1 0 0 1 300 0 cm /X Do Q", b"", b"[-210 380 -100 460]|"
                                      b"BT /F1 40 Tf -200 400 Td (88) Tj ET", None),
    "form moved off its BBox": (b"q 1 0 0 1 300 0 cm /X Do Q", b"", b"[0 380 100 460]|"
                                b"BT /F1 40 Tf -200 400 Td (88) Tj ET", "clipped"),
    "clip around the form": (b"q 0 0 0 0 re W n /X Do Q", b"", b"[0 0 595 842]|" + _TEXT, "clipped"),
    "text after a clipped form": (b"q 0 0 0 0 re W n /X Do Q " + _TEXT, b"", b"[0 0 595 842]|q Q", None),
    "white box drawn over it": (_TEXT + b" 1 1 1 rg 90 390 80 50 re f", b"", b"", "covered"),
    "black box drawn over it": (_TEXT + b" 0 0 0 rg 90 390 80 50 re f 1 1 1 rg 0 0 10 10 re f", b"", b"", "covered"),
    "box as m l l l h": (_TEXT + b" 1 1 1 rg 90 390 m 170 390 l 170 440 l 90 440 l h f", b"", b"", "covered"),
    "box drawn before it": (b"0.8 g 90 390 80 50 re f 0 g " + _TEXT, b"", b"", None),
    "box 30 % opaque over it": (_TEXT + b" /half gs 1 1 1 rg 90 390 80 50 re f", b"", b"", None),
    "box multiplied over it": (_TEXT + b" /mult gs 1 1 0 rg 90 390 80 50 re f", b"", b"", None),
    # an ExtGState changes only what it names: the Multiply stays in force after /ca 1
    "box multiplied, then alpha 1": (_TEXT + b" /mult gs /whole gs 1 1 0 rg 90 390 80 50 re f", b"", b"", None),
    "multiply undone by Q": (_TEXT + b" q /mult gs Q /whole gs 1 1 1 rg 90 390 80 50 re f", b"", b"", "covered"),
    "box multiplied in a form, then alpha 1": (_TEXT + b" /mult gs /X Do", b"", b"[0 0 595 842] /Resources << /ExtGState"
                                               b" << /whole << /ca 1 >> >> >>|/whole gs 1 1 0 rg 90 390 80 50 re f", None),
    "box elsewhere": (_TEXT + b" 1 1 1 rg 300 300 80 50 re f", b"", b"", None),
    "box outlined over it": (_TEXT + b" 1 1 1 RG 90 390 80 50 re S", b"", b"", None),
    "sliver whose box covers it": (_TEXT + b" 1 1 1 rg 90 390 m 92 390 l 170 440 l h f", b"", b"", None),
    "box in a form over it": (_TEXT + b" /X Do", b"", b"[0 0 595 842]|1 1 1 rg 90 390 80 50 re f", "covered"),
    "in a layer that is off": (b"/OC /oc1 BDC " + _TEXT + b" EMC", b"", b"", "layer"),
    "after the layer ends": (b"/OC /oc1 BDC EMC " + _TEXT, b"", b"", None),
    "in a layer that is on": (b"/OC /oc1 BDC " + _TEXT + b" EMC", b"", b"", None),
    "in a membership of a layer off": (b"/OC /md BDC " + _TEXT + b" EMC", b"", b"", "layer"),
    "in a form of a layer off": (b"/X Do", b"", b"[0 0 595 842] /OC 6 0 R|" + _TEXT, "layer"),
    "box in a layer off over it": (_TEXT + b" /OC /oc1 BDC 1 1 1 rg 90 390 80 50 re f EMC", b"", b"", None),
    "Type 3 font of no size": (b"BT /T3 40 Tf 100 400 Td (88) Tj ET", b"", b"", "tiny"),
    "Type 3 font all but of no size": (b"BT /T3s 40 Tf 100 400 Td (88) Tj ET", b"", b"", "tiny"),
    "clip to a line": (b"q 100 400 m 300 400 l W n " + _TEXT + b" Q", b"", b"", "clipped"),
    "even-odd clip of no area": (b"q 100 400 0 0 re W* n " + _TEXT + b" Q", b"", b"", "clipped"),
    "white": (b"1 1 1 rg " + _TEXT, b"", b"", "white"),
    "white in CMYK": (b"0 0 0 0 k " + _TEXT, b"", b"", "white"),
    "white outline only (mode 1)": (b"1 Tr 1 1 1 RG 0 g " + _TEXT, b"", b"", "white"),
    "black outline of white (mode 1)": (b"1 Tr 1 1 1 rg 0 G " + _TEXT, b"", b"", None),
    "white filled, black outline (mode 2)": (b"2 Tr 1 1 1 rg 0 G " + _TEXT, b"", b"", None),
    "white on a black box": (b"0 g 90 390 80 50 re f 1 1 1 rg " + _TEXT, b"", b"", None),
    "fill alpha 0": (b"/clear gs " + _TEXT, b"", b"", "transparent"),
    "fill alpha 2 %": (b"/faint gs " + _TEXT, b"", b"", "transparent"),
    "fill alpha 30 %": (b"/half gs " + _TEXT, b"", b"", None),
    "fill alpha 0 undone by Q": (b"q /clear gs Q " + _TEXT, b"", b"", None),
    "fill alpha 0, outlined (mode 2)": (b"2 Tr /clear gs " + _TEXT, b"", b"", None),
    "outline alpha 0 (mode 1)": (b"1 Tr /nostroke gs " + _TEXT, b"", b"", "transparent"),
    "outline alpha 0, filled (mode 0)": (b"/nostroke gs " + _TEXT, b"", b"", None),
    "fill alpha 0 in a form": (b"/clear gs /X Do", b"", b"[0 0 595 842]|" + _TEXT, "transparent"),
    "white strip across its middle": (_TEXT + b" 1 1 1 rg 90 405 80 10 re f", b"", b"", None),
    "thick white line over it": (_TEXT + b" q 1 1 1 RG 40 w 90 415 m 170 415 l S Q", b"", b"", "covered"),
    "thick white line upright over it": (_TEXT + b" q 1 1 1 RG 100 w 130 390 m 130 440 l S Q", b"", b"", "covered"),
    "thick line scaled by cm over it": (_TEXT + b" q 2 0 0 2 0 0 cm 1 1 1 RG 20 w 45 207.5 m 85 207.5 l S Q", b"", b"",
                                        "covered"),
    "thin white line across it": (_TEXT + b" q 1 1 1 RG 10 w 90 415 m 170 415 l S Q", b"", b"", None),
    "thick white line dashed": (_TEXT + b" q 1 1 1 RG 40 w [4 4] 0 d 90 415 m 170 415 l S Q", b"", b"", None),
    "thick white line 30 % opaque": (_TEXT + b" q /halfline gs 1 1 1 RG 40 w 90 415 m 170 415 l S Q", b"", b"", None),
    "thick white line, fill 30 %": (_TEXT + b" q /half gs 1 1 1 RG 40 w 90 415 m 170 415 l S Q", b"", b"", "covered"),
    "picture drawn over it": (_TEXT + b" q 80 0 0 50 90 390 cm /P Do Q", b"", b"", "covered"),
    "inline picture over it": (_TEXT + b" q 80 0 0 50 90 390 cm BI /W 4 /H 4 /CS /G /BPC 8 ID " + b"\x80" * 16
                               + b" EI Q", b"", b"", "covered"),
    "picture drawn before it": (b"q 80 0 0 50 90 390 cm /P Do Q " + _TEXT, b"", b"", None),
    "picture elsewhere": (_TEXT + b" q 80 0 0 50 300 300 cm /P Do Q", b"", b"", None),
    "picture 30 % opaque over it": (_TEXT + b" q /half gs 80 0 0 50 90 390 cm /P Do Q", b"", b"", None),
    "picture with a soft mask over it": (_TEXT + b" q 80 0 0 50 90 390 cm /PS Do Q", b"", b"", None),
    "stencil over it": (_TEXT + b" q 80 0 0 50 90 390 cm /PK Do Q", b"", b"", None),
    "picture in a layer off over it": (_TEXT + b" /OC /oc1 BDC q 80 0 0 50 90 390 cm /P Do Q EMC", b"", b"", None),
    "annotation's box over it": (_TEXT, b"", b"", "covered"),
    "annotation's box fitted into its Rect": (_TEXT, b"", b"", "covered"),
    "annotation's box moved by its Matrix": (_TEXT, b"", b"", "covered"),
    "annotation's box elsewhere": (_TEXT, b"", b"", None),
    "hidden annotation's box": (_TEXT, b"", b"", None),
    "annotation's box not shown on screen": (_TEXT, b"", b"", None),
    "annotation's outline": (_TEXT, b"", b"", None),
    "square annotation filled white, no appearance": (_TEXT, b"", b"", "covered"),
    "square annotation not filled, no appearance": (_TEXT, b"", b"", None),
    "MediaBox corners reversed": (_TEXT, b"/MediaBox [595 842 0 0]", b"", None),
    "MediaBox of no area": (_TEXT, b"/MediaBox [0 0 0 0]", b"", None),
}
_OFF = {"in a layer that is off", "in a membership of a layer off", "in a form of a layer off", "box in a layer off over it",
        "picture in a layer off over it"}
_BOX = b"|/BBox [0 0 80 50]|1 1 1 rg 0 0 80 50 re f"  # an appearance: a white box 80 by 50
_SQUARE = b"<< /Type /Annot /Subtype /Square /Rect [90 390 170 440] >>"
ANNOTATIONS = {
    "annotation's box over it": _SQUARE + _BOX,
    "annotation's box fitted into its Rect": _SQUARE + b"|/BBox [0 0 8 5]|1 1 1 rg 0 0 8 5 re f",
    "annotation's box moved by its Matrix": _SQUARE + b"|/BBox [0 0 80 50] /Matrix [1 0 0 1 400 400]|1 1 1 rg 0 0 80 50 re f",
    "annotation's box elsewhere": _SQUARE.replace(b"90 390 170 440", b"300 300 380 350") + _BOX,
    "hidden annotation's box": _SQUARE.replace(b"/Rect", b"/F 2 /Rect") + _BOX,
    "annotation's box not shown on screen": _SQUARE.replace(b"/Rect", b"/F 32 /Rect") + _BOX,
    "annotation's outline": _SQUARE + b"|/BBox [0 0 80 50]|1 1 1 RG 0 0 80 50 re S",
    "square annotation filled white, no appearance": _SQUARE.replace(b"/Rect", b"/IC [1 1 1] /Rect"),
    "square annotation not filled, no appearance": _SQUARE.replace(b"/Rect", b"/C [1 1 1] /Rect"),
}


@pytest.mark.parametrize("case", CASES)
def test_what_a_viewer_shows_is_read_and_nothing_else(tmp_path: Path, case: str) -> None:
    drawing, page_extra, form, why = CASES[case]
    data = _page(drawing, page_extra, form, picture=b"/P" in drawing, catalog_extra=_LAYERS if case in _OFF else b"",
                 annots=(ANNOTATIONS[case],) if case in ANNOTATIONS else ())
    text, unseen = _read(data, tmp_path)
    shown = _shown(data)
    assert shown == (why is None), f"pdfium {'shows' if shown else 'does not show'} it"
    if why is None:
        assert text.count("8") == 2 and unseen.chars == 0
    else:
        assert "8" not in text and getattr(unseen, why) == 2 and unseen.chars == 2


@pytest.mark.parametrize("squeeze", [b"1 Tz", b"0.5 Tz", b"1 Tz -1 Tc"])
def test_text_squeezed_to_a_sliver_is_tiny(tmp_path: Path, squeeze: bytes) -> None:
    """At 1 % of its width a 40 pt glyph is a hairline (PDF 32000 9.3.4; pdfium alone does not
    narrow the glyphs of a standard font, and draws the two 0.4 pt apart as one “8”): left out
    as of no size, as at 0 Tz."""
    text, unseen = _read(_page(b"BT /F1 40 Tf " + squeeze + b" 100 400 Td (88) Tj ET"), tmp_path)
    assert "8" not in text and unseen.tiny == 2 and unseen.chars == 2


def test_invisible_text_over_a_picture_is_a_scans_text_layer(tmp_path: Path) -> None:
    """An OCR'd scan: the picture shows the page, the invisible text says what it shows: read."""
    text, unseen = _read(_page(b"q 595 0 0 842 0 0 cm /P Do Q 3 Tr " + _TEXT, picture=True), tmp_path)
    assert text == "88" and unseen.chars == 0
    text, unseen = _read(_page(b"q 50 0 0 50 400 100 cm /P Do Q 3 Tr " + _TEXT, picture=True), tmp_path)
    assert text == "" and unseen.invisible == 2  # the picture is elsewhere on the page


def test_a_broken_annotation_is_skipped_and_the_next_one_drawn(tmp_path: Path) -> None:
    """An annotation whose appearance draws a form of no usable Matrix (pdfminer fails inside
    the figure it began) is skipped, as viewers skip it: the page reads, and a white box of the
    annotation after it still covers what it covers."""
    broken = stream(b"1 1 1 rg 0 0 80 50 re f", b"/Type /XObject /Subtype /Form /BBox [0 0 80 50] /Matrix [(a) 0 0 1 0 0]")
    appearance = stream(b"/Bad Do", b"/Type /XObject /Subtype /Form /BBox [0 0 80 50]"
                                    b" /Resources << /XObject << /Bad 6 0 R >> >>")

    def page(annots: bytes) -> bytes:
        objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << /Font << /F1 4 0 R"
                b" >> >> /Annots [" + annots + b"] >>", _FONT, stream(_TEXT), broken, appearance,
                b"<< /Type /Annot /Subtype /Square /Rect [90 390 170 440] /AP << /N 7 0 R >> >>",
                b"<< /Type /Annot /Subtype /Square /Rect [90 390 170 440] /IC [1 1 1] >>"]
        return raw_pdf(objs)

    assert _read(page(b"8 0 R"), tmp_path) == ("88", Unseen())
    text, unseen = _read(page(b"8 0 R 9 0 R"), tmp_path)
    assert text == "" and unseen.covered == 2


def test_a_scanned_page_drawn_over_its_text_is_read(tmp_path: Path) -> None:
    """Some OCR tools draw the text layer first and the page's picture over it: the picture
    shows what the text says, so a picture of most of the page covers nothing; a smaller one
    drawn over text is a patch pasted over it."""
    text, unseen = _read(_page(_TEXT + b" q 595 0 0 842 0 0 cm /P Do Q", picture=True), tmp_path)
    assert text == "88" and unseen.chars == 0
    text, unseen = _read(_page(_TEXT + b" q 595 0 0 400 0 300 cm /P Do Q", picture=True), tmp_path)
    assert text == "" and unseen.covered == 2


# -- whole reports ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from app.io import save_report
    from tests.conftest import SAMPLE
    from tests.pdfmake import our_pdf

    folder = tmp_path_factory.mktemp("pdf")
    src = folder / "小港.docx"
    save_report(load_report(SAMPLE), src)
    return our_pdf(src, folder / "小港.pdf")


def _figure_cell(pdf: Path) -> tuple[int, float, float, float]:
    """Page index and position (x0, baseline from the bottom, size) of 表三's 本年新收 自然人 figure."""
    import pdfplumber

    report = load_report(pdf)
    figure = str(report.tables[REQUESTS][(T3_NEW, 0)])
    with pdfplumber.open(pdf) as doc:
        for i, page in enumerate(doc.pages):
            words = page.extract_words()
            labels = [w for w in words if "本年新收政府信息公开申请数量" in w["text"]]
            if not labels:
                continue
            row = labels[0]
            hits = [w for w in words if w["text"] == figure and abs(w["top"] - row["top"]) < 30 and w["x0"] > row["x1"]]
            hit = min(hits, key=lambda w: w["x0"])
            return i, hit["x0"], page.height - hit["bottom"], hit["bottom"] - hit["top"]
    raise AssertionError("no 本年新收 row")


def _with_hidden_99(pdf: Path, dest: Path, how: str) -> Path:
    """``pdf`` with “99” drawn (pdfium, Helvetica) just before 表三's first figure, hidden ``how``."""
    import pypdfium2.raw as pdfium

    index, x, y, size = _figure_cell(pdf)
    doc = pypdfium2.PdfDocument(str(pdf))
    page = doc[index]
    obj = pdfium.FPDFPageObj_NewTextObj(doc.raw, b"Helvetica", size if how != "tiny" else 0.5)
    text = "99"
    pdfium.FPDFText_SetText(obj, (pdfium.FPDF_WCHAR * (len(text) + 1))(*map(ord, text), 0))
    if how == "invisible":
        assert pdfium.FPDFTextObj_SetTextRenderMode(obj, pdfium.FPDF_TEXTRENDERMODE_INVISIBLE)
    if how == "transparent":  # black at alpha 0: pdfium writes an ExtGState with /ca 0
        assert pdfium.FPDFPageObj_SetFillColor(obj, 0, 0, 0, 0)
    width = 0.56 * (size if how != "tiny" else 0.5) * 2
    pdfium.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x - width, y)
    pdfium.FPDFPage_InsertObject(page.raw, obj)
    if how == "covered":  # a white box pasted over it, not over the figure beside it
        box = pdfium.FPDFPageObj_CreateNewRect(x - width - 1, y - 0.3 * size, width + 0.5, 1.3 * size)
        assert pdfium.FPDFPageObj_SetFillColor(box, 255, 255, 255, 255)
        assert pdfium.FPDFPath_SetDrawMode(box, pdfium.FPDF_FILLMODE_ALTERNATE, False)
        pdfium.FPDFPage_InsertObject(page.raw, box)
    assert pdfium.FPDFPage_GenerateContent(page.raw)
    doc.save(str(dest))
    doc.close()
    return dest


@pytest.mark.parametrize("how", ["invisible", "tiny", "covered", "transparent"])
def test_a_hidden_figure_beside_a_visible_one_changes_nothing(report_pdf: Path, tmp_path: Path, how: str) -> None:
    before = load_report(report_pdf)
    after = load_report(_with_hidden_99(report_pdf, tmp_path / f"{how}.pdf", how))
    assert after.tables == before.tables
    said = [f.message for f in after.import_findings if f.code == "HIDDEN-TEXT"]
    assert len(said) == 1 and "2个" in said[0], said
    assert {"invisible": "设为不显示的字", "tiny": "小到看不见的字", "covered": "盖住的字",
            "transparent": "完全透明的字"}[how] in said[0]


def test_a_visible_figure_so_placed_is_read(report_pdf: Path, tmp_path: Path) -> None:
    """The control: the same “99” drawn visibly is read into the cell (9937): the place is right."""
    before = load_report(report_pdf)
    after = load_report(_with_hidden_99(report_pdf, tmp_path / "shown.pdf", "shown"))
    assert after.tables[REQUESTS][(T3_NEW, 0)] == int(f"99{before.tables[REQUESTS][(T3_NEW, 0)]}")


def _every_page(pdf: Path, dest: Path, edit: bytes) -> Path:
    data, n = re.subn(rb"/Type\s*/Page\b(?!s)", b"/Type /Page " + edit, pdf.read_bytes())
    assert n >= 5
    dest.write_bytes(data)
    return dest


def test_q03_pages_cropped_to_their_top_half_read_what_is_shown(report_pdf: Path, tmp_path: Path) -> None:
    """What the CropBox cuts off is not shown: read is the top half of each page (the tables'
    rows there), the rest named; a CropBox of the whole page changes nothing."""
    full = load_report(report_pdf)
    cropped = load_report(_every_page(report_pdf, tmp_path / "q03.pdf", b"/CropBox [0 421 595 842]"))
    said = [f.message for f in cropped.import_findings if f.code == "HIDDEN-TEXT"]
    assert len(said) == 1 and re.search(r"第1、2、3、4、5(、\d)*页\d+个在页面显示范围（裁剪框）之外的字", said[0]), said
    figures = {(k, pos): v for k, grid in full.tables.items() for pos, v in grid.items() if v is not None}
    shown = {(k, pos): v for k, grid in cropped.tables.items() for pos, v in grid.items() if v is not None}
    # Some figures, each as the whole page has it, and the lower halves show the rest.  (Not a
    # share: how many rows fall in the upper halves is the layout's, 14 of 26 at 22 lines a page.)
    assert 0 < len(shown) < len(figures) and all(figures.get(c) == v for c, v in shown.items())
    lower = load_report(_every_page(report_pdf, tmp_path / "q03b.pdf", b"/CropBox [0 0 595 421]"))
    rest = {(k, pos) for k, grid in lower.tables.items() for pos, v in grid.items() if v is not None}
    assert rest < set(figures) and set(shown) | rest == set(figures)
    whole = load_report(_every_page(report_pdf, tmp_path / "whole.pdf", b"/CropBox [0 0 595 842]"))
    assert whole.tables == full.tables
    assert not [f for f in whole.import_findings if f.code == "HIDDEN-TEXT"]


def test_q01_a_report_all_in_render_mode_3_is_not_read(report_pdf: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every character drawn invisible, no picture under it: nothing to read, said so."""
    from tests.hostile_pdf import one_line_error

    data = report_pdf.read_bytes()
    out = bytearray()
    pos = 0
    count = 0
    for m in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", m.end())
        head = data[max(0, m.start() - 300):m.start()]
        if m.start() < pos or b"/FlateDecode" not in head or b"/Length" not in head:
            continue
        try:
            content = zlib.decompress(data[m.end():end])
        except zlib.error:
            continue
        if b"BT" not in content or b"Tf" not in content:
            continue
        new = zlib.compress(content.replace(b"BT\n", b"BT\n3 Tr\n").replace(b"BT ", b"BT 3 Tr "))
        out += data[pos:m.end()] + new + b"\n"
        pos = end
        count += 1
    out += data[pos:]
    assert count >= 5
    path = tmp_path / "q01.pdf"
    path.write_bytes(bytes(out))  # stream lengths now wrong: pdfminer and pdfium find endstream
    with pytest.raises(ReadError) as caught:
        load_report(path)
    assert "个字都看不见" in str(caught.value) and "设为不显示的字" in str(caught.value), str(caught.value)
    assert "看不见" in one_line_error(path, capsys)


@pytest.mark.parametrize(("picture", "read"), [
    (b"q 595 0 0 842 0 0 cm /P Do Q", True),  # the scan of the page
    (b"q 80 0 0 50 90 390 cm /P Do Q", True),  # a picture of just this text (an OCR'd snippet)
    (b"q 4 0 0 4 109 409 cm /P Do Q", False),  # a speck under the middle of the first “8”: no text shows
    (b"q 22 0 0 50 90 390 cm /P Do Q", False),  # under the left half of the first “8” only
    (b"/OC /oc1 BDC q 595 0 0 842 0 0 cm /P Do Q EMC", False),  # in a layer that is off
    (b"q /clear gs 595 0 0 842 0 0 cm /P Do Q", False),  # fully transparent
    (b"q 0 0 50 50 re W n 595 0 0 842 0 0 cm /P Do Q", False),  # clipped to a corner away from the text
], ids=["page scan", "snippet", "speck", "part", "layer off", "transparent", "clipped away"])
def test_invisible_text_is_read_over_a_picture_shown_that_holds_it(tmp_path: Path, picture: bytes, read: bool) -> None:
    """Invisible text is a scan's text layer where a picture a viewer shows lies under it —
    drawn before or after it; over a picture smaller than the text, in a layer that is off,
    fully transparent or clipped away, nothing of the text shows, and it is left out."""
    for drawing in (picture + b" 3 Tr " + _TEXT, b"3 Tr " + _TEXT + b" " + picture):
        data = _page(drawing, picture=True, catalog_extra=_LAYERS)
        text, unseen = _read(data, tmp_path)
        if read:
            assert text == "88" and unseen.chars == 0
        else:
            assert "8" not in text and unseen.invisible == 2


# A spot colour (Separation): its tint is how much ink, 0 the paper; shown as red at full tint.
_SPOT = b"/ColorSpace << /Spot [/Separation /PANTONE#20Red /DeviceRGB << /FunctionType 2 /Domain [0 1] /C0 [1 1 1] /C1 [1 0 0] /N 1 >>] >> /Properties"


@pytest.mark.parametrize(("drawing", "shown"), [
    (b"/Spot cs 1 scn " + _TEXT, True),  # full ink: a gray of 1 would be white
    (b"/Spot cs 0.5 scn " + _TEXT, True),
    (b"/Spot cs 0 scn " + _TEXT, False),  # no ink: the paper
    (b"/Spot CS 0 SCN 1 Tr " + _TEXT, False),  # an outline of no ink
    (b"/Spot CS 1 SCN 1 1 1 rg 1 Tr " + _TEXT, True),  # a white glyph outlined in ink
    (b"/Spot cs 1 scn 90 390 80 50 re f 1 1 1 rg " + _TEXT, True),  # white on a box of full ink
    (b"/Spot cs 0 scn 90 390 80 50 re f 1 1 1 rg " + _TEXT, False),  # white on a box of no ink
    (b"1 g 90 390 80 50 re f 1 1 1 rg " + _TEXT, False),  # white on a white box (a gray of one number)
    (b"0.2 g 90 390 80 50 re f 1 1 1 rg " + _TEXT, True),  # white on a dark gray box
], ids=["full tint", "half tint", "tint 0", "outline tint 0", "white outlined in ink", "white on ink", "white on no ink",
        "white on white gray", "white on dark gray"])
def test_a_spot_colour_is_white_only_with_no_ink(tmp_path: Path, drawing: bytes, shown: bool) -> None:
    """A Separation colour's one component is a tint of its ink, not a gray: tint 0 paints the
    paper's white (left out as white text is), a full tint is ink (read; a box of it is dark
    behind white text).  Held against pdfium."""
    data = _page(drawing).replace(b"/Properties", _SPOT, 1)
    _held(data, tmp_path, shown)
