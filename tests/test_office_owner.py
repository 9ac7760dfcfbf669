"""Word's, WPS's and LibreOffice's owner files beside a report (app/office_owner.py): found by
the names each program gives them, their user read, anything odd no owner and never raised."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from app import office_owner
from app.office_owner import LIBREOFFICE, WORD, WPS


def word_owner(user: str) -> bytes:
    """Word's 162 bytes: a length and the name in the system's code page, at 54 the length and
    the name in UTF-16, padded."""
    ansi = user.encode("gb18030")[:53]
    wide = user.encode("utf-16-le")
    data = bytes([len(ansi)]) + ansi
    data += b"\0" * (54 - len(data)) + len(user).to_bytes(2, "little") + wide
    return data + b"\0" * (162 - len(data))


@pytest.mark.parametrize("name, owner", [
    ("报告.docx", "~$报告.docx"),
    ("一二三四五六.docx", "~$一二三四五六.docx"),
    ("一二三四五六七.docx", "~$二三四五六七.docx"),  # 7 characters: Word takes one off
    ("2024年政府信息公开年报.docx", "~$24年政府信息公开年报.docx"),  # 8 or more: two
    ("2024年政府信息公开年报.docx", "~$2024年政府信息公开年报.docx"),  # WPS on Windows: the whole name
])
def test_words_owner_file_is_found_by_the_name_word_gives_it(tmp_path: Path, name: str, owner: str) -> None:
    document = tmp_path / name
    document.write_bytes(b"PK")
    assert office_owner.find(document) is None
    (tmp_path / owner).write_bytes(word_owner("张三"))
    found = office_owner.find(document)
    assert found is not None and found.program == WORD and found.user == "张三" and found.name() == owner
    assert found.who() == "张三"


def test_a_word_owner_file_with_only_the_code_page_name(tmp_path: Path) -> None:
    document = tmp_path / "报告.docx"
    (tmp_path / "~$报告.docx").write_bytes(b"\x04" + "李四".encode("gb18030") + b"\0" * 157)
    found = office_owner.find(document)
    assert found is not None and found.user == "李四"


def test_wps_and_libreoffice_owner_files(tmp_path: Path) -> None:
    document = tmp_path / "报告.docx"
    document.write_bytes(b"PK")
    lo = tmp_path / ".~lock.报告.docx#"
    lo.write_text("张三,PC-01,zhangsan,03.12.2026 09:00,file:///home/zhangsan/.config/libreoffice/4;", encoding="utf-8")
    found = office_owner.find(document)
    assert found is not None and (found.program, found.user, found.host) == (LIBREOFFICE, "张三", "PC-01")
    assert found.who() == "张三，计算机 PC-01"
    lo.write_text(",PC-02,lisi,03.12.2026 09:00,file:///x;", encoding="utf-8")  # no display name: the account's
    found = office_owner.find(document)
    assert found is not None and (found.user, found.host) == ("lisi", "PC-02")
    lo.unlink()
    (tmp_path / ".~报告.docx").write_bytes(os.urandom(300))
    found = office_owner.find(document)
    assert found is not None and found.program == WPS and found.who() == "用户不详"


def test_the_same_owner_file_has_the_same_stamp_and_a_new_one_another(tmp_path: Path) -> None:
    document = tmp_path / "报告.docx"
    owner = tmp_path / "~$报告.docx"
    owner.write_bytes(word_owner("张三"))
    first = office_owner.find(document)
    assert first is not None and office_owner.find(document) == first
    owner.unlink()
    owner.write_bytes(word_owner("李四，另一个"))
    again = office_owner.find(document)
    assert again is not None and again.seen != first.seen


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and links of Linux")
@pytest.mark.parametrize("what", ["fifo", "folder", "huge", "zeros", "loop"])
def test_anything_but_a_small_file_is_no_owner_and_never_waited_on(tmp_path: Path, what: str) -> None:
    document = tmp_path / "报告.docx"
    owner = tmp_path / "~$报告.docx"
    if what == "fifo":
        os.mkfifo(owner)
    elif what == "folder":
        owner.mkdir()
    elif what == "huge":
        owner.write_bytes(b"x" * 100_000)
    elif what == "zeros":
        owner.symlink_to("/dev/zero")
    else:
        owner.symlink_to(owner)
    assert office_owner.find(document) is None


def test_a_name_the_system_refuses_is_no_owner(tmp_path: Path) -> None:
    assert office_owner.find(tmp_path / "a\0b.docx") is None
    assert office_owner.find(tmp_path / ("长" * 300 + ".docx")) is None  # past the file system's name limit
