"""Statutory tables a converter rebuilt as paragraphs in a .docx (rev25a C20): each row a
paragraph, its cells between tabs or aligned with spaces.  Read as the same lines in a .txt are
(app/textcopy.py): every figure where the table itself gives it, the report's text unchanged."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from app.reading import load_report
from app.schema import T3_COLS, T3_ROW_PATHS
from tests.thirdparty import Spec, build

# Distinct figures in every cell (whether the sums agree is no matter here: both reads compared).
FIGURES = Spec(t2={(0, 0): "3", (0, 1): "1", (0, 2): "21", (1, 0): "5", (1, 1): "2", (1, 2): "33", (2, 0): "1234",
                   (3, 0): "56", (4, 0): "7", (5, 0): "12.5"},
               t3={(r, c): str((r * 5 + c * 3) % 11 + 1) for r in range(len(T3_ROW_PATHS)) for c in range(len(T3_COLS))},
               t4={i: str(i % 4 + 1) for i in range(15)})
MARKERS = {"二": "第二十条第（一）项", "三": "申请人情况", "四": "行政复议"}


def _row_text(row: object) -> list[str]:
    cells: list[str] = []
    last = None
    for c in row.cells:
        if c._tc is last:
            continue
        last = c._tc
        text = c.text.replace("\n", "")
        if not (cells and cells[-1] == text and not text.isdigit()):  # a merged label once
            cells.append(text)
    return cells


def _as_lines(src: Path, dest: Path, key: str, sep: str) -> Path:
    d = docx.Document(str(src))
    table = next(t for t in d.tables if MARKERS[key] in "".join(c.text for c in t._cells))
    anchor = table._tbl
    for row in table.rows:
        cells = [c.replace("&", "&amp;").replace("<", "&lt;") for c in _row_text(row)]
        inner = (sep.join(f'<w:t xml:space="preserve">{c}</w:t>' for c in cells) if sep == "<w:tab/>"
                 else f'<w:t xml:space="preserve">{sep.join(cells)}</w:t>')
        p = parse_xml(f"<w:p {nsdecls('w')}><w:r>{inner}</w:r></w:p>")
        anchor.addnext(p)
        anchor = p
    table._tbl.getparent().remove(table._tbl)
    d.save(str(dest))
    return dest


@pytest.mark.parametrize("key", ["二", "三", "四"])
@pytest.mark.parametrize("sep", ["<w:tab/>", "    "], ids=["tabs", "spaces"])
def test_a_table_written_as_lines_reads_as_the_table(tmp_path: Path, key: str, sep: str) -> None:
    src = build(FIGURES, tmp_path / "src.docx")
    want = load_report(src)
    r = load_report(_as_lines(src, tmp_path / "lines.docx", key, sep))
    assert r.tables[key] == want.tables[key] and any(v is not None for v in r.tables[key].values())
    assert {k: [p.text for p in v] for k, v in r.sections.items()} == {k: [p.text for p in v] for k, v in want.sections.items()}
    assert not [f.message for f in r.import_findings if "没有找到" in f.message]


def test_tabbed_lines_beside_the_tables_stay_text(tmp_path: Path) -> None:
    """A contact list set with tabs in 六 of a report whose tables are tables: its text, as written."""
    lines = ["联系人\t电话\t地址", "张三\t12345678\t某路1号", "李四\t87654321\t某路2号"]
    r = load_report(build(Spec(text={"六": lines}), tmp_path / "r.docx"))
    assert [p.text for p in r.sections["六"]] == lines
