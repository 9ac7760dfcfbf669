"""导出Excel of a report holding what XML cannot carry — a control character or U+FFFE pasted into
机关名称 (a QLineEdit keeps them), a lone surrogate, or one in a cell's kept text — is written, as
the .docx of the same report is: it failed with “写入时出现意外问题（ValueError），未写入” (rev25d F2).
The character is dropped from the document properties (as the .docx drops it) and escaped or
replaced in cells (app/xlsxcell.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from app.reading import load_report
from app.report import Report
from app.schema import TABLES, CellRef
from app.xlsx_write import write_xlsx

CHARS = ["\x01", "\x1b", "\x0b", "\ud800", "\ufffe", "\uffff"]
SPEC = next(iter(TABLES.values()))
CELL = SPEC.cells[0]


@pytest.mark.parametrize("ch", CHARS)
def test_an_organ_with_a_character_xml_cannot_hold(tmp_path: Path, ch: str) -> None:
    write_xlsx(Report(organ=f"某县{ch}财政局", year=2023), tmp_path / "r.xlsx")
    core = zipfile.ZipFile(tmp_path / "r.xlsx").read("docProps/core.xml").decode()
    assert "某县财政局2023年度" in core or "某县\n财政局" in core
    back = load_report(tmp_path / "r.xlsx")
    assert back.organ.startswith("某县") and back.organ.endswith("财政局") and ch not in back.organ


@pytest.mark.parametrize("ch", CHARS)
def test_a_kept_cell_text_with_a_character_xml_cannot_hold(tmp_path: Path, ch: str) -> None:
    r = Report(organ="某县财政局", year=2023)
    ref = CellRef(SPEC.key, CELL.row, CELL.col)
    r.raw[ref] = f"约{ch}5件"
    write_xlsx(r, tmp_path / "r.xlsx")
    back = load_report(tmp_path / "r.xlsx")
    assert back.organ == "某县财政局"
    kept = back.raw[ref]
    assert kept.startswith("约") and kept.endswith("5件") and ch not in kept.replace("\n", "")
