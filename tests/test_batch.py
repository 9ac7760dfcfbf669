"""The reviewer's batch: a folder of good, broken, duplicate and consecutive-year reports, checked
in one process and in two, on the command line and through app.batch."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from app import batch
from app.io import save_report
from app.report import Paragraph, Report
from app.schema import T2_COL, T2_IN_FORCE_ROWS, T2_ROW, T3_CARRIED_IN, T3_CARRIED_OUT, CellRef
from tests.helpers import run_app


def report(organ: str, year: int, carried_in: int = 0, carried_out: int = 0, in_force: int = 0) -> Report:
    r = Report(organ=organ, year=year)
    for key in ("前言", "一", "五", "六"):
        r.sections[key] = [Paragraph.plain(f"{organ}{year}年度正文，{key}部分。" if key != "六"
                                           else "本年度未收取信息处理费。")]
    for key, grid in r.tables.items():
        for pos in grid:
            r.set_value(CellRef(key, *pos), 0)
    r.set_value(CellRef("三", T3_CARRIED_IN, 0), carried_in)
    r.set_value(CellRef("三", T3_CARRIED_OUT, 0), carried_out)
    r.set_value(CellRef("二", T2_ROW[T2_IN_FORCE_ROWS[0]], T2_COL["现行有效件数"]), in_force)
    return r


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """good.docx and its copy (same organ and year); 教育局 2022 and 2023, whose 2023 figures do
    not follow on (carried over 5 → 3, in force 10 → 4 with nothing issued or repealed); a
    broken .docx; files that are no report."""
    root = tmp_path_factory.mktemp("reviewer")
    (root / "乡镇" / "副本").mkdir(parents=True)
    (root / "部门").mkdir()
    save_report(report("某县财政局", 2023), root / "乡镇" / "good.docx")
    shutil.copy(root / "乡镇" / "good.docx", root / "乡镇" / "副本" / "good - 副本.docx")
    save_report(report("某县教育局（本级）", 2022, carried_out=5, in_force=10), root / "部门" / "教育局2022.docx")
    # the same organ with half-width brackets: still the same organ
    save_report(report("某县教育局(本级)", 2023, carried_in=3, carried_out=3, in_force=4), root / "部门" / "教育局2023.docx")
    (root / "部门" / "坏文件.docx").write_bytes(b"PK\x03\x04broken")
    (root / "说明.md").write_text("不是年报", encoding="utf-8")
    (root / "乡镇" / "~$good.docx").write_bytes(b"\x00" * 162)  # Word's owner file
    return root


def by_name(b: batch.Batch) -> dict[str, batch.FileResult]:
    return {Path(r.path).name: r for r in b.results}


@pytest.mark.parametrize("jobs", [1, 2])
def test_folder_rows_pairs_duplicates_and_exit_code(folder: Path, jobs: int) -> None:
    done: list[int] = []
    b = batch.run([folder], jobs=jobs, progress=lambda n, total, r: done.append(n))
    rows = by_name(b)
    # stable order, whatever finished first: the window's, by path in pinyin (部 bu before 乡 xiang)
    assert [Path(r.path).relative_to(folder).as_posix() for r in b.results] == [
        "部门/坏文件.docx", "部门/教育局2022.docx", "部门/教育局2023.docx", "乡镇/good.docx", "乡镇/副本/good - 副本.docx"]
    # Word's owner file is left out silently: neither checked, nor unreadable, nor listed
    assert sorted(p.name for p in b.skipped) == ["说明.md"]
    assert "~$good.docx" not in rows
    assert rows["坏文件.docx"].error and "坏文件.docx" in rows["坏文件.docx"].error
    assert rows["good.docx"].organ == "某县财政局" and rows["good.docx"].year == 2023
    assert rows["good.docx"].count(batch.Severity.ERROR) == 0
    assert rows["good.docx"].duplicates == [str(folder / "乡镇" / "副本" / "good - 副本.docx")]
    assert b.pairs == [(str(folder / "部门" / "教育局2022.docx"), str(folder / "部门" / "教育局2023.docx"))]
    later = {f.code for f in rows["教育局2023.docx"].findings}
    assert {"CROSS-YEAR-CARRYOVER", "CROSS-YEAR-IN-FORCE"} <= later
    assert not {f.code for f in rows["教育局2022.docx"].findings} & {"CROSS-YEAR-CARRYOVER", "CROSS-YEAR-IN-FORCE"}
    assert b.exit_code() == 2
    assert done == list(range(1, len(b.results) + 2))  # every file, then the one checked again
    assert all(r.last_year is None for r in b.results)  # nothing of a report kept after pairing


def test_same_results_in_one_process_and_two(folder: Path) -> None:
    def summary(b: batch.Batch) -> list[tuple[object, ...]]:
        return [(r.path, r.organ, r.year, [(f.code, f.message) for f in r.findings], r.error, r.paired_with)
                for r in b.results]

    assert summary(batch.run([folder], jobs=1)) == summary(batch.run([folder], jobs=2))


def test_exit_code_1_for_errors_0_for_clean(folder: Path) -> None:
    assert batch.run([folder / "乡镇"], jobs=1).exit_code() == 0
    assert batch.run([folder / "部门" / "教育局2022.docx", folder / "部门" / "教育局2023.docx"]).exit_code() == 1


def test_not_consecutive_not_paired(tmp_path: Path) -> None:
    save_report(report("某县教育局", 2021, carried_out=5), tmp_path / "a.docx")
    save_report(report("某县教育局", 2023, carried_in=3, carried_out=3), tmp_path / "b.docx")
    save_report(report("某县卫健委", 2022, carried_out=5), tmp_path / "c.docx")
    b = batch.run([tmp_path], jobs=1)
    assert b.pairs == []
    assert not any(f.code == "CROSS-YEAR-CARRYOVER" for r in b.results for f in r.findings)


def test_organ_key() -> None:
    assert batch.organ_key("某县 教育局（本级）") == batch.organ_key("某县教育局(本级)")
    assert batch.organ_key("某县教育局") != batch.organ_key("某县卫健委")


def test_a_file_named_twice_is_checked_once(folder: Path) -> None:
    good = folder / "乡镇" / "good.docx"
    files, _ = batch.collect([good, folder / "乡镇", good])
    assert files.count(good) == 1


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return run_app(*args, timeout=300)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_folder(folder: Path, jobs: str) -> None:
    out = run("check", folder, "--jobs", jobs)
    assert out.returncode == 2  # an unreadable file outranks the error findings
    assert out.stderr.count("\n") == 1 and "坏文件.docx" in out.stderr and "Traceback" not in out.stderr
    assert "\r" not in out.stderr  # no progress bar outside a terminal
    lines = out.stdout.splitlines()
    files = [ln for ln in lines if ln and not ln.startswith(" ")][:-1]
    # as 批量检查 lists them: 部门 (bu) before 乡镇 (xiang), not in code-point order (乡 U+4E61 first)
    assert [Path(f).name for f in files] == ["教育局2022.docx", "教育局2023.docx", "good.docx", "good - 副本.docx"]
    assert f"  已对照上年报告：{folder / '部门' / '教育局2022.docx'}" in lines
    assert "CROSS-YEAR-CARRYOVER" in out.stdout
    assert lines[-1].startswith("共 5 个文件：检查 4 份，无法读取 1 份，对照上年 1 对；文件夹中另有 1 个")  # 说明.md; not Word's owner file


def test_cli_json_is_stable_and_pure(folder: Path) -> None:
    one, two = run("check", folder, "--json", "--jobs", "1"), run("check", folder, "--json", "--jobs", "2")
    assert one.stdout == two.stdout
    items = json.loads(one.stdout)
    assert all(set(i) == {"file", "code", "severity", "location", "message"} for i in items)
    assert any(i["code"] == "CROSS-YEAR-IN-FORCE" and i["file"].endswith("教育局2023.docx") for i in items)


def test_cli_bad_jobs_is_one_message() -> None:
    out = run("check", ".", "--jobs", "0")
    assert out.returncode == 2 and "不是正整数" in out.stderr and "Traceback" not in out.stderr


def test_summary_workbook(folder: Path, tmp_path: Path) -> None:
    dest = tmp_path / "汇总.xlsx"
    out = run("check", folder, "--xlsx", dest)
    assert out.returncode == 2, out.stderr
    wb = openpyxl.load_workbook(dest)
    assert wb.sheetnames == ["汇总", "全部问题", "无法读取", "未检查"]
    ws = wb["汇总"]
    assert tuple(c.value for c in ws[1]) == batch.SUMMARY_HEADER
    rows = {Path(r[0]).name: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"good.docx", "good - 副本.docx", "教育局2022.docx", "教育局2023.docx"}
    head = {h: i for i, h in enumerate(batch.SUMMARY_HEADER)}
    later = rows["教育局2023.docx"]
    assert later[head["机关名称"]] == "某县教育局(本级)" and later[head["年度"]] == 2023
    assert later[head["错误"]] >= 1 and "CROSS-YEAR-CARRYOVER" in later[head["问题代码"]]
    assert "[错误]" in later[head["主要问题"]]
    assert later[head["对照上年报告"]].endswith("教育局2022.docx")
    assert "good - 副本.docx" in rows["good.docx"][head["备注"]]
    # the file by its path within the folder checked, plain text that wraps (a linked cell printed
    # on one line in LibreOffice, cut at the column's edge); the link beside it finds it from the workbook
    for row in range(2, ws.max_row + 1):
        file, opener = ws.cell(row, head["文件"] + 1), ws.cell(row, head["打开"] + 1)
        assert file.hyperlink is None and file.alignment.wrap_text and file.font.u is None, file.coordinate
        link = opener.hyperlink
        assert opener.value == "打开" and link is not None and opener.alignment.wrap_text
        assert (dest.parent / link.target).resolve() == (folder / file.value).resolve()
    assert ws.column_dimensions[get_column_letter(head["打开"] + 1)].width <= 6, "打开 is a narrow column"
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == ws.dimensions
    # Fitted to the page's width only where that stays readable (tests/test_batch_summary_print.py):
    # these fourteen columns print at a scale of their own, the 文件 column on every page.
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.scale >= 73 and ws.print_title_cols == "$A:$A"
    assert ws.print_title_rows == "$1:$1"
    assert ws.column_dimensions[get_column_letter(head["机关名称"] + 1)].width >= 2 * len("某县教育局")  # CJK counts double
    every = list(wb["全部问题"].iter_rows(min_row=2, values_only=True))
    assert any(r[4] == "CROSS-YEAR-IN-FORCE" for r in every)
    bad = list(wb["无法读取"].iter_rows(min_row=2, values_only=True))
    assert len(bad) == 1 and bad[0][0] == os.path.join("部门", "坏文件.docx")
    assert bad[0][1].startswith("文件已损坏") and "坏文件.docx" not in bad[0][1], "the reason, not the path again"
    other = sorted(r[0] for r in wb["未检查"].iter_rows(min_row=2, values_only=True))
    assert other == ["说明.md"], "Word's owner file is no file the reviewer has to look at"


DATA = Path(__file__).parent / "data"


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A reviewer's folder as it arrives: reports (one in a subfolder, one a web page's text copy),
    a damaged .docx, and what else people put in such a folder — a note, an empty text file, a
    screenshot (also one renamed .docx), a list of names in Word, a workbook of addresses."""
    import docx

    root = tmp_path / "收到的年报"
    (root / "乡镇").mkdir(parents=True)
    save_report(report("某县财政局", 2023), root / "乡镇" / "good.docx")
    shutil.copy(DATA / "xiaogang-2021.txt", root / "网页副本.txt")
    (root / "坏文件.docx").write_bytes(b"PK\x03\x04broken")
    (root / "说明.txt").write_text("本文件夹存放各单位2023年度年报，请于3月底前检查完毕。\n", encoding="utf-8")
    (root / "新建文本文档.txt").write_bytes(b"")
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    (root / "截图.png").write_bytes(png)
    (root / "乡镇" / "照片.docx").write_bytes(png)
    names = docx.Document()
    names.add_paragraph("联络员名单")
    table = names.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(1, 0).text, table.cell(1, 1).text = "姓名", "电话", "张三", "123"
    names.save(str(root / "名单.docx"))
    book = openpyxl.Workbook()
    book.active.append(["序号", "单位", "地址"])
    book.active.append([1, "某县财政局", "某路1号"])
    book.save(root / "通讯录.xlsx")
    return root


