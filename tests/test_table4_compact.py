"""表四 in the compact grid many offices use (rev25a C13): the three groups as rows × the five
results as columns — with 行政诉讼 in a cell of its own, or only the groups' short names — or
the results as rows × the groups as columns.  Every figure is read into its statutory cell.
Before, all fifteen were blank and every figure was said to be an edited label."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reading import load_report
from app.schema import T4_COL, T4_GROUPS, T4_RESULTS, T4_ROW, TABLE4
from tests.thirdparty import Spec, build, replace_table

R = list(T4_RESULTS)
# Distinct figures, each group's 总计 the sum of its four.
F = [[str(10 * g + i + 1) for i in range(4)] for g in range(3)]
F = [[*row, str(sum(map(int, row)))] for row in F]
LAYOUTS = {
    "groups as rows": [["项目", *R], ["行政复议", *F[0]], ["行政诉讼（未经复议直接起诉）", *F[1]], ["行政诉讼（复议后起诉）", *F[2]]],
    "行政诉讼 apart": [["", "", *R], ["行政复议", "", *F[0]], ["行政诉讼", "未经复议直接起诉", *F[1]], ["行政诉讼", "复议后起诉", *F[2]]],
    "short names": [["类别", *R], ["行政复议", *F[0]], ["未经复议直接起诉", *F[1]], ["复议后起诉", *F[2]]],
    "results as rows": [["项目", *T4_GROUPS], *[[R[i], F[0][i], F[1][i], F[2][i]] for i in range(5)]],
    "results as rows, two header rows": [["", "行政复议", "行政诉讼", "行政诉讼"], ["", "", "未经复议直接起诉", "复议后起诉"],
                                         *[[R[i], F[0][i], F[1][i], F[2][i]] for i in range(5)]],
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_table_four_as_groups_by_results(tmp_path: Path, layout: str) -> None:
    path = build(Spec(), tmp_path / "t4.docx")
    replace_table(path, "复议后起诉", LAYOUTS[layout])
    r = load_report(path)
    want = {T4_COL[T4_GROUPS[g], R[i]]: int(F[g][i]) for g in range(3) for i in range(5)}
    assert {c: r.tables["四"][(T4_ROW, c)] for c in range(TABLE4.n_cols)} == want
    assert not [f.message for f in r.import_findings if "表四" in f.message], r.import_findings
