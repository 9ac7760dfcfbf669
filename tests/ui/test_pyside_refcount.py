"""Guards the PySide6 pin against 6.12.0: under CPython 3.11 it loses a reference to None on
every void call, and the editor aborts (“deallocating None”) after a few thousand of them."""

import sys

from PySide6.QtWidgets import QWidget


def test_void_calls_keep_none_alive(qtbot) -> None:  # type: ignore[no-untyped-def]
    w = QWidget()
    qtbot.add_widget(w)
    before = sys.getrefcount(None)
    for _ in range(500):
        w.setWindowTitle("年报")
    assert sys.getrefcount(None) - before > -100
