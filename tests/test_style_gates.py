"""The byte searches that decide whether styles.xml need be parsed at all (may a style hide,
mark, colour or set a symbol font?) look at it less its table styles (DocxParts.run_styles_xml):
every paragraph and character style and the defaults stay in what they search, however the
table styles around them are written, so a style that hides text still hides it."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from lxml import etree

from app.docx.package import PARSER, W, open_parts
from app.reading import load_report
from app.schema import T3_COL_NATURAL, T3_COL_TOTAL, T3_NEW
from tests.conftest import rewrite_docx
from tests.thirdparty import Spec, build

VISIBLE = "本年度共收到政府信息公开申请47件，均已按时答复。"
SECRET = "此处为内部备注不予公开的说明文字"
_STYLE, _TYPE, _ID = f"{{{W}}}style", f"{{{W}}}type", f"{{{W}}}styleId"


def _styles(xml: bytes, table: bool) -> list[str]:
    root = etree.fromstring(xml, PARSER)
    return [s.get(_ID, "") for s in root.iter(_STYLE) if (s.get(_TYPE) == "table") == table]


def _hidden_by_style(tmp_path: Path) -> Path:
    """A report with one paragraph hidden only by its paragraph style 内部备注 (w:vanish)."""
    base = build(Spec(text={"一": [VISIBLE]}, t3={(T3_NEW, T3_COL_NATURAL): "47", (T3_NEW, T3_COL_TOTAL): "47"}),
                 tmp_path / "base.docx")
    d = docx.Document(str(base))
    style = d.styles.add_style("内部备注", WD_STYLE_TYPE.PARAGRAPH)
    style.font.hidden = True
    next(p for p in d.paragraphs if p.text == VISIBLE).insert_paragraph_before(SECRET, style="内部备注")
    path = tmp_path / "hidden.docx"
    d.save(str(path))
    return path


def test_the_template_s_table_styles_are_left_out_and_every_other_style_kept(tmp_path: Path) -> None:
    parts = open_parts(_hidden_by_style(tmp_path))
    whole, searched = parts.styles_xml[0], parts.run_styles_xml[0]
    assert len(searched) < len(whole) // 5  # python-docx's template: nine tenths table styles
    assert _styles(whole, True) and _styles(searched, True) == []
    assert _styles(searched, False) == _styles(whole, False) and "内部备注" in _styles(searched, False)
    assert b"<w:docDefaults>" in searched and b"<w:latentStyles" in searched


# Table styles written so that a search for their ends by bytes would run over the hiding style
# that follows: each must leave 内部备注 (and what it hides) where the searches see it.
_AROUND = {
    "self-closing": '<w:style w:type="table" w:styleId="Fake"/>',
    "self-closing, a > in a value": '<w:style w:type="table" w:styleId="a>b"/>',
    "a comment naming a table style": '<!-- <w:style w:type="table" w:styleId="Fake"> -->',
    "an instruction naming a table style": '<?pi <w:style w:type="table" w:styleId="Fake">?>',
}


@pytest.mark.parametrize("how", list(_AROUND))
def test_a_hiding_style_after_an_odd_table_style_still_hides(tmp_path: Path, how: str) -> None:
    def edit(xml: str) -> str:
        own = re.search(r'<w:style [^>]*w:styleId="内部备注".*?</w:style>', xml, re.S)
        assert own is not None
        return xml.replace(own.group(0), _AROUND[how] + own.group(0))

    path = rewrite_docx(_hidden_by_style(tmp_path), tmp_path / "odd.docx", edit, "word/styles.xml")
    searched = open_parts(path).run_styles_xml[0]
    assert "内部备注".encode() in searched and b"<w:vanish/>" in searched
    r = load_report(path)
    assert SECRET not in "".join(r.section_text(k) for k in r.sections)
    assert VISIBLE in r.section_text("一")


def test_a_hiding_style_of_another_prefix_after_a_table_style_still_hides(tmp_path: Path) -> None:
    """The same namespace under another prefix (x:style): no w:style end is looked for across it."""
    def edit(xml: str) -> str:
        own = re.search(r'<w:style [^>]*w:styleId="内部备注".*?</w:style>', xml, re.S)
        assert own is not None
        other = re.sub(r"(</?)w:", r"\1x:", own.group(0)).replace("<x:style ", f'<x:style xmlns:x="{W}" ', 1)
        tail = '<w:style w:type="paragraph" w:styleId="Tail"><w:name w:val="Tail"/></w:style>'  # a w:style end after it
        return xml.replace(own.group(0), '<w:style w:type="table" w:styleId="a>b"/>' + other + tail)

    path = rewrite_docx(_hidden_by_style(tmp_path), tmp_path / "prefix.docx", edit, "word/styles.xml")
    with zipfile.ZipFile(path) as z:
        assert "内部备注" in _styles(z.read("word/styles.xml"), False)
    assert "内部备注".encode() in open_parts(path).run_styles_xml[0]
    r = load_report(path)
    assert SECRET not in "".join(r.section_text(k) for k in r.sections)


@pytest.mark.parametrize("style_id", ['H w:type="table"', 'w:type="table"', 'w:type="table">'])
def test_a_hiding_style_naming_the_table_type_in_its_id_still_hides(tmp_path: Path, style_id: str) -> None:
    """rev19: the bytes w:type="table" inside another attribute's value (a styleId in single
    quotes, valid XML) were taken for the style's type: the hiding paragraph style was cut from
    what the gates search, styles.xml not parsed, and the paragraph it hides read as visible."""
    old_id: list[str] = []

    def styles(xml: str) -> str:
        own = re.search(r'<w:style [^>]*w:styleId="([^"]*)"[^>]*>(?:(?!</w:style>).)*内部备注.*?</w:style>', xml, re.S)
        assert own is not None
        old_id.append(own.group(1))
        return xml.replace(own.group(0), own.group(0).replace(f'w:styleId="{own.group(1)}"', f"w:styleId='{style_id}'", 1))

    mid = rewrite_docx(_hidden_by_style(tmp_path), tmp_path / "mid.docx", styles, "word/styles.xml")
    path = rewrite_docx(mid, tmp_path / "odd-id.docx",
                        lambda xml: xml.replace(f'w:val="{old_id[0]}"', f'w:val="{style_id.replace(chr(34), "&quot;")}"'),
                        "word/document.xml")
    with zipfile.ZipFile(path) as z:
        assert style_id in _styles(z.read("word/styles.xml"), False)  # a paragraph style, as Word reads it
    assert b"<w:vanish/>" in open_parts(path).run_styles_xml[0]
    r = load_report(path)
    assert SECRET not in "".join(r.section_text(k) for k in r.sections)
    assert VISIBLE in r.section_text("一")
