"""The font list is read in a thread of its own only where that was measured and its threads'
order tested (Linux, fontconfig); elsewhere no thread is started at all."""

from __future__ import annotations

import sys
import threading

import pytest

from ui import font_warm


def test_no_thread_off_linux(qapp, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "platform", "win32")
    before = threading.active_count()
    assert font_warm.start() is None
    assert threading.active_count() == before


def test_a_thread_on_linux_reads_the_list(qapp, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "platform", "linux")
    thread = font_warm.start()
    assert thread is not None and thread.name == "font-list"
    thread.join(timeout=30)
    assert not thread.is_alive()
