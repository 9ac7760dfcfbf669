"""Selectors that look along an element's siblings — “:has(~ .x)”, the “~” combinator, the
“-of-type” and “of S” counts — over a page of 3,000 sibling divs: each sibling is looked at
once for all the siblings before it, as a browser does, not once per element asking (review16
L5: “div:has(~ .x)” walked to the end from each div, quadratic, and stopped at the work cap,
so a rule after it that hides the 1 of “1 37” was not followed).  And the answers along
siblings stay what a browser gives, on a small cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reading import load_report
from app.webcss import UNFOLLOWED
from tests.test_webcopy import T3_COL_BUSINESS, T3_COL_NATURAL, T3_COL_TOTAL, T3_NEW, _cell_page, page

_DIVS = "<section>" + "<div>甲</div>" * 2999 + "<div class='zz'>乙</div></section>"


def _read(tmp_path: Path, css: str) -> tuple[object, list[str]]:
    html = page({(T3_NEW, T3_COL_NATURAL): "CELL", (T3_NEW, T3_COL_BUSINESS): "12", (T3_NEW, T3_COL_TOTAL): "49"})
    html = html.replace("<p>CELL</p>", '<span class="h">1</span>37<i></i>').replace("<head>", f"<head><style>{css}</style>")
    path = tmp_path / "cell.html"
    path.write_text(html.replace("</body>", _DIVS + "</body>"), encoding="utf-8")
    r = load_report(path)
    return r.tables["三"][(T3_NEW, T3_COL_NATURAL)], [f.message for f in r.import_findings if f.code == "HIDDEN-TEXT"]


@pytest.mark.parametrize("costly", [
    "div:has(~ .zz){color:#111}",
    "div:has(~ p){color:#111}",  # no later p: every div would look to the end
    "div:nth-of-type(2n){color:#111}",
    "div:nth-last-of-type(3){color:#111}",
    "div:nth-child(2n of div){color:#111}",
    "span ~ div{color:#111} i ~ .zz{color:#222}",
])
def test_rules_along_thousands_of_siblings_leave_the_rest_of_the_sheet_followed(tmp_path: Path, costly: str) -> None:
    value, hidden = _read(tmp_path, costly + " .h:has(~ i){display:none}")
    assert value == 37 and UNFOLLOWED not in hidden, hidden


@pytest.mark.parametrize(("cell", "css", "value"), [
    ('<span class="h">1</span>37<i></i>', ".h:has(~ i){display:none}", 37),
    ('<i></i><span class="h">1</span>37', ".h:has(~ i){display:none}", 137),  # the i is before it
    ('<span class="h">1</span><b>37</b><i></i>', ".h:has(+ i){display:none}", 137),  # not the next one
    ('<span class="h">1</span><i></i>37', ".h:has(+ i){display:none}", 37),
    ('<i></i><b>1</b><span>37</span>', "i ~ b{display:none}", 37),
    ('<b>1</b><i></i><span>37</span>', "i ~ b{display:none}", 137),
    ('<b>1</b><i></i><b>37</b>', "i ~ b{display:none}", 1),
    ('<u></u><u></u><b>1</b><u></u><b>3</b><b>7</b>', "b:nth-of-type(1){display:none}", 37),
    ('<u></u><b>3</b><u></u><b>7</b><b>1</b>', "b:nth-last-of-type(1){display:none}", 37),
    ('<b>3</b><b class="x">1</b><b>7</b><b class="x">9</b>', "b:nth-child(2 of .x){display:none} .x{color:#000}", 317),
    ('<b>3</b><b class="x">1</b><b>7</b><b class="x">9</b>', "b:nth-child(1 of .x){display:none}", 379),
])
def test_siblings_are_counted_as_a_browser_counts_them(tmp_path: Path, cell: str, css: str, value: int) -> None:
    assert _cell_page(tmp_path, cell, css)[0] == value
