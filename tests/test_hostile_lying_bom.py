"""A UTF-16 (or UTF-32) byte-order mark before text that is not UTF-16: a tool wrote the mark,
then the page or text copy in UTF-8 or GBK.  Read as UTF-16 it was a page of rare ideographs,
said to be “繁体字网页，文字已正确识别” (a .html) or to have no statutory table (a .txt).  The
mark is judged by what follows it — UTF-16 text of a report has zero bytes in its ASCII markup,
digits and line ends, UTF-8 and GBK none — and a mark that lies is dropped (app/sniff.py
``_wide_after``, app/webdecode.py).  A true UTF-16 page still reads (tests/hostile.py gallery)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reading import load_report
from app.schema import REQUESTS
from tests.hostile_base import SAMPLE, SAMPLE_TXT
from tests.hostile_web import _page_in

PAGE = _page_in("utf-8")
ORGAN = "某县人民政府办公室"


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"])
@pytest.mark.parametrize("name", ["网页.html", "OA导出.doc"])
def test_a_page_after_a_lying_mark_is_read(tmp_path: Path, bom: bytes, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(bom + PAGE())
    assert load_report(path).organ == ORGAN


def test_a_gbk_page_after_a_lying_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "网页.htm"
    path.write_bytes(b"\xff\xfe" + PAGE().decode("utf-8").replace("utf-8", "gbk").encode("gbk"))
    assert load_report(path).organ == ORGAN


def test_a_text_copy_after_a_lying_mark_has_its_figures(tmp_path: Path) -> None:
    path = tmp_path / "副本.txt"
    path.write_bytes(b"\xff\xfe" + SAMPLE_TXT.read_bytes())
    assert load_report(path).tables[REQUESTS] == load_report(SAMPLE).tables[REQUESTS]


def test_a_true_utf16_page_is_still_utf16(tmp_path: Path) -> None:
    path = tmp_path / "网页.html"
    path.write_bytes(PAGE().decode("utf-8").encode("utf-16"))
    assert load_report(path).organ == ORGAN
