"""忽略此问题 in the domain and on the command line: a dismissal travels with the .docx, leaves
the exit code, and comes back undone when the cells or text it was about change."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from app import dismissals
from app.checks import run_all
from app.cli import main
from app.docx.writer import write_docx
from app.findings import BLANK_CELL, DUP_PHRASE, SECTION1_TOO_LONG, TEXT_TABLE_MISMATCH, Finding
from app.reading import load_report
from app.report import Paragraph, Report
from app.schema import (
    T3_COL_NATURAL,
    T3_NEW,
    T4_COL,
    T4_CORRECTED,
    T4_REVIEW_GROUP,
    T4_ROW,
    T4_UPHELD,
    TABLES,
    CellRef,
)
from app.values import zero

STUTTER = "我们加强政府政府信息公开平台建设。"
AT = dt.datetime(2025, 1, 10, 9, 30)


def clean_report() -> Report:
    r = Report(organ="某市某区某某街道办事处", year=2024, date=dt.date(2025, 1, 20))
    for key, spec in TABLES.items():
        for c in spec.cells:
            r.tables[key][(c.row, c.col)] = zero(c.kind)
    for key in TABLES:
        r.recompute(key)
    r.sections["前言"] = [Paragraph.plain("本报告依据《中华人民共和国政府信息公开条例》编制。")]
    r.sections["一"] = [Paragraph.plain("2024年，本街道认真落实政府信息公开各项工作。")]
    r.sections["五"] = [Paragraph.plain("存在的问题是公开内容不够全面。"), Paragraph.plain(STUTTER)]
    r.sections["六"] = [Paragraph.plain("本年度未收取信息处理费。")]
    return r


def only(report: Report, code: str) -> Finding:
    (f,) = [f for f in run_all(report) if f.code == code]
    return f


def dismiss(report: Report, finding: Finding, reason: str = "") -> None:
    found = run_all(report)
    fp = dismissals.fingerprints(report, found)[next(i for i, f in enumerate(found) if f == finding)]
    record = dismissals.dismissal(report, finding, fp, reason, by="张三", at=AT)
    dismissals.set_records(report, dismissals.records_with(report, [record]))


def active_codes(report: Report) -> list[str]:
    return [f.code for f in dismissals.split(report, run_all(report))[0]]


def test_the_clean_report_is_clean() -> None:
    r = clean_report()
    assert [f.code for f in run_all(r)] == [DUP_PHRASE.code]


def test_a_dismissal_travels_with_the_docx(tmp_path: Path) -> None:
    r = clean_report()
    dismiss(r, only(r, DUP_PHRASE.code), "“政府政府”是引用原文")
    assert active_codes(r) == []
    write_docx(r, tmp_path / "r.docx")
    back = load_report(tmp_path / "r.docx")
    active, dismissed = dismissals.split(back, run_all(back))
    assert active == []
    ((f, d),) = dismissed
    assert f.code == DUP_PHRASE.code
    assert (d.reason, d.by, d.at) == ("“政府政府”是引用原文", "张三", "2025-01-10T09:30:00")


def test_an_edit_elsewhere_keeps_it_an_edit_of_its_text_brings_it_back() -> None:
    r = clean_report()
    dismiss(r, only(r, DUP_PHRASE.code))
    r.sections["五"].insert(0, Paragraph.plain("新加的一段，在它前面。"))  # its paragraph number changes
    r.sections["一"][0] = Paragraph.plain("2024年，本街道认真落实各项工作。")
    r.set_value(CellRef("三", T3_NEW, T3_COL_NATURAL), 0)
    assert active_codes(r) == []
    r.sections["五"][2] = Paragraph.plain(STUTTER.replace("政府政府", "街道街道"))
    assert active_codes(r) == [DUP_PHRASE.code]


def test_a_cell_finding_comes_back_when_its_cells_change() -> None:
    r = clean_report()
    r.tables["四"][(T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_UPHELD])] = None
    r.recompute("四")
    dismiss(r, only(r, BLANK_CELL.code), "确无此项")
    assert BLANK_CELL.code not in active_codes(r)
    r.tables["四"][(T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_CORRECTED])] = None  # a second blank: the finding is about other cells now
    r.recompute("四")
    assert BLANK_CELL.code in active_codes(r)


def test_a_section_finding_follows_its_measure_not_every_edit_of_the_section() -> None:
    """“一、总体情况”过长 dismissed at 1,080 characters: a comma, a sentence, a rewrite of the
    same length keep it dismissed (the reviewer accepted that length); growing the section by
    more than a tenth brings it back, and trimming it back within a tenth dismisses it again.
    (Version 2 revived it on any edit of the section: a comma typed brought it back.)"""
    r = clean_report()
    r.sections["一"] = [Paragraph.plain("全面推进政务公开。" * 120)]
    dismiss(r, only(r, SECTION1_TOO_LONG.code))
    r.sections["六"].append(Paragraph.plain("其他事项。"))
    assert SECTION1_TOO_LONG.code not in active_codes(r)
    r.sections["一"].append(Paragraph.plain("又加了一句，"))  # 6 more characters: no new question
    assert SECTION1_TOO_LONG.code not in active_codes(r)
    r.sections["一"] = [Paragraph.plain("扎实做好政府信息公开。" * 99)]  # rewritten, 1,089 characters
    assert SECTION1_TOO_LONG.code not in active_codes(r)
    r.sections["一"] = [Paragraph.plain("全面推进政务公开。" * 140)]  # 1,260: more than a tenth longer
    assert SECTION1_TOO_LONG.code in active_codes(r)
    r.sections["一"] = [Paragraph.plain("全面推进政务公开。" * 125)]  # 1,125: within a tenth again
    assert SECTION1_TOO_LONG.code not in active_codes(r)


def test_a_fee_note_dismissed_comes_back_when_the_fee_figure_changes() -> None:
    """No fee note in 六 dismissed: edits of 六 keep it so; the table's fee figure that its
    message quotes changing materially brings it back."""
    from app.findings import FEE_NOT_REPORTED
    from app.schema import T3_COL_TOTAL, T3_FEE_UNPAID

    r = clean_report()
    r.sections["六"] = [Paragraph.plain("本年度无其他需要报告的事项。")]
    unpaid = CellRef("三", T3_FEE_UNPAID, T3_COL_NATURAL)
    r.set_value(unpaid, 10)
    assert r.value(CellRef("三", T3_FEE_UNPAID, T3_COL_TOTAL)) == 10
    dismiss(r, only(r, FEE_NOT_REPORTED.code), "收费情况见第三部分")
    r.sections["六"].append(Paragraph.plain("另：无。"))
    assert FEE_NOT_REPORTED.code not in active_codes(r)
    r.set_value(unpaid, 11)  # a tenth: the same question
    assert FEE_NOT_REPORTED.code not in active_codes(r)
    r.set_value(unpaid, 20)
    assert FEE_NOT_REPORTED.code in active_codes(r)
    r.set_value(unpaid, 0)  # another message (未收取也应写明): another finding
    assert FEE_NOT_REPORTED.code in active_codes(r)


def test_a_version_2_record_of_a_section_finding_is_honoured_then_follows_its_measure(tmp_path: Path) -> None:
    """A record written by version 2 (the section's text in its fingerprint) still dismisses
    its finding, is rewritten in the current form, and from then on survives small edits."""
    r = clean_report()
    r.sections["一"] = [Paragraph.plain("全面推进政务公开。" * 120)]
    found = run_all(r)
    finding = only(r, SECTION1_TOO_LONG.code)
    fp = dismissals._fingerprints(r, found, version=2)[found.index(finding)]
    assert fp.startswith("v2-") and fp not in dismissals.fingerprints(r, found)
    d = dismissals.dismissal(r, finding, fp, "版本2忽略的", by="李四", at=AT)
    r.extras[dismissals.KEY] = dismissals.records_with(r, [d])
    write_docx(r, tmp_path / "v2.docx")
    back = load_report(tmp_path / "v2.docx")
    assert SECTION1_TOO_LONG.code not in active_codes(back)
    (record,) = back.extras[dismissals.KEY]
    assert record["fingerprint"].startswith(dismissals.VERSION) and record["reason"] == "版本2忽略的"
    back.sections["一"].append(Paragraph.plain("又加了一句。"))
    assert SECTION1_TOO_LONG.code not in active_codes(back)


def test_a_mismatch_follows_both_the_sentence_and_the_cell() -> None:
    r = clean_report()
    r.sections["一"].append(Paragraph.plain("全年共收到政府信息公开申请5件。"))
    dismiss(r, only(r, TEXT_TABLE_MISMATCH.code), "含转办件")
    assert TEXT_TABLE_MISMATCH.code not in active_codes(r)
    r.set_value(CellRef("三", T3_NEW, T3_COL_NATURAL), 1)
    assert TEXT_TABLE_MISMATCH.code in active_codes(r)


def test_two_equal_findings_are_dismissed_one_at_a_time() -> None:
    r = clean_report()
    r.sections["五"].append(Paragraph.plain(STUTTER))
    first, second = [f for f in run_all(r) if f.code == DUP_PHRASE.code]
    dismiss(r, second)
    active, dismissed = dismissals.split(r, run_all(r))
    assert [f.location for f in active if f.code == DUP_PHRASE.code] == [first.location]
    assert [f.location for f, _ in dismissed] == [second.location]


@pytest.mark.parametrize("stored", [None, "x", [1, "a", {"code": "DUP-PHRASE"}], {"fingerprint": "x"}])
def test_malformed_records_are_ignored(stored: object) -> None:
    r = clean_report()
    r.extras[dismissals.KEY] = stored
    assert active_codes(r) == [DUP_PHRASE.code]


# -- the command line -----------------------------------------------------------------------------

def _file_with_a_dismissed_error(tmp_path: Path) -> Path:
    r = clean_report()
    r.sections["一"].append(Paragraph.plain("全年共收到政府信息公开申请5件。"))
    dismiss(r, only(r, TEXT_TABLE_MISMATCH.code), "含转办件")
    path = tmp_path / "r.docx"
    write_docx(r, path)
    return path


def test_check_lists_dismissed_apart_and_leaves_them_out_of_the_exit_code(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = _file_with_a_dismissed_error(tmp_path)
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    active, _, ignored = out.partition("已忽略 1 个")
    assert "共 0 个错误，1 个警告" in active and TEXT_TABLE_MISMATCH.code not in active
    assert TEXT_TABLE_MISMATCH.code in ignored and "理由：含转办件" in ignored and "张三" in ignored


def test_check_json_carries_the_dismissal(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = _file_with_a_dismissed_error(tmp_path)
    assert main(["check", "--json", str(path)]) == 0
    rows = json.loads(capsys.readouterr().out)
    (mismatch,) = [x for x in rows if x["code"] == TEXT_TABLE_MISMATCH.code]
    assert mismatch["dismissed"] == {"reason": "含转办件", "by": "张三", "at": "2025-01-10T09:30:00"}
    assert mismatch["severity"] == "error"
    others = [x for x in rows if x is not mismatch]
    assert others and all("dismissed" not in x for x in others)
    assert set(others[0]) == {"file", "code", "severity", "location", "message"}


def test_the_error_counts_again_once_its_cell_changes(tmp_path: Path) -> None:
    path = _file_with_a_dismissed_error(tmp_path)
    r = load_report(path)
    r.set_value(CellRef("三", T3_NEW, T3_COL_NATURAL), 2)
    write_docx(r, path)
    assert main(["check", str(path)]) == 1


# -- a dismissal follows its own passage ------------------------------------------------------------

def _stutters(report: Report) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(live, dismissed) DUP-PHRASE findings, each as (section, the paragraph's text)."""
    active, dismissed = dismissals.split(report, run_all(report))

    def where(f: Finding) -> tuple[str, str]:
        assert f.location.span is not None
        return f.location.section, report.sections[f.location.section][f.location.span.paragraph].text

    return ([where(f) for f in active if f.code == DUP_PHRASE.code],
            [where(f) for f, _ in dismissed if f.code == DUP_PHRASE.code])


NEW_STUTTER = "今年还将完善政府政府网站的栏目。"  # the same “政府政府”, in other words


LONG = "为进一步提高工作透明度，本年度我们加强政府政府信息公开平台建设，方便群众查阅各类政府信息。"


def long_report() -> Report:
    """The stutter with more than BESIDE characters either side in its paragraph."""
    r = clean_report()
    r.sections["五"][1] = Paragraph.plain(LONG)
    return r


@pytest.mark.parametrize("where", ["above", "below", "another section", "same paragraph, far before"])
def test_a_new_equal_stutter_is_a_new_live_finding(where: str) -> None:
    """A new “政府政府” typed anywhere else — above it too, where it comes first — is live; the
    dismissed one stays dismissed (by its text and its order alone, the new one above took the
    dismissal and the dismissed one came back)."""
    r = long_report()
    dismiss(r, only(r, DUP_PHRASE.code), "引用原文")
    mine = ("五", LONG)
    if where == "above":
        r.sections["五"].insert(0, Paragraph.plain(NEW_STUTTER))
        new = ("五", NEW_STUTTER)
    elif where == "below":
        r.sections["五"].append(Paragraph.plain(NEW_STUTTER))
        new = ("五", NEW_STUTTER)
    elif where == "another section":
        r.sections["一"].insert(0, Paragraph.plain(NEW_STUTTER))
        new = ("一", NEW_STUTTER)
    else:  # the new one earlier in the same paragraph, more than BESIDE characters before it
        text = NEW_STUTTER + LONG
        r.sections["五"][1] = Paragraph.plain(text)
        mine = new = ("五", text)
    live, dismissed = _stutters(r)
    assert live == [new] and dismissed == [mine]


def test_the_very_same_sentence_again_is_told_apart_only_by_its_order() -> None:
    """The same words with the same surroundings (the sentence pasted again): nothing tells
    them apart but their order, as before — the first one stays the dismissed one."""
    r = clean_report()
    dismiss(r, only(r, DUP_PHRASE.code))
    r.sections["五"].append(Paragraph.plain(STUTTER))
    live, dismissed = _stutters(r)
    assert len(live) == 1 and dismissed == [("五", STUTTER)]
    assert [f.location.span.paragraph for f, _ in dismissals.split(r, run_all(r))[1]  # type: ignore[union-attr]
            if f.code == DUP_PHRASE.code] == [1]


@pytest.mark.parametrize(("edited", "comes_back"), [
    (LONG.replace("为进一步提高", "为了提高"), False),  # words far before it
    (LONG.replace("查阅各类政府信息", "查阅"), False),  # words far after it
    (LONG.replace("我们加强", "我们 加强").replace("群众", "　群众"), False),  # spaces, full-width ones too
    (LONG.replace("工作透明度", "工作透明度ABC123"), False),  # width: ＡＢＣ１２３ is the same letters
    (LONG.replace("信息公开平台", "门户网站"), True),  # the words right after it
    (LONG.replace("本年度我们加强", "本年度我们建设"), True),  # the words right before it
])
def test_an_edit_of_its_sentence(edited: str, comes_back: bool) -> None:
    r = long_report()
    if "ABC" in edited:
        r.sections["五"][1] = Paragraph.plain(edited.replace("ABC123", "ＡＢＣ１２３"))
    dismiss(r, only(r, DUP_PHRASE.code))
    r.sections["五"][1] = Paragraph.plain(edited)
    live, dismissed = _stutters(r)
    assert (live, dismissed) == (([("五", edited)], []) if comes_back else ([], [("五", edited)]))


def test_it_follows_its_passage_after_save_and_reopen(tmp_path: Path) -> None:
    r = clean_report()
    dismiss(r, only(r, DUP_PHRASE.code), "引用原文")
    write_docx(r, tmp_path / "r.docx")
    back = load_report(tmp_path / "r.docx")
    back.sections["五"].insert(0, Paragraph.plain(NEW_STUTTER))  # typed above it after reopening
    write_docx(back, tmp_path / "r.docx")
    again = load_report(tmp_path / "r.docx")
    live, dismissed = _stutters(again)
    assert live == [("五", NEW_STUTTER)] and dismissed == [("五", STUTTER)]
    ((_, d),) = dismissals.split(again, run_all(again))[1]
    assert (d.reason, d.by) == ("引用原文", "张三")


def test_check_counts_a_new_equal_error_above_a_dismissed_one(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """The mismatch sentence dismissed; the same claim written again at the top of its part,
    before it: the new one is the error `check` counts and lists, the dismissed one (now the
    third paragraph) stays under 已忽略 with its reason."""
    path = _file_with_a_dismissed_error(tmp_path)
    r = load_report(path)
    r.sections["一"].insert(0, Paragraph.plain("本年度全年共收到政府信息公开申请5件。"))
    write_docx(r, path)
    assert main(["check", "--json", str(path)]) == 1
    rows = [x for x in json.loads(capsys.readouterr().out) if x["code"] == TEXT_TABLE_MISMATCH.code]
    assert sorted((x["location"], x.get("dismissed", {}).get("reason")) for x in rows) == [
        ("一、总体情况 第1段", None), ("一、总体情况 第3段", "含转办件")]


def test_a_cell_finding_is_keyed_by_its_cells() -> None:
    """A blank in another table is a finding of its own; the dismissed one stays dismissed."""
    r = clean_report()
    r.tables["四"][(T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_UPHELD])] = None
    r.recompute("四")
    dismiss(r, only(r, BLANK_CELL.code), "确无此项")
    r.tables["三"][(T3_NEW, T3_COL_NATURAL)] = None
    r.recompute("三")
    active, dismissed = dismissals.split(r, run_all(r))
    assert [f.location.section for f in active if f.code == BLANK_CELL.code] == ["三"]
    assert [f.location.section for f, _ in dismissed] == ["四"]


# -- an older version's records ------------------------------------------------------------------

def _old_record(report: Report, finding: Finding, reason: str) -> dict[str, str]:
    """A record as the previous version wrote it: the passage's text and its order, no words beside."""
    found = run_all(report)
    fp = dismissals._fingerprints(report, found, beside=False)[found.index(finding)]
    assert not fp.startswith(dismissals.VERSION)
    d = dismissals.dismissal(report, finding, fp, reason, by="李四", at=AT)
    return dismissals.records_with(report, [d])[0]


def test_an_older_record_is_honoured_after_reopening_then_follows_its_passage(tmp_path: Path) -> None:
    r = clean_report()
    r.extras[dismissals.KEY] = [_old_record(r, only(r, DUP_PHRASE.code), "旧版本忽略的")]
    write_docx(r, tmp_path / "old.docx")
    assert main(["check", str(tmp_path / "old.docx")]) == 0
    back = load_report(tmp_path / "old.docx")
    active, dismissed = dismissals.split(back, run_all(back))
    assert active == [] and [(d.reason, d.by) for _, d in dismissed] == [("旧版本忽略的", "李四")]
    (record,) = back.extras[dismissals.KEY]
    assert record["fingerprint"].startswith(dismissals.VERSION) and record["reason"] == "旧版本忽略的"
    back.sections["五"].insert(0, Paragraph.plain(NEW_STUTTER))  # now typed above it
    write_docx(back, tmp_path / "old.docx")
    live, dismissed_now = _stutters(load_report(tmp_path / "old.docx"))
    assert live == [("五", NEW_STUTTER)] and dismissed_now == [("五", STUTTER)]


def test_an_older_record_of_a_finding_gone_stays_as_it_was() -> None:
    r = clean_report()
    old = _old_record(r, only(r, DUP_PHRASE.code), "")
    r.extras[dismissals.KEY] = [old]
    r.sections["五"][1] = Paragraph.plain("我们加强政府信息公开平台建设。")
    assert dismissals.split(r, run_all(r)) == ([], [])
    assert r.extras[dismissals.KEY] == [old]


def test_a_paragraphs_place_is_no_measure_of_a_section_finding() -> None:
    """rev23 L4: TEXT-NOT-CHECKED (第1段有N字…) dismissed stays dismissed when a paragraph is typed
    above it (第1段→第2段); the paragraph growing by more than a tenth brings it back."""
    from app.findings import TEXT_NOT_CHECKED
    from app.limits import MAX_CHECKED_PARAGRAPH_CHARS

    unit = "本年度未收取信息处理费。"
    r = clean_report()
    r.sections["六"] = [Paragraph.plain(unit * (MAX_CHECKED_PARAGRAPH_CHARS // len(unit) + 10))]
    dismiss(r, only(r, TEXT_NOT_CHECKED.code), "附件全文，已核")
    r.sections["六"].insert(0, Paragraph.plain("另有说明如下。"))
    assert "第2段" in only(r, TEXT_NOT_CHECKED.code).message
    assert TEXT_NOT_CHECKED.code not in active_codes(r)
    r.sections["六"][1] = Paragraph.plain(r.sections["六"][1].text * 2)
    assert TEXT_NOT_CHECKED.code in active_codes(r)
