"""Duplicates, stutters and text against tables (app/checks/text.py, mismatch.py), table-driven
with sentences of the kind published reports contain: those that must be flagged and those
that must not."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.checks import mismatch, run_all, text
from app.findings import Severity
from app.reading import load_report
from app.report import Paragraph, Report
from app.schema import (
    T2_ISSUED,
    T2_NORMATIVE,
    T2_REPEALED,
    T2_ROW,
    T3_CARRIED_IN,
    T3_CARRIED_OUT,
    T3_COL_BUSINESS,
    T3_COL_NATURAL,
    T3_COL_TOTAL,
    T3_DISCLOSED,
    T3_NEW,
    T3_PARTLY_DISCLOSED,
    T3_ROW,
    T4_COL,
    T4_REVIEW_GROUP,
    T4_ROW,
    T4_UPHELD,
    CellRef,
)


def report_with(**sections: list[str]) -> Report:
    r = Report(organ="某区某局", year=2023)
    for key, paras in sections.items():
        r.sections[key if key != "qy" else "前言"] = [Paragraph.plain(p) for p in paras]
    return r


# -- stutters -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "sentence",
    [
        "为确保工作有效开展，加强政府政府信息的管理、发布。",
        "进一步进一步加强依申请公开工作。",
        "全年共发布信息信息1200条。",
        "严格落实保密审查制度，严格落实保密审查制度，确保不泄密。",
        "做好政策解读的的工作。",
        "及时回应社会关切。。",
        "2023年2023年本机关共收到申请5件。",
    ],
)
def test_stutter_flagged(sentence: str) -> None:
    found = list(text.stutters(report_with(一=[sentence])))
    assert len(found) == 1 and found[0].code == "DUP-PHRASE"
    assert found[0].location.span is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "常常深入基层，人人知晓，年年考核，层层压实责任。",
        "对照清单一一核对，看看还有哪些不足。",
        "认认真真、扎扎实实、实实在在地做好每一项工作。",
        "为了了解群众需求，开展问卷调查。",
        "实现公开目的的关键在于制度。",
        "以及及时回应关切，可以以问题为导向。",
        "针对对象不同，分类分层推进。",
        "事事有回音，件件有落实，方方面面都要兼顾。",
        "依申请公开工作已经经过三轮整改，不了了之的现象不再出现。",
        "本机关2023年1月1日至2023年12月31日共收到申请12件。",
        "第二十条第（一）项、第二十条第（五）项。",
        "一要抓落实，二要抓统筹。",
    ],
)
def test_stutter_not_flagged(sentence: str) -> None:
    assert list(text.stutters(report_with(一=[sentence]))) == []


# -- duplicated passages ----------------------------------------------------------------------------

LONG = "街道成立了由党工委书记牵头的政府信息公开工作领导小组，负责统筹推进全街道政府信息公开工作。"


def test_same_passage_in_two_sections() -> None:
    r = report_with(一=["第一段。" + LONG], 五=["问题如下。" + LONG])
    (dup,) = [f for f in text.duplicates(r)]
    assert dup.location.section == "五" and dup.location.others[0].section == "一"
    assert "一、总体情况第1段" in dup.message and "五、存在的主要问题及改进情况第1段" in dup.message
    assert dup.severity is Severity.ERROR


def test_sentence_written_twice_in_one_paragraph() -> None:
    r = report_with(qy=[LONG + LONG])
    (dup,) = list(text.duplicates(r))
    assert "写了两遍" in dup.message
    assert dup.location.span is not None and dup.location.span.start == len(LONG)


def test_near_identical_repeat_counts_as_warning() -> None:
    near = LONG.replace("统筹推进", "统一推进")
    (dup,) = list(text.duplicates(report_with(一=[LONG], 六=[near])))
    assert dup.severity is Severity.WARNING and "几乎相同" in dup.message


def test_run_of_duplicated_sentences_is_one_finding() -> None:
    a = "本年度持续优化政府信息公开平台建设，及时更新栏目内容。"
    b = "本年度进一步规范依申请公开办理流程，严格按照法定时限答复。"
    r = report_with(一=[a + b], 五=[a + b])
    assert len(list(text.duplicates(r))) == 1


@pytest.mark.parametrize(
    "paras",
    [
        ["本机关严格落实政府信息公开条例的各项要求。", "本机关严格落实政务公开的各项要求并加以改进。"],
        ["短句重复。", "短句重复。"],  # under 20 characters: a phrase, not a passage
        ["2023年，本机关共收到政府信息公开申请12件，均已按时办结。", "2023年，本机关共制发行政规范性文件3件，废止1件。"],
    ],
)
def test_not_duplicates(paras: list[str]) -> None:
    assert list(text.duplicates(report_with(一=paras))) == []


def test_sample_report_defects_are_all_found(sample: Path) -> None:
    found = run_all(load_report(sample))
    by_code: dict[str, list[str]] = {}
    for f in found:
        by_code.setdefault(f.code, []).append(f.message)
    assert any("整篇正文粘贴了两次" in m and "政府政府" in m for m in by_code["DUP-PARAGRAPH"])
    assert any("前言第1段中写了两遍" in m for m in by_code["DUP-PARAGRAPH"])
    assert any("未收到政府信息公开申请" in m and "为1" in m for m in by_code["TEXT-TABLE-MISMATCH"])
    assert "BLANK-CELL" in by_code and "SECTION1-TOO-LONG" in by_code
    assert "DUP-PHRASE" not in by_code  # the first copy, which is read, has no stutter


# -- text against tables ------------------------------------------------------------------------------

def tabled() -> Report:
    """new 12 (自然人 10, 商业企业 2), carried in 2, results 13, carried out 1."""
    r = Report(organ="某局", year=2023)
    cells = {
        (T3_NEW, T3_COL_NATURAL): 10, (T3_NEW, T3_COL_BUSINESS): 2, (T3_CARRIED_IN, T3_COL_NATURAL): 2, (T3_DISCLOSED, T3_COL_NATURAL): 8, (T3_PARTLY_DISCLOSED, T3_COL_NATURAL): 2, (T3_ROW["1.属于国家秘密"], T3_COL_NATURAL): 1, (T3_ROW["1.本机关不掌握相关政府信息"], T3_COL_NATURAL): 2, (T3_CARRIED_OUT, T3_COL_NATURAL): 1,
    }
    for (row, col), v in cells.items():
        r.set_value(CellRef("三", row, col), v)
    r.set_value(CellRef("四", T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_UPHELD]), 1)
    r.set_value(CellRef("二", T2_NORMATIVE, T2_ISSUED), 3)
    r.set_value(CellRef("二", T2_NORMATIVE, T2_REPEALED), 1)
    r.set_value(CellRef("二", T2_ROW["行政规范性文件"], 2), 20)
    r.set_value(CellRef("二", T2_ROW["行政许可"], 0), 150)
    return r


def mismatches(sentence: str, key: str = "一") -> list[str]:
    r = tabled()
    r.sections[key] = [Paragraph.plain(sentence)]
    return [f.message for f in mismatch.check(r)]


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("2023年，本机关共收到政府信息公开申请15件。", "15"),
        ("全年共受理依申请公开十五件。", "15"),
        ("其中，予以公开10件，部分公开2件。", "予以公开"),
        ("结转下年度继续办理3件。", "结转"),
        ("2023年，本机关共收到政府信息公开申请12件，均已办结。", "结转"),
        ("本年度未收到政府信息公开申请。", "为12"),
        ("本年度未发生因政府信息公开被申请行政复议的情况。", "行政复议"),
        ("本年度制发行政规范性文件5件。", "本年制发件数"),
        ("现行有效行政规范性文件二十一件。", "现行有效"),
        ("全年作出行政许可决定120件。", "行政许可"),
        ("上年结转政府信息公开申请3件。", "上年结转"),
        ("共办结申请十件。", "（七）总计"),
    ],
)
def test_mismatch_flagged(sentence: str, words: str) -> None:
    found = mismatches(sentence)
    assert len(found) == 1 and words in found[0], found


@pytest.mark.parametrize(
    "sentence",
    [
        "2023年，本机关共收到政府信息公开申请12件，已办结13件。",
        "共收到政府信息公开申请14件（含上年结转2件）。",
        "其中，予以公开8件，部分公开2件，不予公开1件，无法提供2件。",
        "本年度办结政府信息公开申请13件，结转下年度继续办理1件。",
        "全年主动公开政府信息3500条，召开新闻发布会3次。",
        "公开行政处罚信息56条，行政许可信息200条。",
        "收到申请后20个工作日内予以答复。",
        "收到人大代表建议12件、政协提案8件。",
        "行政复议1件，结果维持。",
        "本年度共制发行政规范性文件3件，废止1件，现行有效20件。",
        "依申请公开答复率达100%。",
        "2023年1月1日至12月31日。",
    ],
)
def test_mismatch_not_flagged(sentence: str) -> None:
    assert mismatches(sentence) == []


def test_mismatch_location_has_span_and_cells() -> None:
    r = tabled()
    r.sections["六"] = [Paragraph.plain("说明：本年度未收到政府信息公开申请。")]
    (f,) = list(mismatch.check(r))
    assert f.location.section == "六" and f.location.span is not None
    assert r.sections["六"][0].text[f.location.span.start : f.location.span.end] == "未收到政府信息公开申请"
    assert f.location.cells == (CellRef("三", T3_NEW, T3_COL_TOTAL),)


def test_blank_table_says_nothing() -> None:
    r = Report()
    r.sections["一"] = [Paragraph.plain("共收到政府信息公开申请15件。")]
    assert list(mismatch.check(r)) == []


@pytest.mark.parametrize(("other", "flagged"), [(10, True), (1, False)])
def test_other_handling_high(other: int, flagged: bool) -> None:
    r = tabled()
    r.set_value(CellRef("三", T3_ROW["3.其他"], T3_COL_NATURAL), other)
    found = list(mismatch.other_handling(r))
    assert bool(found) is flagged
    if found:
        assert found[0].severity is Severity.INFO


@pytest.mark.parametrize(("s", "n"), [("12", 12), ("十二", 12), ("两", 2), ("一百零五", 105), ("二十", 20), ("三", 3)])
def test_chinese_numerals(s: str, n: int) -> None:
    assert mismatch.cn_number(s) == n


def test_a_passage_over_several_paragraphs_is_one_span() -> None:
    a = "本年度持续优化政府信息公开平台建设，及时更新栏目内容。"
    b = "本年度进一步规范依申请公开办理流程，严格按照法定时限答复。"
    r = report_with(一=[a, b, "其他内容，与上文不同的一段话，用来隔开两份。", a, b])
    (dup,) = list(text.duplicates(r))
    span = dup.location.span
    assert span is not None and (span.paragraph, span.start, span.last, span.end) == (3, 0, 4, len(b))
    assert span.parts({3: len(a), 4: len(b)}) == [(3, 0, len(a)), (4, 0, len(b))]


@pytest.mark.parametrize(
    "paragraph",
    [
        # Written the way published reports put it; each must be read as the table says.
        "县长信箱全年收到信件200件，办结80件。依申请公开方面，本年度共收到政府信息公开申请12件。",
        "本年度办理12345热线工单40件，已全部办结。本年度共收到政府信息公开申请12件。",
        "全年未收到行政许可申请。",
        "主动公开规范性文件6件，政策文件13件。",
        "共收到政府信息依申请公开14件次，已经答复13件，1件结转下年度继续办理。",
    ],
)
def test_real_report_wording_not_flagged(paragraph: str) -> None:
    assert mismatches(paragraph) == []


def test_zero_review_statement_with_application_wording() -> None:
    found = mismatches("本年度未发生因政府信息公开申请行政复议、提起行政诉讼情况。")
    assert len(found) == 1 and "行政复议" in found[0]


@pytest.mark.parametrize(
    "sentence",
    [
        "全年共收到政府信息公开申请12件。全年受理行政许可申请1200件，办结率100%。",
        "全年共收到政府信息公开申请12件。政务服务中心全年接收办件申请35000件。",
        "全年共收到政府信息公开申请12件。本年度收到咨询电话申请30次。",
        "全年共收到政府信息公开申请12件。全年共收到群众来信来访申请237件。",
        "全年共收到政府信息公开申请12件。本年度共受理行政复议申请5件（非政府信息公开类），均已办结。",
        "全年共收到政府信息公开申请12件。本局作为被告的行政诉讼案件共7件，均与政府信息公开无关。",
        "县政府全年办理行政复议案件40件。",
    ],
)
def test_other_applications_and_cases_are_not_compared(sentence: str) -> None:
    assert mismatches(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("本年度发生政府信息公开行政复议案件3件。", "行政复议"),
        ("全年收到公开政府信息的申请9件。", "9"),
        ("依申请公开受理量为20件。", "20"),
    ],
)
def test_gi_wording_still_compared(sentence: str, words: str) -> None:
    found = mismatches(sentence)
    assert len(found) == 1 and words in found[0], found


def test_answered_may_leave_out_other_handling() -> None:
    """“已答复11件，1件因申请人逾期未补正终止办理”: （七）总计 12 includes the terminated one."""
    r = tabled()
    r.set_value(CellRef("三", T3_ROW["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"], T3_COL_NATURAL), 1)  # （六）1. 逾期不补正 → （七）总计 14
    r.sections["一"] = [Paragraph.plain("全年共收到政府信息公开申请12件，已答复13件，1件因申请人逾期未补正终止办理。")]
    assert [f.message for f in mismatch.check(r)] == []


def test_answered_beside_other_dispositions_is_not_compared() -> None:
    assert mismatches("全年共收到政府信息公开申请12件，已答复11件，1件因申请人逾期未补正终止办理。") == []


# -- several results named together, and parts introduced by 其中 ---------------------------------
# tabled(): 予以公开 8, 部分公开 2, 不予公开 1, 无法提供 2, （七）总计 13, 新收 12.

@pytest.mark.parametrize(
    "sentence",
    [
        "全部公开和部分公开共10件。",
        "予以公开、部分公开合计10件。",
        "其中予以公开和部分公开10件，不予公开1件。",
        "予以公开和部分公开的申请10件。",
        "予以公开及部分公开共计十件。",
        "予以公开、部分公开分别为8件、2件。",
        "不予公开和无法提供共3件。",
        "共办结政府信息公开申请13件，其中以公开形式答复8件，无法提供2件。",
        "办结申请13件，其中当面答复3件，邮寄答复5件，网上答复5件。",
        "全年办结申请13件，以公开形式答复8件。",
        "共收到政府信息公开申请12件，其中通过网上收到政府信息公开申请10件。",
        "本年度共办结依申请公开13件，其中书面答复10件，电子邮件答复3件。",
    ],
)
def test_sums_and_parts_are_not_false_alarms(sentence: str) -> None:
    assert mismatches(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("全部公开和部分公开共12件。", "“予以公开”与“部分公开”各项之和为10"),
        ("予以公开、部分公开合计11件。", "之和为10"),
        ("予以公开和部分公开的申请9件。", "之和为10"),
        ("不予公开和无法提供共5件。", "“不予公开”与“无法提供”各项之和为3"),
        ("办结申请13件，其中予以公开9件。", "“予以公开”各项总计为8"),
        ("共收到政府信息公开申请12件，其中部分公开3件。", "“部分公开”各项总计为2"),
        ("全年共收到和处理申请14件。其中，新收政府信息公开申请15件，上年结转2件。", "为12"),
    ],
)
def test_sums_and_parts_still_compared(sentence: str, words: str) -> None:
    found = mismatches(sentence)
    assert len(found) == 1 and words in found[0], found


def test_the_4gram_choice_survives_its_memory_emptied_by_another_thread(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The batch window checks in a thread while the editor checks on its own: one may start
    the shared memory of chosen 4-grams afresh (it grew too big) while the other reads it."""
    from app.checks import text as text_checks

    sentence = "本机关全年共收到政府信息公开申请十五件，均已按时办结并依法答复。"
    expected = text_checks._grams(sentence)  # its grams are now in the memory
    assert 6 <= len(expected) < len(sentence) - 3  # a third of them: the choice is made
    text_checks._grams.cache_clear()
    memo = text_checks._memo

    class Raced(text_checks._Memo):
        def __init__(self) -> None:
            pass

        @property
        def known(self) -> set[str]:  # right as this check looks, another starts afresh
            text_checks.forget_grams()
            return memo.known

        @property
        def chosen(self) -> set[str]:
            return memo.chosen

    monkeypatch.setattr(text_checks, "_memo", Raced())
    assert text_checks._grams(sentence) == expected
    text_checks._grams.cache_clear()


