"""A report exported to PDF by us and read back by our own reader is the same report: organ,
year, date, every figure and each section's text, with what Qt's own ToUnicode maps lose —
characters outside the BMP (生僻字 in names), a full-width space, a no-break space, a tab, a
zero-width joiner, a character no installed font draws — kept by ui/pdf_runs.py (maps written
again, ActualText spans) and app/pdfread (ActualText read)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.reading import load_report
from app.report import Paragraph, Report
from tests.conftest import DATA
from tests.realistic import varied_report
from ui.print_pdf import export_pdf

HARD = [
    "𠀀𠀁𪚥：基本多文种平面之外的字，共收到申请12件。𬌗䶮𠇔",  # 𠀀𠀁𪚥: no font here draws them
    "段内\t制表符\t分隔的文字，行首与行尾。\t",
    "\u3000\u3000以全角空格开头的段落，中间\u3000也有全角空格。",
    "前有不换行空格\u00a0与零宽连接符\u200d的文字，还有普通空格 1 234 件。",  # a line ends at its space
    "组合符号e\u0301与a\u0308。",
    "希伯来文שלום עולם与数字12，结束。",  # drawn right to left: read in stored order
    "阿拉伯文العربية结束。",  # joined letters reach into each other: no blot
    "龙马鸟与שלום同行。",  # ideographs Qt names by their radicals (⻰⻢⻦), only in a right-to-left line
]


def _texts(r: Report) -> dict[str, list[str]]:
    return {k: [p.text for p in paras] for k, paras in r.sections.items()}


def _trip(report: Report, tmp_path: Path) -> Report:
    export_pdf(report, tmp_path / "r.pdf")
    return load_report(tmp_path / "r.pdf")


@pytest.mark.parametrize("organ", ["某县𬌗䶮𠇔镇人民政府", "𠀀𠀁街道办事处"])
def test_hard_text_comes_back_from_our_pdf(organ: str, qapp: object, tmp_path: Path) -> None:
    report = load_report(DATA / "xiaogang-2021.docx")
    report.organ = organ
    report.sections["一"][1:1] = [Paragraph.plain(t) for t in HARD]
    report.sections["六"].append(Paragraph.plain("联系人：王𬌗，电话\t0574-12345678。"))
    back = _trip(report, tmp_path)
    assert (back.organ, back.year, back.date, back.tables) == (organ, report.year, report.date, report.tables)
    assert _texts(back) == _texts(report)


def test_a_long_realistic_report_comes_back(qapp: object, tmp_path: Path) -> None:
    """Third-party text as it comes (full-width digits, ideographic and no-break spaces, retyped
    copies with spaces), 200 paragraphs over many pages."""
    report = varied_report(40_000, seed=23, noisy=True)
    report.organ, report.date = "宁波市𬌗䶮区人民政府", dt.date(2024, 1, 20)
    report.sections["五"] = [Paragraph.plain(f"第{i}段，数字1,234与（一）。") for i in range(200)]
    back = _trip(report, tmp_path)
    assert (back.organ, back.year, back.date, back.tables) == (report.organ, report.year, report.date, report.tables)
    assert _texts(back) == _texts(report)


def test_glyphs_a_pdf_gives_no_text_for_are_said_not_read_as_codes(qapp: object, tmp_path: Path) -> None:
    """A PDF whose fonts map some glyphs to no text (Qt's own maps leave out characters outside
    the BMP, as many writers' subset fonts leave out what they did not map): those characters
    read as U+FFFD with one warning naming the pages, never as pdfminer's “(cid:12)” in the
    organ, nor dropped without a word."""
    from ui import print_pdf
    from ui.pdf_text import make_searchable

    report = load_report(DATA / "xiaogang-2021.docx")
    report.organ = "某县𬌗䶮𠇔镇人民政府"
    writer = print_pdf.a4_writer(tmp_path / "qt.pdf")
    writer.setResolution(print_pdf.PDF_DPI)
    print_pdf.paint_report(report, writer, prepared=True)  # Qt's maps as Qt writes them
    del writer
    make_searchable(tmp_path / "qt.pdf")
    back = load_report(tmp_path / "qt.pdf")
    assert back.organ == "某县\ufffd䶮\ufffd镇人民政府"
    said = [f.message for f in back.import_findings if "读不出是什么字" in f.message]
    assert len(said) == 1 and "第1、" in said[0]
    assert "(cid:" not in str(_texts(back))


def test_direction_marks_beside_right_to_left_words_are_said_never_tabs(qapp: object, tmp_path: Path) -> None:
    """Direction marks in a line with Hebrew: Qt draws them as spaces of no width, which its
    maps call tabs.  They come back as the marks the reader takes out and says (the text as the
    page shows it, app/pdfread/visual.py), never as tabs in the text."""
    report = load_report(DATA / "xiaogang-2021.docx")
    text = "以及\u200f右至左标记\u200e与希伯来文שלום。"
    report.sections["一"][1:1] = [Paragraph.plain(text)]
    back = _trip(report, tmp_path)
    assert back.sections["一"][1].text == text.replace("\u200f", "").replace("\u200e", "")
    assert any("方向控制符" in f.message for f in back.import_findings)


def test_a_bold_run_after_characters_outside_the_bmp_stays_in_place(qapp: object, tmp_path: Path) -> None:
    """Formats are set on Qt's layout in UTF-16 units: each 生僻字 outside the BMP before a bold
    run moved its bold (and the autospace before 12) one place early (ui/print_layout.py)."""
    from app.report import Run

    report = load_report(DATA / "xiaogang-2021.docx")
    runs = [Run("𬌗𠇔某某三人之后，"), Run("加粗的文字", bold=True), Run("，共收到申请12件。")]
    report.sections["一"][1:1] = [Paragraph(runs)]
    back = _trip(report, tmp_path).sections["一"][1]
    assert back.text == "".join(r.text for r in runs)
    assert [r.text for r in back.runs if r.bold] == ["加粗的文字"]
