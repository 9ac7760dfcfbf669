"""Reading a report's text copied into a .txt (app/webcopy.py reads the file): the lines into
the blocks the .docx reader uses.  Text copies are as browsers produce them: a table cell is a
line starting with a tab, a line without one continues the cell above (“商业\\n企业”), and a
blank line ends a table row; Word, Chrome and Edge copy a row on one line, its cells between
tabs; rows aligned with spaces, or written with commas, are read where app/textrows.py finds
their layout certain.
"""

from __future__ import annotations

import re

from app import limits
from app.docx.blocks import Block, GridCell, ParaBlock, TableBlock
from app.schema import SECTION_BY_KEY
from app.textcellgrid import cell_grids
from app.textcells import ONE_CELL_A_LINE, cell_lines
from app.textrows import comma_table_lines, delimited_row, indented_paragraph, spaced_table_lines

SECTION_START = re.compile(r"\s*[一二三四五六][、.．]")  # a section's heading: 一、 … 六、


def text_blocks(text: str, unsure: list[str] | None = None) -> list[Block]:
    blocks: list[Block] = []
    budget = limits.GridBudget()
    rows: list[list[str]] = []
    row: list[str] = []
    last_was_cell = False
    gathered = limits.TableBudget()  # the table's one-line rows, charged before each is split

    tabbed: list[list[str]] = []  # the table's rows copied one a line, cells between tabs

    def end_table() -> None:
        nonlocal rows, row, gathered, tabbed
        if row:
            rows.append(row)
        if len(tabbed) > 1 and all(len(cells) > 1 and not cells[-1].strip() for cells in tabbed):
            for cells in tabbed:  # a tab ending every row line (a copy writing one after each cell) is no cell
                cells.pop()
        _names_over_figures(tabbed)
        if rows:
            blocks.append(TableBlock.of_rows(len(blocks), _grid_of_lines(rows, budget.table())))
        rows, row, gathered, tabbed = [], [], limits.TableBudget(), []

    grids: dict[str, list[list[GridCell]]] = {}
    text = _quoted_breaks(text)  # (before lines are split: a CSV field's line break is no row's end)
    text = _cell_tables(text, grids)  # (before empty lines are made one: there an empty cell is one)
    # U+2028/9 end lines too; blank lines (or of spaces) in a row made one first, in C (19 M CRs: 3.6 s one by one)
    text = limits.checked_lines(re.sub(r"[\r\n\u2028\u2029](?:[ ]*+[\r\n\u2028\u2029]){2,}+", "\n\n", text))
    lines = re.split(r"\r\n|[\r\n\u2028\u2029]", text)  # (counted first: 4.75 M lines of 中 were 583 MB as a list)
    if unsure is not None and cell_lines(lines)[0]:  # tables saved one cell a line (LibreOffice's, WPS's text)
        unsure.append(ONE_CELL_A_LINE)
    lines = _without_check_block(lines)
    # A sheet saved as CSV (or tab-separated text) has the section's heading above its table as a row of
    # one cell, the others empty (“四、政府信息公开行政复议、行政诉讼情况,,,,”): the heading, not the table's first row.
    lines = [m.group(1) if (m := _HEADING_ROW.fullmatch(line)) and _section_heading(m.group(1)) else line for line in lines]
    spaced = spaced_table_lines(lines, unsure)
    for n, cells in spaced.items():  # rows aligned with spaces: read as rows copied with tabs
        lines[n] = "\t".join(cells)
    comma_rows = comma_table_lines(lines, unsure, limits.GridBudget())  # (its own count: the rows are charged again below)
    for n, line in enumerate(lines):
        if line in grids:  # a statutory table saved one cell a line, read (app/textcellgrid.py)
            end_table()
            blocks.append(TableBlock.of_rows(len(blocks), grids.pop(line)))
            last_was_cell = False
            continue
        if line.startswith("\t") and line.count("\t") < _SHEET_ROW_TABS and _cell_line(lines, n, bool(row or rows)):
            row.append(line[1:])
            last_was_cell = True
        elif not line.strip():
            if row:
                rows.append(row)
                row = []
            last_was_cell = False
        elif last_was_cell and row:
            row[-1] += "\n" + line  # a cell's second line
        elif _row_line(line) and (rows or row or n in spaced or line.count("\t") >= _SHEET_ROW_TABS or _beside_rows(lines, n)):
            # Chrome's, Edge's or Word's copy: a row on one line, its cells between tabs
            if row:
                rows.append(row)
                row = []
            width = line.count("\t") + 1  # a line of 2,000,000 cells refused as such, not split first
            gathered.row(width)
            gathered.add(width)
            rows.append(line.split("\t"))
            tabbed.append(rows[-1])
        elif (delimited := delimited_row(line, comma_rows.get(n))) is not None:  # CSV, or a Markdown table's row
            if row:
                rows.append(row)
                row = []
            if delimited:
                gathered.row(len(delimited))
                gathered.add(len(delimited))
                rows.append(delimited)
        elif rows and not row and 0 < n < len(lines) - 1 and _row_line(lines[n - 1]) and _row_line(lines[n + 1]) \
                and not SECTION_START.match(line):
            rows.append([line.strip()])  # a row of one cell between two (表二's 第二十条第（五）项)
        else:
            end_table()
            limits.check_blocks(len(blocks))
            blocks.append(ParaBlock.of_text(len(blocks), line.strip()))
            last_was_cell = False
    end_table()
    return blocks


