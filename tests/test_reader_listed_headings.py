"""The section headings named inside the text — an introduction listing the six parts on one
line (“一、总体情况 二、主动公开政府信息情况 …”), or its lead-in above a 目录 typed as plain
lines — are no headings: the report is split only at its own headings.  Read through
load_report on third-party .docx files and text copies."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.reading import load_report
from app.report import Report
from app.schema import T3_COL_NATURAL, T3_NEW
from tests.conftest import rewrite_docx
from tests.thirdparty import HEADINGS, Spec, build

TEXT = {"一": ["总体说明。"], "二": ["主动说明。"], "三": ["申请说明。"], "四": ["复议说明。"], "五": ["问题说明。"],
        "六": ["其他说明。"]}
INTRO = "本报告根据《中华人民共和国政府信息公开条例》编制。"
LISTINGS = {
    "spaces": "　".join(HEADINGS.values()),
    "lead-in": "本报告包括" + "；".join(HEADINGS.values()) + "六个部分。",
    "numbers-only": "全文包括：" + " ".join(HEADINGS.values()),
}


def _in_place(r: Report, front: list[str]) -> None:
    assert r.section_text("前言") == "\n".join(front)
    for key, lines in TEXT.items():
        assert r.section_text(key) == "\n".join(lines), key
    assert r.tables["三"][(T3_NEW, T3_COL_NATURAL)] == 7


def _docx_with(tmp_path: Path, paragraphs: list[str]) -> Path:
    """A third-party report whose 前言 has ``paragraphs`` after its first line (a "\\n" in one is
    a manual line break, w:br, as a pasted line keeps)."""
    src = build(Spec(text=TEXT, t3={(T3_NEW, T3_COL_NATURAL): "7"}), tmp_path / "src.docx")

    def para(text: str) -> str:
        runs = "<w:r><w:br/></w:r>".join(f"<w:r><w:t>{part}</w:t></w:r>" for part in text.split("\n"))
        return f"<w:p>{runs}</w:p>"

    def edit(xml: str) -> str:
        anchor = re.search(re.escape(INTRO) + r"</w:t></w:r></w:p>", xml)
        assert anchor is not None
        return xml[:anchor.end()] + "".join(para(p) for p in paragraphs) + xml[anchor.end():]
    return rewrite_docx(src, tmp_path / "listed.docx", edit)


@pytest.mark.parametrize("form", list(LISTINGS))
def test_a_line_listing_the_headings_is_the_introductions(tmp_path: Path, form: str) -> None:
    """It opens with 一、总体情况 verbatim: read as 一's heading run into its text, 一 began there,
    the 前言 after it read into 一."""
    listing = LISTINGS[form]
    r = load_report(_docx_with(tmp_path, [listing, "本报告数据统计期限为2023年1月1日至12月31日。"]))
    _in_place(r, [INTRO, listing, "本报告数据统计期限为2023年1月1日至12月31日。"])


def test_the_listing_with_line_breaks_is_one_paragraph_of_the_introduction(tmp_path: Path) -> None:
    listing = "\n".join(HEADINGS.values())
    r = load_report(_docx_with(tmp_path, [listing]))
    assert r.section_text("一") == "总体说明。"
    assert all(r.section_text(key) == "\n".join(lines) for key, lines in TEXT.items())


def test_the_lead_in_above_a_plain_contents_stays(tmp_path: Path) -> None:
    """A 目录 typed as lines (the headings listed, each again below) is not read; the sentence
    that leads into it is the 前言's (it was taken with the list and lost)."""
    lead = "本报告分为以下六个部分："
    r = load_report(_docx_with(tmp_path, [lead, *HEADINGS.values()]))
    _in_place(r, [INTRO, lead])


def test_a_text_copy_with_the_headings_listed_after_its_title(tmp_path: Path) -> None:
    """The published sample copied as text (its body once), the listing put after its title."""
    lines = (Path(__file__).parent / "data" / "xiaogang-2021.txt").read_text(encoding="utf-8").splitlines()
    body = lines[:lines.index("一、总体情况", lines.index("一、总体情况") + 1)]
    listing = "  ".join(HEADINGS.values())
    plain, listed = tmp_path / "plain.txt", tmp_path / "listed.txt"
    plain.write_text("\n".join(body), encoding="utf-8")
    listed.write_text("\n".join([*body[:4], listing, *body[4:]]), encoding="utf-8")
    a, b = load_report(plain), load_report(listed)
    assert b.section_text("前言") == f"{listing}\n{a.section_text('前言')}"
    assert all(b.section_text(key) == a.section_text(key) for key in HEADINGS)
    assert a.section_text("一").startswith("2021年，小港街道")
    assert (b.organ, b.year, b.date, b.tables) == (a.organ, a.year, a.date, a.tables)
