"""A workbook is read as Excel/WPS shows it: a hidden or veryHidden sheet, a hidden row or
column (an old copy of the figures kept out of sight) is not read, and one HIDDEN-TEXT note
says what was left out.  Recipes x01/x02 are the tester's (/tmp/ht-cases/cases_misc.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.cell import Cell
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Color, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from app.checks import run_all
from app.findings import VALUE_NOTE_MARK
from app.reading import load_report
from app.report import Report
from app.xlsx_write import write_xlsx
from app.xlsxvalues import Values


def _find(ws: Worksheet, text: str) -> openpyxl.cell.cell.Cell | None:
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and text in c.value:
                return c
    return None


def _notes(report: Report) -> list[str]:
    return [f.message for f in report.import_findings if f.code == "HIDDEN-TEXT"]


def _table3_sheet(path: Path) -> tuple[openpyxl.Workbook, Worksheet, Cell]:
    """``path``'s workbook, the sheet of 表三 and its 一、本年新收 label cell."""
    wb = openpyxl.load_workbook(path)
    ws = next(w for w in wb.worksheets if _find(w, "本年新收"))
    c = _find(ws, "本年新收")
    assert c is not None
    return wb, ws, c


def _read_back(wb: openpyxl.Workbook, out: Path) -> Report:
    wb.save(out)
    return load_report(out)


@pytest.fixture
def base(sample: Path, tmp_path: Path) -> tuple[Report, Path]:
    original = load_report(sample)
    path = tmp_path / "base.xlsx"
    typed_workbook(original, path)
    return original, path


def typed_workbook(report: Report, path: Path) -> None:
    """``report`` as our workbook with its figures as typed, not our total formulas (SUM, and
    IF(COUNT(…),SUM(…),"") for a blank total): openpyxl's insert_rows/insert_cols do not move a
    formula's references as Excel would."""
    write_xlsx(report, path)
    wb = openpyxl.load_workbook(path)
    uncached = openpyxl.load_workbook(path, data_only=True)  # written by openpyxl: no results stored
    for ws in wb.worksheets:
        values = Values(ws, {k: c.value for k, c in uncached[ws.title]._cells.items()}, ws.max_row, ws.max_column)
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(("=SUM", "=IF(COUNT(")):
                    cell.value = values.get(cell.row, cell.column)
    wb.save(path)


def _same_tables(back: Report, original: Report) -> None:
    diff = {(k, pos): (v, original.tables[k][pos]) for k, grid in back.tables.items()
            for pos, v in grid.items() if v != original.tables[k][pos]}
    assert diff == {}


def _label_errors(report: Report) -> list[str]:
    return [f.message for f in run_all(report) if f.code == "LABEL-EDITED" and f.severity.json_name == "error"]


def test_nothing_hidden_reads_as_before(base: tuple[Report, Path]) -> None:
    original, path = base
    back = load_report(path)
    _same_tables(back, original)
    assert _notes(back) == []


def test_x01_a_hidden_row_above_the_real_one_is_not_read(base: tuple[Report, Path], tmp_path: Path) -> None:
    original, path = base
    wb, ws, c = _table3_sheet(path)
    r0 = c.row
    ws = _insert(ws, r0, 0)
    for col in range(1, ws.max_column + 1):
        ws.cell(r0, col).value = ws.cell(r0 + 1, col).value
    ws.cell(r0, c.column).value = "一、本年新收政府信息公开申请数量"
    for col in range(c.column + 1, ws.max_column + 1):
        if isinstance(ws.cell(r0 + 1, col).value, (int, float)):
            ws.cell(r0, col).value = 999
    ws.row_dimensions[r0].hidden = True
    back = _read_back(wb, tmp_path / "x01-hidden-row.xlsx")
    assert back.tables == original.tables  # the visible figures, not the 999s
    assert _notes(back) == ["工作簿中有1行隐藏的行，未读入；Excel/WPS表格中看不到、打印时也没有这些内容，"
                            "请核对表格，确需保留的在 Excel/WPS 中取消隐藏后重新打开"]
    assert _label_errors(back) == []


