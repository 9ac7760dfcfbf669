"""A saved web page whose CSS writes a figure with counters — ``content: counter(n)`` in a
table cell, counted by counter-reset/counter-increment on the table's rows or cells — reads
the figure the browser shows, not a blank (app/webcounters.py), and HIDDEN-TEXT (css) says
the cell's figure is not in the page's text."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from app.findings import RESTYLED
from app.reading import load_report
from app.schema import T3_COL_NATURAL, T3_NEW
from tests.test_webcopy import page

_CELL = '<span class="n"></span>'


def _html(cell: str, css: str) -> str:
    html = page({(T3_NEW, T3_COL_NATURAL): "CELL"}).replace(">CELL<", f">{cell}<", 1)
    return html.replace("</head>", f"<style>{css}</style></head>", 1)


def _read(tmp_path: Path, css: str, cell: str = _CELL) -> tuple[object, list[str]]:
    path = tmp_path / "page.html"
    path.write_text(_html(cell, css), encoding="utf-8")
    r = load_report(path)
    notes = [f.message for f in r.import_findings if (f.code, f.kind) == (RESTYLED.code, RESTYLED.kind)]
    return r.tables["三"][(T3_NEW, T3_COL_NATURAL)], notes


@pytest.mark.parametrize(("css", "shown", "cell"), [
    (".n::before { counter-increment: n; content: counter(n) } table { counter-reset: n 2105 }", 2106, _CELL),
    ("table { counter-reset: n 2105 } .n::after { counter-increment: n 1; content: counter(n) }", 2106, _CELL),
    ("td { counter-reset: x 28 } .n::before { content: counter(x) }", 28, _CELL),  # the cell's own reset
    (".n::before { content: counter(nowhere) }", 0, _CELL),  # none in scope: made there, at 0
    ("table { counter-reset: a 2 } td { counter-reset: a 8 } .n::before { content: counters(a, '') }", 28, _CELL),
    ("table { counter-reset: n 9 } .n::before { content: counter(n, decimal-leading-zero) }", 9, _CELL),
    # Not displayed: counts nothing (the hidden span's increment is not made)
    ("table { counter-reset: n 27 } .h { display: none; counter-increment: n 100 } "
     ".n::before { counter-increment: n; content: counter(n) }", 28, '<span class="h">x</span>' + _CELL),
    # A reset's scope is its element and the siblings after it: the span's own 50 is gone for the next one
    ("table { counter-reset: n 27 } .r { counter-reset: n 50 } .n::before { counter-increment: n; content: counter(n) }",
     28, '<span><span class="r"></span></span>' + _CELL),
    ("table { counter-reset: n 2 } .n::before { content: counter(n) } .n::after { content: '8' }", 28, _CELL),
])
def test_a_counter_in_a_cell_reads_as_the_browser_shows_it(tmp_path: Path, css: str, shown: int, cell: str) -> None:
    value, notes = _read(tmp_path, css, cell)
    assert value == shown
    assert len(notes) == 1 and "1处" in notes[0], notes


def test_rows_counted_by_the_table_number_each_row(tmp_path: Path) -> None:
    """``tr{counter-increment:r}``: the cell shows its row's number within its table."""
    css = "table { counter-reset: r } tr { counter-increment: r } .n::before { content: counter(r) }"
    doc = lxml.html.fromstring(_html(_CELL, css))
    span = doc.find_class("n")[0]
    table = next(span.iterancestors("table"))
    row = next(span.iterancestors("tr"))
    expected = [tr for tr in table.iter("tr") if next(tr.iterancestors("table")) is table].index(row) + 1
    assert _read(tmp_path, css)[0] == expected


def test_a_counter_style_not_spelled_out_reads_blank_and_is_said(tmp_path: Path) -> None:
    value, notes = _read(tmp_path, "table { counter-reset: n 3 } .n::before { content: counter(n, upper-roman) }")
    assert value is None
    assert len(notes) == 1, notes


def test_the_note_names_the_cell_it_read_as_shown(tmp_path: Path) -> None:
    """HIDDEN-TEXT (css) points at the cell whose figure the page's CSS wrote, not at 基本信息."""
    path = tmp_path / "page.html"
    path.write_text(_html('<span class="x">2106</span>', ".x::after { content: counter(n) } table { counter-reset: n 5 }"),
                    encoding="utf-8")
    r = load_report(path)
    (note,) = [f for f in r.import_findings if (f.code, f.kind) == (RESTYLED.code, RESTYLED.kind)]
    assert r.tables["三"][(T3_NEW, T3_COL_NATURAL)] == 21065
    assert [(c.table, c.row, c.col) for c in note.location.cells] == [("三", T3_NEW, T3_COL_NATURAL)]


def test_a_page_resetting_thousands_of_counters_reads_each_as_the_browser_counts_it(tmp_path: Path) -> None:
    """3,000 counters reset on <body>, the cell showing one of them (and one nested inside the
    table's): each box keeps the counters it shows, and shows the right one."""
    resets = " ".join(f"c{i} {i}" for i in range(3000))
    value, notes = _read(tmp_path, f"body {{ counter-reset: {resets} }} table {{ counter-reset: c2 2 }} "
                                   ".n::before { content: counter(c2106) } .n::after { content: counters(c2, '') }")
    assert value == 210622  # c2106 then c2 as body's 2 and the table's 2
    assert len(notes) == 1 and "1处" in notes[0] and "计数器" not in notes[0], notes


def test_a_page_making_more_counters_than_followed_reads_the_number_blank_and_says_so(tmp_path: Path) -> None:
    """Every cell resetting 5,000 counters: past app/webcounters.MAX_COUNTING steps the numbering
    is not followed — the cell's counted figure is read blank and the note says why, not a
    number guessed (2106 is what a browser shows)."""
    resets = " ".join(f"c{i}" for i in range(5000))
    value, notes = _read(tmp_path, f"td {{ counter-reset: {resets} }} table {{ counter-reset: n 2105 }} "
                                   ".n::before { counter-increment: n; content: counter(n) }")
    assert value is None
    assert len(notes) == 1 and "计数器" in notes[0] and "按空白读入" in notes[0], notes
