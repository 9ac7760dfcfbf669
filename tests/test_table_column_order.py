"""Statutory tables whose columns stand in another order than the format's (two headers swapped
in 表二, 表三 or 表四): the figures follow their headers in all three tables, and LABEL-EDITED
(column-order) says the order is not the statutory one.  Third-party-style .docx files."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.findings import COLUMN_ORDER, ROW_ORDER
from app.reading import load_report
from app.report import Report
from app.schema import (
    T2_COL,
    T2_IN_FORCE,
    T2_ISSUED,
    T2_REPEALED,
    T2_ROW,
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
    TABLE3,
)
from tests.thirdparty import Spec, build

ISSUED, REPEALED, IN_FORCE = (label for label, _ in sorted(T2_COL.items(), key=lambda kv: kv[1]))
NORMS = T2_ROW["行政规范性文件"]


def _order_notes(r: Report) -> list[str]:
    return [f.message for f in r.import_findings if (f.code, f.kind) == (COLUMN_ORDER.code, COLUMN_ORDER.kind)]


def test_table_two_follows_its_swapped_headers_and_says_so(tmp_path: Path) -> None:
    # The file prints 12 under “本年废止件数” (the first figure column) and 13 under “本年制发件数”.
    spec = Spec(relabel={ISSUED: REPEALED, REPEALED: ISSUED},
                t2={(T2_RULES, 0): "12", (T2_RULES, 1): "13", (T2_RULES, 2): "14", (NORMS, 0): "5", (NORMS, 1): "6"})
    r = load_report(build(spec, tmp_path / "t2.docx"))
    t2 = r.tables["二"]
    assert (t2[(T2_RULES, T2_REPEALED)], t2[(T2_RULES, T2_ISSUED)], t2[(T2_RULES, T2_IN_FORCE)]) == (12, 13, 14)
    assert (t2[(NORMS, T2_REPEALED)], t2[(NORMS, T2_ISSUED)]) == (5, 6)
    notes = _order_notes(r)
    assert len(notes) == 1 and "表二" in notes[0] and f"“{REPEALED}”“{ISSUED}”" in notes[0], notes
    assert not [f for f in r.import_findings if f.code == "LABEL-EDITED" and f.kind != COLUMN_ORDER.kind]


def test_table_two_with_its_three_columns_rotated(tmp_path: Path) -> None:
    spec = Spec(relabel={ISSUED: IN_FORCE, REPEALED: ISSUED, IN_FORCE: REPEALED},
                t2={(T2_RULES, 0): "30", (T2_RULES, 1): "10", (T2_RULES, 2): "20"})
    r = load_report(build(spec, tmp_path / "t2.docx"))
    t2 = r.tables["二"]
    assert (t2[(T2_RULES, T2_ISSUED)], t2[(T2_RULES, T2_REPEALED)], t2[(T2_RULES, T2_IN_FORCE)]) == (10, 20, 30)
    assert len(_order_notes(r)) == 1


def test_table_two_with_a_header_it_cannot_place_reads_by_position(tmp_path: Path) -> None:
    """Two headers naming one column: the header says nothing sure; read by position, no order note."""
    spec = Spec(relabel={REPEALED: ISSUED}, t2={(T2_RULES, 0): "12", (T2_RULES, 1): "13"})
    r = load_report(build(spec, tmp_path / "t2.docx"))
    assert (r.tables["二"][(T2_RULES, T2_ISSUED)], r.tables["二"][(T2_RULES, T2_REPEALED)]) == (12, 13)
    assert not _order_notes(r)


@pytest.mark.parametrize("table", ["三", "四"])
def test_tables_three_and_four_follow_swapped_headers_and_say_so(tmp_path: Path, table: str) -> None:
    if table == "三":
        spec = Spec(relabel={"商业企业": "科研机构", "科研机构": "商业企业"},
                    t3={(T3_NEW, T3_COL_BUSINESS): "7", (T3_NEW, T3_COL_RESEARCH): "8"})
        first, second = (T3_NEW, T3_COL_RESEARCH), (T3_NEW, T3_COL_BUSINESS)  # where 7 and 8 stand
    else:
        kept, corrected = T4_COL[T4_REVIEW_GROUP, T4_UPHELD], T4_COL[T4_REVIEW_GROUP, T4_CORRECTED]
        spec = Spec(relabel={T4_UPHELD: T4_CORRECTED, T4_CORRECTED: T4_UPHELD}, t4={kept: "7", corrected: "8"})
        first, second = (T4_ROW, corrected), (T4_ROW, kept)
    r = load_report(build(spec, tmp_path / "t.docx"))
    assert (r.tables[table][first], r.tables[table][second]) == (7, 8)
    notes = _order_notes(r)
    assert len(notes) == 1 and f"表{table}" in notes[0], notes


def test_statutory_order_has_no_order_note(tmp_path: Path) -> None:
    r = load_report(build(Spec(t2={(T2_RULES, 0): "12"}, t2_as_four=True), tmp_path / "plain.docx"))
    assert r.tables["二"][(T2_RULES, T2_ISSUED)] == 12
    assert not _order_notes(r)


def test_table_three_rows_swapped_follow_their_labels_and_say_so(tmp_path: Path) -> None:
    granted, part = TABLE3.row_labels.index("（一）予以公开"), next(
        i for i, lab in enumerate(TABLE3.row_labels) if lab.startswith("（二）部分公开"))
    spec = Spec(relabel={TABLE3.row_labels[granted]: TABLE3.row_labels[part], TABLE3.row_labels[part]: TABLE3.row_labels[granted]},
                t3={(granted, 0): "7", (part, 0): "8"})
    r = load_report(build(spec, tmp_path / "rows.docx"))
    assert (r.tables["三"][(part, 0)], r.tables["三"][(granted, 0)]) == (7, 8)
    notes = [f.message for f in r.import_findings if (f.code, f.kind) == (ROW_ORDER.code, ROW_ORDER.kind)]
    assert len(notes) == 1 and "（一）予以公开" in notes[0], notes
    assert not _order_notes(r)


def test_short_names_in_another_order_are_followed_in_all_three_tables(tmp_path: Path) -> None:
    """Headers both reordered and shortened or reworded (rev24a H7): 有效｜制发｜废止, 合计 first with
    企业/科研/其它, 纠正｜维持 — read by what they name, not by position, and each name said."""
    spec = Spec(relabel={ISSUED: "有效", REPEALED: "制发", IN_FORCE: "废止",
                         "自然人": "合计", "总计": "自然人", "商业企业": "企业", "科研机构": "科研", "其他": "其它"},
                t2={(T2_RULES, 0): "30", (T2_RULES, 1): "10", (T2_RULES, 2): "20"},
                t3={(T3_NEW, 0): "7", (T3_NEW, 6): "9", (T3_NEW, T3_COL_BUSINESS): "3"})
    r = load_report(build(spec, tmp_path / "short.docx"))
    t2, t3 = r.tables["二"], r.tables["三"]
    assert (t2[(T2_RULES, T2_IN_FORCE)], t2[(T2_RULES, T2_ISSUED)], t2[(T2_RULES, T2_REPEALED)]) == (30, 10, 20)
    assert (t3[(T3_NEW, len(T3_COLS) - 1)], t3[(T3_NEW, 0)], t3[(T3_NEW, T3_COL_BUSINESS)]) == (7, 9, 3)
    spec = Spec(relabel={T4_UPHELD: "纠正", T4_CORRECTED: "维持", "总计": "合计"},
                t4={T4_COL[T4_REVIEW_GROUP, T4_UPHELD]: "7", T4_COL[T4_REVIEW_GROUP, T4_CORRECTED]: "8"})
    four = load_report(build(spec, tmp_path / "four.docx"))
    t4 = four.tables["四"]
    assert (t4[(T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_CORRECTED])], t4[(T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_UPHELD])]) == (7, 8)
    said = " ".join(f.message for f in (*r.import_findings, *four.import_findings))
    assert all(f"“{short}”" in said for short in ("有效", "制发", "废止", "合计", "企业", "科研", "其它", "纠正", "维持")), said


def test_a_subtotal_before_the_total_is_no_total(tmp_path: Path) -> None:
    """小计 is 总计's word only where no column is named 总计 (rev24a v29 after 596c767): a 小计 column
    left of 总计 took 总计's place and every 总计 read its figures."""
    spec = Spec(relabel={"其他": "小计"}, t3={(T3_NEW, len(T3_COLS) - 2): "5", (T3_NEW, len(T3_COLS) - 1): "9"})
    r = load_report(build(spec, tmp_path / "subtotal.docx"))
    assert (r.tables["三"][(T3_NEW, len(T3_COLS) - 2)], r.tables["三"][(T3_NEW, len(T3_COLS) - 1)]) == (5, 9)
