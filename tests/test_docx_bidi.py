"""Text Word lays out right to left (app/docx/bidi.py): a figure under a right-to-left override
(w:bdo w:val="rtl") reads as Word shows it, 2106 as 6012, with one warning at its cell; an
embedding (w:dir) or a right-to-left run (w:rtl) keeps a number's digits in their order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.reading import load_report
from app.report import Report
from app.schema import REQUESTS, T3_NEW, CellRef
from tests.conftest import rewrite_docx
from tests.thirdparty import Spec, build


def _t(text: str, rpr: str = "") -> str:
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _read(tmp_path: Path, runs: str, body: str = "") -> Report:
    """表三 本年新收 自然人 (2106) written as ``runs``; ``body`` a paragraph put before the first table."""
    src = build(Spec(t3={(T3_NEW, 0): "2106"}), tmp_path / "src.docx")

    def edit(xml: str) -> str:
        new, n = re.subn(r"<w:r>(?:(?!</w:r>).)*?<w:t>2106</w:t></w:r>", lambda m: runs, xml, count=1, flags=re.S)
        assert n == 1
        if body:
            new = new.replace("<w:tbl>", f"<w:p>{body}</w:p><w:tbl>", 1)
        return new
    return load_report(rewrite_docx(src, tmp_path / "cell.docx", edit))


def _reversed(report: Report) -> list[object]:
    return [f for f in report.import_findings if (f.code, f.kind) == ("HIDDEN-TEXT", "rtl")]


@pytest.mark.parametrize(("runs", "shown"), [
    ('<w:bdo w:val="rtl">' + _t("2106") + "</w:bdo>", 6012),
    ('<w:bdo w:val="rtl">' + _t("21") + _t("06") + "</w:bdo>", 6012),  # across runs: the runs' order turns too
    ('<w:bdo w:val="rtl"><w:r><w:t>21</w:t><w:t>06</w:t></w:r></w:bdo>', 6012),  # within a run
    ('<w:bdo w:val="rtl"><w:bdo w:val="rtl">' + _t("2106") + "</w:bdo></w:bdo>", 6012),  # nested: still one override
    ('<w:bdo w:val="rtl">' + _t("1") + '<w:bdo w:val="ltr">' + _t("20") + "</w:bdo>" + _t("6") + "</w:bdo>", 6201),
    ('<w:bdo w:val="ltr">' + _t("2106") + "</w:bdo>", 2106),
    ('<w:dir w:val="rtl">' + _t("2106") + "</w:dir>", 2106),  # an embedding: digits stay a left-to-right number
    (_t("2106", "<w:rPr><w:rtl/></w:rPr>"), 2106),
    ('<w:bdo w:val="rtl"><w:dir w:val="ltr">' + _t("2106") + "</w:dir></w:bdo>", 2106),
])
def test_a_figure_reads_as_word_lays_it_out(tmp_path: Path, runs: str, shown: int) -> None:
    report = _read(tmp_path, runs)
    assert report.tables[REQUESTS][(T3_NEW, 0)] == shown
    found = _reversed(report)
    assert len(found) == (1 if shown != 2106 else 0), found


def test_the_warning_names_the_cell_and_both_figures(tmp_path: Path) -> None:
    (finding,) = _reversed(_read(tmp_path, '<w:bdo w:val="rtl">' + _t("2106") + "</w:bdo>"))
    assert finding.location.cells == (CellRef(REQUESTS, T3_NEW, 0),)  # type: ignore[attr-defined]
    assert "“2106”显示为“6012”" in finding.message  # type: ignore[attr-defined]


def test_a_palindrome_under_an_override_is_nothing_to_report(tmp_path: Path) -> None:
    report = _read(tmp_path, '<w:bdo w:val="rtl">' + _t("1001") + "</w:bdo>")
    assert report.tables[REQUESTS][(T3_NEW, 0)] == 1001
    assert _reversed(report) == []


def test_an_override_in_prose_is_read_as_shown_and_counted(tmp_path: Path) -> None:
    report = _read(tmp_path, _t("2106"), '<w:bdo w:val="rtl">' + _t("件51请申到收") + "</w:bdo>")
    assert any("收到申请15件" in p.text for paras in report.sections.values() for p in paras)
    (finding,) = _reversed(report)
    assert "显示为“收到申请15件”" in finding.message  # type: ignore[attr-defined]
