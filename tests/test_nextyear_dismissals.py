"""从上年报告新建 carries last year's dismissals with its text (rev23 M1): a passage carried word for
word has its cause unchanged, so its finding stays dismissed with its reason — until the passage
is edited.  Before, every dismissal was dropped and each came back every year, reasons lost."""

from __future__ import annotations

from pathlib import Path

from app import dismissals
from app.checks import run_all
from app.cli import main
from app.docx.writer import write_docx
from app.findings import DUP_PHRASE, SECTION1_TOO_LONG
from app.nextyear import next_year
from app.reading import load_report
from app.report import Paragraph, Report
from tests.test_dismissals import STUTTER, clean_report, dismiss, only

REASON = "“政府政府”为机构简称，非重复"


def last_year_file(tmp_path: Path) -> Path:
    """2023, its stutter and its long 总体情况 dismissed, saved."""
    last = clean_report()
    last.year = 2023
    last.sections["一"] = [Paragraph.plain("全面推进政务公开。" * 120)]
    dismiss(last, only(last, DUP_PHRASE.code), REASON)
    dismiss(last, only(last, SECTION1_TOO_LONG.code), "按要求详写")
    path = tmp_path / "2023.docx"
    write_docx(last, path)
    return path


def dismissed(report: Report) -> dict[str, str]:
    return {f.code: d.reason for f, d in dismissals.split(report, run_all(report))[1]}


def test_new_from_last_years_file_keeps_its_dismissals(tmp_path: Path) -> None:
    source = last_year_file(tmp_path)
    assert main(["new", "--from", str(source), "--to", str(tmp_path / "2024.docx")]) == 0
    new = load_report(tmp_path / "2024.docx")
    assert new.year == 2024
    assert dismissed(new) == {DUP_PHRASE.code: REASON, SECTION1_TOO_LONG.code: "按要求详写"}
    (record,) = [r for r in new.extras[dismissals.KEY] if r["code"] == DUP_PHRASE.code]
    assert record["by"] == "张三" and record["at"] == "2025-01-10T09:30:00"  # who and when, as last year


def test_an_edit_of_the_carried_passage_brings_its_finding_back(tmp_path: Path) -> None:
    new = next_year(load_report(last_year_file(tmp_path)))
    new.sections["五"][1] = Paragraph.plain("今年" + STUTTER)  # the words beside it changed
    assert DUP_PHRASE.code not in dismissed(new)
    assert DUP_PHRASE.code in [f.code for f in dismissals.split(new, run_all(new))[0]]


def test_records_that_dismiss_nothing_in_last_years_report_stay_behind(tmp_path: Path) -> None:
    last = load_report(last_year_file(tmp_path))
    last.extras[dismissals.KEY].append({"fingerprint": "v4-gone-1", "code": DUP_PHRASE.code, "reason": "旧的"})
    new = next_year(last)
    assert sorted(r["code"] for r in new.extras[dismissals.KEY]) == sorted([DUP_PHRASE.code, SECTION1_TOO_LONG.code])
    assert len(last.extras[dismissals.KEY]) == 3  # last year's report itself untouched


def test_a_report_without_dismissals_gives_none() -> None:
    last = clean_report()
    last.year = 2023
    assert dismissals.KEY not in next_year(last).extras


def test_a_dismissal_about_last_years_pair_of_years_does_not_carry(tmp_path: Path) -> None:
    """rev23 H6: 2022's “一、总体情况与上一年度报告完全相同” dismissed (against 2021) must not hide the
    same error in 2023, whose 一 is 2022's by construction; a text finding's dismissal still carries."""
    from app.findings import SAME_AS_LAST_YEAR

    before = clean_report()
    before.year = 2021
    last = next_year(before)  # 2022, its 一 still 2021's
    assert last.year == 2022
    (same,) = [f for f in run_all(last) if f.declared is SAME_AS_LAST_YEAR and f.location.section == "一"]
    dismiss(last, same, "2022年沿用上年表述，经领导同意")
    dismiss(last, only(last, DUP_PHRASE.code), REASON)
    assert SAME_AS_LAST_YEAR.code in dismissed(last)
    write_docx(last, tmp_path / "2022.docx")
    new = next_year(load_report(tmp_path / "2022.docx"))
    active = [f for f in dismissals.split(new, run_all(new))[0] if f.declared is SAME_AS_LAST_YEAR]
    assert [f.location.section for f in active if f.location.section == "一"] == ["一"]
    assert dismissed(new) == {DUP_PHRASE.code: REASON}
