"""How a run is drawn decides what is read (hostile-file session 8): a theme colour is the
theme's, not w:val's (a16/b01); a small note mark raised by 字符位置 (WPS 提升, w:position) is a
note mark as a superscript is (e01), also through a character style; a ruby's annotation is
not part of its base text (e03); “37” typed in a picture font shows no digits (e06)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt

from app.docx.invisible import theme_scheme
from app.findings import VALUE_NOTE_MARK
from app.reading import load_report
from app.schema import REQUESTS, T3_NEW
from app.values import Value
from tests.thirdparty import Spec, build, figure_as


def _r(text: str, props: str = "") -> str:
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def _read(tmp_path: Path, runs: str) -> tuple[Value, list[str], list[str]]:
    """表三 本年新收 自然人 (37) written as ``runs``: the value, HIDDEN-TEXT and note-mark notes."""
    report = load_report(figure_as(tmp_path, runs))
    hidden = [f.message for f in report.import_findings if f.code == "HIDDEN-TEXT"]
    marks = [f.message for f in report.import_findings if (f.code, f.kind) == (VALUE_NOTE_MARK.code, VALUE_NOTE_MARK.kind)]
    return report.tables[REQUESTS][(T3_NEW, 0)], hidden, marks


# -- theme colours -------------------------------------------------------------------------------

@pytest.mark.parametrize("props", [
    '<w:color w:val="FFFFFF" w:themeColor="text1"/>',  # a16: Word draws text1 (black) over the stale val
    '<w:color w:val="FFFFFF" w:themeColor="dark1"/>',
    '<w:color w:val="FFFFFF" w:themeColor="background1" w:themeShade="BF"/>',  # white darkened to grey
    '<w:color w:val="FFFFFF" w:themeColor="accent1"/>',
])
def test_a_theme_colour_that_shows_is_read(tmp_path: Path, props: str) -> None:
    value, hidden, _ = _read(tmp_path, _r("37", props))
    assert value == 37 and not hidden


@pytest.mark.parametrize("props", [
    '<w:color w:val="000000" w:themeColor="background1"/>',  # b01: Word draws background1 (white)
    '<w:color w:val="000000" w:themeColor="light1"/>',
    '<w:color w:val="000000" w:themeColor="text1" w:themeTint="00"/>',  # black lightened all the way
])
def test_a_theme_colour_as_the_page_is_unseen(tmp_path: Path, props: str) -> None:
    value, hidden, _ = _read(tmp_path, _r("99", props) + _r("37"))
    assert value == 37
    assert len(hidden) == 1 and "1处看不见的文字" in hidden[0]


def test_the_files_own_theme_decides(tmp_path: Path) -> None:
    """A theme whose text1 (dk1) is white: a text1 run on the white page is unseen."""
    src = build(Spec(t3={(T3_NEW, 0): "37"}), tmp_path / "src.docx")
    out = tmp_path / "themed.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        assert "word/theme/theme1.xml" in zin.namelist()
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/theme/theme1.xml":
                data, n = re.subn(rb"<a:dk1>.*?</a:dk1>", b'<a:dk1><a:srgbClr val="FFFFFF"/></a:dk1>', data, count=1,
                                  flags=re.S)
                assert n == 1
            elif item.filename == "word/document.xml":
                data = re.sub(rb"<w:r>((?:(?!</w:r>).)*?)<w:t>37</w:t></w:r>",
                              _r("99", '<w:color w:val="000000" w:themeColor="text1"/>').encode() + rb"<w:r>\1<w:t>37</w:t></w:r>",
                              data, count=1, flags=re.S)
            zout.writestr(item, data)
    report = load_report(out)
    assert report.tables[REQUESTS][(T3_NEW, 0)] == 37
    assert any(f.code == "HIDDEN-TEXT" for f in report.import_findings)


def test_theme_scheme_reads_system_and_rgb_colours() -> None:
    from lxml import etree
    theme = etree.fromstring(
        '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:themeElements><a:clrScheme name="x">'
        '<a:dk1><a:sysClr val="windowText"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FEFEFE"/></a:lt1>'
        '<a:accent1><a:srgbClr val="4472c4"/></a:accent1></a:clrScheme></a:themeElements></a:theme>')
    assert theme_scheme(theme) == {"dk1": "000000", "lt1": "FEFEFE", "accent1": "4472C4"}
    assert theme_scheme(None) == {"dk1": "000000", "lt1": "FFFFFF"}


# -- note marks raised by 字符位置 ------------------------------------------------------------------

@pytest.mark.parametrize("runs", [
    _r("37", '<w:sz w:val="21"/>') + _r("1", '<w:position w:val="6"/><w:sz w:val="14"/>'),  # e01 (WPS 提升)
    _r("37") + _r("1", '<w:position w:val="6"/><w:sz w:val="14"/>'),  # the figure's size from the defaults
    _r("37", '<w:sz w:val="24"/>') + _r("2", '<w:position w:val="-4"/><w:sz w:val="16"/>'),  # lowered
    _r("1", '<w:position w:val="6"/><w:sz w:val="14"/>') + _r("37", '<w:sz w:val="21"/>'),  # before it
])
def test_a_small_raised_run_is_a_note_mark(tmp_path: Path, runs: str) -> None:
    value, _, marks = _read(tmp_path, runs)
    assert value == 37
    assert len(marks) == 1 and "1个单元格" in marks[0]


@pytest.mark.parametrize("runs", [
    _r("37", '<w:position w:val="6"/>'),  # the whole figure nudged up: read
    _r("3", '<w:sz w:val="21"/>') + _r("7", '<w:position w:val="2"/><w:sz w:val="21"/>'),  # moved, not smaller
    _r("3", '<w:sz w:val="21"/>') + _r("7", '<w:sz w:val="14"/>'),  # smaller, not moved
    _r("37", '<w:position w:val="0"/><w:sz w:val="14"/>'),
])
def test_a_moved_run_that_is_no_note_mark_is_read(tmp_path: Path, runs: str) -> None:
    value, _, marks = _read(tmp_path, runs)
    assert value == 37 and not marks


def test_a_note_mark_raised_by_its_character_style(tmp_path: Path) -> None:
    src = build(Spec(t3={(T3_NEW, 0): "37"}), tmp_path / "src.docx")
    d = docx.Document(str(src))
    base = d.styles.add_style("注释基", WD_STYLE_TYPE.CHARACTER)
    base.font.size = Pt(7)
    base.element.get_or_add_rPr().append(docx.oxml.parse_xml(
        '<w:position xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:val="6"/>'))
    mark = d.styles.add_style("注释", WD_STYLE_TYPE.CHARACTER)
    mark.base_style = base  # through the basedOn chain
    cell = next(c for t in d.tables for row in t.rows for c in row.cells if c.text == "37")
    cell.paragraphs[0].runs[0].font.size = Pt(10.5)
    cell.paragraphs[0].add_run("1", style=mark)
    d.save(str(tmp_path / "styled.docx"))
    report = load_report(tmp_path / "styled.docx")
    assert report.tables[REQUESTS][(T3_NEW, 0)] == 37
    assert any((f.code, f.kind) == (VALUE_NOTE_MARK.code, VALUE_NOTE_MARK.kind) for f in report.import_findings)


# -- ruby and picture fonts -----------------------------------------------------------------------

RUBY = ('<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="center"/><w:hps w:val="10"/><w:hpsRaise w:val="18"/>'
        '<w:hpsBaseText w:val="21"/><w:lid w:val="zh-CN"/></w:rubyPr><w:rt><w:r><w:t>{rt}</w:t></w:r></w:rt>'
        '<w:rubyBase><w:r><w:t>37</w:t></w:r></w:rubyBase></w:ruby></w:r>')


@pytest.mark.parametrize("rt", ["1", "三十七"])
def test_a_ruby_reads_its_base_text(tmp_path: Path, rt: str) -> None:
    value, _, _ = _read(tmp_path, RUBY.format(rt=rt))
    assert value == 37


@pytest.mark.parametrize(("font", "expected"), [
    ("Wingdings", None), ("Webdings", None), ("Wingdings 2", None), ("Symbol", 37), ("Times New Roman", 37)])
def test_digits_in_a_picture_font_are_no_digits(tmp_path: Path, font: str, expected: int | None) -> None:
    value, _, _ = _read(tmp_path, _r("37", f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}"/>'))
    assert value == expected


def test_a_picture_font_beside_the_figure_is_left_out(tmp_path: Path) -> None:
    value, _, _ = _read(tmp_path, _r("99", '<w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/>') + _r("37"))
    assert value == 37
