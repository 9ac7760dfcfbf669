"""``check --last`` says when the report given as last year's plainly is not (rev23 L2): another year
(the same file twice, the same year) or another organ — as the window's 对照上年报告 does, from the one
app.lastyear.pairing_note.  A true last year says nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.docx.writer import write_docx
from tests.test_dismissals import clean_report


def report(path: Path, year: int, organ: str = "某市某区某某街道办事处") -> Path:
    r = clean_report()
    r.year, r.organ = year, organ
    write_docx(r, path)
    return path


@pytest.mark.parametrize(("last_year", "organ", "said"), [
    (2024, "某市某区某某街道办事处", "--last 所给报告为2024年度，本报告为2024年度，不是上一年度"),
    (2023, "某市某区另一街道办事处", "--last 所给报告的机关为“某市某区另一街道办事处”"),
    (2023, "某市某区某某街道办事处", ""),
])
def test_a_last_year_that_is_none_is_said(tmp_path: Path, capsys, last_year: int, organ: str, said: str) -> None:  # type: ignore[no-untyped-def]
    this = report(tmp_path / "2024.docx", 2024)
    last = report(tmp_path / "last.docx", last_year, organ)
    main(["check", str(this), "--last", str(last)])
    err = capsys.readouterr().err
    assert (said in err and "注意：2024.docx：" in err) if said else "注意" not in err
