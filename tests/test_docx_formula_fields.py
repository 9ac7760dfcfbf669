"""A formula field whose stored result is not its formula's (hostile15): { =100+21 } storing 21.
Word shows the stored 21 until the field is updated (F9; a field marked w:dirty is offered for
updating on opening); LibreOffice shows 121.  The 21 Word shows is read, and now said with both
figures (FIELD-STALE); it was silent.  A formula it does not compute (=SUM(ABOVE)), or one whose
stored result is right, says nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.findings import FIELD_STALE
from app.reading import load_report
from app.schema import REQUESTS, T3_NEW
from tests.test_docx_fields import _cell, _char, _code, _field, _r, _t
from tests.thirdparty import Spec, build


def _read(tmp_path: Path, runs: str) -> tuple[object, list[str]]:
    src = build(Spec(t3={(T3_NEW, 0): "37"}), tmp_path / "src.docx")
    report = load_report(_cell(runs, src, tmp_path / "cell.docx"))
    said = [f.message for f in report.import_findings if (f.code, f.kind) == (FIELD_STALE.code, FIELD_STALE.kind)]
    return report.tables[REQUESTS][(T3_NEW, 0)], said


def _dirty(code: str, result: str) -> str:
    return _r('<w:fldChar w:fldCharType="begin" w:dirty="true"/>') + code + _char("separate") + result + _char("end")


@pytest.mark.parametrize(("runs", "computed", "dirty"), [
    (_field(_code(" =100+21 "), _t("37")), "121", False),
    (_field(_code(" = 100 + 21 \\# \"0\" "), _t("37")), "121", False),  # a format switch is not the formula
    (_field(_code(" =(10+2)*10") + _code("+1 "), _t("37")), "121", False),  # the code in two runs
    (_dirty(_code(" =100+21 "), _t("37")), "121", True),
    ('<w:fldSimple w:instr=" =242/2 ">' + _t("37") + "</w:fldSimple>", "121", False),
    ('<w:fldSimple w:instr="=1/4" w:dirty="true">' + _t("37") + "</w:fldSimple>", "0.25", True),
    ('<w:fldSimple w:instr="=1/3">' + _t("37") + "</w:fldSimple>", "0.3333…", False),
])
def test_a_formula_storing_another_result_is_read_as_stored_and_said(tmp_path: Path, runs: str, computed: str,
                                                                       dirty: bool) -> None:
    value, said = _read(tmp_path, runs)
    assert value == 37  # what Word shows
    assert len(said) == 1 and f"算得{computed}，文件中保存的结果是“37”" in said[0], said
    assert ("标记为需要更新" in said[0]) == dirty


@pytest.mark.parametrize("runs", [
    _field(_code(" =30+7 "), _t("37")),  # stored right
    _field(_code(" =110/3 \\# \"0\" "), _t("37")),  # 36.67 rounded as its format shows it
    _field(_code(" =SUM(ABOVE) "), _t("37")),  # not computed here
    _field(_code(" =A1+B1 "), _t("37")),
    _field(_code(" PAGE "), _t("37")),
    '<w:fldSimple w:instr=" =74/2 ">' + _t("37") + "</w:fldSimple>",
    _field(_code(" =" + "(" * 150 + "1" + ")" * 150 + " "), _t("37")),  # past the length computed: not judged
])
def test_a_formula_not_judged_stale_says_nothing(tmp_path: Path, runs: str) -> None:
    value, said = _read(tmp_path, runs)
    assert value == 37 and not said, said


@pytest.mark.parametrize(("runs", "computed"), [
    # A product of more digits than decimal's context (28) rounds: it raised InvalidOperation and
    # the whole file was refused as 文件结构异常 (review16 M1); Word opens it and shows 37.
    (_field(_code(" =99999999999999999999*99999999999999999999 "), _t("37")),
     "9999999999999999999800000000" + "0" * 12),
    ('<w:fldSimple w:instr="=1/3">' + _t("37." + "0" * 40) + "</w:fldSimple>", "0.3333…"),
])
def test_a_formula_of_many_digits_is_read_and_said_not_refused(tmp_path: Path, runs: str, computed: str) -> None:
    src = build(Spec(t3={(T3_NEW, 0): "37"}), tmp_path / "src.docx")
    report = load_report(_cell(runs, src, tmp_path / "cell.docx"))
    said = [f.message for f in report.import_findings if (f.code, f.kind) == (FIELD_STALE.code, FIELD_STALE.kind)]
    assert len(said) == 1 and f"算得{computed}，" in said[0], said


def test_a_formula_stored_with_many_decimals_and_right_says_nothing(tmp_path: Path) -> None:
    _value, said = _read(tmp_path, '<w:fldSimple w:instr="=30+7">' + _t("37." + "0" * 40) + "</w:fldSimple>")
    assert not said, said
