"""What Excel shows of a figure under conditions: a number format's own ([>100][White]0;0 shows
99 in black, [>=1000]0;[White]0 in white), and conditional formats — every one over the cell,
whatever the others cover (a harmless rule over the whole sheet once used up the check, and the
hiding rule after it was never seen: review31 H1), and those not judged (an expression, top 10,
above average) said at the cell where their format would hide the figure or show another (M2)."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import Rule
from openpyxl.styles import Font
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.styles.numbers import NumberFormat
from openpyxl.worksheet.worksheet import Worksheet

from app.findings import VALUE_XLSX_CONDITIONAL
from app.office import convert
from app.reading import load_report
from app.report import Report
from app.xlsxformat import pick_section
from tests.conftest import SAMPLE
from tests.test_xlsx_hidden import _figure_cell, _notes, _read_back, _table3_sheet, typed_workbook

WHITE = "FFFFFFFF"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Path]:
    """The sample as our workbook, its totals as figures (tests/test_xlsx_hidden.py base): read
    only by the tests, so made once."""
    original = load_report(SAMPLE)
    path = tmp_path_factory.mktemp("conditional") / "base.xlsx"
    typed_workbook(original, path)
    return original, path


def _white() -> DifferentialStyle:
    return DifferentialStyle(font=Font(color=WHITE))


def _hides(ws: Worksheet, cell: Cell) -> None:
    """Excel's 突出显示单元格规则 “大于 0 → 白色字”: the figure vanishes."""
    ws.conditional_formatting.add(cell.coordinate, Rule(type="cellIs", operator="greaterThan", formula=["0"], dxf=_white()))


def _harmless(ref: str) -> Callable[[Worksheet], None]:
    """A rule no figure meets (“< -1000000 → bold”) over ``ref``."""
    def add(ws: Worksheet) -> None:
        ws.conditional_formatting.add(ref, Rule(type="cellIs", operator="lessThan", formula=["-1000000"],
                                                dxf=DifferentialStyle(font=Font(bold=True))))
    return add


def _read(base: tuple[Report, Path], out: Path, style: Callable[[Worksheet, Cell], None],
          value: object = 99) -> tuple[list[object], list[str], list[str], str]:
    """The figures that changed from the original, the HIDDEN-TEXT notes, the conditional-format
    warnings, and the name the reader gives the styled cell (“表三”D5)."""
    original, path = base
    wb, ws, _ = _table3_sheet(path)
    cell = _figure_cell(ws)
    cell.value = value
    style(ws, cell)
    back = _read_back(wb, out)
    changed: list[object] = [v for pos, v in back.tables["三"].items() if v != original.tables["三"][pos]]
    warned = [f.message for f in back.import_findings if f.declared is VALUE_XLSX_CONDITIONAL]
    return changed, _notes(back), warned, f"“{ws.title}”{cell.coordinate}"


@pytest.mark.parametrize("before", [
    _harmless("A1:XFD1048576"),  # the whole sheet
    _harmless("A1:ZZ2000"),
    lambda ws: _harmless(f"A1:{openpyxl.utils.get_column_letter(ws.max_column)}{ws.max_row}")(ws),  # the used range
    lambda ws: [_harmless("A1:XFD1048576")(ws) for _ in range(40)],  # many of them
])
def test_a_hiding_rule_after_a_sheet_wide_one_is_still_seen(base: tuple[Report, Path], tmp_path: Path,
                                                            before: Callable[[Worksheet], object]) -> None:
    def style(ws: Worksheet, cell: Cell) -> None:
        before(ws)
        _hides(ws, cell)
    changed, notes, warned, name = _read(base, tmp_path / "after.xlsx", style)
    assert changed == [None], changed
    assert len(notes) == 1 and name in notes[0], notes
    assert warned == []


def test_a_hiding_rule_before_a_sheet_wide_one_is_seen(base: tuple[Report, Path], tmp_path: Path) -> None:
    def style(ws: Worksheet, cell: Cell) -> None:
        _hides(ws, cell)
        _harmless("A1:XFD1048576")(ws)
    changed, notes, _, name = _read(base, tmp_path / "first.xlsx", style)
    assert changed == [None] and len(notes) == 1 and name in notes[0], (changed, notes)


