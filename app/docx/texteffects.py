"""Word 2010's text effects (文本效果: w14:textFill, w14:textOutline) as the colours they draw.

Word draws a run that carries a w14:textFill in that fill, whatever its w:color says: 文本填充
“无填充” draws no letters at all (only an outline, if the run has one), a fill at 100 %
transparency draws none either.  A reader of w:t glued such an unseen “1” onto the figure
after it (121 for 21, nothing said), and a black fill over a stale w:color of FFFFFF was taken
for white on white and the figure dropped.  Here each such run's fill and outline are told as
colours drawn, for app/docx/invisible.py to hold against what is behind the run.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
TEXT_FILL, TEXT_OUTLINE = (f"{{{W14}}}{t}" for t in ("textFill", "textOutline"))
_NO_FILL, _SOLID_FILL, _SRGB, _SCHEME, _ALPHA, _VAL = (
    f"{{{W14}}}{t}" for t in ("noFill", "solidFill", "srgbClr", "schemeClr", "alpha", "val"))

# What a letter drawn in no colour is: nothing on any background.
NO_INK = ""
# DrawingML's scheme colour names (w14:schemeClr) -> the theme's colour scheme slot, as Word maps
# them (its default w:clrSchemeMapping: bg1 is light 1, tx1 dark 1).
_SCHEME_SLOTS = {
    "bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2", "lt1": "lt1", "dk1": "dk1", "lt2": "lt2", "dk2": "dk2",
    "hlink": "hlink", "folHlink": "folHlink", **{f"accent{i}": f"accent{i}" for i in range(1, 7)},
}
# An opacity of 3 % or less leaves any colour within a few steps of what is behind it: unseen on
# every background (the web reader's FAINT, app/webunshown.py, for opacity and rgba()).
_FAINT = 8 / 255

Scheme = Callable[[str], "str | None"]  # a theme slot ("lt1") -> RRGGBB


def hex_colour(value: str | None) -> str | None:
    """RRGGBB upper case, None for anything else (“auto”, a name, junk)."""
    if value is None or len(value) != 6:
        return None
    try:
        int(value, 16)
    except ValueError:
        return None
    return value.upper()


def _transparency(colour: etree._Element) -> float:
    """A w14 colour's w14:alpha: how transparent it is, 0..1 (the value is in 1/1000 of a
    percent, 100000 fully transparent); 0 when it sets none or one that is no number."""
    alpha = next((c for c in colour if c.tag == _ALPHA), None)
    if alpha is None:
        return 0.0
    try:
        return min(max(int(alpha.get(_VAL, "0")) / 100_000, 0.0), 1.0)
    except ValueError:
        return 0.0


def _ink(fill: etree._Element, scheme: Scheme) -> str | None:
    """What a w14:textFill or w14:textOutline draws: RRGGBB, NO_INK for no fill or one so
    transparent nothing shows, None for one that cannot be told (a gradient, a colour lightened
    or darkened by modifiers): taken as seen."""
    kind = next((c for c in fill if isinstance(c.tag, str)), None)
    if kind is None:
        return None
    if kind.tag == _NO_FILL:
        return NO_INK
    if kind.tag != _SOLID_FILL:
        return None  # a gradient: some of it shows
    colour = next((c for c in kind if isinstance(c.tag, str)), None)
    if colour is None:
        return None
    if 1 - _transparency(colour) <= _FAINT:
        return NO_INK
    if any(isinstance(c.tag, str) and c.tag != _ALPHA for c in colour):
        return None  # lumMod, tint, shade…: a colour this module does not work out
    if colour.tag == _SRGB:
        return hex_colour(colour.get(_VAL))
    if colour.tag == _SCHEME:
        slot = _SCHEME_SLOTS.get(colour.get(_VAL, ""))
        return scheme(slot) if slot is not None else None
    return None


def effect_inks(rpr: etree._Element, scheme: Scheme) -> tuple[str | None, ...] | None:
    """The colours a run's text effects draw its letters in — the fill's, and the outline's when
    it has one — or None when the run sets no text fill (its w:color is what it draws)."""
    fill = next((c for c in rpr if c.tag == TEXT_FILL), None)
    if fill is None:
        return None
    outline = next((c for c in rpr if c.tag == TEXT_OUTLINE), None)
    return (_ink(fill, scheme),) if outline is None else (_ink(fill, scheme), _ink(outline, scheme))
