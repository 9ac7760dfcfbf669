"""What a Word style gives through its basedOn chain: its own setting or the nearest ancestor's,
looked up once per style (charstyles.py's marks, sizes and colours, hidden.py's hidden text,
symbols.py's symbol fonts)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from lxml import etree

from app.docx.xmlkids import VAL, W, first_child

T = TypeVar("T")
U = TypeVar("U")
_STYLE, _STYLE_ID, _TYPE, _DEFAULT, _BASED_ON = (
    f"{{{W}}}{t}" for t in ("style", "styleId", "type", "default", "basedOn"))

MAX_CHAIN = 32  # basedOn links followed from one style (Word's own chains are a few deep)


def along_chain(sid: str, own: Callable[[str], T | None], based: Callable[[str], str],
                memo: dict[str, T | None]) -> T | None:
    """The first setting ``own`` gives along ``sid``'s chain (``based`` names the next style; a
    loop ends it).  Every style walked keeps the answer in ``memo``: a styles.xml of thousands
    of chained styles (hostile, or a template gone wild) costs one walk per style, not one per
    style per link."""
    if sid in memo:
        return memo[sid]
    value: T | None = None
    walked: list[str] = []
    seen: set[str] = set()
    while sid and sid not in seen and len(seen) < MAX_CHAIN:
        if sid in memo:
            value = memo[sid]
            break
        seen.add(sid)
        walked.append(sid)
        value = own(sid)
        if value is not None:
            break
        sid = based(sid)
    for name in walked:
        memo[name] = value
    return value


class StyleSheet(Generic[T]):
    """The styles of a styles.xml as a chain walks them, read in one pass: what ``own`` finds
    in each style (None: nothing, and the chain goes on to the style it is based on), keyed by
    (type, styleId); each basedOn link; the default paragraph style (the first so marked, as
    Word takes it), which a paragraph naming no style has."""

    def __init__(self, root: etree._Element | None, own: Callable[[etree._Element], T | None]) -> None:
        self.own: dict[tuple[str, str], T] = {}
        self.based: dict[tuple[str, str], str] = {}
        self.default_paragraph = ""
        self._memo: dict[tuple[str, str], dict[str, Any]] = {}  # (type, key) → style id → setting
        if root is None:
            return
        for style in root.iterchildren(_STYLE):
            kind, sid = style.get(_TYPE, "paragraph"), style.get(_STYLE_ID, "")
            value = own(style)
            if value is not None:
                self.own[kind, sid] = value
            based = first_child(style, _BASED_ON)
            if based is not None:
                self.based[kind, sid] = based.get(VAL, "")
            if kind == "paragraph" and style.get(_DEFAULT) in ("1", "true", "on") and not self.default_paragraph:
                self.default_paragraph = sid

    def resolve(self, kind: str, sid: str, pick: Callable[[T], U | None], key: str = "") -> U | None:
        """What ``pick`` takes from the style ``sid``'s own setting or the nearest along its
        basedOn chain that has one for it; remembered per ``key`` (one for each ``pick``)."""
        if not sid:
            return None

        def own(s: str) -> U | None:
            value = self.own.get((kind, s))
            return pick(value) if value is not None else None

        return along_chain(sid, own, lambda s: self.based.get((kind, s), ""), self._memo.setdefault((kind, key), {}))