@pytest.mark.parametrize("state", ["veryHidden", "hidden"])
def test_x02_a_hidden_copy_of_the_sheet_first_is_not_read(
        base: tuple[Report, Path], tmp_path: Path, state: str) -> None:
    original, path = base
    wb = openpyxl.load_workbook(path)
    src = next(w for w in wb.worksheets if _find(w, "本年新收"))
    cp = wb.copy_worksheet(src)
    cp.title = "旧"
    for row in cp.iter_rows():
        for cell in row:
            if isinstance(cell.value, int) and cell.value > 0:
                cell.value = cell.value + 900
    cp.sheet_state = state
    wb.move_sheet(cp, offset=-len(wb.sheetnames) + 1)
    wb.active = 1
    back = _read_back(wb, tmp_path / "x02-hidden-sheet.xlsx")
    _same_tables(back, original)
    assert [n.split("，")[0] for n in _notes(back)] == ["工作簿中有1个隐藏的工作表"]
    assert _label_errors(back) == []


def _insert(ws: Worksheet, at: int, axis: int) -> Worksheet:
    """The sheet rebuilt with an empty row (axis 0) or column (1) at ``at``, as Excel's 插入
    makes it: merged ranges moved or widened too (openpyxl's insert_rows leaves merges and
    row heights behind).  Returns the new sheet, in the old one's place and name."""
    wb = ws.parent
    new = wb.create_sheet(ws.title + "_", wb.index(ws))

    def moved(r: int, c: int) -> tuple[int, int]:
        return (r + (axis == 0 and r >= at), c + (axis == 1 and c >= at))

    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None:
                new.cell(*moved(cell.row, cell.column)).value = cell.value
    for rng in ws.merged_cells.ranges:
        r1, c1 = moved(rng.min_row, rng.min_col)
        r2, c2 = moved(rng.max_row, rng.max_col)
        new.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    title = ws.title
    wb.remove(ws)
    new.title = title
    return new


def test_a_hidden_column_of_old_figures_is_not_read(base: tuple[Report, Path], tmp_path: Path) -> None:
    original, path = base
    wb, ws, c = _table3_sheet(path)
    at = c.column + 2  # between two data columns
    ws = _insert(ws, at, 1)
    merged = {(r, col) for rng in ws.merged_cells.ranges for r, col in rng.cells}
    for r in range(1, ws.max_row + 1):
        if (r, at) in merged:
            continue
        v = ws.cell(r, at + 1).value
        ws.cell(r, at).value = 999 if isinstance(v, (int, float)) else v
    ws.column_dimensions[openpyxl.utils.get_column_letter(at)].hidden = True
    back = _read_back(wb, tmp_path / "hidden-column.xlsx")
    _same_tables(back, original)
    assert [n.split("，")[0] for n in _notes(back)] == ["工作簿中有1列隐藏的列"]


def test_an_empty_hidden_row_reads_without_a_note(base: tuple[Report, Path], tmp_path: Path) -> None:
    original, path = base
    wb, ws, c = _table3_sheet(path)
    ws = _insert(ws, c.row, 0)
    ws.row_dimensions[c.row].hidden = True
    back = _read_back(wb, tmp_path / "spacer.xlsx")
    _same_tables(back, original)
    assert _notes(back) == []


def _figure_cell(ws: Worksheet) -> openpyxl.cell.cell.Cell:
    """The 表三 一、本年新收 row's first number cell."""
    c = _find(ws, "本年新收")
    assert c is not None
    col = next(k for k in range(c.column + 1, ws.max_column + 1) if isinstance(ws.cell(c.row, k).value, (int, float)))
    return ws.cell(c.row, col)


