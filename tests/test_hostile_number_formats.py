"""Workbooks whose number format is the bomb: a code far past Excel's 255 characters (Office's own
limit, [MS-OI29500] 2.1.712) that openpyxl's date test rescans to its end at every unclosed “[”
or quotation mark, and that the reader's own judging (app/xlsxformat.py) read once a cell.  A
14 KB workbook hung the reader or took 14–30 s; then the whole workbook was refused for the one
format.  Now only the format is left out (app/xlsxlean.py hands it over as “General”): the
cells read as stored, the rest of the workbook as it is, and a finding says so.  Within the
limit, a code of a hundred “,” or “%” (a float's range passed: OverflowError, said as 结构异常)
is read, the format not judged."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reading import load_report
from tests.hostile import run_one
from tests.hostile_web import number_format, workbook_with


@pytest.mark.parametrize("code", [
    "[" * 100_000 + "0",  # old: a hang (killed at 40 s)
    ";".join(["[>1]0"] * 50_000),  # 30 s
    "0." + "0" * 100_000 + "E+" + "0" * 100_000,  # 28 s
    "# " + "?" * 50_000 + "/" + "?" * 50_000,  # 14 s
    '"' + 'a\\"' * 50_000,  # 20 s
    "0" + "," * 300,  # just past the limit: OverflowError, said as 结构异常
], ids=["brackets", "sections", "exponent", "fraction", "quotes", "commas"])
def test_a_number_format_past_excels_limit_is_left_out_not_the_workbook(tmp_path: Path, code: str) -> None:
    path = tmp_path / "格式.xlsx"
    path.write_bytes(workbook_with(styles=number_format(code)))
    outcome = run_one(path, timeout=20)
    assert outcome.result == "read", outcome  # the workbook was refused whole
    assert outcome.seconds < 8, outcome
    plain = tmp_path / "常规.xlsx"
    plain.write_bytes(workbook_with(styles=number_format("General")))
    report = load_report(path)
    assert report.tables == load_report(plain).tables  # every cell as stored
    said = [f.message for f in report.import_findings if "数字格式过长" in f.message]
    assert said == [f"工作簿中有1个数字格式过长（{len(code)}个字符，Excel 的数字格式最多255个字符），文件可能已损坏或是"
                    "恶意构造，这些格式未采用，用它们的单元格读入的是存储的数；请核对，在 Excel/WPS 中把这些单元格的数字格式改为“常规”"]


@pytest.mark.parametrize("code", ["0" + "," * 254, "0" + "%" * 254, '"' + "注" * 250 + '"0', "0.00"],
                         ids=["commas", "percents", "chinese", "plain"])
def test_a_number_format_within_the_limit_reads(tmp_path: Path, code: str) -> None:
    """255 characters: commas or percent signs past a float's range are not judged (they were an
    OverflowError, the workbook refused as 结构异常); 250 Chinese characters are 750 bytes, one code."""
    path = tmp_path / "格式.xlsx"
    path.write_bytes(workbook_with(styles=number_format(code)))
    assert load_report(path).organ


def test_a_charts_long_format_code_is_not_judged(tmp_path: Path) -> None:
    """rev20 L on 600ab77: a chart's <c:numFmt formatCode> is only a label's format, which openpyxl
    never judges for a date: a long one does not refuse the workbook."""
    import zipfile

    from tests.hostile_base import _zip

    path = tmp_path / "图表.xlsx"
    path.write_bytes(workbook_with())
    with zipfile.ZipFile(path) as z:
        parts = [(n, z.read(n)) for n in z.namelist()]
    chart = ('<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart><c:plotArea>'
             f'<c:valAx><c:numFmt formatCode="{"0" * 300}" sourceLinked="0"/></c:valAx></c:plotArea></c:chart></c:chartSpace>')
    path.write_bytes(_zip([*parts, ("xl/charts/chart1.xml", chart.encode())]))
    assert load_report(path).organ
