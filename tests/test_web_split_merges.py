"""A statutory table cut in two (a page break, or a （续表） line, between its parts) where cells
merged down its left side go on across the cut — 表三's 三、本年度办理结果 and （三）不予公开 —
saved as a web page (.htm, .mht) the ways writers do: the merge's rowspan ending with the first
part, or running past its end, and the second part's rows without cells in those columns.  Read
as the .docx is: every figure in its place, nothing said (it was “网页中的表格有4行被跨错了…
请网站改正该表格”, the website blamed for a page that draws as the document does)."""

from __future__ import annotations

from html import escape
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from app.reading import load_report
from tests.mhtmake import word_mht
from tests.test_split_tables import BREAK, KEYS, _distinct, _split

CAPTION = '<w:p><w:r><w:t>（续表）</w:t></w:r></w:p>'
HEADING_AGAIN = '<w:p><w:r><w:t>三、收到和处理政府信息公开申请情况（续表）</w:t></w:r></w:p>'


def _cells(tbl):  # type: ignore[no-untyped-def]  # python-docx's CT_Tbl
    """Per row: (tc, first grid column, vMerge or None, gridSpan)."""
    grid = []
    for tr in tbl.tr_lst:
        col, cells = 0, []
        for tc in tr.tc_lst:
            pr = tc.tcPr
            span = int(pr.gridSpan.val) if pr is not None and pr.gridSpan is not None else 1
            vm = pr.find(qn("w:vMerge")) if pr is not None else None
            cells.append((tc, col, None if vm is None else (vm.get(qn("w:val")) or "continue"), span))
            col += span
        grid.append(cells)
    return grid


def _page(src: Path, past_end: bool, top_cells: bool = False) -> str:
    """The .docx as a web page: a merge's rowspan counted in its own table (``past_end`` False) or
    on through the tables after it (True, as if the cut were not there); a "continue" cell never
    written, also at a table's top — unless ``top_cells``: there an empty cell merged down as far
    as the merge goes (as Word shows the part: a merge of its own)."""
    document = docx.Document(str(src))
    tables = [_cells(el) for el in document.element.body if el.tag == qn("w:tbl")]
    body, t = [], -1
    for el in document.element.body:
        if el.tag == qn("w:p"):
            body.append(f"<p>{escape(''.join(x.text or '' for x in el.iter(qn('w:t'))))}</p>")
        elif el.tag == qn("w:tbl"):
            t += 1
            below_all = [row for g in tables[t:] for row in g] if past_end else tables[t]
            out = ['<table border="1" cellspacing="0">']
            for r, cells in enumerate(tables[t]):
                out.append("<tr>")
                for tc, col, merge, span in cells:
                    top = top_cells and merge == "continue" and not any(
                        c == col and m for _, c, m, _ in (tables[t][r - 1] if r else ()))
                    if merge == "continue" and not top:
                        continue
                    rowspan = 1
                    if merge == "restart" or top:
                        for below in below_all[r + 1:]:
                            if not any(c == col and m == "continue" for _, c, m, _ in below):
                                break
                            rowspan += 1
                    text = escape("".join(x.text or "" for x in tc.iter(qn("w:t"))))
                    attrs = (f' colspan="{span}"' if span > 1 else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")
                    out.append(f"<td{attrs}><p>{text}</p></td>")
                out.append("</tr>")
            body.append("".join(out) + "</table>")
    return ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>年报</title></head>'
            f"<body>{''.join(body)}</body></html>")


@pytest.mark.parametrize("after", [8, 12, 16, 20])
@pytest.mark.parametrize("between", [BREAK, CAPTION, HEADING_AGAIN], ids=["page-break", "caption", "heading-again"])
@pytest.mark.parametrize("past_end", [False, True], ids=["rowspan-ends", "rowspan-runs-on"])
def test_table_three_cut_under_merged_labels_reads_as_its_docx(tmp_path: Path, after: int, between: str, past_end: bool) -> None:
    report, src = _distinct(tmp_path)
    cut = _split(src, tmp_path / "分页.docx", "申请人情况", after, between=between)
    from_docx = load_report(cut)
    html = tmp_path / "分页.htm"
    html.write_text(_page(cut, past_end), encoding="utf-8")
    mht = tmp_path / "分页.mht"
    mht.write_bytes(word_mht(_page(cut, past_end)))
    for read in (load_report(html), load_report(mht)):
        assert {k: read.tables[k] for k in KEYS} == {k: from_docx.tables[k] for k in KEYS} == {k: report.tables[k] for k in KEYS}
        assert [f.message for f in read.import_findings] == [f.message for f in from_docx.import_findings] == []


@pytest.mark.parametrize("after", [8, 12, 16, 20])
def test_a_part_whose_merged_cells_start_anew_reads_as_its_docx(tmp_path: Path, after: int) -> None:
    """The second part's merges written as cells of its own (empty, merged down as far as they
    go): whole already, nothing added to it."""
    report, src = _distinct(tmp_path)
    cut = _split(src, tmp_path / "分页.docx", "申请人情况", after)
    html = tmp_path / "分页.htm"
    html.write_text(_page(cut, False, top_cells=True), encoding="utf-8")
    read = load_report(html)
    assert {k: read.tables[k] for k in KEYS} == {k: report.tables[k] for k in KEYS}
    assert not read.import_findings


def test_a_narrower_table_after_a_heading_is_not_taken_for_a_continuation(tmp_path: Path) -> None:
    """The second part after a section's heading (not a caption) is no continuation: its rows,
    short at the left, are read as drawn and said."""
    _, src = _distinct(tmp_path)
    heading = '<w:p><w:r><w:t>四、因政府信息公开工作被申请行政复议、提起行政诉讼情况</w:t></w:r></w:p>'
    cut = _split(src, tmp_path / "分页.docx", "申请人情况", 12, between=heading)
    html = tmp_path / "分页.htm"
    html.write_text(_page(cut, False), encoding="utf-8")
    read = load_report(html)
    assert [f for f in read.import_findings if f.code == "LABEL-EDITED" and f.kind == "rowspan"]


def test_a_table_of_figures_after_a_whole_table_three_is_read_as_drawn(tmp_path: Path) -> None:
    """表三 ends with 四、结转下年度继续办理 over its three label columns: nothing merged goes on
    past it, so a narrower table after it (a caption between) keeps its cells where they are."""
    from app.docx.blocks import TableBlock
    from app.webcopy import html_blocks
    from tests.test_webcopy import page

    rows = "".join(f"<tr><td>第{i}项</td>{''.join(f'<td>{i * 10 + k}</td>' for k in range(8))}</tr>" for i in range(3))
    text = page({})
    at = text.index("</table>", text.index("申请人情况")) + len("</table>")
    blocks, _ = html_blocks(text[:at] + f"<p>（续表）</p><table border='1'>{rows}</table>" + text[at:])
    tables = [b for b in blocks if isinstance(b, TableBlock)]
    extra = next(t for t in tables if t.rows and t.rows[0][0].text == "第0项")
    assert [len(r) for r in extra.rows] == [9, 9, 9] and extra.rows[0][1].text == "0"
