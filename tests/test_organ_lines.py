"""An organ's name too long for a line breaks where its words allow (GB/T 9704 7.3.1: 回行时词意
完整，排列对称，长短适宜), in the title (20 characters of 2号) and in the 落款 (26 characters), alike
in the .docx and the print.  It was broken wherever the line ended: “…某某区税务局第一 / 税务分局 /
2023年度…”, “…办公室（某 / 某市机构编制委员会办公室）”."""

from __future__ import annotations

import datetime as dt

import pytest

from app import page
from app.organlines import organ_lines
from app.plan import Kind, TextBlock, build_plan, em_width, set_width
from app.report import Report

TITLE_ROOM = page.BLOCK_W_PT / page.TITLE_PT
SIGN_ROOM = page.CHARS_PER_LINE - page.SIGNATURE_RIGHT_CHARS

BROKEN = {
    "国家税务总局某某省某某市某某区税务局第一税务分局": ["国家税务总局某某省某某市", "某某区税务局第一税务分局"],
    "中共某某市委员会机构编制委员会办公室（某某市机构编制委员会办公室）": ["中共某某市委员会机构编制委员会办公室", "（某某市机构编制委员会办公室）"],
    "中国（浙江）自由贸易试验区宁波片区管理委员会": ["中国（浙江）自由贸易试验区", "宁波片区管理委员会"],
    "某某省某某市某某县某某镇人民政府党政综合办公室": ["某某省某某市某某县", "某某镇人民政府党政综合办公室"],
    "某某市市场监督管理局某某分局某某市场监督管理所": ["某某市市场监督管理局", "某某分局某某市场监督管理所"],
}


def _title_width(text: str) -> float:
    return set_width(text, page.TITLE.autospace)


@pytest.mark.parametrize(("organ", "lines"), BROKEN.items())
def test_a_long_organ_breaks_after_whole_names(organ: str, lines: list[str]) -> None:
    assert organ_lines(organ, _title_width, TITLE_ROOM) == lines


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