# -- template paragraphs: similar, but not the same text ---------------------------------------

def _template(n: int) -> str:
    return f"附件说明第{n}段：本街道依法公开各类政府信息，及时回应群众关切，第{n}项工作按计划推进完成。"


def _numbered(n: int) -> str:
    return f"（{n}）全年通过政府网站发布信息{100 + n}条，其中政策解读{n}篇，回应关切第{n}批。"


def _chinese(n: int) -> str:
    word = "一二三四五六七八九"[n]
    return f"第{word}季度，本机关依法公开各类政府信息，及时回应群众关切，各项工作按计划推进完成。"


@pytest.mark.parametrize("make", [_template, _numbered, _chinese])
@pytest.mark.parametrize("count", [2, 3, 40])
def test_template_paragraphs_differing_in_figures_are_not_duplicates(make, count: int) -> None:  # type: ignore[no-untyped-def]
    """The GUI tester's 大报告.docx: 4,000 “附件说明第N段…第N项…” paragraphs were reported as
    near duplicates whose spans ran over 2, 4, 8 distinct paragraphs."""
    paras = [make(i % 9 if make is _chinese else i) for i in range(min(count, 9) if make is _chinese else count)]
    assert list(text.duplicates(report_with(六=paras))) == []


def test_figures_read_as_figures_not_words() -> None:
    assert text._figures("第十二项工作，收到申请5件，进一步统一推进，3.5万元") == ["十二", "5", "3.5万"]
    assert text.same_text(LONG, LONG.replace("统筹推进", "统一推进"))
    assert not text.same_text(_template(3), _template(4))