def _figure_styled(path: Path, out: Path, value: int, style: Callable[[Cell], object]) -> tuple[Report, Cell]:
    """``path`` with 表三's first 本年新收 figure set to ``value`` and ``style``d, saved as
    ``out`` and read back: the report, and the cell as styled."""
    wb, ws, _ = _table3_sheet(path)
    cell = _figure_cell(ws)
    cell.value = value
    style(cell)
    return _read_back(wb, out), cell


@pytest.mark.parametrize("hide", [
    lambda cell: setattr(cell, "number_format", ";;;"),  # x21: the usual way to hide a figure
    lambda cell: setattr(cell, "number_format", '0;-0;;"件"'),  # positive section shown: control below
    lambda cell: setattr(cell, "number_format", ';"负";0'),  # the positive section empty
    lambda cell: setattr(cell, "font", Font(color="FFFFFFFF")),  # x22: white on no fill
    lambda cell: setattr(cell, "font", Font(color=Color(indexed=9))),  # white from the palette
    lambda cell: setattr(cell, "font", Font(color=Color(theme=0))),  # 背景 1 of the theme
    lambda cell: (setattr(cell, "font", Font(color="FFC00000")),
                  setattr(cell, "fill", PatternFill("solid", fgColor="FFC00000"))),  # red on red
    lambda cell: setattr(cell, "number_format", "[White]0"),  # the format's colour (hostile30)
    lambda cell: setattr(cell, "number_format", "[Color2]0;-0"),  # the palette's white
    lambda cell: (setattr(cell, "number_format", "[Red]0"),
                  setattr(cell, "fill", PatternFill("solid", fgColor="FFFF0000"))),  # red on red, by format
])
def test_a_figure_excel_does_not_show_is_not_read(base: tuple[Report, Path], tmp_path: Path, hide: Callable[[Cell], object]) -> None:
    """A figure Excel shows nothing of (a 99 formatted ;;; or written white on white) is not
    read: the sheet as seen and printed has a blank there, and HIDDEN-TEXT says so."""
    original, path = base
    back, cell = _figure_styled(path, tmp_path / "x21.xlsx", 99, hide)
    shown = cell.number_format == '0;-0;;"件"'
    grid = back.tables["三"]
    changed = {pos: v for pos, v in grid.items() if v != original.tables["三"][pos]}
    assert list(changed.values()) == ([99] if shown else [None]), changed
    notes = _notes(back)
    assert notes == [] if shown else (len(notes) == 1 and "1个内容不显示的单元格" in notes[0]), notes
    assert shown or f"“{cell.parent.title}”{cell.coordinate}" in notes[0], notes  # the cell, named
    if not shown:  # and the code's explanation (代码说明, README) speaks of such cells, not only of hidden rows
        found = next(f for f in back.import_findings if f.code == "HIDDEN-TEXT")
        assert "“;;;”" in found.declared.meaning and "字体颜色" in found.declared.meaning


@pytest.mark.parametrize("show", [
    lambda cell: (setattr(cell, "font", Font(color="FFFFFFFF")),
                  setattr(cell, "fill", PatternFill("solid", fgColor="FF1F4E79"))),  # white on dark blue
    lambda cell: setattr(cell, "font", Font(color="FF000000")),
    lambda cell: setattr(cell, "number_format", "[Red]0;;;"),
    lambda cell: (setattr(cell, "font", Font(color="FFFFFFFF")),
                  setattr(cell, "number_format", "[Black]0")),  # the format's black over a white font
])
def test_a_figure_excel_shows_is_read(base: tuple[Report, Path], tmp_path: Path, show: Callable[[Cell], object]) -> None:
    original, path = base
    back, _ = _figure_styled(path, tmp_path / "shown.xlsx", 99, show)
    changed = [v for pos, v in back.tables["三"].items() if v != original.tables["三"][pos]]
    assert changed == [99] and _notes(back) == []


