"""What a table style gives the text of its cells, written onto the runs and cells it reaches.

A table names a style (w:tblStyle → styles.xml); the style sets run properties for the whole
table and, conditionally, for its first row, last row, first and last column, banded rows and
columns and the corner cells (w:tblStylePr), as the table's w:tblLook turns them on.  Word draws
a cell's text with them: a style whose rPr hides (w:vanish), whitens (w:color FFFFFF on a white
cell) or shrinks its text hides it as surely as the run's own properties would (d30–d32).  So
before the body is read, each run in a styled table is given the hiding, colour and size its
table style gives its cell — and each cell the shading — where nothing nearer sets them, and
the rules of app/docx/hidden.py and app/docx/invisible.py judge it as if set on the run.

Precedence as Word's: the run's own property, else its character style's, else its paragraph
style's (each through its basedOn chain), else the table style's, the conditional parts in
Office's order (MS-OI29500 2.1.252: row bands, column bands, first/last column, first/last
row, corners; later wins), through the table style's own basedOn chain.  A table with no
w:tblLook applies the bands only (ISO/IEC 29500 17.4.55: the bitmask defaults to 0000).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from app.docx.stylechain import StyleSheet
from app.docx.xmlkids import W, bare_copy, child_val, first_child, run_properties

_TBL, _TBLPR, _TBLSTYLE, _TBLLOOK, _TR, _TC, _TCPR, _TRPR, _TBLHEADER = (
    f"{{{W}}}{t}" for t in ("tbl", "tblPr", "tblStyle", "tblLook", "tr", "tc", "tcPr", "trPr", "tblHeader"))
_R, _P, _RPR, _PPR, _RSTYLE, _PSTYLE, _SHD, _VAL, _TYPE = (
    f"{{{W}}}{t}" for t in ("r", "p", "rPr", "pPr", "rStyle", "pStyle", "shd", "val", "type"))
_TBLSTYLEPR = f"{{{W}}}tblStylePr"
_ROW_BAND, _COL_BAND = f"{{{W}}}tblStyleRowBandSize", f"{{{W}}}tblStyleColBandSize"
_VANISH, _COLOR, _SZ, _CELL_DEL = (f"{{{W}}}{t}" for t in ("vanish", "color", "sz", "cellDel"))
_RUN_PROPS = (_VANISH, _COLOR, _SZ)  # what can make text unseen (app/docx/hidden.py, invisible.py)
_WRAPPERS = tuple(f"{{{W}}}{t}" for t in ("sdt", "sdtContent", "customXml", "smartTag"))

# Office's order of application, later overriding earlier.
_ORDER = ("wholeTable", "band1Horz", "band2Horz", "band1Vert", "band2Vert", "firstCol", "lastCol",
          "firstRow", "lastRow", "nwCell", "neCell", "swCell", "seCell")
_LOOK_BITS = {"firstRow": 0x20, "lastRow": 0x40, "firstColumn": 0x80, "lastColumn": 0x100,
              "noHBand": 0x200, "noVBand": 0x400}

# One conditional part's settings: run property tag → its element, and the cell shading under "shd".
Part = dict[str, etree._Element]


def _on(el: etree._Element, attr: str = _VAL) -> bool:
    return el.get(attr) not in ("0", "false", "off")


def _part(el: etree._Element) -> Part:
    """The settings a style (or one of its w:tblStylePr) makes that can hide text."""
    out: Part = {}
    rpr = first_child(el, _RPR)
    for tag in _RUN_PROPS:
        c = first_child(rpr, tag)
        if c is not None:
            out[tag] = c
    # the cell's shading wins the table's, the paragraph's (painted over the cell) both
    for props in (first_child(el, _TBLPR), first_child(el, _TCPR), first_child(el, _PPR)):
        shd = first_child(props, _SHD)
        if shd is not None:
            out[_SHD] = shd
    return out


@dataclass(frozen=True)
class _Style:
    """What one style of styles.xml gives for hiding text: a table style its parts (wholeTable and
    each w:tblStylePr that sets something) and band sizes; any other the run properties it sets."""

    parts: dict[str, Part] = field(default_factory=dict)
    bands: tuple[int | None, int | None] = (None, None)
    sets: frozenset[str] = frozenset()


def _style(style: etree._Element) -> _Style:
    if style.get(_TYPE, "paragraph") == "table":
        parts = {"wholeTable": _part(style)}
        for cond in style.iterchildren(_TBLSTYLEPR):
            parts[cond.get(_TYPE, "")] = _part(cond)
        tblpr = first_child(style, _TBLPR)
        return _Style(parts={k: v for k, v in parts.items() if v},
                      bands=(_number(first_child(tblpr, _ROW_BAND)), _number(first_child(tblpr, _COL_BAND))))
    rpr = first_child(style, _RPR)
    return _Style(sets=frozenset(c.tag for c in rpr if c.tag in _RUN_PROPS) if rpr is not None else frozenset())


class TableStyles:
    """The table styles of styles.xml, and which run properties paragraph and character styles
    set (a run's styles win its table style's), each through its basedOn chain
    (app/docx/stylechain.py, as the other style readers walk it)."""

    def __init__(self, styles: etree._Element) -> None:
        self._sheet = StyleSheet(styles, _style)
        self.default_paragraph = self._sheet.default_paragraph

    def setting(self, sid: str, cond: str, tag: str) -> etree._Element | None:
        """The element a table style's part ``cond`` gives for ``tag``, its own or inherited."""
        return self._sheet.resolve("table", sid, lambda st: st.parts.get(cond, {}).get(tag), f"{cond} {tag}")

    def sets_any(self, sid: str) -> bool:
        """Whether the style (through its chain) has anything that can hide text."""
        return self._sheet.resolve("table", sid, lambda st: True if st.parts else None, "any") is True

    def band_sizes(self, sid: str) -> tuple[int, int]:
        rows = self._sheet.resolve("table", sid, lambda st: st.bands[0], "rowband")
        cols = self._sheet.resolve("table", sid, lambda st: st.bands[1], "colband")
        return (rows if rows is not None and rows > 0 else 1, cols if cols is not None and cols > 0 else 1)

    def style_sets(self, kind: str, sid: str, tag: str) -> bool:
        """Whether a paragraph or character style sets the run property itself (or inherits it)."""
        return self._sheet.resolve(kind, sid, lambda st: True if tag in st.sets else None, tag) is True


