"""A third party's title typed as centred paragraphs, a long organ over two above the year's line
(rev24b R1's .docx part): the organ is read whole, whatever the 落款 says (none, or a short form),
a red 红头 above it left out; lines set apart or no organ's (（此件公开发布）, the organ again)
are never taken into it."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

from app.reading import load_report
from tests.thirdparty import Spec, build

ORGANS = [("中国（浙江）自由贸易试验区", "宁波片区管理委员会"), ("国家税务总局宁波市", "北仑区税务局"),
          ("中共宁波市北仑区委", "机构编制委员会办公室")]
YEAR_LINE = "2023年度政府信息公开工作年度报告"


def _centred(p: docx.text.paragraph.Paragraph, size: float = 22, red: bool = False) -> None:
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for r in p.runs:
        r.font.size = Pt(size)
        if red:
            r.font.color.rgb = RGBColor(255, 0, 0)


def _titled(tmp_path: Path, lines: list[str], signed: str | None, above: tuple[str, bool] | None = None) -> Path:
    """A report titled by ``lines`` (centred alike), signed ``signed`` (None: no 落款's organ),
    under a line ``above`` (its text, red or set as the title)."""
    organ = "".join(lines[:-1])
    d = docx.Document(str(build(Spec(organ=organ, title=lines[0]), tmp_path / "src.docx")))
    first = d.paragraphs[0]
    _centred(first)
    for at, text in enumerate(lines[1:], 1):
        _centred(d.paragraphs[at].insert_paragraph_before(text))
    if above is not None:
        _centred(first.insert_paragraph_before(above[0]), 26 if above[1] else 22, red=above[1])
    sig = [p for p in d.paragraphs if p.text == organ][-1]
    if signed is None:
        sig._p.getparent().remove(sig._p)
    else:
        sig.text = signed
    d.save(str(tmp_path / "titled.docx"))
    return tmp_path / "titled.docx"


@pytest.mark.parametrize("organ", ORGANS, ids=["brackets", "tax", "party"])
@pytest.mark.parametrize("signed", ["none", "short", "red-letterhead"])
def test_an_organ_over_two_centred_paragraphs_is_read_whole(tmp_path: Path, organ: tuple[str, str], signed: str) -> None:
    above = (organ[1] + "文件", True) if signed == "red-letterhead" else None
    path = _titled(tmp_path, [*organ, YEAR_LINE], None if signed == "none" else organ[1], above)
    report = load_report(path)
    assert (report.organ, report.year) == ("".join(organ), 2023)
    assert not [f for f in report.import_findings if f.code == "TITLE-NONSTANDARD"]


def test_a_red_line_of_the_organ_above_is_a_letterhead(tmp_path: Path) -> None:
    """The 红头 names the organ set apart (red, larger): the title is the lines below it."""
    path = _titled(tmp_path, ["某县人民政府", YEAR_LINE], "某县人民政府", ("某县人民政府办公室", True))
    assert load_report(path).organ == "某县人民政府"


@pytest.mark.parametrize("above", ["（此件公开发布）", "某县人民政府"])
def test_lines_alike_that_are_no_part_of_the_organ_stay_out(tmp_path: Path, above: str) -> None:
    path = _titled(tmp_path, ["某县人民政府", YEAR_LINE], "某县人民政府", (above, False))
    assert load_report(path).organ == "某县人民政府"
