"""`export --clean` of a report that still has errors: the copy is written (a script asked for
it), one line on stderr says how many errors it publishes, and the command exits 1; dismissed
errors do not count (found by the GUI tester: the publication copy went out unbalanced, silently)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.checks import run_all
from app.cli import main
from app.findings import Severity
from app.io import save_report
from app.publish import errors_left, errors_warning
from app.reading import load_report
from app.report import Report
from app.schema import T3_CARRIED_IN, CellRef
from tests.test_dismissals import clean_report, dismiss


def unbalanced() -> Report:
    r = clean_report()
    r.set_value(CellRef("三", T3_CARRIED_IN, 0), 7)  # 7 carried in, nowhere to go: 表三 does not balance
    return r


def _export(tmp_path: Path, report: Report, capsys: pytest.CaptureFixture[str]) -> tuple[int, Path, str]:
    saved, out = tmp_path / "报告.docx", tmp_path / "发布稿.docx"
    save_report(report, saved)
    code = main(["export", str(saved), "--to", str(out), "--clean"])
    return code, out, capsys.readouterr().err


def test_a_report_with_errors_is_published_with_a_warning_and_exit_1(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _export(tmp_path, unbalanced(), capsys)
    errors = [f for f in run_all(load_report(tmp_path / "报告.docx")) if f.severity is Severity.ERROR]
    assert len(errors) >= 2, "else the test proves nothing"
    assert code == 1 and out.exists() and load_report(out).tables == load_report(tmp_path / "报告.docx").tables
    assert err.count("\n") == 1 and err.startswith("警告：") and f"还有 {len(errors)} 个错误" in err


def test_dismissed_errors_do_not_count(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    r = unbalanced()
    for f in [f for f in run_all(r) if f.severity is Severity.ERROR]:
        dismiss(r, f, "核实无误")
    assert errors_left(r) == []
    code, out, err = _export(tmp_path, r, capsys)
    assert code == 0 and out.exists() and err == ""


def test_a_report_without_errors_is_published_quietly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _export(tmp_path, clean_report(), capsys)
    assert code == 0 and out.exists() and err == ""


def test_the_warning_names_the_first_errors_and_counts_the_rest() -> None:
    r = unbalanced()
    for col in (1, 2, 3):
        r.set_value(CellRef("三", T3_CARRIED_IN, col), 3)
    errors = errors_left(r)
    assert len(errors) > 3
    text = errors_warning(errors)
    lines = text.splitlines()
    assert lines[0].startswith(f"还有 {len(errors)} 个错误") and len(lines) == 5
    assert lines[-1] == f"……另有 {len(errors) - 3} 个" and all(len(line) <= 62 for line in lines[1:4])
