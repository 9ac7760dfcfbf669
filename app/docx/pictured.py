"""What a section whose statutory table was not found holds instead: a picture (a table pasted
as one, whose figures no reader can take from the file), or an embedded Excel worksheet (插入→对象,
选择性粘贴→Excel 对象: a table made in Excel), whose figures are in the file but in a workbook Word
shows as a picture — the user is told to open it and copy them, never that they are unreadable pixels."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from lxml import etree

from app.docx.blocks import Block
from app.docx.xmlkids import W

_PICTURES = tuple(f"{{{W}}}{tag}" for tag in ("drawing", "pict", "object"))
_OLE = "{urn:schemas-microsoft-com:office:office}OLEObject"
# Excel's (Excel.Sheet.8, .12, Excel.SheetMacroEnabled.12) and WPS 表格's (Ket.Sheet.*, ET.Xls.*) worksheets.
SHEET_PROGIDS = ("excel.sheet", "ket.", "et.")

PICTURE_HINT = "；这一部分有图片，表格可能是以图片插入的，图片中的数字读不出来，请对照图片在表中填写"
SHEET_HINT = ("；这一部分有嵌入的 Excel 表格（对象），数字在其中，编辑器读不到：请在 Word 或 WPS 中双击它打开，"
              "选中其中的数字复制，再粘贴到编辑器的这张表中（可整块粘贴），或照着填写")
# An embedded workbook that was looked into but gave no table (app/docx/embedded.py): why, and the same way out.
SHEET_UNREAD = ("；这一部分有嵌入的 Excel 表格（对象），其中的数字读不出来（{why}）：请在 Word 或 WPS 中双击它打开，"
                "选中其中的数字复制，再粘贴到编辑器的这张表中（可整块粘贴），或照着填写")


def sheet_objects(block: Block) -> Iterator[etree._Element]:
    """The worksheet objects (o:OLEObject) a block holds."""
    if isinstance(block.element.tag, str):
        for el in block.element.iter(*_PICTURES):
            yield from (o for o in el.iter(_OLE) if str(o.get("ProgID", "")).lower().startswith(SHEET_PROGIDS))


def hint(blocks: Sequence[Block], why: str = "") -> str:
    """The note's hint for a section's blocks: an embedded worksheet's, a picture's, or none.  A picture
    in a paragraph, in a one-cell table as Word frames it, or as the header row of a table no longer known.
    ``why``: an embedded worksheet was looked into and gave no table, for this reason."""
    pictured = False
    for b in blocks:
        if not isinstance(b.element.tag, str):
            continue
        for el in b.element.iter(*_PICTURES):
            pictured = True
            if any(str(o.get("ProgID", "")).lower().startswith(SHEET_PROGIDS) for o in el.iter(_OLE)):
                return SHEET_UNREAD.format(why=why) if why else SHEET_HINT
    return PICTURE_HINT if pictured else ""
