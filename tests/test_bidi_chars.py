"""Bidirectional control characters in a figure (app/bidi.py): the figure read is the one Word,
Excel and a browser show — ⟨RLO⟩2106⟨PDF⟩ shows 6012 — and the cell is named in a HIDDEN-TEXT
rtl warning, in every reader.  Embeddings and isolates around a number change nothing and are
not said; where they do reorder what is shown (“5 件” in a right-to-left isolate shows “件 5”),
the reordered text is what is parsed, so it is never read silently as the stored figure.

The expected orders were checked against GNU FriBidi 1.0.8 (an independent implementation)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.bidi import reordered, shown
from app.docx.shownorder import show_paragraphs
from app.reading import load_report
from app.report import Paragraph, Report, Run
from app.schema import REQUESTS, T3_COL_NATURAL, T3_NEW, CellRef, Kind
from app.values import parse
from app.xlsx_write import write_xlsx
from tests.test_webcopy import page
from tests.test_xlsx_hidden import _figure_cell, _table3_sheet
from tests.thirdparty import figure_as

RLO, LRO, RLE, LRE, PDF = "\u202e", "\u202d", "\u202b", "\u202a", "\u202c"
RLI, LRI, FSI, PDI = "\u2067", "\u2066", "\u2068", "\u2069"


@pytest.mark.parametrize(("text", "seen"), [
    (f"{RLO}2106{PDF}", "6012"),
    (f"{RLO}2106", "6012"),  # an override not ended runs to the end of the text
    (f"21{RLO}06", "2160"),
    (f"{RLO}21{LRO}06{PDF}{PDF}", "0612"),  # a left-to-right override inside moves as one piece
    (f"{RLO}1{LRE}20{PDF}6{PDF}", "6201"),  # so does an embedding
    (f"{RLO}2,106件{PDF}", "件601,2"),
    (f"{RLO}12\n34{PDF}", "21\n43"),  # a line break does not end the override
    (f"{RLE}2106{PDF}", "2106"),
    (f"{RLI}2106{PDI}", "2106"),
    (f"{RLE}1,234{PDF}", "1,234"),
    (f"{LRO}2106{PDF}", "2106"),
    (f"{RLI}5 件{PDI}", "件 5"),
    (f"{FSI}\u05d0 5 件{PDI}", "件 5 \u05d0"),
    ("2106", "2106"),
])
def test_text_is_laid_out_as_the_bidi_algorithm_shows_it(text: str, seen: str) -> None:
    assert shown(text) == seen
    assert reordered(text) == (seen != text.translate(dict.fromkeys(map(ord, RLO + LRO + RLE + LRE + PDF + RLI + LRI + FSI + PDI))))


@pytest.mark.parametrize(("text", "value"), [
    (f"{RLO}2106{PDF}", 6012),
    (f"{RLI}2106{PDI}", 2106),  # was refused as “not a number”: Word shows 2106
    ("\u200f2106", 2106),
    (f"{RLI}5 件{PDI}", None),  # shown “件 5”: not read as 5
])
def test_a_typed_or_read_figure_is_the_one_shown(text: str, value: int | None) -> None:
    assert parse(text, Kind.COUNT).value == value


def _rtl(report: Report) -> list[object]:
    return [f for f in report.import_findings if (f.code, f.kind) == ("HIDDEN-TEXT", "rtl")]


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


@pytest.mark.parametrize(("runs", "value", "said"), [
    (_run(f"{RLO}2106{PDF}"), 6012, True),
    (_run(f"{RLO}21") + _run(f"06{PDF}"), 6012, True),  # the controls in other runs than the digits
    (_run(f"{RLO}2106"), 6012, True),
    (_run(f"{RLI}2106{PDI}"), 2106, False),
    (_run(f"{RLE}2106{PDF}"), 2106, False),
    (_run("\u200f2106"), 2106, False),
])
def test_docx_figure_with_direction_controls(tmp_path: Path, runs: str, value: int, said: bool) -> None:
    report = load_report(figure_as(tmp_path, runs))
    assert report.tables[REQUESTS][(T3_NEW, 0)] == value
    found = _rtl(report)
    assert len(found) == int(said), found
    if said:
        assert found[0].location.cells == (CellRef(REQUESTS, T3_NEW, 0),)  # type: ignore[attr-defined]
        message = found[0].message  # type: ignore[attr-defined]
        assert "“⟨U+202E⟩2106" in message and "显示为“6012”" in message  # the control named: it shows as nothing


def test_web_figure_with_an_override_character(tmp_path: Path) -> None:
    html = page({(T3_NEW, T3_COL_NATURAL): "CELL"}).replace(">CELL<", f">{RLO}2106{PDF}<", 1)
    (p := tmp_path / "p.html").write_text(html, encoding="utf-8")
    report = load_report(p)
    assert report.tables[REQUESTS][(T3_NEW, T3_COL_NATURAL)] == 6012
    (finding,) = _rtl(report)
    assert finding.location.cells == (CellRef(REQUESTS, T3_NEW, T3_COL_NATURAL),)  # type: ignore[attr-defined]


def test_xlsx_text_cell_with_an_override_character(sample: Path, tmp_path: Path) -> None:
    write_xlsx(load_report(sample), base := tmp_path / "base.xlsx")
    wb, ws, _ = _table3_sheet(base)
    cell = _figure_cell(ws)
    row, col = cell.row, cell.column
    cell.value = f"{RLO}2106{PDF}"
    wb.save(out := tmp_path / "rlo.xlsx")
    check = openpyxl.load_workbook(out).worksheets[wb.worksheets.index(ws)].cell(row, col).value
    assert check == f"{RLO}2106{PDF}"
    report = load_report(out)
    assert 6012 in report.tables[REQUESTS].values()
    assert 2106 not in report.tables[REQUESTS].values()
    assert len(_rtl(report)) == 1


def test_a_narrative_figure_reads_as_shown(tmp_path: Path) -> None:
    """“收到⟨RLO⟩2106⟨PDF⟩件” shows 收到6012件: the paragraph is read so (the checks compare
    6012 with the table, as the reader does) and said at its paragraph."""
    html = page({(T3_NEW, T3_COL_NATURAL): "37"}).replace("申请12件", f"申请{RLO}2106{PDF}件", 1)
    (p := tmp_path / "p.html").write_text(html, encoding="utf-8")
    report = load_report(p)
    assert "申请6012件" in report.section_text("一") and RLO not in report.section_text("一")
    (finding,) = _rtl(report)
    assert finding.location.section == "一" and "显示为“" in finding.message  # type: ignore[attr-defined]


def test_a_paragraph_turned_keeps_each_character_s_formatting() -> None:
    report = Report()
    report.sections["一"] = [Paragraph([Run("共"), Run(f"{RLO}21", bold=True), Run(f"06{PDF}件")])]
    assert show_paragraphs(report) is not None
    (para,) = report.sections["一"]
    assert [(r.text, r.bold) for r in para.runs] == [("共60", False), ("12", True), ("件", False)]
