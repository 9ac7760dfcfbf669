"""Text pasted into a section from Word, WPS, a web page or a PDF viewer, tidied of what the copy
brought and nobody typed: characters of no width (U+200B, U+FEFF, soft hyphens), spaces of any
width between two Chinese characters (a PDF's line ends, a page's &nbsp;, Word's justified text:
“小港街道  高度重视” prints with a gap) and the blanks at a paragraph's end.  Beside a figure or a
Latin word a space stays as it came (“第 3 条”, “0&nbsp;元”), and so do a tab inside a line and
the ideographic space (U+3000): the author's (“联系电话：⇥0551-…”, a pasted table's cells).
Run boundaries are kept, so bold stays bold."""

from __future__ import annotations

from app.patterns import lazy
from app.textfold import NO_WIDTH

# Characters of no width a copy carries (app.textfold.NO_WIDTH: zero-width space/joiners, word
# joiner and its kin, BOM, soft hyphen, Mongolian vowel separator).  Never a bidi control: those
# reorder what is shown.
_NO_WIDTH = NO_WIDTH
_ODD_SPACE = "\u00a0\u2000-\u200a\u202f\u205f"  # no-break and fixed-width spaces
_CJK = "\u2e80-\u2fff\u3001-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
_TIDY = lazy(  # compiled at the first paste, not at start
    f"[{_NO_WIDTH}]+"                                      # nothing to see: gone
    f"|(?<=[{_CJK}])[ {_ODD_SPACE}{_NO_WIDTH}]+(?=[{_CJK}])"  # between two Chinese characters: gone
    f"|[ \t\u3000{_ODD_SPACE}{_NO_WIDTH}]+$")                  # at the paragraph's end: gone


def tidy_runs(texts: list[str]) -> tuple[list[str], int]:
    """``texts`` (one paragraph's runs, in order) tidied as the module says, and at how many
    places the text changed.  The paragraph is matched whole, so a gap across two runs goes too."""
    whole = "".join(texts)
    spans = [(m.start(), m.end()) for m in _TIDY.finditer(whole)]
    if not spans:
        return texts, 0
    out: list[str] = []
    pos = 0
    for text in texts:
        end = pos + len(text)
        kept: list[str] = []
        at = pos
        for start, stop in spans:
            if stop <= pos or start >= end:
                continue
            kept.append(whole[at:max(start, pos)])
            at = min(stop, end)
        kept.append(whole[at:end])
        out.append("".join(kept))
        pos = end
    return out, len(spans)
