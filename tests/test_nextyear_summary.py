"""从上年报告新建 tells the writer what it filled from last year: a fill that did not happen (last
year's 结转下年度继续办理 or 现行有效件数 blank, wholly or in part) is said as something to do, never
announced as done (rev25c M3: the sample's blank row was reported 已按上年填好)."""

from __future__ import annotations

from app.nextyear import carried_summary, next_year
from app.report import Report
from app.schema import T2_COL, T2_IN_FORCE_ROWS, T2_ROW, T3_CARRIED_IN, T3_CARRIED_OUT, TABLE3, CellRef
from tests.test_lastyear import last_year


def _filled(last: Report) -> Report:
    for c in range(TABLE3.n_cols):
        last.set_value(CellRef("三", T3_CARRIED_OUT, c), c)
    for label in T2_IN_FORCE_ROWS:
        last.set_value(CellRef("二", T2_ROW[label], T2_COL["现行有效件数"]), 4)
    return last


def test_both_filled_are_said_filled() -> None:
    said = carried_summary(next_year(_filled(last_year())))
    assert said == "表三“上年结转”和表二“现行有效件数”已按上年填好"


def test_a_blank_carried_out_row_is_a_thing_to_do_not_a_fill() -> None:
    last = _filled(last_year())
    for c in range(TABLE3.n_cols):
        last.set_value(CellRef("三", T3_CARRIED_OUT, c), None)
    said = carried_summary(next_year(last))
    assert "表三“上年结转”未填" in said and "请填写" in said
    assert said.startswith("表二“现行有效件数”已按上年填好"), said
    assert "表三“上年结转”和" not in said


def test_a_part_filled_row_counts_its_blanks() -> None:
    new = next_year(last_year())  # 结转下年度: 自然人 and the total it makes; 现行有效: one of two
    filled = sum(new.tables["三"][(T3_CARRIED_IN, c)] is not None for c in range(TABLE3.n_cols))
    assert 0 < filled < TABLE3.n_cols
    said = carried_summary(new)
    assert f"表三“上年结转”有{TABLE3.n_cols - filled}格未填（上年的“四、结转下年度继续办理”有空白），请补全" in said
    assert "表二“现行有效件数”有1格未填" in said
    assert "已按上年填好" not in said
