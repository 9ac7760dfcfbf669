"""The system's font list read in a thread of its own while the window's modules load.

The first text the window measures (the navigation's style sheet, its rows) made Qt read the
system's fonts (fontconfig on Linux: its configuration, caches and every font's entry) on the
main thread: ~8–10 ms of CPU there, more with the disk's waits.  ``QFontDatabase`` is
thread-safe and PySide lets go of the interpreter's lock while ``families()`` runs, so the
reading overlaps the imports of ``ui.main_window`` on the other core; the main thread then
finds the list made (its first CJK font ~2 ms instead of ~10).  Only the list is read here:
fonts themselves (QFont, QFontMetrics) hold the interpreter's lock while they load and belong to
the thread that made them, so they would only stall the main thread.
"""

from __future__ import annotations

import sys
import threading

from PySide6.QtGui import QFontDatabase


def start() -> threading.Thread | None:
    """The reading started (a QGuiApplication must exist); ``join()`` the thread before the main
    thread measures any text (a QFont call keeps the interpreter's lock that a Qt message logged
    meanwhile needs: a deadlock).  None off Linux: the gain was measured, and the threads' order
    tested, with fontconfig only; a start that cannot hang there is worth more than ~8 ms."""
    if not sys.platform.startswith("linux"):
        return None
    thread = threading.Thread(target=QFontDatabase.families, name="font-list", daemon=True)
    thread.start()
    return thread
