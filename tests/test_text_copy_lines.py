"""A text copy's lines are counted as its reader splits them (app/limits.py ``checked_lines``):
a CRLF is one line end, as are a lone CR (old Mac) and a lone LF.  The same copy saved by
Windows' Notepad (CRLF), a Mac (CR) or Linux (LF) is read alike, and refused alike past the cap."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import dump
from app.errors import ReadError
from app.reading import load_report
from tests.hostile_base import SAMPLE_TXT

ENDINGS = pytest.mark.parametrize("end", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])


def copy_with_blank_lines(path: Path, blanks: int, end: str) -> Path:
    """The sample text copy followed by ``blanks`` lines of an ideographic space (blank to the
    reader, left alone by the blank-run collapse), every line ending in ``end``."""
    text = SAMPLE_TXT.read_text("utf-8").replace("\r\n", "\n") + "\u3000\n" * blanks
    path.write_bytes(text.replace("\n", end).encode("utf-8"))
    return path


@ENDINGS
def test_a_copy_under_the_line_cap_reads_whatever_its_line_ends(tmp_path: Path, end: str) -> None:
    # 900,000 lines: under the 1,000,000 cap, but 1,800,000 if a CRLF counts as two (old code:
    # the Notepad copy refused as 文本副本超过1000000行 while the same text in LF read)
    path = copy_with_blank_lines(tmp_path / "副本.txt", 900_000, end)
    assert dump(load_report(path)) == dump(load_report(SAMPLE_TXT))


@ENDINGS
def test_a_copy_over_the_line_cap_is_refused_whatever_its_line_ends(tmp_path: Path, end: str) -> None:
    path = copy_with_blank_lines(tmp_path / "副本.txt", 1_000_001, end)
    with pytest.raises(ReadError) as refused:
        load_report(path)
    assert "文本副本超过1000000行" in str(refused.value) and "\n" not in str(refused.value)
