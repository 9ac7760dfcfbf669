"""Note marks and struck figures given by a STYLE (app/docx/charstyles.py) read as those set on
the run itself (tests/test_note_marks.py): a raised “1” in a character style beside 37 is 37,
a “36” struck by its style before 37 is 37 — also through basedOn chains and the paragraph's
style; a run's own setting wins, and strike set in both styles cancels, as Word shows it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from app.docx.charstyles import MarkStyles
from app.findings import VALUE_NOTE_MARK
from app.reading import load_report
from app.schema import REQUESTS, T3_NEW
from app.values import Value
from tests.thirdparty import Spec, build

Edit = Callable[[docx.document.Document, docx.text.paragraph.Paragraph], None]


def _cell_value(tmp_path: Path, edit: Edit) -> tuple[Value, list[str]]:
    """表三 本年新收 自然人 (written “37”) after ``edit`` of its paragraph: value and mark notes."""
    src = build(Spec(t3={(T3_NEW, 0): "37"}), tmp_path / "src.docx")
    d = docx.Document(str(src))
    cell = next(c for t in d.tables for row in t.rows for c in row.cells if c.text == "37")
    edit(d, cell.paragraphs[0])
    path = tmp_path / "styled.docx"
    d.save(str(path))
    report = load_report(path)
    notes = [f.message for f in report.import_findings if (f.code, f.kind) == (VALUE_NOTE_MARK.code, VALUE_NOTE_MARK.kind)]
    return report.tables[REQUESTS][(T3_NEW, 0)], notes


def _char_style(d: docx.document.Document, name: str, **font: bool) -> docx.styles.style.CharacterStyle:
    style = d.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    for attr, value in font.items():
        setattr(style.font, attr, value)
    return style


def _before(p: docx.text.paragraph.Paragraph, text: str) -> docx.text.run.Run:
    """A run put before the paragraph's first run."""
    run = p.add_run(text)
    p.runs[0]._r.addprevious(run._r)
    return run


def _raised(d: docx.document.Document, p: docx.text.paragraph.Paragraph) -> None:
    p.add_run("1").style = _char_style(d, "注释标记", superscript=True)


def _lowered(d: docx.document.Document, p: docx.text.paragraph.Paragraph) -> None:
    p.add_run("2").style = _char_style(d, "下标注", subscript=True)


def _raised_by_base(d: docx.document.Document, p: docx.text.paragraph.Paragraph) -> None:
    base = _char_style(d, "注释基础", superscript=True)
    middle = _char_style(d, "注释中间")
    middle.base_style = base
    top = _char_style(d, "注释标记")
    top.base_style = middle
    p.add_run("1").style = top


def _struck(d: docx.document.Document, p: docx.text.paragraph.Paragraph) -> None:
    _before(p, "36").style = _char_style(d, "旧数字", strike=True)


def _double_struck(d: docx.document.Document, p: docx.text.paragraph.Paragraph) -> None:
    _before(p, "36").style = _char_style(d, "旧数字", double_strike=True)


def _struck_by_base(d: docx.document.Document, p: docx.text.paragraph.Paragraph) -> None:
    child = _char_style(d, "旧数字二")
    child.base_style = _char_style(d, "旧数字", strike=True)
    _before(p, "36").style = child


def _struck_paragraph(d: docx.document.Document, p: docx.text.paragraph.Paragraph) -> None:
    """The cell's paragraph style strikes: the old 36 takes it, the new 37 turns it off."""
    style = d.styles.add_style("删改", WD_STYLE_TYPE.PARAGRAPH)
    style.font.strike = True
    p.style = style
    p.runs[0].font.strike = False
    _before(p, "36")


@pytest.mark.parametrize("edit", [_raised, _lowered, _raised_by_base, _struck, _double_struck, _struck_by_base,
                                  _struck_paragraph])
def test_a_mark_given_by_a_style_is_left_out_and_said(tmp_path: Path, edit: Edit) -> None:
    value, notes = _cell_value(tmp_path, edit)
    assert value == 37
    assert len(notes) == 1 and "1个单元格" in notes[0]


