"""A data bar or an icon set set to 仅显示数据条/仅显示图标 (showValue="0") draws a bar or an icon
in each number's cell and no number (hostile14): a figure so set was read, nothing said, where
Excel and WPS show a bar.  It is read as the sheet shows it — blank — with HIDDEN-TEXT xlsx
naming the cell; a bar that shows its number, and text under a bar, are read as before."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import DataBarRule, IconSetRule
from openpyxl.worksheet.worksheet import Worksheet

from app.report import Report
from tests.test_xlsx_conditional import _read, base  # noqa: F401  (base: the module's fixture)


def _bar(show: bool | None) -> Callable[[Worksheet, Cell], None]:
    def style(ws: Worksheet, cell: Cell) -> None:
        ws.conditional_formatting.add(cell.coordinate, DataBarRule(
            start_type="min", end_type="max", color="FF638EC6", showValue=show))
    return style


def _icons(show: bool | None) -> Callable[[Worksheet, Cell], None]:
    def style(ws: Worksheet, cell: Cell) -> None:
        ws.conditional_formatting.add(cell.coordinate, IconSetRule("3Arrows", "percent", [0, 33, 67], showValue=show))
    return style


@pytest.mark.parametrize("style", [_bar(False), _icons(False)])
def test_a_figure_shown_as_a_bar_only_is_read_blank_and_said(base: tuple[Report, Path], tmp_path: Path,  # noqa: F811
                                                              style: Callable[[Worksheet, Cell], None]) -> None:
    changed, notes, warned, name = _read(base, tmp_path / "bar.xlsx", style)
    assert changed == [None], changed
    assert len(notes) == 1 and name in notes[0] and "数据条、图标" in notes[0], notes
    assert warned == []


@pytest.mark.parametrize("style", [_bar(None), _bar(True), _icons(None)])
def test_a_bar_beside_its_number_changes_nothing(base: tuple[Report, Path], tmp_path: Path,  # noqa: F811
                                                 style: Callable[[Worksheet, Cell], None]) -> None:
    changed, notes, warned, _ = _read(base, tmp_path / "shown.xlsx", style)
    assert changed == [99] and notes == [] and warned == []


def test_text_under_a_bar_only_rule_is_read(base: tuple[Report, Path], tmp_path: Path) -> None:  # noqa: F811
    """Excel draws bars and icons for numbers: a figure stored as text shows as it is."""
    changed, notes, warned, _ = _read(base, tmp_path / "text.xlsx", _bar(False), value="99")
    assert changed == [99] and notes == [] and warned == []
