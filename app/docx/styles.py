"""The paragraph styles by which the reader knows our own files, shared by writer and reader.

Our files carry “NB …” styles (NB Section, NB Signature, NB Date …) beside Word's built-in ones;
a file with any of them is ours and reads back losslessly by style.  Body and headings use
Word's built-in styles, which in our files mean our kinds (older files of ours named every
style “NB …”).
"""

from __future__ import annotations

from lxml import etree

from app.docx.xmlkids import child_val
from app.report import ParaKind

OWN_PREFIX = "NB"
OWN_STYLE_ALIASES = {"normal": "NB Body", "heading 1": "NB Section", "heading 2": "NB Heading2"}
# A paragraph kind by its style name with the spaces taken out.
STYLE_KIND = {"NBBody": ParaKind.BODY, "NBHeading1": ParaKind.HEADING1, "NBHeading2": ParaKind.HEADING2,
              "NBHeading2Lead": ParaKind.HEADING2}

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def style_names(styles: etree._Element | None) -> dict[str, str]:
    """Style id -> name, from styles.xml's root ({} without one)."""
    names: dict[str, str] = {}
    if styles is None:
        return names
    for style in styles.iterchildren(f"{_W}style"):
        names[style.get(f"{_W}styleId", "")] = child_val(style, f"{_W}name")
    return names


def is_own(names: dict[str, str]) -> bool:
    """Whether a file with these style names was written by this editor."""
    return any(s.startswith(OWN_PREFIX) and " " in s for s in names.values())
