"""表二's fee figure written in another unit than 万元 (rev24a H1), and a one-figure row of 表二
left as three plain cells (rev24a M2).  Third-party .docx files built with python-docx.

A fee in 元, 千元 or 亿元 — named in the fee column's header, a caption row, the line above the
table — is converted exactly to 万元 and said; in a unit no amount of 元 is, it is not read as
a figure and the cell keeps its text.  A figure in any of the three cells of a row
with one statutory figure is read; two different figures are said, not guessed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement

from app.checks import run_all
from app.docx.writer import write_docx
from app.findings import AMOUNT_CONVERTED, AMOUNT_UNIT_UNKNOWN, BLANK_CELL, LABEL_EDITED, ROW_UNPLACED
from app.reading import load_report
from app.report import Report
from app.schema import AMOUNT_UNIT, PROACTIVE, T2_FEES, T2_GROUPS, T2_ONLY_COL, TABLE2, CellRef, Kind
from tests.thirdparty import Spec, build

FEE = CellRef(PROACTIVE, T2_FEES, T2_ONLY_COL)
FEE_HEADER = next(cols[0] for _, cols, _, kind in T2_GROUPS if kind is Kind.AMOUNT)
ONE_FIGURE_ROWS = [r for r in range(TABLE2.n_rows) if sum(1 for c in TABLE2.cells if c.row == r) == 1]


def _said(report: Report, declared: object) -> list[str]:
    return [f.message for f in report.import_findings if f.declared is declared]


def _fee_file(tmp_path: Path, header: str, figure: str, name: str = "fee.docx") -> Path:
    return build(Spec(t2={(T2_FEES, T2_ONLY_COL): figure}, relabel={FEE_HEADER: header}), tmp_path / name)


@pytest.mark.parametrize(("unit", "figure", "want"), [
    ("（单位：元）", "125000", "12.5"),
    ("（单位：千元）", "125", "12.5"),
    ("（单位：亿元）", "0.00125", "12.5"),
    ("（元）", "5949088.667", "594.9088667"),  # no rounding
    ("(单位:百万元)", "3", "300"),
    ("（单位：亿元）", "2", "20000"),  # no exponent: 20000, not 2E+4
], ids=["yuan", "thousand", "yi", "bracket", "million", "whole"])
def test_a_fee_header_in_another_unit_is_converted_and_said(tmp_path: Path, unit: str, figure: str, want: str) -> None:
    r = load_report(_fee_file(tmp_path, f"本年收费金额{unit}", figure))
    assert r.value(FEE) == Decimal(want) and str(r.value(FEE)) == want
    said = _said(r, AMOUNT_CONVERTED)
    assert len(said) == 1 and figure in said[0] and f"{want}{AMOUNT_UNIT}" in said[0], said
    # One note for one change: the header differs only by its unit, which that note says.
    assert not [m for m in _said(r, LABEL_EDITED) if "收费" in m]
    assert [f.location.cells for f in r.import_findings if f.declared is AMOUNT_CONVERTED] == [(FEE,)]


def test_a_fee_in_the_statutory_unit_is_read_as_it_is(tmp_path: Path) -> None:
    for header in (FEE_HEADER, f"本年收费金额（{AMOUNT_UNIT}）", f"本年收费金额（单位：{AMOUNT_UNIT[0]}）"):
        r = load_report(_fee_file(tmp_path, header, "12.5"))
        assert r.value(FEE) == Decimal("12.5") and not _said(r, AMOUNT_CONVERTED), header


def test_a_converted_fee_is_saved_in_the_statutory_unit(tmp_path: Path) -> None:
    r = load_report(_fee_file(tmp_path, "本年收费金额（单位：元）", "125000"))
    write_docx(r, tmp_path / "saved.docx")
    again = load_report(tmp_path / "saved.docx")
    assert again.value(FEE) == Decimal("12.5")
    assert FEE_HEADER in "".join(c.text for t in docx.Document(str(tmp_path / "saved.docx")).tables
                                 for row in t.rows for c in row.cells)


def test_a_unit_in_the_cell_is_the_cells_own(tmp_path: Path) -> None:
    """A figure with its unit is read by that unit, as a cell typed in the editor is: 万元 taken,
    another refused (kept as written), whatever the header says."""
    r = load_report(_fee_file(tmp_path, "本年收费金额（单位：元）", f"12.5{AMOUNT_UNIT}"))
    assert r.value(FEE) == Decimal("12.5") and not _said(r, AMOUNT_CONVERTED)
    for header in (FEE_HEADER, "本年收费金额（单位：元）"):
        r = load_report(_fee_file(tmp_path, header, "125000元", "own.docx"))
        assert r.value(FEE) is None and r.raw[FEE] == "125000元" and not _said(r, AMOUNT_CONVERTED)


def _with_caption(path: Path, row_text: str | None, line_above: str | None) -> Path:
    """表二 (the file's first table) with a caption row spanning it on top, or a line above it."""
    d = docx.Document(str(path))
    table = d.tables[0]
    if row_text is not None:
        first = table.rows[0]._tr
        caption = table.add_row()
        cells = caption.cells
        cells[0].merge(cells[-1]).text = row_text
        first.addprevious(caption._tr)
    if line_above is not None:
        p = OxmlElement("w:p")
        table._tbl.addprevious(p)
        docx.text.paragraph.Paragraph(p, table._parent).add_run(line_above)
    d.save(str(path))
    return path


@pytest.mark.parametrize(("row_text", "line_above"), [
    ("单位：件、元", None),
    (None, "（金额单位：元）"),
    ("单位：件", "单位：元"),  # the counts' unit in the table, the fee's above it
], ids=["caption-row", "line-above", "both"])
def test_a_unit_stated_for_the_whole_table(tmp_path: Path, row_text: str | None, line_above: str | None) -> None:
    path = _with_caption(_fee_file(tmp_path, "本年收费金额", "125000"), row_text, line_above)
    r = load_report(path)
    assert r.value(FEE) == Decimal("12.5"), r.import_findings
    assert len(_said(r, AMOUNT_CONVERTED)) == 1
    # The other figures are counts: a 件 caption leaves them as they are.
    assert r.value(CellRef(PROACTIVE, ONE_FIGURE_ROWS[0], T2_ONLY_COL)) == 0


def test_a_fee_header_unit_beats_the_table_caption(tmp_path: Path) -> None:
    path = _with_caption(_fee_file(tmp_path, FEE_HEADER, "12.5"), "单位：元", None)
    assert load_report(path).value(FEE) == Decimal("12.5")


@pytest.mark.parametrize("unit", ["（单位：美元）", "（单位：件）", "（单位：万元/元）"])
def test_a_unit_no_amount_converts_from_is_not_read_as_wanyuan(tmp_path: Path, unit: str) -> None:
    r = load_report(_fee_file(tmp_path, f"本年收费金额{unit}", "125000"))
    assert r.value(FEE) is None
    assert r.raw[FEE].startswith("125000") and len(_said(r, AMOUNT_UNIT_UNKNOWN)) == 1
    found = run_all(r)
    # Not “blank, fill 0”: the file's text is kept and refused, and a save writes it back.
    assert not [f for f in found if f.declared is BLANK_CELL and FEE in f.location.cells]
    assert [f for f in found if f.code == "VALUE-INVALID" and FEE in f.location.cells]
    write_docx(r, tmp_path / "saved.docx")
    assert load_report(tmp_path / "saved.docx").raw[FEE] == r.raw[FEE]


# -- 表二's one-figure rows as three plain cells (rev24a M2) ----------------------------------------

FIGURES = {r: str(1234 + r) if r != T2_FEES else "12.5" for r in ONE_FIGURE_ROWS}


def _one_figure_file(tmp_path: Path, cells: object) -> Report:
    spec = Spec(t2={(r, T2_ONLY_COL): v for r, v in FIGURES.items()}, t2_unmerged=cells)  # type: ignore[arg-type]
    return load_report(build(spec, tmp_path / "unmerged.docx"))


@pytest.mark.parametrize("cells", [
    lambda v: [v, "", ""], lambda v: ["", v, ""], lambda v: ["", "", v],
    lambda v: [v, v, v],  # WPS's 拆分并填充内容
    lambda v: ["—", v, "/"],
], ids=["first", "second", "third", "repeated", "beside-marks"])
def test_a_one_figure_row_takes_its_figure_from_any_of_its_cells(tmp_path: Path, cells: object) -> None:
    r = _one_figure_file(tmp_path, cells)
    assert {row: str(r.value(CellRef(PROACTIVE, row, T2_ONLY_COL))) for row in ONE_FIGURE_ROWS} == FIGURES
    assert not [f for f in run_all(r) if f.declared is BLANK_CELL and f.location.section == PROACTIVE]


def test_different_figures_in_a_one_figure_row_are_said_not_guessed(tmp_path: Path) -> None:
    r = _one_figure_file(tmp_path, lambda v: [v, "", "7"])
    assert all(r.value(CellRef(PROACTIVE, row, T2_ONLY_COL)) is None for row in ONE_FIGURE_ROWS)
    said = _said(r, ROW_UNPLACED)
    assert len(said) == len(ONE_FIGURE_ROWS) and all(f"{FIGURES[row]}、7" in m for row, m in zip(ONE_FIGURE_ROWS, said, strict=True)), said


def test_a_fee_header_and_a_note_on_amounts_that_disagree_are_not_guessed_between(tmp_path: Path) -> None:
    """Two statements of the amounts' unit that differ (表头为万元, 表格上方“金额单位：元”): neither
    is taken; a note of the whole table's unit (单位：万元) gives way to the fee header's own."""
    path = _with_caption(_fee_file(tmp_path, FEE_HEADER, "125000"), None, "（金额单位：元）")
    r = load_report(path)
    assert r.value(FEE) is None and r.raw[FEE].startswith("125000") and len(_said(r, AMOUNT_UNIT_UNKNOWN)) == 1
    path = _with_caption(_fee_file(tmp_path, "本年收费金额（单位：元）", "125000", "other.docx"), None, f"（单位：{AMOUNT_UNIT}）")
    assert load_report(path).value(FEE) == Decimal("12.5")


def test_a_fee_in_wan_under_a_header_in_yuan_is_the_cells_own(tmp_path: Path) -> None:
    """“1.2万” names its own multiplier: read as 1.2 万元, never converted again from the header's
    元 (it was read as 0.00012 万元: rev26 V1)."""
    for figure in ("1.2万", "￥1.2万"):
        r = load_report(_fee_file(tmp_path, "本年收费金额（单位：元）", figure))
        assert r.value(FEE) == Decimal("1.2") and not _said(r, AMOUNT_CONVERTED), figure


def test_a_currency_sign_under_a_header_in_yuan_is_that_unit(tmp_path: Path) -> None:
    for figure in ("￥100", "¥100", "人民币100"):
        r = load_report(_fee_file(tmp_path, "本年收费金额（单位：元）", figure))
        assert r.value(FEE) == Decimal("0.01"), figure
        said = _said(r, AMOUNT_CONVERTED)
        assert len(said) == 1 and "0.01万元" in said[0], said


def test_a_currency_sign_under_the_statutory_header_is_refused_with_its_figure_in_wan(tmp_path: Path) -> None:
    r = load_report(_fee_file(tmp_path, FEE_HEADER, "￥100"))
    assert r.value(FEE) is None and r.raw[FEE] == "￥100"
    assert any("100元即0.01万元" in f.message for f in run_all(r)), [f.message for f in run_all(r)]


@pytest.mark.parametrize("figure", ["12 000", "37¹", "37①", "￥12 000"])
def test_a_fee_under_a_header_in_yuan_is_judged_as_written(tmp_path: Path, figure: str) -> None:
    """The currency sign taken off, the rest is the cell's text as written: a folded copy had
    lost the space (“12 000” read as 12000 元, refused everywhere else as one number or two?) and
    turned a note mark into a digit (“37¹” read as 371 元)."""
    r = load_report(_fee_file(tmp_path, "本年收费金额（单位：元）", figure))
    assert r.value(FEE) is None and not _said(r, AMOUNT_CONVERTED), (r.value(FEE), _said(r, AMOUNT_CONVERTED))
    assert [f for f in run_all(r) if f.code == "VALUE-INVALID" and FEE in f.location.cells]


def test_a_count_in_wan_of_many_digits_leaves_the_file_readable(tmp_path: Path) -> None:
    """One cell of 25 digits and 万 raised InvalidOperation in app/values: the whole file was
    refused (文件结构异常); now that cell alone is refused."""
    text = "1" * 25 + "万"
    ref = CellRef(PROACTIVE, ONE_FIGURE_ROWS[0], T2_ONLY_COL)
    r = load_report(build(Spec(t2={(ONE_FIGURE_ROWS[0], T2_ONLY_COL): text}), tmp_path / "many.docx"))
    assert r.value(ref) is None and r.raw[ref] == text
    assert any(f"{'1' * 25}0000" in f.message for f in run_all(r) if ref in f.location.cells)


def test_a_reordered_fee_under_a_header_in_yuan_is_the_figure_shown(tmp_path: Path) -> None:
    """A direction control before the figure (Word, WPS and browsers show ⟨RLO⟩2106 as 6012): the
    figure shown is converted, as app/values reads any cell; the folded copy gave the stored 2106."""
    r = load_report(_fee_file(tmp_path, "本年收费金额（单位：元）", "\u202e2106"))
    assert r.value(FEE) == Decimal("0.6012"), r.value(FEE)
