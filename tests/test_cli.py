"""The command-line contract (DESIGN.md), run as a user runs it: `python -m app …`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import openpyxl
import pytest

from app.io import save_report
from app.reading import load_report
from app.report import Paragraph, Report
from app.schema import (
    T2_FEES,
    T2_IN_FORCE,
    T2_NORMATIVE,
    T2_ONLY_COL,
    T3_CARRIED_IN,
    T3_CARRIED_OUT,
    T3_COL_NATURAL,
    T3_COL_TOTAL,
    TABLE3,
    CellRef,
)
from tests.helpers import run_app, zero_report


def clean_report(tmp_path: Path) -> Path:
    path = tmp_path / "clean.docx"
    save_report(zero_report(organ="某县财政局"), path)
    return path


def test_check_sample_exits_1_with_chinese_findings(sample: Path) -> None:
    out = run_app("check", sample)
    assert out.returncode == 1
    assert "DUP-PARAGRAPH" in out.stdout and "错误" in out.stdout


def test_check_clean_report_exits_0(tmp_path: Path) -> None:
    out = run_app("check", clean_report(tmp_path))
    assert out.returncode == 0, out.stdout


def test_check_json_shape(sample: Path) -> None:
    out = run_app("check", sample, "--json")
    items = json.loads(out.stdout)
    assert items and set(items[0]) == {"file", "code", "severity", "location", "message"}
    assert {i["severity"] for i in items} <= {"error", "warning", "info"}
    assert all(i["file"] == str(sample) for i in items)


@pytest.mark.parametrize("content", [b"", b"not a docx at all", b"PK\x03\x04broken"])
def test_unreadable_file_exits_2_with_one_line(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(content)
    out = run_app("check", bad)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "坏文件.docx" in lines[0]


def test_check_several_files_worst_code_wins(sample: Path, tmp_path: Path) -> None:
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"")
    out = run_app("check", clean_report(tmp_path), sample, bad)
    assert out.returncode == 2 and "DUP-PARAGRAPH" in out.stdout


def test_dump_shape_and_values(sample: Path) -> None:
    out = run_app("dump", sample)
    assert out.returncode == 0
    d = json.loads(out.stdout)
    assert d["organ"] == "宁波市北仑区人民政府小港街道办事处" and d["year"] == 2021 and d["date"] == "2022-01-12"
    assert d["table2"]["规章"] == [0, 0, 0] and d["table2"]["行政事业性收费"] == "0"
    assert len(d["table3"]) == TABLE3.n_rows and all(len(row) == 7 for row in d["table3"])
    assert d["table3"][0] == [1, 0, 0, 0, 0, 0, 1]
    assert d["table3"][1] == [None] * 7  # blank stays null
    assert len(d["table4"]) == 15
    assert set(d["sections"]) == {"前言", "一", "五", "六"}


def test_export_docx_and_xlsx(sample: Path, tmp_path: Path) -> None:
    assert run_app("export", sample, "--to", tmp_path / "out.docx").returncode == 0
    back = load_report(tmp_path / "out.docx")
    assert back.tables == load_report(sample).tables
    assert run_app("export", sample, "--to", tmp_path / "out.xlsx").returncode == 0
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert wb.sheetnames == ["表二", "表三", "表四", "基本信息"]
    values = [c for row in wb["表三"].iter_rows(values_only=True) for c in row]
    assert "一、本年新收政府信息公开申请数量" in values and "（七）总计" in values


def test_export_to_unknown_type(sample: Path, tmp_path: Path) -> None:
    out = run_app("export", sample, "--to", tmp_path / "out.odt")
    assert out.returncode == 2 and ".odt" in out.stderr


@pytest.mark.parametrize("command", ["export", "new", "check --xlsx"])
def test_writing_to_a_folder_says_it_is_a_folder(sample: Path, tmp_path: Path, command: str) -> None:
    """`--to 桌面` (a folder, not a file name): one line saying so, for every command that writes."""
    args = {"export": ("export", sample, "--to", tmp_path), "new": ("new", "--from", sample, "--to", tmp_path),
            "check --xlsx": ("check", sample, "--xlsx", tmp_path)}[command]
    out = run_app(*args)
    assert out.returncode == 2 and "是一个文件夹" in out.stderr and "不支持" not in out.stderr, out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == [], "nothing written into it"


def test_new_from_last_year(tmp_path: Path) -> None:
    last = Report(organ="某局", year=2022)
    last.set_value(CellRef("三", T3_CARRIED_OUT, T3_COL_NATURAL), 3)
    last.set_value(CellRef("二", T2_NORMATIVE, T2_IN_FORCE), 12)
    last.sections["五"] = [Paragraph.plain("去年的问题。")]
    save_report(last, tmp_path / "2022.docx")
    out = run_app("new", "--from", tmp_path / "2022.docx", "--to", tmp_path / "2023.docx")
    assert out.returncode == 0
    new = load_report(tmp_path / "2023.docx")
    assert new.year == 2023 and new.organ == "某局"
    assert new.tables["三"][(T3_CARRIED_IN, T3_COL_NATURAL)] == 3 and new.tables["三"][(T3_CARRIED_IN, T3_COL_TOTAL)] == 3
    assert new.tables["二"][(T2_NORMATIVE, T2_IN_FORCE)] == 12
    out = run_app("check", tmp_path / "2023.docx", "--last", tmp_path / "2022.docx", "--json")
    found = json.loads(out.stdout)
    codes = {i["code"] for i in found}
    # The carried 3 agrees with last year's: no disagreement.  The columns last year left blank
    # have nothing to carry, said as such (CROSS-YEAR-CARRYOVER unknown, a warning), naming them alone.
    carry = [i for i in found if i["code"] == "CROSS-YEAR-CARRYOVER"]
    assert "SAME-AS-LAST-YEAR" in codes and [i["severity"] for i in carry] == ["warning"], carry  # (a disagreement: error)
    assert "自然人" not in carry[0]["message"] and "商业企业" in carry[0]["message"], carry


def _spellings(tmp_path: Path, src: Path) -> dict[str, Path]:
    """Names that all lead to ``src``: itself, another spelling, a symbolic and a hard link."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.docx").symlink_to(src)
    os.link(src, tmp_path / "hard.docx")
    return {"same": src, "spelled": tmp_path / "sub" / ".." / src.name,
            "symlink": tmp_path / "link.docx", "hardlink": tmp_path / "hard.docx"}


