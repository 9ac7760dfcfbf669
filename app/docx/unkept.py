"""What a reviewer or the author adds to a report in Word/WPS that the editor neither shows nor
writes back: comments (批注) and pictures (a chart, a QR code, a photo).  Neither is text of the
report, so neither is read; both go at the first save.  Said on opening, with where they are, so
the author reads a reviewer's requests before they are gone: each comment's words are kept
among the findings past the save (``COMMENT``, declared ``kept``), the file's comments are not.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

from lxml import etree

from app.docx.blocks import Block, ParaBlock, TableBlock
from app.docx.hiddenplace import block_location, block_of
from app.docx.xmlkids import W
from app.findings import COMMENT, COMMENTS, PICTURES, Finding, Location
from app.report import Report
from app.schema import META, PREAMBLE, section_name

_START, _REF, _END, _T, _COMMENT = (f"{{{W}}}{t}" for t in
                                    ("commentRangeStart", "commentReference", "commentRangeEnd", "t", "comment"))
_ID, _AUTHOR = f"{{{W}}}id", f"{{{W}}}author"
_DRAWING, _PICT, _OBJECT = (f"{{{W}}}{t}" for t in ("drawing", "pict", "object"))
# What makes a drawing a picture: an image (a photo, a QR code, a shape filled with one), a chart,
# a SmartArt diagram; in VML (older files, WPS, an embedded object's preview) the image.  A text
# box, a line (a 红头's rule) or a plain shape is none.
_A = "http://schemas.openxmlformats.org/drawingml/2006/"
_SHOWN = (f"{{{_A}main}}blip", f"{{{_A}chart}}chart", f"{{{_A}diagram}}relIds",
          "{urn:schemas-microsoft-com:vml}imagedata")
_MOST_LISTED = 50  # comments listed one by one; a file with more says how many
_WORDS = 120  # of a comment's text, quoted
_ANCHOR = 24  # of the commented text, quoted


@dataclass
class _Comment:
    """A comment of the file's comments part, and where in the text its range begins."""

    element: etree._Element  # the w:comment
    anchor: etree._Element  # its range's start (or its mark, without one)
    commented: str = ""  # the text it is about

    @property
    def author(self) -> str:
        return self.element.get(_AUTHOR, "").strip()

    @property
    def text(self) -> str:  # (read only for those listed)
        return " ".join("".join(t.text or "" for t in p.iter(_T)) for p in self.element.iter(f"{{{W}}}p")).strip()


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "…"


def _comments(body: etree._Element, part: etree._Element | None) -> list[_Comment]:
    """The comments Word shows: those of the part anchored in the body, in the body's order."""
    if part is None:
        return []
    said = {c.get(_ID): c for c in part.iterchildren(_COMMENT)}
    found: dict[str, _Comment] = {}
    open_ranges: list[_Comment] = []
    for el in body.iter(_START, _REF, _END, _T):
        if el.tag == _T:
            for c in open_ranges:
                c.commented += el.text or ""
            open_ranges = [c for c in open_ranges if len(c.commented) <= _ANCHOR]  # quoted enough
            continue
        cid = el.get(_ID)
        if el.tag == _END:
            open_ranges = [c for c in open_ranges if found.get(cid or "") is not c]
            continue
        if cid is None or cid in found or (c_el := said.get(cid)) is None:
            continue
        found[cid] = _Comment(c_el, el)
        if el.tag == _START and len(found) <= _MOST_LISTED:  # (only those listed are quoted: a forged
            open_ranges.append(found[cid])                    # file's ranges never closed cost nothing)
    return list(found.values())


def _place(el: etree._Element, blocks: list[Block], report: Report) -> tuple[Location, str]:
    """Where ``el`` stands, as a finding points there and as a message says it."""
    block = block_of(el, blocks)
    if block is None:
        return Location(META), "文件中"
    where = block_location(blocks, block.index, report)
    part = "标题或正文之前" if where.section == META else f"“{section_name(where.section)}”"
    if isinstance(block, TableBlock):
        return where, f"{part}的表格中" if where.section != META else "表格中"
    if where.span is not None:
        return where, f"{part}第{where.span.paragraph + 1}段"
    for b in reversed(blocks[max(0, block.index - 5):block.index + 1]):  # a picture's paragraph has no text
        if isinstance(b, ParaBlock) and b.text.strip():
            if b is not block and where.section != META and b.text.strip() == section_name(where.section):
                return where, f"{part}的标题之后"
            text = f"“{_clip(b.text.strip(), 12)}”"
            return where, f"{part}{text}一段中" if b is block else f"{part}{text}一段之后"
    return where, part


def _unquoted(words: str) -> str:
    """A comment's “数字（12）” in ASCII brackets: in full-width ones a kept note reads it as the
    figures it was not given, and would end once 12 is typed anywhere (app/import_notes.py)."""
    return re.sub(r"数字（([^）]*)）", r"数字(\1)", words)


def comment_findings(body: etree._Element, part: etree._Element | None, blocks: list[Block],
                     report: Report) -> list[Finding]:
    """One warning naming how many comments, the first's words and place; then each comment as
    a 提示 at its section, its words kept past the save."""
    comments = _comments(body, part)
    if not comments:
        return []
    items: list[Finding] = []
    first_place = ""
    first_where = Location(META)
    for c in comments[:_MOST_LISTED]:
        where, place = _place(c.anchor, blocks, report)
        if not items:
            first_place, first_where = place, where
        about = f"，批注的文字是“{_clip(c.commented, _ANCHOR)}”" if c.commented.strip() else ""
        who = f"{c.author}的" if c.author else ""
        items.append(COMMENT.at(Location(where.section if where.section != META else PREAMBLE),
                                f"{who}批注（在{place}{about}）：“{_unquoted(_clip(c.text, _WORDS))}”"))
    first = comments[0]
    more = f"，只列出前{_MOST_LISTED}条" if len(comments) > _MOST_LISTED else ""
    summary = COMMENTS.at(first_where, (
        f"文件中有{len(comments)}条批注（第一条在{first_place}：“{_clip(first.text, 40)}”），编辑器不显示批注，"
        f"保存后的文件中不再有批注；各条批注的内容已列在检查结果中{more}，请按批注修改后逐条忽略"))
    return [summary, *items]


def picture_finding(body: etree._Element, blocks: list[Block], report: Report,
                    read: Container[etree._Element] = ()) -> Finding | None:
    """One note for the pictures in the body (charts, QR codes, photos), where the first is;
    ``read``: embedded worksheets (w:object) whose tables were read — their preview is that table."""
    pictures: list[etree._Element] = []
    for el in body.iter(_DRAWING, _PICT, _OBJECT):
        if read and (el in read or any(up in read for up in el.iterancestors(_OBJECT))):
            continue
        if pictures and any(up is pictures[-1] for up in el.iterancestors(_DRAWING, _PICT, _OBJECT)):
            continue  # an object's own preview drawing: one picture
        if next(el.iter(*_SHOWN), None) is not None:
            pictures.append(el)
    if not pictures:
        return None
    where, place = _place(pictures[0], blocks, report)
    return PICTURES.at(where, (
        f"文件中有{len(pictures)}张图片（图表、二维码、照片等，第一张在{place}），编辑器不显示图片，保存后的文件中不再有这些图片"
        "（图题等文字仍保留）；需要图片的，请在编辑器中定稿后，最后在 Word/WPS 中插入"))
