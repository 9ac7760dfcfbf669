"""A workbook whose description of itself (docProps/core.xml: author, title, dates; custom
properties) another program wrote its own way: a date as an OA system's exporter writes it
("2021/01/01 10:00", month 13, year 0), a part cut short, empty or not XML at all.  Excel and WPS
open such a file; openpyxl refused the whole workbook, said damaged.  Nothing of a report comes
from that part: the workbook is read without it (app/xlsxlean.py ``_unreadable_properties``),
through the window's reader and `dump`; a workbook damaged where its figures are still is refused."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import dump
from app.errors import DAMAGED_XLSX, ReadError
from app.reading import load_report
from tests.helpers import run_app
from tests.hostile_base import _workbook_parts, _zip
from tests.hostile_web import core_created, workbook_described

CASES: dict[str, Callable[[], bytes]] = {
    "slashed-date": lambda: workbook_described(core_created(b"2021/01/01 10:00")),
    "month-13": lambda: workbook_described(core_created(b"2021-13-45T10:00:00Z")),
    "year-0": lambda: workbook_described(core_created(b"0000-00-00T00:00:00Z")),
    "core-cut-short": lambda: workbook_described(lambda xml: xml[: len(xml) // 2]),
    "core-empty": lambda: workbook_described(lambda xml: b""),
    "core-a-web-page": lambda: workbook_described(lambda xml: "<html><body>属性</body></html>".encode()),
    "custom-not-xml": lambda: workbook_described(custom=b"\x00\xff" * 40),
    "custom-unknown-type": lambda: workbook_described(custom=(
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="x"><vt:i4>abc</vt:i4></property>'
        b"</Properties>")),
}


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    path = tmp_path_factory.mktemp("wb") / "原样.xlsx"
    path.write_bytes(_zip(list(_workbook_parts())))
    return dump(load_report(path))


@pytest.mark.parametrize("case", list(CASES))
def test_a_workbook_described_its_own_way_is_read(tmp_path: Path, case: str, expected: dict[str, object]) -> None:
    path = tmp_path / f"{case}.xlsx"
    path.write_bytes(CASES[case]())
    got = dump(load_report(path))  # as the window reads it
    assert {k: got[k] for k in ("organ", "year", "table2", "table3", "table4")} == {
        k: expected[k] for k in ("organ", "year", "table2", "table3", "table4")}
    out = run_app("dump", path)
    assert out.returncode == 0 and out.stderr == "", out.stderr
    assert json.loads(out.stdout)["table3"] == expected["table3"]


def test_a_workbook_damaged_where_its_figures_are_is_still_refused(tmp_path: Path) -> None:
    """Only the description is left out: a sheet cut short is the damage it was."""
    parts = [(n, d[: len(d) // 2] if n == "xl/worksheets/sheet1.xml" else d) for n, d in _workbook_parts()]
    path = tmp_path / "表坏了.xlsx"
    path.write_bytes(_zip(parts))
    with pytest.raises(ReadError) as caught:
        load_report(path)
    assert DAMAGED_XLSX in str(caught.value) or "损坏" in str(caught.value), caught.value


def test_only_a_description_openpyxl_cannot_read_is_left_out(tmp_path: Path) -> None:
    """A sound description: the file handed to openpyxl as it is (no copy).  One it cannot read:
    a copy without that part, every other part there."""
    import zipfile

    from app.xlsxlean import openpyxl_package

    sound = tmp_path / "原样.xlsx"
    sound.write_bytes(workbook_described(core_created(b"2021-01-01T10:00:00Z")))
    assert openpyxl_package(sound).source == sound
    odd = tmp_path / "日期.xlsx"
    odd.write_bytes(workbook_described(core_created(b"2021/01/01 10:00")))
    copy = openpyxl_package(odd).source
    assert not isinstance(copy, Path)
    with zipfile.ZipFile(copy) as z, zipfile.ZipFile(odd) as original:
        assert set(original.namelist()) - set(z.namelist()) == {"docProps/core.xml"}
