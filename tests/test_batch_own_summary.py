"""The batch summary workbook saved into the folder it is about is never read as a report:
checking the folder again passes it over as 本程序导出的检查汇总表 (found by the GUI tester:
123 errors for it, “6 份有错误” for 5 reports, and a summary that grew with every round)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from app import batch
from app.batch_summary import WHAT_IT_IS, is_summary
from app.errors import NotAReport
from app.io import save_report
from app.reading import load_report
from app.xlsx import read_xlsx
from app.xlsx_write import write_xlsx
from tests.helpers import run_app
from tests.test_batch import report


@pytest.fixture
def checked(tmp_path: Path) -> Path:
    """A folder of two reports, its summary saved inside it under a name of the user's."""
    root = tmp_path / "收到的年报"
    root.mkdir()
    save_report(report("某县财政局", 2023), root / "财政局.docx")
    save_report(report("某县教育局", 2023, carried_out=5), root / "教育局.docx")
    batch.write_summary(batch.run([root], jobs=1), root / "年报检查汇总.xlsx")
    (root / "年报检查汇总.xlsx").rename(root / "三月检查结果.xlsx")  # users rename files
    return root


def _rows(path: Path, sheet: str) -> list[tuple[object, ...]]:
    return list(openpyxl.load_workbook(path)[sheet].iter_rows(min_row=2, values_only=True))


def test_the_summary_in_the_folder_is_passed_over_and_never_grows(checked: Path) -> None:
    b = batch.run([checked], jobs=1)
    assert sorted(Path(r.path).name for r in b.checked) == ["教育局.docx", "财政局.docx"]
    assert not b.unreadable
    passed = {Path(r.path).name: r.reason for r in b.passed_over()}
    assert set(passed) == {"三月检查结果.xlsx"} and WHAT_IT_IS in passed["三月检查结果.xlsx"]
    # exported again over itself: the same two reports, the old summary listed as not checked
    batch.write_summary(b, checked / "三月检查结果.xlsx")
    again = batch.run([checked], jobs=1)
    assert len(again.checked) == 2 and [Path(r.path).name for r in again.passed_over()] == ["三月检查结果.xlsx"]
    batch.write_summary(again, checked / "三月检查结果.xlsx")
    summary = checked / "三月检查结果.xlsx"
    assert sorted(str(row[0]) for row in _rows(summary, "汇总")) == ["教育局.docx", "财政局.docx"]
    assert [row[0] for row in _rows(summary, "未检查")] == ["三月检查结果.xlsx"]
    assert all(row[0] != "三月检查结果.xlsx" for row in _rows(summary, "全部问题"))


def test_the_marked_summary_is_known_with_its_sheets_renamed(tmp_path: Path, checked: Path) -> None:
    """The mark is in the document's properties: renaming the sheets (or the file) keeps it."""
    wb = openpyxl.load_workbook(checked / "三月检查结果.xlsx")
    wb["汇总"].title, wb["全部问题"].title = "Sheet1", "明细"
    wb.save(tmp_path / "改过.xlsx")
    assert is_summary(tmp_path / "改过.xlsx")


def test_a_summary_written_before_the_mark_is_known_by_its_sheets(tmp_path: Path, checked: Path) -> None:
    wb = openpyxl.load_workbook(checked / "三月检查结果.xlsx")
    wb.custom_doc_props.props.clear()
    wb.save(tmp_path / "旧汇总.xlsx")
    with zipfile.ZipFile(tmp_path / "旧汇总.xlsx") as z:
        assert b"NianbaoEditor" not in b"".join(z.read(n) for n in z.namelist() if n.startswith("docProps/"))
    assert is_summary(tmp_path / "旧汇总.xlsx")
    # only 全部问题 left (汇总 deleted by the reviewer): still ours
    del wb["汇总"]
    wb.save(tmp_path / "只剩问题.xlsx")
    assert is_summary(tmp_path / "只剩问题.xlsx")
    folder = tmp_path / "文件夹"
    folder.mkdir()
    (tmp_path / "旧汇总.xlsx").rename(folder / "旧汇总.xlsx")
    save_report(report("某县财政局", 2023), folder / "财政局.docx")
    b = batch.run([folder], jobs=1)
    assert [Path(r.path).name for r in b.checked] == ["财政局.docx"]
    assert [Path(r.path).name for r in b.passed_over()] == ["旧汇总.xlsx"]


def test_a_summary_written_before_the_open_column_is_known_by_its_sheet(tmp_path: Path, checked: Path) -> None:
    """汇总 without 打开 (the link was on 文件 then), no mark, 全部问题 deleted: still ours."""
    wb = openpyxl.load_workbook(checked / "三月检查结果.xlsx")
    wb.custom_doc_props.props.clear()
    del wb["全部问题"]
    assert wb["汇总"]["B1"].value == "打开"
    wb["汇总"].delete_cols(2)
    wb.save(tmp_path / "旧汇总.xlsx")
    assert is_summary(tmp_path / "旧汇总.xlsx")
    wb["汇总"].delete_cols(2)  # 机关名称 gone too: a sheet of someone else's
    wb.save(tmp_path / "别人的.xlsx")
    assert not is_summary(tmp_path / "别人的.xlsx")


def test_workbooks_that_are_not_ours_are_read_as_before(tmp_path: Path) -> None:
    """A report's workbook (导出Excel) is a report; a sheet named 汇总 with other headers is not
    taken for our summary."""
    write_xlsx(report("某县财政局", 2023), tmp_path / "年报.xlsx")
    assert not is_summary(tmp_path / "年报.xlsx")
    assert read_xlsx(tmp_path / "年报.xlsx").organ == "某县财政局"
    book = openpyxl.Workbook()
    book.active.title = "汇总"
    book.active.append(["文件", "机关名称", "金额"])
    book.save(tmp_path / "其他汇总.xlsx")
    assert not is_summary(tmp_path / "其他汇总.xlsx")
    (tmp_path / "坏.xlsx").write_bytes(b"PK\x03\x04broken")
    assert not is_summary(tmp_path / "坏.xlsx")


def test_opened_on_its_own_it_says_what_it_is(checked: Path) -> None:
    summary = checked / "三月检查结果.xlsx"
    with pytest.raises(NotAReport) as e:
        load_report(summary)
    assert WHAT_IT_IS in str(e.value) and "\n" not in str(e.value)
    with pytest.raises(NotAReport):  # 从Excel导入 reads the workbook directly
        read_xlsx(summary)
    out = run_app("check", summary, timeout=300)
    assert out.returncode == 2 and WHAT_IT_IS in out.stderr and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    folder = run_app("check", checked, timeout=300)
    assert "三月检查结果" not in folder.stdout + folder.stderr
    assert "文件夹中另有 1 个非年报文件未检查" in folder.stdout
