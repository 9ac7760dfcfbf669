"""A statutory table's header that names one column twice and so leaves another unnamed (rev24a H7,
second half): the columns named once follow their names, the repeated ones take the unnamed
columns left to right, and the guess is said — in 表二, 表三 and 表四 alike.  Before, 表二 and 表四
read such a header by position without a word (a figure under “现行有效件数” stored as 制发), and
表三 dropped the repeated column's figures and said the file had no such column."""

from __future__ import annotations

from pathlib import Path

from app.reading import load_report
from app.report import Report
from app.schema import (
    T2_COL,
    T2_IN_FORCE,
    T2_ISSUED,
    T2_REPEALED,
    T2_RULES,
    T3_COL_BUSINESS,
    T3_COL_RESEARCH,
    T3_COLS,
    T3_NEW,
    T4_COL,
    T4_CORRECTED,
    T4_REVIEW_GROUP,
    T4_ROW,
    T4_UPHELD,
)
from tests.thirdparty import Spec, build

ISSUED, REPEALED, IN_FORCE = (label for label, _ in sorted(T2_COL.items(), key=lambda kv: kv[1]))
TOTAL = len(T3_COLS) - 1


def _said(r: Report) -> list[str]:
    return [f.message for f in r.import_findings if "都写作" in f.message]


def test_table_two_repeated_name_apart_from_its_twin(tmp_path: Path) -> None:
    # 制发｜有效｜制发 over 10, 30, 20: by position 有效 would read 20 and 废止 30.
    spec = Spec(relabel={REPEALED: IN_FORCE, IN_FORCE: ISSUED},
                t2={(T2_RULES, 0): "10", (T2_RULES, 1): "30", (T2_RULES, 2): "20"})
    r = load_report(build(spec, tmp_path / "t2.docx"))
    t2 = r.tables["二"]
    assert (t2[(T2_RULES, T2_ISSUED)], t2[(T2_RULES, T2_IN_FORCE)], t2[(T2_RULES, T2_REPEALED)]) == (10, 30, 20)
    said = _said(r)
    assert len(said) == 1 and f"2列都写作“{ISSUED}”" in said[0] and f"没有“{REPEALED}”" in said[0], said


def test_table_two_repeated_name_side_by_side_after_a_moved_one(tmp_path: Path) -> None:
    # 有效｜废止｜废止 over 30, 10, 20: the twins side by side are two columns, not one merged cell.
    spec = Spec(relabel={ISSUED: IN_FORCE, IN_FORCE: REPEALED},
                t2={(T2_RULES, 0): "30", (T2_RULES, 1): "10", (T2_RULES, 2): "20"})
    r = load_report(build(spec, tmp_path / "t2.docx"))
    t2 = r.tables["二"]
    assert (t2[(T2_RULES, T2_IN_FORCE)], t2[(T2_RULES, T2_ISSUED)], t2[(T2_RULES, T2_REPEALED)]) == (30, 10, 20)
    assert len(_said(r)) == 1


def test_table_two_repeated_name_in_place_is_read_in_place_and_said(tmp_path: Path) -> None:
    spec = Spec(relabel={REPEALED: ISSUED}, t2={(T2_RULES, 0): "12", (T2_RULES, 1): "13", (T2_RULES, 2): "14"})
    r = load_report(build(spec, tmp_path / "t2.docx"))
    t2 = r.tables["二"]
    assert (t2[(T2_RULES, T2_ISSUED)], t2[(T2_RULES, T2_REPEALED)], t2[(T2_RULES, T2_IN_FORCE)]) == (12, 13, 14)
    assert len(_said(r)) == 1, r.import_findings


def test_table_three_repeated_kind_keeps_both_columns(tmp_path: Path) -> None:
    spec = Spec(relabel={"科研机构": "商业企业"}, t3={(T3_NEW, T3_COL_BUSINESS): "7", (T3_NEW, T3_COL_RESEARCH): "8"})
    r = load_report(build(spec, tmp_path / "t3.docx"))
    assert (r.tables["三"][(T3_NEW, T3_COL_BUSINESS)], r.tables["三"][(T3_NEW, T3_COL_RESEARCH)]) == (7, 8)
    said = _said(r)
    assert len(said) == 1 and "没有“科研机构”" in said[0], said
    assert not [f for f in r.import_findings if "少了这些列" in f.message]


def test_table_three_total_written_over_the_first_column(tmp_path: Path) -> None:
    # 总计｜商业企业…其他｜总计: the first 总计 stands where 自然人 is missing.
    spec = Spec(relabel={"自然人": "总计"}, t3={(T3_NEW, 0): "7", (T3_NEW, TOTAL): "9"})
    r = load_report(build(spec, tmp_path / "t3.docx"))
    assert (r.tables["三"][(T3_NEW, 0)], r.tables["三"][(T3_NEW, TOTAL)]) == (7, 9)
    assert len(_said(r)) == 1


def test_table_four_repeated_result_is_said(tmp_path: Path) -> None:
    kept, corrected = T4_COL[T4_REVIEW_GROUP, T4_UPHELD], T4_COL[T4_REVIEW_GROUP, T4_CORRECTED]
    spec = Spec(relabel={T4_CORRECTED: T4_UPHELD}, t4={kept: "7", corrected: "8"})
    r = load_report(build(spec, tmp_path / "t4.docx"))
    assert (r.tables["四"][(T4_ROW, kept)], r.tables["四"][(T4_ROW, corrected)]) == (7, 8)
    said = _said(r)
    assert len(said) == 3 and all(f"没有“{T4_CORRECTED}”" in s for s in said), said  # one per group


def test_a_merged_header_cell_is_no_repeated_name(tmp_path: Path) -> None:
    """Statutory headers (merged 申请人情况 over the kinds, one cell per name): nothing said."""
    r = load_report(build(Spec(t3={(T3_NEW, 0): "7"}, t2={(T2_RULES, 0): "1"}), tmp_path / "plain.docx"))
    assert r.tables["三"][(T3_NEW, 0)] == 7 and not _said(r)
