"""Counts written “128.00” (Excel's “0.00” number format pasted into Word, rev25a C5): a person reads
128, and so does the reader — one warning a table naming the cells.  “128.50” is still refused:
no count has a half.  Before, every such cell was refused and a whole table had to be retyped."""

from __future__ import annotations

from pathlib import Path

from app.checks import run_all
from app.reading import load_report
from app.schema import T3_COLS, T3_ROW_PATHS
from tests.thirdparty import Spec, build

FIGURES = {(r, c): (r * 3 + c) % 9 + 1 for r in range(len(T3_ROW_PATHS)) for c in range(len(T3_COLS))}


def test_counts_with_zero_decimals_read_as_whole_numbers(tmp_path: Path) -> None:
    t3 = {k: f"{v}.00" for k, v in FIGURES.items()}
    t3[(0, 0)] = f"{FIGURES[0, 0]}.50"
    t4 = {c: f"{c + 1}.0" for c in range(15)}
    r = load_report(build(Spec(t3=t3, t4=t4), tmp_path / "decimals.docx"))
    assert {k: r.tables["三"].get(k) for k in FIGURES if k != (0, 0)} == {k: v for k, v in FIGURES.items() if k != (0, 0)}
    assert [r.tables["四"].get((0, c)) for c in range(15)] == list(range(1, 16))
    assert r.tables["三"].get((0, 0)) is None  # a half is no count: refused, its text kept
    said = {f.location.section: f.message for f in r.import_findings if f.kind == "zero-decimals"}
    assert set(said) == {"三", "四"} and "174个" in said["三"] and "15个" in said["四"], said
    invalid = [f.message for f in run_all(r) if f.code == "VALUE-INVALID" and f.kind != "zero-decimals"]
    assert len(invalid) == 1 and f"{FIGURES[0, 0]}.50" in invalid[0], invalid
