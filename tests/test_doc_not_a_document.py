"""A file named .doc (or .wps/.odt/.rtf) that holds no document — zeros, a picture, an archive, a
program — is said at once, never handed to LibreOffice (2 GB of zeros took it 46 s, then failed:
hostile30), and no file past the conversion cap is converted."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app import office
from app.errors import ReadError
from app.limits import MAX_CONVERTED_BYTES
from app.reading import load_report


@pytest.fixture
def no_conversion(monkeypatch: pytest.MonkeyPatch) -> None:
    def convert(*args: object, **kwargs: object) -> Path:
        raise AssertionError("handed to LibreOffice")

    monkeypatch.setattr(office, "soffice", lambda: "/usr/bin/soffice")  # as where it is installed
    monkeypatch.setattr(office, "convert", convert)


@pytest.mark.parametrize(("name", "content", "said"), [
    ("zeros.doc", b"\0" * 300_000, "全是空字节"),
    ("picture.doc", b"\x89PNG\r\n\x1a\n" + b"\0\1" * 500, "图片"),
    ("photo.wps", b"\xff\xd8\xff\xe0" + b"JFIF" * 100, "图片"),
    ("archive.doc", b"7z\xbc\xaf\x27\x1c" + b"\0" * 100, "压缩文件"),
    ("program.rtf", b"MZ\x90\0" + b"\0" * 100, "程序文件"),
])
def test_no_document_is_said_at_once(tmp_path: Path, no_conversion: None, name: str, content: bytes, said: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError) as caught:
        load_report(path)
    assert said in str(caught.value) and "\n" not in str(caught.value)


def test_a_file_past_the_conversion_cap_is_not_converted(tmp_path: Path, no_conversion: None) -> None:
    """An Office 97-2003 header, then a hole: 2 GB on the disk's say, nothing written."""
    path = tmp_path / "huge.doc"
    with path.open("wb") as fh:
        fh.write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
        fh.truncate(MAX_CONVERTED_BYTES + 1)
    assert os.path.getsize(path) > MAX_CONVERTED_BYTES
    with pytest.raises(ReadError) as caught:
        load_report(path)
    assert "不像一份年度报告" in str(caught.value)


def test_what_libreoffice_may_know_is_still_offered_to_it() -> None:
    """Text (UTF-8 or Notepad's UTF-16, NULs and all), Word 2003 XML, an Office 97-2003 file:
    none is refused unseen."""
    from app.reading import _no_document
    from tests.conftest import DATA

    text = (DATA / "xiaogang-2021.txt").read_bytes()
    for head in (text, text.decode("utf-8").encode("utf-16"), b"<?xml version=\"1.0\"?><w:wordDocument/>",
                 b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100):
        assert _no_document(head[:65536]) is None


def test_one_conversion_cap_for_the_look_and_the_copy(tmp_path: Path, no_conversion: None,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The cap is declared once (app.limits): the reader's look at the size and the copy made for
    LibreOffice (a file still growing) both stop at it — two declarations could drift apart."""
    from app import limits

    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\1" * 8000)
    monkeypatch.setattr(limits, "MAX_CONVERTED_BYTES", 4096)
    with pytest.raises(ReadError) as looked:
        load_report(path)
    with pytest.raises(ReadError) as copied:
        office._own_copy(path, tmp_path / "copy")
    assert "不像一份年度报告" in str(looked.value) and "不像一份年度报告" in str(copied.value)
    assert not (tmp_path / "copy" / "old.doc").exists()
