"""A web page whose CSS shows a cell's text in another order than written (app/webreorder.py):
flex or grid items by their ``order``, a flex row or column reversed, a right-to-left flex row.
Read as the browser shows it, and said (HIDDEN-TEXT css at the cell) — read as written, the
cell that shows 1000 was 10, silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.findings import RESTYLED
from app.reading import load_report
from app.schema import REQUESTS, T3_NEW
from tests.mhtmake import page_html
from tests.thirdparty import Spec, build


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> str:
    src = build(Spec(t3={(T3_NEW, 0): "1000"}), tmp_path_factory.mktemp("reorder") / "src.docx")
    page = page_html(src)
    assert page.count("<td><p>1000</p></td>") == 1
    return page


def _read(tmp_path: Path, html: str, cell: str, style: str = "") -> tuple[int | None, list[str]]:
    path = tmp_path / "报告.html"
    page = html.replace("<td><p>1000</p></td>", f"<td>{cell}</td>").replace("</head>", f"<style>{style}</style></head>")
    path.write_text(page, encoding="utf-8")
    report = load_report(path)
    return report.tables[REQUESTS][(T3_NEW, 0)], [f.message for f in report.import_findings if f.code == RESTYLED.code]


@pytest.mark.parametrize(("cell", "style"), [
    ('<p style="display:flex"><span style="order:2">00</span><span style="order:1">10</span></p>', ""),
    ('<p class="n"><span class="b">00</span><span class="a">10</span></p>', ".n{display:inline-flex}.b{order:9}"),
    ('<p style="display:flex;flex-direction:row-reverse"><span>00</span><span>10</span></p>', ""),
    ('<p style="display:flex;flex-flow:row-reverse wrap"><span>00</span><span>10</span></p>', ""),
    ('<p style="display:flex;direction:rtl"><span>00</span><span>10</span></p>', ""),
    ('<p style="display:grid;grid-auto-flow:column"><span style="order:1">00</span><span>10</span></p>', ""),
    ('<p style="display:flex">00<span style="order:-1">10</span></p>', ""),  # text directly in it: an item too
], ids=["order", "order-by-class", "row-reverse", "flex-flow", "rtl-row", "grid-order", "anonymous-item"])
def test_a_cell_shown_in_another_order_reads_as_shown(tmp_path: Path, html: str, cell: str, style: str) -> None:
    value, said = _read(tmp_path, html, cell, style)
    assert value == 1000
    assert said and "先后顺序" in said[0]


@pytest.mark.parametrize("cell", [
    '<p><span style="order:2">10</span><span style="order:1">00</span></p>',  # order outside a flex container: none
    '<p style="display:flex"><span>10</span><span>00</span></p>',  # a flex row in its order
    '<p style="display:flex;direction:rtl;flex-direction:row-reverse"><span>10</span><span>00</span></p>',  # two reversals
], ids=["no-container", "in-order", "rtl-row-reversed"])
def test_a_cell_in_its_written_order_is_read_unchanged(tmp_path: Path, html: str, cell: str) -> None:
    value, said = _read(tmp_path, html, cell)
    assert value == 1000 and not said
