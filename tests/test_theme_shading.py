"""A shading's theme colour is the one Word paints (hostile14): w:themeFill (w:themeColor for a
solid pattern) over whatever w:fill says, as a run's w:themeColor over its w:val.  A white “1” on
a shading whose w:fill said black but whose theme fill is background1 (white) drew nothing in
Word and was read (121); white text on a theme fill of text1 (black) shows and was dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reading import load_report
from app.schema import REQUESTS, T3_NEW
from app.values import Value
from tests.conftest import rewrite_docx
from tests.thirdparty import figure_as


def _r(text: str, props: str = "") -> str:
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def _read(tmp_path: Path, runs: str) -> tuple[Value, list[str]]:
    report = load_report(figure_as(tmp_path, runs))
    return report.tables[REQUESTS][(T3_NEW, 0)], [f.message for f in report.import_findings if f.code == "HIDDEN-TEXT"]


@pytest.mark.parametrize("shading", [
    '<w:shd w:val="clear" w:color="auto" w:fill="000000" w:themeFill="background1"/>',
    '<w:shd w:val="clear" w:color="auto" w:fill="000000" w:themeFill="text1" w:themeFillTint="00"/>',  # lightened all the way
    '<w:shd w:val="solid" w:color="000000" w:themeColor="background1" w:fill="auto"/>',
])
def test_white_on_a_white_theme_fill_is_unseen(tmp_path: Path, shading: str) -> None:
    value, hidden = _read(tmp_path, _r("1", f'<w:color w:val="FFFFFF"/>{shading}') + _r("37"))
    assert value == 37
    assert len(hidden) == 1 and "1处看不见的文字" in hidden[0], hidden


@pytest.mark.parametrize("shading", [
    '<w:shd w:val="clear" w:color="auto" w:fill="FFFFFF" w:themeFill="text1"/>',
    '<w:shd w:val="clear" w:color="auto" w:fill="FFFFFF" w:themeFill="accent1"/>',
    '<w:shd w:val="clear" w:color="auto" w:fill="000000"/>',  # no theme: w:fill as before
])
def test_white_on_a_dark_theme_fill_is_read(tmp_path: Path, shading: str) -> None:
    value, hidden = _read(tmp_path, _r("37", f'<w:color w:val="FFFFFF"/>{shading}'))
    assert value == 37 and not hidden, hidden


@pytest.mark.parametrize(("theme", "value"), [("background1", 37), ("text1", 137)])
def test_a_theme_fill_on_the_cell_decides_too(tmp_path: Path, theme: str, value: int) -> None:
    """The cell's shading says black; its theme fill decides whether the white “1” shows."""
    path = figure_as(tmp_path, _r("1", '<w:color w:val="FFFFFF"/>') + _r("37"))

    def shade(xml: str) -> str:
        at = xml.rfind("<w:tc>", 0, xml.index(">1</w:t>"))
        assert at >= 0
        shd = f'<w:shd w:val="clear" w:color="auto" w:fill="000000" w:themeFill="{theme}"/>'
        head = xml[at:at + 6 + len("<w:tcPr>")]
        if head.endswith("<w:tcPr>"):
            return xml[:at] + head + shd + xml[at + len(head):]
        return xml[:at] + f"<w:tc><w:tcPr>{shd}</w:tcPr>" + xml[at + 6:]
    report = load_report(rewrite_docx(path, tmp_path / "shaded.docx", shade))
    assert report.tables[REQUESTS][(T3_NEW, 0)] == value


@pytest.mark.parametrize(("background", "ink", "value"), [
    # Word paints the page's theme colour, whatever w:color says (review15 L1): the white 1 is unseen
    ('<w:background w:color="000000" w:themeColor="background1"/>', "FFFFFF", 37),
    # background1 darkened to BFBFBF: a 1 in that grey is unseen, a white one shows
    ('<w:background w:color="FFFFFF" w:themeColor="background1" w:themeShade="BF"/>', "BFBFBF", 37),
    ('<w:background w:color="FFFFFF" w:themeColor="background1" w:themeShade="BF"/>', "FFFFFF", 137),
    # text1 (black) lightened all the way is white
    ('<w:background w:color="000000" w:themeColor="text1" w:themeTint="00"/>', "FFFFFF", 37),
    ('<w:background w:color="FFFFFF" w:themeColor="text1"/>', "FFFFFF", 137),  # a black page shows white text
    ('<w:background w:color="000000"/>', "FFFFFF", 137),  # no theme: w:color as before
])
def test_the_page_colour_is_its_theme_colour(tmp_path: Path, background: str, ink: str, value: int) -> None:
    path = figure_as(tmp_path, _r("1", f'<w:color w:val="{ink}"/>') + _r("37"))

    def page(xml: str) -> str:
        at = xml.index("<w:body>")
        return xml[:at] + background + xml[at:]
    report = load_report(rewrite_docx(path, tmp_path / "page.docx", page))
    assert report.tables[REQUESTS][(T3_NEW, 0)] == value


_INK_STYLE = ('<w:style w:type="character" w:styleId="Ink"><w:name w:val="Ink"/>'
              '<w:rPr><w:color w:val="{ink}"/></w:rPr></w:style>')


@pytest.mark.parametrize(("background", "ink", "value"), [
    ('<w:background w:color="FF0000"/>', "FF0000", 37),  # red text (its style's) on a red page
    ('<w:background w:color="FFFFFF" w:themeColor="background1" w:themeShade="BF"/>', "BFBFBF", 37),
    ('<w:background w:color="FFFFFF" w:themeColor="background1" w:themeShade="BF"/>', "FF0000", 137),
    ('<w:background w:color="000000" w:themeColor="background1"/>', "FFFFFF", 37),
])
def test_a_style_in_the_page_colour_is_unseen(tmp_path: Path, background: str, ink: str, value: int) -> None:
    """The colour a character style gives is judged against the page's too: the styles were
    looked into only for white or tiny text, so a “1” in a style coloured as a red (or a theme
    grey) page was read (137)."""
    runs = _r("1", '<w:rStyle w:val="Ink"/>') + _r("37")
    path = figure_as(tmp_path, runs, styles=_INK_STYLE.format(ink=ink))

    def page(xml: str) -> str:
        at = xml.index("<w:body>")
        return xml[:at] + background + xml[at:]
    report = load_report(rewrite_docx(path, tmp_path / "page.docx", page))
    assert report.tables[REQUESTS][(T3_NEW, 0)] == value