_LINES_TO_LOOK = 200_000  # a report with its tables one cell a line has a few thousand lines


_OPEN_FIELD = re.compile(r'(?:^|[,\t])[ ]*"(?:[^"]|"")*$')  # a CSV (or tab-separated) line ending inside a quoted field
_FIELD_LINES = 5  # lines a field's text may run over (a label broken with Alt+Enter: two or three)


def _quoted_breaks(text: str) -> str:
    """``text`` with the line breaks inside a CSV's quoted fields taken out: a cell typed over two
    lines in Excel (Alt+Enter: “商业↵企业”) is saved so, and the row was cut in two there — 表三's
    header named the wrong columns, 表二's row was lost.  The field's lines are one, as the label
    reads (“商业企业”); a quote left open past a few lines is no field's, and stays as it was."""
    if '"' not in text or ("," not in text and "\t" not in text) or sum(text.count(c) for c in "\n\r") > _LINES_TO_LOOK:
        return text
    lines = re.split(r"\r\n|[\r\n\u2028\u2029]", text)
    out: list[str] = []
    n = 0
    while n < len(lines):
        line = lines[n]
        if '"' in line and _OPEN_FIELD.search(line):  # (a row's first field broken: no comma before it)
            k = next((k for k in range(n + 1, min(n + _FIELD_LINES, len(lines)))
                      if not _OPEN_FIELD.search("".join(lines[n:k + 1]))), None)
            if k is not None and ("," in lines[k] or "\t" in lines[k]):
                out.append("".join(lines[n:k + 1]))
                n = k + 1
                continue
        out.append(line)
        n += 1
    return "\n".join(out)


def _cell_tables(text: str, grids: dict[str, list[list[GridCell]]]) -> str:
    """``text`` with each statutory table saved one cell a line (LibreOffice's text) on one line
    of its own, a mark that ``grids`` holds its grid under; the rest as it was."""
    if sum(text.count(c) for c in "\n\r\u2028\u2029") > _LINES_TO_LOOK:
        return text
    lines = re.split(r"\r\n|[\r\n\u2028\u2029]", text)
    found = cell_grids(lines)
    if not found:
        return text
    out: list[str] = []
    n = 0
    while n < len(lines):
        if n in found:
            end, grid = found[n]
            mark = f"\ue000表{len(grids)}\ue000"  # (a private-use character: never a report's text)
            grids[mark] = grid
            out.append(mark)
            n = end
        else:
            out.append(lines[n])
            n += 1
    return "\n".join(out)


_FIGURE = re.compile(r"\s*[0-9][0-9,]*(?:\.[0-9]+)?\s*")
_HEADING_ROW = re.compile(r"[ \u3000]*\"?([ \u3000]*[一二三四五六][、.．][^,\t\"]*)\"?[ \u3000]*(?:[,\t][ \u3000]*){2,}")


def _section_heading(text: str) -> bool:
    """A section's heading by its number and words (“四、…行政复议…”), not a table row's label of
    the same numbering left blank (“二、上年结转政府信息公开申请数量,,,,”: a row of 表三)."""
    spec = SECTION_BY_KEY.get(text.strip()[:1])
    return spec is not None and any(w in text for w in spec.words)

