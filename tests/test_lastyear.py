"""Last year's report attached to this year's: stored in the .docx, checked live — carried-over
figures, sentences carried over unchanged, last year's figures left in the text, typing slips."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from app.checks import run_all
from app.findings import (
    CROSS_YEAR_CARRYOVER,
    CROSS_YEAR_CHANGE,
    CROSS_YEAR_IN_FORCE,
    SAME_AS_LAST_YEAR,
    SAME_FIGURES,
    SAME_SECTION_MOSTLY,
    SAME_SENTENCE,
    STALE_OPENING,
    STALE_YEAR,
    Finding,
    Severity,
)
from app.io import save_report
from app.lastyear import KEY, LastYear, attached, same_share
from app.nextyear import next_year, with_suggestion
from app.reading import load_report
from app.report import Paragraph, Report
from app.schema import T2_COL, T2_ROW, T3_CARRIED_IN, T3_CARRIED_OUT, T3_COL_TOTAL, T3_NEW, CellRef

RULES = T2_ROW["规章"]


def last_year() -> Report:
    r = Report(organ="某区某局", year=2023)
    r.sections["一"] = [
        Paragraph.plain("2023年，我局认真贯彻落实《条例》，不断提升政务公开质量。"),
        Paragraph.plain("2023年全区受理政府信息公开申请21件，均按时办结。"),
    ]
    r.sections["五"] = [Paragraph.plain("存在的问题是公开内容不够全面，下一步将加强培训。")]
    r.set_value(CellRef("三", T3_NEW, 0), 21)
    r.set_value(CellRef("三", T3_CARRIED_OUT, 0), 3)
    r.set_value(CellRef("二", RULES, T2_COL["现行有效件数"]), 12)
    r.set_value(CellRef("二", T2_ROW["行政事业性收费"], 0), Decimal("1.50"))
    return r


def of(findings: list[Finding], entry: object) -> list[Finding]:
    return [f for f in findings if f.declared is entry]


def test_the_pairing_travels_in_the_docx(tmp_path: Path) -> None:
    save_report(last_year(), tmp_path / "2023.docx")
    new = next_year(load_report(tmp_path / "2023.docx"), "2023.docx")
    save_report(new, tmp_path / "2024.docx")
    (tmp_path / "2023.docx").unlink()  # last year's file gone (another PC)
    back = load_report(tmp_path / "2024.docx")
    last = attached(back)
    assert last is not None and last.year == 2023 and last.source == "2023.docx"
    assert last.value("三", (T3_CARRIED_OUT, 0)) == 3
    assert last.value("二", (T2_ROW["行政事业性收费"], 0)) == Decimal("1.50")
    back.set_value(CellRef("三", T3_CARRIED_IN, 0), 5)  # not last year's 3
    assert of(run_all(back), CROSS_YEAR_CARRYOVER)


def test_a_broken_entry_is_no_last_year() -> None:
    r = Report()
    for junk in ("x", {"version": 99}, {"version": 1, "tables": {"三": [["a", 0, 1], [0, 0, -4], [999, 0, 1]]},
                                         "sections": {"一": [1, "好"], "无": ["x"]}}):
        r.extras[KEY] = junk
        last = attached(r)
        assert last is None or (all(v is None for v in last.tables["三"].values())
                                and last.sections == {"一": ["好"]})
        run_all(r)  # never raises


def test_every_carried_sentence_is_marked_until_rewritten() -> None:
    new = next_year(last_year())
    found = run_all(new)
    same = of(found, SAME_SENTENCE)
    stale = of(found, SAME_FIGURES)
    assert [f.location.span.paragraph for f in same if f.location.section == "一"] == [0]
    assert [f.location.section for f in stale] == ["一"] and "21" in stale[0].message
    assert of(found, STALE_YEAR) + of(found, STALE_OPENING)  # “2023年全区受理…” in a 2024 report: the dates check reused
    # The year changed (as 全部替换 does), the figure not: still last year's sentence.
    new.sections["一"][1] = Paragraph.plain("2024年全区受理政府信息公开申请21件，均按时办结。")
    assert of(run_all(new), SAME_FIGURES)
    new.sections["一"][1] = Paragraph.plain("2024年全区受理政府信息公开申请25件，均按时办结。")
    new.sections["一"][0] = Paragraph.plain("2024年，我局认真贯彻落实《条例》，持续提升政务公开质量。")
    found = run_all(new)
    assert not [f for f in of(found, SAME_SENTENCE) + of(found, SAME_FIGURES) if f.location.section == "一"]


def test_a_section_copied_whole_is_named_by_its_heading() -> None:
    """From the review: the message said “一”部分 / “五”部分 (the bare key)."""
    new = next_year(last_year())
    found = of(run_all(new), SAME_AS_LAST_YEAR)
    assert sorted(f.location.section for f in found) == ["一", "五"]
    messages = " ".join(f.message for f in found)
    assert "“一、总体情况”与上一年度报告完全相同" in messages and "部分" not in messages, messages


def test_share_per_section() -> None:
    last = LastYear.from_report(last_year()).sentence_words()
    assert same_share([p.text for p in last_year().sections["五"]], last) == 1.0
    assert same_share(["全新的一句话，与往年都不同。"], last) == 0.0
    mixed = same_share(["存在的问题是公开内容不够全面，下一步将加强培训。今年新增了十项制度建设。"], last)
    assert 0.5 < mixed < 0.9
    # Moved on to the next year (years, figures, punctuation) it is still last year's text, as
    # SAME-AS-LAST-YEAR counts it; a word rewritten is not
    assert same_share(["2024年全区受理政府信息公开申请35件，均按时办结"], last) == 1.0
    assert same_share(["2024年全区受理政府信息公开申请35件，大多按时办结。"], last) == 0.0


def test_in_force_follows_what_is_typed_until_set_by_hand() -> None:
    new = next_year(last_year())
    issued, repealed, in_force = (CellRef("二", RULES, T2_COL[k]) for k in ("本年制发件数", "本年废止件数", "现行有效件数"))
    for ref, value in with_suggestion(new, issued, 4):
        new.set_value(ref, value)
    assert new.value(in_force) == 16
    for ref, value in with_suggestion(new, repealed, 1):
        new.set_value(ref, value)
    assert new.value(in_force) == 15 and not of(run_all(new), CROSS_YEAR_IN_FORCE)
    new.set_value(in_force, 30)  # by hand (a 集中清理 explained in the text)
    assert with_suggestion(new, issued, 5) == [(issued, 5)]
    finding = of(run_all(new), CROSS_YEAR_IN_FORCE)[0]
    assert finding.fix is not None and finding.fix.edits == ((in_force, 15),)


def test_a_typing_slip_is_a_hint() -> None:
    new = next_year(last_year())
    new.set_value(CellRef("三", T3_NEW, 0), 210)  # last year 21
    hints = of(run_all(new), CROSS_YEAR_CHANGE)
    assert hints and all(f.severity.name == "INFO" for f in hints)
    assert any("10倍" in f.message for f in hints)
    new.set_value(CellRef("三", T3_NEW, 0), 0)
    hints = of(run_all(new), CROSS_YEAR_CHANGE)
    assert any(f.location.cells == (CellRef("三", T3_NEW, T3_COL_TOTAL),) and "变为0" in f.message for f in hints)
    new.set_value(CellRef("三", T3_NEW, 0), 25)
    assert not of(run_all(new), CROSS_YEAR_CHANGE)


def test_the_period_moves_on_across_runs() -> None:
    """Word splits “2021年1月1日---2021年12月31日” into runs; each year moves on, styles stay."""
    from app.report import Run

    last = last_year()
    last.sections["二"] = [Paragraph([Run("统计期限为"), Run("2023", bold=True), Run("年"), Run("1"), Run("月1日---20"),
                                     Run("23年12月31日"), Run("。2023年另有说明。")])]
    new = next_year(last)
    para = new.sections["二"][0]
    assert para.text == "统计期限为2024年1月1日---2024年12月31日。2023年另有说明。"
    assert para.runs[1].text == "2024" and para.runs[1].bold


def test_the_moved_on_period_is_not_last_years_figures() -> None:
    """“2024年1月1日至2024年12月31日” keeps last year's shape and its 1, 1, 12, 31: dates, not figures."""
    last = last_year()
    last.sections["前言"] = [Paragraph.plain("本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。")]
    new = next_year(last)
    assert "2024年1月1日" in new.section_text("前言")
    assert not [f for f in of(run_all(new), SAME_FIGURES) if f.location.section == "前言"]


