"""Spot colours that mark nothing (Separation or DeviceN colorant /None) or only white (a tint
transform giving white at every tint) leave their characters out, as a viewer shows them:
pdfminer keeps neither the colorant's name nor the transform (app/pdfread/inks.py).  Held
against pdfium, as tests/test_pdf_seen.py holds the other colours."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_pdf_seen import _TEXT, _held, _page

_RED = b"<< /FunctionType 2 /Domain [0 1] /C0 [1 1 1] /C1 [1 0 0] /N 1 >>"
_WHITE = b"<< /FunctionType 2 /Domain [0 1] /C0 [1 1 1] /C1 [1 1 1] /N 1 >>"
_WHITE_CMYK = b"<< /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [0 0 0 0.01] /N 1 >>"
_SPACES = (b"/ColorSpace << /None [/Separation /None /DeviceRGB " + _RED + b"]"
           b" /White [/Separation /Paper /DeviceRGB " + _WHITE + b"]"
           b" /WhiteK [/Separation /Paper /DeviceCMYK " + _WHITE_CMYK + b"]"
           b" /Spot [/Separation /PANTONE#20Red /DeviceRGB " + _RED + b"] >> /Properties")


@pytest.mark.parametrize(("drawing", "shown", "kind"), [
    (b"/None cs 1 scn " + _TEXT, False, "noink"),  # full tint of no ink: nothing marked
    (b"/None cs 1 scn 0.2 g 90 390 80 50 re f /None cs 1 scn " + _TEXT, False, "noink"),  # on a dark box too
    (b"/White cs 1 scn " + _TEXT, False, "white"),  # white at every tint
    (b"/WhiteK cs 1 scn " + _TEXT, False, "white"),
    (b"0.2 g 90 390 80 50 re f /White cs 1 scn " + _TEXT, True, ""),  # white on a dark box is seen
    (b"/Spot cs 1 scn " + _TEXT, True, ""),  # a spot ink: read, as before
])
def test_a_spot_colour_that_marks_nothing_is_not_read(tmp_path: Path, drawing: bytes, shown: bool, kind: str) -> None:
    data = _page(drawing).replace(b"/Properties", _SPACES, 1)
    _held(data, tmp_path, shown, kind)


# A PostScript calculator tint transform (type 4), object 11: the form slot of _page holds it.
_CALC = b"/ColorSpace << /Calc [/Separation /Paper /DeviceRGB 11 0 R] >> /Properties"
_CALC_HEAD = b"[0 0 1 1] /FunctionType 4 /Domain [0 1] /Range [0 1 0 1 0 1]|"


@pytest.mark.parametrize(("program", "shown"), [
    (b"{ pop 1 1 1 }", False),  # white at every tint
    (b"{ 0.5 gt { 1 1 1 } { 1 1 1 } ifelse }", False),
    (b"{ 1 exch sub dup dup }", True),  # a gray ink: full tint is black
    (b"{ dup 0.5 gt { pop 0 0 0 } { pop 1 1 1 } ifelse }", True),  # white only at low tints: drawn at 1
])
def test_a_calculator_tint_transform_that_gives_white_is_white(tmp_path: Path, program: bytes, shown: bool) -> None:
    data = _page(b"/Calc cs 1 scn " + _TEXT, form=_CALC_HEAD + program).replace(b"/Properties", _CALC, 1)
    _held(data, tmp_path, shown)


# Transforms evaluated at the tint a character is drawn in (review31 M6): an inverted one (tint 0
# black, 1 white) shows text at tint 0, which “tint 0 is the paper” lost, and hides it at 1.
_INVERTED = (b"/ColorSpace << /Inv [/Separation /Spot /DeviceRGB << /FunctionType 2 /Domain [0 1] /C0 [0 0 0] /C1 [1 1 1] /N 1 >>]"
             b" /InvK [/Separation /Spot /DeviceCMYK << /FunctionType 2 /Domain [0 1] /C0 [0 0 0 1] /C1 [0 0 0 0] /N 1 >>]"
             b" /Calc [/Separation /Spot /DeviceGray 11 0 R] /Three [/DeviceN [/Cyan /Spot /Gold] /DeviceGray 11 0 R] >> /Properties")


@pytest.mark.parametrize(("drawing", "program", "shown"), [
    (b"/Inv cs 0 scn " + _TEXT, b"", True),  # black: shown, and read
    (b"/Inv cs 1 scn " + _TEXT, b"", False),  # white on the page
    (b"/Inv cs 0.5 scn " + _TEXT, b"", True),  # a mid gray
    (b"/InvK cs 0 scn " + _TEXT, b"", True),
    (b"/InvK cs 1 scn " + _TEXT, b"", False),
    (b"/Inv CS 1 SCN 1 Tr " + _TEXT, b"", False),  # an outline in the transform's white
    (b"/Inv cs 0 scn 90 390 80 50 re f 1 1 1 rg " + _TEXT, b"", True),  # white on a box of the transform's black
    (b"/Calc cs 0 scn " + _TEXT, b"[0 1]|{ }", True),  # a calculator: the tint is the gray
    (b"/Calc cs 1 scn " + _TEXT, b"[0 1]|{ }", False),
    # DeviceN: three inks at full tint give white (pdfminer keeps no colour of two components)
    (b"/Three cs 1 1 1 scn " + _TEXT, b"[0 1 0 1 0 1]|{ add add 3 div }", False),
    (b"/Three cs 0 0 0 scn " + _TEXT, b"[0 1 0 1 0 1]|{ add add 3 div }", True),
])
def test_a_spot_colour_is_judged_by_the_colour_its_transform_gives_at_the_tint_drawn(
        tmp_path: Path, drawing: bytes, program: bytes, shown: bool) -> None:
    domain, _, program = program.partition(b"|")
    form = b"[0 0 1 1] /FunctionType 4 /Range [0 1] /Domain " + domain + b"|" + program if program else b""
    data = _page(drawing, form=form).replace(b"/Properties", _INVERTED, 1)
    _held(data, tmp_path, shown)
