"""Note marks and struck-through figures in count cells: “37” with a raised “1”, “37①”, “37¹”
or a struck “36” before “37” is never read as 371 or 3637.  Runs set as superscript, subscript
or struck through are left out of a table cell (and said once); note-mark characters are no
digits, the value is refused; “3”, a tab, “7” is refused as “3 7” is."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from app.checks import run_all
from app.docx.blocks import ParaBlock, TableBlock, read_blocks
from app.findings import VALUE_INVALID, VALUE_NOTE_MARK
from app.reading import load_report
from app.schema import REQUESTS, T3_NEW, Kind
from app.values import Value, parse
from tests.thirdparty import figure_as


def _r(text: str, props: str = "") -> str:
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def _with_cell(tmp_path: Path, runs: str) -> Path:
    """A third-party file whose 表三 本年新收 自然人 cell (37) is written as ``runs``."""
    return figure_as(tmp_path, runs)


def _cell(tmp_path: Path, runs: str) -> tuple[Value, list[str], list[str]]:
    """The cell's value, the read notes about marks, the VALUE-INVALID messages of the checks."""
    report = load_report(_with_cell(tmp_path, runs))
    notes = [f.message for f in report.import_findings if f.code == VALUE_NOTE_MARK.code and f.kind == VALUE_NOTE_MARK.kind]
    invalid = [f.message for f in run_all(report) if f.code == VALUE_INVALID.code and f.kind == VALUE_INVALID.kind]
    return report.tables[REQUESTS][(T3_NEW, 0)], notes, invalid


SUPERSCRIPT = '<w:vertAlign w:val="superscript"/>'


@pytest.mark.parametrize("runs", [
    _r("37") + _r("1", SUPERSCRIPT),  # a note mark set with Word's 上标 button (c08)
    _r("37") + _r("2", '<w:vertAlign w:val="subscript"/>'),
    _r("36", "<w:strike/>") + _r("37"),  # the old figure struck through, the new beside it (c23)
    _r("36", '<w:dstrike w:val="true"/>') + _r("37"),
    _r("36", "<w:strike/>") + "<w:r><w:rPr><w:strike/></w:rPr><w:tab/></w:r>" + _r("37"),
    # a footnote's own mark (customMarkFollows), left plain as WPS or a generator writes it: 373
    # before (hostile30); Word raises it only through the note style
    _r("37") + '<w:r><w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>3</w:t></w:r>',
    _r("37") + '<w:r><w:endnoteReference w:customMarkFollows="true" w:id="1"/><w:t>1</w:t></w:r>',
])
def test_marked_runs_are_left_out_and_said(tmp_path: Path, runs: str) -> None:
    value, notes, _ = _cell(tmp_path, runs)
    assert value == 37
    assert len(notes) == 1 and "1个单元格" in notes[0]


@pytest.mark.parametrize("runs", [
    _r("37") + _r("1", '<w:vertAlign w:val="baseline"/>'),  # set back to normal: a digit
    _r("3", '<w:strike w:val="0"/>') + _r("71"),  # strike turned off
])
def test_formatting_turned_off_is_read(tmp_path: Path, runs: str) -> None:
    value, notes, _ = _cell(tmp_path, runs)
    assert value == 371 and notes == []


@pytest.mark.parametrize("text", ["37①", "37¹", "37₁", "⑴37", "37⒈", "㉑"])
def test_note_mark_characters_are_no_digits(tmp_path: Path, text: str) -> None:
    """NFKC folds ① and ¹ to 1: the value is refused with its reason, never 371 (c09, c17)."""
    value, notes, invalid = _cell(tmp_path, _r(text))
    assert value is None and notes == []
    assert len(invalid) == 1 and f"“{text}”" in invalid[0] and "注释标记" in invalid[0]
    assert not parse(text, Kind.AMOUNT).ok


@pytest.mark.parametrize("text", ["３７", "𝟑𝟕", "37件", "1,037"])
def test_wide_and_styled_digits_still_read(text: str) -> None:
    assert parse(text, Kind.COUNT).ok and parse(text, Kind.COUNT).value in (37, 1037)


def test_a_tab_between_digits_is_refused_as_a_space_is(tmp_path: Path) -> None:
    value, _, invalid = _cell(tmp_path, "<w:r><w:t>3</w:t><w:tab/><w:t>7</w:t></w:r>")  # c12
    assert value is None and len(invalid) == 1 and "空格" in invalid[0]
    assert not parse("3\t7", Kind.COUNT).ok and not parse("3 7", Kind.COUNT).ok


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_a_tab_stop_of_the_paragraph_is_no_tab() -> None:
    body = etree.fromstring(
        f'<w:body xmlns:w="{_W}"><w:tbl><w:tr><w:tc><w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>'
        '<w:r><w:t>37</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body>')
    block = read_blocks(body)[0]
    assert isinstance(block, TableBlock) and block.rows[0][0].text == "37"


def test_marked_runs_outside_tables_are_kept() -> None:
    """Only table cells leave marked runs out: a paragraph keeps a struck or raised word."""
    body = etree.fromstring(
        f'<w:body xmlns:w="{_W}"><w:p>{_r("共收到")}{_r("申请", "<w:strike/>")}{_r("1", SUPERSCRIPT)}</w:p></w:body>')
    block = read_blocks(body)[0]
    assert isinstance(block, ParaBlock) and block.text == "共收到申请1"
