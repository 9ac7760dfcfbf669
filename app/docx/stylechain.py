"""What a Word style gives through its basedOn chain: its own setting or the nearest ancestor's,
looked up once per style (charstyles.py's marks, hidden.py's hidden text)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

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