def test_a_sheet_with_too_many_conditional_formats_is_said(base: tuple[Report, Path], tmp_path: Path) -> None:
    """More formats than are looked through: the sheet is named, never passed over in silence."""
    def style(ws: Worksheet, cell: Cell) -> None:
        for _ in range(400):  # each over every row of the table: past the bound of 4 per cell
            _harmless("A1:XFD1048576")(ws)
    changed, _, warned, name = _read(base, tmp_path / "crowded.xlsx", style)
    assert changed == [99]
    sheet = name.split("”")[0] + "”"
    assert len(warned) == 1 and f"工作表{sheet}的条件格式过多" in warned[0], warned


def _number_format(fmt: str) -> Callable[[Worksheet, Cell], None]:
    def style(ws: Worksheet, cell: Cell) -> None:
        cell.number_format = fmt
    return style


@pytest.mark.parametrize(("fmt", "shown"), [
    ("[>100][White]0;0", True),  # the condition does not hold: the second section, in black
    ("[<100][White]0;0", False),
    ("[>=1000]0;[White]0", False),  # the second section is everything else
    ('[>=1000]0;""', False),
    ("[>100]0;[>50][White]0;0", False),  # the second condition holds
    ("[>100]0;[<50]0;[White]0", False),  # neither: the third
    ('[>100]0;[<0]0;""', False),
    ('[>100]0;"";0', True),  # a second section without a condition before a third: < 0 (LibreOffice)
    ("[=99]0;[White]0", True),
])
def test_a_number_formats_conditions_pick_the_section(base: tuple[Report, Path], tmp_path: Path,
                                                      fmt: str, shown: bool) -> None:
    changed, notes, _, name = _read(base, tmp_path / "fmt.xlsx", _number_format(fmt))
    if shown:
        assert (changed, notes) == ([99], []), (changed, notes)
    else:
        assert changed == [None] and len(notes) == 1 and name in notes[0], (changed, notes)


def test_a_figure_stored_as_text_in_a_white_text_section_is_not_read(base: tuple[Report, Path], tmp_path: Path) -> None:
    changed, notes, _, name = _read(base, tmp_path / "text.xlsx", _number_format("[White]@"), value="99")
    assert changed == [None] and len(notes) == 1 and name in notes[0], (changed, notes)


def _rule(**kwargs: object) -> Callable[[Worksheet, Cell], None]:
    """A conditional format on the cell of a rule this does not judge (type=…)."""
    def style(ws: Worksheet, cell: Cell) -> None:
        ws.conditional_formatting.add(cell.coordinate, Rule(**kwargs))  # type: ignore[arg-type]
    return style


def _dxf(font: str | None = None, number_format: str | None = None, bold: bool = False) -> DifferentialStyle:
    return DifferentialStyle(font=Font(color=font, bold=bold) if font or bold else None,
                             numFmt=NumberFormat(numFmtId=200, formatCode=number_format) if number_format else None)


@pytest.mark.parametrize("style", [
    _rule(type="expression", formula=["TRUE"], dxf=_dxf(WHITE)),
    _rule(type="expression", formula=["$A$1=1"], dxf=_dxf(number_format=";;;")),
    _rule(type="expression", formula=["MOD(ROW(),2)=1"], dxf=_dxf(number_format='"121"')),  # another figure shown
    _rule(type="top10", rank=10, dxf=_dxf(WHITE)),
    _rule(type="aboveAverage", aboveAverage=False, equalAverage=True, dxf=_dxf(WHITE)),
    _rule(type="duplicateValues", dxf=_dxf(WHITE)),
    _rule(type="cellIs", operator="greaterThan", formula=["$A$1"], dxf=_dxf(WHITE)),  # on another cell
])
def test_a_rule_not_judged_that_would_hide_the_figure_is_said_at_the_cell(base: tuple[Report, Path], tmp_path: Path,
                                                                          style: Callable[[Worksheet, Cell], None]) -> None:
    changed, notes, warned, name = _read(base, tmp_path / "unjudged.xlsx", style)
    assert changed == [99] and notes == []  # read as stored: whether the rule holds is not known
    assert len(warned) == 1 and "1个单元格的条件格式" in warned[0] and name in warned[0], warned


