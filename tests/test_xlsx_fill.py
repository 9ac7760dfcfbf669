"""Excel's fill (hostile15): a number format's “*c” repeats c across the cell (“*10” shows 21 as
11111121, “0*1” as 21111111) and the 填充 horizontal alignment repeats the whole text (21 as
21212121) — LibreOffice shows the same.  The stored 21 is read, as for any format that shows
another figure, and now said with the cell (VALUE-INVALID xlsx-format); it was silent.  The
accounting formats' space fill (“_(* #,##0_)”) only moves the figure: nothing said."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Alignment

from app.schema import REQUESTS, T3_NEW
from tests.test_xlsx_formats import _said, _workbook


def _aligned(path: Path, a1: str, horizontal: str) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["表三"]
    ws[a1].alignment = Alignment(horizontal=horizontal)
    wb.save(path)


@pytest.mark.parametrize(("number_format", "shown"), [("*10", "111…21"), ("0*1", "21111…"), ('#,##0"件"*9', "21件999…")])
def test_a_fill_character_glued_to_the_figure_is_said(tmp_path: Path, number_format: str, shown: str) -> None:
    path, a1 = _workbook(tmp_path, "三", (T3_NEW, 0), 21, number_format)
    report, said = _said(path)
    assert report.tables[REQUESTS][(T3_NEW, 0)] == 21
    assert len(said) == 1 and a1 in said[0] and f"显示为“{shown}”" in said[0], said


def test_a_cell_aligned_to_fill_is_said(tmp_path: Path) -> None:
    path, a1 = _workbook(tmp_path, "三", (T3_NEW, 0), 21, "General")
    _aligned(path, a1, "fill")
    report, said = _said(path)
    assert report.tables[REQUESTS][(T3_NEW, 0)] == 21
    assert len(said) == 1 and a1 in said[0] and "显示为“212121…”（对齐方式为“填充”" in said[0], said


@pytest.mark.parametrize(("number_format", "horizontal", "stored"), [
    ('_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)', "general", 21),  # a space fill moves the figure only
    ("* 0", "general", 21),
    ("*-0", "general", 21),  # dashes before it: ----21 is 21
    ("General", "fill", 0),  # 0000 is still none
    ("General", "center", 21),
])
def test_a_fill_that_shows_the_same_figure_says_nothing(tmp_path: Path, number_format: str, horizontal: str,
                                                        stored: int) -> None:
    path, a1 = _workbook(tmp_path, "三", (T3_NEW, 0), stored, number_format)
    _aligned(path, a1, horizontal)
    report, said = _said(path)
    assert report.tables[REQUESTS][(T3_NEW, 0)] == stored
    assert not said, said
