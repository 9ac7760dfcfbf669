"""app/docx/stylechain.py: a style's setting through its basedOn chain, looked up once per style
— a styles.xml of thousands of chained styles (the reviewer's 95,000: 8 s a read) stays cheap."""

from __future__ import annotations

from lxml import etree

from app.docx.charstyles import MarkStyles
from app.docx.hidden import Styles
from app.docx.stylechain import MAX_CHAIN, along_chain

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _chain(n: int, first_rpr: str) -> etree._Element:
    links = "".join(f'<w:style w:type="character" w:styleId="c{i}"><w:basedOn w:val="c{i - 1}"/></w:style>'
                    for i in range(1, n))
    return etree.fromstring(f'<w:styles xmlns:w="{W}"><w:style w:type="character" w:styleId="c0">'
                            f'<w:rPr>{first_rpr}</w:rPr></w:style>{links}</w:styles>')


def test_thousands_of_chained_styles_cost_one_walk_each() -> None:
    based = {f"c{i}": f"c{i - 1}" for i in range(1, 20_000)}
    asked: list[str] = []

    def own(sid: str) -> str | None:
        asked.append(sid)
        return "superscript" if sid == "c0" else None

    memo: dict[str, str | None] = {}
    assert [along_chain(f"c{i}", own, lambda s: based.get(s, ""), memo) for i in range(3)] == ["superscript"] * 3
    for i in range(20_000):
        along_chain(f"c{i}", own, lambda s: based.get(s, ""), memo)
    assert len(asked) <= 20_000, len(asked)  # once per style (one per style per link: ~640,000)


def test_a_loop_or_an_endless_chain_ends() -> None:
    loop = {"a": "b", "b": "a"}
    assert along_chain("a", lambda s: None, lambda s: loop[s], {}) is None
    endless = {f"s{i}": f"s{i + 1}" for i in range(10 * MAX_CHAIN)}
    assert along_chain("s0", lambda s: "x" if s == f"s{5 * MAX_CHAIN}" else None,
                       lambda s: endless.get(s, ""), {}) is None  # beyond the links followed


def test_both_readers_take_a_deep_style_from_the_chain() -> None:
    """A run naming a style 20 links below the one that marks or hides is marked or hidden."""
    marks = MarkStyles(_chain(2000, '<w:vertAlign w:val="superscript"/>'))
    assert marks.may_mark("character") and marks.marks("character", "c20")
    assert not marks.marks("character", "c1999")  # 1999 links down: beyond the chain followed
    hides = Styles(_chain(2000, "<w:vanish/>"))
    assert hides.may_hide("character") and hides.hides("character", "c20")
    assert not hides.may_hide("paragraph")