# -- a section copied from last year however lightly it was touched (s12 guitest30 #1) -----------

def _copied(one: list[str], five: list[str] | None = None) -> list[Finding]:
    """Last year's report rolled over, with 一 (and 五) as given; its section findings."""
    new = next_year(last_year())
    new.sections["一"] = [Paragraph.plain(t) for t in one]
    if five is not None:
        new.sections["五"] = [Paragraph.plain(t) for t in five]
    return [f for f in run_all(new) if f.declared in (SAME_AS_LAST_YEAR, SAME_SECTION_MOSTLY)]


def _one(found: list[Finding]) -> Finding | None:
    return next((f for f in found if f.location.section == "一"), None)


@pytest.mark.parametrize(("one", "said"), [
    # 全部替换 “2023年”→“2024年”, what the README recommends after 从上年报告新建.
    (["2024年，我局认真贯彻落实《条例》，不断提升政务公开质量。", "2024年全区受理政府信息公开申请21件，均按时办结。"], "只改了年份"),
    # The year in Chinese numerals, and the year as a word (本年度 for 2023年).
    (["二〇二四年，我局认真贯彻落实《条例》，不断提升政务公开质量。", "本年度全区受理政府信息公开申请21件，均按时办结。"], "只改了年份"),
    # The figure updated with the year.
    (["2024年，我局认真贯彻落实《条例》，不断提升政务公开质量。", "2024年全区受理政府信息公开申请35件，均按时办结。"], "只改了年份、数字"),
    # Punctuation, spaces, full-width digits and the paragraphs joined: no word new.
    (["2023年我局认真贯彻落实条例，不断提升政务公开质量； ２０２３年全区受理政府信息公开申请21件，均按时办结！"], "只改了标点"),
    ([" 2023年，我局认真贯彻落实《条例》，不断提升政务公开质量。 ", "2023年全区受理政府信息公开申请２１件，均按时办结。"],
     "只改了空格或全半角"),
])
def test_a_section_moved_on_but_not_rewritten_is_still_an_error(one: list[str], said: str) -> None:
    f = _one(_copied(one))
    assert f is not None and f.declared is SAME_AS_LAST_YEAR and f.severity is Severity.ERROR
    assert f.message == f"“一、总体情况”与上一年度报告相比{said}，格式要求不得年年雷同"