@pytest.mark.parametrize("command", ["new", "export"])
def test_target_that_is_the_source_is_refused(tmp_path: Path, command: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """`new --from X --to X` replaced last year's report with a blank one, no backup: refused,
    one line, exit 2, the file untouched, however the target names it."""
    from app import cli

    src = tmp_path / "2022年报.docx"
    last = zero_report(organ="某局", year=2022)
    last.set_value(CellRef("三", T3_CARRIED_OUT, T3_COL_NATURAL), 3)
    save_report(last, src)
    before = src.read_bytes()
    for how, dest in _spellings(tmp_path, src).items():
        args = ["new", "--from", str(src), "--to", str(dest)] if command == "new" else ["export", str(src), "--to", str(dest)]
        assert cli.main(args) == 2, how
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "就是源文件" in err[0] and "Traceback" not in err[0], (how, err)
        assert src.read_bytes() == before, how
    # From the real command line as well, and a different file still written.
    out = run_app(*(["new", "--from", src, "--to", src] if command == "new" else ["export", src, "--to", src]))
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "就是源文件" in out.stderr
    assert src.read_bytes() == before
    other = tmp_path / "2023年报.docx"
    assert cli.main(["new", "--from", str(src), "--to", str(other)] if command == "new"
                    else ["export", str(src), "--to", str(other)]) == 0
    assert load_report(other).tables["三"][(T3_CARRIED_IN if command == "new" else T3_CARRIED_OUT, T3_COL_NATURAL)] == 3


def test_summary_workbook_over_a_report_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check --xlsx` naming one of the reports checked (a file given, --last, or a workbook
    report found in the folder) would replace it with the summary: refused, exit 2."""
    from app import cli
    from app.xlsx_write import write_xlsx

    folder = tmp_path / "收到的年报"
    folder.mkdir()
    report = folder / "甲.docx"
    save_report(zero_report(organ="甲局", year=2022), report)
    book = folder / "乙.xlsx"
    write_xlsx(zero_report(organ="乙局", year=2022), book)
    saved = {p: p.read_bytes() for p in (report, book)}
    for args in (["check", str(report), "--xlsx", str(report)],
                 ["check", str(folder), "--last", str(report), "--xlsx", str(report)],
                 ["check", str(folder), "--jobs", "1", "--xlsx", str(book)]):
        assert cli.main(args) == 2, args
        err = capsys.readouterr().err
        assert "就是源文件" in err and "Traceback" not in err, args
    assert {p: p.read_bytes() for p in saved} == saved
    assert cli.main(["check", str(folder), "--jobs", "1", "--xlsx", str(tmp_path / "汇总.xlsx")]) == 0
    assert (tmp_path / "汇总.xlsx").is_file()


def test_xlsx_export_reads_back(sample: Path, tmp_path: Path) -> None:
    """The workbook we write opens as a report with the same tables (placed by labels)."""
    assert run_app("export", sample, "--to", tmp_path / "t.xlsx").returncode == 0
    back = load_report(tmp_path / "t.xlsx")
    assert back.tables == load_report(sample).tables
    assert not [f for f in back.import_findings if f.code in ("LABEL-EDITED", "OLD-FORMAT")]


def test_xlsx_edited_in_excel(sample: Path, tmp_path: Path) -> None:
    """A number typed into the workbook (as Excel stores it: a float) is read as a count."""
    run_app("export", sample, "--to", tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "t.xlsx")
    ws = wb["表三"]
    target = next(c for row in ws.iter_rows() for c in row if c.value == "2.重复申请")
    row = TABLE3.row_labels.index("2.重复申请")
    grid_col = next(c.col for c in TABLE3.layout if c.data == (row, 0))  # its 自然人 cell
    ws.cell(target.row, grid_col + 1).value = 7.0
    wb.save(tmp_path / "t.xlsx")
    assert load_report(tmp_path / "t.xlsx").tables["三"][(row, 0)] == 7


def test_xlsx_keeps_an_amount_exactly(tmp_path: Path) -> None:
    from decimal import Decimal

    from app.xlsx_write import write_xlsx

    r = Report(organ="某局", year=2023)
    r.set_value(CellRef("二", T2_FEES, T2_ONLY_COL), Decimal("96171.60"))
    write_xlsx(r, tmp_path / "a.xlsx")
    assert str(load_report(tmp_path / "a.xlsx").tables["二"][(T2_FEES, T2_ONLY_COL)]) == "96171.60"


def test_xlsx_keeps_metadata_and_unreadable_text(tmp_path: Path) -> None:
    import datetime as dt

    from app.xlsx_write import write_xlsx

    r = Report(organ="某局", year=2023, date=dt.date(2024, 1, 15))
    r.raw[CellRef("二", T2_FEES, T2_ONLY_COL)] = "12.5元"
    write_xlsx(r, tmp_path / "m.xlsx")
    back = load_report(tmp_path / "m.xlsx")
    assert (back.organ, back.year, back.date) == ("某局", 2023, dt.date(2024, 1, 15))
    assert back.raw[CellRef("二", T2_FEES, T2_ONLY_COL)] == "12.5元"
    assert not [f for f in back.import_findings if f.code == "TITLE-NONSTANDARD"]


def test_help_is_in_chinese() -> None:
    out = run_app("--help")
    assert out.returncode == 0
    assert out.stdout.startswith("用法：python -m app")
    assert "显示此帮助并退出" in out.stdout and "show this help" not in out.stdout
    for command in ("check", "dump", "export", "new"):
        sub = run_app(command, "--help")
        assert sub.returncode == 0 and "用法：" in sub.stdout and "usage" not in sub.stdout, command


@pytest.mark.parametrize(("args", "said"), [
    (("check",), "缺少必需的参数：FILE_OR_DIR"),
    (("check", "--jobs", "x", "a.docx"), "参数 --jobs：“x”不是正整数"),
    (("export", "a.docx"), "缺少必需的参数：--to"),
    (("new", "--to", "b.docx"), "缺少必需的参数：--from"),
    (("--bogus",), "无法识别的参数：--bogus"),
])
def test_a_wrong_command_line_gets_one_chinese_error_and_exit_2(args: tuple[str, ...], said: str) -> None:
    out = run_app(*args)
    assert out.returncode == 2
    assert said in out.stderr
    assert "error" not in out.stderr and "usage" not in out.stderr and "Traceback" not in out.stderr


def test_a_chinese_file_name_is_printed_as_it_is_and_control_characters_escaped(tmp_path: Path) -> None:
    """U+3000 and the no-break space are common in Chinese file names (from the review: they came
    out as \\u3000); a line break or an escape sequence still cannot split or colour the line."""
    from app.cli import one_line

    assert one_line("坏　文件\u00a0(定稿).docx") == "坏　文件\u00a0(定稿).docx"
    assert one_line("a\nb\x1b[31m\u2028c\u200e") == "a\\nb\\x1b[31m\\u2028c\\u200e"
    bad = tmp_path / "坏　文件.docx"
    bad.write_bytes(b"not a zip")
    done = run_app("check", bad)
    assert done.returncode == 2 and "坏　文件.docx" in done.stderr and "\\u3000" not in done.stderr


@pytest.mark.parametrize("clean", [False, True])
def test_export_says_where_it_wrote_on_one_line_whatever_the_name(tmp_path: Path, clean: bool) -> None:
    """Every export path prints its destination through one_line: a line break in the name
    cannot forge a second line of stdout (``export --clean`` printed it raw; review30 L6)."""
    from tests.conftest import SAMPLE

    dest = tmp_path / "发布\n已导出：别处.docx"
    done = run_app("export", SAMPLE, "--to", dest, *(("--clean",) if clean else ()))
    assert dest.exists(), done.stderr
    assert done.stdout.count("\n") == 1 and "\\n" in done.stdout, done.stdout
