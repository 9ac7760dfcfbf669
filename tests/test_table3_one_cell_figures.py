"""表三 whose every row has its seven figures in ONE cell across the seven columns, apart by spaces, tabs or
U+3000 (a converter that found no column lines among the figures; rev25a C30): one figure a column, the
row's 总计 proving it.  Before, all 175 cells were refused (“中间有空格，是一个数还是两个数？”)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from app.reading import load_report
from app.schema import T3_COLS, T3_ROW_PATHS
from tests.thirdparty import Spec, build, replace_table

KINDS = len(T3_COLS) - 1
FIGURES = {(r, c): (r * 5 + c * 3) % 11 + 1 for r in range(len(T3_ROW_PATHS)) for c in range(KINDS)}
FIGURES |= {(r, KINDS): sum(FIGURES[r, c] for c in range(KINDS)) for r in range(len(T3_ROW_PATHS))}


def _one_cell(tmp_path: Path, sep: str, total: int = 0) -> Path:
    """``total``: added to every row's 总计 (figures that do not add up)."""
    rows = [["", "", "", *T3_COLS]]
    rows += [[*(["", "", ""][:3 - len(p)] + list(p)), *[""] * len(T3_COLS)] for p in T3_ROW_PATHS]
    path = build(Spec(), tmp_path / "t3.docx")
    replace_table(path, "自然人", rows)
    d = docx.Document(str(path))
    t = next(t for t in d.tables if "自然人" in "".join(c.text for c in t._cells))
    for r in range(len(T3_ROW_PATHS)):
        figures = [str(FIGURES[r, c] + (total if c == KINDS else 0)) for c in range(len(T3_COLS))]
        t.cell(r + 1, 3).merge(t.cell(r + 1, 2 + len(T3_COLS))).text = sep.join(figures)
    d.save(str(path))
    return path


@pytest.mark.parametrize("sep", ["   ", "\t", "\u3000\u3000"], ids=["spaces", "tab", "ideographic"])
def test_seven_figures_in_one_cell_are_split(tmp_path: Path, sep: str) -> None:
    r = load_report(_one_cell(tmp_path, sep))
    wrong = {k: (v, r.tables["三"].get(k)) for k, v in FIGURES.items() if r.tables["三"].get(k) != v}
    assert not wrong, wrong


def test_figures_that_do_not_add_up_stay_refused(tmp_path: Path) -> None:
    """Without the 总计's proof they could be other figures than the columns': refused as before, text kept."""
    r = load_report(_one_cell(tmp_path, "   ", total=1))
    assert all(r.tables["三"].get(k) is None for k in FIGURES)
    assert len(r.raw) == len(T3_ROW_PATHS)
