"""Content a browser draws no text for (hostile14): the fallback inside <video>, <audio>,
<canvas>, <meter>, <progress>, <iframe>, <noembed>, <noframes> is never seen — a player, a bar
or a frame is drawn in its place — and a [popover] not opened is display:none.  “<video>1</video>37”
read 137, nothing said; a browser shows 37."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_webcopy import _cell_page


@pytest.mark.parametrize("cell", [
    "<video>1</video>37",
    '<audio controls>1<source src="a.mp3"></audio>37',
    '<canvas width="0" height="0">1</canvas>37',
    '<meter value="1">1</meter>37',
    '<progress value="1" max="1">1</progress>37',
    "<iframe>1</iframe>37",
    "<noembed>1</noembed>37",
    "<noframes>1</noframes>37",
])
def test_fallback_content_is_not_read(tmp_path: Path, cell: str) -> None:
    value, _, hidden = _cell_page(tmp_path, cell)
    assert value == 37 and not hidden, hidden


def test_a_popover_not_opened_is_hidden_text(tmp_path: Path) -> None:
    value, _, hidden = _cell_page(tmp_path, "<div popover>1</div>37")
    assert value == 37
    assert len(hidden) == 1 and "1处" in hidden[0], hidden


@pytest.mark.parametrize(("cell", "css"), [
    ('<div popover style="display:block">37</div>', ""),  # the author's CSS shows it
    ('<div popover class="shown">37</div>', ".shown{display:inline}"),
    ("<video></video>37", ""),  # a player beside the figure takes nothing from it
])
def test_what_the_page_shows_is_read(tmp_path: Path, cell: str, css: str) -> None:
    value, _, hidden = _cell_page(tmp_path, cell, css)
    assert value == 37 and not hidden, hidden
