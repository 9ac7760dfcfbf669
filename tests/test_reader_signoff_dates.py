"""落款 dates as some offices write them: to the month only (“2024年1月”), or labelled
(“日期：2024年1月20日”, “成文日期：…”).  Each is the 落款: the organ and date lines are no text
of 六 (they were, and the report saved them there above its own 落款), and the date is taken
or, written to the month only, said (never a day guessed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from app.checks import run_all
from app.reading import load_report
from tests.thirdparty import Spec, build

ORGAN = "某市某区人民政府某某街道办事处"


@pytest.mark.parametrize(("written", "date", "said"), [
    ("2024年1月", None, "DATE-INVALID"),
    ("日期：2024年1月20日", dt.date(2024, 1, 20), "DATE-FORMAT"),
    ("成文日期：2024年1月20日", dt.date(2024, 1, 20), "DATE-FORMAT"),
    # In brackets or with its weekday (rev24a L15): before, DATE-MISSING and both lines kept as text of 六.
    ("（2024年1月20日）", dt.date(2024, 1, 20), "DATE-FORMAT"),
    ("(2024年1月20日)", dt.date(2024, 1, 20), "DATE-FORMAT"),
    ("2024年1月20日（星期六）", dt.date(2024, 1, 20), "DATE-FORMAT"),
    ("2024年1月20日星期六", dt.date(2024, 1, 20), "DATE-FORMAT"),
])
def test_a_signoff_date_written_otherwise_is_the_signoff(tmp_path: Path, written: str, date: dt.date | None, said: str) -> None:
    r = load_report(build(Spec(organ=ORGAN, date=written, text={"六": ["本年度无其他需要报告的事项。"]}), tmp_path / "d.docx"))
    assert r.section_text("六") == "本年度无其他需要报告的事项。"
    assert r.date == date and r.organ == ORGAN
    found = [(f.code, f.message) for f in run_all(r) if f.code.startswith("DATE")]
    assert [c for c, _ in found] == [said] and written in found[0][1], found


def _under_title(tmp_path: Path, under: str, signed: str) -> Path:
    """The report with ``under`` as a line right under its title and ``signed`` as its 落款's date."""
    path = build(Spec(organ=ORGAN, date=signed or "x"), tmp_path / "t.docx")
    doc = docx.Document(str(path))
    if not signed:
        last = doc.paragraphs[-1]._p
        last.getparent().remove(last)
    doc.paragraphs[1].insert_paragraph_before(under)
    doc.save(str(path))
    return path


def test_a_date_under_the_title_is_the_date_of_a_report_signed_without_one(tmp_path: Path) -> None:
    """As web-published reports print it (rev24a L15): before, DATE-MISSING and the line was 前言's."""
    r = load_report(_under_title(tmp_path, "（2024年1月20日）", ""))
    assert r.date == dt.date(2024, 1, 20) and r.organ == ORGAN
    assert "2024年1月20日" not in r.section_text("前言")


@pytest.mark.parametrize(("under", "kept"), [("（2024年1月20日）", False), ("（2024年2月1日）", True)])
def test_a_date_under_the_title_beside_the_signoffs(tmp_path: Path, under: str, kept: bool) -> None:
    """The same date is not read twice; another one stays text, where the author sees it."""
    r = load_report(_under_title(tmp_path, under, "2024年1月20日"))
    assert r.date == dt.date(2024, 1, 20)
    assert (under in r.section_text("前言")) == kept


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
