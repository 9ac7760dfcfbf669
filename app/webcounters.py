"""CSS counters, as a browser counts them, for the ``content: counter(…)`` a page's ::before
and ::after put into table cells: a row numbered by ``tr{counter-increment:n}`` and
``td.no::before{content:counter(n)}`` shows 1, 2, 3 … where the source has nothing, and a
figure can be written the same way (``tbody{counter-reset:n 2105}`` shows 2106).

The walk goes through the page in document order as CSS Lists 3 says: on each element (and
each generated box, a child of its element) counter-reset, then counter-increment, then
counter-set; a reset makes a new counter whose scope is the element, what it holds and its
following siblings (a later sibling's reset replaces it: h2{counter-reset:h3} numbers each h2's
h3s afresh, it does not nest them); incrementing or setting a counter that is not in scope makes one there,
at 0.  An element not displayed (display:none) counts nothing, nor does anything inside it.
Counted: decimal, decimal-leading-zero, cjk-decimal and none; another counter style (roman,
alphabetic, 一二三 …) is left unspelled, as is the list-item counter browsers keep for <li>.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import lxml.html

Box = tuple[lxml.html.HtmlElement, str]  # (element, "before" or "after")
Styles = Callable[[lxml.html.HtmlElement], Mapping[str, str]]
Scope = Mapping[str, tuple[int, ...]]  # counter name → its values in scope, outermost first
Pseudo = Callable[[lxml.html.HtmlElement, str], Mapping[str, str] | None]

_PAIR = re.compile(r"\s*(-?[_a-zA-Z][-\w]*)(?:\s+([-+]?\d{1,15}))?")
_NOT_NAMES = frozenset(("none", "inherit", "initial", "unset", "revert", "revert-layer"))
_CALL = re.compile(r"""^(counters?)\(\s*([-\w]+)\s*(?:,\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*)?"""
                   r"""(?:,\s*([-\w]+)\s*)?\)$""", re.S)
_CJK_DIGITS = "〇一二三四五六七八九"


def _pairs(value: str | None, default: int) -> list[tuple[str, int]]:
    """``counter-reset: a 5 b`` → [("a", 5), ("b", default)]; [] for none or what is not understood."""
    if not value:
        return []
    out: list[tuple[str, int]] = []
    pos, value = 0, value.strip()
    while pos < len(value):
        m = _PAIR.match(value, pos)
        if m is None or m.end() == pos:
            return []
        pos = m.end()
        if m.group(1).lower() not in _NOT_NAMES:
            out.append((m.group(1), int(m.group(2)) if m.group(2) else default))
    return out


# How many counter steps a page may make — each counter reset, incremented or set on an element
# or box, and each value copied for a box that shows one.  A page numbering its rows, headings
# and cells makes one or two per element (tens of thousands at most); one that resets thousands
# of counters on every cell makes millions, and its numbering is then not followed: past this,
# the boxes left show no number (read blank) and HIDDEN-TEXT (css) says so, never a guessed one.
MAX_COUNTING = 200_000


class _OutOfCounting(Exception):
    """The page made more than MAX_COUNTING counter steps."""


class _Walk:
    """Counters in scope while the page is walked: name → values, outermost first, and for
    each open element the counters made in its scope (gone when it closes)."""

    def __init__(self) -> None:
        self.values: dict[str, list[int]] = {}
        self.made: list[set[str]] = [set()]
        self.steps = 0
        # A value written once in a rule reaches every element it matches: parsed once.
        self._parsed: dict[tuple[str, int], list[tuple[str, int]]] = {}

    def _count(self, n: int) -> None:
        self.steps += n
        if self.steps > MAX_COUNTING:
            raise _OutOfCounting

    def _pairs(self, value: str | None, default: int) -> list[tuple[str, int]]:
        if not value:
            return []
        known = self._parsed.get((value, default))
        if known is None:
            known = self._parsed[(value, default)] = _pairs(value, default)
        return known

    def apply(self, style: Mapping[str, str]) -> None:
        """One element's or box's counter properties, in the order CSS applies them."""
        for name, n in self._pairs(style.get("counter-reset"), 0):
            self._count(1)
            self._make(name, n)
        for name, n in self._pairs(style.get("counter-increment"), 1):
            self._count(1)
            if not self.values.get(name):
                self._make(name, 0)
            self.values[name][-1] += n
        for name, n in self._pairs(style.get("counter-set"), 0):
            self._count(1)
            if not self.values.get(name):
                self._make(name, 0)
            self.values[name][-1] = n

    def _make(self, name: str, n: int) -> None:
        if name in self.made[-1]:  # one a previous sibling (or the element itself) made: replaced
            self.values[name][-1] = n
            return
        self.values.setdefault(name, []).append(n)
        self.made[-1].add(name)

    def open(self) -> None:
        self.made.append(set())

    def close(self) -> None:
        for name in self.made.pop():
            self.values[name].pop()

    def now(self, names: Iterable[str]) -> dict[str, tuple[int, ...]]:
        """The counters ``names`` in scope, only those: a box keeps what its content shows, not
        a copy of every counter the page has made (thousands of them, for each box)."""
        out: dict[str, tuple[int, ...]] = {}
        for name in names:
            values = self.values.get(name)
            if values:
                self._count(len(values))
                out[name] = tuple(values)
        return out


@dataclass
class Counted:
    """The counters in scope at each generated box that shows one; ``cut``: the page made more
    than MAX_COUNTING counter steps, and boxes after that point are not in ``states``."""

    states: dict[Box, dict[str, tuple[int, ...]]] = field(default_factory=dict)
    cut: bool = False


def counter_states(root: lxml.html.HtmlElement, boxes: Mapping[Box, Iterable[str]], style: Styles, pseudo: Pseudo,
                   shown: Callable[[lxml.html.HtmlElement], bool]) -> Counted:
    """The counters in scope at each generated box of ``boxes`` (box → the counter names its
    content shows), as the page counts them.  ``style``: an element's cascaded declarations;
    ``pseudo``: a box's (None: no box is made); ``shown``: False for an element not displayed
    (it and what it holds count nothing)."""
    walk = _Walk()
    counted = Counted()

    def box(el: lxml.html.HtmlElement, which: str) -> None:
        decls = pseudo(el, which)
        if decls is not None:
            walk.apply(decls)
            names = boxes.get((el, which))
            if names is not None:
                counted.states[(el, which)] = walk.now(names)

    # Iterative, in document order: a page may nest thousands of elements deep.
    stack: list[tuple[lxml.html.HtmlElement, bool]] = [(root, False)]
    try:
        while stack:
            el, leaving = stack.pop()
            if leaving:
                box(el, "after")
                walk.close()
                continue
            if not isinstance(el.tag, str) or not shown(el):
                continue
            walk.apply(style(el))
            walk.open()
            box(el, "before")
            stack.append((el, True))
            stack.extend((kid, False) for kid in reversed(el))
    except _OutOfCounting:
        counted.cut = True
    return counted


_NAMED = re.compile(r"\bcounters?\(\s*([-\w]+)")


def box_counters(root: lxml.html.HtmlElement, boxes: Mapping[Box, Mapping[str, str]], style: Styles) -> Counted:
    """The counters in scope at each generated box of ``boxes`` (box → its cascaded
    declarations) whose content names a counter, those it names only; none when no box's does,
    and the page is not walked.  ``style``: an element's cascaded declarations."""
    counting = {key: names for key, decls in boxes.items()
                if "counter" in decls.get("content", "") and (names := frozenset(_NAMED.findall(decls["content"])))}
    if not counting:
        return Counted()

    def pseudo(el: lxml.html.HtmlElement, which: str) -> Mapping[str, str] | None:
        decls = boxes.get((el, which))
        if decls is None or decls.get("display") == "none" or decls.get("content", "none").strip() in ("none", "normal"):
            return None  # no box is made: it counts nothing
        return decls

    def shown(el: lxml.html.HtmlElement) -> bool:
        return el.get("hidden") is None and style(el).get("display") != "none"

    return counter_states(root, counting, style, pseudo, shown)


def counter_text(call: str, counters: Mapping[str, tuple[int, ...]]) -> str | None:
    """What ``counter(name[, style])`` or ``counters(name, "sep"[, style])`` shows with
    ``counters`` in scope; None for a call or a counter style not spelled out here."""
    m = _CALL.match(call.strip())
    if m is None:
        return None
    kind, name, sep2, sep1, style = m.groups()
    sep = sep2 if sep2 is not None else sep1
    if kind == "counters" and sep is None:
        return None
    values = counters.get(name) or (0,)  # none in scope: one is made where it is used, at 0
    shown = [_styled(v, (style or "decimal").lower()) for v in (values if kind == "counters" else values[-1:])]
    if any(s is None for s in shown):
        return None
    return (sep or "").join(s for s in shown if s is not None)


def _styled(n: int, style: str) -> str | None:
    if style == "none":
        return ""
    if style == "decimal":
        return str(n)
    if style == "decimal-leading-zero":
        return f"{n:02d}" if n >= 0 else f"-{-n:02d}"
    if style == "cjk-decimal":
        return ("-" if n < 0 else "") + "".join(_CJK_DIGITS[int(d)] for d in str(abs(n)))
    return None
