"""忽略此问题 in the domain and on the command line: a dismissal travels with the .docx, leaves
the exit code, and comes back undone when the cells or text it was about change."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from app import dismissals
from app.checks import run_all
from app.cli import main
from app.docx.writer import write_docx
from app.findings import BLANK_CELL, DUP_PHRASE, SECTION1_TOO_LONG, TEXT_TABLE_MISMATCH, Finding
from app.reading import load_report
from app.report import Paragraph, Report
from app.schema import (
    T3_COL_NATURAL,
    T3_NEW,
    T4_COL,
    T4_CORRECTED,
    T4_REVIEW_GROUP,
    T4_ROW,
    T4_UPHELD,
    TABLES,
    CellRef,
)
from app.values import zero

STUTTER = "我们加强政府政府信息公开平台建设。"
AT = dt.datetime(2025, 1, 10, 9, 30)


def clean_report() -> Report:
    r = Report(organ="某市某区某某街道办事处", year=2024, date=dt.date(2025, 1, 20))
    for key, spec in TABLES.items():
        for c in spec.cells:
            r.tables[key][(c.row, c.col)] = zero(c.kind)
    for key in TABLES:
        r.recompute(key)
    r.sections["前言"] = [Paragraph.plain("本报告依据《中华人民共和国政府信息公开条例》编制。")]
    r.sections["一"] = [Paragraph.plain("2024年，本街道认真落实政府信息公开各项工作。")]
    r.sections["五"] = [Paragraph.plain("存在的问题是公开内容不够全面。"), Paragraph.plain(STUTTER)]
    r.sections["六"] = [Paragraph.plain("本年度未收取信息处理费。")]
    return r


def only(report: Report, code: str) -> Finding:
    (f,) = [f for f in run_all(report) if f.code == code]
    return f


def dismiss(report: Report, finding: Finding, reason: str = "") -> None:
    found = run_all(report)
    fp = dismissals.fingerprints(report, found)[next(i for i, f in enumerate(found) if f == finding)]
    record = dismissals.dismissal(report, finding, fp, reason, by="张三", at=AT)
    dismissals.set_records(report, dismissals.records_with(report, [record]))


def active_codes(report: Report) -> list[str]:
    return [f.code for f in dismissals.split(report, run_all(report))[0]]


def test_the_clean_report_is_clean() -> None:
    r = clean_report()
    assert [f.code for f in run_all(r)] == [DUP_PHRASE.code]


def test_a_dismissal_travels_with_the_docx(tmp_path: Path) -> None:
    r = clean_report()
    dismiss(r, only(r, DUP_PHRASE.code), "“政府政府”是引用原文")
    assert active_codes(r) == []
    write_docx(r, tmp_path / "r.docx")
    back = load_report(tmp_path / "r.docx")
    active, dismissed = dismissals.split(back, run_all(back))
    assert active == []
    ((f, d),) = dismissed
    assert f.code == DUP_PHRASE.code
    assert (d.reason, d.by, d.at) == ("“政府政府”是引用原文", "张三", "2025-01-10T09:30:00")


def test_an_edit_elsewhere_keeps_it_an_edit_of_its_text_brings_it_back() -> None:
    r = clean_report()
    dismiss(r, only(r, DUP_PHRASE.code))
    r.sections["五"].insert(0, Paragraph.plain("新加的一段，在它前面。"))  # its paragraph number changes
    r.sections["一"][0] = Paragraph.plain("2024年，本街道认真落实各项工作。")
    r.set_value(CellRef("三", T3_NEW, T3_COL_NATURAL), 0)
    assert active_codes(r) == []
    r.sections["五"][2] = Paragraph.plain(STUTTER.replace("政府政府", "街道街道"))
    assert active_codes(r) == [DUP_PHRASE.code]


def test_a_cell_finding_comes_back_when_its_cells_change() -> None:
    r = clean_report()
    r.tables["四"][(T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_UPHELD])] = None
    r.recompute("四")
    dismiss(r, only(r, BLANK_CELL.code), "确无此项")
    assert BLANK_CELL.code not in active_codes(r)
    r.tables["四"][(T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_CORRECTED])] = None  # a second blank: the finding is about other cells now
    r.recompute("四")
    assert BLANK_CELL.code in active_codes(r)


def test_a_section_finding_follows_its_section_text() -> None:
    r = clean_report()
    r.sections["一"] = [Paragraph.plain("全面推进政务公开。" * 120)]
    dismiss(r, only(r, SECTION1_TOO_LONG.code))
    r.sections["六"].append(Paragraph.plain("其他事项。"))
    assert SECTION1_TOO_LONG.code not in active_codes(r)
    r.sections["一"].append(Paragraph.plain("又加了一句。"))
    assert SECTION1_TOO_LONG.code in active_codes(r)


def test_a_mismatch_follows_both_the_sentence_and_the_cell() -> None:
    r = clean_report()
    r.sections["一"].append(Paragraph.plain("全年共收到政府信息公开申请5件。"))
    dismiss(r, only(r, TEXT_TABLE_MISMATCH.code), "含转办件")
    assert TEXT_TABLE_MISMATCH.code not in active_codes(r)
    r.set_value(CellRef("三", T3_NEW, T3_COL_NATURAL), 1)
    assert TEXT_TABLE_MISMATCH.code in active_codes(r)


def test_two_equal_findings_are_dismissed_one_at_a_time() -> None:
    r = clean_report()
    r.sections["五"].append(Paragraph.plain(STUTTER))
    first, second = [f for f in run_all(r) if f.code == DUP_PHRASE.code]
    dismiss(r, second)
    active, dismissed = dismissals.split(r, run_all(r))
    assert [f.location for f in active if f.code == DUP_PHRASE.code] == [first.location]
    assert [f.location for f, _ in dismissed] == [second.location]


@pytest.mark.parametrize("stored", [None, "x", [1, "a", {"code": "DUP-PHRASE"}], {"fingerprint": "x"}])
def test_malformed_records_are_ignored(stored: object) -> None:
    r = clean_report()
    r.extras[dismissals.KEY] = stored
    assert active_codes(r) == [DUP_PHRASE.code]


# -- the command line -----------------------------------------------------------------------------

def _file_with_a_dismissed_error(tmp_path: Path) -> Path:
    r = clean_report()
    r.sections["一"].append(Paragraph.plain("全年共收到政府信息公开申请5件。"))
    dismiss(r, only(r, TEXT_TABLE_MISMATCH.code), "含转办件")
    path = tmp_path / "r.docx"
    write_docx(r, path)
    return path


def test_check_lists_dismissed_apart_and_leaves_them_out_of_the_exit_code(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = _file_with_a_dismissed_error(tmp_path)
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    active, _, ignored = out.partition("已忽略 1 个")
    assert "共 0 个错误，1 个警告" in active and TEXT_TABLE_MISMATCH.code not in active
    assert TEXT_TABLE_MISMATCH.code in ignored and "理由：含转办件" in ignored and "张三" in ignored


def test_check_json_carries_the_dismissal(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = _file_with_a_dismissed_error(tmp_path)
    assert main(["check", "--json", str(path)]) == 0
    rows = json.loads(capsys.readouterr().out)
    (mismatch,) = [x for x in rows if x["code"] == TEXT_TABLE_MISMATCH.code]
    assert mismatch["dismissed"] == {"reason": "含转办件", "by": "张三", "at": "2025-01-10T09:30:00"}
    assert mismatch["severity"] == "error"
    others = [x for x in rows if x is not mismatch]
    assert others and all("dismissed" not in x for x in others)
    assert set(others[0]) == {"file", "code", "severity", "location", "message"}


def test_the_error_counts_again_once_its_cell_changes(tmp_path: Path) -> None:
    path = _file_with_a_dismissed_error(tmp_path)
    r = load_report(path)
    r.set_value(CellRef("三", T3_NEW, T3_COL_NATURAL), 2)
    write_docx(r, path)
    assert main(["check", str(path)]) == 1
