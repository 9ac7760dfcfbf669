"""表三's 3.其他 or （七）总计 row written bare (“其他”, “总计”: the words of two of its columns) and
left blank: the row was taken for another header row — “表三中没有找到“3.其他”行”, and a blank
（七）总计 was filled in from the rows above it, though the file had it blank.  A header's names
stand over the figures' columns; a row whose words all stand in the label columns, its own label
bare 其他 or 总计, is that data row, its label said edited (.docx, and a sheet saved as CSV)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from app.docx.writer import write_docx
from app.reading import load_report
from app.report import Report
from app.schema import T3_ROW_PATHS, TABLES
from app.xlsx_write import write_xlsx
from tests.helpers import sheet_csv

DATA = Path(__file__).parent / "data"
LEAVES = [p[-1] for p in T3_ROW_PATHS]
CASES = [("其他", "3.其他"), ("总计", "（七）总计")]


def _figures(label: str) -> Report:
    """The sample report, 表三's every cell a figure of its own (a slid column shows), ``label``'s row blank."""
    report = load_report(DATA / "xiaogang-2021.docx")
    row = LEAVES.index(label)
    for c in list(report.tables["三"]):
        report.tables["三"][c] = None if c[0] == row else 10 * c[0] + c[1]
    return report


def _relabelled_docx(report: Report, path: Path, label: str, word: str) -> None:
    write_docx(report, path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["word/document.xml"].decode()
    assert xml.count(f">{label}<") == 1
    parts["word/document.xml"] = xml.replace(f">{label}<", f">{word}<").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def _said(read: Report, label: str, word: str) -> None:
    messages = [f.message for f in read.import_findings]
    assert not any(f"没有找到“{label}”行" in m for m in messages), messages
    assert any(f"文件中为“{word}”，应为“{label}”" in m for m in messages), messages


@pytest.mark.parametrize(("word", "label"), CASES)
def test_a_bare_blank_row_in_a_docx_is_its_row(tmp_path: Path, word: str, label: str) -> None:
    report = _figures(label)
    path = tmp_path / "报告.docx"
    _relabelled_docx(report, path, label, word)
    read = load_report(path)
    assert read.tables["三"] == report.tables["三"]  # the blank row blank, every figure in its column
    _said(read, label, word)


@pytest.mark.parametrize(("word", "label"), CASES)
def test_a_bare_blank_row_in_a_csv_sheet_is_its_row(tmp_path: Path, word: str, label: str) -> None:
    report = _figures(label)
    write_xlsx(report, tmp_path / "导出.xlsx")
    path = tmp_path / "表三.csv"
    path.write_text(sheet_csv(tmp_path / "导出.xlsx", "表三", lambda v: word if v == label else v), encoding="utf-8-sig")
    read = load_report(path)
    # the export's totals are formulas, saved blank here: the figures typed are compared
    typed = {c: v for c, v in read.tables["三"].items() if v is not None}
    assert typed and all(report.tables["三"][c] == v for c, v in typed.items())
    assert all(read.tables["三"][c] is None for c in read.tables["三"] if c[0] == LEAVES.index(label))
    _said(read, label, word)


@pytest.mark.parametrize(("word", "label"), CASES)
def test_a_bare_blank_row_in_a_browsers_text_copy_is_its_row(tmp_path: Path, word: str, label: str) -> None:
    """A page's table copied as text (Chrome, Edge: a row's own cells between tabs, fewer under a
    rowspan): the header's columns are not read from it, the bare row was a header all the same."""
    report = _figures(label)
    spec = TABLES["三"]
    rows: dict[int, list[str]] = {}
    for cell in spec.layout:
        value = report.tables["三"][cell.data] if cell.data is not None else None
        text = ("" if value is None else str(value)) if cell.data is not None else (word if cell.text == label else cell.text)
        rows.setdefault(cell.row, []).append(text)
    lines = ["三、收到和处理政府信息公开申请情况", "", *("\t".join(r) for _, r in sorted(rows.items())), "",
             "四、政府信息公开行政复议、行政诉讼情况"]
    path = tmp_path / "复制.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    read = load_report(path)
    assert read.tables["三"] == report.tables["三"]
    _said(read, label, word)
