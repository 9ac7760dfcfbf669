"""::first-letter (hostile15): a block's first letter drawn in that rule's style.  A cell's 137
whose first letter is set to size 0 or white shows 37 in a browser; it read 137, nothing said.
An inline element has no first letter, so the same rule on a <span> changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_webcopy import _cell_page


@pytest.mark.parametrize(("cell", "css"), [
    ('<p class="f">137</p>', "p.f::first-letter{color:#fff}"),
    ('<div class="f">137</div>', ".f::first-letter{font-size:0}"),
    ('<div class="f"><b>137</b></div>', ".f:first-letter{font-size:0}"),  # the old one-colon form, inside a <b>
    ('<span class="f" style="display:inline-block">137</span>', ".f::first-letter{color:#fff}"),
    ('<div class="f"><!-- c --> 137</div>', ".f::first-letter{display:none}"),
    ('<div class="f"></div>', '.f::before{content:"137"} .f::first-letter{font-size:0}'),  # ::before's text
])
def test_a_first_letter_hidden_is_left_out(tmp_path: Path, cell: str, css: str) -> None:
    value, _, hidden = _cell_page(tmp_path, cell, css)
    assert value == 37
    unseen = [h for h in hidden if "设为不显示或看不见的文字" in h]  # (the ::before case is also said as added text)
    assert len(unseen) == 1 and "网页中有1处" in unseen[0], hidden


@pytest.mark.parametrize(("cell", "css"), [
    ('<span class="f">137</span>', ".f::first-letter{font-size:0}"),  # inline: no first letter
    ('<div class="f" style="display:flex">137</div>', ".f::first-letter{font-size:0}"),
    ('<p class="f">137</p>', "p.f::first-letter{color:red; font-size:2em}"),  # a drop cap: shown
    ('<p class="f">137</p>', "p.f::first-line{color:#fff}"),  # not followed: never guessed hidden
])
def test_a_first_letter_shown_is_read(tmp_path: Path, cell: str, css: str) -> None:
    value, _, hidden = _cell_page(tmp_path, cell, css)
    assert value == 137 and not hidden, hidden
