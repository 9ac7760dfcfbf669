"""Bookmarks never closed (a w:bookmarkStart without its w:bookmarkEnd) are no bookmarks, and
however many a file has, they leave the real ones be: a REF to a bookmark closed after a hundred
unclosed ones is judged on that bookmark's text.  At most 64 bookmarks were gathered while open,
the unclosed ones holding their places to the end: past 64 a real bookmark went ungathered and
its REF was said to name a bookmark the file does not have (rev18)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.findings import FIELD_STALE
from app.reading import load_report
from app.schema import REQUESTS, T3_NEW
from tests.conftest import rewrite_docx
from tests.test_docx_fields import _cell, _code, _field, _t
from tests.thirdparty import Spec, build

UNCLOSED = "".join(f'<w:bookmarkStart w:id="{i}" w:name="_未闭合{i}"/>' for i in range(100))
CLOSED = ('<w:p><w:bookmarkStart w:id="900" w:name="新收合计"/><w:r><w:t>{}</w:t></w:r>'
          '<w:bookmarkEnd w:id="900"/></w:p>')


def _stale(tmp_path: Path, marks: str) -> list[str]:
    """FIELD-STALE's words on a file whose cell holds { REF 新收合计 } showing 37, ``marks`` (body
    paragraphs) after its title."""
    src = build(Spec(t3={(T3_NEW, 0): "37"}), tmp_path / "src.docx")
    cell = _cell(_field(_code(" REF 新收合计 \\h "), _t("37")), src, tmp_path / "cell.docx")
    path = rewrite_docx(cell, tmp_path / "marked.docx",
                        lambda xml: re.sub(r"(<w:body>.*?</w:p>)", lambda m: m.group(1) + marks, xml, count=1, flags=re.S))
    report = load_report(path)
    assert report.tables[REQUESTS][(T3_NEW, 0)] == 37
    return [f.message for f in report.import_findings if f.code == FIELD_STALE.code]


@pytest.mark.parametrize(("held", "said"), [("37", None), ("121", "引用的书签现为“121”")])
def test_a_real_bookmark_after_a_hundred_unclosed_ones_is_read(tmp_path: Path, held: str, said: str | None) -> None:
    stale = _stale(tmp_path, f"<w:p>{UNCLOSED}<w:r><w:t>说明</w:t></w:r></w:p>" + CLOSED.format(held))
    assert not any("不存在" in m for m in stale), stale
    assert (stale == []) if said is None else (len(stale) == 1 and said in stale[0]), stale


def test_a_name_first_begun_and_never_closed_is_the_closed_bookmark_of_that_name(tmp_path: Path) -> None:
    """The unclosed 新收合计 is no bookmark: the closed one after it is the bookmark of that name."""
    unclosed = '<w:p><w:bookmarkStart w:id="7" w:name="新收合计"/><w:r><w:t>说明</w:t></w:r></w:p>'
    stale = _stale(tmp_path, unclosed + CLOSED.format("121"))
    assert len(stale) == 1 and "引用的书签现为“121”" in stale[0], stale
