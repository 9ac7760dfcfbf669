"""Figures Word prints but nobody sees: a run coloured as what is behind it (white on the white
page: n40) or set at a point or two (n42) is not glued onto the visible figure (“99” before
“37” read as 9937); it is left out as hidden text is, and HIDDEN-TEXT says so."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.checks import run_all
from app.reading import load_report
from app.schema import REQUESTS, T3_NEW
from tests.conftest import rewrite_docx
from tests.thirdparty import Spec, build, figure_as


def _r(text: str, props: str = "") -> str:
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def _read(tmp_path: Path, runs: str, body_edit: str = "") -> tuple[object, list[str], set[str]]:
    """表三 本年新收 自然人 (37) written as ``runs``: the value read, the HIDDEN-TEXT notes, and
    the codes of the checks."""
    report = load_report(figure_as(tmp_path, runs, body_edit=body_edit))
    notes = [f.message for f in report.import_findings if f.code == "HIDDEN-TEXT"]
    return report.tables[REQUESTS][(T3_NEW, 0)], notes, {f.code for f in run_all(report)}


@pytest.mark.parametrize("props", [
    '<w:color w:val="FFFFFF"/>',  # n40: white on the white page
    '<w:color w:val="ffffff" w:themeColor="background1"/>',
    '<w:sz w:val="2"/><w:szCs w:val="2"/>',  # n42: 1 pt
    '<w:sz w:val="4"/>',  # 2 pt: still no print anyone reads
    '<w:sz w:val="1.5pt"/>',  # a size with a unit (ST_PositiveUniversalMeasure)
    '<w:sz w:val="0.5mm"/>',
    '<w:color w:val="C00000"/><w:shd w:val="clear" w:color="auto" w:fill="C00000"/>',  # red on red
    '<w:color w:val="FFFF00"/><w:highlight w:val="yellow"/>',  # yellow on a yellow highlight
    '<w:w w:val="1"/>',  # a hairline: 1% of its width (hostile30: 121 for 21)
    '<w:w w:val="20%"/>',  # as Strict writes a percent
    # review31 M3: letters pulled back by half the font size or more are drawn over by the next
    '<w:spacing w:val="-400"/>',
    '<w:spacing w:val="-120"/><w:sz w:val="24"/>',  # 6 pt on 12 pt: exactly half
    '<w:spacing w:val="-6pt"/><w:sz w:val="24"/>',  # a measure with a unit
    '<w:fitText w:val="20" w:id="7"/>',  # two digits fitted into 1 pt
])
def test_an_unseen_old_figure_is_not_glued_on(tmp_path: Path, props: str) -> None:
    value, notes, _ = _read(tmp_path, _r("99", props) + _r("37"))
    assert value == 37
    assert len(notes) == 1 and "1处看不见的文字" in notes[0], notes


@pytest.mark.parametrize("props", [
    "",
    '<w:color w:val="000000"/>',
    '<w:color w:val="auto"/>',
    '<w:sz w:val="5"/>',  # 2.5 pt: tiny, but past the threshold
    # no size Word takes (ST_HpsMeasure): ignored, the run keeps its readable inherited size
    '<w:sz w:val="-4"/>',
    '<w:sz w:val="2.5"/>',
    '<w:sz w:val="1e0"/>',
    '<w:sz w:val=""/>',
    '<w:sz w:val="3pt"/>',  # 3 pt with a unit: readable
    '<w:color w:val="FFFFFF"/><w:shd w:val="clear" w:color="auto" w:fill="1F4E79"/>',  # white on dark blue
    '<w:color w:val="FFFFFF"/><w:highlight w:val="black"/>',
    '<w:w w:val="33"/>',  # the narrowest Word's menu offers: read
    '<w:w w:val="0"/>',  # no scale Word takes: full width
    '<w:spacing w:val="-20"/>',  # 紧缩 1 pt, as Chinese reports tighten
    '<w:spacing w:val="-110"/><w:sz w:val="24"/>',  # short of half of 12 pt
    '<w:spacing w:val="200"/>',  # expanded
    '<w:spacing w:val="-1.5"/>',  # no measure Word takes
    '<w:fitText w:val="600" w:id="7"/>',  # fitted into 30 pt: wider
])
def test_what_is_seen_is_read(tmp_path: Path, props: str) -> None:
    value, notes, _ = _read(tmp_path, _r("99", props) + _r("37"))
    assert value == 9937 and notes == []


def test_white_in_a_shaded_cell_is_seen(tmp_path: Path) -> None:
    """White text in a cell the paragraph or cell shades dark is what the reader sees."""
    shaded = ('<w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t>37</w:t></w:r>')
    src = build(Spec(t3={(T3_NEW, 0): "37"}), tmp_path / "src.docx")

    def edit(xml: str) -> str:
        # the cell holding 37 gets a dark fill in its tcPr
        m = re.search(r"<w:tc>((?:(?!</w:tc>).)*?)<w:r>(?:(?!</w:r>).)*?<w:t>37</w:t></w:r>", xml, re.S)
        assert m is not None
        cell = m.group(0)
        cell = re.sub(r"<w:r>(?:(?!</w:r>).)*?<w:t>37</w:t></w:r>", lambda _: shaded, cell, flags=re.S)
        cell = cell.replace("<w:tcPr>", '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="404040"/>', 1) \
            if "<w:tcPr>" in cell else cell.replace("<w:tc>", '<w:tc><w:tcPr><w:shd w:val="clear" w:fill="404040"/></w:tcPr>', 1)
        return xml[:m.start()] + cell + xml[m.end():]
    report = load_report(rewrite_docx(src, tmp_path / "cell.docx", edit))
    assert report.tables[REQUESTS][(T3_NEW, 0)] == 37
    assert not [f for f in report.import_findings if f.code == "HIDDEN-TEXT"]


def test_white_text_in_the_body_is_left_out(tmp_path: Path) -> None:
    """Not only figures: a white paragraph (keywords stuffed for a search engine, an old
    sentence) is not read into the text either."""
    para = '<w:p><w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t>看不见的旧句子</w:t></w:r></w:p>'
    value, notes, _ = _read(tmp_path, _r("37"), body_edit=para)
    assert value == 37 and len(notes) == 1
    report = load_report(tmp_path / "cell.docx")
    assert "看不见的旧句子" not in report.title + "".join(report.section_text(k) for k in report.sections)


def _styled(tmp_path: Path, runs: str, styles: str) -> tuple[object, list[str]]:
    report = load_report(figure_as(tmp_path, runs, styles))
    return report.tables[REQUESTS][(T3_NEW, 0)], [f.message for f in report.import_findings if f.code == "HIDDEN-TEXT"]


_GHOST = ('<w:style w:type="character" w:styleId="Ghost"><w:name w:val="Ghost"/><w:basedOn w:val="GhostBase"/></w:style>'
          '<w:style w:type="character" w:styleId="GhostBase"><w:name w:val="GhostBase"/><w:rPr>{}</w:rPr></w:style>')


@pytest.mark.parametrize("props", ['<w:color w:val="FFFFFF"/>', '<w:color w:val="FFFFFF" w:themeColor="background1"/>',
                                   '<w:sz w:val="2"/>', '<w:w w:val="1"/>',  # review31 M3: scale and spacing too
                                   '<w:spacing w:val="-400"/>', '<w:spacing w:val="-120"/><w:sz w:val="24"/>'])
def test_unseen_by_a_character_style(tmp_path: Path, props: str) -> None:
    """White or 1-pt text given by a character style (through its basedOn chain) is as unseen."""
    runs = '<w:r><w:rPr><w:rStyle w:val="Ghost"/></w:rPr><w:t>99</w:t></w:r>' + _r("37")
    value, notes = _styled(tmp_path, runs, _GHOST.format(props))
    assert value == 37 and len(notes) == 1


def test_a_runs_own_colour_wins_its_styles(tmp_path: Path) -> None:
    runs = '<w:r><w:rPr><w:rStyle w:val="Ghost"/><w:color w:val="000000"/></w:rPr><w:t>99</w:t></w:r>' + _r("37")
    value, notes = _styled(tmp_path, runs, _GHOST.format('<w:color w:val="FFFFFF"/>'))
    assert value == 9937 and notes == []


@pytest.mark.parametrize(("size", "unseen"), [(20, True), (48, False)])
def test_pulled_back_letters_are_judged_at_the_size_their_style_gives(tmp_path: Path, size: int, unseen: bool) -> None:
    """Spacing of -10 pt on the run: half of 10 pt is overdrawn, of 24 pt (its style's size) is not."""
    runs = '<w:r><w:rPr><w:rStyle w:val="Ghost"/><w:spacing w:val="-200"/></w:rPr><w:t>99</w:t></w:r>' + _r("37")
    value, notes = _styled(tmp_path, runs, _GHOST.format(f'<w:sz w:val="{size}"/>'))
    assert (value, len(notes)) == ((37, 1) if unseen else (9937, 0)), (value, notes)


def test_a_paragraph_styles_scale_is_as_unseen(tmp_path: Path) -> None:
    """w:w through the cell paragraph's style (review31 M3): its whole text is a hairline."""
    styles = ('<w:style w:type="paragraph" w:styleId="Thin"><w:name w:val="Thin"/>'
              '<w:rPr><w:w w:val="5"/></w:rPr></w:style>')
    runs = '<w:pPr><w:pStyle w:val="Thin"/></w:pPr>' + _r("99") + _r("37")  # the cell's paragraph starts with them
    report = load_report(figure_as(tmp_path, runs, styles))
    assert report.tables[REQUESTS][(T3_NEW, 0)] is None
    assert [f.code for f in report.import_findings if f.code == "HIDDEN-TEXT"] == ["HIDDEN-TEXT"]


def test_the_runs_looked_at_are_those_two_expressions_found(tmp_path: Path) -> None:
    """app.docx.invisible finds the runs to look at with one XPath walk (a read's 18 M instructions
    were 6.5 M): the same runs as the two expressions it replaced, kept here as the reference —
    sizes of every spelling, each property alone and together, a paragraph mark's and a run
    without text (never), a run inside a text box inside a run."""
    from lxml import etree

    from app.docx import invisible
    from app.docx.texteffects import W14
    from app.docx.xmlkids import W

    ns = {"w": W, "w14": W14}
    tiny_reference = etree.XPath(
        ".//w:r[w:t][w:rPr/w:sz[@w:val <= 4 or translate(@w:val, '0123456789', '') != '']]", namespaces=ns)
    narrow_reference = etree.XPath(
        ".//w:r[w:t][w:rPr[w:w or w:fitText or w:spacing[contains(@w:val, '-')] or w14:textFill]]", namespaces=ns)
    sizes = ["2", "4", "5", "24", "0004", " 3", "3 ", "", "-2", "4.5", "1.5pt", "x", "²"]
    others = ['<w:w w:val="10"/>', '<w:fitText w:val="100" w:id="1"/>', '<w:spacing w:val="-40"/>',
              '<w:spacing w:val="40"/>', '<w:spacing/>', '<w14:textFill><w14:noFill/></w14:textFill>']
    runs = [_r("一", f'<w:sz w:val="{v}"/>') for v in sizes] + [_r("二", p) for p in others]
    runs += [_r("三", f'<w:sz w:val="{v}"/>{p}') for v in ("3", "30") for p in others]
    runs += ['<w:r><w:rPr><w:sz/></w:rPr><w:t>四</w:t></w:r>',  # a size without a value
             '<w:r><w:rPr><w:sz w:val="2"/><w:w w:val="5"/></w:rPr><w:tab/></w:r>',  # no text
             '<w:r><w:rPr><w:sz w:val="30"/></w:rPr><w:rPr><w:sz w:val="2"/></w:rPr><w:t>五</w:t></w:r>',
             '<w:r><w:rPr><w:w w:val="5"/></w:rPr><w:pict><w:txbxContent><w:p>' + _r("六", '<w:sz w:val="2"/>')
             + '</w:p></w:txbxContent></w:pict><w:t>七</w:t></w:r>']
    body = etree.fromstring(
        f'<w:body xmlns:w="{W}" xmlns:w14="{W14}"><w:p><w:pPr><w:rPr><w:sz w:val="2"/><w:w w:val="5"/></w:rPr></w:pPr>'
        + "".join(runs) + "</w:p></w:body>")
    tiny, narrow = invisible._suspects(body)
    assert tiny == tiny_reference(body) and narrow == narrow_reference(body)
    assert len(tiny) == 18 and len(narrow) == 13  # what the two expressions find here
