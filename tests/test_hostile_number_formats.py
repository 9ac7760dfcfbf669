"""Workbooks whose number format is the bomb: a code far past Excel's 255 characters (Office's own
limit, [MS-OI29500] 2.1.712) that openpyxl's date test rescans to its end at every unclosed “[”
or quotation mark, and that the reader's own judging (app/xlsxformat.py) read once a cell.  A
14 KB workbook hung the reader or took 14–30 s; now it is refused in one Chinese line before
openpyxl opens it (app/xlsxlimits.py).  Within the limit, a code of a hundred “,” or “%” (a
float's range passed: OverflowError, said as 结构异常) is read, the format not judged."""

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
def test_a_number_format_past_excels_limit_is_refused_at_once(tmp_path: Path, code: str) -> None:
    path = tmp_path / "格式.xlsx"
    path.write_bytes(workbook_with(styles=number_format(code)))
    outcome = run_one(path, timeout=20)
    assert outcome.result == "refused", outcome
    assert outcome.seconds < 8, outcome
    assert outcome.message == (f"{path}：工作簿中有一个数字格式长{len(code)}个字符（Excel 的数字格式最多255个字符），"
                               "文件可能已损坏或是恶意构造，未读取；请在 Excel 或 WPS 中打开（修复）后另存再试"), outcome


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
