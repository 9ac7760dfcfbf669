"""Whether a browser renders a saved web page in quirks mode, as the HTML standard decides it
from the page's doctype (“the initial insertion mode”).  It matters to the reader because in
quirks mode a class or id selector matches whatever the case: “.Hide{display:none}” hides
class="hide" on a page with no doctype (hostile16; the reader matched only the exact case and
read the hidden figure).  Many CMS templates still write no doctype, or an HTML 4.0 one."""

from __future__ import annotations

import re

# A doctype is honoured only when nothing but white space and comments stand before it: any
# other text first and the parser never sees one (quirks mode).
_LEAD = re.compile(r"(?:\s+|<!--.*?-->|<\?[^>]*>)*", re.S)
_DOCTYPE = re.compile(
    r"<!doctype(?:\s+(?P<name>[^\s>]+))?"
    r"(?:\s+public\s*(?:\"(?P<pdq>[^\">]*)\"|'(?P<psq>[^'>]*)'))?"
    r"(?:\s*(?:system\s*)?(?:\"(?P<sdq>[^\">]*)\"|'(?P<ssq>[^'>]*)'))?[^>]*>",
    re.I)

# The standard's public identifiers (compared case-insensitively) that put a page in quirks mode:
# those equal to one of _QUIRKY_PUBLIC, or beginning with one of _QUIRKY_PREFIXES.
_QUIRKY_PUBLIC = {"-//w3o//dtd w3 html strict 3.0//en//", "-/w3c/dtd html 4.0 transitional/en", "html"}
_QUIRKY_PREFIXES = (
    "+//silmaril//dtd html pro v0r11 19970101//", "-//as//dtd html 3.0 aswedit + extensions//",
    "-//advasoft ltd//dtd html 3.0 aswedit + extensions//", "-//ietf//dtd html", "-//metrius//dtd metrius presentational//",
    "-//microsoft//dtd internet explorer", "-//netscape comm. corp.//dtd", "-//o'reilly and associates//dtd html",
    "-//softquad software//dtd hotmetal pro", "-//softquad//dtd hotmetal pro", "-//spyglass//dtd html 2.0 extended//",
    "-//sq//dtd html 2.0 hotmetal + extensions//", "-//sun microsystems corp.//dtd hotjava",
    "-//w3c//dtd html 3", "-//w3c//dtd html 4.0 frameset//", "-//w3c//dtd html 4.0 transitional//",
    "-//w3c//dtd html experimental", "-//w3c//dtd w3 html//", "-//w3o//dtd w3 html 3.0//", "-//webtechs//dtd mozilla html")
# Quirky only without a system identifier (with one they are “limited quirks”: selectors as in standards mode).
_QUIRKY_WITHOUT_SYSTEM = ("-//w3c//dtd html 4.01 frameset//", "-//w3c//dtd html 4.01 transitional//")
_QUIRKY_SYSTEM = "http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd"


def quirks_mode(text: str) -> bool:
    """Whether the page ``text`` (its markup, decoded) is rendered in quirks mode."""
    text = text.lstrip("\ufeff")
    m = _DOCTYPE.match(text, _LEAD.match(text).end())  # type: ignore[union-attr]  # _LEAD matches the empty string
    if m is None:
        return True  # no doctype: every browser falls back to quirks
    name = (m.group("name") or "").lower()
    public = m.group("pdq") if m.group("pdq") is not None else m.group("psq")
    system = m.group("sdq") if m.group("sdq") is not None else m.group("ssq")
    if name != "html":
        return True
    if public is None:
        return (system or "").lower() == _QUIRKY_SYSTEM
    public = public.lower()
    return (public in _QUIRKY_PUBLIC or public.startswith(_QUIRKY_PREFIXES)
            or (system is None and public.startswith(_QUIRKY_WITHOUT_SYSTEM))
            or (system or "").lower() == _QUIRKY_SYSTEM)
