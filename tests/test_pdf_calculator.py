"""A spot colour's PostScript calculator (type 4) tint transform costs a bounded amount to
evaluate, whatever it says (review14 H2): integers are 32-bit, as in PostScript and pdfium
(``1 10000000000 bitshift`` built a 10^10-bit Python integer, 1.3 GB and 5 s per evaluation,
and the reader's 8 s deadline was overrun 5.6 times), a real that overflows is ∞ clipped to the
function's Range as pdfium draws it, ``roll`` and ``copy`` cost what they move, and the reading's
deadline is looked at before every evaluation.  Held against pdfium on a page, as
tests/test_pdf_inks.py holds the other transforms."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pdfminer.pdftypes import PDFStream
from pdfminer.psparser import LIT

from app.pdfread import bounds, inks
from tests.test_pdf_seen import _TEXT, _held, _page

_CALC = b"/ColorSpace << /Calc [/Separation /Spot /DeviceGray 11 0 R] >> /Properties"


@pytest.mark.parametrize(("program", "shown"), [
    (b"{ pop 1 40 bitshift }", True),  # the bits shifted out of 32 are lost: 0, black (was 2^40: white)
    (b"{ pop 1 31 bitshift }", True),  # the sign bit: negative, clipped to 0
    (b"{ pop -1 -31 bitshift }", True),  # a right shift keeps the sign, as pdfium's does
    (b"{ pop 1 1000000000000000 bitshift }", True),  # no 32-bit shift: not evaluated, ink
    (b"{ pop 1e30 1e30 mul }", False),  # an overflow is ∞, clipped to the Range's 1: white
    (b"{ pop 2 200 exp }", False),  # likewise (Python raised, and the ink was read)
])
def test_a_calculator_is_evaluated_as_pdfium_draws_it(tmp_path: Path, program: bytes, shown: bool) -> None:
    form = b"[0 0 1 1] /FunctionType 4 /Domain [0 1] /Range [0 1]|" + program
    data = _page(b"/Calc cs 1 scn " + _TEXT, form=form).replace(b"/Properties", _CALC, 1)
    _held(data, tmp_path, shown)


def _run(text: str, clip: list[tuple[float, float]] | None = None) -> list[float] | None:
    program = inks._program(text)
    assert program is not None
    return inks.calculate(program, [0.5], clip)


@pytest.mark.parametrize(("text", "out"), [
    ("{ pop 1 40 bitshift }", [0.0]),
    ("{ pop 1 31 bitshift }", [-2147483648.0]),
    ("{ pop 5 -1 bitshift }", [2.0]),
    ("{ pop 2147483647 1 add }", [2147483648.0]),  # arithmetic goes on in reals
    ("{ pop 3000000000 1 and }", None),  # no 32-bit integer
    ("{ pop 3000000000 cvi }", None),
    ("{ pop 1 1000000000000000 bitshift }", None),  # a MemoryError escaped before
    ("{ pop 10 floor 400 floor exp }", None),  # ∞ and no Range: an OverflowError escaped before
    ("{ pop -8 0.5 exp }", None),  # complex
    ("{ pop 1e300 1e300 mul dup sub }", None),  # ∞ − ∞
])
def test_the_calculator_keeps_to_32_bit_integers_and_floats(text: str, out: list[float] | None) -> None:
    assert _run(text) == out


def test_an_overflow_is_clipped_to_the_range() -> None:
    assert _run("{ pop 10 floor 400 floor exp }", [(0.0, 1.0)]) == [1.0]
    assert _run("{ pop 1e300 1e300 mul neg }", [(0.0, 1.0)]) == [0.0]


def test_roll_costs_what_it_moves() -> None:
    """60 operands rolled 100 times cost 6,360 of the 10,000 an evaluation may; 200 times, too much."""
    operands = " ".join(["0"] * 60)
    assert _run("{ pop " + operands + " 60 1 roll" * 100 + " }") == [0.0] * 60
    assert _run("{ pop " + operands + " 60 1 roll" * 200 + " }") is None


def test_the_deadline_is_looked_at_before_each_evaluation() -> None:
    """Past the reading's deadline, an evaluation stops the reading (TimeLimit), whether asked for
    a character's tint or while a page's colour spaces are judged — never taken for a broken space."""
    function = PDFStream({"FunctionType": 4, "Domain": [0, 1], "Range": [0, 1]}, b"{ pop 1 }")
    resources = {"ColorSpace": {"CS0": [LIT("Separation"), LIT("Spot"), LIT("DeviceGray"), function]}}
    assert inks._renamed(resources) == {"CS0": (inks.PAPER, 1)}  # white at every tint
    program = inks._program("{ }")
    assert program is not None
    with bounds.deadline(1.0, time.process_time() - 2):
        with pytest.raises(bounds.TimeLimit):
            inks.calculate(program, [0.5])
        inks._ALL_WHITE.clear()
        with pytest.raises(bounds.TimeLimit):
            inks._renamed(resources)
