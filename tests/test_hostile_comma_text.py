"""A text copy of megabytes whose tables are typed with full-width commas (“规章，0，0，0”): a
reviewer's 14 MB of such table lines took ~8 s before it was refused for its table cells,
counted only once every line had been looked at as a comma row (hostile32).  The cells are
counted as each table is found: the refusal comes at the cap, its cost the cap's, not the
file's."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import limits, textrows
from app.errors import ReadError
from app.reading import load_report
from tests.hostile import run_one
from tests.hostile_web import comma_text_copy

TOO_MANY = f"文件中的表格共超过{limits.MAX_ALL_TABLE_CELLS}个单元格"


def test_the_sample_with_comma_tables_reads_its_figures(tmp_path: Path) -> None:
    """The maker is a report: once, its comma tables are read as the statutory tables."""
    path = tmp_path / "逗号表格.txt"
    path.write_bytes(comma_text_copy(1))
    report = load_report(path)
    assert report.has_figures()


def test_comma_tables_past_the_cap_are_refused_before_the_rest_is_looked_at(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "逗号表格.txt"
    path.write_bytes(comma_text_copy(12 * 2**20, tables_only=True))
    runs: list[int] = []
    judge = textrows._a_table

    def counted(run: list[list[str]], mark: str) -> bool:
        runs.append(len(run))
        return judge(run, mark)

    monkeypatch.setattr(textrows, "_a_table", counted)
    with pytest.raises(ReadError, match=TOO_MANY):
        load_report(path)
    # What was judged: as many cells as the cap, not the file's several times as many.
    whole = sum(1 for line in path.read_text("utf-8").splitlines() if "，" in line)
    assert sum(runs) < whole * 0.7


def test_a_text_copy_of_comma_tables_is_refused_in_bounded_time_and_memory(tmp_path: Path) -> None:
    path = tmp_path / "逗号表格（14MB）.txt"
    path.write_bytes(comma_text_copy(14 * 10**6, tables_only=True))
    outcome = run_one(path, timeout=20, memory_mb=1536)
    assert outcome.result == "refused" and TOO_MANY in outcome.message, outcome
    assert outcome.peak_mb < 500, outcome


def test_a_long_report_of_comma_tables_with_its_prose_is_read_in_bounded_time(tmp_path: Path) -> None:
    """The same tables with the report's prose between them, 14 MB (its text pasted hundreds of
    times): read, its repeats said (DUP-PARAGRAPH), within the bound."""
    path = tmp_path / "逗号表格全文.txt"
    path.write_bytes(comma_text_copy(14 * 10**6))
    outcome = run_one(path, timeout=20, memory_mb=1536)
    assert outcome.result in ("read", "refused"), outcome
    assert outcome.peak_mb < 600, outcome
