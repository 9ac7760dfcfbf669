"""CSS custom properties (``--h: none`` … ``display: var(--h)``) resolved as a browser resolves
them: a custom property is inherited down the page, the element's own setting over its parent's;
``var(--x, fallback)`` takes the fallback when --x is set nowhere above, and a property whose
var() has neither is as if not set.  “:root{--h:none} .h{display:var(--h)}” hid the 1 of “1 37”
in any browser; it read 137 (hostile15).  Only the values of the properties app/webcss.py asks
about are resolved, and only on a page that uses var() at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import lxml.html

# A var() with no bracket inside (most): its name and fallback at once.  Any other's extent and
# its fallback's start are found by its brackets and commas.
_PLAIN_VAR = re.compile(r"var\(\s*(--[-\w]+)\s*(?:,([^()]*))?\)")
_MARKS = re.compile(r"[(),]")
_NAMED = re.compile(r"var\(\s*(--[-\w]+)")
MAX_ROUNDS = 16  # var() inside var(): a chain longer than this (or a cycle) is left unresolved, as not set
MAX_VALUE = 4096  # a value grown past this by substitution (a var() doubling itself) is as not set
# var() in one value: more is as not set.  A page's values have a few; each is looked at once per
# element the value reaches, and a thousand in a rule matching 3,200 elements took 20 s to read.
MAX_VARS = 64


class Customs:
    """Each element's custom properties, inherited, memoised."""

    def __init__(self) -> None:
        self._known: dict[lxml.html.HtmlElement, dict[str, str]] = {}

    def at(self, el: lxml.html.HtmlElement, own: Callable[[lxml.html.HtmlElement], dict[str, str]]) -> dict[str, str]:
        """The custom properties ``el`` has; ``own(e)``: the declarations that reach ``e``
        itself (app/webcss.Css.style before resolution)."""
        # Up to the nearest element already known, then down again: a page may nest 2000 deep.
        chain: list[lxml.html.HtmlElement] = []
        node: lxml.html.HtmlElement | None = el
        inherited: dict[str, str] = {}
        while node is not None:
            known = self._known.get(node)
            if known is not None:
                inherited = known
                break
            chain.append(node)
            node = node.getparent()
        for node in reversed(chain):
            mine = {k: v for k, v in own(node).items() if k.startswith("--")}
            if mine:
                merged = dict(inherited)
                # A var() in a custom property names the element's own properties first, as the
                # browser computes them: “.h{--a:none; --h:var(--a); display:var(--h)}” hides
                # (it read 137, looked up in the parent's).  A cycle, itself included (“--h:
                # var(--h)”), never resolves: as not set, as the browser makes it (review16).
                context = inherited | mine
                for k, v in mine.items():
                    # Naming itself: a cycle at once, not resolved round after round until too
                    # long (more than MAX_VARS var(): resolve refuses it at once, unsearched).
                    named = "var(" in v and v.count("var(") <= MAX_VARS and k in _NAMED.findall(v)
                    value = None if named else resolve(v, context)
                    if value is None:
                        merged.pop(k, None)
                    else:
                        merged[k] = value
                inherited = merged
            self._known[node] = inherited
        return inherited


def resolve(value: str, customs: dict[str, str]) -> str | None:
    """``value`` with each var() replaced; None when one names a property set nowhere and has
    no fallback (the declaration is then as if not written)."""
    for _ in range(MAX_ROUNDS):
        if "var(" not in value:
            return value
        if len(value) > MAX_VALUE or value.count("var(") > MAX_VARS:
            return None
        substituted = _substitute(value, customs)
        if substituted is None:
            return None
        value = substituted
    return None if "var(" in value else value


def _substitute(value: str, customs: dict[str, str]) -> str | None:
    """One round: each outermost var() replaced by its property's value, or by its fallback only
    when the property is set nowhere — “var(--h, var(--k))” is --h's value when --h is set, as a
    browser takes it (it was looked at innermost first: --k set nowhere made the whole value as
    not set, and a figure --h hid was read; review16).  What is put in may hold var() itself: the
    next round's.  None: a var() with neither (the value is then as not set), one not closed, or
    a value that would grow past MAX_VALUE (given up before it is built: a thousand var() of a
    4,000-character property made 4 MB for each element, 20 s for a 134 KB page)."""
    out: list[str] = []
    grown = len(value)
    at = 0
    while (start := value.find("var(", at)) >= 0:
        out.append(value[at:start])
        plain = _PLAIN_VAR.match(value, start)
        if plain is not None:
            got = customs.get(plain.group(1))
            if got is None:
                got = plain.group(2)
                if got is None:
                    return None
                got = got.strip()
            grown += len(got) - (plain.end() - start)
            if grown > MAX_VALUE:
                return None
            out.append(got)
            at = plain.end()
            continue
        depth, comma, end = 1, -1, -1
        for mark in _MARKS.finditer(value, start + 4):
            if mark.group() == "(":
                depth += 1
            elif mark.group() == ",":
                if depth == 1 and comma < 0:
                    comma = mark.start()
            else:
                depth -= 1
                if not depth:
                    end = mark.start()
                    break
        if end < 0:
            return None
        got = customs.get(value[start + 4:comma if comma >= 0 else end].strip())
        if got is None:
            if comma < 0:
                return None
            got = value[comma + 1:end].strip()
        grown += len(got) - (end + 1 - start)
        if grown > MAX_VALUE:
            return None
        out.append(got)
        at = end + 1
    out.append(value[at:])
    return "".join(out)


def resolved(style: dict[str, str], customs: dict[str, str]) -> dict[str, str]:
    """An element's cascaded ``style`` with its var() values resolved against ``customs``."""
    out: dict[str, str] = {}
    for k, v in style.items():
        if "var(" in v and not k.startswith("--"):
            value = resolve(v, customs)
            if value is not None:
                out[k] = value
        else:
            out[k] = v
    return out
