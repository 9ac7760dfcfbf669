"""The cascade of a saved web page's style rules, as a browser combines them: a selector's rules
folded into one (each property's winning declaration with its own order), and the rules that
reach an element ranked — !important over plain, the style attribute over the sheet, then
specificity, then order — into the declarations it gets (app/webcss.py asks)."""

from __future__ import annotations

from collections.abc import Iterable

from app.webselect import Selector
from app.websheets import Decls, Rule, declarations

# A rule as the cascade ranks it: (its selector's specificity, its order in the page, its declarations).
Ranked = tuple[tuple[int, int, int], int, Decls]


def folded(rules: list[Rule]) -> list[tuple[Selector, list[Ranked]]]:
    """The sheet's rules of one selector folded into one, as the cascade would combine them:
    of each property the declaration that wins among them (the last, an !important one over
    a later plain one), kept with its own rule's order — so it ranks against other selectors'
    rules exactly as before.  A sheet writing “body div span{…}” 2,500 times is matched and
    combined as one rule (hostile17: each element carried its 2,500 copies into the cascade;
    8 s for `check` under load).  Returns, in the order each selector first appears, the
    selector and its entries for the cascade (one per rule that still wins something), in order."""
    won: dict[Selector, dict[str, tuple[str, bool, int]]] = {}
    for rule in rules:
        mine = won.setdefault(rule.selector, {})
        for prop, (value, important) in rule.decls.items():
            if important or prop not in mine or not mine[prop][1]:
                mine[prop] = (value, important, rule.order)
    out: list[tuple[Selector, list[Ranked]]] = []
    for selector, props in won.items():
        by_order: dict[int, Decls] = {}
        for prop, (value, important, order) in props.items():
            by_order.setdefault(order, {})[prop] = (value, important)
        out.append((selector, [(selector.specificity, order, decls) for order, decls in sorted(by_order.items())]))
    return out


def cascade(rules: Iterable[Ranked], inline: str | None) -> dict[str, str]:
    # (important, the style attribute, ids, classes, types, order): the last of the sorted wins
    ranked: list[tuple[tuple[int, int, int, int, int, int], str, str]] = []
    for (ids, classes, types), order, decls in rules:
        for prop, (value, important) in decls.items():
            ranked.append(((int(important), 0, ids, classes, types, order), prop, value))
    if inline:
        for prop, (value, important) in declarations(inline).items():
            ranked.append(((int(important), 1, 0, 0, 0, 0), prop, value))
    out: dict[str, str] = {}
    for _, prop, value in sorted(ranked, key=lambda x: x[0]):
        out[prop] = value
    return out
