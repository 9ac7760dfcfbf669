"""fontconfig is loaded in a thread of its own only where that was measured and its threads'
order tested (Linux, fontconfig); elsewhere nothing is started, nor fontconfig looked for."""

from __future__ import annotations

import sys
import threading

import pytest

from ui import font_warm


def test_no_thread_off_linux(qapp, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(font_warm, "_loader", lambda: pytest.fail("fontconfig looked for off Linux"))
    assert font_warm.start() is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fontconfig's own library")
def test_a_thread_on_linux_loads_fontconfig(qapp, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    real = font_warm._loader()
    assert real is not None  # libfontconfig.so.1, the one Qt uses
    ran: list[threading.Thread] = []

    def init() -> object:
        ran.append(threading.current_thread())
        return real()

    monkeypatch.setattr(font_warm, "_loader", lambda: init)
    fonts = font_warm.start()
    assert isinstance(fonts, font_warm.FontList)
    fonts.join()
    assert len(ran) == 1 and ran[0] is not threading.main_thread()
    fonts.join()  # joined again: at once
