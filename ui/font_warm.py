"""fontconfig loaded on a thread of its own while the window's modules load.

The first text the window measures (the navigation's style sheet, its rows) made Qt read the
system's fonts on the main thread (fontconfig on Linux: its configuration files, its caches and
every font's entry): ~4 ms there on an idle machine, more with the disk's waits.  Most of it is
fontconfig's own loading (``FcInit``: the configuration's XML parsed, the caches mapped; ~3 of the
4 ms), which is thread-safe and needs nothing of Python: called through ctypes, which lets go of
the interpreter's lock for the call, it runs on the other core while ``ui.main_window`` is
imported; Qt's font database then finds fontconfig loaded (~1 ms left on the main thread).

Only fontconfig is loaded there, never Qt's font database: a Qt call holds the interpreter's
lock for as long as it runs (``QFontDatabase.families()`` in a thread held the main thread for
its whole 4–10 ms), and fonts (QFont, QFontMetrics) belong to the thread that made them.

The font list is then put to use (``settle``): the application's font names only the families
of ``UI_FAMILIES`` installed.  Qt looks for a font's first family before its others, and one
not installed (Microsoft YaHei UI off Windows) sent every size and weight of the window's text
through a failed match and fontconfig's fallback sort first (~7 M instructions of the start,
valgrind); the font each text is drawn in stays the same.
"""

from __future__ import annotations

import _thread
import sys
from collections.abc import Callable

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from ui.appsetup import UI_FAMILIES, installed_families


class FontList:
    """fontconfig's configuration and font cache loaded (``FcInit``) on a thread of its own.

    A bare thread (``_thread``), not a ``threading.Thread``: the latter's ``start()`` waits
    until the new thread has run its first lines, and on two busy cores (the file's child
    process on the other one) that wait was 3.5–6 ms of the main thread's start for nothing."""

    def __init__(self, init: Callable[[], object]) -> None:
        self._init = init
        self._done = _thread.allocate_lock()
        self._done.acquire()  # released by the thread when fontconfig is loaded

    def start(self) -> None:
        _thread.start_new_thread(self._run, ())

    def _run(self) -> None:
        try:
            self._init()  # ctypes lets go of the interpreter's lock for the call
        finally:
            self._done.release()

    def join(self) -> None:
        with self._done:
            pass


def _loader() -> Callable[[], object] | None:
    """fontconfig's ``FcInit`` (None where it cannot be had: Qt then loads fontconfig itself).
    By its soname: the very library Qt's font database is linked to, loaded already (the
    QGuiApplication is made), not a second copy."""
    try:
        import ctypes

        return ctypes.CDLL("libfontconfig.so.1").FcInit  # type: ignore[no-any-return]
    except (ImportError, OSError, AttributeError):
        return None


def start() -> FontList | None:
    """The loading started (a QGuiApplication must exist); ``join()`` it before the main thread
    measures any text.  None off Linux (fontconfig is Linux's; the gain was measured there) and
    where fontconfig's library is not found by its name."""
    if not sys.platform.startswith("linux"):
        return None
    init = _loader()
    if init is None:
        return None
    fonts = FontList(init)
    fonts.start()
    return fonts


def settle() -> None:
    """The application's font named by the families installed, once fontconfig is loaded
    (the FontList joined) and before any widget is made: a font set later would reach each widget made.
    Only ours (ui.main.create_application's): a font the application was given otherwise (an
    application made before, as the tests' is) is left as it is."""
    font = QApplication.font()
    if font.families() == UI_FAMILIES:
        font.setFamilies(installed_families(QFontDatabase.families()))
        QApplication.setFont(font)
