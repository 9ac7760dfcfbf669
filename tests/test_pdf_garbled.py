"""A PDF whose fonts' ToUnicode maps are wrong (every character read as its neighbour) is
refused with one message saying so, never read as a report of 乱码 with a dozen findings; the
same PDF with right maps reads as before (app/pdfread/refusals.py refuse_garbled)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.errors import ReadError
from app.reading import load_report
from app.schema import REQUESTS, T3_NEW
from tests.pdfmake import our_pdf
from tests.thirdparty import Spec, build

_CMAP = re.compile(rb"begincmap.*?endcmap", re.S)
_TARGET = re.compile(rb"(?<=> )<([0-9A-F]{4})>")  # a bfchar's or bfrange's Unicode side


def _shift(m: re.Match[bytes]) -> bytes:
    code = int(m.group(1), 16)
    return b"<%04X>" % (code + 1) if 0x4E00 <= code < 0x9FFF else m.group(0)


def _shifted(pdf: Path, dest: Path, every: int = 1) -> Path:
    """``pdf`` with each ideograph its ToUnicode maps name moved on by one code point (the
    same number of bytes: the file's offsets stay right); ``every`` > 1: only in every
    ``every``-th map (a file some of whose fonts are broken)."""
    data = pdf.read_bytes()
    maps = list(_CMAP.finditer(data))
    assert maps, "the export writes its ToUnicode maps uncompressed"
    out = bytearray(data)
    for i, m in enumerate(maps):
        if i % every == 0:
            new = _TARGET.sub(_shift, m.group(0))
            assert len(new) == len(m.group(0))
            out[m.start():m.end()] = new
    dest.write_bytes(bytes(out))
    return dest


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("garbled")
    return our_pdf(build(Spec(t3={(T3_NEW, 0): "2106"}), folder / "r.docx"), folder / "r.pdf")


def test_a_pdf_whose_text_maps_are_off_by_one_is_refused_with_one_message(exported: Path, tmp_path: Path) -> None:
    with pytest.raises(ReadError) as caught:
        load_report(_shifted(exported, tmp_path / "shifted.pdf"))
    message = str(caught.value)
    assert "PDF 中的文字编码有误，复制出的文字是乱码" in message
    assert "重新导出 PDF" in message and "\n" not in message


def test_the_same_pdf_with_right_maps_reads(exported: Path) -> None:
    assert load_report(exported).tables[REQUESTS][(T3_NEW, 0)] == 2106
