"""Characters inserted with 插入 → 符号 (w:sym: a font and a code, no text) are read as the
text Word shows (app/docx/symbols.py): a digit entered that way is not dropped from a cell or a
sentence; a Symbol-font “±” is “±”; a Wingdings ① is ①; a private glyph (a Wingdings bullet)
shows no character and is left out, as before."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.checks import run_all
from app.docx.symbols import character
from app.findings import HIDDEN_TEXT, VALUE_INVALID, VALUE_NOTE_MARK, VALUE_SYMBOL_FONT
from app.reading import load_report
from app.report import Report
from app.schema import REQUESTS, T3_NEW
from tests.conftest import rewrite_docx
from tests.thirdparty import Spec, build, figure_as

SENTENCE = "本年度共收到政府信息公开申请37件。"


def _sym(font: str, char: str, props: str = "") -> str:
    return f'<w:r><w:rPr>{props}</w:rPr><w:sym w:font="{font}" w:char="{char}"/></w:r>'


def _t(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _read(tmp_path: Path, cell: str | None = None, sentence: str | None = None) -> Report:
    """A third-party file whose 表三 本年新收 自然人 cell (37) and/or whose sentence in 一 is
    written as the given runs."""
    src = build(Spec(t3={(T3_NEW, 0): "37"}, text={"一": [SENTENCE]}), tmp_path / "src.docx")

    def edit(xml: str) -> str:
        for old, new in ((r"<w:t>37</w:t>", cell), (re.escape(f"<w:t>{SENTENCE}</w:t>"), sentence)):
            if new is not None:
                xml, n = re.subn(r"<w:r>(?:(?!</w:r>).)*?" + old + "</w:r>", lambda m, new=new: new, xml, count=1, flags=re.S)
                assert n == 1
        return xml
    return load_report(rewrite_docx(src, tmp_path / "sym.docx", edit))


@pytest.mark.parametrize("runs", [
    _t("3") + _sym("宋体", "0037"),  # a digit from the 符号 dialog of an ordinary font (WPS)
    _sym("Symbol", "F033") + _sym("Symbol", "F037"),  # digits of the Symbol font, as Word writes them
    _sym("Symbol", "33") + _t("7"),  # the old short form, a byte of the symbol font
    _t("37") + _sym("Wingdings", "F0B7"),  # a private glyph (a bullet) shows no character
    _t("37") + _sym("Wingdings", "F081", '<w:vertAlign w:val="superscript"/>'),  # a raised ① mark
])
def test_a_digit_entered_as_a_symbol_is_read_in_a_cell(tmp_path: Path, runs: str) -> None:
    r = _read(tmp_path, cell=runs)
    assert r.tables[REQUESTS][(T3_NEW, 0)] == 37
    assert not [f for f in run_all(r) if f.code == VALUE_INVALID.code and f.kind != VALUE_NOTE_MARK.kind]


def test_a_circled_number_from_wingdings_is_a_note_mark_refused(tmp_path: Path) -> None:
    """“37①” with ① from Wingdings is what Word shows: refused as a note mark, never 37 or 371."""
    r = _read(tmp_path, cell=_t("37") + _sym("Wingdings", "F081"))
    assert r.tables[REQUESTS][(T3_NEW, 0)] is None
    invalid = [f.message for f in run_all(r) if f.code == VALUE_INVALID.code]
    assert any("“37①”" in m for m in invalid)


def test_symbols_in_a_sentence_are_its_text(tmp_path: Path) -> None:
    runs = (_t("本年度共收到政府信息公开申请") + _sym("宋体", "0033") + _sym("Symbol", "F037") + _t("件")
            + _sym("Symbol", "F0B1") + _sym("Wingdings", "F0D8") + _t("。"))
    r = _read(tmp_path, sentence=runs)
    assert "本年度共收到政府信息公开申请37件±。" in r.section_text("一")


def test_a_hidden_symbol_is_hidden_text(tmp_path: Path) -> None:
    r = _read(tmp_path, cell=_t("37") + _sym("宋体", "0039", "<w:vanish/>"))
    assert r.tables[REQUESTS][(T3_NEW, 0)] == 37
    assert [f for f in r.import_findings if f.code == HIDDEN_TEXT.code]


@pytest.mark.parametrize(("font", "char", "shown"), [
    ("Symbol", "F0A3", "≤"), ("Symbol", "F0B4", "×"), ("Symbol", "F061", "α"), ("Symbol", "F02D", "−"),
    ("symbol", "F030", "0"), ("Wingdings", "F08A", "⑩"), ("Wingdings", "F0FE", "☑"), ("宋体", "2460", "①"),
    ("Times New Roman", "00B1", "±"), ("", "4E00", "一"), ("宋体", "1F600", "😀"),
    ("Wingdings", "F0B7", None), ("Webdings", "F031", None), ("Wingdings 2", "F081", None), ("Webdings", "31", None),
    ("宋体", "E000", None), ("宋体", "D800", None), ("宋体", "0007", None), ("宋体", "zz", None), ("宋体", "", None),
    ("宋体", "110000", None), ("Symbol", "F060", None), ("Symbol", "F0E6", None),
])
def test_which_codes_show_a_character(font: str, char: str, shown: str | None) -> None:
    assert character(font, char) == shown


def _font(text: str, font: str, props: str = "") -> str:
    return f'<w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/>{props}</w:rPr><w:t>{text}</w:t></w:r>'


def _symbol_font_notes(r: Report) -> list[str]:
    return [f.message for f in r.import_findings if (f.code, f.kind) == (VALUE_INVALID.code, VALUE_SYMBOL_FONT.kind)]


@pytest.mark.parametrize("runs", [
    _font("37", "Wingdings"),  # Word draws two pictograms (🗏🖮), not 37
    _font("37", "Webdings"),
    _font("37", "Wingdings 2"),
    _sym("Wingdings", "F033") + _sym("Wingdings", "F037"),  # the same keys from the 符号 dialog
    _t("3") + _font("7", " wingdings "),  # one digit of the two
])
def test_digits_in_a_symbol_font_are_not_that_figure(tmp_path: Path, runs: str) -> None:
    """What the page shows is pictograms: the cell is not read as 37, and the note says 符号字体."""
    r = _read(tmp_path, cell=runs)
    assert r.tables[REQUESTS][(T3_NEW, 0)] != 37
    notes = _symbol_font_notes(r)
    assert len(notes) == 1 and "1处数字设成了符号字体" in notes[0], notes


def test_digits_in_a_symbol_font_in_a_sentence(tmp_path: Path) -> None:
    r = _read(tmp_path, sentence=_t("本年度共收到政府信息公开申请") + _font("37", "Wingdings") + _t("件。"),
              cell=_font("37", "Webdings"))
    assert "申请件。" in r.section_text("一")
    assert r.tables[REQUESTS][(T3_NEW, 0)] is None
    assert any("2处数字设成了符号字体" in m for m in _symbol_font_notes(r))


@pytest.mark.parametrize("runs", [
    _font("37", "Symbol"),  # the Symbol font's digits are digits
    _font("37", "宋体"),
    _t("37") + _font("l", "Wingdings"),  # a pictogram beside the figure, no digit drawn as one
    _t("37") + _font("99", "Wingdings", "<w:vanish/>"),  # hidden: said as hidden text, not here
])
def test_digits_shown_as_digits_are_read(tmp_path: Path, runs: str) -> None:
    r = _read(tmp_path, cell=runs)
    assert r.tables[REQUESTS][(T3_NEW, 0)] == 37
    assert _symbol_font_notes(r) == []


_PICTO_STYLE = ('<w:style w:type="character" w:styleId="Picto"><w:name w:val="Picto"/><w:basedOn w:val="PictoBase"/></w:style>'
                '<w:style w:type="character" w:styleId="PictoBase"><w:name w:val="PictoBase"/>'
                '<w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr></w:style>')


@pytest.mark.parametrize(("runs", "symbolic"), [
    ('<w:r><w:rPr><w:rStyle w:val="Picto"/></w:rPr><w:t>37</w:t></w:r>', True),  # a character style's font
    ('<w:r><w:rPr><w:rStyle w:val="Picto"/><w:rFonts w:ascii="宋体"/></w:rPr><w:t>37</w:t></w:r>', False),  # the run's own wins
])
def test_a_symbol_font_given_by_a_style(tmp_path: Path, runs: str, symbolic: bool) -> None:
    r = load_report(figure_as(tmp_path, runs, _PICTO_STYLE))
    assert r.tables[REQUESTS][(T3_NEW, 0)] == (None if symbolic else 37)
    assert bool(_symbol_font_notes(r)) == symbolic
