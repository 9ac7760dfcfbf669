"""Saved web pages: text the page's CSS adds (::before/::after content) or shows reversed (a
right-to-left override: <bdo dir="rtl">, unicode-bidi: bidi-override) is read as the browser
shows it — a cell holding 2106 that shows 21060 or 6012 is that figure to the reviewer — and
HIDDEN-TEXT (css) says the page's source text differs there."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.findings import RESTYLED
from app.reading import load_report
from app.schema import T3_COL_NATURAL, T3_NEW
from tests.test_webcopy import page


def _read(tmp_path: Path, cell: str, css: str = "") -> tuple[object, list[str]]:
    """A page whose 表三 本年新收 自然人 cell holds ``cell``, ``css`` in a <style>: the cell's
    value and the HIDDEN-TEXT (css) notes."""
    html = page({(T3_NEW, T3_COL_NATURAL): "CELL"}).replace(">CELL<", f">{cell}<", 1)
    html = html.replace("</head>", f"<style>{css}</style></head>", 1)
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    r = load_report(path)
    notes = [f.message for f in r.import_findings if (f.code, f.kind) == (RESTYLED.code, RESTYLED.kind)]
    return r.tables["三"][(T3_NEW, T3_COL_NATURAL)], notes


@pytest.mark.parametrize(("cell", "css", "shown"), [
    ('<span class="x">2106</span>', '.x::after { content: "0" }', 21060),
    ('<span class="y">28</span>', ".y::before { content: '1' }", 128),
    ('<span class="y">28</span>', '.y:before { content: "\\31" }', 128),  # a CSS escape, the old one-colon form
    ('<span class="y" data-n="5">28</span>', ".y::after { content: attr(data-n) }", 285),
    ('<span class="y">28</span>', 'td .y::after { content: "0" / "" }', 280),  # the alt text after / is not shown
    ('<span class="y">28</span>', 'td p ::before { content: "1" }', 128),
    ('<bdo dir="rtl">2106</bdo>', "", 6012),
    ('<span style="unicode-bidi:bidi-override;direction:rtl">2106</span>', "", 6012),
    ('<span class="r">21<b>0</b>6</span>', ".r { unicode-bidi: isolate-override } td { direction: rtl }", 6012),
    ('<span class="x">2106</span>', '.x::after { content: "0" } .x { unicode-bidi: bidi-override; direction: rtl }',
     "06012"),
])
def test_text_css_adds_or_reverses_is_read_as_shown(tmp_path: Path, cell: str, css: str, shown: int | str) -> None:
    value, notes = _read(tmp_path, cell, css)
    assert value == (int(shown) if isinstance(shown, str) else shown)
    assert len(notes) == 1 and "1处" in notes[0], notes


@pytest.mark.parametrize(("cell", "css"), [
    ('<span class="x">37</span>', '.x::after { content: "" }'),
    ('<span class="x">37</span>', '.x::after { content: none }'),
    ('<span class="x">37</span>', '.x::after { content: "0"; display: none }'),  # a box not made
    ('<span class="x">37</span>', '.x::after:hover { content: "0" }'),  # not at rest
    ('<span class="x">99</span>37', '.x { display: none } .x::after { content: "5" }'),  # goes with its element
    ('<span dir="rtl">37</span>', ""),  # right to left, not overridden: digits keep their order
    ('<bdo dir="ltr">37</bdo>', ""),
    ('<span style="unicode-bidi:bidi-override">37</span>', ""),  # left to right
])
def test_css_that_leaves_the_figure_as_written(tmp_path: Path, cell: str, css: str) -> None:
    value, notes = _read(tmp_path, cell, css)
    assert (value, notes) == (37, [])


def test_a_generated_note_mark_is_left_out_as_a_written_one(tmp_path: Path) -> None:
    value, _ = _read(tmp_path, '<span class="x">37</span>', '.x::after { content: "1"; vertical-align: super }')
    assert value == 37


def test_generated_text_outside_tables_is_no_note(tmp_path: Path) -> None:
    """Bullets and icons a site's CSS puts before its links and list items are everywhere: only
    table cells are noted."""
    html_css = 'li::before { content: "• " } h1::after { content: "\\f007" } strong::before { content: "\\e600" }'
    value, notes = _read(tmp_path, "37", html_css)
    assert (value, notes) == (37, [])
