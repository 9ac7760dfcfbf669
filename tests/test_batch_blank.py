"""The reviewer's batch and a report read empty: every statutory cell blank (the figures hidden,
pictured or lost on the way) is an error in every view of a batch, a file hidden but for a line is
not passed over, while a workbook with a hidden column is everyday work and is."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from app import batch
from app.io import save_report
from tests.test_batch import blank_report, by_name, report, run


def test_a_report_in_which_no_figure_was_read_is_not_passed(tmp_path: Path) -> None:
    """Every statutory cell blank (the figures hidden, pictured or lost on the way) leaves the
    sums agreeing: the reader's NO-FIGURES error says so, first, in every view of a batch —
    the findings, `check`'s text and JSON, the summary workbook — so the batch does not exit 0.
    (Before, it was a line beside the findings: missing from the JSON and the workbook.)"""
    folder = tmp_path / "收到"
    folder.mkdir()
    save_report(report("某县财政局", 2023), folder / "good.docx")
    save_report(blank_report(), folder / "空表.docx")
    b = batch.run([folder], jobs=1)
    rows = by_name(b)
    blank = rows["空表.docx"]
    first = blank.findings[0]
    assert (first.code, first.severity) == ("NO-FIGURES", batch.Severity.ERROR) and "统计表中没有读到任何数字" in first.message
    assert blank.count(batch.Severity.ERROR) == 1 and not b.unreadable  # the sums of blanks agree
    assert blank.no_figures and not rows["good.docx"].no_figures
    assert "NO-FIGURES" not in rows["good.docx"].codes
    assert [Path(r.path).name for r in b.without_figures] == ["空表.docx"]
    assert b.exit_code() == 1
    assert batch.run([folder / "good.docx"], jobs=1).exit_code() == 0  # zeros are figures
    out = run("check", folder)
    assert out.returncode == 1 and "其中 1 份统计表中没有任何数字" in out.stdout
    assert "[错误] NO-FIGURES 三、收到和处理政府信息公开申请情况：统计表中没有读到任何数字" in out.stdout
    out = run("check", folder, "--json")
    assert out.returncode == 1 and out.stderr == ""  # said in the JSON, not beside it
    said = [x for x in json.loads(out.stdout) if x["code"] == "NO-FIGURES"]
    assert [(Path(str(x["file"])).name, x["severity"]) for x in said] == [("空表.docx", "error")]
    assert "统计表中没有读到任何数字" in str(said[0]["message"])
    dest = tmp_path / "汇总.xlsx"
    batch.write_summary(b, dest)
    wb = openpyxl.load_workbook(dest)
    head = [c.value for c in wb["汇总"][1]]
    summary = {r[0]: dict(zip(head, r, strict=True)) for r in wb["汇总"].iter_rows(min_row=2, values_only=True)}
    assert summary["空表.docx"]["错误"] == 1 and "NO-FIGURES" in summary["空表.docx"]["问题代码"]
    assert summary["空表.docx"]["主要问题"].startswith("[错误] 三、收到和处理政府信息公开申请情况：统计表中没有读到任何数字")
    assert summary["good.docx"]["错误"] == 0
    every = [r for r in wb["全部问题"].iter_rows(min_row=2, values_only=True) if r[4] == "NO-FIGURES"]
    assert [(r[0], r[3]) for r in every] == [("空表.docx", "错误")]


def test_a_report_hidden_but_for_a_line_is_not_passed_over(tmp_path: Path) -> None:
    """A .docx whose headings (and table text) are hidden (Word's 隐藏) shows one line: what is
    read is no report, but it is not passed over as a note would be — without its table it
    cannot be read as a report; with its table's text hidden it is read, and no figure is."""
    import docx

    headings = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况")
    for name, with_table in (("附件.docx", False), ("附表.docx", True)):
        doc = docx.Document()
        doc.add_paragraph("附件")
        for text in headings:
            doc.add_paragraph().add_run(text).font.hidden = True
        if with_table:
            table = doc.add_table(rows=2, cols=2)
            for cell, text in zip(table._cells, ("本年新收政府信息公开申请数量", "37", "上年结转政府信息公开申请数量", "0"),
                                  strict=True):
                cell.paragraphs[0].add_run(text).font.hidden = True
        doc.save(str(tmp_path / name))
    note = docx.Document()
    note.add_paragraph("附件")
    note.save(str(tmp_path / "说明.docx"))
    b = batch.run([tmp_path], jobs=1)
    rows = by_name(b)
    assert rows["说明.docx"].not_report is not None  # a note: passed over
    assert rows["附件.docx"].not_report is None and rows["附件.docx"].error and "隐藏" in rows["附件.docx"].error
    assert [Path(r.path).name for r in b.unreadable] == ["附件.docx"] and b.exit_code() == 2
    assert rows["附表.docx"].not_report is None and rows["附表.docx"].no_figures
    assert batch.run([tmp_path / "附表.docx"], jobs=1).exit_code() == 1


def test_a_workbook_with_a_hidden_column_is_still_passed_over(tmp_path: Path) -> None:
    """Hiding a column is everyday spreadsheet work, not hiding a report: an address book with
    one, found in a folder, is passed over as one without (never unreadable: the batch exits 3,
    no report found — rev23b L2 — not 2)."""
    for name, hide in (("通讯录.xlsx", False), ("通讯录2.xlsx", True)):
        book = openpyxl.Workbook()
        book.active.append(["序号", "单位", "地址", "备注"])
        book.active.append([1, "某县财政局", "某路1号", "旧址"])
        book.active.column_dimensions["D"].hidden = hide
        book.save(tmp_path / name)
    b = batch.run([tmp_path], jobs=1)
    assert all(r.not_report is not None for r in b.results) and b.exit_code() == batch.NO_REPORT
