"""Reading a .docx — ours or anyone's — into a Report: the package straight from its zip
(app/docx/package.py, lxml; python-docx is for writing only), its body as neutral blocks
(app/docx/blocks.py, lists numbered as Word shows them: app/docx/numbering.py), the editor's own
data from its custom XML part (app/docx/custom.py); the blocks become a report in
app/docx/assemble.py, as every other format's do.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from app.docx.assemble import parse_title as parse_title  # the title rules, where tests look for them
from app.docx.assemble import read_blocks_report
from app.docx.blocks import read_blocks
from app.docx.custom import extras_of
from app.docx.numbering import Numbering
from app.docx.package import DocxParts, W, open_parts
from app.docx.styles import style_names
from app.errors import ReadError, unreadable
from app.findings import REVISIONS, Location
from app.report import Report
from app.schema import META


def open_docx(path: Path) -> DocxParts:
    """The parts of a .docx the reader needs, read with lxml (python-docx is for writing)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
        if not head.startswith(b"PK"):
            raise ReadError(f"{path}：不是 Word 文档（.docx），无法读取")
        return open_parts(path)
    except ReadError as e:
        if str(e).startswith(str(path)):
            raise
        raise ReadError(f"{path}：{e}") from e
    except (PermissionError, FileNotFoundError, IsADirectoryError) as e:
        raise ReadError(f"{path}：{unreadable(e)}") from e
    except Exception as e:  # zipfile, zlib and lxml raise many kinds on broken files
        raise ReadError(f"{path}：文件已损坏或不完整，无法作为 .docx 读取；可在 Word 或 WPS 中打开后另存为 .docx 再试") from e


def read_document(parts: DocxParts) -> Report:
    body = parts.document.find(f"{{{W}}}body")
    if body is None:
        raise ReadError("文件中没有正文")
    numbering = Numbering(parts.numbering, lambda: parts.styles) if parts.numbering is not None else None
    names = style_names(parts.styles) if parts.may_name_own_styles() else {}
    report = read_blocks_report(read_blocks(body, numbering or None), names, pictured_tables=True)
    report.extras = extras_of(parts.custom_xml)
    revisions = _revisions(body)
    if revisions:  # read as accepted (app/docx/blocks.py); a published file should carry none
        report.import_findings.append(REVISIONS.at(
            Location(META), f"文件中有{revisions}处未接受或拒绝的修订（插入、删除或移动），已按接受全部修订后的内容导入；"
                            "请核对，发布前在 Word/WPS 中接受或拒绝修订"))
    return report


_REVISION_TAGS = tuple(f"{{{W}}}{t}" for t in ("ins", "del", "moveFrom", "moveTo"))


def _revisions(body: etree._Element) -> int:
    """Tracked insertions, deletions and moves in the body (formatting changes are not counted:
    they change no text the report is read from)."""
    return sum(1 for _ in body.iter(*_REVISION_TAGS))
