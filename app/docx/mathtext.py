"""An equation (Office Math, 插入→公式) of plain text read as the text it shows.

A figure typed in an equation (“1023” in Cambria Math: Alt+= in a cell) is m:r/m:t, not w:r/w:t;
read for w:t only, the cell was blank — a figure Word shows, lost (BLANK-CELL where 1023 stood).
An equation of runs only (digits, words, signs: no fraction, script, radical, bracket or matrix
laid out around them) shows its runs' text in order, so its runs are read as runs of the
paragraph.  One laid out as a structure is left unread: its text in order (1, 2 of ½) is not
what it shows, and no figure is better than a wrong one."""

from __future__ import annotations

from lxml import etree

from app.docx.xmlkids import W

M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
OMATH = f"{{{M}}}oMath"
_M_R, _M_T = f"{{{M}}}r", f"{{{M}}}t"
_W_R, _W_T = f"{{{W}}}r", f"{{{W}}}t"
# What an equation of plain runs holds: the runs, their text and properties (math's own and a
# run's w:rPr with whatever is inside it), and the zone's control properties.
_PLAIN = frozenset(f"{{{M}}}{t}" for t in ("oMath", "r", "t", "rPr", "ctrlPr", "sty", "scr", "nor", "lit", "brk", "aln"))
_PLAIN_W = frozenset(f"{{{W}}}{t}" for t in ("rPr", "ins", "del", "moveFrom", "moveTo", "bookmarkStart", "bookmarkEnd",
                                              "proofErr"))
# A math run's own revision mark (in its w:rPr, as a paragraph mark's is): deleted or moved away,
# it is gone once accepted — as the w:del and w:moveFrom around runs, which the hidden text's
# pass takes out.
_GONE = frozenset(f"{{{W}}}{t}" for t in ("del", "moveFrom"))
_W_RPR = f"{{{W}}}rPr"


def read_plain_math(zones: list[etree._Element]) -> None:
    """Each equation of ``zones`` (m:oMath) that is plain runs made runs of its paragraph: m:r
    as w:r, m:t as w:t (the zone stays around them, as a hyperlink or a content control would)."""
    for zone in zones:
        # An equation inside another (none Word writes) is judged with the one it is in: each
        # judged alone, a hostile file's 100 nested equations walked 50,000 runs 100 times (37 s).
        if next(zone.iterancestors(OMATH), None) is not None or not _plain(zone):
            continue
        for el in list(zone.iter(_M_R, _M_T)):
            if el.tag == _M_R and _gone(el):
                el.getparent().remove(el)  # type: ignore[union-attr]  # a run always has a parent here
            else:
                el.tag = _W_R if el.tag == _M_R else _W_T


def _gone(run: etree._Element) -> bool:
    """Whether a math run is marked deleted or moved away in its own properties."""
    return any(c.tag in _GONE for rpr in run if rpr.tag == _W_RPR for c in rpr)


def _plain(zone: etree._Element) -> bool:
    """Whether ``zone`` holds nothing but runs: its math tags those of _PLAIN, the word tags
    those of _PLAIN_W, or any inside a run's w:rPr (w:rFonts, w:sz …: as plain as the run).  One
    pass, a count of the w:rPr open: looking up each element's ancestors for one took a hostile
    equation of 200,000 run properties 200 deep 46 s."""
    in_props = 0
    for event, el in etree.iterwalk(zone, events=("start", "end")):
        tag = el.tag
        if tag == _W_RPR:
            in_props += 1 if event == "start" else -1
        elif event == "end" or tag in _PLAIN or tag in _PLAIN_W:
            continue
        elif not isinstance(tag, str) or not tag.startswith(f"{{{W}}}") or not in_props:
            return False
    return True
