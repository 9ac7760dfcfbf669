"""Two reports in one file (last year's below this year's, or a neighbour office's pasted after):
the first is read, whole; the second's title and 前言 are not read into the first's 六 (they
were, said to stand after its 成文日期), and the finding says there are two reports, not that
the body was pasted twice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from app.reading import load_report
from app.schema import T3_COL_NATURAL, T3_NEW
from tests.thirdparty import HEADINGS, TABLE_WRITERS, Spec

_SAMPLE = Path(__file__).parent / "data" / "xiaogang-2021.txt"


def _report(d: docx.document.Document, organ: str, year: int, figure: str, title_lines: int) -> None:
    title = f"{organ}{year}年度政府信息公开工作年度报告"
    for line in ([title] if title_lines == 1 else [organ, title[len(organ):]]):
        d.add_paragraph(line)
    d.add_paragraph(f"本报告根据《中华人民共和国政府信息公开条例》编制，数据统计期限为{year}年1月1日至12月31日。")
    spec = Spec(t3={(T3_NEW, T3_COL_NATURAL): figure})
    for key, heading in HEADINGS.items():
        d.add_paragraph(heading)
        d.add_paragraph(f"{year}年本机关{key}部分的情况说明。")
        if key in TABLE_WRITERS:
            TABLE_WRITERS[key](d, spec)
    d.add_paragraph(organ)
    d.add_paragraph(f"{year + 1}年1月20日")


@pytest.mark.parametrize("second", [("某县某局", 2022), ("某县另一局", 2023)], ids=["last-year", "another-organ"])
@pytest.mark.parametrize("title_lines", [1, 2])
def test_the_first_of_two_reports_is_read_and_the_second_said(tmp_path: Path, second: tuple[str, int], title_lines: int) -> None:
    d = docx.Document()
    _report(d, "某县某局", 2023, "7", 1)
    _report(d, *second, "5", title_lines)
    path = tmp_path / "two.docx"
    d.save(str(path))
    r = load_report(path)
    assert (r.organ, r.year, r.date) == ("某县某局", 2023, dt.date(2024, 1, 20))
    assert r.tables["三"][(T3_NEW, T3_COL_NATURAL)] == 7
    assert {k: r.section_text(k) for k in HEADINGS} == {k: f"2023年本机关{k}部分的情况说明。" for k in HEADINGS}
    said = [(f.code, f.message) for f in r.import_findings]
    assert len(said) == 1 and said[0][0] == "DUP-PARAGRAPH", said
    assert "两份报告" in said[0][1] and f"{second[0]}{second[1]}年度" not in r.section_text("六")
    assert f"“{second[0]}{second[1]}年度政府信息公开工作年度报告”" in said[0][1]  # a title over two lines joined


def test_last_years_text_copy_below_this_years(tmp_path: Path) -> None:
    """The published sample copied as text, the year before's report after it."""
    lines = _SAMPLE.read_text(encoding="utf-8").splitlines()
    once = lines[:lines.index("一、总体情况", lines.index("一、总体情况") + 1)]
    before = [line.replace("2021", "2020").replace("2022", "2021") for line in once]
    plain, two = tmp_path / "plain.txt", tmp_path / "two.txt"
    plain.write_text("\n".join(once), encoding="utf-8")
    two.write_text("\n".join(once + before), encoding="utf-8")
    a, b = load_report(plain), load_report(two)
    assert {k: b.section_text(k) for k in a.sections} == {k: a.section_text(k) for k in a.sections}
    assert (b.organ, b.year, b.date, b.tables) == (a.organ, a.year, a.date, a.tables)
    said = [f.message for f in b.import_findings if f.code == "DUP-PARAGRAPH"]
    assert len(said) == 1 and "两份报告" in said[0] and "2020年度" in said[0], said
    assert [f.code for f in b.import_findings if f.code != "DUP-PARAGRAPH"] == [f.code for f in a.import_findings]


def test_a_body_pasted_twice_with_its_title_is_still_one_report(tmp_path: Path) -> None:
    """The same report twice, title and all: pasted twice, said so; its second title and 前言
    are not the end of 六."""
    d = docx.Document()
    _report(d, "某县某局", 2023, "7", 1)
    _report(d, "某县某局", 2023, "7", 1)
    path = tmp_path / "twice.docx"
    d.save(str(path))
    r = load_report(path)
    assert r.section_text("六") == "2023年本机关六部分的情况说明。"
    said = [(f.code, f.message) for f in r.import_findings]
    assert len(said) == 1 and "粘贴了两次" in said[0][1], said
