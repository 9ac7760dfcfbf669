"""落款 dates as some offices write them: to the month only (“2024年1月”), or labelled
(“日期：2024年1月20日”, “成文日期：…”).  Each is the 落款: the organ and date lines are no text
of 六 (they were, and the report saved them there above its own 落款), and the date is taken
or, written to the month only, said (never a day guessed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.checks import run_all
from app.reading import load_report
from tests.thirdparty import Spec, build

ORGAN = "某市某区人民政府某某街道办事处"


@pytest.mark.parametrize(("written", "date", "said"), [
    ("2024年1月", None, "DATE-INVALID"),
    ("日期：2024年1月20日", dt.date(2024, 1, 20), "DATE-FORMAT"),
    ("成文日期：2024年1月20日", dt.date(2024, 1, 20), "DATE-FORMAT"),
])
def test_a_signoff_date_written_otherwise_is_the_signoff(tmp_path: Path, written: str, date: dt.date | None, said: str) -> None:
    r = load_report(build(Spec(organ=ORGAN, date=written, text={"六": ["本年度无其他需要报告的事项。"]}), tmp_path / "d.docx"))
    assert r.section_text("六") == "本年度无其他需要报告的事项。"
    assert r.date == date and r.organ == ORGAN
    found = [(f.code, f.message) for f in run_all(r) if f.code.startswith("DATE")]
    assert [c for c, _ in found] == [said] and written in found[0][1], found


def test_a_month_only_date_in_a_text_copy(tmp_path: Path) -> None:
    lines = (Path(__file__).parent / "data" / "xiaogang-2021.txt").read_text(encoding="utf-8").splitlines()
    once = lines[:lines.index("一、总体情况", lines.index("一、总体情况") + 1)]
    assert once[-1] == "2022年1月12日"
    path = tmp_path / "copy.txt"
    path.write_text("\n".join([*once[:-1], "2022年1月"]), encoding="utf-8")
    r = load_report(path)
    assert r.date is None and not r.section_text("六").endswith("2022年1月")
    assert "宁波市北仑区人民政府小港街道办事处\n2022" not in r.section_text("六")
    assert [f.code for f in r.import_findings if f.code.startswith("DATE")] == ["DATE-INVALID"]
