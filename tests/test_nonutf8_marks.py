"""审核标记 of a report whose file name is not UTF-8 (a Windows zip's GBK name unzipped on Linux:
lone surrogates in Python's str): marked, read back by another store (a relaunch, the command
line) as the same file (rev23b M5); a marks file of an earlier version still read."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from app import review_marks as rm
from tests.conftest import SAMPLE as SAMPLE_DOCX

GBK = os.fsdecode("财政局".encode("gbk"))


def test_a_gbk_named_report_is_marked_and_known_after_a_relaunch(tmp_path: Path) -> None:
    reports = tmp_path / "报送"
    reports.mkdir()
    odd = Path(shutil.copy(SAMPLE_DOCX, reports / f"{GBK}2023年报.docx"))
    plain = Path(shutil.copy(SAMPLE_DOCX, reports / "某局2023年报.docx"))
    plain.write_bytes(plain.read_bytes() + b"\0")  # another content
    data = tmp_path / "data"
    digests = {str(p): rm.digest(p) for p in (odd, plain)}
    marks = rm.MarkStore(data).change([rm.new_mark(d, p, rm.PUBLISHED) for p, d in digests.items()  # type: ignore[arg-type]
                                       if d is not None])
    assert len(marks) == 2
    again = rm.MarkStore(data).load()
    assert {m.path for m in again.values()} == set(digests)
    columns, problem = rm.stored(digests.items(), data)
    assert problem is None
    assert columns[str(odd)][0] == "已发布" and columns[str(plain)][0] == "已发布"
    (data / rm.NAME).read_bytes().decode("utf-8")  # still UTF-8 text every reader takes


def test_a_marks_file_of_an_earlier_version_is_read(tmp_path: Path) -> None:
    path = str(tmp_path / "某局.docx")
    (tmp_path / rm.NAME).write_text(json.dumps({"format": rm.FORMAT, "marks": [
        {"digest": "ab" * 32, "path": path, "state": rm.REVIEWED, "at": "2026-01-02T03:04:05", "by": "审核人"}]},
        ensure_ascii=False, indent=0), encoding="utf-8")
    marks = rm.MarkStore(tmp_path).load()
    assert [(m.path, m.by) for m in marks.values()] == [(path, "审核人")]