TOWNS = ["小港", "红联", "戚家", "大碶", "新碶", "霞浦", "柴桥", "春晓"]


def _town(t: str) -> str:
    return f"{t}社区依法公开各类政府信息，及时回应群众关切，各项工作均按计划推进完成。"


@pytest.mark.parametrize("count", [3, 4, 8])
def test_a_list_of_paragraphs_differing_in_a_name_is_not_duplicates(count: int) -> None:
    paras = ["各社区情况如下。", *map(_town, TOWNS[:count]), "以上为各社区情况。"]
    assert list(text.duplicates(report_with(六=paras))) == []


def test_two_paragraphs_differing_in_a_name_are_still_a_near_copy() -> None:
    """One paragraph pasted twice and edited looks the same as a list of two: reported."""
    (dup,) = list(text.duplicates(report_with(六=[_town("小港"), _town("红联")])))
    assert "几乎相同" in dup.message


def test_no_duplicate_span_covers_distinct_paragraphs() -> None:
    """Template paragraphs of two sentences, the first naming the 社区, the second the same in
    each: the repeated sentence is reported, never a span over a distinct named one."""
    tail = "全年共开展政务公开宣传活动多次，群众满意度进一步提升。"
    paras = [_town(t) + tail for t in TOWNS]
    found = list(text.duplicates(report_with(六=paras)))
    assert found
    for f in found:
        for loc in (f.location, *f.location.others):
            span = loc.span
            assert span is not None and span.last_paragraph == span.paragraph, f.message
            assert paras[span.paragraph][span.start : span.end] == tail, f.message


