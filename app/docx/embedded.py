"""The worksheets embedded in a .docx as OLE objects (插入→对象, 选择性粘贴→Excel 对象 / WPS 表格对象):
Word shows a picture of the sheet, the figures are in the workbook kept beside it
(word/embeddings/Microsoft_Excel_Worksheet.xlsx).  A section whose statutory table the body
lacks has it read from there, by the workbook reader's own table finding (app/xlsx.py): what the
sheet hides, its formulas and formats are read and said as a workbook file's are.

A workbook is read only when a section lacks its table and holds such an object, and openpyxl is
imported only then; it is bounded as a workbook file is (a zip bomb, a sheet of a million rows
give the reason, never a hang).  An object saved as an OLE compound file (.bin) is read when the
file holds the workbook as its “Package” stream (app/docx/compound.py); an Excel 97–2003 object
(a BIFF “Workbook” stream) is not: its section keeps the hint to open it and copy the figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lxml import etree

from app import logger
from app.docx.blocks import Block, TableBlock
from app.docx.compound import MAGIC, package_stream
from app.docx.pictured import sheet_objects
from app.errors import ReadError
from app.findings import Finding, Location
from app.limits import NOT_A_REPORT

if TYPE_CHECKING:
    from app.xlsxhidden import Hidden

_RID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# Workbooks of one .docx opened for its tables: a report has three, a chart's figures beside them
# a few more; each is ~10 ms of openpyxl at the least, a hostile file's 3,000 half a minute and more.
MAX_EMBEDDED_WORKBOOKS = 12


@dataclass
class _Workbook:
    """One embedded workbook as read: its sheets' tables, or why it could not be read."""

    tables: list[TableBlock] = field(default_factory=list)
    why: str = ""  # the reason it gave no tables (empty: read, or a compound file not read)
    hidden: Hidden | None = None
    long_formats: tuple[int, ...] = ()


class Embedded:
    """The OLE objects' data of one .docx (DocxParts.embedded: relationship id → (member, bytes)),
    each workbook read at most once, on first asking."""

    def __init__(self, parts: dict[str, tuple[str, bytes]]) -> None:
        self._parts = parts
        self._read: dict[str, _Workbook] = {}  # by member: two objects may show one workbook
        # The objects (w:object) a table was read from: their preview is that table, no picture left out.
        self.used: set[etree._Element] = set()
        self._taken: set[str] = set()  # the members a table was read from: only their notes are said

    def objects(self, blocks: Iterable[Block]) -> Iterator[tuple[Block, etree._Element]]:
        """Each worksheet object in ``blocks``, with the block holding it, in document order."""
        for b in blocks:
            for ole in sheet_objects(b):
                yield b, ole

    def workbook(self, ole: etree._Element) -> _Workbook:
        """The workbook an object shows, read (or why not)."""
        rid = str(ole.get(_RID, ""))
        member, data = self._parts.get(rid, ("", b""))
        if not member:  # no relationship, or one to a part not in the file (gone, or out of the package)
            return _Workbook(why="对象的数据不在文件中（文件不完整，或对象链接到文件外的工作簿）")
        if member not in self._read:
            if len(self._read) >= MAX_EMBEDDED_WORKBOOKS:  # (a report has three tables: a hostile file's thousands)
                return _Workbook(why=f"文件中嵌入的工作簿超过{MAX_EMBEDDED_WORKBOOKS}个，其余的未打开")
            self._read[member] = _read(member, data)
        return self._read[member]

    def took(self, ole: etree._Element) -> None:
        """A statutory table was read from the workbook ``ole`` shows."""
        self.used.add(ole.getparent())  # type: ignore[arg-type]  # an o:OLEObject is always in its w:object
        self._taken.add(self._parts.get(str(ole.get(_RID, "")), ("", b""))[0])

    def findings(self, where: Callable[[str], Location]) -> list[Finding]:
        """What the workbooks read hide, format otherwise or compute anew, said as a workbook
        file's (app/xlsx.py hidden_findings); ``where``: the place for a finding's kind."""
        out: list[Finding] = []
        # (a workbook looked into that gave no statutory table: what it hides is no report's)
        read = [w for m, w in self._read.items() if m in self._taken and w.hidden is not None and w.tables]
        if read:
            from app.xlsxhidden import hidden_findings

            for w in read:
                assert w.hidden is not None
                out += hidden_findings(w.hidden, w.long_formats, where)
        return out


def _read(member: str, data: bytes) -> _Workbook:
    if data.startswith(MAGIC):  # a compound file (.bin): an Excel 2007+ object's workbook is its “Package” stream
        data = package_stream(data) or b""
    if not data:  # an Excel 97–2003 object (its BIFF “Workbook” stream), or an object of another program: not read
        return _Workbook()
    try:
        from app.xlsx import embedded_tables  # openpyxl: only for a file that has such an object

        tables, hidden, long_formats = embedded_tables(data)
    except ReadError as e:  # the reason only: a file's advice to save it anew is not for an object
        return _Workbook(why=str(e).split("；")[0].removesuffix("，" + NOT_A_REPORT))
    except MemoryError:
        return _Workbook(why="工作簿过大，内存不足")
    except Exception as e:  # a workbook no test has seen: the rest of the report is read all the same
        logger("nianbao.reading").error("读取嵌入的工作簿 %s 时出现意外错误", member, exc_info=e)
        return _Workbook(why=f"工作簿的结构异常（{type(e).__name__}）")
    return _Workbook(tables, "" if tables else "工作簿中没有显示的工作表", hidden, long_formats)
