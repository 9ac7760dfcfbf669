"""Characters a message quoting a file's text shows by name: a control character (U+0085, the
C0 and C1 ranges, DEL), a format character (a zero-width space, a soft hyphen, a bidi control
that would reorder the rest of the line) or a line/paragraph separator inside “…” is invisible,
or worse, on screen; ⟨U+0085⟩ tells the reviewer what the file holds there."""

from __future__ import annotations

import unicodedata

# Line breaks (\r\n too) and tabs stay: a quoted cell's second line is shown as a second line.
_KEPT = frozenset("\n\r\t")
_NAMED = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def visible(text: str) -> str:
    """``text`` with its invisible characters written as ⟨U+XXXX⟩."""
    if text.isprintable():  # the usual case, in C
        return text
    return "".join(f"⟨U+{ord(ch):04X}⟩" if ch not in _KEPT and unicodedata.category(ch) in _NAMED else ch
                   for ch in text)
