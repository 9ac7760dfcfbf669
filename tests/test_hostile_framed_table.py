"""A statutory table set in a cell of a frame table beside a short label (“附表” | 表三, an OA
template's two columns) is the report's table: its figures are read.  Before, the frame was read
as a table of data of two columns, 表三 flattened into its second cell's text: every figure lost,
and the report said “表三中没有找到……行” and 175 blank cells (app/docx/blocks.py ``_wide``)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from app.reading import load_report
from app.report import Report
from app.schema import REQUESTS, T3_NEW
from tests.thirdparty import Spec, build

_FRAME_ROW = '<w:tr>{cells}</w:tr>'
_LABEL = '<w:tc><w:tcPr><w:tcW w:w="900" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>'
_HOLDER = '<w:tc><w:tcPr><w:tcW w:w="8000" w:type="dxa"/></w:tcPr>{table}<w:p/></w:tc>'


def _framed(tmp_path: Path, left: str | None, right: str | None = None) -> Report:
    src = build(Spec(t3={(T3_NEW, 0): "37"}), tmp_path / "src.docx")
    dest = tmp_path / "附表框.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8")
                at = xml.index("<w:t>37</w:t>")
                start, end = xml.rindex("<w:tbl>", 0, at), xml.index("</w:tbl>", at) + len("</w:tbl>")
                cells = ((_LABEL.format(text=left) if left is not None else "") + _HOLDER.format(table=xml[start:end])
                         + (_LABEL.format(text=right) if right is not None else ""))
                grid = "".join('<w:gridCol w:w="900"/>' for _ in range(cells.count("<w:tc>")))
                frame = f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>{_FRAME_ROW.format(cells=cells)}</w:tbl>"
                data = (xml[:start] + frame + xml[end:]).encode("utf-8")
            zout.writestr(info, data)
    return load_report(dest)


@pytest.mark.parametrize(("left", "right"), [("附表", None), (None, "单位：件"), ("附表2", "注：无")])
def test_a_statutory_table_framed_beside_a_label_is_read(tmp_path: Path, left: str | None, right: str | None) -> None:
    report = _framed(tmp_path, left, right)
    assert report.tables[REQUESTS][(T3_NEW, 0)] == 37
    assert not [f for f in report.import_findings if f.code == "LABEL-EDITED" and f.kind == "row"]


def test_the_framed_table_alone_in_its_frame_is_read_as_before(tmp_path: Path) -> None:
    assert _framed(tmp_path, None).tables[REQUESTS][(T3_NEW, 0)] == 37