def _raised_set_back(d: docx.document.Document, p: docx.text.paragraph.Paragraph) -> None:
    run = p.add_run("1")
    run.style = _char_style(d, "注释标记", superscript=True)
    align = OxmlElement("w:vertAlign")  # baseline on the run wins over its style
    align.set(qn("w:val"), "baseline")
    run._r.get_or_add_rPr().append(align)


def _strike_turned_off_below(d: docx.document.Document, p: docx.text.paragraph.Paragraph) -> None:
    child = _char_style(d, "不删", strike=False)
    child.base_style = _char_style(d, "旧数字", strike=True)
    p.add_run("1").style = child


def _toggled_twice(d: docx.document.Document, p: docx.text.paragraph.Paragraph) -> None:
    """Struck by the paragraph style and by the character style: shown unstruck, as Word does."""
    style = d.styles.add_style("删改", WD_STYLE_TYPE.PARAGRAPH)
    style.font.strike = True
    p.style = style
    for run in p.runs:
        run.style = _char_style(d, "旧数字", strike=True)
    p.add_run("1").style = d.styles["旧数字"]


def _plain_style(d: docx.document.Document, p: docx.text.paragraph.Paragraph) -> None:
    p.add_run("1").style = _char_style(d, "加粗", bold=True)


@pytest.mark.parametrize("edit", [_raised_set_back, _strike_turned_off_below, _toggled_twice, _plain_style])
def test_a_style_that_does_not_mark_leaves_the_digit(tmp_path: Path, edit: Edit) -> None:
    value, notes = _cell_value(tmp_path, edit)
    assert value == 371 and notes == []


def test_a_based_on_cycle_ends(tmp_path: Path) -> None:
    def edit(d: docx.document.Document, p: docx.text.paragraph.Paragraph) -> None:
        a, b = _char_style(d, "甲"), _char_style(d, "乙")
        a.base_style, b.base_style = b, a
        p.add_run("1").style = a

    value, notes = _cell_value(tmp_path, edit)
    assert value == 371 and notes == []


def test_marking_styles_are_found_by_kind() -> None:
    from lxml import etree

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    styles = MarkStyles(etree.fromstring(
        f'<w:styles xmlns:w="{w}">'
        '<w:style w:type="character" w:styleId="FootnoteReference"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="Ref2"><w:basedOn w:val="FootnoteReference"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Old"><w:rPr><w:dstrike/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="FootnoteReference"/>'
        '</w:styles>'))
    ids = ("FootnoteReference", "Ref2", "Old", "Unknown")
    assert [sid for sid in ids if styles.marks("character", sid)] == ["FootnoteReference", "Ref2"]
    assert [sid for sid in ids if styles.marks("paragraph", sid)] == ["Old"]
    assert styles.may_mark("character") and styles.may_mark("paragraph")
    assert not styles.marks_by_default()
    align = f"{{{w}}}vertAlign"
    assert styles.effective({}, "Ref2", "") == [(align, "superscript")]
    assert styles.effective({align: "baseline"}, "Ref2", "") == []
    assert styles.effective({}, "", "Old") == [(f"{{{w}}}dstrike", "on")]


def test_document_defaults_mark_what_says_nothing_else() -> None:
    """Strike in the defaults strikes a run no style or setting of its own turns off."""
    from lxml import etree

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    styles = MarkStyles(etree.fromstring(
        f'<w:styles xmlns:w="{w}"><w:docDefaults><w:rPrDefault><w:rPr><w:strike/></w:rPr></w:rPrDefault></w:docDefaults>'
        '<w:style w:type="character" w:styleId="Plain"><w:rPr><w:strike w:val="0"/></w:rPr></w:style>'
        '</w:styles>'))
    strike = f"{{{w}}}strike"
    assert styles.marks_by_default()
    assert styles.effective({}, "", "") == [(strike, "on")]
    assert styles.effective({}, "Plain", "") == []
    assert styles.effective({strike: "off"}, "", "") == []
