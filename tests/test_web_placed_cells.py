"""A figure cell of a web page whose CSS moves part of its text: placed off the screen by a
relative offset or a margin (“position:relative; left:-9999px”, “margin-left:-9999px”), placed
absolutely out of the cell's text (drawn elsewhere, or over the rest), or floated to the other
side of the cell.  Each old figure beside the new one read with it (9937), and a right float
“<span style=float:right>00</span>10” (shown 10 … 00) read 10, all silently.  Now what a
browser does not show in the cell is left out and said (HIDDEN-TEXT), and floats are read in
the order shown and said (HIDDEN-TEXT css)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.findings import HIDDEN_TEXT, RESTYLED
from app.reading import load_report
from app.schema import REQUESTS, T3_NEW
from tests.test_hostile_web_fields import _page_with


def _read(tmp_path: Path, cell: str, style: str = "") -> tuple[int | None, set[str]]:
    report = load_report(_page_with(tmp_path, cell, style))
    return report.tables[REQUESTS][(T3_NEW, 0)], {f.kind for f in report.import_findings if f.code == HIDDEN_TEXT.code}


@pytest.mark.parametrize(("cell", "style"), [
    ('<span style="position:relative;left:-9999px">99</span>37', ""),
    ('<span style="position:relative;top:-9999px">99</span>37', ""),
    ('<span class="o">99</span>37', ".o { position: relative; right: 9999px }"),
    ('<span style="position:absolute;top:0;left:0">99</span>37', ""),  # drawn at a corner of the page
    ('<span style="position:absolute">99</span>37', ""),  # drawn over the 37
    ('<span class="o">99</span>37', "td .o { position: fixed; bottom: 0; right: 0 }"),
    ('<span style="margin-left:-9999px">99</span>37', ""),
    ('<span style="display:inline-block;margin:0 0 0 -9999px">99</span>37', ""),
    ('37<span style="float:right;width:0;overflow:hidden">99</span>', ""),  # a float is a block: sized
], ids=["relative-left", "relative-top", "relative-right", "absolute-corner", "absolute-over", "fixed",
        "margin", "margin-shorthand", "float-squeezed"])
def test_text_moved_out_of_the_cell_is_left_out_and_said(tmp_path: Path, cell: str, style: str) -> None:
    value, kinds = _read(tmp_path, cell, style)
    assert value == 37
    assert "" in kinds


@pytest.mark.parametrize("cell", [
    '<span style="position:relative;left:-5px">37</span>',  # nudged a little: shown
    '<span style="position:absolute">37</span>',  # alone in its cell: where its text stands
    '<span style="margin-left:-9999px;padding-left:9999px">37</span>',  # a full-width band's trick: shown
    '<span style="float:right">37</span>',
])
def test_text_moved_a_little_or_alone_is_read(tmp_path: Path, cell: str) -> None:
    value, kinds = _read(tmp_path, cell)
    assert value == 37 and not kinds


@pytest.mark.parametrize(("cell", "shown"), [
    ('<span style="float:right">00</span>10', 1000),
    ('<span style="float:right">7</span><span style="float:right">3</span>', 37),  # the first right float is rightmost
    ('7<span style="float:left">3</span>', 37),
])
def test_floats_in_a_cell_are_read_in_the_order_shown_and_said(tmp_path: Path, cell: str, shown: int) -> None:
    report = load_report(_page_with(tmp_path, cell))
    assert report.tables[REQUESTS][(T3_NEW, 0)] == shown
    assert [f for f in report.import_findings if f.code == RESTYLED.code and f.kind == RESTYLED.kind]


def test_an_article_placed_absolutely_in_a_layout_cell_is_read(tmp_path: Path) -> None:
    """A template's layout table whose article box is placed absolutely beside its menu: the page's
    text, read (only a cell of a few words loses an absolutely placed box)."""
    from tests.hostile_web import _page_in

    page = _page_in("utf-8")().decode("utf-8")
    body = page[page.index("<body>") + 6:page.index("</body>")]
    wrapped = page.replace(body, f'<table><tr><td>首页<br>政务公开<br>信息公开年报</td><td><div style="position:absolute;top:120px">{body}</div></td></tr></table>')
    path = tmp_path / "布局.html"
    path.write_text(wrapped, "utf-8")
    report = load_report(path)
    assert report.tables[REQUESTS][(T3_NEW, 0)] == load_report(_page_with(tmp_path, "0")).tables[REQUESTS][(T3_NEW, 0)]
    assert report.section_text("六") == "正文内容。\n第二行。"


def test_a_cell_of_thousands_of_placed_or_floated_boxes_is_measured_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each placed (or floated) box asked its cell's whole text: 8,000 in one cell took 3.7 s,
    quadrupling with each doubling.  The cell's words are counted once a cell."""
    from app import webcellbox, webreorder
    from tests.hostile_web import page_with

    counted: list[object] = []

    def counting(cell):  # type: ignore[no-untyped-def]
        counted.append(cell)
        return real(cell)

    real = webcellbox.cell_words
    monkeypatch.setattr(webcellbox, "cell_words", counting)
    monkeypatch.setattr(webreorder, "cell_words", counting)
    boxes = '<span style="position:absolute">1</span><span style="float:right">2</span>' * 2000
    path = tmp_path / "placed.html"
    path.write_bytes(page_with(f"<table><tr><td>{boxes}</td><td>2</td><td>3</td><td>4</td></tr></table>"))
    load_report(path)
    assert 0 < len(counted) <= 2
