"""JSON text of what holds file paths, written as UTF-8 without losing any path.

A file name that is not UTF-8 (a Windows zip's GBK name unzipped on Linux; on Windows a name
that is not valid UTF-16) reaches Python as a str with lone surrogates (os.fsdecode's
surrogateescape): UTF-8 refuses them, and Qt's QString silently drops them.  Written as JSON's
``\\udcb2`` escapes instead, the text is plain ASCII there, and ``json.loads`` gives back the very
same str — os.fsencode of it is the file's bytes again.  Text of ordinary names stays readable
(Chinese as it is), and any reader of the earlier files reads these: the layout is unchanged.
"""

from __future__ import annotations

import json
from typing import Any


def dumps(data: Any, **options: Any) -> str:
    """``json.dumps`` whose result always encodes as UTF-8 and reads back equal."""
    text = json.dumps(data, ensure_ascii=False, **options)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: every non-ASCII character escaped, losslessly
        return json.dumps(data, ensure_ascii=True, **options)
    return text


def path_text(path: str) -> str:
    """A single path as a settings value (QSettings keeps a str, not its lone surrogates):
    the path itself when it is UTF-8, else its JSON text (``path_from_text`` reads both)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(path, ensure_ascii=True)
    return path


def path_from_text(text: str) -> str:
    """``path_text`` read back; a value an earlier version stored (the path as it is) unchanged.
    No real absolute path begins with a double quote: one that does is JSON text."""
    if text.startswith('"'):
        from app.limits import state_json

        value = state_json(text)
        return value if isinstance(value, str) else text
    return text