def test_a_figure_stored_as_text_under_a_hiding_rule_is_said(base: tuple[Report, Path], tmp_path: Path) -> None:
    """“> 0” on text: Excel compares text above any number; not judged, said."""
    changed, _, warned, name = _read(base, tmp_path / "text.xlsx",
                                     _rule(type="cellIs", operator="greaterThan", formula=["0"], dxf=_dxf(WHITE)), value="99")
    assert changed == [99] and len(warned) == 1 and name in warned[0], (changed, warned)


@pytest.mark.parametrize("style", [
    _rule(type="expression", formula=["TRUE"], dxf=_dxf(bold=True)),  # bold: still shown
    _rule(type="expression", formula=["TRUE"], dxf=_dxf("FFFF0000")),  # red on white: seen
    _rule(type="top10", rank=10, dxf=_dxf(number_format="#,##0")),  # the same figure
])
def test_a_rule_not_judged_that_leaves_the_figure_shown_says_nothing(base: tuple[Report, Path], tmp_path: Path,
                                                                     style: Callable[[Worksheet, Cell], None]) -> None:
    changed, notes, warned, _ = _read(base, tmp_path / "harmless.xlsx", style)
    assert (changed, notes, warned) == ([99], [], [])


# Formats whose sections are literal text, so that what LibreOffice shows names the section.
_LITERAL_FORMATS = ['[>100]"A";"B";"C"', '[>100]"A";"B"', '[>=1000]"A";[Red]"B"', '[<0]"A";"B";"C"',
                    '[>100]"A";[>50]"B";"C";"T"@', '"A";"B"', '"A";"B";"C"', '[=50]"A";[<50]"B";"C"',
                    '[<=0]"A";[<100]"B";"C"']
_VALUES = [-5, 0, 50, 99, 150, 1000]


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice not installed")
def test_the_section_picked_is_the_one_libreoffice_shows(tmp_path: Path) -> None:
    """Each format's section for each value, as LibreOffice Calc shows the cell (saved as CSV
    “as shown”): the picker follows a spreadsheet program, not a reading of the manual."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for r, fmt in enumerate(_LITERAL_FORMATS, 1):
        for c, v in enumerate(_VALUES, 1):
            ws.cell(r, c, v).number_format = fmt
    src = tmp_path / "formats.xlsx"
    wb.save(src)
    convert(src, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true", tmp_path)
    with (tmp_path / "formats.csv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    ours = []
    for fmt in _LITERAL_FORMATS:
        picked = [pick_section(fmt, v) for v in _VALUES]
        ours.append(["".join(t.strip('"') for t in p[0] if not t.startswith("[")) if p else "?" for p in picked])
    assert ours == rows


def _stop(operator: str) -> Callable[[Worksheet, Cell], None]:
    """Excel's way to exempt cells from the rules below: a rule of no format, 如果为真则停止
    (saved without a dxfId), before the white font."""
    def style(ws: Worksheet, cell: Cell) -> None:
        ws.conditional_formatting.add(cell.coordinate, Rule(type="cellIs", operator=operator, formula=["0"],
                                                            stopIfTrue=True))
        _hides(ws, cell)
    return style


def test_a_stop_rule_of_no_format_keeps_the_hiding_rule_below_from_the_figure(base: tuple[Report, Path],
                                                                               tmp_path: Path) -> None:
    """review14 M2: the stop rule was dropped for having no format, the figure read as hidden."""
    changed, notes, warned, _ = _read(base, tmp_path / "stop.xlsx", _stop("greaterThan"))
    assert (changed, notes, warned) == ([99], [], [])


def test_a_stop_rule_that_does_not_hold_leaves_the_hiding_rule(base: tuple[Report, Path], tmp_path: Path) -> None:
    changed, notes, _, name = _read(base, tmp_path / "nostop.xlsx", _stop("lessThan"))
    assert changed == [None] and len(notes) == 1 and name in notes[0], (changed, notes)
