"""The window's 保存 and 另存为 keep the document's created time: a new report's from its first
save, an opened file's from the file (docProps/core.xml; app/docx/properties.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.docx import writer
from tests.test_docx_properties import WORD_CORE, _core, _third_party
from tests.ui.conftest import read_through


def test_saving_in_the_window_keeps_the_created_time(window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(writer, "_now", lambda: dt.datetime(2024, 1, 10, 8, 0, 0))
    first = tmp_path / "新报告.docx"
    assert window.docs.save_to(first)
    monkeypatch.setattr(writer, "_now", lambda: dt.datetime(2024, 1, 20, 9, 30, 0))
    assert window.docs.save_to(first)
    assert window.docs.save_to(tmp_path / "另存.docx")
    for path in (first, tmp_path / "另存.docx"):
        core = _core(path)
        assert (core["created"], core["modified"]) == ("2024-01-10T08:00:00Z", "2024-01-20T09:30:00Z"), path.name

    word = _third_party(tmp_path / "word.docx", WORD_CORE.format(created="2023-12-28T01:02:03Z"))
    assert window.docs.load(word)
    read_through(window)
    saved = tmp_path / "word-saved.docx"
    assert window.docs.save_to(saved)
    core = _core(saved)
    assert (core["created"], core["creator"]) == ("2023-12-28T01:02:03Z", "张三")
