"""An organ's name too long for a line breaks where its words allow (GB/T 9704 7.3.1: 回行时词意
完整，排列对称，长短适宜), in the title (20 characters of 2号) and in the 落款 (26 characters), alike
in the .docx and the print.  It was broken wherever the line ended: “…某某区税务局第一 / 税务分局 /
2023年度…”, “…办公室（某 / 某市机构编制委员会办公室）”."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from app import page
from app.docx.writer import write_docx
from app.organlines import organ_lines
from app.plan import Kind, TextBlock, build_plan, em_width, set_width
from app.report import Report

TITLE_ROOM = page.BLOCK_W_PT / page.TITLE_PT
SIGN_ROOM = page.CHARS_PER_LINE - page.SIGNATURE_RIGHT_CHARS

BROKEN = {
    "国家税务总局某某省某某市某某区税务局第一税务分局": ["国家税务总局某某省某某市", "某某区税务局第一税务分局"],
    "中共某某市委员会机构编制委员会办公室（某某市机构编制委员会办公室）": ["中共某某市委员会机构编制委员会办公室", "（某某市机构编制委员会办公室）"],
    # (not 13 / 9 under a 16-character year line: an hourglass, rev25d F10)
    "中国（浙江）自由贸易试验区宁波片区管理委员会": ["中国（浙江）", "自由贸易试验区宁波片区管理委员会"],
    "某某省某某市某某县某某镇人民政府党政综合办公室": ["某某省某某市某某县", "某某镇人民政府党政综合办公室"],
    "某某市市场监督管理局某某分局某某市场监督管理所": ["某某市市场监督管理局", "某某分局某某市场监督管理所"],
}


def _title_width(text: str) -> float:
    return set_width(text, page.TITLE.autospace)


TAIL = "2023年度政府信息公开工作年度报告"


@pytest.mark.parametrize(("organ", "lines"), BROKEN.items())
def test_a_long_organ_breaks_after_whole_names(organ: str, lines: list[str]) -> None:
    assert organ_lines(organ, _title_width, TITLE_ROOM, TAIL) == lines


@pytest.mark.parametrize("zone", ["浙江", "福建", "上海", "广东"])
def test_a_title_is_no_hourglass(zone: str) -> None:
    """GB/T 9704 7.3.1: 梯形或菱形 — no line shorter than both lines beside it, the year's line
    counted (the 自贸区 organs were set 13 / 9 / 16)."""
    organ = f"中国（{zone}）自由贸易试验区某某片区管理委员会"
    lines = build_plan(Report(organ=organ, year=2023))[0].text.split("\n")  # type: ignore[union-attr]
    widths = [_title_width(x) for x in lines]
    assert not any(widths[k] < min(widths[k - 1], widths[k + 1]) for k in range(1, len(widths) - 1)), lines


def test_a_bracket_inside_a_bracket_stays_with_its_name() -> None:
    """A bracket longer than the line breaks inside it, after a whole name: not before “（外事办公室）”,
    which says which 人民政府 (rev25d F11)."""
    organ = "某某市人民政府办公室（某某市人民政府（外事办公室）港澳事务办公室）"
    lines = organ_lines(organ, _title_width, TITLE_ROOM, TAIL)
    assert "".join(lines) == organ and all(_title_width(x) <= TITLE_ROOM for x in lines)
    assert not any(line.endswith("人民政府") or line.startswith("（外事") for line in lines), lines


def test_organs_signing_jointly_break_at_their_space() -> None:
    """The title's second line began with the separator “　”, centred a character off (rev25d
    F11); the 落款 keeps it, at its line's end, and reads back whole (W6)."""
    organ = "某县财政局　某县税务局　某县市场监督管理局联合"
    plan = build_plan(Report(organ=organ, year=2023, date=dt.date(2024, 1, 20)))
    title = plan[0].text.split("\n")  # type: ignore[union-attr]
    assert len(title) > 2 and "".join(title[:-1]).replace("　", "") == organ.replace("　", "")
    assert all(line == line.strip() for line in title), title


@pytest.mark.parametrize("organ", ["某某省某某市某某县人民政府办公室", "某某市住房和城乡建设局", "某局"])
def test_an_organ_that_fits_is_one_line(organ: str) -> None:
    assert organ_lines(organ, _title_width, TITLE_ROOM) == [organ]


