"""Hostile lists (numbering.xml): a list of thousands of levels, its paragraphs one level deeper
each, made each label look at every level counted before it — 20,000 levels 3 s, 60,000
past the hostile files' limit.  Word has nine levels (ilvl 0–8): a list counts those and no
more (app/docx/numbering.py LEVELS), and is read within the hostile files' bounds."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from app.docx.numbering import Numbering
from tests.hostile import run_one
from tests.hostile_base import _sample_parts
from tests.test_hostile_classes import _W, _docx

_NUMBERING_REL = (b'<Relationship Id="rIdN" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                  b'relationships/numbering" Target="numbering.xml"/></Relationships>')
_NUMBERING_TYPE = (b'<Override PartName="/word/numbering.xml" ContentType="application/'
                   b'vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>')


def _levels(count: int) -> str:
    """One list (abstractNum 0, numId 1) of ``count`` levels of decimals, “%1.%2.” … to the ninth."""
    levels = "".join(f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                     f'<w:lvlText w:val="{"".join(f"%{j + 1}." for j in range(k + 1)) if k < 9 else "%1."}"/></w:lvl>'
                     for k in range(count))
    return (f'<w:numbering {_W}><w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def _paragraph(ilvl: int, text: str = "") -> str:
    return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            + (f"<w:r><w:t>{text}</w:t></w:r>" if text else "") + "</w:p>")


def _labels(levels: int, ilvls: list[int]) -> list[str]:
    numbering = Numbering(etree.fromstring(_levels(levels).encode()), None)
    return [numbering.label(etree.fromstring(f"<w:body {_W}>{_paragraph(i)}</w:body>")[0]) for i in ilvls]


def test_a_list_counts_words_nine_levels_and_no_more() -> None:
    ilvls = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 8, 1, 0]
    assert _labels(20, ilvls) == ["1.", "1.1.", "1.1.1.", "1.1.1.1.", "1.1.1.1.1.", "1.1.1.1.1.1.",
                                  "1.1.1.1.1.1.1.", "1.1.1.1.1.1.1.1.", "1.1.1.1.1.1.1.1.1.", "", "",
                                  "1.1.1.1.1.1.1.1.2.", "1.2.", "2."]
    assert _labels(9, ilvls) == _labels(20, ilvls)  # the levels past nine change nothing


def test_a_list_of_60000_levels_stepped_through_is_read_within_bounds(tmp_path: Path) -> None:
    originals = {info.filename: data for info, data in _sample_parts()}
    document = originals["word/document.xml"].decode("utf-8")
    steps = "".join(_paragraph(k, "项") for k in range(60_000))
    document = document.replace("<w:body>", "<w:body>" + steps, 1)
    path = tmp_path / "levels.docx"
    path.write_bytes(_docx(document=document.encode("utf-8"), parts={
        "word/numbering.xml": _levels(60_000).encode(),
        "word/_rels/document.xml.rels": originals["word/_rels/document.xml.rels"].replace(b"</Relationships>", _NUMBERING_REL),
        "[Content_Types].xml": originals["[Content_Types].xml"].replace(b"</Types>", _NUMBERING_TYPE)}))
    outcome = run_one(path, timeout=20)  # (before: 34 s of processor, killed; now under 3 s)
    # 60,000 paragraphs take some 260 MB to read whatever their lists: the levels add nothing
    assert outcome.result == "read" and outcome.peak_mb < 400, outcome
