"""A font family's name as the system's font list gives it, read without the foundry (no Qt:
the start's font list and the printing's both use it)."""

from __future__ import annotations


def family_of(listed: str) -> str:
    """A family as QFontDatabase.families() lists it, without the foundry: a family that several
    foundries make is listed once per foundry, as “Noto Sans CJK SC [GOOG]”, and never bare."""
    return listed.rpartition(" [")[0] if listed.endswith("]") and " [" in listed else listed
