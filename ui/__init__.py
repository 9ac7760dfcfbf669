"""年报编辑器 — the desktop editor (PySide6), a thin layer over the plain-Python domain in ``app``."""

import sys

from app import quick_enums

# Before Qt: PySide makes every Qt class's enums as Python enum classes when Python first meets
# the class (~250 at the editor's start), on Python 3.11 through slow general paths.
quick_enums.install()

if "shiboken6" not in sys.modules:  # the first of our modules to load Qt: PySide's own Python cached
    from app.compile_cache import compiled, quicker_pyside_imports

    with compiled():
        import PySide6.QtCore  # noqa: F401
    quicker_pyside_imports()  # shiboken looks at every module imported from now on