def test_files_that_are_no_report_are_passed_over_not_unreadable(mixed: Path) -> None:
    b = batch.run([mixed], jobs=1)
    rel = {b.shown(r.path).replace(os.sep, "/"): r for r in b.results}
    assert {p for p, r in rel.items() if r.not_report is None and r.error is None} == {"乡镇/good.docx", "网页副本.txt"}
    assert [b.shown(r.path) for r in b.unreadable] == ["坏文件.docx"], "a damaged report is still unreadable"
    assert rel["坏文件.docx"].reason.startswith("文件已损坏") and str(mixed) not in rel["坏文件.docx"].reason
    passed = {b.shown(r.path).replace(os.sep, "/"): r.reason for r in b.passed_over()}
    assert set(passed) == {"说明.txt", "新建文本文档.txt", "截图.png", "乡镇/照片.docx", "名单.docx", "通讯录.xlsx"}
    assert "图片" in passed["乡镇/照片.docx"] and "空白" in passed["新建文本文档.txt"]
    assert "不是年报的文件类型（.png）" in passed["截图.png"] and "年度报告" in passed["名单.docx"]
    assert all(not r.findings for r in b.results if r.not_report is not None)
    assert b.exit_code() == 2  # for the damaged report only
    (mixed / "坏文件.docx").unlink()
    again = batch.run([mixed], jobs=1)
    assert not again.unreadable and again.exit_code() == (1 if any(r.count(batch.Severity.ERROR) for r in again.checked)
                                                          else 0), "a note in the folder is no unreadable file"


