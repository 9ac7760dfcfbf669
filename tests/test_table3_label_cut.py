"""表三 whose row labels a PDF→Word converter cut over two cells where the PDF's line ended
(rev25a C10): “一、本年新收政府｜信息公开申请数量”, “三、本年度办理结｜果（一）予以公开”.  The cells
are read as one label.  Before, only the last cell was: 20 false “标签被改动” warnings
(“信息公开申请数量” taken for 二、上年结转…) and （二）部分公开's figures dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reading import load_report
from app.schema import T3_COLS, T3_ROW_PATHS
from tests.thirdparty import Spec, build, replace_table

FIGURES = {(r, c): str((r * 7 + c * 3) % 19 + 1) for r in range(len(T3_ROW_PATHS)) for c in range(len(T3_COLS))}


def _rows(cut: int) -> list[list[str]]:
    """Every row's path of labels run together, then cut ``cut`` characters before the middle."""
    out = [["", "", *T3_COLS]]
    for r, path in enumerate(T3_ROW_PATHS):
        label = "".join(path)
        h = max(1, len(label) // 2 - cut)
        out.append([label[:h], label[h:], *(FIGURES[r, c] for c in range(len(T3_COLS)))])
    return out


@pytest.mark.parametrize("cut", [0, 2])
def test_a_label_cut_over_two_cells_is_one_label(tmp_path: Path, cut: int) -> None:
    path = build(Spec(), tmp_path / "t3.docx")
    replace_table(path, "自然人", _rows(cut))
    r = load_report(path)
    wrong = {k: (v, r.tables["三"].get(k)) for k, v in FIGURES.items() if r.tables["三"].get(k) != int(v)}
    assert not wrong, wrong
    said = [f.message for f in r.import_findings if "三" in f.message and f.code in ("LABEL-EDITED", "ROW-UNPLACED")]
    assert not said, said


def test_an_edited_last_cell_is_still_said(tmp_path: Path) -> None:
    """Cells that run together into no label stay as they were: the last one read, its edit said."""
    rows = _rows(0)
    rows[1] = ["一、", "本年新收申请数量", *rows[1][2:]]
    path = build(Spec(), tmp_path / "t3.docx")
    replace_table(path, "自然人", rows)
    r = load_report(path)
    assert r.tables["三"].get((0, 0)) == int(FIGURES[0, 0])
    assert any("本年新收申请数量" in f.message for f in r.import_findings)
