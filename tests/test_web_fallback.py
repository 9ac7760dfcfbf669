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


@pytest.mark.parametrize("cell", [
    "<svg><title>1</title></svg>37",  # a tooltip
    "<svg><desc>1</desc></svg>37",
    "<svg><g><metadata>1</metadata></g></svg>37",
    "<math><semantics><mrow></mrow><annotation>1</annotation></semantics></math>37",
    # what only paints or clips something else, never drawn where it stands
    "<svg><clipPath><text>1</text></clipPath></svg>37",
    "<svg><mask><text>1</text></mask></svg>37",
    "<svg><pattern><text>1</text></pattern></svg>37",
    "<svg><marker><text>1</text></marker></svg>37",
    "<svg><defs><text>1</text></defs></svg>37",  # no <use> draws it
    "<svg><symbol><text>1</text></symbol></svg>37",
])
def test_what_svg_and_mathml_never_render_is_not_read(tmp_path: Path, cell: str) -> None:
    """review15 M4: SVG's <title>, <desc>, <metadata> and MathML's <annotation> are never drawn,
    whatever the CSS: “<svg><title>1</title></svg>37” read 137; a browser shows 37."""
    value, _, hidden = _cell_page(tmp_path, cell)
    assert value == 37 and not hidden, (value, hidden)


@pytest.mark.parametrize(("cell", "css"), [
    ("<title>1</title>37", ""),  # outside the head: display:none in the browser's own sheet
])
def test_what_the_browsers_sheet_hides_is_hidden_text(tmp_path: Path, cell: str, css: str) -> None:
    """review15 M4: a <title> out of place is display:none in every browser's own style sheet:
    left out and said, as a <dialog> without open is (a <datalist>: tests/test_web_colours.py)."""
    value, _, hidden = _cell_page(tmp_path, cell, css)
    assert value == 37
    assert len(hidden) == 1 and "1处" in hidden[0], hidden


def test_a_title_the_page_shows_is_read(tmp_path: Path) -> None:
    """The author's CSS beats the browser's own sheet: a <title> shown as a block shows."""
    value, _, hidden = _cell_page(tmp_path, "<title>37</title>", "title{display:block}")
    assert value == 37 and not hidden, hidden


@pytest.mark.parametrize(("cell", "value"), [
    ('<svg><defs><text id="t">37</text></defs><use href="#t"/></svg>', 37),  # a <use> draws it
    ("<svg><text>1</text></svg>37", 137),  # SVG text is drawn
    ("<object>1</object>37", 137),  # an object with nothing to show shows its fallback
])
def test_what_svg_and_objects_draw_is_read(tmp_path: Path, cell: str, value: int) -> None:
    assert _cell_page(tmp_path, cell)[0] == value
