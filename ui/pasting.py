"""What a paste into a narrative section puts in, besides the clipboard's paragraphs
(ui/richtext.py): the two things a Word user would not expect of them, made text and said.

A table (copied from a web page, from Word or WPS) came in one paragraph per cell, its rows
lost among a column of lone figures.  The report's sections hold text, and the statutory
tables their grids: each row is pasted as one paragraph, its cells one ideographic space apart
(as a table is read aloud, in order), and the status bar says where the statutory tables go.

A paragraph that is a section's heading (“四、政府信息公开行政复议、行政诉讼情况”, or the
author's wording under its number) was guessed a heading inside the section it was pasted
into: printed, it opens that other section for whoever reads the report (a reviewer, this
program reading the published PDF), the text after it with it.  It is pasted as body text,
where the user put it, and the status bar names it: nothing moves to another section unsaid.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument

from app.report import HEADING1_NUMBER, Paragraph, ParaKind, Run

CELL_GAP = "\u3000"  # between a pasted row's cells
TABLE_PASTED = "表格已转为文字，每行一段；法定统计表请在表二、表三、表四中填写"
TIDIED = "已去掉粘贴文字中{}处多余的空格或不可见字符（汉字之间的空格、零宽字符、段末空白）"

Row = tuple[int, int] | None  # (its table's first position, its row) of a block in a table


def table_rows(doc: QTextDocument) -> list[Row]:
    """For each block of ``doc``, the table row it lies in, or None."""
    rows: list[Row] = []
    block = doc.begin()
    while block.isValid():
        cursor = QTextCursor(block)
        table = cursor.currentTable()
        rows.append(None if table is None else (table.firstPosition(), table.cellAt(cursor).row()))
        block = block.next()
    return rows


def join_rows(paragraphs: list[Paragraph], rows: list[Row]) -> tuple[list[Paragraph], int]:
    """``paragraphs`` (one a block) with each table row's cells made one body paragraph, and
    how many tables there were."""
    out: list[Paragraph] = []
    tables: set[int] = set()
    last: Row = None
    for para, row in zip(paragraphs, rows, strict=True):
        if row is None:
            out.append(para)
        elif row == last:
            out[-1].runs += [Run(CELL_GAP), *para.runs]
        else:
            tables.add(row[0])
            out.append(Paragraph(list(para.runs), ParaKind.BODY))
        last = row
    return [_trimmed(p) for p in out], len(tables)


def text_rows(lines: list[str]) -> list[tuple[str, bool]]:
    """Plain text's lines, each with whether it is a copied table's row (its cells separated by
    tabs, as a browser, Word and Excel put them): then its cells one space apart.  A row has a
    neighbour that is one too: a lone line with a tab (“联系电话：⇥0551-…”) is the author's own
    text, kept as it is, not a table (rev18 L5)."""
    cells = [line.strip().split("\t") for line in lines]
    tabbed = [len(c) > 1 for c in cells]
    rows = []
    for i, line in enumerate(lines):
        row = tabbed[i] and ((i > 0 and tabbed[i - 1]) or (i + 1 < len(lines) and tabbed[i + 1]))
        rows.append((CELL_GAP.join(c.strip() for c in cells[i]).rstrip(CELL_GAP), True) if row else (line, False))
    return rows


def _trimmed(para: Paragraph) -> Paragraph:
    """Without the gaps of the empty cells at a row's end."""
    para = para.normalized()
    while para.runs and not para.runs[-1].text.rstrip(CELL_GAP):
        para.runs.pop()
    if para.runs:
        para.runs[-1].text = para.runs[-1].text.rstrip(CELL_GAP)
    return para


def section_headings(paragraphs: list[Paragraph], section: str) -> tuple[list[Paragraph], str | None]:
    """``paragraphs`` with every section heading among them made body text, and what to say of
    it (None: there was none).  Only a “一、”-numbered line counts, or a paragraph opening with a
    heading word for word, as the reader finds them in another's file (app/docx/headings.py)."""
    from app.docx.headings import classify_heading, run_in_heading
    from app.labels import loose
    from app.schema import SECTION_BY_KEY

    own = len(loose(SECTION_BY_KEY[section].heading)) + 1 if section in SECTION_BY_KEY else 0
    said: list[str] = []
    kept: list[Paragraph] = []
    for para in paragraphs:
        kept.append(para)
        text = para.text.strip()
        folded = loose(text)  # spaces (a PDF's copy spaces every character) and forms folded, as the reader's
        hit = run_in_heading(folded)
        if hit is None and HEADING1_NUMBER.match(folded):
            found = classify_heading(text, own=False, style="")
            hit = found[0] if found is not None else None
        if hit is None:
            continue
        shown = f"“{text[:24]}{'…' if len(text) > 24 else ''}”"
        if hit == section and len(folded) <= own:
            # The section's own heading alone (last year's 一、总体情况 copied with its text):
            # the page has it already; as body text it printed twice (rev18).
            kept.pop()
            said.append(f"{shown}是本部分的标题，本部分已有，没有再粘贴一次")
            continue
        para.kind = ParaKind.BODY
        where = "本部分" if hit == section else f"第{hit}部分"
        said.append(f"{shown}是{where}的标题，作为正文粘贴在此，没有移到其他部分")
    if not said:
        return paragraphs, None
    return kept, "；".join(said)


def paste_note(tables: int, headings: str | None, tidied: int = 0) -> str | None:
    """The status bar's word on a paste (None: pasted as it came); ``tidied``: at how many places
    spaces or invisible characters the copy brought were left out (app/pastetidy.py)."""
    spaces = [TIDIED.format(tidied)] if tidied else []
    return "。".join(([TABLE_PASTED] if tables else []) + ([headings] if headings else []) + spaces) or None
