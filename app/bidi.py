"""Text holding bidirectional control characters, in the order a reader sees it.

Word, Excel, WPS and browsers lay out text by the Unicode bidirectional algorithm (UAX #9).
Its explicit controls — the overrides U+202D LRO and U+202E RLO, the embeddings U+202A LRE and
U+202B RLE (each ended by U+202C PDF), the isolates U+2066 LRI, U+2067 RLI, U+2068 FSI (ended
by U+2069 PDI) — show as nothing, but an override makes every character inside it take one
direction, digits included: “⟨RLO⟩2106⟨PDF⟩” shows 6012.  Folding them away as invisible read
2106, a figure nobody sees.  ``shown`` gives the text as laid out, the controls gone, so the
figure read is the figure shown; ``reordered`` says when that differs from the text with the
controls merely dropped (what is then said to the user).

Embeddings and isolates leave a number alone — European digits stay a left-to-right run and
Chinese characters are left-to-right themselves — but the algorithm is applied in full, not
assumed: in a right-to-left embedding “5 件” shows “件 5”, and that is what is read.

This is the algorithm for one line whose paragraph direction is left to right (a cell's or a
paragraph's in the files read), rules X1–X10, W1–W7, N1–N2, I1–I2, L1–L2 and the mirroring of
brackets (L4).  Bracket pairs (N0) are not resolved: they decide only where a bracket pair
inside right-to-left text goes, never the order of a number's digits.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from app.bidichars import CONTROLS as CONTROLS
from app.bidichars import MARKS as MARKS
from app.bidichars import has_bidi as has_bidi
from app.patterns import lazy

# The controls and marks, and which text needs the algorithm at all: app/bidichars.py.
_UNSEEN = lazy(rf"[{CONTROLS}{MARKS}]")  # shown as nothing

_MAX_DEPTH = 125
_EMBEDDINGS = frozenset({"RLE", "LRE", "RLO", "LRO"})
_ISOLATES = frozenset({"RLI", "LRI", "FSI"})
_REMOVED = frozenset({"RLE", "LRE", "RLO", "LRO", "PDF", "BN"})  # X9
_NEUTRAL = frozenset({"B", "S", "WS", "ON", "FSI", "LRI", "RLI", "PDI"})
_STRONG = frozenset({"L", "R", "AL"})
# L4: the brackets a report's text holds, as shown inside right-to-left text.
_MIRROR = dict(zip("()[]{}<>《》（）【】〈〉「」『』〔〕", ")(][}{><》《）（】【〉〈」「』『〕〔", strict=True))


def reordered(text: str) -> bool:
    """Whether ``text`` shows otherwise than written with its controls and marks merely dropped."""
    return has_bidi(text) and _UNSEEN.sub("", shown(text)) != _UNSEEN.sub("", text)


def shown(text: str) -> str:
    """``text`` as laid out left to right on the page, line by line; the controls gone.  A line
    break ("\n": Word's w:br, a browser's <br>, a line in an Excel cell) breaks the line, not
    the paragraph: an override goes on on the next line, as it does there."""
    if not has_bidi(text):
        return text
    return "".join(ch for _, ch in order(text))


def order(text: str) -> list[tuple[int, str]]:
    """``text``'s characters as shown, left to right: (index in ``text``, the character as drawn —
    a bracket in right-to-left text mirrored), the controls left out; line breaks in their place."""
    if not has_bidi(text):
        return list(enumerate(text))
    return _paragraph(text)


@dataclass(frozen=True)
class _Entry:
    """One level of the embedding stack (UAX #9's directional status)."""

    level: int
    override: str  # "L", "R" or "" (none)
    isolate: bool


def _paragraph(text: str) -> list[tuple[int, str]]:
    n = len(text)
    # A line break is a line separator (U+2028, white space) here, not a paragraph's end.
    orig = ["WS" if c == "\n" else unicodedata.bidirectional(c) or "L" for c in text]
    types = list(orig)
    levels = _explicit(text, orig, types)
    kept = [i for i in range(n) if orig[i] not in _REMOVED]
    match = _matching_pdi(orig)
    place = {i: k for k, i in enumerate(kept)}
    embedding = list(levels)  # sos and eos are found from these, not from the levels resolved
    for seq in _sequences(kept, levels, orig, match):
        _resolve(seq, types, levels, embedding, orig, match, kept, place)
    out: list[tuple[int, str]] = []
    line: list[int] = []
    for i in [*kept, n]:  # n: the end, as a last line break
        if i < n and text[i] != "\n":
            line.append(i)
            continue
        _reset_trailing(line, orig, levels)
        out += [(k, _MIRROR.get(text[k], text[k]) if levels[k] % 2 else text[k])
                for k in _reorder(line, levels) if orig[k] not in _ISOLATES and orig[k] != "PDI"]
        if i < n:
            out.append((i, "\n"))
        line = []
    return out


def _next_level(level: int, rtl: bool) -> int:
    return level + 1 + (level % 2 if rtl else 1 - level % 2)


def _explicit(text: str, orig: list[str], types: list[str]) -> list[int]:
    """X1–X8: each character's embedding level; overridden characters take the override's type."""
    stack = [_Entry(0, "", False)]
    overflow_isolates = overflow_embeddings = valid_isolates = 0
    levels = [0] * len(text)
    for i, t in enumerate(orig):
        top = stack[-1]
        if t in _EMBEDDINGS:
            level = _next_level(top.level, t in ("RLE", "RLO"))
            if level <= _MAX_DEPTH and not overflow_isolates and not overflow_embeddings:
                stack.append(_Entry(level, {"RLO": "R", "LRO": "L"}.get(t, ""), False))
            elif not overflow_isolates:
                overflow_embeddings += 1
            levels[i] = top.level
        elif t in _ISOLATES:
            levels[i] = top.level
            if top.override:
                types[i] = top.override
            rtl = t == "RLI" or (t == "FSI" and _first_strong(orig, i + 1) == "R")
            level = _next_level(top.level, rtl)
            if level <= _MAX_DEPTH and not overflow_isolates and not overflow_embeddings:
                valid_isolates += 1
                stack.append(_Entry(level, "", True))
            else:
                overflow_isolates += 1
        elif t == "PDI":
            if overflow_isolates:
                overflow_isolates -= 1
            elif valid_isolates:
                overflow_embeddings = 0
                while not stack[-1].isolate:
                    stack.pop()
                stack.pop()
                valid_isolates -= 1
            top = stack[-1]
            levels[i] = top.level
            if top.override:
                types[i] = top.override
        elif t == "PDF":
            if overflow_isolates:
                pass
            elif overflow_embeddings:
                overflow_embeddings -= 1
            elif not top.isolate and len(stack) > 1:
                stack.pop()
            levels[i] = top.level
        elif t == "B":
            levels[i] = 0
        else:
            levels[i] = top.level
            if top.override and t != "BN":
                types[i] = top.override
    return levels


def _first_strong(orig: list[str], start: int) -> str:
    """P2 for an FSI: the first strong type up to its matching PDI, isolates skipped; "L" if none."""
    depth = 0
    for t in orig[start:]:
        if t in _ISOLATES:
            depth += 1
        elif t == "PDI":
            if not depth:
                break
            depth -= 1
        elif not depth and t in _STRONG:
            return "L" if t == "L" else "R"
    return "L"


def _matching_pdi(orig: list[str]) -> dict[int, int]:
    """BD9: each isolate initiator → its matching PDI (only those that have one)."""
    open_: list[int] = []
    match: dict[int, int] = {}
    for i, t in enumerate(orig):
        if t in _ISOLATES:
            open_.append(i)
        elif t == "PDI" and open_:
            match[open_.pop()] = i
    return match


def _sequences(kept: list[int], levels: list[int], orig: list[str], match: dict[int, int]) -> list[list[int]]:
    """X10: the isolating run sequences — level runs joined across an isolate to its PDI."""
    runs: list[list[int]] = []
    for i in kept:
        if runs and levels[runs[-1][-1]] == levels[i]:
            runs[-1].append(i)
        else:
            runs.append([i])
    starting = {run[0]: run for run in runs}
    matched = set(match.values())
    out: list[list[int]] = []
    for run in runs:
        if orig[run[0]] == "PDI" and run[0] in matched:
            continue  # continues the sequence of its initiator
        seq = list(run)
        while orig[seq[-1]] in _ISOLATES and seq[-1] in match and match[seq[-1]] in starting:
            seq.extend(starting[match[seq[-1]]])
        out.append(seq)
    return out


def _resolve(seq: list[int], types: list[str], levels: list[int], embedding: list[int], orig: list[str],
             match: dict[int, int], kept: list[int], place: dict[int, int]) -> None:
    """W1–W7, N1–N2 and I1–I2 over one isolating run sequence (``place``: a character's index in ``kept``)."""
    level = levels[seq[0]]
    before = embedding[kept[place[seq[0]] - 1]] if place[seq[0]] else 0
    last = seq[-1]
    after = 0 if (orig[last] in _ISOLATES and last not in match) or place[last] + 1 >= len(kept) \
        else embedding[kept[place[last] + 1]]
    sos = "R" if max(level, before) % 2 else "L"
    eos = "R" if max(level, after) % 2 else "L"
    t = [types[i] for i in seq]
    n = len(t)
    # W1: a non-spacing mark takes the type before it (an isolate's boundary: ON).
    for k in range(n):
        if t[k] == "NSM":
            t[k] = sos if k == 0 else ("ON" if t[k - 1] in _ISOLATES or t[k - 1] == "PDI" else t[k - 1])
    # W2, W3: European digits after Arabic letters are Arabic digits; AL is R.
    strong = sos
    for k in range(n):
        if t[k] in _STRONG:
            strong = t[k]
        elif t[k] == "EN" and strong == "AL":
            t[k] = "AN"
    t = ["R" if x == "AL" else x for x in t]
    # W4: one separator between two numbers of a kind joins them.
    for k in range(1, n - 1):
        if t[k] == "ES" and t[k - 1] == t[k + 1] == "EN":
            t[k] = "EN"
        elif t[k] == "CS" and t[k - 1] == t[k + 1] and t[k - 1] in ("EN", "AN"):
            t[k] = t[k - 1]
    # W5: terminators (%, ¥, #) next to European digits are part of the number.
    k = 0
    while k < n:
        if t[k] == "ET":
            end = k
            while end < n and t[end] == "ET":
                end += 1
            if (k and t[k - 1] == "EN") or (end < n and t[end] == "EN"):
                t[k:end] = ["EN"] * (end - k)
            k = end
        else:
            k += 1
    # W6, W7: other separators are neutral; European digits after left-to-right text are L.
    t = ["ON" if x in ("ES", "ET", "CS") else x for x in t]
    strong = sos
    for k in range(n):
        if t[k] in ("L", "R"):
            strong = t[k]
        elif t[k] == "EN" and strong == "L":
            t[k] = "L"
    # N1, N2: neutrals between text of one direction take it (numbers count as R), else the level's.
    k = 0
    while k < n:
        if t[k] not in _NEUTRAL:
            k += 1
            continue
        end = k
        while end < n and t[end] in _NEUTRAL:
            end += 1
        left = sos if k == 0 else ("R" if t[k - 1] in ("R", "EN", "AN") else "L")
        right = eos if end == n else ("R" if t[end] in ("R", "EN", "AN") else "L")
        fill = left if left == right else ("R" if level % 2 else "L")
        t[k:end] = [fill] * (end - k)
        k = end
    # I1, I2.
    for k, i in enumerate(seq):
        if level % 2 == 0:
            levels[i] = level + {"R": 1, "AN": 2, "EN": 2}.get(t[k], 0)
        else:
            levels[i] = level + (1 if t[k] in ("L", "EN", "AN") else 0)


def _reset_trailing(kept: list[int], orig: list[str], levels: list[int]) -> None:
    """L1: separators, and white space (isolate controls included) before one or at the line's end,
    at the paragraph's level."""
    trailing = True
    for i in reversed(kept):
        t = orig[i]
        if t in ("S", "B"):
            levels[i] = 0
            trailing = True
        elif trailing and t in ("WS", "FSI", "LRI", "RLI", "PDI"):
            levels[i] = 0
        else:
            trailing = False


def _reorder(kept: list[int], levels: list[int]) -> list[int]:
    """L2: from the highest level down to the lowest odd one, reverse every run at or above it."""
    order = list(kept)
    if not order:
        return order
    top = max(levels[i] for i in order)
    low = min((levels[i] for i in order if levels[i] % 2), default=top + 1)
    for level in range(top, low - 1, -1):
        k = 0
        while k < len(order):
            if levels[order[k]] >= level:
                end = k
                while end < len(order) and levels[order[end]] >= level:
                    end += 1
                order[k:end] = order[k:end][::-1]
                k = end
            else:
                k += 1
    return order
