"""Text a reader makes from one stored definition, once per use, is bounded (app/madetext.py):
a list level's text, CSS generated content and counters(), a bound value shown by many
controls, a workbook's shared string placed in many cells.  Each file here is small; the text it
expands to is what the old reader built (rev26h N1, C1, B1, X1: gigabytes at full size)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app import limits
from app.errors import ReadError
from app.madetext import MAX_LIST_LABEL_CHARS, MAX_MADE_CHARS, TOO_MUCH
from app.reading import load_report
from app.schema import T3_COL_NATURAL, T3_NEW
from tests.conftest import rewrite_docx
from tests.test_data_binding import ITEM, _bound, _package
from tests.test_docx_list_numbers import _numbering
from tests.test_webcopy import page
from tests.thirdparty import Spec, build

PARAGRAPH = "本年度工作正常开展。"


def test_a_list_label_is_cut_and_the_paragraph_read_whole(tmp_path: Path) -> None:
    """A level text of 300 “%1” (Word's are “%1、”, “（%1）”): the label Word would make is 300
    characters or, at upperLetter 32767, 380,000 per paragraph; the paragraph's own text is read."""
    src = build(Spec(text={"五": [PARAGRAPH] * 3}), tmp_path / "src.docx")
    listed = rewrite_docx(src, tmp_path / "listed.docx", lambda xml: xml.replace(
        f"<w:p><w:r><w:t>{PARAGRAPH}",
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr></w:pPr><w:r><w:t>{PARAGRAPH}'))
    path = rewrite_docx(listed, tmp_path / "numbered.docx", lambda _: _numbering("%1" * 300, None, 2),
                        part="word/numbering.xml")
    five = [p.text for p in load_report(path).sections["五"]]
    assert len(five) == 3 and all(t.endswith(PARAGRAPH) for t in five), five
    labels = [t[: -len(PARAGRAPH)].strip() for t in five]
    assert labels[0][0].isdigit() and labels[2][0] == str(int(labels[0][0]) + 2), labels  # still Word's numbers
    assert all(0 < len(label) <= MAX_LIST_LABEL_CHARS for label in labels), [len(x) for x in labels]


def test_one_bound_value_shown_by_many_controls_is_refused(tmp_path: Path) -> None:
    """25 controls bound to one 100,000-character value: 2.5 million characters made."""
    item = ITEM.replace("<r:空/>", f"<r:长>{'长' * 100_000}</r:长>")
    control = _bound("<w:r><w:t>x</w:t></w:r>", "/ns0:报告[1]/ns0:长[1]")
    controls = f"<w:p>{control}</w:p>" * 25

    def edit(xml: str) -> str:
        return xml.replace("</w:body>", controls + "</w:body>") if "<w:sectPr" not in xml else re.sub(
            r"(<w:sectPr)", lambda m: controls + m.group(1), xml, count=1)
    with pytest.raises(ReadError, match=re.escape(TOO_MUCH)):
        load_report(_package(tmp_path, edit, item=item))


def test_a_few_long_bound_values_are_read(tmp_path: Path) -> None:
    """Under the budget: every control shows its value, as Word does."""
    item = ITEM.replace("<r:空/>", f"<r:长>{'长' * 50_000}</r:长>")
    control = _bound("<w:r><w:t>x</w:t></w:r>", "/ns0:报告[1]/ns0:长[1]")
    report = load_report(_package(tmp_path, lambda xml: re.sub(
        r"(<w:sectPr)", lambda m: f"<w:p>{control}</w:p>" * 3 + m.group(1), xml, count=1), item=item))
    assert sum(p.text.count("长" * 50_000) for ps in report.sections.values() for p in ps) == 3


@pytest.mark.parametrize("css", [
    f'p::before{{content:"{"字" * 3000}"}}',  # one string, every paragraph
    'ol{counter-reset:c} li{counter-increment:c} li::before{content:counters(c,"' + "、" * 3000 + '")}',
])
def test_generated_content_past_the_budget_refuses_the_page(tmp_path: Path, css: str) -> None:
    html = page({(T3_NEW, T3_COL_NATURAL): "12"}).replace("<head>", f"<head><style>{css}</style>")
    lists = "".join(f"<ol><li>{i}" for i in range(40)) + "</li></ol>" * 40
    html = html.replace("</body>", "<p>x</p>" * (MAX_MADE_CHARS // 3000 + 5) + lists + "</body>")
    path = tmp_path / "generated.html"
    path.write_text(html, encoding="utf-8")
    with pytest.raises(ReadError, match=re.escape(TOO_MUCH)):
        load_report(path)


def test_generated_content_of_a_real_page_is_read(tmp_path: Path) -> None:
    html = page({(T3_NEW, T3_COL_NATURAL): "12"}).replace("<head>", '<head><style>body::before{content:"某某街道"}</style>')
    path = tmp_path / "dots.html"
    path.write_text(html, encoding="utf-8")
    assert load_report(path).tables["三"][(T3_NEW, T3_COL_NATURAL)] == 12


def test_a_workbooks_long_shared_string_is_cut_in_every_cell(tmp_path: Path) -> None:
    """One shared string of 40,000 characters (Excel's cell maximum is 32,767) in many cells."""
    from tests.hostile_web import sheet_ending_with, workbook_with

    long = "长" * 40_000
    cells = "".join(f'<row r="{2900 + r}">' + "".join(f'<c r="{c}{2900 + r}" t="inlineStr"><is><t>{long}</t></is></c>'
                                                     for c in "AB") + "</row>" for r in range(3))
    path = tmp_path / "long.xlsx"
    path.write_bytes(workbook_with(sheet_ending_with(cells)))
    try:
        report = load_report(path)
    except ReadError as e:  # a table of long words may be refused as no report: never with the words whole
        assert long not in str(e)
        return
    assert all(long not in f.message for f in report.import_findings)
    assert len(long) > limits.MAX_CELL_CHARS


def _merged_table(text: str, columns: int, rows: int) -> str:
    """One cell of ``text`` spanning ``columns`` and merged down ``rows`` rows (Word's vMerge)."""
    def row(first: bool) -> str:
        merge = '<w:vMerge w:val="restart"/>' if first else "<w:vMerge/>"
        body = f"<w:r><w:t>{text}</w:t></w:r>" if first else ""
        return f'<w:tr><w:tc><w:tcPr><w:gridSpan w:val="{columns}"/>{merge}</w:tcPr><w:p>{body}</w:p></w:tc></w:tr>'
    grid = "".join('<w:gridCol w:w="100"/>' for _ in range(columns))
    return f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>{row(True)}{''.join(row(False) for _ in range(rows - 1))}</w:tbl>"


def test_a_merged_cells_text_counts_at_every_position_it_covers(tmp_path: Path) -> None:
    """A 5,000-character cell (the cell cap) over 50 columns and 25 rows: 1,250 positions, far
    within the cell caps, 6.25 million characters for every pass over the table (at 100,000
    positions: 500 million, killed at 2.5 GB; rev26h M1).  Refused with the tables' own words."""
    src = build(Spec(), tmp_path / "src.docx")
    path = rewrite_docx(src, tmp_path / "merged.docx", lambda xml: re.sub(
        r"(<w:sectPr)", lambda m: _merged_table("字" * limits.MAX_CELL_CHARS, 50, 25) + "<w:p/>" + m.group(1), xml, count=1))
    with pytest.raises(ReadError, match="表格文字共超过500万字"):
        load_report(path)
    assert limits.MAX_CELL_CHARS * 50 * 25 > limits.MAX_ALL_TABLE_CHARS


def test_a_merged_label_over_a_few_rows_is_read(tmp_path: Path) -> None:
    src = build(Spec(), tmp_path / "src.docx")
    path = rewrite_docx(src, tmp_path / "merged.docx", lambda xml: re.sub(
        r"(<w:sectPr)", lambda m: _merged_table("附：主动公开目录（说明）" * 20, 6, 40) + "<w:p/>" + m.group(1), xml, count=1))
    assert load_report(path).organ
