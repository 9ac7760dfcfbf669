"""Our own output reads back losslessly: report → .docx → report is equal, runs and styles
included (a property test over generated reports), and the sample survives the trip."""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.io import save_report
from app.reading import load_report
from app.report import Paragraph, ParaKind, Report, Run
from app.schema import (
    ALL_TEXT_KEYS,
    T2_FEES,
    T2_ONLY_COL,
    T3_COL_NATURAL,
    T3_COL_TOTAL,
    T3_NEW,
    TABLES,
    CellRef,
    Kind,
)

# Chinese text with the punctuation, digits and Latin letters real reports contain.
TEXT = st.text(
    alphabet=st.sampled_from(list("政府信息公开工作年度报告申请办理一二三四五六（）、。，；：“”《》0123456789abcXYZ .%-")),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() == s and s)

RUNS = st.lists(
    st.builds(Run, TEXT, st.booleans(), st.booleans(), st.booleans()), min_size=1, max_size=4
)
PARAGRAPHS = st.lists(st.builds(Paragraph, RUNS, st.sampled_from(list(ParaKind))), max_size=4)
COUNT = st.one_of(st.none(), st.integers(min_value=0, max_value=10**6))
AMOUNT = st.one_of(
    st.none(), st.decimals(min_value=0, max_value=10**7, places=6, allow_nan=False, allow_infinity=False)
)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    r = Report(
        organ=draw(st.text(alphabet=st.sampled_from(list("某市县区人民政府街道办事处财政局")), min_size=2, max_size=20)),
        year=draw(st.integers(min_value=2019, max_value=2035)),
        date=draw(st.one_of(st.none(), st.dates(dt.date(2020, 1, 1), dt.date(2036, 12, 31)))),
    )
    for key in ALL_TEXT_KEYS:
        r.sections[key] = draw(PARAGRAPHS)
    for key, spec in TABLES.items():
        for cell in spec.cells:
            value = draw(AMOUNT if cell.kind is Kind.AMOUNT else COUNT)
            r.tables[key][(cell.row, cell.col)] = value  # totals as stated, right or wrong
    return r


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_report_docx_report_is_lossless(report: Report) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.docx"
        save_report(report, path)
        back = load_report(path)
    assert back.normalized() == report.normalized()
    # Nothing noted about a file we wrote — but that a report saved without one figure has none
    # (NO-FIGURES, said of any file read so, ours too: `check` counts it as an error).
    assert [f.code for f in back.import_findings] == ([] if report.has_figures() else ["NO-FIGURES"])


def test_sample_round_trip(sample: Path, tmp_path: Path) -> None:
    first = load_report(sample)
    save_report(first, tmp_path / "again.docx")
    second = load_report(tmp_path / "again.docx")
    assert second.normalized() == first.normalized()
    assert second.organ and second.year == 2021 and second.date == dt.date(2022, 1, 12)


def test_a_wrong_total_survives_the_trip(tmp_path: Path) -> None:
    r = Report(organ="某局", year=2023)
    r.tables["三"][(T3_NEW, T3_COL_NATURAL)] = 2
    r.tables["三"][(T3_NEW, T3_COL_TOTAL)] = 5
    save_report(r, tmp_path / "w.docx")
    back = load_report(tmp_path / "w.docx")
    assert back.tables["三"][(T3_NEW, T3_COL_TOTAL)] == 5 and CellRef("三", T3_NEW, T3_COL_TOTAL) in back.pinned


def test_amount_digits_survive(tmp_path: Path) -> None:
    r = Report(organ="某局", year=2023)
    r.tables["二"][(T2_FEES, T2_ONLY_COL)] = Decimal("96171.60")
    save_report(r, tmp_path / "a.docx")
    assert str(load_report(tmp_path / "a.docx").tables["二"][(T2_FEES, T2_ONLY_COL)]) == "96171.60"


def test_unreadable_cell_text_survives_export(tmp_path: Path) -> None:
    """A figure the reader could not take (“12.5元”) is written back as it was, so the error
    stays in front of the author instead of turning into a blank."""
    r = Report(organ="某局", year=2023)
    r.raw[CellRef("二", T2_FEES, T2_ONLY_COL)] = "12.5元"
    save_report(r, tmp_path / "raw.docx")
    back = load_report(tmp_path / "raw.docx")
    assert back.raw[CellRef("二", T2_FEES, T2_ONLY_COL)] == "12.5元" and back.tables["二"][(T2_FEES, T2_ONLY_COL)] is None


def test_a_section_of_tens_of_thousands_of_paragraphs_reopens(tmp_path: Path) -> None:
    """A register pasted into a section as text (a paragraph a line): the editor saves it, so it
    must open it again, and its recovery copy too (the body's cap once refused 25,000: rev20)."""
    report = load_report(Path("tests/data/xiaogang-2021.docx"))
    pool = [p.text for paras in report.sections.values() for p in paras if p.text.strip()]
    report.sections["一"] = [Paragraph.plain(f"{pool[i % len(pool)][:30]}（{i}）") for i in range(25_000)]
    path = tmp_path / "很长.docx"
    save_report(report, path)
    back = load_report(path)
    assert [p.text for p in back.sections["一"]] == [p.text for p in report.sections["一"]]
