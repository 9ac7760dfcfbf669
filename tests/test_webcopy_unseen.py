"""Saved web pages: text a browser does not show is not read into a figure (hostile-file
session 8, w11–w18): white on the white page (Word's “save as web page” writes its white runs
so), font-size:0, opacity:0, placed far off the page — each “99” before 37 would read 9937.
Left out and said as display:none is; what shows (white on a dark cell, a font-size:0 row
whose cells set their own size) is read.  A ruby's annotation is not part of its base (w17)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reading import load_report
from app.schema import T3_COL_NATURAL, T3_NEW
from tests.test_webcopy import page


def _read(tmp_path: Path, cell: str, head: str = "") -> tuple[object, list[str]]:
    html = page({(T3_NEW, T3_COL_NATURAL): "CELL"}).replace(">CELL<", f">{cell}<", 1)
    html = html.replace("</head>", f"{head}</head>", 1)
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    r = load_report(path)
    return r.tables["三"][(T3_NEW, T3_COL_NATURAL)], [f.message for f in r.import_findings if f.code == "HIDDEN-TEXT"]


@pytest.mark.parametrize("old", [
    '<span style="color:#fff">99</span>',
    '<span style="color:#FFFFFF">99</span>',
    '<span style="color: white">99</span>',
    '<span style="color:rgb(255, 255, 255)">99</span>',
    '<font style="font-size:0">99</font>',
    '<span style="font-size:0px">99</span>',
    '<span style="opacity:0">99</span>',
    '<span style="opacity:0.0">99</span>',
    '<span style="position:absolute;left:-9999px">99</span>',
    '<span style="position:absolute;top:-5000px">99</span>',
    '<span style="display:block;text-indent:-9999px">99</span>',
    '<span class="old">99</span>',  # by a class rule: .old {color:#fff}
    '<span style="background:#ff0;color:#ff0">99</span>',  # yellow on yellow
])
def test_unseen_text_is_left_out_and_said(tmp_path: Path, old: str) -> None:
    value, notes = _read(tmp_path, old + "37", head="<style>.old { color: #fff }</style>")
    assert value == 37
    assert len(notes) == 1 and "1处" in notes[0], notes


@pytest.mark.parametrize(("cell", "head"), [
    ('<span style="color:#fff;background-color:#1f4e79">37</span>', ""),  # white on dark blue
    ('<span style="color:#fff">37</span>', "<style>.x th, table td { background: #1f4e79 }</style>"),  # a rule not followed
    ('<div style="font-size:0"><span style="font-size:14px">37</span></div>', ""),  # the inline-block trick
    ('<span style="position:absolute;left:10px">37</span>', ""),
    ('<span style="opacity:0.5">37</span>', ""),
    ('<span style="color:#333">37</span>', ""),
])
def test_what_shows_is_read(tmp_path: Path, cell: str, head: str) -> None:
    value, notes = _read(tmp_path, cell, head)
    assert value == 37 and not notes


@pytest.mark.parametrize("cell", [
    '<td bgcolor="#000080"><p><font color="#ffffff">37</font></p></td>',
    '<td style="background:#000080"><p><span style="color:#fff">37</span></p></td>',
])
def test_white_text_in_a_dark_table_cell_is_read(tmp_path: Path, cell: str) -> None:
    html = page({(T3_NEW, T3_COL_NATURAL): "CELL"}).replace("<td><p>CELL</p></td>", cell, 1)
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    r = load_report(path)
    assert r.tables["三"][(T3_NEW, T3_COL_NATURAL)] == 37
    assert not [f for f in r.import_findings if f.code == "HIDDEN-TEXT"]


def test_old_font_colour_white_is_unseen(tmp_path: Path) -> None:
    value, notes = _read(tmp_path, '<font color="#ffffff">99</font>37')
    assert value == 37 and len(notes) == 1


@pytest.mark.parametrize("ruby", ["<ruby>37<rt>三十七</rt></ruby>", "<ruby>37<rp>(</rp><rt>1</rt><rp>)</rp></ruby>"])
def test_a_ruby_reads_its_base_text(tmp_path: Path, ruby: str) -> None:
    value, _ = _read(tmp_path, ruby)
    assert value == 37
