"""A report set in one cell of a template's table (a CMS page converted to Word, an OA system's
frame): beside it an empty margin column, or a menu column.  A frame of one column was read as
its contents; one of two or three columns was read as one table of no statutory kind — no title,
no section, not one figure (NO-FIGURES).  Read through load_report against the report unframed."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reading import load_report
from tests.conftest import rewrite_docx
from tests.thirdparty import Spec, build

_TEXT = {"一": ["总体说明。"], "五": ["问题说明。"], "六": ["其他说明。"]}
_MENU = "<w:p><w:r><w:t>首页</w:t></w:r></w:p><w:p><w:r><w:t>政务公开</w:t></w:r></w:p>"


def _framed(xml: str, before: str, after: str) -> str:
    start = xml.index("<w:body>") + len("<w:body>")
    end = xml.rindex("<w:sectPr")
    cells = [f"<w:tc>{before}</w:tc>"] * bool(before) + [f"<w:tc>{xml[start:end]}<w:p/></w:tc>"] + [f"<w:tc>{after}</w:tc>"] * bool(after)
    grid = "<w:gridCol/>" * len(cells)
    return f"{xml[:start]}<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid><w:tr>{''.join(cells)}</w:tr></w:tbl><w:p/>{xml[end:]}"


@pytest.mark.parametrize(("before", "after"), [("", ""), ("", "<w:p/>"), ("<w:p/>", "<w:p/>"), (_MENU, "<w:p/>")],
                         ids=["one-cell", "margin-after", "margins", "menu-before"])
def test_a_report_in_one_cell_of_a_frame_reads_as_unframed(tmp_path: Path, before: str, after: str) -> None:
    src = build(Spec(text=_TEXT, t3={(0, 0): "5", (0, 6): "5"}, t4={0: "2", 4: "2"}), tmp_path / "plain.docx")
    plain = load_report(src)
    r = load_report(rewrite_docx(src, tmp_path / "framed.docx", lambda xml: _framed(xml, before, after)))
    assert (r.organ, r.year, r.date) == (plain.organ, plain.year, plain.date)
    assert {k: r.section_text(k) for k in _TEXT} == {k: plain.section_text(k) for k in _TEXT}
    assert r.tables == plain.tables and r.tables["三"][(0, 0)] == 5
    assert r.section_text("前言") == plain.section_text("前言")
    assert sorted(f.message for f in r.import_findings) == sorted(f.message for f in plain.import_findings)
