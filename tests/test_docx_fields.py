"""A Word field is read as Word shows it: its result, never its code.  A field nested in
another's instruction ({ IF 1 = 1 "{ =5+5 }" "0" } cached as 28) is part of that code: its
result 10 was read before the 28 (1028, and every total of the row off by 1000 for a table
that is right in Word; a file of ours was then saved with 1028 over the real figures)."""

from __future__ import annotations

import re
from pathlib import Path

from app.io import save_report
from app.reading import load_report
from app.report import Report
from app.schema import REQUESTS, T3_NEW, CellRef
from tests.conftest import rewrite_docx
from tests.thirdparty import Spec, build

_RPR = '<w:rPr><w:sz w:val="21"/></w:rPr>'


def _r(inner: str) -> str:
    return f"<w:r>{_RPR}{inner}</w:r>"


def _t(text: str) -> str:
    return _r(f'<w:t xml:space="preserve">{text}</w:t>')


def _char(kind: str) -> str:
    return _r(f'<w:fldChar w:fldCharType="{kind}"/>')


def _code(text: str) -> str:
    return _r(f'<w:instrText xml:space="preserve">{text}</w:instrText>')


def _field(code: str, result: str | None) -> str:
    """A complex field: begin, ``code`` (runs), separate and ``result`` (runs) unless None, end."""
    shown = "" if result is None else _char("separate") + result
    return _char("begin") + code + shown + _char("end")


INNER = _field(_code(" =5+5 "), _t("10"))  # { =5+5 }, its cached 10
NESTED = _field(_code(' IF 1 = 1 "') + INNER + _code('" "0" '), _t("28"))  # Word shows 28


def _cell(runs: str, src: Path, dest: Path) -> Path:
    """``src`` with 表三 本年新收 自然人 (37) written as ``runs``."""
    def edit(xml: str) -> str:
        new, n = re.subn(r"<w:r>(?:(?!</w:r>).)*?<w:t(?: [^>]*)?>37</w:t></w:r>", lambda m: runs, xml, count=1, flags=re.S)
        assert n == 1
        return new
    return rewrite_docx(src, dest, edit)


def _read(tmp_path: Path, runs: str) -> object:
    src = build(Spec(t3={(T3_NEW, 0): "37"}), tmp_path / "src.docx")
    return load_report(_cell(runs, src, tmp_path / "cell.docx")).tables[REQUESTS][(T3_NEW, 0)]


def test_a_field_nested_in_an_instruction_is_code(tmp_path: Path) -> None:
    assert _read(tmp_path, NESTED) == 28


def test_a_simple_field_nested_in_an_instruction_is_code(tmp_path: Path) -> None:
    simple = f'<w:fldSimple w:instr=" =5+5 ">{_t("10")}</w:fldSimple>'
    runs = _field(_code(' IF 1 = 1 "') + simple + _code('" "0" '), _t("28"))
    assert _read(tmp_path, runs) == 28


def test_a_field_nested_in_a_result_shows_its_result(tmp_path: Path) -> None:
    """The control: a field inside another's result is shown (28 = “2” and { =4+4 } cached 8)."""
    runs = _field(_code(" QUOTE "), _t("2") + _field(_code(" =4+4 "), _t("8")))
    assert _read(tmp_path, runs) == 28


def test_deeper_nesting_and_a_field_without_result(tmp_path: Path) -> None:
    """Three deep inside the code; a field with no separate shows nothing, beside it 28."""
    deep = _field(_code(" IF ") + _field(_code(" IF ") + INNER + _code(" 1 "), _t("77")) + _code(" 2 "), _t("28"))
    assert _read(tmp_path, deep) == 28
    assert _read(tmp_path, _field(_code(" =SUM(LEFT) "), None) + _t("28")) == 28
    assert _read(tmp_path, _field(_code(" =SUM(LEFT) "), None)) is None


def test_a_nested_field_split_across_a_tab_and_a_break_in_its_code(tmp_path: Path) -> None:
    """What a code's nested result holds beside text (a tab, a break) is code too: the cell
    reads 28, not “10⇥28” nor two lines."""
    inner = _field(_code(" QUOTE "), _r('<w:t>1</w:t><w:tab/><w:t>0</w:t><w:br/>'))
    assert _read(tmp_path, _field(_code(" IF ") + inner, _t("28"))) == 28


