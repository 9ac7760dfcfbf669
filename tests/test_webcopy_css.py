"""Saved web pages: what the page's CSS hides is not read, found as a browser finds it — rules
by descendant, child, sibling and attribute selectors, ids and several classes; @media for the
screen (print rules not); !important over the style attribute; a stylesheet saved beside the
page (页面_files/*.css, read from disk, never the network) — and the ways CSS hides text:
transparent colour, an alpha of 0, the .sr-only clip, scale(0), a box of no width that cuts
off its text, font-size 0.  Each “99” kept before 37 would read 9937."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reading import load_report
from app.schema import T3_COL_NATURAL, T3_NEW
from tests.test_webcopy import page

SR_ONLY = ("position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;"
           "clip:rect(0,0,0,0);white-space:nowrap;border:0")


def _read(tmp_path: Path, cell: str, css: str = "", head: str = "", files: dict[str, str] | None = None,
          name: str = "page.html") -> tuple[object, list[str]]:
    """A page whose 表三 本年新收 自然人 cell holds ``cell`` (in a <p> of the <td>), ``css`` in
    a <style>, ``head`` added to the head, ``files`` written beside it: the cell's value and the
    HIDDEN-TEXT notes."""
    html = page({(T3_NEW, T3_COL_NATURAL): "CELL"}).replace(">CELL<", f">{cell}<", 1)
    html = html.replace("</head>", (f"<style>{css}</style>" if css else "") + head + "</head>", 1)
    folder = tmp_path / "site"
    folder.mkdir(exist_ok=True)
    for rel, text in (files or {}).items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    path = folder / name
    path.write_text(html, encoding="utf-8")
    r = load_report(path)
    return r.tables["三"][(T3_NEW, T3_COL_NATURAL)], [f.message for f in r.import_findings if f.code == "HIDDEN-TEXT"]


@pytest.mark.parametrize("style", [
    "color:transparent",
    "color: rgba(0, 0, 0, 0)",
    "color:rgba(255,0,0,0.0)",
    "color: rgb(0 0 0 / 0%)",
    "color:hsla(0, 0%, 0%, 0)",
    "color:#0000",
    "color:#00000000",
    SR_ONLY,  # Bootstrap's .sr-only / .visually-hidden
    "position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)",
    "clip-path: inset(50%)",
    "transform:scale(0)",
    "display:inline-block;transform: scaleY(0)",
    "display:block;width:0;overflow:hidden",
    "display:inline-block;max-height:0;overflow:hidden",
    "font-size:0",
    "font: 0/0 a",
    "filter: opacity(0)",
])
def test_css_that_hides_text(tmp_path: Path, style: str) -> None:
    value, notes = _read(tmp_path, '<span class="old">99</span>37', f".old {{ {style} }}")
    assert value == 37
    assert len(notes) == 1 and "1处" in notes[0], notes


def test_a_hiding_div_in_the_cell(tmp_path: Path) -> None:
    value, notes = _read(tmp_path, '<div style="height:0;overflow:hidden">99</div>37')
    assert value == 37 and len(notes) == 1


@pytest.mark.parametrize("style", [
    "color:rgba(0,0,0,0.5)",  # half transparent: seen
    "width:0;overflow:hidden",  # an inline span: width does not size it
    "display:block;width:1.5px;height:20px",  # no overflow cut
    "clip:rect(0,0,0,0)",  # clip without absolute placing does nothing
    "clip-path:inset(10%)",
    "transform:scale(0.5)",
    "transform:translateX(0)",
    "font: 12px/0 serif",
])
def test_css_that_shows_text(tmp_path: Path, style: str) -> None:
    value, notes = _read(tmp_path, '<span class="old">99</span>37', f".old {{ {style} }}")
    assert value == 9937 and not notes


@pytest.mark.parametrize("css", [
    "table .old { display:none }",  # descendant
    "td p > span { display:none }",  # child
    "p > span:first-child { display:none }",
    "body div table tr td p span.old { visibility:hidden }",
    "[data-v=old] { display:none }",  # attribute
    'span[title="旧"] { display:none }',
    "span[data-v^=ol] { display:none }",
    "#n99 { display:none }",  # id
    ".old.gone { display:none }",  # several classes
    "@media screen { .old { display:none } }",
    "@media screen and (min-width: 768px) { .old { display:none } }",
    "@media all { @supports (display:grid) { .old { display:none } } }",
    ".old { display:none !important } #n99 { display:inline }",  # !important wins a later, more specific rule
    "span { display:none } .keep { display:inline }",  # a rule for every span, the cell's 37 not in one
])
def test_selectors_and_media_that_reach_the_text(tmp_path: Path, css: str) -> None:
    cell = '<span class="old gone" id="n99" data-v="old" title="旧">99</span>37'
    value, notes = _read(tmp_path, cell, css)
    assert value == 37 and len(notes) == 1, notes


def test_important_in_a_sheet_beats_the_style_attribute(tmp_path: Path) -> None:
    value, _ = _read(tmp_path, '<span class="old" style="display:inline">99</span>37', ".old{display:none!important}")
    assert value == 37
    value, _ = _read(tmp_path, '<span class="old" style="display:inline !important">99</span>37', ".old{display:none!important}")
    assert value == 9937


@pytest.mark.parametrize("css", [
    "@media print { .old { display:none } }",
    "@media screen and (max-width: 600px) { .old { display:none } }",  # a phone's rule
    "@media not screen { .old { display:none } }",
    "ul .old, th .old, td > .old, .old:hover, .old::before, .old + span { display:none }",
    ".old { display:none } #n99 { display:inline }",  # the id's rule wins
    ".old { display:none } .old { display:inline }",  # the later wins
    ".old { color:#fff } td { background:#1f4e79 }",  # white on the cell's dark blue
])
def test_rules_that_do_not_reach_the_text(tmp_path: Path, css: str) -> None:
    value, notes = _read(tmp_path, '<span class="old" id="n99">99</span>37', css)
    assert value == 9937 and not notes, notes


def test_a_print_stylesheet_is_not_the_screens(tmp_path: Path) -> None:
    head = '<style media="print">.old{display:none}</style><link rel="stylesheet" media="print" href="p_files/p.css">'
    value, notes = _read(tmp_path, '<span class="old">99</span>37', head=head, files={"p_files/p.css": ".old{display:none}"})
    assert value == 9937 and not notes


@pytest.mark.parametrize("href", ["page_files/style.css", "./page_files/style.css", "page_files/st%79le.css"])
def test_a_saved_pages_linked_stylesheet_is_read_from_disk(tmp_path: Path, href: str) -> None:
    """Chrome's and Firefox's “网页，全部” save the page's CSS to 页面_files/ and link it there."""
    head = f'<link rel="stylesheet" type="text/css" href="{href}">'
    files = {"page_files/style.css": '@charset "utf-8";\n@import url("more.css");\n.x{color:red}',
             "page_files/more.css": "/* from the CMS */ td .old { display: none }"}
    value, notes = _read(tmp_path, '<span class="old">99</span>37', head=head, files=files)
    assert value == 37 and len(notes) == 1


