"""Text written in an embedded drawing that a browser does not draw (hostile17): an SVG <text>
neither filled nor outlined (fill="none", on it or on the group around it, or by CSS; a fill of
no opacity), and an <object>'s fallback content when what it embeds is there — a data: URL, or
a file saved beside the page.  Each read the hidden 1 before 37 as 137, nothing said.  The
controls are what a browser does show: an outlined text, a fill set again inside, the fallback
of an <object> whose file is missing, on the network or for a plug-in."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_webcopy import _cell_page

_SVG = '<svg width="40" height="20">{}</svg>37'


@pytest.mark.parametrize("inside", [
    '<text x="0" y="15" fill="none">1</text>',
    '<text x="0" y="15" fill="transparent">1</text>',
    '<text x="0" y="15" fill="rgba(0,0,0,0)">1</text>',
    '<text x="0" y="15" fill-opacity="0">1</text>',
    '<text x="0" y="15" style="fill:none">1</text>',
    '<g fill="none"><text x="0" y="15">1</text></g>',
    '<g fill="none"><text x="0" y="15"><tspan>1</tspan></text></g>',
    '<text x="0" y="15" fill="none" stroke="black" stroke-width="0">1</text>',
    '<text x="0" y="15" fill="none" stroke="red" stroke-opacity="0">1</text>',
])
def test_svg_text_painted_with_nothing_is_left_out(tmp_path: Path, inside: str) -> None:
    value, _, hidden = _cell_page(tmp_path, _SVG.format(inside))
    assert value == 37 and len(hidden) == 1, hidden


def test_svg_text_a_rule_paints_with_nothing_is_left_out(tmp_path: Path) -> None:
    value, _, hidden = _cell_page(tmp_path, _SVG.format('<text class="h" x="0" y="15">1</text>'), ".h{fill:none}")
    assert value == 37 and len(hidden) == 1, hidden


@pytest.mark.parametrize(("inside", "css"), [
    ('<text x="0" y="15">1</text>', ""),
    ('<text x="0" y="15" fill="none" stroke="black">1</text>', ""),  # outlined: drawn
    ('<g fill="none"><text x="0" y="15" fill="black">1</text></g>', ""),
    ('<text x="0" y="15" fill="none"><tspan fill="#000">1</tspan></text>', ""),  # filled again inside
    ('<text x="0" y="15" fill="none" class="k">1</text>', ".k{fill:black}"),  # the rule over the attribute
    ('<text x="0" y="15" fill-opacity="0.5">1</text>', ""),
])
def test_svg_text_drawn_is_read(tmp_path: Path, inside: str, css: str) -> None:
    value, _, hidden = _cell_page(tmp_path, _SVG.format(inside), css)
    assert value == 137 and not hidden, hidden


_DATA_SVG = "data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 width=%2210%22 height=%2210%22/%3E"


@pytest.mark.parametrize("obj", [
    f'<object data="{_DATA_SVG}">1</object>',
    f'<object data="{_DATA_SVG}" type="image/svg+xml"><p>1</p></object>',
    '<object data="图_files/表.svg" type="image/svg+xml">1</object>',  # saved beside the page
    '<object data="图_files/表.svg">1</object>',
])
def test_an_object_shown_hides_its_fallback(tmp_path: Path, obj: str) -> None:
    (tmp_path / "图_files").mkdir()
    (tmp_path / "图_files" / "表.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
                                                 encoding="utf-8")
    value, _, hidden = _cell_page(tmp_path, obj + "37")
    assert value == 37 and len(hidden) == 1, hidden


@pytest.mark.parametrize("obj", [
    '<object data="图_files/缺.svg" type="image/svg+xml">1</object>',  # missing: the fallback shows
    '<object data="https://example.com/a.svg" type="image/svg+xml">1</object>',  # the network: not known
    '<object data="../outside.svg">1</object>',  # outside the page's folder: not read
    '<object data="图_files/动画.swf" type="application/x-shockwave-flash">1</object>',  # a plug-in: none today
    '<object>1</object>',
    '<object data="data:application/x-shockwave-flash,AAAA">1</object>',
])
def test_an_object_not_shown_shows_its_fallback(tmp_path: Path, obj: str) -> None:
    (tmp_path / "图_files").mkdir()
    (tmp_path / "图_files" / "动画.swf").write_bytes(b"FWS\x01")
    (tmp_path / "outside.svg").write_text("<svg/>", encoding="utf-8")
    page = tmp_path / "page"
    page.mkdir()
    value, _, hidden = _cell_page(page if "outside" in obj else tmp_path, obj + "37")
    assert value == 137 and not hidden, hidden