def test_a_field_left_open_keeps_its_text(tmp_path: Path) -> None:
    """A damaged file: a begin without its end.  What Word would show cannot be told; nothing
    is dropped on a guess (the result after its separate is read, as before)."""
    assert _read(tmp_path, _char("begin") + _code(" =SUM(LEFT) ") + _char("separate") + _t("28")) == 28


def _opened(tmp_path: Path, runs: str) -> Report:
    src = build(Spec(t3={(T3_NEW, 0): "37"}), tmp_path / "src.docx")
    return load_report(_cell(runs, src, tmp_path / "cell.docx"))


def test_a_field_left_open_is_one_warning_at_its_table(tmp_path: Path) -> None:
    """The place is named: the table (and the paragraph's text) where the field begins."""
    report = _opened(tmp_path, _char("begin") + _code(" =SUM(LEFT) ") + _char("separate") + _t("28"))
    (found,) = [f for f in report.import_findings if f.code == "FIELD-OPEN"]
    assert found.location.section == REQUESTS
    assert "1处域只有开始标记、没有结束标记（在“28”一段）" in found.message


def test_a_field_left_open_before_its_separate_is_one_warning_too(tmp_path: Path) -> None:
    report = _opened(tmp_path, _char("begin") + _code(" =5 ") + _t("28"))
    assert report.tables[REQUESTS][(T3_NEW, 0)] == 28  # read as written: nothing dropped on a guess
    assert [f.code for f in report.import_findings if f.code == "FIELD-OPEN"] == ["FIELD-OPEN"]


def test_closed_fields_give_no_warning(tmp_path: Path) -> None:
    report = _opened(tmp_path, NESTED)
    assert report.tables[REQUESTS][(T3_NEW, 0)] == 28
    assert not [f for f in report.import_findings if f.code == "FIELD-OPEN"]


def test_a_field_deleted_with_tracked_changes_does_not_hide_what_follows(tmp_path: Path) -> None:
    """A deleted begin (its end deleted too, as Word deletes a field) is no field once accepted."""
    deleted = f'<w:del w:id="1" w:author="某" w:date="2024-01-01T00:00:00Z">{_char("begin")}{_code(" X ")}</w:del>'
    runs = deleted + _t("28") + f'<w:del w:id="2" w:author="某" w:date="2024-01-01T00:00:00Z">{_char("end")}</w:del>'
    assert _read(tmp_path, runs) == 28


def test_a_field_in_prose_reads_its_result(tmp_path: Path) -> None:
    src = build(Spec(t3={(T3_NEW, 0): "37"}, text={"一": ["本年共收到申请37件。"]}), tmp_path / "src.docx")

    def edit(xml: str) -> str:
        new, n = re.subn(r"本年共收到申请37件。", lambda m: "本年共收到申请</w:t></w:r>" + NESTED + "<w:r><w:t>件。", xml, count=1)
        assert n == 1
        return new
    report = load_report(rewrite_docx(src, tmp_path / "prose.docx", edit))
    prose = report.section_text("一")
    assert "本年共收到申请28件。" in prose, prose


def test_our_own_file_saved_again_keeps_the_shown_figure(tmp_path: Path) -> None:
    """A file of ours whose figure someone replaced by the nested field in Word: read 28,
    saved and read again 28 — never 1028 written over it."""
    report = Report(organ="某县某局", year=2023)
    report.set_value(CellRef(REQUESTS, T3_NEW, 0), 37)
    ours = tmp_path / "ours.docx"
    save_report(report, ours)
    edited = _cell(NESTED, ours, tmp_path / "edited.docx")
    back = load_report(edited)
    assert back.tables[REQUESTS][(T3_NEW, 0)] == 28
    save_report(back, tmp_path / "again.docx")
    assert load_report(tmp_path / "again.docx").tables[REQUESTS][(T3_NEW, 0)] == 28
