"""CSS Color 4's ways of writing white (hostile15): “rgb(255 255 255 / 100%)”, “#ffff”,
“#ffffffff”, “rgb(100% 100% 100%)”, hsl() and near-white names (snow, ghostwhite) were read as no
colour, so a 1 written white on the white page before 37 was read: 137, nothing said.  And a
<datalist>'s options (suggestions for an input, never drawn) were read as text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_webcopy import _cell_page


@pytest.mark.parametrize("css", [
    ".h{color:rgb(255 255 255 / 100%)}",
    ".h{color:rgb(255 255 255)}",
    ".h{color:rgb(100% 100% 100%)}",
    ".h{color:#ffff}",
    ".h{color:#FFFFFFFF}",
    ".h{color:hsl(0 0% 100%)}",
    ".h{color:snow}",
    ".h{color:GhostWhite}",
])
def test_white_however_written_is_unseen(tmp_path: Path, css: str) -> None:
    value, _, hidden = _cell_page(tmp_path, '<span class="h">1</span>37', css)
    assert value == 37
    assert len(hidden) == 1 and "1处" in hidden[0], hidden


def test_a_datalist_is_never_drawn(tmp_path: Path) -> None:
    value, _, hidden = _cell_page(tmp_path, "<datalist><option>1</option></datalist>37")
    assert value == 37 and not hidden, hidden


@pytest.mark.parametrize("css", [
    ".h{color:rgb(0 0 0 / 100%)}",
    ".h{color:#000f}",
    ".h{color:rgb(255 0 0)}",
    ".h{color:hsl(0 100% 50%)}",
    ".h{color:whitesmoke}",  # f5f5f5: told from white
])
def test_a_colour_seen_is_read(tmp_path: Path, css: str) -> None:
    value, _, hidden = _cell_page(tmp_path, '<span class="h">1</span>37', css)
    assert value == 137 and not hidden, hidden
