"""A title's year is one number and a plausible one: a typo (20233, 99999, 9999, 1) is said,
never split into organ + year, never computed with, in every reader and in `new`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from app.io import save_report
from app.nextyear import next_year
from app.reading import load_report
from app.report import Report
from app.values import LAST_YEAR, plausible_year
from app.xlsx_write import write_xlsx
from tests.pdfmake import libreoffice_pdf, needs_soffice, ruled
from tests.thirdparty import Spec, build

DATA = Path(__file__).parent / "data"
NEXT = dt.date.today().year + 1  # this year's report is begun early; no clock decides more


@pytest.mark.parametrize(
    ("title", "organ", "year"),
    [
        ("某县某局20233年度政府信息公开工作年度报告", "某县某局", None),
        ("某县某局99999年度政府信息公开工作年度报告", "某县某局", None),
        ("某县某局9999年度政府信息公开工作年度报告", "某县某局", None),
        ("某县某局1年度政府信息公开工作年度报告", "某县某局", None),
        ("某县某局二〇二三三年度政府信息公开工作年度报告", "某县某局", None),
        ("某县某局2007年度政府信息公开工作年度报告", "某县某局", None),
        ("某县某局2008年度政府信息公开工作年度报告", "某县某局", 2008),
        (f"某县某局{NEXT}年度政府信息公开工作年度报告", "某县某局", NEXT),
        ("某县某局2100年度政府信息公开工作年度报告", "某县某局", 2100),
        ("某县某局2101年度政府信息公开工作年度报告", "某县某局", None),
        ("某县第一2023年度政府信息公开工作年度报告", "某县第一", 2023),
        ("某县第2中学2023年度政府信息公开工作年度报告", "某县第2中学", 2023),
        ("某县财政局2〇24年度政府信息公开工作年度报告", "某县财政局", 2024),
        # full-width digits (a Chinese IME's) are the year, not the end of the organ's name (d26/t05)
        ("某县某局２０２３年度政府信息公开工作年度报告", "某县某局", 2023),
        ("某县某局２〇２３年度政府信息公开工作年度报告", "某县某局", 2023),
        ("２０２３年度某县某局政府信息公开工作年度报告", "某县某局", 2023),
        ("某县第１中学２０２３年度政府信息公开工作年度报告", "某县第１中学", 2023),
        ("某县某局（２０２３年度）政府信息公开工作年度报告", "某县某局", 2023),
        ("某县某局２０２３３年度政府信息公开工作年度报告", "某县某局", None),
        ("某县某局二零二三年度政府信息公开工作年度报告", "某县某局", 2023),
        ("某县某局二O二三年度政府信息公开工作年度报告", "某县某局", 2023),  # a letter O for 〇
        ("某县某局二Ｏ二四年度政府信息公开工作年度报告", "某县某局", 2024),
        ("某县某局二０二三年度政府信息公开工作年度报告", "某县某局", 2023),
        ("某县OA办公室2023年度政府信息公开工作年度报告", "某县OA办公室", 2023),
    ],
)
def test_title_year_is_one_plausible_number(title: str, organ: str, year: int | None) -> None:
    from app.docx.reader import parse_title

    assert parse_title(title) == (organ, year)


def test_docx_title_in_full_width_digits(tmp_path: Path) -> None:
    r = load_report(build(Spec(title="某县某局２０２３年度政府信息公开工作年度报告"), tmp_path / "fw.docx"))
    assert (r.organ, r.year) == ("某县某局", 2023)


@pytest.mark.parametrize("written", ["２０２３３", "２０２３３"[:4] + "９"])
def test_full_width_typo_is_said_as_written(tmp_path: Path, written: str) -> None:
    r = load_report(build(Spec(title=f"某县某局{written}年度政府信息公开工作年度报告",
                               text={"一": ["本报告统计期限自2023年1月1日至12月31日。"]}), tmp_path / "fw.docx"))
    assert (r.organ, r.year) == ("某县某局", 2023)
    assert any(f"“{written}”不是有效年度" in m for m in _year_notes(r)), _year_notes(r)


def _year_notes(r: Report) -> list[str]:
    return [f.message for f in r.import_findings if f.code == "TITLE-NONSTANDARD"]


@pytest.mark.parametrize("written", ["20233", "99999", "9999"])
def test_docx_title_typo_is_said_and_the_year_taken_from_the_period(tmp_path: Path, written: str) -> None:
    spec = Spec(title=f"某县某局{written}年度政府信息公开工作年度报告",
                text={"一": ["本报告统计期限自2023年1月1日至12月31日。"], "五": ["问题。"], "六": ["无。"]})
    r = load_report(build(spec, tmp_path / "typo.docx"))
    assert (r.organ, r.year) == ("某县某局", 2023)
    assert any(f"“{written}”不是有效年度" in m for m in _year_notes(r))


def test_our_own_file_with_an_impossible_year_reads_back_whole(tmp_path: Path) -> None:
    for year in (9999, 10000):
        save_report(Report(organ="某县某局", year=year), tmp_path / f"{year}.docx")
        r = load_report(tmp_path / f"{year}.docx")
        assert (r.organ, r.year) == ("某县某局", None)
        assert any(f"“{year}”不是有效年度" in m for m in _year_notes(r))


def test_text_copy_title_typo(tmp_path: Path) -> None:
    text = (DATA / "xiaogang-2021.txt").read_text(encoding="utf-8")
    assert "2021年度政府信息公开工作年度报告" in text
    path = tmp_path / "typo.txt"
    path.write_text(text.replace("2021年度政府信息公开工作年度报告", "20213年度政府信息公开工作年度报告", 1), encoding="utf-8")
    r = load_report(path)
    good = load_report(DATA / "xiaogang-2021.txt")
    assert (r.organ, r.year) == (good.organ, 2021)
    assert any("“20213”不是有效年度" in m for m in _year_notes(r))


def test_saved_web_page_title_typo(tmp_path: Path) -> None:
    from tests.test_webcopy import page as web_page

    html = web_page({}).replace("2023年度政府信息公开", "20233年度政府信息公开", 1)
    page = tmp_path / "typo.html"
    page.write_text(html, encoding="utf-8")
    r = load_report(page)
    assert (r.organ, r.year) == ("某县人民政府办公室", 2023)  # from the 成文日期
    assert any("“20233”不是有效年度" in m for m in _year_notes(r))


@pytest.mark.skipif(needs_soffice, reason="LibreOffice prints the PDF")
def test_pdf_title_typo(tmp_path: Path) -> None:
    spec = Spec(title="某县某局20233年度政府信息公开工作年度报告",
                text={"一": ["本报告统计期限自2023年1月1日至12月31日。"], "五": ["问题。"], "六": ["无。"]})
    src = ruled(build(spec, tmp_path / "a.docx"), tmp_path / "typo.docx")
    r = load_report(libreoffice_pdf(src, tmp_path / "pdf"))
    assert (r.organ, r.year) == ("某县某局", 2023)
    assert any("“20233”不是有效年度" in m for m in _year_notes(r))


@pytest.mark.parametrize("written", [99999, "20233", 9999.0, "0001"])
def test_workbook_meta_year_typo(tmp_path: Path, written: object) -> None:
    write_xlsx(Report(organ="某县某局", year=2023), tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    ws = wb["基本信息"]
    row = next(r for r in ws.iter_rows() if r[0].value == "报告年度")
    row[1].value = written
    wb.save(tmp_path / "r.xlsx")
    r = load_report(tmp_path / "r.xlsx")
    assert (r.organ, r.year) == ("某县某局", None)
    assert any("不是有效年度" in m for m in _year_notes(r))


def test_workbook_plausible_year_still_read(tmp_path: Path) -> None:
    write_xlsx(Report(organ="某县某局", year=2023), tmp_path / "r.xlsx")
    assert load_report(tmp_path / "r.xlsx").year == 2023


def test_new_never_writes_an_impossible_year(tmp_path: Path) -> None:
    assert next_year(Report(organ="某局", year=2023)).year == 2024
    assert next_year(Report(organ="某局", year=9999)).year is None
    assert next_year(Report(organ="某局", year=LAST_YEAR)).year is None  # past the year box's last
    assert plausible_year(2008) and not plausible_year(2007) and not plausible_year(None)


@pytest.mark.parametrize("title", ["某县民政局政府信息公开工作2023年度报告", "关于某县民政局2023年度政府信息公开工作年度报告的公告",
                                   "某县民政局政务公开2023年度报告"])
def test_the_organ_is_read_without_the_works_name_or_a_leading_guanyu(tmp_path: Path, title: str) -> None:
    """The organ was read as “某县民政局政府信息公开工作” or “关于某县民政局”, and the standard
    title proposed from it (“某县民政局政府信息公开工作2023年度政府信息公开工作年度报告”)."""
    from tests.thirdparty import Spec, build

    r = load_report(build(Spec(organ="某县民政局", title=title), tmp_path / "t.docx"))
    assert (r.organ, r.year) == ("某县民政局", 2023)
    said = [f.message for f in r.import_findings if f.code == "TITLE-NONSTANDARD"]
    assert len(said) == 1 and said[0].endswith("应为“某县民政局2023年度政府信息公开工作年度报告”"), said


@pytest.mark.parametrize(("organ", "title"), [
    ("宁波市人民政府", "宁波市人民政府信息公开工作2023年度报告"),
    ("宁波市北仑区人民政府", "宁波市北仑区人民政府信息公开2023年度报告"),
    ("宁波市人民政府", "宁波市人民政府政府信息公开工作2023年度报告"),
    ("某县政府", "某县政府信息公开工作2023年度报告"),
    ("某县民政局", "某县民政局政府信息公开工作2023年度报告"),
    ("宁波市人民政府", "2023年宁波市人民政府信息公开工作年度报告"),
])
def test_a_government_sharing_its_zhengfu_with_the_works_name_keeps_it(tmp_path: Path, organ: str, title: str) -> None:
    """“宁波市人民政府信息公开工作2023年度报告” (the 政府 shared, a common contraction) was read as
    organ “宁波市人民”, and a wrong title proposed from it (rev22b M2)."""
    r = load_report(build(Spec(organ=organ, title=title), tmp_path / "t.docx"))
    assert (r.organ, r.year) == (organ, 2023)
    said = [f.message for f in r.import_findings if f.code == "TITLE-NONSTANDARD"]
    assert len(said) == 1 and said[0].endswith(f"应为“{organ}2023年度政府信息公开工作年度报告”"), said


@pytest.mark.parametrize("title", ["关于印发宁波市财政局2023年度政府信息公开工作年度报告的通知",
                                   "关于公布宁波市财政局2023年度政府信息公开工作年度报告的通知"])
def test_a_covering_notices_verb_is_no_part_of_the_organ(tmp_path: Path, title: str) -> None:
    """“关于印发某局…的通知” was read as organ “印发宁波市财政局” (rev22b M2)."""
    r = load_report(build(Spec(organ="宁波市财政局", title=title), tmp_path / "t.docx"))
    assert (r.organ, r.year) == ("宁波市财政局", 2023)


def test_a_title_naming_only_the_place_takes_the_signed_organ(tmp_path: Path) -> None:
    """“宁波市政务公开工作2023年度报告” signed 宁波市人民政府: the organ is the 落款's, not “宁波市”
    (rev22b M2: the 落款 was not consulted)."""
    r = load_report(build(Spec(organ="宁波市人民政府", title="宁波市政务公开工作2023年度报告"), tmp_path / "t.docx"))
    assert (r.organ, r.year) == ("宁波市人民政府", 2023)
    assert load_report(build(Spec(organ="宁波市财政局", title="宁波市财政局政务公开2023年度报告"),
                             tmp_path / "u.docx")).organ == "宁波市财政局"


_YEARS_IN_ORGANS = ["北京2022年冬奥会和冬残奥会组织委员会", "某县2020年第七次全国人口普查领导小组办公室",
                    "某市2023年度重点项目建设指挥部", "某县2022年工作专班", "第31届世界大学生夏季运动会执行局",
                    "某县九年一贯制学校", "某局2021年政府信息公开工作专班", "某局2020年度报告编写组"]


@pytest.mark.parametrize("organ", _YEARS_IN_ORGANS)
def test_an_organ_holding_a_year_reads_back_whole(tmp_path: Path, organ: str) -> None:
    """The report's year is the one its words follow, not the first in the title: such an organ
    once came back as “北京”, 2022, and the next save wrote that title.  Where the organ's own
    year is followed by such words too, our 落款 (the organ we wrote) says where the organ ends."""
    r = Report(organ=organ, year=2021, date=dt.date(2022, 1, 25))
    save_report(r, tmp_path / "r.docx")
    back = load_report(tmp_path / "r.docx")
    assert (back.organ, back.year) == (organ, 2021)


@pytest.mark.parametrize(("title", "organ", "year"), [
    ("北京2022年冬奥会和冬残奥会组织委员会2021年政府信息公开工作年度报告", "北京2022年冬奥会和冬残奥会组织委员会", 2021),
    ("北京2022年冬奥会和冬残奥会组织委员会（2021年度）政务公开工作年度报告", "北京2022年冬奥会和冬残奥会组织委员会", 2021),
    ("北京2022年冬奥会和冬残奥会组织委员会政府信息公开工作2021年度报告", "北京2022年冬奥会和冬残奥会组织委员会", 2021),
    ("2021年度北京2022年冬奥会和冬残奥会组织委员会政府信息公开工作年度报告", "北京2022年冬奥会和冬残奥会组织委员会", 2021),
    ("某县2022年工作专班20213年度政府信息公开工作年度报告", "某县2022年工作专班", None),
])
def test_a_third_party_title_whose_organ_holds_a_year(title: str, organ: str, year: int | None) -> None:
    from app.docx.reader import parse_title

    assert parse_title(title) == (organ, year)


@pytest.mark.parametrize("gap", ["\u3000", " ", "\t", "\u00a0", "\u3000\u3000"])
def test_an_organ_with_a_space_inside_reads_back_as_written(tmp_path: Path, gap: str) -> None:
    """Organs signing jointly (某县财政局　某县税务局): the title is read without its spaces, and a
    tab (w:tab) is not in a paragraph's plain text, so the organ came back as 某县财政局某县税务局
    and the next save wrote it so.  Our 落款 holds the organ as written."""
    organ = f"某县财政局{gap}某县税务局"
    save_report(Report(organ=organ, year=2023, date=dt.date(2024, 1, 20)), tmp_path / "r.docx")
    back = load_report(tmp_path / "r.docx")
    assert (back.organ, back.year) == (organ, 2023)
