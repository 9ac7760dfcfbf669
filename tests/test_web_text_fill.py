"""-webkit-text-fill-color decides the colour a browser draws text in (hostile14): Chrome, Edge,
Safari and Firefox draw the letters in it, not in color.  A “1” filled transparent or white
before 37 showed nothing and was read as 137, nothing said; a black fill over color:#fff was
taken for white on white and the figure dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_webcopy import _cell_page


@pytest.mark.parametrize(("cell", "css"), [
    ('<span style="-webkit-text-fill-color:transparent">1</span>37', ""),
    ('<span style="-webkit-text-fill-color:#fff">1</span>37', ""),
    ('<span style="-webkit-text-fill-color:rgba(0,0,0,0.01)">1</span>37', ""),
    ('<span class="ghost">1</span>37', ".ghost{-webkit-text-fill-color:white}"),
    ('<span style="-webkit-text-fill-color:transparent"><b style="color:red">1</b></span>37', ""),  # inherited
    ('<span style="-webkit-text-fill-color:transparent;color:#000">1</span>37', ""),
])
def test_text_filled_with_no_ink_is_left_out_and_said(tmp_path: Path, cell: str, css: str) -> None:
    value, _, hidden = _cell_page(tmp_path, cell, css)
    assert value == 37
    assert len(hidden) == 1 and "1处" in hidden[0], hidden


@pytest.mark.parametrize(("cell", "css"), [
    ('<span style="color:#fff;-webkit-text-fill-color:#000">37</span>', ""),  # white color, black fill: black
    ('<span style="-webkit-text-fill-color:#000"><span style="color:#fff">37</span></span>', ""),  # fill inherited
    ('<span style="color:transparent;-webkit-text-fill-color:red">37</span>', ""),
    ('<span style="-webkit-text-fill-color:transparent">'
     '<span style="-webkit-text-fill-color:currentcolor">37</span></span>', ""),  # set back to color inside
    ('<span class="ok">37</span>', ".ok{color:white;-webkit-text-fill-color:#333}"),
])
def test_text_filled_with_ink_is_read(tmp_path: Path, cell: str, css: str) -> None:
    value, _, hidden = _cell_page(tmp_path, cell, css)
    assert value == 37 and not hidden, hidden


def test_white_color_without_a_fill_is_still_unseen(tmp_path: Path) -> None:
    value, _, hidden = _cell_page(tmp_path, '<span style="color:#fff">1</span>37')
    assert value == 37 and len(hidden) == 1
