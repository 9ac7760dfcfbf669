"""The window opens a report whose editor-data part was forged (the hostile test's b05–b09):
the report reads, its checks run, no error box; the bad entries are simply not there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.io import save_report
from app.lastyear import KEY
from app.report import Report
from app.schema import CellRef

FORGED: dict[str, dict[str, Any]] = {
    "b05-list-coords": {KEY: {"version": 1, "organ": "某县某局", "year": 2022,
                              "tables": {"三": [[[0], [0], 5], [{"a": 1}, 0, 3]]}, "sections": {}}},
    "b06-huge-decimal": {KEY: {"version": 1, "organ": "某县某局", "year": 2022,
                               "tables": {"三": [[0, 0, "9E+999999"], [0, 6, "1E-999999"], [1, 0, "1e999"]]},
                               "sections": {"一": ["x"]}}},
    "b07-dismissed-junk": {"dismissed": [{"fingerprint": "x", "code": ["a"], "at": {"b": 1}}, {"fingerprint": 5},
                                         "s", None]},
    "b08-year-huge": {KEY: {"version": 1, "organ": "某县某局", "year": 10**300, "tables": {"三": [[0, 0, 37]]},
                            "sections": {}}},
    "b09-bool-version": {KEY: {"version": True, "organ": ["x"], "year": 2022.0, "source": {"a": 1},
                               "tables": {"三": [[True, False, 5], [0.0, 0.0, 5]]}, "sections": {"一": "not a list"}}},
}


@pytest.mark.parametrize("name", list(FORGED))
def test_the_window_opens_a_forged_part(window, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    report = Report(organ="某县某局", year=2023)
    report.set_value(CellRef("三", 0, 0), 5)
    report.extras = FORGED[name]
    path = tmp_path / f"{name}.docx"
    save_report(report, path)
    assert window.docs.load(path), window.errors
    assert window.errors == []
    assert window.state.report.value(CellRef("三", 0, 0)) == 5
    window.state.ensure_checked()
    assert window.state.checked and window.errors == []
    window.state.rerun_checks()
    assert window.errors == []
