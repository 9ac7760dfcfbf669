"""年报编辑器 — the desktop editor (PySide6), a thin layer over the plain-Python domain in ``app``."""

import sys

if "shiboken6" not in sys.modules:  # the first of our modules to load Qt: PySide's own Python cached
    from app.compile_cache import compiled, quicker_pyside_imports

    with compiled():
        import PySide6.QtCore  # noqa: F401
    quicker_pyside_imports()  # shiboken looks at every module imported from now on