def test_a_hidden_zero_is_still_zero(base: tuple[Report, Path], tmp_path: Path) -> None:
    """“Hide zeros” (0;-0;;@) is a display preference, and a 0 adds nothing to any figure: read."""
    original, path = base
    back, _ = _figure_styled(path, tmp_path / "zero.xlsx", 0, lambda cell: setattr(cell, "number_format", "0;-0;;@"))
    def blanks(r: Report) -> int:
        return sum(v is None for v in r.tables["三"].values())
    assert blanks(back) == blanks(original) and _notes(back) == []


def _rich(*parts: str | tuple[str, dict[str, object]]) -> CellRichText:
    """A rich-text value: plain parts in the cell's font, (text, InlineFont arguments) in their own."""
    return CellRichText([p if isinstance(p, str) else TextBlock(InlineFont(**p[1]), p[0]) for p in parts])


@pytest.mark.parametrize(("value", "kind"), [
    (_rich("37", ("1", {"vertAlign": "superscript"})), "mark"),  # a note mark: 37, never 371
    (_rich("37", ("注", {"vertAlign": "subscript"})), "mark"),
    (_rich(("36", {"strike": True}), "37"), "mark"),  # the old figure struck through
    (_rich(("9", {"color": "FFFFFFFF"}), "37"), "hidden"),  # white on the white sheet
    (_rich(("9", {"sz": 1}), "37"), "hidden"),  # 1 pt
    (_rich(("3", {"b": True}), "7"), ""),  # bold is shown: control
])
def test_a_cells_runs_are_read_as_excel_shows_them(base: tuple[Report, Path], tmp_path: Path,
                                                   value: CellRichText, kind: str) -> None:
    """The tester's rich-text cells: a superscript or struck run is a note mark, left out as in
    a .docx (VALUE-INVALID note); a white or 1-pt run is text nobody sees (HIDDEN-TEXT); each
    note names the cell.  The figure read is 37, the one Excel shows beside the mark."""
    original, path = base
    wb, ws, _ = _table3_sheet(path)
    cell = _figure_cell(ws)
    cell.value = value
    name = f"“{ws.title}”{cell.coordinate}"
    back = _read_back(wb, tmp_path / "runs.xlsx")
    changed = {pos: v for pos, v in back.tables["三"].items() if v != original.tables["三"][pos]}
    assert list(changed.values()) == [37], changed
    marks = [f.message for f in back.import_findings if f.declared is VALUE_NOTE_MARK]
    hidden = _notes(back)
    assert (len(marks), len(hidden)) == ((kind == "mark") + 0, (kind == "hidden") + 0), (marks, hidden)
    for note in marks + hidden:
        assert name in note and "1个单元格" in note, note


@pytest.mark.parametrize(("style", "kind"), [
    (lambda cell: setattr(cell, "font", Font(strike=True)), "mark"),
    (lambda cell: setattr(cell, "font", Font(sz=1)), "hidden"),
])
def test_a_whole_cell_struck_or_tiny_is_not_read(base: tuple[Report, Path], tmp_path: Path,
                                                 style: Callable[[Cell], object], kind: str) -> None:
    original, path = base
    back, _cell = _figure_styled(path, tmp_path / "whole.xlsx", 99, style)
    changed = {pos: v for pos, v in back.tables["三"].items() if v != original.tables["三"][pos]}
    assert list(changed.values()) == [None], changed
    marks = [f.message for f in back.import_findings if f.declared is VALUE_NOTE_MARK]
    assert bool(marks) == (kind == "mark") and bool(_notes(back)) == (kind == "hidden"), (marks, _notes(back))


