"""More forms of real reports' headings the reader lost (session 21, after tests/test_reader_forms.py):
a left cell's heading over two lines in a layout of two columns, and a file numbered 【一】 whose
number form is one remark for the file, not one a heading.  Each file is built as Word writes it
and read back."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from app.reading import load_report
from tests.conftest import rewrite_docx
from tests.test_reader_forms import FIGURES, TEXT, _as_plain, _codes, _p, _two_columns
from tests.thirdparty import HEADINGS, Spec, build

_LEFT = '<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>'
_SPLITS = {"一": (2,), "二": (2,), "三": (2, 6), "四": (2,), "五": (9,), "六": (2, 8)}  # where each heading's lines end


def _split_left(xml: str, keys: str) -> str:
    """Each heading of ``keys`` in its left cell as two paragraphs (“一、” / “总体情况”)."""
    for key in keys:
        heading, cuts = HEADINGS[key], (0, *_SPLITS[key], None)
        old = _LEFT + _p(heading)
        assert old in xml, key
        xml = xml.replace(old, _LEFT + "".join(_p(heading[a:b]) for a, b in pairwise(cuts)), 1)
    return xml


@pytest.mark.parametrize("keys", ["一二三四五六", "五", "一六"])
def test_a_left_cell_heading_over_two_lines(tmp_path: Path, keys: str) -> None:
    """Every heading split, 三 and 六 over three lines (the table was not taken for a layout: all
    text lost), or some (the second line “及改进情况” went into 五's text)."""
    src = build(Spec(text=TEXT, t3=FIGURES), tmp_path / "plain.docx")
    path = rewrite_docx(src, tmp_path / "two.docx", lambda xml: _split_left(_two_columns(xml), keys))
    report, plain = load_report(path), load_report(src)
    _as_plain(report, plain)
    assert _codes(report, "MISSING-SECTION", "LABEL-EDITED", "DUP-PARAGRAPH") == []


@pytest.mark.parametrize("second", ["（一）概况", "主动公开"])
def test_a_heading_over_a_line_of_its_own_stays_two_lines(tmp_path: Path, second: str) -> None:
    """“一、总体情况” over “（一）概况” (a numbered sub-heading) or over a short line: the
    heading, then that line as 一's text — nothing joined, nothing lost."""
    src = build(Spec(text=TEXT, t3=FIGURES), tmp_path / "plain.docx")

    def edit(xml: str) -> str:
        xml = _two_columns(xml)
        return xml.replace(_LEFT + _p(HEADINGS["一"]), _LEFT + _p(HEADINGS["一"]) + _p(second), 1)
    report = load_report(rewrite_docx(src, tmp_path / "two.docx", edit))
    assert report.section_text("一") == "\n".join([second, *TEXT["一"]])
    assert _codes(report, "MISSING-SECTION", "LABEL-EDITED") == []


@pytest.mark.parametrize("form", ["【{}】", "〔{}〕", "（{}）"])
def test_a_bracket_form_is_said_once_for_the_file(tmp_path: Path, form: str) -> None:
    """Six headings 【一】总体情况 … 【六】其他需要报告的事项: one remark naming the form and the
    sections (it was six, each saying the same), and a heading also in its own words keeps its own."""
    headings = {key: form.format(key) + h[2:] for key, h in HEADINGS.items()}
    report = load_report(build(Spec(headings=headings, text=TEXT, t3=FIGURES), tmp_path / "b.docx"))
    edited = _codes(report, "LABEL-EDITED")
    assert len(edited) == 1, edited
    assert f"“{form.format('一')}”式" in edited[0] and form.format("六") in edited[0] and "“一、”" in edited[0], edited
    headings["五"] = form.format("五") + "存在的不足及改进措施"
    report = load_report(build(Spec(headings=headings, text=TEXT, t3=FIGURES), tmp_path / "own.docx"))
    edited = sorted(_codes(report, "LABEL-EDITED"))
    assert len(edited) == 2 and "5个部分" in edited[0] and "存在的不足及改进措施" in edited[1], edited
    assert form.format("五") not in edited[0]
