"""The 成文日期 in 基本信息 typed into Excel (hostile14): Excel turns “2024年1月20日” into a date, a
serial shown as 2024年1月20日 — counted from 1900, or from 1904 where the workbook says date1904.
It was read as the text of a datetime, no date, and DATE-MISSING said the report had none."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from app.reading import load_report
from app.report import Report
from app.xlsx_write import write_xlsx
from tests.conftest import rewrite_docx

SHEET = "xl/worksheets/sheet4.xml"  # 基本信息, the last sheet our export writes


def _our_workbook(sample: Path, tmp_path: Path) -> tuple[Report, Path]:
    original = load_report(sample)
    path = tmp_path / "ours.xlsx"
    write_xlsx(original, path)
    return original, path


def _date_cell(path: Path, out: Path, serial: int, date1904: bool) -> Path:
    """基本信息's 成文日期 as Excel stores a typed date: the serial, in a date format (built-in 14)."""
    xfs: list[int] = []

    def styles(xml: str) -> str:
        m = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", xml, flags=re.S)
        assert m is not None
        xfs.append(len(re.findall(r"<xf\b", m.group(1))))  # the new style's index
        date = '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        return xml[:m.end(1)] + date + xml[m.end(1):]
    path = rewrite_docx(path, out.with_suffix(".t.xlsx"), styles, part="xl/styles.xml")

    def sheet(xml: str) -> str:
        new, n = re.subn(r'<c r="B3"[^>]*>.*?</c>', f'<c r="B3" s="{xfs[0]}"><v>{serial}</v></c>', xml, count=1,
                         flags=re.S)
        assert n == 1
        return new
    path = rewrite_docx(path, out.with_suffix(".s.xlsx"), sheet, part=SHEET)
    if date1904:
        path = rewrite_docx(path, out, lambda x: re.sub(r"<workbookPr[^>]*/>", '<workbookPr date1904="1"/>', x, count=1),
                            part="xl/workbook.xml")
    return path


@pytest.mark.parametrize(("serial", "date1904", "shown"), [
    (45311, False, dt.date(2024, 1, 20)),
    (43849, True, dt.date(2024, 1, 20)),  # counted from 1904: 1462 days fewer for the same day
    (45311, True, dt.date(2028, 1, 21)),  # the 1900 serial in a 1904 workbook: what Excel shows
])
def test_a_date_excel_stores_as_a_serial_is_read(sample: Path, tmp_path: Path, serial: int, date1904: bool,
                                                 shown: dt.date) -> None:
    original, path = _our_workbook(sample, tmp_path)
    back = load_report(_date_cell(path, tmp_path / "dated.xlsx", serial, date1904))
    assert back.date == shown
    assert not [f for f in back.import_findings if f.code == "DATE-MISSING"]
    assert back.tables == original.tables


def test_a_date_written_as_text_is_read_as_before(sample: Path, tmp_path: Path) -> None:
    original, path = _our_workbook(sample, tmp_path)
    assert original.date is not None and load_report(path).date == original.date
