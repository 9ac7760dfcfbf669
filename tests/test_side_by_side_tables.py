"""Statutory tables, or parts of one, set side by side in the cells of one row of a layout table
(a landscape annex converted to Word; 表三's columns in two halves on a wide page), rev25a C2 and
C1: each table is read in its turn.  Before, the outer table was read as data: all 200 figures
blank and NO-FIGURES suggested they were pictures or hidden; 表三's halves: 175 blank."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.oxml import parse_xml

from app.reading import load_report
from tests.test_table3_column_parts import FIGURES, split_table_three
from tests.thirdparty import Spec, build

_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _side_by_side(tables: list[Any]) -> None:
    """The w:tbl elements moved into one row of a layout table, a cell each, where the first stood."""
    cols = "".join(f'<w:gridCol w:w="{9000 // len(tables)}"/>' for _ in tables)
    layout = parse_xml(f"<w:tbl {_NS}><w:tblPr/><w:tblGrid>{cols}</w:tblGrid><w:tr/></w:tbl>")
    tables[0].addprevious(layout)
    row = layout.find("{*}tr")
    for t in tables:
        cell = parse_xml(f'<w:tc {_NS}><w:tcPr><w:tcW w:w="{9000 // len(tables)}" w:type="dxa"/></w:tcPr><w:p/></w:tc>')
        row.append(cell)
        cell.insert(1, t)


def test_the_three_tables_in_one_layout_row(tmp_path: Path) -> None:
    t2 = {(0, 0): "3", (0, 1): "1", (0, 2): "21", (2, 0): "1234"}
    t4 = {c: str(c + 40) for c in range(15)}
    path = build(Spec(t2=t2, t3=FIGURES, t4=t4), tmp_path / "three.docx")
    d = docx.Document(str(path))
    _side_by_side([t._tbl for t in d.tables])
    d.save(str(path))
    r = load_report(path)
    wrong = {k: (v, r.tables["三"].get(k)) for k, v in FIGURES.items() if r.tables["三"].get(k) != int(v)}
    assert not wrong, wrong
    assert [r.tables["四"].get((0, c)) for c in range(15)] == list(range(40, 55))
    assert r.tables["二"].get((0, 2)) == 21 and r.tables["二"].get((2, 0)) == 1234
    assert not [f.message for f in r.import_findings if f.severity.name == "ERROR"]


def test_table_three_halves_side_by_side(tmp_path: Path) -> None:
    path = build(Spec(t3=FIGURES), tmp_path / "halves.docx")
    d = docx.Document(str(path))
    _side_by_side(list(split_table_three(d)))
    d.save(str(path))
    r = load_report(path)
    wrong = {k: (v, r.tables["三"].get(k)) for k, v in FIGURES.items() if r.tables["三"].get(k) != int(v)}
    assert not wrong, wrong
    assert not [f.message for f in r.import_findings if "表三" in f.message]


def test_table_two_halves_side_by_side_in_one_table(tmp_path: Path) -> None:
    """表二 as two halves in one 8-column table (（一）/（五）项 left, （六）/（八）项 right; rev25a C14): before,
    行政处罚, 行政强制 and the fee read blank, said only as two false “标签被改动” warnings."""
    from tests.test_table2_compact import WANT

    t2 = {k: str(v) for k, v in WANT.items()}
    path = build(Spec(t2=t2), tmp_path / "t2.docx")
    d = docx.Document(str(path))
    table = next(t for t in d.tables if "信息内容" in "".join(c.text for c in t._cells))
    rows = [[c.text if i == 0 or c._tc is not r.cells[i - 1]._tc else "" for i, c in enumerate(r.cells)]
            for r in table.rows]
    at = next(i for i, r in enumerate(rows) if r[0].startswith("第二十条第（六）项"))
    left, right = rows[:at], rows[at:]
    right += [[""] * 4] * (len(left) - len(right))
    new = d.add_table(rows=len(left), cols=8)
    for i, row in enumerate(left[:len(right)]):
        for j, text in enumerate(row + right[i]):
            new.cell(i, j).text = text
    table._tbl.addnext(new._tbl)
    table._tbl.getparent().remove(table._tbl)
    d.save(str(path))
    r = load_report(path)
    assert {k: r.tables["二"].get(k) for k in WANT} == WANT
    assert not [f.message for f in r.import_findings if "表二" in f.message]
