"""A 目录 typed as plain lines before the body (the six headings listed, no page numbers, no
field) in a .docx, a text copy and a saved web page: its lines are no text of the 前言 or of
any section, and the user is told they were left out (they were dropped without a word, and
not saved).  Read through load_report and compared with the same report without the 目录."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from app.io import save_report
from app.reading import load_report
from tests.test_reader_listed_headings import INTRO, _docx_with, _in_place
from tests.test_text_copy_delimited import _copy
from tests.test_web_cms import HEADINGS, TITLE, _article, _page

_LISTED = ["目  录", *HEADINGS.values()]
_SUBS = ["目录", "一、总体情况", "（一）主动公开", "（二）依申请公开", *list(HEADINGS.values())[1:]]


def _said(r: object, lines: int) -> None:
    notes = [f for f in r.import_findings if f.kind == "contents"]  # type: ignore[attr-defined]
    assert len(notes) == 1, [f.message for f in r.import_findings]  # type: ignore[attr-defined]
    assert notes[0].location.section == "前言" and f"目录（{lines}行，以“一、总体情况”开头）" in notes[0].message


@pytest.mark.parametrize("listed", [_LISTED, _LISTED[1:], _SUBS], ids=["captioned", "bare", "with-sub-heads"])
def test_a_docx_contents_typed_as_lines_is_said_and_not_read(tmp_path: Path, listed: list[str]) -> None:
    r = load_report(_docx_with(tmp_path, listed))
    _in_place(r, [INTRO])
    _said(r, len(listed) - (listed[0].replace(" ", "") == "目录"))
    save_report(r, tmp_path / "saved.docx")
    again = load_report(tmp_path / "saved.docx")  # (saved: no 目录, nothing said)
    assert not [f for f in again.import_findings if f.kind == "contents"]
    _in_place(again, [INTRO])


def test_a_text_copy_contents_is_said_and_not_read(tmp_path: Path) -> None:
    plain, listed = tmp_path / "plain.txt", tmp_path / "listed.txt"
    text = _copy("sheet")
    plain.write_text(text, encoding="utf-8")
    head, rest = text.split("\n", 1)
    listed.write_text("\n".join([head, *_LISTED, rest]), encoding="utf-8")
    a, b = load_report(plain), load_report(listed)
    assert {k: b.section_text(k) for k in a.sections} == {k: a.section_text(k) for k in a.sections}
    assert (b.organ, b.year, b.date, b.tables) == (a.organ, a.year, a.date, a.tables)
    _said(b, 6)


def test_a_web_page_contents_is_said_and_not_read(tmp_path: Path) -> None:
    article = _article()
    title = f"<strong>{TITLE}</strong></p>"
    listing = "".join(f"<p>{html.escape(line)}</p>" for line in _LISTED)
    plain, listed = tmp_path / "plain.html", tmp_path / "listed.html"
    plain.write_bytes(_page(article, "bare"))
    listed.write_bytes(_page(article.replace(title, title + listing, 1), "bare"))
    a, b = load_report(plain), load_report(listed)
    assert {k: b.section_text(k) for k in a.sections} == {k: a.section_text(k) for k in a.sections}
    assert (b.organ, b.year, b.date, b.tables) == (a.organ, a.year, a.date, a.tables)
    _said(b, 6)