def test_a_stylesheet_outside_the_pages_folder_or_on_the_network_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside.css"
    outside.write_text(".old{display:none}", encoding="utf-8")
    head = ('<link rel="stylesheet" href="../outside.css">'
            f'<link rel="stylesheet" href="{outside.as_uri()}">'
            f'<link rel="stylesheet" href="{outside}">'
            '<link rel="stylesheet" href="http://127.0.0.1:9/style.css">'
            '<link rel="stylesheet" href="//example.invalid/style.css">'
            '<link rel="stylesheet" href="missing_files/none.css">'
            '<link rel="alternate stylesheet" href="alt.css">')
    value, notes = _read(tmp_path, '<span class="old">99</span>37', head=head, files={"alt.css": ".old{display:none}"})
    assert value == 9937 and not notes


def test_visibility_shown_again_inside(tmp_path: Path) -> None:
    """visibility:hidden is inherited and undone inside (visibility:visible): the inner text shows."""
    cell = '<span style="visibility:hidden">99<b style="visibility:visible">37</b><i>5</i>6</span>'
    value, notes = _read(tmp_path, cell)
    assert value == 37 and len(notes) == 1, notes
    cell = '<span class="h">99<b class="v">3</b>8<b class="v">7</b></span>'
    value, notes = _read(tmp_path, cell, ".h{visibility:hidden} .h .v{visibility:visible}")
    assert value == 37 and len(notes) == 1, notes
    value, notes = _read(tmp_path, '<span style="visibility:hidden">99<b style="visibility:hidden">1</b></span>37')
    assert value == 37 and len(notes) == 1
