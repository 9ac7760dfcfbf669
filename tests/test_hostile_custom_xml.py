"""Custom XML parts of other applications as the bomb: 24 of them, 7.8 MB of elements each, are
within the part and package caps (a 376 KB .docx).  Each was inflated and parsed whole to look
at its root: 5.9 s and 740 MB before the report read.  Now only a part's first bytes are read,
its root's start tag looked at; the editor's own part is read as before."""

from __future__ import annotations

from pathlib import Path

from app.cli import dump
from app.docx.writer import write_docx
from app.reading import load_report
from tests.conftest import SAMPLE
from tests.hostile import run_one
from tests.hostile_docx import foreign_custom_parts
from tests.test_custom import EXTRAS
from tests.test_docx_writer import make_report


def test_many_large_custom_parts_of_another_application_are_not_parsed(tmp_path: Path) -> None:
    path = tmp_path / "自定义部件.docx"
    path.write_bytes(foreign_custom_parts(SAMPLE.read_bytes(), 24, 7_800_000))
    outcome = run_one(path, timeout=20)
    assert outcome.result == "read", outcome
    assert outcome.peak_mb < 150, outcome  # old code: 740 MB
    assert dump(load_report(path)) == dump(load_report(SAMPLE))


def test_the_editors_own_part_among_them_is_read(tmp_path: Path) -> None:
    report = make_report()
    report.extras = EXTRAS
    ours = tmp_path / "ours.docx"
    write_docx(report, ours)
    path = tmp_path / "混合.docx"
    path.write_bytes(foreign_custom_parts(ours.read_bytes(), 3, 100_000))
    assert load_report(path).extras == EXTRAS
