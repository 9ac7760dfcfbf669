"""A web page saved as one file with its photos written into it (data: URIs in base64): a 43 KB
report with sixteen photos is a 26 MB page, and was refused by the text copy's 20 MB cap as “文件
可能不是年报” (rev25a C29).  The page is counted without its inline pictures; the cap holds for
what is left."""

from __future__ import annotations

import base64
import io
import os
import re
from pathlib import Path

import pytest

from app import limits, webinline
from app.errors import ReadError
from app.reading import load_report
from app.schema import T3_COL_NATURAL, T3_NEW
from tests.test_webcopy import page


def test_a_page_with_its_photos_inline_past_the_cap_is_read(tmp_path: Path) -> None:
    photo = base64.b64encode(os.urandom(1_300_000)).decode()
    photos = "".join(f'<p><img src="data:image/jpeg;base64,{photo}" width="600"></p><p>图{i} 活动现场</p>'
                     for i in range(16))
    html = page({(T3_NEW, T3_COL_NATURAL): "10"}).replace("</div></body>", photos + "</div></body>")
    path = tmp_path / "单个文件.html"
    path.write_text(html, encoding="utf-8")
    assert path.stat().st_size > limits.MAX_TEXT_COPY_BYTES
    r = load_report(path)
    assert r.organ == "某县人民政府办公室" and r.tables["三"][(T3_NEW, T3_COL_NATURAL)] == 10


def _whole(data: bytes) -> bytes:
    return re.sub(rb"(;base64,)[A-Za-z0-9+/=]*", rb"\1", data, flags=re.IGNORECASE)


@pytest.mark.parametrize("piece", [1, 2, 3, 5, 7, 8, 9, 13, 64])
def test_payloads_are_left_out_wherever_the_pieces_cut_them(monkeypatch: pytest.MonkeyPatch, piece: int) -> None:
    """Read in pieces of any size, a payload (or its “;base64,”) cut between two is left out as
    when read whole; the text around it is kept byte for byte."""
    monkeypatch.setattr(webinline, "_PIECE", piece)
    data = ('<p>正文一</p><img src="data:image/png;base64,iVBORw0KGgo+/AAA=="><p>表三;base64</p>'
            '<div style="background:url(data:image/gif;BASE64,R0lGODlh//8=)">二</div>'
            '<img src="data:image/png;base64,QUJD"><p>完</p>').encode()
    assert webinline.without_inline_data(io.BytesIO(data)) == _whole(data)
    assert b"iVBOR" not in _whole(data) and "表三;base64".encode() in _whole(data)


def test_a_page_past_the_cap_without_its_pictures_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_TEXT_COPY_BYTES", 1000)
    path = tmp_path / "大.html"
    path.write_text("<p>" + "文字" * 1000 + "</p>", encoding="utf-8")
    with pytest.raises(ReadError, match="去掉其中内嵌的图片后仍超过0 MB"):
        load_report(path)


def test_a_text_copy_keeps_its_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A .txt has no pictures to leave out: its size is what is said, as before."""
    monkeypatch.setattr(limits, "MAX_TEXT_COPY_BYTES", 1000)
    path = tmp_path / "副本.txt"
    path.write_text("x" * 2000, encoding="utf-8")
    with pytest.raises(ReadError, match="上限0 MB"):
        load_report(path)


def test_a_page_past_its_own_file_cap_says_that_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page's file may be MAX_WEB_PAGE_BYTES (200 MB): the refusal of a larger one said the text
    copy's 20 MB as the limit."""
    monkeypatch.setattr(limits, "MAX_TEXT_COPY_BYTES", 1024 * 1024)
    monkeypatch.setattr(limits, "MAX_WEB_PAGE_BYTES", 3 * 1024 * 1024)
    path = tmp_path / "大.html"
    path.write_bytes(b"<p>" + b"x" * (4 * 1024 * 1024) + b"</p>")
    with pytest.raises(ReadError) as refused:
        load_report(path)
    assert "文件有4 MB" in str(refused.value) and "上限3 MB" in str(refused.value), str(refused.value)
    text = tmp_path / "大.txt"
    text.write_bytes(b"x" * (2 * 1024 * 1024))
    with pytest.raises(ReadError, match="上限1 MB"):
        load_report(text)
