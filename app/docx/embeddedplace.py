"""A statutory table the body lacks, read from a worksheet embedded in its section (an Excel or WPS
表格 object: app/docx/embedded.py reads the workbook) and placed as a table of the body in that
object's place would be: the assembler's (app/docx/assemble.py _Reader) part for such objects."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from app.docx import tables as tbl
from app.docx.blocks import Block, TableBlock
from app.docx.stacked import stacked_parts
from app.docx.table2 import read_table2
from app.docx.table4 import read_table4
from app.docx.transposed import upright
from app.findings import EMBEDDED_SHEET, Location
from app.report import Report
from app.schema import PROACTIVE, REQUESTS, SECTIONS

if TYPE_CHECKING:
    from app.docx.embedded import Embedded


class EmbeddedSheets:
    report: Report
    blocks: list[Block]
    _sheet_names: dict[int, str]  # an embedded worksheet's tables: the block holding it → the sheet
    _unread: dict[str, str]  # section → why its embedded worksheet gave no table
    _sheet_parts: set[tuple[int, int]]  # the sheets' tables taken or said as copies: (id of the sheet, part)

    def _section_blocks(self, key: str) -> list[Block]:
        raise NotImplementedError

    def _embedded_tables(self, embedded: Embedded, out: tbl.Placement) -> None:
        """Each statutory table the body lacks, read from a worksheet object (app/docx/embedded.py)
        in a section that lacks its table, as a table of the body in that object's place would be:
        a workbook holding several tables gives each to its section when that one lacks its own.
        One note says where the figures came from (Word shows the object's last preview)."""
        wanted = {s.table: s.key for s in SECTIONS if s.table is not None and s.table not in out.seen}
        found: dict[str, str] = {}  # table → the sheet it was read from
        for own, key in wanted.items():
            why = ""
            for block, ole in embedded.objects(self._section_blocks(key) if own not in out.seen else ()):
                workbook = embedded.workbook(ole)
                self._take(workbook.tables, block, ole, wanted, out, found, embedded)
                why = workbook.why or (f"工作簿中没有找到表{own}" if workbook.tables else why)
            if own not in out.seen and why:
                self._unread[key] = why
        if any(t not in out.seen for t in wanted):
            # A table whose heading was not found (its part counted into the one before): its
            # object is in another section's blocks, and the body's own table would be read there.
            for block, ole in embedded.objects(self.blocks):
                self._take(embedded.workbook(ole).tables, block, ole, wanted, out, found, embedded)
        if found:
            kinds = [t for t in wanted if t in found]
            sheets = "、".join(dict.fromkeys(found[t] for t in kinds))
            out.findings.append(EMBEDDED_SHEET.at(Location(wanted[kinds[0]]), (
                f"表{'、表'.join(kinds)}的数字读自文件中嵌入的 Excel 表格（{sheets}），不是 Word/WPS 表格；"
                "Word/WPS 中显示的是该表格上次编辑后保存的预览图，可能比其中的数字旧，请双击它打开，核对编辑器中的数字")))

    def _take(self, sheets: list[TableBlock], block: Block, ole: etree._Element, wanted: dict[str, str],
              out: tbl.Placement, found: dict[str, str], embedded: Embedded) -> None:
        """Each statutory table of ``sheets`` still ``wanted`` read as a table of the body at ``block``;
        another sheet's (or object's) copy of one so read is read after it as a second copy is in
        the body (DUP-TABLE names both sheets; its figures are not taken)."""
        for sheet in sheets:
            for n, part in enumerate(stacked_parts(sheet, tbl.classify)):  # (several tables on one sheet)
                kind = tbl.classify(part) if isinstance(part, TableBlock) else None
                if not isinstance(part, TableBlock) or kind is None or kind not in wanted:
                    continue
                if kind in out.seen:  # (a table the body has: its own is read, the workbook's not looked at)
                    if kind in found and (id(sheet), n) not in self._sheet_parts:
                        self._sheet_parts.add((id(sheet), n))
                        self._copy_of(part, sheet.name, kind, out)
                    continue
                self._sheet_parts.add((id(sheet), n))
                table = TableBlock.of_rows(block.index, part.rows)
                self._sheet_names[block.index] = f"嵌入的 Excel 表格（{sheet.name}）"
                out.seen.add(kind)
                out.block = block.index
                if (b := upright(table, kind, out)) is not None:
                    self._read_table(b, kind, out)
                found[kind] = sheet.name
                embedded.took(ole)

    def _copy_of(self, part: TableBlock, name: str, kind: str, out: tbl.Placement) -> None:
        """A second sheet's copy of an embedded table already read (a workbook keeping last year's
        sheet, or a sheet copied to be changed): read after it under a place of its own past the
        body's blocks, so that its cells met again are said as a copy's (app/docx/repeats.py) —
        it was passed over unsaid, its differing figures with it."""
        index = len(self.blocks) + len(self._sheet_parts)
        self._sheet_names[index] = f"嵌入的 Excel 表格（{name}）"
        out.block = index
        if (b := upright(TableBlock.of_rows(index, part.rows), kind, out)) is not None:
            self._read_table(b, kind, out)

    def _read_table(self, b: TableBlock, kind: str, out: tbl.Placement) -> None:
        """An embedded worksheet's statutory table read into the report as a table of the body is."""
        if kind == REQUESTS:
            tbl.read_table3(b, self.report, out, None)
        elif kind == PROACTIVE:
            read_table2(b, self.report, out, "")  # (no line above it: a sheet's 单位 is in its cells)
        else:
            read_table4(b, self.report, out)
