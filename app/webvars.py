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

# var(--name) or var(--name, fallback) with no parenthesis inside: resolved innermost first,
# so a var() in a fallback (or a custom property's value) is resolved before the one around it.
_VAR = re.compile(r"var\(\s*(--[-\w]+)\s*(?:,([^()]*))?\)")
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
                    value = resolve(v, context)
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
        missing = False
        grown = len(value)

        def one(m: re.Match[str]) -> str:
            nonlocal missing, grown
            if missing:  # the value is as not set already: nothing more to build
                return ""
            got = customs.get(m.group(1))
            if got is None:
                if m.group(2) is None:
                    missing = True
                    return ""
                got = m.group(2).strip()
            grown += len(got) - len(m.group(0))
            if grown > MAX_VALUE:  # given up before it is built: a thousand var() of a 4,000-
                missing = True     # character value made 4 MB per element (20 s for a 134 KB page)
                return ""
            return got

        value = _VAR.sub(one, value)
        if missing or len(value) > MAX_VALUE:
            return None
    return None if "var(" in value else value


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
