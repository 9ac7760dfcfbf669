"""A text copy whose table rows each end in a tab (a copy that writes one after every cell, the
last included): the empty cell after it is no cell.  Read as one, 190 of 200 figures were lost,
each 表三 row “无法对应” with its first figure taken for its label."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.reading import load_report
from tests.test_text_copy_rows import _copy
from tests.test_web_cms import ORGAN, TEXT, VALUES


@pytest.mark.parametrize("ending", ["\t", "\t ", "\t\r"])
def test_a_tab_ending_every_row_line_is_no_cell(tmp_path: Path, ending: str) -> None:
    text = "\n".join(line + ending if "\t" in line else line for line in _copy(False).split("\n"))
    path = tmp_path / "复制.txt"
    path.write_bytes(text.encode("utf-8"))
    r = load_report(path)
    assert not {k: (v, r.tables[k[0]][k[1:]]) for k, v in VALUES.items() if str(r.tables[k[0]][k[1:]]) != v}
    assert (r.organ, r.year, r.date) == (ORGAN, 2021, dt.date(2022, 1, 12))
    assert {k: r.section_text(k) for k in TEXT} == {k: "\n".join(v) for k, v in TEXT.items()}
    assert not [(f.code, f.message) for f in r.import_findings]


def test_one_rows_blank_last_cell_stays_a_blank_cell(tmp_path: Path) -> None:
    """Only a tab every row line has is dropped: one row's last cell left blank is that cell."""
    lines = _copy(False).split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("二、上年结转"))
    lines[at] = lines[at].rsplit("\t", 1)[0] + "\t"
    path = tmp_path / "复制.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    r = load_report(path)
    wrong = {k: (v, r.tables[k[0]][k[1:]]) for k, v in VALUES.items() if str(r.tables[k[0]][k[1:]]) != v}
    assert list(wrong) == [("三", 1, 6)] and wrong[("三", 1, 6)][1] is None