# The editor's exported sheet's check cells under each table (app/xlsx_write.py CHECKS_HEADING, then
# one row a relation: “表三“自然人”列：（七）总计＝（一）至（六）各项之和⇥…⇥相符”), copied or saved as
# CSV with the table: no statutory rows (each was said as a row not placed, 40 errors for 表三).
_CHECKS = re.compile(r"[\s\"]*勾稽关系核对（公式自动计算")
_CHECK_ROW = re.compile(r"[\s\"]*表[二三四]“[^\t,]*＝")


def _without_check_block(lines: list[str]) -> list[str]:
    """``lines`` without the export's check blocks: their heading and the relation rows after it."""
    if not any(_CHECKS.match(line) for line in lines):
        return lines
    out: list[str] = []
    skipping = False
    for line in lines:
        if _CHECKS.match(line):
            skipping = True
            continue
        if skipping and _CHECK_ROW.match(line):
            continue
        skipping = False
        out.append(line)
    return out


def _names_over_figures(rows: list[list[str]]) -> None:
    """A line of column names with one field fewer than the rows of figures under it
    (“自然人⇥商业企业⇥…⇥总计” over “一、本年新收…⇥128⇥…⇥767”: no field for the labels' column, as a
    PDF's copy or tidied text has it) names the figures: set right, over them, as the spaced
    layout is — left, each name stood over its left neighbour's figures, 自然人 over the labels."""
    figured = [len(cells) for cells in rows if any(_FIGURE.fullmatch(c) for c in cells[1:])]
    if not figured:
        return
    width = max(figured)
    for cells in rows:
        if len(cells) == width - 1 > 1 and all(c.strip() and not _FIGURE.fullmatch(c) for c in cells):
            cells.insert(0, "")


_LIST_NUMBER = re.compile(r"\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|[0-9]+[.．、])\s*")


# A row copied from a spreadsheet (Excel, WPS 表格) has every cell, a merged one's others empty:
# one whose first cell is empty starts with a tab, as a browser's cell of its own does — but
# with the tabs of several cells after it (a statutory table's rows have four cells or more).
_SHEET_ROW_TABS = 3


def _cell_line(lines: list[str], n: int, in_table: bool) -> bool:
    """A line led by a tab is a table's cell (a browser's copy of one) inside a table, or where
    a cell or row follows it; never a sentence or a heading: a paragraph indented with the Tab
    key (typed so in Notepad, a Word file indented so copied as text) is the report's text."""
    if indented_paragraph(lines[n][1:]):
        return False
    if in_table:
        return True
    k = n + 1
    while k < len(lines) and k <= n + 2 and not lines[k].strip():  # a row of one cell, a blank line ending it
        k += 1
    after = lines[k] if k < len(lines) else ""
    return _row_line(after) or (after.startswith("\t") and not indented_paragraph(after[1:]))


def _beside_rows(lines: list[str], n: int) -> bool:
    """A row line of a few cells stands among others (or beside a cell): a lone line aligned
    with a tab (“联系人：张三<TAB>联系电话：…”) is a paragraph."""
    return any(0 <= k < len(lines) and (_row_line(lines[k]) or lines[k].startswith("\t")) for k in (n - 1, n + 1))


def _row_line(line: str) -> bool:
    """A table row copied as one line: cells between tabs, the first not empty (a line starting
    with a tab is a cell of its own, unless the tabs of a spreadsheet's row follow); not a
    heading copied with its list number and a tab (“一、\t总体情况”)."""
    if line.startswith("\t"):
        return line.count("\t") >= _SHEET_ROW_TABS
    if "\t" not in line:
        return False
    first, _, rest = line.partition("\t")
    return "\t" in rest or _LIST_NUMBER.fullmatch(first) is None


def _grid_of_lines(rows: list[list[str]], budget: limits.TableBudget) -> list[list[GridCell]]:
    ident = 0
    grid: list[list[GridCell]] = []
    for cells in rows:
        budget.add(len(cells))
        budget.row(len(cells))
        out = []
        for text in cells:
            ident += 1
            out.append(GridCell(limits.cell_text(text), ident))
        grid.append(out)
    return grid


