"""The page a reviewer measures in a .docx, for tests/ooxml_check.py: GB/T 9704's A4, margins and
22 × 28 grid, page numbers in the footers, and every font named declared (CJK ones for GB2312).
"""

from __future__ import annotations

import re

from lxml import etree

from tests.ooxml_names import WQ as _W
from tests.ooxml_names import R
from tests.ooxml_names import int_attr as _int

# GB/T 9704-2012, in twips: A4, margins 37/35/28/26 mm, 22 lines of 28 characters in the block.
_A4 = (11906, 16838)
_MARGINS = {"top": 2098, "bottom": 1984, "left": 1587, "right": 1474}
_CJK = re.compile("[\u3400-\u9fff]")


def page_problems(parts: dict[str, etree._Element], rels: dict[str, str]) -> list[str]:
    """The page a reviewer measures: A4, the margins, a grid of 22 lines × 28 characters, page
    numbers (a PAGE field) in a footer for odd and one for even pages when the settings say they
    differ, and every font a part names declared in fontTable.xml (Word substitutes a missing
    one by its declaration), a Chinese-named one for GB2312 (charset 86).  ``rels``: the main
    document's relationship ids → part names."""
    out: list[str] = []
    body = parts["word/document.xml"].find(f"{_W}body")
    sect = body.find(f"{_W}sectPr") if body is not None else None
    if sect is None:
        return ["document.xml: no section properties at the end of the body"]
    size = sect.find(f"{_W}pgSz")
    if size is None or (_int(size, "w"), _int(size, "h")) != _A4 or size.get(f"{_W}orient") == "landscape":
        out.append("sectPr: the page is not A4 portrait")
    margins = sect.find(f"{_W}pgMar")
    for side, want in _MARGINS.items():
        if margins is None or abs(_int(margins, side) - want) > 2:
            out.append(f"sectPr: {side} margin {None if margins is None else margins.get(f'{_W}{side}')} twips, not {want}")
    grid = sect.find(f"{_W}docGrid")
    block_h = _A4[1] - _MARGINS["top"] - _MARGINS["bottom"]
    block_w_pt = (_A4[0] - _MARGINS["left"] - _MARGINS["right"]) / 20
    pitch = _int(grid, "linePitch")
    if grid is None or grid.get(f"{_W}type") != "linesAndChars" or not 22 * pitch <= block_h < 23 * pitch:
        out.append(f"sectPr: the document grid does not set 22 lines a page (linePitch {pitch})")
    normal = _normal_size_pt(parts.get("word/styles.xml"))
    char_pt = normal + _int(grid, "charSpace") / 4096
    if grid is not None and not 28 * char_pt <= block_w_pt + 0.5 < 29 * char_pt:
        out.append(f"sectPr: the document grid does not set 28 characters a line ({char_pt:.2f} pt each)")
    footers = {ref.get(f"{_W}type"): rels.get(ref.get(f"{{{R}}}id", ""), "")
               for ref in sect.iter(f"{_W}footerReference")}
    settings = parts.get("word/settings.xml")
    even_odd = settings is not None and settings.find(f"{_W}evenAndOddHeaders") is not None
    wanted = {"default": "right", "even": "left"} if even_odd else {"default": ""}
    for kind, align in wanted.items():
        footer = parts.get(footers.get(kind, ""))
        if footer is None:
            out.append(f"sectPr: no {kind} footer (page numbers)")
            continue
        code = "".join(t.text or "" for t in footer.iter(f"{_W}instrText"))
        if "PAGE" not in code.split():
            out.append(f"{footers[kind]}: no PAGE field")
        jc = footer.find(f".//{_W}jc")
        if align and (jc is None or jc.get(f"{_W}val") not in (align, "end" if align == "right" else "start")):
            out.append(f"{footers[kind]}: the page number of {kind} pages is not on the outer ({align}) side")
    out += _font_problems(parts)
    return out


def _normal_size_pt(styles: etree._Element | None) -> float:
    """The body font size: Normal's w:sz, else the defaults', else Word's 10.5 pt."""
    if styles is not None:
        for path in (f"{_W}style[@{_W}styleId='Normal']/{_W}rPr/{_W}sz", f"{_W}docDefaults//{_W}rPr/{_W}sz"):
            sz = styles.find(path)
            if sz is not None:
                return _int(sz, "val") / 2
    return 10.5


def _font_problems(parts: dict[str, etree._Element]) -> list[str]:
    table = parts.get("word/fontTable.xml")
    declared = {} if table is None else {f.get(f"{_W}name"): f for f in table.iter(f"{_W}font")}
    named = {el.get(f"{_W}{slot}") for root in parts.values() for el in root.iter(f"{_W}rFonts")
             for slot in ("ascii", "hAnsi", "eastAsia", "cs")} - {None}
    out = [f"fontTable.xml: {name} is used but not declared" for name in sorted(named) if name not in declared]
    for name, font in sorted(declared.items()):
        charset = font.find(f"{_W}charset")
        if _CJK.search(name or "") and (charset is None or charset.get(f"{_W}val", "").upper() != "86"):
            out.append(f"fontTable.xml: {name} is not declared for GB2312 (charset 86)")
    return out