@pytest.mark.parametrize("organ", [
    "某某某某某某某某某某某某某某某某某某某某某某某某某",  # no name ends: even halves
    "某某局（某某某某某某某某某某某某某某某某某某某某某某某某某某）",  # a bracket longer than a line
    "某" * 90,
])
def test_an_organ_without_breaks_still_fits_the_line(organ: str) -> None:
    lines = organ_lines(organ, _title_width, TITLE_ROOM)
    assert "".join(lines) == organ and all(_title_width(x) <= TITLE_ROOM for x in lines)
    assert max(map(len, lines)) - min(map(len, lines)) <= 1 or len(organ) == 90


@pytest.mark.parametrize(("organ", "lines"), BROKEN.items())
def test_the_title_and_the_signature_carry_the_breaks(organ: str, lines: list[str]) -> None:
    plan = build_plan(Report(organ=organ, year=2023, date=dt.date(2024, 1, 20)))
    title = plan[0]
    assert isinstance(title, TextBlock) and title.text.split("\n") == [*lines, "2023年度政府信息公开工作年度报告"]
    signed = next(b for b in plan if isinstance(b, TextBlock) and b.kind is Kind.SIGNATURE)
    expected = organ_lines(organ, em_width, SIGN_ROOM)
    assert signed.text.split("\n") == expected
    if len(expected) > 1:  # (the 落款 has 26 characters: the tax office's 24 fit it)
        assert all(not line.endswith("（") and not line.startswith("）") for line in expected)


# Place names that begin or go on with a place's last character (镇海区, 市中区, 西乡塘区, 镇原县) broke
# inside the name: “浙江省宁波市镇 / 海区人民政府…”.  A name cannot be empty (市|市中区), and a
# place is never inside a lower one (a 区 in a 乡).  A 街道 or 县 before its 办事处/办公室 is the unit.
INSIDE_PLACES = {
    "浙江省宁波市镇海区人民政府招宝山街道办事处": ["浙江省宁波市", "镇海区人民政府招宝山街道办事处"],
    "山东省济南市市中区人民政府大观园街道办事处": ["山东省济南市", "市中区人民政府大观园街道办事处"],
    "广西壮族自治区南宁市西乡塘区人民政府衡阳街道办事处": ["广西壮族自治区南宁市", "西乡塘区人民政府衡阳街道办事处"],
    "甘肃省庆阳市镇原县人民政府办公室政务公开科": ["甘肃省庆阳市", "镇原县人民政府办公室政务公开科"],
    "宁波市镇海区招宝山街道办事处综合行政执法队": ["宁波市镇海区", "招宝山街道办事处综合行政执法队"],
}


@pytest.mark.parametrize(("organ", "lines"), INSIDE_PLACES.items())
def test_a_place_name_is_not_broken_inside(organ: str, lines: list[str]) -> None:
    assert organ_lines(organ, _title_width, TITLE_ROOM, TAIL) == lines


def test_the_written_title_keeps_the_place_whole(tmp_path: Path) -> None:
    """As Word and the reviewer see it: the .docx's title paragraph, line by line."""
    organ = "浙江省宁波市镇海区人民政府招宝山街道办事处"
    path = tmp_path / "r.docx"
    write_docx(Report(organ=organ, year=2023, date=dt.date(2024, 1, 20)), path)
    title = docx.Document(str(path)).paragraphs[0].text
    assert title.split("\n") == ["浙江省宁波市", "镇海区人民政府招宝山街道办事处", TAIL]


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="forks")
def test_a_paragraph_pasted_into_the_organ_is_laid_out_at_once() -> None:
    """An organ no four lines can hold (a paragraph pasted into 机关名称) was searched over every
    pair of its break points, then every character: 300 characters took 7 s of each save, print
    and PDF, 600 a minute.  Run in a child held to 20 processor seconds: a hang ends it.  Its
    lines are as before: as nearly even as fit."""
    from tests.hostile import ends_in_child

    organ = "宁波市镇海区" * 100
    ends_in_child(lambda: build_plan(Report(organ=organ, year=2023, date=dt.date(2024, 1, 20))) is not None)
    lines = organ_lines(organ, em_width, SIGN_ROOM)
    assert "".join(lines) == organ and all(em_width(line) <= SIGN_ROOM for line in lines)
    assert len(lines) == -(-len(organ) // int(SIGN_ROOM)) and max(map(len, lines)) - min(map(len, lines)) <= 1
