"""年报编辑器 — the desktop editor (PySide6), a thin layer over the plain-Python domain in ``app``."""
