"""A statutory table in a text box (WPS and Word users lay a table out so), the report saved as a
web page by Word: the box is written in the paragraph it is anchored to — its VML in a comment,
then for browsers a positioned <span> holding a one-cell layout table holding the box's <div>
holding the table.  The paragraph was read as one line of text, every cell's words run together,
and the table said missing.  A paragraph holding a table is walked: its words, then its table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.reading import load_report
from app.schema import TABLES
from tests.test_webcopy import page

T3 = TABLES["三"]
VALUES = {(c.row, c.col): str(100 + i) for i, c in enumerate(T3.cells)}


def _in_text_box(table: str, words: str = "") -> str:
    """``table`` as Word writes a text box holding it into the web page, in a paragraph of ``words``."""
    return ("<p class=MsoNormal>" + words + "<!--[if gte vml 1]><v:shape id=\"_x0000_s1026\" type=\"#_x0000_t202\" "
            "style='position:absolute;width:417pt;height:753pt'><v:textbox><![if !mso]><table cellpadding=0 cellspacing=0 "
            "width=\"100%\"><tr><td><![endif]><div>" + table + "</div><![if !mso]></td></tr></table><![endif]></v:textbox>"
            "</v:shape><![endif]--><![if !vml]><span style='mso-ignore:vglayout;position:absolute;z-index:251659264;"
            "left:0px;margin-left:-1px;margin-top:0px;width:556px;height:1004px'><table cellpadding=0 cellspacing=0><tr>"
            "<td width=556 height=1004 style='vertical-align:top'><![endif]><![if !mso]><span style='position:absolute;"
            "mso-ignore:vglayout;left:0pt;z-index:251659264'><table cellpadding=0 cellspacing=0 width=\"100%\"><tr><td>"
            "<![endif]><div v:shape=\"_x0000_s1026\" style='padding:3.6pt 7.2pt 3.6pt 7.2pt' class=shape>" + table
            + "</div><![if !mso]></td></tr></table></span><![endif]><![if !vml]></td></tr></table></span><![endif]></p>")


@pytest.mark.parametrize("words", ["", "具体情况见下表："])
def test_a_table_in_a_text_box_on_words_web_page_is_read(tmp_path: Path, words: str) -> None:
    text = page(VALUES)
    t3 = re.findall(r"<table.*?</table>", text)[1]
    path = tmp_path / "年报.htm"
    path.write_text(text.replace(t3, _in_text_box(t3, words)), encoding="utf-8")
    read = load_report(path)
    assert {pos: read.tables["三"][pos] for pos in VALUES} == {pos: int(v) for pos, v in VALUES.items()}
    assert not [f.message for f in read.import_findings if "没有找到表" in f.message]
    if words:
        assert words in "".join(p.text for p in read.sections["三"])
