"""Vertical merges written inconsistently: a cell marked "continue" (w:vMerge, its default) with
no merge above it to continue — a generator that wrote no "restart", a merge whose first cell was
deleted.  It was taken into the cell above it (a header's or another row's), so 表三's row labels
一、本年新收 / （一）予以公开 / （七）总计 went into the header and those rows' figures were lost
(LABEL-EDITED unplaced).  LibreOffice reads such a cell as the start of a merge of its own, and a
round trip through it reads as the report; so do both of our walks of a table now
(app/docx/fastgrid.py ``continued``): the plain one, and the general one a table with content
controls in its cells takes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import dump
from app.reading import load_report
from tests.helpers import run_app
from tests.hostile_base import SAMPLE
from tests.hostile_docx import _merges_all_continued, _sample_rewritten, _wrap_cells

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

WALKS = {
    "plain": lambda: _sample_rewritten(_merges_all_continued),
    "general": lambda: _sample_rewritten(lambda xml: _wrap_cells(_merges_all_continued(xml))),
}


@pytest.mark.parametrize("walk", list(WALKS))
def test_merges_without_their_restart_read_as_the_report(tmp_path: Path, walk: str) -> None:
    expected = dump(load_report(SAMPLE))
    path = tmp_path / f"{walk}.docx"
    path.write_bytes(WALKS[walk]())
    got = dump(load_report(path))  # as the window reads it
    assert got["table3"] == expected["table3"] and got["table2"] == expected["table2"] and got["table4"] == expected["table4"]
    out = run_app("check", path, "--json")
    assert out.returncode in (0, 1) and "Traceback" not in out.stderr, out.stderr
    codes = {f["code"] for f in json.loads(out.stdout)}
    assert "LABEL-EDITED" not in codes, codes


def _table(*rows: str) -> str:
    return "<w:tbl>" + "".join(f"<w:tr>{r}</w:tr>" for r in rows) + "</w:tbl>"


def _tc(text: str, merge: str | None = None) -> str:
    props = "" if merge is None else ("<w:tcPr><w:vMerge/></w:tcPr>" if merge == "continue"
                                      else f'<w:tcPr><w:vMerge w:val="{merge}"/></w:tcPr>')
    return f"<w:tc>{props}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def _grid(table: str) -> list[list[tuple[str, int]]]:
    """The table's grid as the reader makes it: each position's text and the cell covering it."""
    from lxml import etree

    from app.docx.blocks import TableBlock, read_blocks

    blocks = read_blocks(etree.fromstring(f"<w:body {_W}>{table}</w:body>"))
    assert len(blocks) == 1 and isinstance(blocks[0], TableBlock)
    return [[(c.text, c.ident) for c in row] for row in blocks[0].rows]


@pytest.mark.parametrize("walk", ["plain", "general"])
def test_a_continue_joins_only_a_merge(walk: str) -> None:
    """Under a plain cell a "continue" is a cell of its own, its text kept; under a restart, or a
    continue that joined one, it is that cell."""
    sdt = (lambda tc: f"<w:sdt><w:sdtContent>{tc}</w:sdtContent></w:sdt>") if walk == "general" else (lambda tc: tc)
    rows = _grid(_table(sdt(_tc("标签")) + _tc("甲"),
                        sdt(_tc("一、本年新收", "continue")) + _tc("1", "restart"),
                        sdt(_tc("", "continue")) + _tc("", "continue")))
    (label, _), (first, first_id) = rows[1][0], rows[1][1]
    assert label == "一、本年新收" and rows[0][0][1] != rows[1][0][1]  # not taken into the header
    assert rows[2][0][1] == rows[1][0][1]  # and it began a merge the row below continues
    assert first == "1" and rows[2][1][1] == first_id
