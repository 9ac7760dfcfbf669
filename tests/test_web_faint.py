"""Web text drawn too faint or too small to see (app/webunshown.py faint, vanishes, too_small):
an opacity (multiplied down the page) or a colour's alpha that blends the text into what is
behind it, and a zoom that shrinks it below TINY_PX, leave the text out with HIDDEN-TEXT, as
opacity:0 and font-size:0.1px already did.  A “1” so drawn before 37 read 137 with no word."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_webcopy import _cell_page


@pytest.mark.parametrize(("cell", "css"), [
    ('<span style="opacity:0.01">1</span>37', ""),
    ('<span style="opacity:1%">1</span>37', ""),
    ('<span style="opacity:.1"><span style="opacity:.1">1</span></span>37', ""),  # 0.1 × 0.1: 0.01
    ('<span class="dim"><span class="dim">1</span></span>37', ".dim{opacity:0.1}"),
    ('<span style="color:rgba(0,0,0,0.02)">1</span>37', ""),
    ('<span style="color:rgb(0 0 0 / 2%)">1</span>37', ""),
    ('<span style="color:hsla(0,0%,0%,0.02)">1</span>37', ""),
    ('<span style="color:#00000005">1</span>37', ""),
    ('<span style="opacity:0.2;color:#f0f0f0">1</span>37', ""),  # light grey at 0.2 on white: white
    ('<span style="opacity:0.5"><span style="color:rgba(0,0,0,0.04)">1</span></span>37', ""),
    ('<span style="opacity:0.01"><span style="opacity:1;color:red">1</span></span>37', ""),  # not undone inside
    ('<span style="zoom:0.01">1</span>37', ""),
    ('<span style="zoom:1%">1</span>37', ""),
    ('<span style="zoom:0.5"><span style="font-size:6px">1</span></span>37', ""),  # 3 px on the page
])
def test_faint_or_zoomed_away_text_is_left_out_and_said(tmp_path: Path, cell: str, css: str) -> None:
    value, _, hidden = _cell_page(tmp_path, cell, css)
    assert value == 37
    assert len(hidden) == 1 and "1处" in hidden[0], hidden


@pytest.mark.parametrize(("cell", "css"), [
    ('<span style="opacity:0.5">1</span>37', ""),
    ('<span style="opacity:0.1">1</span>37', ""),  # black at 0.1 on white is a light grey: seen
    ('<span style="color:rgba(0,0,0,0.5)">1</span>37', ""),
    ('<span style="color:#0008">1</span>37', ""),
    ('<span style="zoom:0.5">1</span>37', ""),  # 8 px: small print, read
    ('<span style="zoom:0">1</span>37', ""),  # WebKit and Blink ignore a zoom of 0: shown at 100 %
])
def test_text_a_reader_sees_is_read(tmp_path: Path, cell: str, css: str) -> None:
    value, _, hidden = _cell_page(tmp_path, cell, css)
    assert value == 137 and not hidden, hidden


@pytest.mark.parametrize(("cell", "shown"), [
    # The light grey is inherited through 50 wrappers each setting an opacity (each element's
    # colour remembered on the way down): at 0.2 it is white on white.
    ('<span style="color:#f0f0f0">' + '<span style="opacity:1">' * 50 + '<span style="opacity:0.2">1</span>'
     + "</span>" * 51 + "37", 37),
    # Siblings under different colours: the grey one's faint “1” is left out, the black “3” is read.
    ('<span style="color:#f0f0f0"><span style="opacity:0.2">1</span></span><span style="opacity:0.2">3</span>7', 37),
    ('<span style="opacity:0.2">3</span><span style="color:#f0f0f0"><span style="opacity:0.2">1</span></span>7', 37),
    ('<span style="color:#f0f0f0"><span style="opacity:0.2">1</span><span style="color:#000">'
     '<span style="opacity:0.2">3</span></span></span>7', 37),
])
def test_the_colour_a_faint_text_inherits_is_its_own_ancestors(tmp_path: Path, cell: str, shown: int) -> None:
    value, _, hidden = _cell_page(tmp_path, cell, "")
    assert value == shown
    assert len(hidden) == 1 and "1处" in hidden[0], hidden