def test_a_file_named_on_its_own_is_checked_whatever_it_holds(mixed: Path) -> None:
    note = batch.run([mixed / "说明.txt"], jobs=1)
    assert note.results[0].not_report is None and note.results[0].error and note.exit_code() == 2
    names = batch.run([mixed / "名单.docx"], jobs=1)
    assert names.results[0].not_report is None and names.results[0].findings and names.exit_code() == 1


def test_the_summary_names_files_within_the_folder_and_lists_what_was_not_checked(mixed: Path, tmp_path: Path) -> None:
    b = batch.run([mixed], jobs=2)
    dest = tmp_path / "汇总.xlsx"
    batch.write_summary(b, dest)
    wb = openpyxl.load_workbook(dest)
    assert wb.sheetnames == ["汇总", "全部问题", "无法读取", "未检查"]
    files = [c.value for c in wb["汇总"]["A"][1:]]
    assert [f.replace("\\", "/") for f in files] == ["网页副本.txt", "乡镇/good.docx"]  # the folder walk's order
    bad = [[c.value for c in row] for row in wb["无法读取"].iter_rows(min_row=2)]
    assert len(bad) == 1 and bad[0][0] == "坏文件.docx"
    assert bad[0][1].startswith("文件已损坏") and str(mixed) not in bad[0][1], "the reason only, not the path again"
    other = {row[0].value.replace("\\", "/"): row[1].value for row in wb["未检查"].iter_rows(min_row=2)}
    assert set(other) == {"说明.txt", "新建文本文档.txt", "截图.png", "乡镇/照片.docx", "名单.docx", "通讯录.xlsx"}
    assert all(other.values())
    every = {c.value.replace("\\", "/") for c in wb["全部问题"]["A"][1:]}
    assert every <= {"乡镇/good.docx", "网页副本.txt"}


