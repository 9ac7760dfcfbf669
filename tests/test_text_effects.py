"""Word 2010's text effects (文本效果, w14:textFill) decide what a run shows (hostile14): a “99”
with 文本填充“无填充”, or a fill at 100 % transparency, draws nothing in Word and WPS, and was glued
onto the figure after it (9937 for 37, nothing said); a black text fill over a stale white
w:color is black, and was dropped as white on white."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reading import load_report
from app.schema import REQUESTS, T3_NEW
from app.values import Value
from tests.thirdparty import figure_as

W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'


def _r(text: str, props: str = "") -> str:
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def _fill(inner: str) -> str:
    return f"<w14:textFill {W14}>{inner}</w14:textFill>"


def _outline(inner: str) -> str:
    return f'<w14:textOutline {W14} w14:w="9525" w14:cap="flat" w14:cmpd="sng" w14:algn="ctr">{inner}</w14:textOutline>'


def _solid(colour: str, alpha: int | None = None) -> str:
    a = f'<w14:alpha w14:val="{alpha}"/>' if alpha is not None else ""
    return f'<w14:solidFill><w14:srgbClr w14:val="{colour}">{a}</w14:srgbClr></w14:solidFill>'


def _read(tmp_path: Path, runs: str) -> tuple[Value, list[str]]:
    """表三 本年新收 自然人 (37) written as ``runs``: the value and the HIDDEN-TEXT notes."""
    path = figure_as(tmp_path, runs)
    report = load_report(path)
    return report.tables[REQUESTS][(T3_NEW, 0)], [f.message for f in report.import_findings if f.code == "HIDDEN-TEXT"]


@pytest.mark.parametrize("effect", [
    _fill("<w14:noFill/>"),  # 文本填充：无填充
    _fill(_solid("000000", alpha=100000)),  # 透明度 100%
    _fill(_solid("000000", alpha=98000)),
    _fill(_solid("FFFFFF")),  # a white fill on the white page, whatever w:color says
    _fill('<w14:solidFill><w14:schemeClr w14:val="bg1"/></w14:solidFill>'),  # the theme's background colour
    _fill("<w14:noFill/>") + _outline("<w14:noFill/>"),  # no outline either
    _fill("<w14:noFill/>") + _outline(_solid("FFFFFF")),  # an outline as white as the page
])
def test_a_figure_drawn_in_no_ink_is_not_read(tmp_path: Path, effect: str) -> None:
    value, hidden = _read(tmp_path, _r("99", f'<w:color w:val="000000"/>{effect}') + _r("37"))
    assert value == 37
    assert len(hidden) == 1 and "1处看不见的文字" in hidden[0] and "文本效果" in hidden[0]


@pytest.mark.parametrize("effect", [
    _fill(_solid("000000")),
    _fill(_solid("FF0000", alpha=50000)),  # half transparent red: pink, seen
    _fill('<w14:solidFill><w14:schemeClr w14:val="tx1"/></w14:solidFill>'),
    _fill('<w14:gradFill><w14:gsLst><w14:gs w14:pos="0"><w14:srgbClr w14:val="FFFFFF"/></w14:gs>'
          '<w14:gs w14:pos="100000"><w14:srgbClr w14:val="000000"/></w14:gs></w14:gsLst></w14:gradFill>'),
    _fill("<w14:noFill/>") + _outline(_solid("000000")),  # hollow letters: their outline shows
])
def test_a_text_effect_that_shows_is_read_over_a_white_colour(tmp_path: Path, effect: str) -> None:
    """Word draws the text fill, not w:color: a stale w:color of white under a fill that shows
    is no white text."""
    value, hidden = _read(tmp_path, _r("37", f'<w:color w:val="FFFFFF"/>{effect}'))
    assert value == 37 and not hidden


def test_a_run_without_text_effects_keeps_its_colour_rules(tmp_path: Path) -> None:
    value, hidden = _read(tmp_path, _r("99", '<w:color w:val="FFFFFF"/>') + _r("37"))
    assert value == 37 and len(hidden) == 1
    value, hidden = _read(tmp_path, _r("37", '<w:color w:val="FF0000"/>'))
    assert value == 37 and not hidden