def test_a_section_with_most_sentences_last_years_is_a_warning_saying_how_many() -> None:
    base = ["2024年，我局认真贯彻落实《条例》，不断提升政务公开质量。", "2024年全区受理政府信息公开申请30件，均按时办结。"]
    # One sentence of three new: two of three are last year's (years and figures aside).
    f = _one(_copied([*base, "本年度新建了政务公开专区，集中发布重点领域信息。"]))
    assert f is not None and f.declared is SAME_SECTION_MOSTLY and f.severity is Severity.WARNING
    assert f.message == "“一、总体情况”3句中有2句与上年报告相同（不计年份、数字和标点），请按本年情况改写"
    # Half rewritten is not “most”: no section finding (the sentence hint remains).
    assert _one(_copied([base[0], "本年度新建了政务公开专区，集中发布重点领域信息。"])) is None


def test_a_section_really_rewritten_is_not_flagged() -> None:
    found = _copied(["2024年，我局以数字化转型为抓手，上线了政务公开一网通平台。",
                     "全年受理政府信息公开申请35件，其中当面申请占四成，均在法定期限内答复。"],
                    ["存在的问题是基层公开人员流动较大，下一步将建立轮岗交接制度。"])
    assert found == []


def test_a_sentence_with_only_its_year_moved_on_is_still_hinted() -> None:
    new = next_year(last_year())
    new.sections["一"][0] = Paragraph.plain("2024年，我局认真贯彻落实《条例》，不断提升政务公开质量。")
    hints = [f for f in of(run_all(new), SAME_SENTENCE) if f.location.section == "一"]
    assert [f.location.span.paragraph for f in hints if f.location.span] == [0]
    assert "只改了年份" in hints[0].message


def test_a_dismissed_copied_section_stays_dismissed_when_its_years_move_on() -> None:
    """忽略此问题 on “完全相同” (a fingerprint written before this wording existed) holds after
    全部替换 “2023年”→“2024年”: the reviewer accepted the section as last year's."""
    from app import dismissals

    new = next_year(last_year())
    found = run_all(new)
    (same,) = [f for f in found if f.declared is SAME_AS_LAST_YEAR and f.location.section == "一"]
    assert "完全相同" in same.message
    fp = dismissals.fingerprints(new, found)[found.index(same)]
    record = dismissals.dismissal(new, same, fp, "沿用属实", by="张三")
    dismissals.set_records(new, dismissals.records_with(new, [record]))
    new.sections["一"] = [Paragraph.plain(p.text.replace("2023年", "2024年")) for p in new.sections["一"]]
    active, dismissed = dismissals.split(new, run_all(new))
    assert [f.message for f, _ in dismissed] == ["“一、总体情况”与上一年度报告相比只改了年份，格式要求不得年年雷同"]
    assert not [f for f in active if f.declared is SAME_AS_LAST_YEAR and f.location.section == "一"]
    # 五 was never dismissed: still counted.
    assert [f for f in active if f.declared is SAME_AS_LAST_YEAR and f.location.section == "五"]


def test_last_years_derived_text_follows_its_sections() -> None:
    """What the checks derive from last year's text is kept between runs, never past an edit of it."""
    last = LastYear.from_report(last_year())
    assert "存在的问题是公开内容不够全面,下一步将加强培训" in last.sentences()
    last.sections["五"] = ["今年发现的问题是网站栏目更新不及时。"]
    assert "存在的问题是公开内容不够全面,下一步将加强培训" not in last.sentences()
    assert "今年发现的问题是网站栏目更新不及时" in last.sentences()
    assert last.folded_section("五")[0] == "今年发现的问题是网站栏目更新不及时."
