"""Class and id selectors ignore case on a page a browser renders in quirks mode — no
doctype, or an old one (HTML 4.0, HTML 4.01 Transitional without its address, HTML 3.2) —
and only there (hostile16: “.Hide{display:none}” hid class="hide" in the browser, the reader
read the figure).  app/webquirks.py decides the mode as the HTML standard does."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reading import load_report
from app.webquirks import quirks_mode
from tests.test_webcopy import T3_COL_BUSINESS, T3_COL_NATURAL, T3_COL_TOTAL, T3_NEW, page

_HTML5 = "<!DOCTYPE html>"
_XHTML = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
          '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">')  # most CMS pages: limited quirks
_HTML401_LOOSE = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">'
_HTML401_BARE = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">'
_HTML40 = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN">'
_HTML32 = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">'


def _read(tmp_path: Path, doctype: str, cell: str, css: str) -> tuple[object, list[str]]:
    html = page({(T3_NEW, T3_COL_NATURAL): "CELL", (T3_NEW, T3_COL_BUSINESS): "12", (T3_NEW, T3_COL_TOTAL): "49"})
    html = doctype + html.replace("<p>CELL</p>", cell).replace("<head>", f"<head><style>{css}</style>")
    path = tmp_path / "cell.html"
    path.write_text(html, encoding="utf-8")
    r = load_report(path)
    return r.tables["三"][(T3_NEW, T3_COL_NATURAL)], [f.message for f in r.import_findings if f.code == "HIDDEN-TEXT"]


@pytest.mark.parametrize("doctype", ["", _HTML401_BARE, _HTML40, _HTML32, "<!-- 模板 -->\n", "x" + _HTML5])
@pytest.mark.parametrize(("cell", "css"), [
    ('<span class="hide">1</span>37', ".Hide{display:none}"),
    ('<span class="HIDE">1</span>37', ".hide{display:none}"),
    ('<span id="Fn">1</span>37', "#fn{display:none}"),
    ('<span class="a Hide">1</span>37', "span.a.hide{visibility:hidden}"),
    ('<div class="Box"><span>1</span>37</div>', ".box > span{display:none}"),
    ('<span class="hide">1</span>37', ":is(.HIDE){display:none}"),
])
def test_in_quirks_mode_a_class_of_another_case_hides(tmp_path: Path, doctype: str, cell: str, css: str) -> None:
    value, hidden = _read(tmp_path, doctype, cell, css)
    assert value == 37 and len(hidden) == 1, (value, hidden)


@pytest.mark.parametrize("doctype", [_HTML5, _XHTML, _HTML401_LOOSE, "<!-- 模板 -->\n" + _HTML5, "\ufeff" + _HTML5])
@pytest.mark.parametrize(("cell", "css"), [
    ('<span class="hide">1</span>37', ".Hide{display:none}"),
    ('<span id="Fn">1</span>37', "#fn{display:none}"),
])
def test_in_standards_mode_case_counts(tmp_path: Path, doctype: str, cell: str, css: str) -> None:
    value, hidden = _read(tmp_path, doctype, cell, css)
    assert value == 137 and not hidden, hidden


@pytest.mark.parametrize("doctype", ["", _HTML5])
def test_an_attribute_selector_keeps_its_case_in_either_mode(tmp_path: Path, doctype: str) -> None:
    value, hidden = _read(tmp_path, doctype, '<span class="hide">1</span>37', "[class=Hide]{display:none}")
    assert value == 137 and not hidden


def test_the_mode_as_the_standard_decides_it() -> None:
    assert quirks_mode("<html>") and quirks_mode("<!DOCTYPE svg>") and quirks_mode(_HTML40 + "<html>")
    assert quirks_mode('<!DOCTYPE html SYSTEM "http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd">')
    assert not quirks_mode("  <!doctype HTML><html>") and not quirks_mode(_XHTML)
    assert not quirks_mode('<!DOCTYPE html SYSTEM "about:legacy-compat">')
