"""A PDF's objects as a viewer takes them, for what app/pdfread/seen.py and
app/pdfread/annotations.py judge seen: a name's text, an alpha that hides what is behind, the
optional-content layers the document's default view has off."""

from __future__ import annotations

from typing import Any

OPAQUE = 0.99  # an alpha (ca, CA) at least this: nothing shows through


def name_of(value: Any) -> str:
    """A PDF name's text; "" for anything else."""
    from pdfminer.pdftypes import resolve1

    return str(getattr(resolve1(value), "name", ""))


def layers_off(doc: Any) -> tuple[bool, set[int], set[int]] | None:
    """The document's default view of its optional content: (every layer off unless named on,
    the layers named on, those named off); None for a document without layers."""
    from pdfminer.pdftypes import dict_value, list_value, resolve1

    try:
        props = resolve1(doc.catalog.get("OCProperties"))
        if not isinstance(props, dict):
            return None
        view = dict_value(props.get("D"))
        base_off = getattr(resolve1(view.get("BaseState")), "name", "ON") == "OFF"
        on = {r.objid for r in list_value(view.get("ON") or []) if hasattr(r, "objid")}
        off = {r.objid for r in list_value(view.get("OFF") or []) if hasattr(r, "objid")}
        return base_off, on, off
    except Exception:  # a damaged /OCProperties: every layer shown, as viewers do
        return None


def layer_is_off(ref: Any, layers: tuple[bool, set[int], set[int]]) -> bool:
    """Whether an optional-content group (or membership dictionary: its groups, visible when
    any is on, or as its /P says) is off in the default view."""
    from pdfminer.pdftypes import resolve1

    base_off, on, off = layers

    def group_off(r: Any) -> bool:
        objid = getattr(r, "objid", None)
        if objid is None:
            return False
        return objid in off or (base_off and objid not in on)

    target = resolve1(ref)
    if not isinstance(target, dict):
        return False
    if getattr(resolve1(target.get("Type")), "name", "") != "OCMD":
        return group_off(ref)
    groups = resolve1(target.get("OCGs"))
    refs = groups if isinstance(groups, list) else [] if groups is None else [target.get("OCGs")]
    if not refs:
        return False
    states = [group_off(r) for r in refs]
    policy = getattr(resolve1(target.get("P")), "name", "AnyOn")
    # off (hidden) when: AnyOn — every group off; AllOn — one off; AnyOff — none off; AllOff — one on
    return {"AllOn": any(states), "AnyOff": not any(states), "AllOff": not all(states)}.get(policy, all(states))