def _number(el: etree._Element | None) -> int | None:
    try:
        return int(el.get(_VAL, "")) if el is not None else None
    except ValueError:
        return None


def _children(el: etree._Element, tag: str) -> list[etree._Element]:
    """``el``'s children of ``tag``, looking through content controls and custom XML around them."""
    out: list[etree._Element] = []
    for c in el:
        if c.tag == tag:
            out.append(c)
        elif c.tag in _WRAPPERS:
            out += _children(c, tag)
    return out


def _look(tbl: etree._Element) -> set[str]:
    """The conditional parts the table turns on (w:tblLook: attributes, or the older bitmask)."""
    look = first_child(first_child(tbl, _TBLPR), _TBLLOOK)
    flags: set[str] = set()
    if look is not None:
        try:
            bits = int(look.get(_VAL, "0"), 16)
        except ValueError:
            bits = 0
        for name, bit in _LOOK_BITS.items():
            attr = look.get(f"{{{W}}}{name}")
            if (attr is not None and attr in ("1", "true", "on")) or (attr is None and bits & bit):
                flags.add(name)
    return flags


def _cell_parts(look: set[str], row: int, rows: int, header: int, col: int, cols: int,
                band_rows: int, band_cols: int) -> list[str]:
    """The conditional parts that reach the cell at (row, col), in the order they apply."""
    first_row = "firstRow" in look and row < header
    last_row = "lastRow" in look and row == rows - 1 and not first_row
    first_col = "firstColumn" in look and col == 0
    last_col = "lastColumn" in look and col == cols - 1
    out = ["wholeTable"]
    if "noHBand" not in look and not first_row and not last_row:
        out.append(f"band{(row - (header if 'firstRow' in look else 0)) // band_rows % 2 + 1}Horz")
    if "noVBand" not in look and not first_col and not last_col:
        out.append(f"band{(col - (1 if 'firstColumn' in look else 0)) // band_cols % 2 + 1}Vert")
    out += [name for name, on in (("firstCol", first_col), ("lastCol", last_col),
                                  ("firstRow", first_row), ("lastRow", last_row)) if on]
    for name, on in (("nwCell", first_row and first_col), ("neCell", first_row and last_col),
                     ("swCell", last_row and first_col), ("seCell", last_row and last_col)):
        if on:
            out.append(name)
    return out


