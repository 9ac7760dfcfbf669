"""A page Word saved (“另存为网页”, pasted into a CMS) whose table has a numbered list over a column
of figures: Word writes each number between conditional comments, “<![if !supportLists]>1.<![endif]>37”,
and browsers show “1.37”.  The number is Word's numbering, no part of the figure — the .docx
reads 37 and says so (VALUE-INVALID list-number); the page read 1.37, refused as a decimal count.
Now the page reads as its .docx does.  A numbered label keeps its number (“1.属于国家秘密”)."""

from __future__ import annotations

from pathlib import Path

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
