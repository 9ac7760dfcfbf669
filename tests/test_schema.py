"""The format declaration is internally consistent and verbatim (app/schema.py)."""

import re
from pathlib import Path

import pytest

from app.schema import SECTIONS, TABLE3, TABLES, TableSpec

# The statutory annex (国办公开办函〔2021〕30号), copied verbatim from ../shared/reference so the
# label test runs on any checkout.
ANNEX = Path(__file__).parent / "data" / "format-2021.txt"


@pytest.mark.parametrize("spec", TABLES.values(), ids=lambda s: s.key)
def test_layout_covers_the_grid_exactly_once(spec: TableSpec) -> None:
    covered: dict[tuple[int, int], int] = {}
    for i, cell in enumerate(spec.layout):
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                pos = (cell.row + dr, cell.col + dc)
                assert pos not in covered, f"{pos} covered twice"
                covered[pos] = i
    assert set(covered) == {(r, c) for r in range(spec.grid_rows) for c in range(spec.grid_cols)}


@pytest.mark.parametrize("spec", TABLES.values(), ids=lambda s: s.key)
def test_every_data_cell_is_laid_out_once(spec: TableSpec) -> None:
    placed = [c.data for c in spec.layout if c.data is not None]
    assert sorted(placed) == sorted((c.row, c.col) for c in spec.cells)
    assert len(spec.col_widths) == spec.grid_cols


def test_totals_are_data_cells_and_not_their_own_parts() -> None:
    for spec in TABLES.values():
        for rule in spec.sum_rules:
            assert spec.cell(*rule.target) is not None
            assert rule.target not in rule.parts
            assert all(spec.cell(*p) is not None for p in rule.parts)


def test_counts_match_the_format() -> None:
    assert TABLES["三"].n_rows == 25 and TABLES["三"].n_cols == 7
    assert len(TABLES["三"].cells) == 175
    assert len(TABLES["四"].cells) == 15
    assert len(TABLES["二"].cells) == 10
    assert SECTIONS[0].heading == "一、总体情况"


def test_labels_are_verbatim_from_the_annex() -> None:
    annex = re.sub(r"\s", "", ANNEX.read_text(encoding="utf-8"))
    labels = {c.text for spec in TABLES.values() for c in spec.layout if c.text}
    labels |= {s.heading for s in SECTIONS}
    for label in labels:
        assert re.sub(r"\s", "", label) in annex, label


def test_table3_result_group_spans_its_rows() -> None:
    group = next(c for c in TABLE3.layout if c.text == "三、本年度办理结果")
    assert group.rowspan == 22 and group.col == 0