def apply_table_styles(body: etree._Element, styles: Callable[[], etree._Element | None]) -> int:
    """Write onto each run of a styled table (in ``body``, the reader's own tree) the hiding,
    colour and size its table style gives it, and onto each cell the style's shading, where
    nothing nearer sets them; returns how many runs were given something."""
    named = [el for el in body.iter(_TBLSTYLE) if el.getparent() is not None]
    if not named:
        return 0  # no styled table (styles.xml, often the largest part, is not parsed)
    root = styles()
    if root is None:
        return 0
    ts = TableStyles(root)
    changed = 0
    for el in named:
        tblpr = el.getparent()
        tbl = tblpr.getparent() if tblpr is not None else None
        sid = el.get(_VAL, "")
        if tbl is None or tbl.tag != _TBL or not ts.sets_any(sid):
            continue
        changed += _apply(tbl, sid, ts)
    return changed


def _apply(tbl: etree._Element, sid: str, ts: TableStyles) -> int:
    look = _look(tbl)
    rows = _children(tbl, _TR)
    header = 1
    while header < len(rows) and _on_flag(first_child(first_child(rows[header], _TRPR), _TBLHEADER)) \
            and _on_flag(first_child(first_child(rows[header - 1], _TRPR), _TBLHEADER)):
        header += 1  # repeated header rows take the first row's formatting too
    band_rows, band_cols = ts.band_sizes(sid)
    setting = functools.cache(ts.setting)
    sets = functools.cache(ts.style_sets)
    changed = 0
    for i, tr in enumerate(rows):
        # A cell deleted with tracked changes is gone once accepted, as the reader reads it: the
        # last column is the last cell left (app/docx/blocks.py).
        cells = [tc for tc in _children(tr, _TC) if first_child(first_child(tc, _TCPR), _CELL_DEL) is None]
        for j, tc in enumerate(cells):
            parts = _cell_parts(look, i, len(rows), header, j, len(cells), band_rows, band_cols)
            given: dict[str, etree._Element] = {}
            for cond in parts:
                for tag in (*_RUN_PROPS, _SHD):
                    value = setting(sid, cond, tag)
                    if value is not None:
                        given[tag] = value
            if not given:
                continue
            shd = given.pop(_SHD, None)
            if shd is not None:
                tcpr = first_child(tc, _TCPR)
                if tcpr is None:
                    tcpr = etree.Element(_TCPR)
                    tc.insert(0, tcpr)
                if first_child(tcpr, _SHD) is None:
                    tcpr.append(bare_copy(shd))
            if given:
                changed += _give_runs(tc, tbl, given, sets, ts.default_paragraph)
    return changed


def _on_flag(el: etree._Element | None) -> bool:
    return el is not None and _on(el)


def _give_runs(tc: etree._Element, tbl: etree._Element, given: dict[str, etree._Element],
               sets: Callable[[str, str, str], bool], default_paragraph: str) -> int:
    """Give each run of the cell's own paragraphs what the table style gives and neither the
    run nor its styles set."""
    changed = 0
    for p in tc.iter(_P):
        owner = p.getparent()
        while owner is not None and owner.tag != _TBL:
            owner = owner.getparent()
        if owner is not tbl:
            continue  # a nested table's text: its own style's
        para_style = child_val(first_child(p, _PPR), _PSTYLE) or default_paragraph
        for r in p.iter(_R):
            rpr = first_child(r, _RPR)
            char_style = child_val(rpr, _RSTYLE)
            add = [el for tag, el in given.items()
                   if first_child(rpr, tag) is None and not sets("character", char_style, tag)
                   and not sets("paragraph", para_style, tag)
                   and (tag != _VANISH or _on(el))]
            if not add:
                continue
            rpr = run_properties(r)
            for el in add:
                rpr.append(bare_copy(el))
            changed += 1
    return changed


