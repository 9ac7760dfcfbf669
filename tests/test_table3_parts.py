"""表三 broken into short Word tables (rev24a M1): a row a table, as PDF→Word converters leave it,
or a page break leaving a one-row part after another.  A part no statutory label names is the
table before it continued — the table before as read, itself a continuation too: from the second
one-row part on every row was “不是法定统计表” and （七）总计 a sum of the few rows read.
Third-party .docx files built with python-docx, the table cut with lxml."""

from __future__ import annotations

import copy
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement

from app.reading import load_report
from app.schema import REQUESTS, T3_COLS, T3_ROW_PATHS
from tests.thirdparty import Spec, build

# Consistent figures (the totals add up): the reader's computed totals would hide a lost row otherwise.
_DETAIL = [r for r, p in enumerate(T3_ROW_PATHS) if len(p) > 1 and "总计" not in p[-1]]
_KINDS = len(T3_COLS) - 1
FIGURES: dict[tuple[int, int], str] = {}
for _c in range(_KINDS):
    _results = {r: (r * 5 + _c * 3) % 11 + 1 for r in _DETAIL}
    _total = sum(_results.values())
    _values = {**_results, len(T3_ROW_PATHS) - 2: _total, 1: _c + 1, len(T3_ROW_PATHS) - 1: _c + 3}
    _values[0] = _total + _values[len(T3_ROW_PATHS) - 1] - _values[1]
    FIGURES.update({(r, _c): str(v) for r, v in _values.items()})
for _r in range(len(T3_ROW_PATHS)):
    FIGURES[(_r, _KINDS)] = str(sum(int(FIGURES[(_r, c)]) for c in range(_KINDS)))


def _cut(path: Path, before: list[int]) -> Path:
    """表三 cut into parts before each data row in ``before`` (an empty paragraph between)."""
    d = docx.Document(str(path))
    (t3,) = [t for t in d.tables if len(t.columns) == 3 + len(T3_COLS)]
    tbl = t3._tbl
    rows = tbl.tr_lst
    first_data = len(rows) - len(T3_ROW_PATHS)
    at = tbl
    for k, start in enumerate(before):
        end = before[k + 1] if k + 1 < len(before) else len(T3_ROW_PATHS)
        part = OxmlElement("w:tbl")
        part.append(copy.deepcopy(tbl.tblPr))
        part.append(copy.deepcopy(tbl.tblGrid))
        for tr in rows[first_data + start:first_data + end]:
            part.append(tr)
        gap = OxmlElement("w:p")
        at.addnext(gap)
        gap.addnext(part)
        at = part
    d.save(str(path))
    return path


@pytest.mark.parametrize("before", [
    list(range(3, len(T3_ROW_PATHS))),  # a row a table after the first group
    [len(T3_ROW_PATHS) - 2, len(T3_ROW_PATHS) - 1],  # two one-row parts at the foot
    [20, 21, 23],  # a middle part of one row between longer ones
], ids=["row-a-table", "two-one-row-parts", "one-row-middle"])
def test_table3_in_short_parts_is_read_whole(tmp_path: Path, before: list[int]) -> None:
    r = load_report(_cut(build(Spec(t3=FIGURES), tmp_path / "t3.docx"), before))
    assert {pos: str(r.tables[REQUESTS][pos]) for pos in FIGURES} == FIGURES
    assert not [f.message for f in r.import_findings if f.location.section == REQUESTS or "不是法定统计表" in f.message]


def test_a_note_row_under_table3_is_its_sections_text(tmp_path: Path) -> None:
    """One cell across the table under its last row (rev24a L6): a note, kept as 三's text — it was an
    ERROR calling its words figures not read."""
    note = "注：本表数据截至2023年12月31日"
    path = build(Spec(t3=FIGURES), tmp_path / "note.docx")
    d = docx.Document(str(path))
    (t3,) = [t for t in d.tables if len(t.columns) == 3 + len(T3_COLS)]
    cells = t3.add_row().cells
    cells[0].merge(cells[-1]).text = note
    d.save(str(path))
    r = load_report(path)
    assert {pos: str(r.tables[REQUESTS][pos]) for pos in FIGURES} == FIGURES
    assert not [f.message for f in r.import_findings if f.location.section == REQUESTS]
    assert note in r.section_text(REQUESTS)