def test_many_marked_cells_are_named_and_counted(base: tuple[Report, Path], tmp_path: Path) -> None:
    """Ten cells with a note mark: one note, the first eight named and the count."""
    original, path = base
    wb, ws, _ = _table3_sheet(path)
    first = _figure_cell(ws)
    for k in range(10):
        ws.cell(first.row + k // 5, first.column + k % 5).value = _rich(str(k + 1), ("1", {"vertAlign": "superscript"}))
    back = _read_back(wb, tmp_path / "many.xlsx")
    marks = [f.message for f in back.import_findings if f.declared is VALUE_NOTE_MARK]
    assert len(marks) == 1 and "10个单元格" in marks[0] and "等10个" in marks[0], marks
    assert f"“{ws.title}”{first.coordinate}" in marks[0]
    assert back.tables["三"] != original.tables["三"]


def _conditional(font: str | None = None, number_format: str | None = None, operand: str = "0",
                 fill: str | None = None) -> Callable[[Cell], object]:
    """A conditional format on the cell: when its value is greater than ``operand``, ``font``
    colour, ``number_format``, ``fill`` colour (as Excel's 条件格式 → 突出显示单元格规则 sets them)."""
    from openpyxl.formatting.rule import Rule
    from openpyxl.styles.differential import DifferentialStyle
    from openpyxl.styles.numbers import NumberFormat

    def add(cell: Cell) -> None:
        dxf = DifferentialStyle(font=Font(color=font) if font else None,
                                numFmt=NumberFormat(numFmtId=200, formatCode=number_format) if number_format else None,
                                fill=PatternFill(bgColor=fill) if fill else None)
        rule = Rule(type="cellIs", operator="greaterThan", formula=[operand], dxf=dxf)
        cell.parent.conditional_formatting.add(cell.coordinate, rule)
    return add


@pytest.mark.parametrize("hide", [
    _conditional(font="FFFFFFFF"),  # “> 0 → white”: the figure vanishes in Excel (hostile30)
    _conditional(number_format=";;;"),
    _conditional(font="FF1F4E79", fill="FF1F4E79"),  # dark blue on dark blue
])
def test_a_figure_a_conditional_format_hides_is_not_read(base: tuple[Report, Path], tmp_path: Path,
                                                         hide: Callable[[Cell], object]) -> None:
    original, path = base
    back, cell = _figure_styled(path, tmp_path / "cond.xlsx", 99, hide)
    changed = [v for pos, v in back.tables["三"].items() if v != original.tables["三"][pos]]
    assert changed == [None]
    notes = _notes(back)
    assert len(notes) == 1 and f"“{cell.parent.title}”{cell.coordinate}" in notes[0], notes


@pytest.mark.parametrize("show", [
    _conditional(font="FFFFFFFF", operand="100"),  # the rule does not hold for 99
    _conditional(font="FFFFFFFF", operand="$A$1"),  # a rule on another cell: not judged
    _conditional(font="FFFFFFFF", fill="FF1F4E79"),  # white on dark blue: seen
    _conditional(font="FF000000"),
])
def test_a_figure_a_conditional_format_leaves_shown_is_read(base: tuple[Report, Path], tmp_path: Path,
                                                            show: Callable[[Cell], object]) -> None:
    original, path = base
    back, _ = _figure_styled(path, tmp_path / "cond.xlsx", 99, show)
    changed = [v for pos, v in back.tables["三"].items() if v != original.tables["三"][pos]]
    assert changed == [99] and _notes(back) == []


def test_a_conditional_number_format_that_shows_another_figure_is_said(base: tuple[Report, Path], tmp_path: Path) -> None:
    """“> 0 → number format "121"”: Excel shows 121 where 99 is stored; the stored figure is read
    and said, as for the cell's own format (hostile30)."""
    original, path = base
    back, cell = _figure_styled(path, tmp_path / "cond.xlsx", 99, _conditional(number_format='"121"'))
    changed = [v for pos, v in back.tables["三"].items() if v != original.tables["三"][pos]]
    assert changed == [99]
    said = [f.message for f in back.import_findings if f.code == "VALUE-INVALID"]
    assert any(f"{cell.coordinate}显示为“121”，存储的是99" in m for m in said), said
