"""A PDF one of whose fonts' ToUnicode maps gives 乱码 while the rest reads right (the headings'
font, the bold one): read, since the file is mostly right, but said (HIDDEN-TEXT pdf-font,
警告, naming the pages) — before, headings “not found” and labels “edited” were all it said,
with nothing about why.  A file whose text is all 乱码 stays refused (tests/test_pdf_garbled.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ReadError
from app.findings import GARBLED_FONT
from app.reading import load_report
from app.schema import T3_NEW
from tests.pdfmake import our_pdf
from tests.test_pdf_garbled import _CMAP, _TARGET, _shift
from tests.thirdparty import Spec, build


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fonts")
    return our_pdf(build(Spec(t3={(T3_NEW, 0): "2106"}), folder / "r.docx"), folder / "r.pdf")


def _one_map_shifted(pdf: Path, dest: Path, index: int) -> Path:
    """``pdf`` with the ideographs of its ``index``-th ToUnicode map each read as the next one."""
    data = pdf.read_bytes()
    m = list(_CMAP.finditer(data))[index]
    new = _TARGET.sub(_shift, m.group(0))
    assert len(new) == len(m.group(0)) and new != m.group(0)
    dest.write_bytes(data[:m.start()] + new + data[m.end():])
    return dest


def _said(path: Path) -> list[str]:
    return [f.message for f in load_report(path).import_findings if (f.code, f.kind) == (GARBLED_FONT.code, GARBLED_FONT.kind)]


def test_a_font_reading_as_garble_among_right_ones_is_said_with_its_pages(exported: Path, tmp_path: Path) -> None:
    fonts = len(_CMAP.findall(exported.read_bytes()))
    assert fonts >= 2  # the export's body, heading and bold fonts
    read = 0
    for i in range(fonts):
        path = _one_map_shifted(exported, tmp_path / f"font{i}.pdf", i)
        try:
            said = _said(path)
        except ReadError:
            continue  # the body's font: all but the whole text 乱码, refused as before
        read += 1
        assert len(said) == 1, (i, said)
        assert said[0].startswith("第1") and "1种字体的文字编码有误，复制出的是乱码" in said[0]
    assert read >= 1


def test_a_pdf_whose_fonts_all_read_right_says_nothing_of_them(exported: Path) -> None:
    assert _said(exported) == []
