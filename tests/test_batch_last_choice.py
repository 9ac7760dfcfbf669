"""Of two copies of last year's report in a batch (a draft with no figure beside the report, two
revisions), the one compared with is the fullest, then the newest — not the first by name — and
the 汇总 and the command line say it was chosen among how many (rev23b M2)."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl

from app import batch
from app.io import save_report
from app.lastyear import LastYear, attach
from app.report import Report
from app.schema import CellRef
from tests.helpers import run_app
from tests.test_batch import report

ORGAN = "某县财政局"


def blank(year: int) -> Report:
    r = report(ORGAN, year)
    for key, grid in r.tables.items():
        for pos in grid:
            r.set_value(CellRef(key, *pos), None)
    return r


def carryover(result: batch.FileResult) -> list[str]:
    return [f.message for f in result.findings if f.code == "CROSS-YEAR-CARRYOVER"]


def test_the_copy_with_figures_is_compared_not_the_first_by_name(tmp_path: Path) -> None:
    save_report(blank(2022), tmp_path / "2022年报（初稿，表格未填）.docx")  # first by name
    save_report(report(ORGAN, 2022, carried_out=3), tmp_path / "2022年报（正式稿）.docx")
    save_report(report(ORGAN, 2023, carried_in=5), tmp_path / "2023年报.docx")
    b = batch.run([tmp_path], jobs=1)
    this = next(r for r in b.results if r.path.endswith("2023年报.docx"))
    assert this.paired_with == str(tmp_path / "2022年报（正式稿）.docx")
    assert carryover(this) and "为5" in carryover(this)[0] and "为3" in carryover(this)[0]
    dest = tmp_path / "汇总.xlsx"
    batch.write_summary(b, dest)
    ws = openpyxl.load_workbook(dest)["汇总"]
    col = [c.value for c in ws[1]].index("对照上年报告")
    said = {row[0]: row[col] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert said["2023年报.docx"] == "2022年报（正式稿）.docx（上年同一机关共 2 份，取统计表数字最全、最新的一份）"
    out = run_app("check", tmp_path)
    assert f"  已对照上年报告：{tmp_path / '2022年报（正式稿）.docx'}（上年同一机关共 2 份" in out.stdout


def test_of_two_full_copies_the_newest_is_compared(tmp_path: Path) -> None:
    old, new = tmp_path / "2022年报a.docx", tmp_path / "2022年报b.docx"
    save_report(report(ORGAN, 2022, carried_out=3), new)
    save_report(report(ORGAN, 2022, carried_out=4), old)
    os.utime(old, (1_600_000_000, 1_600_000_000))  # a's file older: b, written later, is compared
    save_report(report(ORGAN, 2023, carried_in=3), tmp_path / "2023年报.docx")
    b = batch.run([tmp_path], jobs=1)
    this = next(r for r in b.results if r.path.endswith("2023年报.docx"))
    assert this.paired_with == str(new) and not carryover(this)


def test_a_last_year_without_figures_never_displaces_the_attached_one(tmp_path: Path) -> None:
    this = report(ORGAN, 2023, carried_in=5)
    attach(this, LastYear.from_report(report(ORGAN, 2022, carried_out=3), "2022年报.docx"))
    save_report(this, tmp_path / "2023年报.docx")
    save_report(blank(2022), tmp_path / "2022年报（初稿）.docx")
    b = batch.run([tmp_path], jobs=1)
    got = next(r for r in b.results if r.path.endswith("2023年报.docx"))
    assert carryover(got) and "为3" in carryover(got)[0], "the attached last year's 结转 still compared"