def test_shown_path() -> None:
    base = Path("/收到/年报")
    assert batch.shown_path(str(base / "乡镇" / "a.docx"), base) == os.path.join("乡镇", "a.docx")
    assert batch.shown_path("/别处/b.docx", base) == "/别处/b.docx"
    assert batch.shown_path("/x/c.docx", None) == "/x/c.docx"
    assert batch.base_folder([Path("/收到/年报/a.docx")]) == Path("/收到/年报")


def test_cli_folder_with_notes(mixed: Path) -> None:
    """`check DIR`: a note or a picture in the folder is no 错误 line and no exit 2; the summary
    line counts it among the files that are no report."""
    (mixed / "坏文件.docx").unlink()
    out = run("check", mixed, "--jobs", "1")
    assert out.returncode != 2 and "错误：" not in out.stderr, out.stderr
    assert "说明.txt" not in out.stdout and "名单.docx" not in out.stdout
    lines = out.stdout.strip().splitlines()
    assert lines[-1] == "共 2 个文件：检查 2 份，无法读取 0 份，对照上年 0 对；文件夹中另有 6 个非年报文件未检查"


def test_the_summary_writes_text_as_text_never_a_formula(tmp_path: Path) -> None:
    """A file named =1+2.docx, an organ or a message beginning with = : strings in the workbook
    (openpyxl reads them back as data_type "s"), not formulas a reviewer's Excel would run; a
    control character in a name is written escaped, not an unwritable workbook."""
    root = tmp_path / "收到的年报"
    root.mkdir()
    save_report(report("=HYPERLINK(\"http://x\")某局", 2023), root / "=1+2.docx")
    save_report(report("某县财政局", 2023), root / "报告\x1b[31m.docx")
    b = batch.run([root], jobs=1)
    batch.write_summary(b, tmp_path / "汇总.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "汇总.xlsx")
    texts = [c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert texts and all(c.data_type == "s" for c in texts), [(c.coordinate, c.value) for c in texts if c.data_type != "s"]
    files = [c.value for c in wb["汇总"]["A"][1:]]
    assert "=1+2.docx" in files and "报告\\x1b[31m.docx" in files
    organs = wb["汇总"][get_column_letter(batch.SUMMARY_HEADER.index("机关名称") + 1)][1:]
    assert any(c.value.startswith("=HYPERLINK") for c in organs)


def test_duplicates_are_named_by_their_path_within_the_folder(tmp_path: Path) -> None:
    """原稿/报告.docx and 修订/报告.docx both said 另有：报告.docx."""
    root = tmp_path / "收到的年报"
    for sub in ("原稿", "修订"):
        (root / sub).mkdir(parents=True)
        save_report(report("某县财政局", 2023), root / sub / "报告.docx")
    b = batch.run([root], jobs=1)
    notes = {b.shown(r.path): batch.note(r, b.base) for r in b.results}
    assert notes == {os.path.join("修订", "报告.docx"): "同一机关同一年度另有：" + os.path.join("原稿", "报告.docx"),
                     os.path.join("原稿", "报告.docx"): "同一机关同一年度另有：" + os.path.join("修订", "报告.docx")}
    batch.write_summary(b, tmp_path / "汇总.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "汇总.xlsx")
    note = batch.SUMMARY_HEADER.index("备注")
    assert {r[note] for r in wb["汇总"].iter_rows(min_row=2, values_only=True)} == set(notes.values())
    out = run_app("check", root)
    assert "另有：" + os.path.join("原稿", "报告.docx") in out.stdout


def test_files_of_unrelated_folders_are_shown_by_their_full_paths(tmp_path: Path) -> None:
    """Their common folder is only the root: “/home/…” shown as “home/…” looked like a path
    within a chosen folder."""
    assert batch.base_folder([Path("/收到/a.docx"), Path("/别处/b.docx")]) is None
    assert batch.base_folder([Path("/a.docx")]) is None
    assert batch.base_folder([Path("/收到/年报/a.docx"), Path("/收到/b.docx")]) == Path("/收到")
    b = batch.run([tmp_path / "x.docx", "/nonexistent-cli8/y.docx"], jobs=1)
    assert [b.shown(r.path) for r in b.results] == [str(tmp_path / "x.docx"), "/nonexistent-cli8/y.docx"]


# -- a report read empty is a problem ------------------------------------------------------------

def blank_report(organ: str = "某县教育局", year: int = 2023) -> Report:
    """A report whose statutory cells are all blank, as one read with its figures pictured."""
    blank = report(organ, year)
    for key, grid in blank.tables.items():
        for pos in grid:
            blank.set_value(CellRef(key, *pos), None)
    return blank


def dismissed_folder(root: Path) -> Path:
    """good.docx, and 已忽略.docx whose one error (正文与表格不符) is dismissed in the file."""
    from tests.test_dismissals import clean_report, dismiss, only

    root.mkdir()
    save_report(report("某县财政局", 2023), root / "good.docx")
    r = clean_report()
    r.sections["五"].pop()  # no stutter: the mismatch is its one finding
    r.sections["一"].append(Paragraph.plain("全年共收到政府信息公开申请5件。"))
    dismiss(r, only(r, "TEXT-TABLE-MISMATCH"), "含上级转办件")
    save_report(r, root / "已忽略.docx")
    return root


def test_the_summary_counts_dismissed_findings_apart(tmp_path: Path) -> None:
    """A report whose findings are all dismissed is neither one with open errors nor one that
    looks never checked: 已忽略 1, 主要问题 says so; 全部问题 lists it with the reason."""
    folder = dismissed_folder(tmp_path / "收到")
    b = batch.run([folder], jobs=1)
    assert b.exit_code() == 0
    dest = tmp_path / "汇总.xlsx"
    batch.write_summary(b, dest)
    wb = openpyxl.load_workbook(dest)
    head = [c.value for c in wb["汇总"][1]]
    summary = {r[0]: dict(zip(head, r, strict=True)) for r in wb["汇总"].iter_rows(min_row=2, values_only=True)}
    assert (summary["已忽略.docx"]["错误"], summary["已忽略.docx"]["已忽略"]) == (0, 1)
    assert summary["已忽略.docx"]["主要问题"] == "未发现问题（另有1个已忽略）"
    assert summary["good.docx"]["已忽略"] == 0 and "已忽略" not in summary["good.docx"]["主要问题"]
    every = [r for r in wb["全部问题"].iter_rows(min_row=2, values_only=True) if r[0] == "已忽略.docx"]
    assert [(r[4], r[7].startswith("已忽略（含上级转办件")) for r in every] == [("TEXT-TABLE-MISMATCH", True)]


def test_reports_in_formats_not_read_here_are_named_not_passed_over(tmp_path: Path) -> None:
    # A reviewer's folder holds what offices sent: an OFD or a single-file web page must be
    # named with what to do, never left out of the count as a stray file.
    import zipfile

    from app.reading import OFD_MESSAGE

    save_report(report("某县财政局", 2023), tmp_path / "财政局.docx")
    with zipfile.ZipFile(tmp_path / "司法局.ofd", "w") as z:
        z.writestr("OFD.xml", '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>')
    (tmp_path / "教育局.mht").write_bytes(b"MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n")
    b = batch.run([tmp_path], jobs=1)
    reasons = {b.shown(r.path): r.reason for r in b.unreadable}
    assert set(reasons) == {"司法局.ofd", "教育局.mht"} and not list(b.passed_over())
    assert OFD_MESSAGE in reasons["司法局.ofd"] and "单个文件网页" in reasons["教育局.mht"]
    assert b.exit_code() == 2


def test_a_duplicate_note_names_a_few_and_counts_the_rest(tmp_path: Path) -> None:
    """Twenty revisions of one report (or 2,000 copies): each note names five and counts the
    rest — one line each naming every other file was quadratic output, and a workbook cell past
    Excel's 32,767 characters at ~1,000 (hostile30)."""
    from app.batch_summary import NOTE_NAMES, note

    r = batch.FileResult(path=str(tmp_path / "报告.docx"))
    r.duplicates = [str(tmp_path / f"报告（修订{i}）.docx") for i in range(1, 2000)]
    said = note(r, tmp_path)
    assert said.startswith("同一机关同一年度另有1999份：") and said.endswith("等")
    assert said.count("报告（修订") == NOTE_NAMES and len(said) < 200
    r.duplicates = r.duplicates[:2]
    assert note(r, tmp_path) == "同一机关同一年度另有：报告（修订1）.docx、报告（修订2）.docx"