def test_a_doubled_block_of_template_paragraphs_is_still_one_finding() -> None:
    """A real paste twice of numbered paragraphs: the second block, whole, is the copy."""
    block = [_template(i) for i in range(1, 5)]
    r = report_with(六=["前文。", *block, "中间另起一段，与上下文都不同的说明文字。", *block])
    (dup,) = list(text.duplicates(r))
    span, other = dup.location.span, dup.location.others[0].span
    assert span is not None and other is not None
    assert (span.paragraph, span.last) == (6, 9) and (other.paragraph, other.last) == (1, 4)
    assert f"（{sum(len(p) for p in block)}字）" in dup.message and dup.severity is Severity.ERROR


def test_a_near_copy_with_the_same_figures_is_still_found() -> None:
    a = "本年度共收到政府信息公开申请12件，全部按时答复，未发生行政复议和行政诉讼。"
    b = a.replace("全部按时答复", "全都按时答复")
    (dup,) = list(text.duplicates(report_with(一=[a], 五=[b])))
    assert "几乎相同" in dup.message
    c = a.replace("12件", "13件")
    assert list(text.duplicates(report_with(一=[a], 五=[c]))) == []


def test_the_one_pattern_of_all_subjects_finds_the_sentences_each_subject_finds() -> None:
    """mismatch's _ANY_SUBJECT skips a sentence no subject's pattern matches; written with each
    pattern's leading words spread out (so the engine can skip to them), it must still match
    exactly the sentences one of the patterns matches."""
    from app.checks import mismatch
    from tests.realistic import _STATEMENTS, varied_report

    report = varied_report(30_000, seed=5, noisy=True)
    sentences = [m.group() for ps in report.sections.values() for p in ps
                 for m in mismatch._SENTENCE.finditer(p.text)]
    sentences += [*_STATEMENTS, "未发生行政复议", "没有收到政府信息公开申请", "均已按时办结", "印发规范性文件3件",
                  "全部按期答复", "已全部依法办结", "现行有效规范性文件12件", "不予公开和无法提供共5件",
                  "接到政府信息公开申请3件", "发布规范性文件2件", "公开政府信息申请数量为4件", "没有出现行政诉讼"]
    said = [s for s in sentences if any(subject.pattern.search(s) for subject in mismatch.SUBJECTS)]
    assert len(said) >= 20
    assert [s for s in sentences if mismatch._ANY_SUBJECT.search(s)] == said
