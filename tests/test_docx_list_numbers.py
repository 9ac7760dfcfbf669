"""A list (自动编号) applied over a column of figures shows its number before each one: Word
shows “1.⇥21”, “1⇥28”.  The number is the list's, not part of the figure: the cell reads 21
and 28, and one note says the numbers were left out — never 1.21 万元 nor 128 件 (the number's
tab or space was lost and the two were glued, with no finding).  A number alone in its cell is
what Word shows there and is read; a numbered row label keeps its number."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.findings import VALUE_LIST_NUMBER
from app.reading import load_report
from app.report import Report
from app.schema import PROACTIVE, REQUESTS, T2_FEES, T2_ONLY_COL, T3_CARRIED_IN, T3_NEW
from tests.conftest import rewrite_docx
from tests.thirdparty import Spec, build

_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _numbering(text: str, suffix: str | None, start: int = 1) -> str:
    suff = f'<w:suff w:val="{suffix}"/>' if suffix else ""  # none written: a tab, Word's default
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {_NS}>'
            f'<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
            f'<w:numFmt w:val="decimal"/><w:lvlText w:val="{text}"/>{suff}</w:lvl></w:abstractNum>'
            '<w:num w:numId="7"><w:abstractNumId w:val="7"/></w:num></w:numbering>')


def _numbered(tmp_path: Path, spec: Spec, figures: list[str], text: str, suffix: str | None,
              start: int = 1, typed: bool = True) -> Report:
    """``spec`` built, the paragraphs holding ``figures`` put in one list (“%1.” …); ``typed``
    False: their text then taken out (the list's number alone in the cell)."""
    src = build(spec, tmp_path / "src.docx")

    def document(xml: str) -> str:
        for figure in figures:
            xml, n = re.subn(rf"<w:p>(<w:r><w:t>{figure}</w:t>)",
                             r'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr></w:pPr>\1',
                             xml, count=1)
            assert n == 1, figure
            if not typed:
                xml = xml.replace(f"<w:t>{figure}</w:t>", "<w:t></w:t>", 1)
        return xml
    listed = rewrite_docx(src, tmp_path / "listed.docx", document)
    out = rewrite_docx(listed, tmp_path / "numbered.docx", lambda _: _numbering(text, suffix, start),
                       part="word/numbering.xml")
    return load_report(out)


def _notes(report: Report) -> list[str]:
    return [f.message for f in report.import_findings if (f.code, f.kind) == (VALUE_LIST_NUMBER.code, VALUE_LIST_NUMBER.kind)]


@pytest.mark.parametrize("suffix", [None, "tab", "space", "nothing"])
def test_a_numbered_amount_reads_without_its_number(tmp_path: Path, suffix: str | None) -> None:
    """表二 行政事业性收费 21 (万元) in a “%1.” list: Word shows “1.⇥21” (or “1. 21”, “1.21”)."""
    report = _numbered(tmp_path, Spec(t2={(T2_FEES, T2_ONLY_COL): "21"}), ["21"], "%1.", suffix)
    assert report.tables[PROACTIVE][(T2_FEES, T2_ONLY_COL)] == 21
    assert _notes(report) == ["表格中有1个单元格的数字前有自动编号（如“1.”），编号未计入数字；请核对这些单元格，在 Word/WPS 中取消这些单元格的编号"]


def test_numbered_counts_read_without_their_numbers(tmp_path: Path) -> None:
    """表三 一 and 二 自然人…其他 (six figures each) in a “%1” list: “1⇥28” is 28, never 128."""
    new = [str(40 + c) for c in range(6)]
    carried = [str(28 + c) for c in range(6)]
    spec = Spec(t3={**{(T3_NEW, c): v for c, v in enumerate(new)}, **{(T3_CARRIED_IN, c): v for c, v in enumerate(carried)}})
    report = _numbered(tmp_path, spec, carried, "%1", "tab")
    assert [report.tables[REQUESTS][(T3_CARRIED_IN, c)] for c in range(6)] == [int(v) for v in carried]
    assert [report.tables[REQUESTS][(T3_NEW, c)] for c in range(6)] == [int(v) for v in new]
    assert len(_notes(report)) == 1 and "6个单元格" in _notes(report)[0] and "“1”" in _notes(report)[0]


def test_a_number_alone_in_its_cell_is_what_word_shows(tmp_path: Path) -> None:
    """The cell's paragraph is empty; the list (starting at 28) shows 28 there and nothing else."""
    report = _numbered(tmp_path, Spec(t3={(T3_NEW, 0): "99"}), ["99"], "%1", "nothing", start=28, typed=False)
    assert report.tables[REQUESTS][(T3_NEW, 0)] == 28
    assert _notes(report) == []
