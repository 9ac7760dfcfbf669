"""A page Word saved (“另存为网页”, pasted into a CMS) whose table has a numbered list over a column
of figures: Word writes each number between conditional comments, “<![if !supportLists]>1.<![endif]>37”,
and browsers show “1.37”.  The number is Word's numbering, no part of the figure — the .docx
reads 37 and says so (VALUE-INVALID list-number); the page read 1.37, refused as a decimal count.
Now the page reads as its .docx does.  A numbered label keeps its number (“1.属于国家秘密”)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.findings import VALUE_LIST_NUMBER
from app.reading import load_report
from app.schema import REQUESTS, T3_NEW
from tests.test_hostile_web_fields import _page_with

_NUMBER = "<![if !supportLists]><span style='mso-list:Ignore'>{n}<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span><![endif]>"


def test_a_figure_cells_word_list_number_is_left_out_and_said(tmp_path: Path) -> None:
    report = load_report(_page_with(tmp_path, "<p class=MsoListParagraph>" + _NUMBER.format(n="1.") + "37</p>"))
    assert report.tables[REQUESTS][(T3_NEW, 0)] == 37
    said = [f for f in report.import_findings if (f.code, f.kind) == (VALUE_LIST_NUMBER.code, VALUE_LIST_NUMBER.kind)]
    assert len(said) == 1 and "1." in said[0].message


def test_a_cells_words_after_a_list_number_are_kept(tmp_path: Path) -> None:
    report = load_report(_page_with(tmp_path, _NUMBER.format(n="（一）") + "37件，另有2件"))
    assert report.tables[REQUESTS][(T3_NEW, 0)] is None  # no figure: read as written, the checks say so
    assert not [f for f in report.import_findings if f.kind == VALUE_LIST_NUMBER.kind]


@pytest.mark.parametrize("mark", ["—", "无", "/"])
def test_a_list_number_before_a_mark_for_none_is_left_out_too(tmp_path: Path, mark: str) -> None:
    """“1.”, then “—” (nothing happened): the .docx reads the mark, blank, said as a list number;
    the page read “1.   —”, an error “不是数字” of the cell the writer left as none."""
    from app.checks import run_all

    report = load_report(_page_with(tmp_path, "<p class=MsoListParagraph>" + _NUMBER.format(n="1.") + mark + "</p>"))
    assert report.tables[REQUESTS][(T3_NEW, 0)] is None
    assert [f for f in report.import_findings if f.kind == VALUE_LIST_NUMBER.kind]
    assert not [f.message for f in run_all(report) if "1." in f.message and "不是数字" in f.message]
