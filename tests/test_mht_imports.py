"""A single-file page's saved stylesheets that import one another (app/webmht.py): Chrome saves
every sheet a page loads as a part of its own, those an ``@import`` names too, so a site's
hiding rule may sit two sheets down (``<link href=main.css>`` → ``@import "cms/art.css"`` →
``.old{display:none}``).  Only the linked sheet was written into the page: the cell holding the
old figure in a hidden span read 9937, nothing said.  Also: one saved sheet linked thousands of
times is written once (it was written at every link: a 2 MB sheet × 5,000 links is 10 GB)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reading import load_report
from app.schema import REQUESTS, T3_NEW
from tests.mhtmake import blink_mht, page_html
from tests.thirdparty import Spec, build

SITE = "https://www.example.gov.cn/art/2024/1/15/art_1229_1.html"
CSS = "https://www.example.gov.cn/css/"


def _page(tmp_path: Path, head: str) -> str:
    src = build(Spec(t3={(T3_NEW, 0): "37"}), tmp_path / "src.docx")
    html = page_html(src, head=head)
    return html.replace("<td><p>37</p></td>", '<td><p><span class="old">99</span>37</p></td>', 1)


@pytest.mark.parametrize(("head", "sheets"), [
    ('<link rel="stylesheet" href="/css/main.css">',
     [(CSS + "main.css", '@import url("cms/art.css");\nbody { color: #333 }'), (CSS + "cms/art.css", ".old { display: none }")]),
    ('<link rel="stylesheet" href="/css/main.css">',  # two levels, quoted without url(), a relative path up
     [(CSS + "main.css", "@import 'a/one.css';"), (CSS + "a/one.css", '@import url(../b/two.css) screen;'),
      (CSS + "b/two.css", ".old { visibility: hidden }")]),
    ('<style>@import url("/css/art.css");</style>', [(CSS + "art.css", ".old { display: none }")]),
    ('<style>@import "cid:css-1@mhtml.blink";</style>', [("cid:css-1@mhtml.blink", ".old { display: none }")]),
], ids=["link-imports", "two-levels", "style-imports", "cid"])
def test_a_hiding_rule_in_an_imported_saved_sheet_hides(tmp_path: Path, head: str, sheets: list[tuple[str, str]]) -> None:
    path = tmp_path / "报告.mhtml"
    path.write_bytes(blink_mht([(SITE, _page(tmp_path, head))], sheets))
    read = load_report(path)
    assert read.tables[REQUESTS][(T3_NEW, 0)] == 37
    assert any(f.code == "HIDDEN-TEXT" for f in read.import_findings)


def test_an_import_for_print_only_hides_nothing_on_screen(tmp_path: Path) -> None:
    path = tmp_path / "报告.mhtml"
    path.write_bytes(blink_mht([(SITE, _page(tmp_path, '<link rel="stylesheet" href="/css/main.css">'))],
                               [(CSS + "main.css", '@import url("print.css") print;'), (CSS + "print.css", ".old { display: none }")]))
    assert load_report(path).tables[REQUESTS][(T3_NEW, 0)] == 9937


def test_sheets_importing_each_other_end(tmp_path: Path) -> None:
    path = tmp_path / "报告.mhtml"
    path.write_bytes(blink_mht([(SITE, _page(tmp_path, '<link rel="stylesheet" href="/css/a.css">'))],
                               [(CSS + "a.css", '@import "b.css"; @import "a.css";'),
                                (CSS + "b.css", '@import "a.css"; .old { display: none }')]))
    assert load_report(path).tables[REQUESTS][(T3_NEW, 0)] == 37


def test_one_sheet_linked_thousands_of_times_is_written_once(tmp_path: Path) -> None:
    from app import webmht

    sheet = ".old { display: none }\n" + "/* padding */ .x { color: red }\n" * 30_000  # ~1 MB
    links = '<link rel="stylesheet" href="/css/big.css">' * 3000
    data = blink_mht([(SITE, _page(tmp_path, links))], [(CSS + "big.css", sheet)])
    pages = webmht.Pages(data)
    raw, edit = pages.page(0)
    text = edit(raw.decode("utf-8"))
    assert len(text) < len(raw) + 2 * len(sheet)
    path = tmp_path / "报告.mhtml"
    path.write_bytes(data)
    assert load_report(path).tables[REQUESTS][(T3_NEW, 0)] == 37


@pytest.mark.parametrize("markup", [
    "<style>a" * 40_000,  # each unclosed <style> read to the end by “<style…>(.*?)</style>”: 126 s
    "<link rel=stylesheet href=a.css " * 40_000,  # “<link[^>]*>” with no “>” after: 47 s
    "<style>" + "@import 'a.css' " * 40_000 + "</style>",  # an @import with no “;” read to the end each: minutes
], ids=["unclosed-styles", "unclosed-links", "imports-without-semicolon"])
def test_a_page_of_unclosed_style_markup_is_read_in_time_linear_in_it(tmp_path: Path, markup: str) -> None:
    from tests.hostile import run_one

    page = f"<html><head></head><body><p>会议通知</p>{markup}"  # (the page cut short there: no “>” after it)
    path = tmp_path / "网页.mhtml"
    path.write_bytes(blink_mht([(SITE, page)], [("https://www.example.gov.cn/art/2024/1/15/a.css", ".x{color:red}")]))
    outcome = run_one(path, timeout=20)
    assert outcome.result == "refused", outcome  # no report in it: one message, promptly


def test_a_tag_named_with_a_long_s_is_no_style_sheet() -> None:
    """Tag names fold as HTML folds them, in ASCII: “<ſtyle>” (U+017F) is text, not a sheet."""
    from app.webmht import _styles

    edited = _styles("<ſtyle>p{}</ſtyle><STYLE>q{}</STYLE>", str.upper)
    assert edited == "<ſtyle>p{}</ſtyle><STYLE>Q{}</STYLE>"
