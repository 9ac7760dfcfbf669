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


def test_named_rows_and_columns_point_at_their_labels() -> None:
    """The names the code uses instead of numbers (the declaration's own test keeps literals)."""
    from app import schema as s

    t2 = {(c.row, c.col): (c.row_label, c.col_label) for c in s.TABLE2.cells}
    assert t2[(s.T2_RULES, s.T2_ISSUED)] == ("规章", "本年制发件数")
    assert t2[(s.T2_NORMATIVE, s.T2_REPEALED)] == ("行政规范性文件", "本年废止件数")
    assert t2[(s.T2_NORMATIVE, s.T2_IN_FORCE)] == ("行政规范性文件", "现行有效件数")
    assert [t2[(r, s.T2_ONLY_COL)] for r in (s.T2_LICENSING, s.T2_PENALTY, s.T2_COERCION, s.T2_FEES)] == [
        ("行政许可", "本年处理决定数量"), ("行政处罚", "本年处理决定数量"), ("行政强制", "本年处理决定数量"),
        ("行政事业性收费", "本年收费金额（单位：万元）")]
    cols = (s.T3_COL_NATURAL, s.T3_COL_BUSINESS, s.T3_COL_RESEARCH, s.T3_COL_WELFARE, s.T3_COL_LEGAL_SERVICE,
            s.T3_COL_OTHER, s.T3_COL_TOTAL)
    assert [TABLE3.cell(0, c).col_label for c in cols] == [  # type: ignore[union-attr]
        "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    rows = {s.T3_NEW: "一、本年新收政府信息公开申请数量", s.T3_CARRIED_IN: "二、上年结转政府信息公开申请数量",
            s.T3_DISCLOSED: "（一）予以公开", s.T3_RESULT_TOTAL: "（七）总计", s.T3_CARRIED_OUT: "四、结转下年度继续办理"}
    assert {r: TABLE3.row_labels[r] for r in rows} == rows
    assert TABLE3.row_labels[s.T3_PARTLY_DISCLOSED].startswith("（二）部分公开")
    assert s.T3_ROW["3.其他"] == 22 and s.T3_KIND[22] == "其他处理" and s.t3_short(s.T3_CARRIED_IN) == "二、上年结转"
    t4 = {c.col: c.col_label for c in s.TABLE4.cells}
    assert t4[s.T4_COL[(s.T4_REVIEW_GROUP, s.T4_UPHELD)]] == "行政复议·结果维持"
    assert t4[s.T4_COL[(s.T4_SUIT_AFTER_REVIEW, s.T4_GROUP_TOTAL)]] == "复议后起诉·总计"
    assert [t4[c] for _, c in s.T4_SIDES["行政诉讼"]] == ["未经复议直接起诉·总计", "复议后起诉·总计"]
    roles = (s.OVERVIEW, s.PROACTIVE, s.REQUESTS, s.REVIEWS, s.PROBLEMS, s.OTHER_MATTERS)
    assert [s.SECTION_BY_KEY[k].heading for k in roles] == [spec.heading for spec in SECTIONS]
    assert [s.SECTION_BY_KEY[k].table for k in roles] == [None, "二", "三", "四", None, None]
