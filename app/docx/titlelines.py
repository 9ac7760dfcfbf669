"""Whether a title paragraph continues the one below it: a long organ typed over two centred
paragraphs above the year's line (“国家税务总局宁波市” / “北仑区税务局” / “2023年度…报告”).
Its last line alone names an organ too, which the rule for a letterhead (红头) above a title
took; a 红头 is set apart (red, larger, another font), a title's lines are set alike."""

from __future__ import annotations

from lxml import etree

from app.docx.blocks import ParaBlock
from app.docx.xmlkids import W, child_val, first_child

_P, _PPR, _JC, _STYLE, _R, _RPR, _T = (f"{{{W}}}{t}" for t in ("p", "pPr", "jc", "pStyle", "r", "rPr", "t"))
# What sets a line apart as a letterhead's: its colour, size, font, weight.
_LOOK = tuple(f"{{{W}}}{t}" for t in ("color", "sz", "szCs", "rFonts", "b", "spacing", "w"))


def _look(p: etree._Element) -> tuple[str, ...] | None:
    """A paragraph's alignment, style and its first text run's direct formatting; None for no
    Word paragraph (a PDF's or a web page's line)."""
    if p.tag != _P:
        return None
    ppr = first_child(p, _PPR)
    jc = child_val(ppr, _JC) if ppr is not None else ""
    style = child_val(ppr, _STYLE) if ppr is not None else ""
    run = next((r for r in p.iter(_R) if next(r.iter(_T), None) is not None), None)
    rpr = first_child(run, _RPR) if run is not None else None
    marks = [] if rpr is None else [etree.tostring(el).decode() for el in rpr if el.tag in _LOOK]
    return (jc, style, *sorted(marks))


def set_alike(upper: ParaBlock, lower: ParaBlock) -> bool:
    """Both centred Word paragraphs of one style, their text formatted alike."""
    a, b = _look(upper.element), _look(lower.element)
    if a is None or a != b:
        return False
    return a[0] in ("center", "distribute") or (not a[0] and bool(a[1]))  # (or centred by their one style)
