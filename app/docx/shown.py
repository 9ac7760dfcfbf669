"""Two places where the XML holds something other than what Word shows, made to hold what it
shows before the body is read.

Alternate content (mc:AlternateContent): Word shows the first mc:Choice whose Requires names
only namespaces it understands, else the mc:Fallback.  Choices another program wrote for
itself (Requires="wpsCustomData", a namespace of its own) are not what Word shows: a figure in
such a Choice beside another in the Fallback reads as the Fallback's, as Word shows it.  The
reader (app/docx/blocks.py) reads an AlternateContent's first Choice and leaves every Fallback
out; here the Choice Word takes is made the first, or the Fallback becomes the Choice.  WPS
shows its own Choice (review30 L4: Word 34, WPS 55 in one cell): a dropped Choice whose text
differs from what is read is kept on the AlternateContent (OTHER_TEXT, and who shows it in
SHOWN_BY) for the reader to say where it matters (app/docx/reader.py).

A positional tab (w:ptab, 对齐制表位) shows a gap as a tab does: “2”, a ptab, “8” is no 28.
It is read as a w:tab (which a figure cell reports as 两个数？).
"""

from __future__ import annotations

from lxml import etree

from app.docx.xmlkids import W

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_ALTERNATE, _CHOICE, _FALLBACK = (f"{{{_MC}}}{t}" for t in ("AlternateContent", "Choice", "Fallback"))
_PTAB, _TAB, _NO_BREAK_HYPHEN = (f"{{{W}}}{t}" for t in ("ptab", "tab", "noBreakHyphen"))
_T = f"{{{W}}}t"
OTHER_TEXT = "{urn:nianbao:reader}other-text"  # a dropped Choice's text, where it differs from the read one
SHOWN_BY = "{urn:nianbao:reader}shown-by"  # "WPS", or "" for another program's
# WPS's own vocabularies (wpsCustomData …): WPS shows a Choice requiring them, Word does not.
_WPS = ("wps.cn/", "wps.com/", "kingsoft")
# The vocabularies Word reads: the standard's (ECMA-376, including VML's) and Microsoft
# Office's own extensions (w14, wps, wpg, a14, cx …).  Anything else is another program's.
_KNOWN = ("http://schemas.openxmlformats.org/", "http://purl.oclc.org/ooxml/",
          "http://schemas.microsoft.com/office/", "urn:schemas-microsoft-com:")


# Prefixes Office writes for its own vocabularies: one left undeclared (a file another
# program assembled from Word's XML) is taken as Office's, as the reader always has.
_OFFICE_PREFIXES = frozenset(("w14", "w15", "w16", "w16se", "w16cid", "w16cex", "w16sdtdh", "w16du", "wps", "wpg",
                              "wpc", "wpi", "wp14", "a14", "v", "o", "m", "w10", "wne", "cx", "aink", "am3d"))


def _understood(choice: etree._Element) -> bool:
    """Whether Word understands every namespace a Choice requires."""
    prefixes = (choice.get("Requires") or "").split()
    if not prefixes:
        return False  # a Choice must require something; without, Word takes none
    for prefix in prefixes:
        uri = choice.nsmap.get(prefix)
        if uri is None and prefix not in _OFFICE_PREFIXES:
            return False
        if uri is not None and not uri.startswith(_KNOWN):
            return False
    return True


def choose_alternates(body: etree._Element) -> int:
    """Put first in each AlternateContent the Choice Word shows (the Fallback, renamed, when it
    understands none); how many were changed.  Innermost first, as each is judged on its own.
    A dropped Choice whose text is not the shown one's is noted on the AlternateContent."""
    changed = 0
    for alt in reversed(list(body.iter(_ALTERNATE))):
        choices = [el for el in alt if el.tag == _CHOICE]
        taken = next((c for c in choices if _understood(c)), None)
        if taken is not None and taken is choices[0]:
            continue  # what the reader takes already (Word's own: wps, w14 …)
        shown = taken if taken is not None else next((el for el in alt if el.tag == _FALLBACK), None)
        dropped = [c for c in choices if c is not taken]
        _note_other_text(alt, shown, dropped)
        for c in dropped:
            alt.remove(c)
        if taken is None and shown is not None:
            shown.tag = _CHOICE
        changed += 1
    return changed


def _text(el: etree._Element | None) -> str:
    return "" if el is None else "".join(t.text or "" for t in el.iter(_T)).strip()


def _note_other_text(alt: etree._Element, shown: etree._Element | None, dropped: list[etree._Element]) -> None:
    """Keep on ``alt`` the text of the first dropped Choice that differs from ``shown``'s, a
    WPS one's first (WPS shows it: the figure a WPS user sees)."""
    read = _text(shown)
    differing = [c for c in dropped if _text(c) != read]
    if not differing:
        return
    wps = [c for c in differing if any(any(mark in (c.nsmap.get(p) or "") for mark in _WPS)
                                       for p in (c.get("Requires") or "").split())]
    other = (wps or differing)[0]
    alt.set(OTHER_TEXT, _text(other))
    alt.set(SHOWN_BY, "WPS" if wps else "")


def ptabs_as_tabs(body: etree._Element) -> int:
    """Every positional tab in a run as a plain tab, and every non-breaking hyphen (Ctrl+Shift+-,
    w:noBreakHyphen) as the text it shows, “‑”: read as nothing, “‑5” in a cell was the figure 5
    and lost its sign.  How many."""
    found = [el for el in body.iter(_PTAB, _NO_BREAK_HYPHEN) if el.getparent() is not None]
    for el in found:
        if el.tag == _NO_BREAK_HYPHEN:
            el.tag, el.text = _T, "\u2011"
        else:
            el.tag = _TAB
        el.attrib.clear()
    return len(found)
