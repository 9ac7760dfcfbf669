"""Which characters can make text show in another order than it is stored: what the rest of
the program asks of app/bidi.py on every figure and fold, without loading the algorithm itself
(nearly no text needs it; the window's start never does).
"""

from __future__ import annotations

from app.patterns import lazy

# The explicit controls (embeddings and overrides with their PDF, isolates with their PDI) and
# the direction marks (LRM, RLM, ALM), as ranges for a regular expression's character class:
# all show as nothing.  Listed here only: app/textfold.py folds them away as invisible (its own
# copy once left the isolates out).
CONTROLS = "\u202a-\u202e\u2066-\u2069"
MARKS = "\u200e\u200f\u061c"
# What makes the algorithm worth running: the explicit controls, the right-to-left marks and
# right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko …).  Text without any of them
# (nearly all) shows in its stored order.
_TRIGGER = lazy(rf"[{CONTROLS}\u200f\u061c\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")


def has_bidi(text: str) -> bool:
    """Whether ``text`` may show in another order than it is stored (see ``_TRIGGER``)."""
    return _TRIGGER.search(text) is not None


def isolated(name: str) -> str:
    """``name`` (a file's, in a message or a title) as a unit its own direction cannot spill out
    of: a name holding U+202E (right-to-left override) or right-to-left letters turned the rest
    of the line around it backwards — “：不是 Word 文档” showed as “档文 droW 是不：” (host29).
    Wrapped in first-strong isolate … pop directional isolate (UAX #9: the pop ends whatever
    the name began); a name without them (nearly all) as it is."""
    if not has_bidi(name):
        return name
    # A PDI of the name's own with no isolate of its own open ends ours early and lets an override
    # after it spill out (“x⁩‮cod.exe.docx”): dropped (it shows as nothing); an isolate it leaves
    # open would take our PDI for its own: closed.  A name isolated
    # already (passed on) is one whose first FSI is closed by its last character, not merely one
    # starting with FSI and ending with PDI (“⁨x⁩‮cod.exe.docx⁩” is not).
    depth, kept = 0, []
    whole = name[0] == "\u2068"  # so far: its first FSI still open
    for i, ch in enumerate(name):
        if ch in _ISOLATES:
            depth += 1
        elif ch == _PDI:
            if not depth:
                whole = False
                continue
            depth -= 1
            whole = whole and (depth > 0 or i == len(name) - 1)
        kept.append(ch)
    if whole and not depth:
        return name  # isolated already (a name passed on): its first FSI closed at its end
    return f"\u2068{''.join(kept)}{_PDI * depth}\u2069"  # (an isolate of its own left open: closed first)


_ISOLATES, _PDI = "\u2066\u2067\u2068", "\u2069"
