"""Workbooks openpyxl does not take as they are: Excel's Strict Open XML (other namespaces) is
read like the same workbook saved as transitional; a style pointing at no number format reads
as General (Excel repairs it so); whatever else goes wrong inside a workbook is one line that
names Excel/WPS 表格 — never openpyxl's warnings on stderr, never advice about Word."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from app import xlsx
from app.errors import ReadError
from app.reading import load_report
from app.report import Report
from app.xlsx_write import write_xlsx
from tests.helpers import run_app

# Each transitional name and its Strict one (ISO/IEC 29500-1 Strict, as Excel writes it).
_TO_STRICT = [
    ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
     "http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
     "http://purl.oclc.org/ooxml/officeDocument/relationships"),
    ("http://schemas.openxmlformats.org/drawingml/2006/main", "http://purl.oclc.org/ooxml/drawingml/main"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
     "http://purl.oclc.org/ooxml/officeDocument/extendedProperties"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
     "http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes"),
]


def _rewrite(src: Path, dest: Path, edit: dict[str, object]) -> Path:
    """``src`` with its parts rewritten: ``edit`` maps a part name (or "*" for every XML part)
    to a function of its text."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            for name in (info.filename, "*"):
                fn = edit.get(name)
                if callable(fn) and info.filename.endswith((".xml", ".rels")):
                    data = fn(data.decode("utf-8")).encode("utf-8")
            zout.writestr(info, data)
    return dest


def _strict(text: str) -> str:
    for transitional, strict in _TO_STRICT:
        text = text.replace(transitional, strict)
    return text.replace("<workbook ", '<workbook conformance="strict" ', 1)


@pytest.fixture
def workbook(sample: Path, tmp_path: Path) -> tuple[Report, Path]:
    path = tmp_path / "表.xlsx"
    write_xlsx(load_report(sample), path)
    return load_report(path), path


def test_a_strict_workbook_is_read_like_a_transitional_one(workbook: tuple[Report, Path], tmp_path: Path) -> None:
    original, path = workbook
    strict = _rewrite(path, tmp_path / "strict.xlsx", {"*": _strict})
    with zipfile.ZipFile(strict) as z:  # the fixture really is Strict
        assert b"purl.oclc.org/ooxml/spreadsheetml/main" in z.read("xl/workbook.xml")
        assert b"schemas.openxmlformats.org/spreadsheetml" not in z.read("xl/worksheets/sheet1.xml")
    back = load_report(strict)
    assert back.tables == original.tables and back.organ == original.organ and back.year == original.year
    done = run_app("check", strict)
    assert done.returncode in (0, 1), done.stderr
    assert done.stderr == "", done.stderr  # no openpyxl warnings


def test_a_style_with_an_undefined_number_format_reads_as_general(workbook: tuple[Report, Path], tmp_path: Path) -> None:
    """numFmtId 300 where no <numFmt> defines it (openpyxl raised IndexError, said as a broken
    file with advice about Word): Excel repairs it to General; the figures are read."""
    original, path = workbook
    bad = _rewrite(path, tmp_path / "numfmt.xlsx",
                   {"xl/styles.xml": lambda t: re.sub(r'numFmtId="\d+"', 'numFmtId="300"', t)})
    back = load_report(bad)
    assert back.tables == original.tables
    done = run_app("check", bad)
    assert done.returncode in (0, 1) and done.stderr == "", done.stderr


def test_anything_else_is_one_line_naming_excel(workbook: tuple[Report, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """A workbook that trips the reader somewhere no test has seen: one line, Excel/WPS 表格."""
    _original, path = workbook

    def trip(*_args: object) -> object:
        raise IndexError("list index out of range")

    monkeypatch.setattr(xlsx, "_sheet_grid", trip)
    with pytest.raises(ReadError) as e:
        load_report(path)
    message = str(e.value)
    assert message.startswith(f"{path}：") and "\n" not in message
    assert "Excel 或 WPS 表格" in message and "Word" not in message and ".docx" not in message, message
