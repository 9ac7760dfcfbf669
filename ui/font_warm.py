"""The system's font list read in a thread of its own while the window's modules load.

The first text the window measures (the navigation's style sheet, its rows) made Qt read the
system's fonts (fontconfig on Linux: its configuration, caches and every font's entry) on the
main thread: ~8–10 ms of CPU there, more with the disk's waits.  ``QFontDatabase`` is
thread-safe and PySide lets go of the interpreter's lock while ``families()`` runs, so the
reading overlaps the imports of ``ui.main_window`` on the other core; the main thread then
finds the list made (its first CJK font ~2 ms instead of ~10).  Only the list is read here:
fonts themselves (QFont, QFontMetrics) hold the interpreter's lock while they load and belong to
the thread that made them, so they would only stall the main thread.

The list read is then put to use (``settle``): the application's font names only the families
of ``UI_FAMILIES`` installed.  Qt looks for a font's first family before its others, and one
not installed (Microsoft YaHei UI off Windows) sent every size and weight of the window's text
through a failed match and fontconfig's fallback sort first (~7 M instructions of the start,
valgrind); the font each text is drawn in stays the same.
"""

from __future__ import annotations

import sys
import threading

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from ui.appsetup import UI_FAMILIES, installed_families


class FontList(threading.Thread):
    """Reads the system's font families (``families``, empty until it has run)."""

    def __init__(self) -> None:
        super().__init__(name="font-list", daemon=True)
        self.families: list[str] = []

    def run(self) -> None:
        self.families = QFontDatabase.families()


def start() -> FontList | None:
    """The reading started (a QGuiApplication must exist); ``join()`` the thread before the main
    thread measures any text (a QFont call keeps the interpreter's lock that a Qt message logged
    meanwhile needs: a deadlock).  None off Linux: the gain was measured, and the threads' order
    tested, with fontconfig only; a start that cannot hang there is worth more than ~8 ms."""
    if not sys.platform.startswith("linux"):
        return None
    thread = FontList()
    thread.start()
    return thread


def settle(fonts: FontList) -> None:
    """The application's font named by the families installed, once ``fonts`` has read them
    (joined) and before any widget is made: a font set later would reach each widget made.
    Only ours (ui.main.create_application's): a font the application was given otherwise (an
    application made before, as the tests' is) is left as it is."""
    font = QApplication.font()
    if font.families() == UI_FAMILIES:
        font.setFamilies(installed_families(fonts.families))
        QApplication.setFont(font)
