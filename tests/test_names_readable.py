"""A file name's bytes that are not UTF-8 — a zip made on a Chinese Windows names its files in GBK,
unzipped on 统信UOS/麒麟 they stay GBK — are shown as the characters they are (rev25b S6)."""

from __future__ import annotations

import os

import pytest

from app.names import readable, readable_path


@pytest.mark.parametrize("name", ["报告.docx", "某县2023年政府信息公开工作年度报告（定稿）.docx", "癅 a.docx"])
def test_a_gbk_name_reads_as_its_characters(name: str) -> None:
    escaped = os.fsdecode(name.encode("gbk"))  # as Python hands it over on a UTF-8 Linux
    assert escaped != name
    assert readable_path(escaped) == name and readable_path(f"/某/{escaped}") == f"/某/{name}"
    if name == "报告.docx":  # a message's runs: none of its pairs is UTF-8 by chance (“某”'s is: whole names only)
        assert readable(f"已打开 {escaped}（由其他软件生成）") == f"已打开 {name}（由其他软件生成）", "the message kept"


def test_names_that_are_not_gbk_become_marks_not_nothing() -> None:
    assert readable(os.fsdecode(b"\xff\xfe.docx")) == "\ufffd\ufffd.docx"


def test_a_utf8_name_is_left_as_it_is() -> None:
    for text in ("报告.docx", "/home/张三/年报 2024/报告.docx", "", "a\udc80"[:1]):
        assert readable(text) == text
