"""Reading a report copied from a published web page: the page saved as .html, or its text
copied into a .txt.  Reviewers often have only these.  Both become the same blocks the .docx
reader uses (paragraphs and expanded table grids), so every rule of that reader applies.

Text copies are as browsers produce them: a table cell is a line starting with a tab, a line
without one continues the cell above (“商业\\n企业”), and a blank line ends a table row.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from lxml import etree

from app import limits
from app.docx.blocks import Block, GridCell, ParaBlock, TableBlock
from app.errors import ReadError, unreadable
from app.report import Report

_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote"}
_CONTAINERS = {"div", "section", "article", "main", "body", "center", "font", "span", "td", "form"}


def read_web_copy(path: Path) -> Report:
    from app.docx.assemble import read_blocks_report

    try:
        limits.check_text_copy_size(path.stat().st_size)
        raw = path.read_bytes()
    except ReadError as e:
        raise ReadError(f"{path}：{e}") from e
    except OSError as e:
        raise ReadError(f"{path}：{unreadable(e)}") from e
    text = _decode(raw)
    if not text.strip():
        raise ReadError(f"{path}：文件是空的")
    is_html = path.suffix.lower() in (".htm", ".html") or "<table" in text[:200000].lower()
    try:
        blocks = html_blocks(text) if is_html else text_blocks(text)
        return read_blocks_report(blocks)
    except ReadError as e:
        raise ReadError(f"{path}：{e}") from e


def _decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with its BOM (Notepad's “Unicode”), else GB18030 —
    what Chinese Windows saves by default."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")  # a copy cut one byte short still reads
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


# -- text copies ---------------------------------------------------------------------------------

def text_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    budget = limits.GridBudget()
    rows: list[list[str]] = []
    row: list[str] = []
    last_was_cell = False

    def end_table() -> None:
        nonlocal rows, row
        if row:
            rows.append(row)
        if rows:
            blocks.append(TableBlock.of_rows(len(blocks), _grid_of_lines(rows, budget.table())))
        rows, row = [], []

    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.startswith("\t"):
            row.append(line[1:])
            last_was_cell = True
        elif not line.strip():
            if row:
                rows.append(row)
                row = []
            last_was_cell = False
        elif last_was_cell and row:
            row[-1] += "\n" + line  # a cell's second line
        else:
            end_table()
            limits.check_blocks(len(blocks))
            blocks.append(ParaBlock.of_text(len(blocks), line.strip()))
            last_was_cell = False
    end_table()
    return blocks


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


# -- saved web pages -------------------------------------------------------------------------------

def html_blocks(text: str) -> list[Block]:
    # An XML declaration (LibreOffice's XHTML) names an encoding the text no longer has.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as e:
        raise ReadError(f"网页内容无法解析（{e}）") from e
    for bad in root.xpath("//script|//style|//noscript|//head"):
        bad.drop_tree()
    blocks: list[Block] = []
    _walk(root.body if root.find("body") is not None else root, blocks, limits.GridBudget())
    return blocks


def _walk(el: lxml.html.HtmlElement, blocks: list[Block], budget: limits.GridBudget) -> None:
    for child in el:
        if not isinstance(child.tag, str):
            continue
        limits.check_blocks(len(blocks))
        tag = child.tag.lower()
        if tag == "table":
            blocks.append(TableBlock.of_rows(len(blocks), _html_grid(child, budget.table())))
        elif tag in _BLOCK_TAGS or (tag in _CONTAINERS and not _has_blocks(child)):
            for line in _lines(child):
                blocks.append(ParaBlock.of_text(len(blocks), line))
        elif tag == "br":
            continue
        else:
            _walk(child, blocks, budget)
        if child.tail and child.tail.strip():
            blocks.append(ParaBlock.of_text(len(blocks), child.tail.strip()))


def _has_blocks(el: lxml.html.HtmlElement) -> bool:
    return any(isinstance(d.tag, str) and d.tag.lower() in _BLOCK_TAGS | {"table", "div"} for d in el.iterdescendants())


def _lines(el: lxml.html.HtmlElement) -> list[str]:
    for br in el.iter("br"):
        br.tail = "\n" + (br.tail or "")
    text = el.text_content().replace("\xa0", " ")
    return [line.strip() for line in text.split("\n") if line.strip()]


def _html_grid(table: lxml.html.HtmlElement, budget: limits.TableBudget) -> list[list[GridCell]]:
    """Rows of a <table> with colspan/rowspan expanded, like the .docx grid."""
    grid: list[list[GridCell]] = []
    pending: dict[tuple[int, int], GridCell] = {}  # positions covered by a rowspan above
    ident = 0
    for r, tr in enumerate(tr for tr in table.iter("tr") if _own_row(tr, table)):
        row: list[GridCell] = []
        cells = iter(c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th"))
        col = 0
        for cell in cells:
            while (r, col) in pending:
                row.append(pending.pop((r, col)))
                col += 1
            ident += 1
            gc = GridCell(limits.cell_text("\n".join(_lines(cell))), ident)
            span, rowspan = _int(cell.get("colspan")), _int(cell.get("rowspan"))
            budget.add(span * rowspan)
            for dr in range(1, rowspan):
                for dc in range(span):
                    pending[(r + dr, col + dc)] = gc
            row.extend([gc] * span)
            col += span
        while (r, col) in pending:
            row.append(pending.pop((r, col)))
            col += 1
        budget.row(len(row))
        grid.append(row)
    return grid


def _own_row(tr: lxml.html.HtmlElement, table: lxml.html.HtmlElement) -> bool:
    parent = tr.getparent()
    while parent is not None and parent.tag.lower() != "table":
        parent = parent.getparent()
    return parent is table


def _int(value: str | None) -> int:
    """A colspan/rowspan clamped as browsers do (to the cap of app/limits.py); junk is 1."""
    try:
        return max(1, min(int((value or "1").strip()[:9]), limits.MAX_SPAN))
    except ValueError:
        return 1
