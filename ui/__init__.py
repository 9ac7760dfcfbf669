"""年报编辑器 — the desktop editor (PySide6) over the plain-Python domain in ``app``.

Importing this package first works around a PySide6 6.12 defect on CPython 3.11 (see below).
"""

from __future__ import annotations

import ctypes
import sys


def _pin_none_if_pyside_leaks() -> bool:
    """PySide6 6.12 returns None from every void C++ call without a new reference (and
    under-counts True/False on some paths).  CPython 3.12+ makes these objects immortal
    (PEP 683), so nothing happens there; on 3.11 each call takes a reference away until the
    interpreter aborts with “deallocating None” after a few thousand calls.  When the leak is
    detected, give the singletons the practically endless reference count 3.12 gives them.
    (The real fix: PySide6 6.11, or Python 3.12+.)"""
    if sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(8):
        probe.setObjectName("probe")
    if sys.getrefcount(None) >= before:
        return False
    for singleton in (None, True, False):  # bool results are under-counted on some paths too
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40  # ob_refcnt comes first
    return True


NONE_PINNED = _pin_none_if_pyside_leaks()
