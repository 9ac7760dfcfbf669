"""Our .xlsx against the Open XML schemas, as tests/test_docx_native.py checks our .docx: no
schema error in any part (openpyxl's own element order in styles.xml was six of them)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from app.reading import load_report
from app.report import Report
from app.xlsx_write import write_xlsx
from tests.test_docx_writer import make_report

openxml_audit = pytest.importorskip("openxml_audit")

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "demo" / "xiaogang-2021.docx"


def schema_errors(path: Path) -> list[str]:
    """Errors only: the inline strings' warning (Excel moves them to a shared table on its next
    save) is no damage."""
    result = openxml_audit.OpenXmlValidator().validate(str(path))
    return [f"{e.part_uri}: {e.description}" for e in result.errors
            if e.severity is openxml_audit.ValidationSeverity.ERROR]


@pytest.mark.parametrize("make", [make_report, Report, lambda: load_report(SAMPLE)],
                         ids=["full", "empty", "sample"])
def test_workbook_validates_against_the_schemas(tmp_path: Path, make: Callable[[], Report]) -> None:
    path = tmp_path / "r.xlsx"
    write_xlsx(make(), path)
    assert schema_errors(path) == []


def test_fonts_keep_what_they_say(tmp_path: Path) -> None:
    """Reordered, not lost: bold 宋体 12 of the title, the conditional formats' colours."""
    path = tmp_path / "r.xlsx"
    write_xlsx(make_report(), path)
    styles = zipfile.ZipFile(path).read("xl/styles.xml").decode()
    assert '<font><b val="1"/><sz val="12"/><name val="宋体"/></font>' in styles
    assert '<color rgb="00C62828"/>' in styles


def test_the_validator_finds_font_children_out_of_order(tmp_path: Path) -> None:
    """The check above can fail: a font's name before its b, as openpyxl writes it, is an error."""
    path = tmp_path / "r.xlsx"
    write_xlsx(Report(), path)
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(broken, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/styles.xml":
                data = data.replace(b'<b val="1"/><sz val="12"/><name val="\xe5\xae\x8b\xe4\xbd\x93"/>',
                                    b'<name val="\xe5\xae\x8b\xe4\xbd\x93"/><b val="1"/><sz val="12"/>')
            zout.writestr(info, data)
    assert any("styles.xml" in e for e in schema_errors(broken))
