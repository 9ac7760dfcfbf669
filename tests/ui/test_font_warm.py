"""fontconfig is loaded in a thread of its own only where that was measured and its threads'
order tested (Linux, fontconfig); elsewhere nothing is started, nor fontconfig looked for."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.test_start_ui import _start_window
from ui import font_warm
from ui.main_window import MainWindow


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


# -- at the start: off the main thread, over before the window measures text ----------------
def test_fontconfig_is_loaded_off_the_main_thread_while_the_window_is_built(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """fontconfig's loading (its configuration and caches: most of the font list's ~4 ms) runs
    on a thread of its own from the start of first_window(), and is over when the window is
    returned; start() does not wait for that thread to begin (threading.Thread.start did: 3.5–6 ms
    of the main thread when the file's child kept the other core busy)."""
    import threading

    import ui.main
    from ui import font_warm

    real = font_warm._loader()
    assert real is not None  # Linux: fontconfig's own FcInit, through ctypes
    loaders: list[threading.Thread] = []
    go = threading.Event()

    def init() -> object:
        loaders.append(threading.current_thread())
        go.wait(10)  # held until the main thread has gone on past start()
        return real()

    real_start = font_warm.start
    returned_while_held: list[bool] = []

    started_threads: list[object] = []

    def start() -> font_warm.FontList | None:
        # threading.Thread.start waits for its thread's first lines: none may be started here
        thread_start = threading.Thread.start
        threading.Thread.start = lambda self: started_threads.append(self)  # type: ignore[method-assign]
        try:
            fonts = real_start()
        finally:
            threading.Thread.start = thread_start  # type: ignore[method-assign]
        returned_while_held.append(not go.is_set())
        go.set()
        return fonts

    monkeypatch.setattr(font_warm, "_loader", lambda: init)
    monkeypatch.setattr(font_warm, "start", start)
    monkeypatch.setattr(ui.main, "REVEAL_LIMIT_MS", 20_000)
    window, _copy, _shown = _start_window(qtbot, tmp_path, monkeypatch)
    assert returned_while_held == [True]  # start() came back while the loading thread was held
    assert started_threads == []
    assert loaders and loaders[0] is not threading.main_thread()
    assert window.completed and window.nav.model().rowCount() > 0


def test_fontconfig_is_loaded_before_the_window_measures_text(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The window is built only once fontconfig is loaded: a PC with hundreds of fonts (WPS's)
    loads for longer than the imports take, and Qt would load it a second time beside the thread."""
    import time

    import ui.main
    import ui.main_window
    from ui import font_warm

    real = font_warm._loader()
    assert real is not None
    loading: list[bool] = []

    def init() -> object:
        loading.append(True)
        time.sleep(0.5)  # many fonts
        got = real()
        loading.append(False)
        return got

    loading_at_build: list[bool] = []
    real_init = ui.main_window.MainWindow.__init__

    def build(self: MainWindow, *args: object, **kwargs: object) -> None:
        loading_at_build.append(loading[-1] if loading else True)
        real_init(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(font_warm, "_loader", lambda: init)
    monkeypatch.setattr(ui.main_window.MainWindow, "__init__", build)
    monkeypatch.setattr(ui.main, "REVEAL_LIMIT_MS", 20_000)
    window, _copy, _shown = _start_window(qtbot, tmp_path, monkeypatch)
    assert loading == [True, False]
    assert loading_at_build == [False]
    assert window.completed and window.nav.model().rowCount() > 0


def test_without_fontconfig_the_window_is_built_as_before(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """fontconfig's library not found by its name (an unusual Linux): no thread, Qt loads it itself."""
    import ui.main
    from ui import font_warm

    monkeypatch.setattr(font_warm, "_loader", lambda: None)
    assert font_warm.start() is None
    monkeypatch.setattr(ui.main, "REVEAL_LIMIT_MS", 20_000)
    window, _copy, _shown = _start_window(qtbot, tmp_path, monkeypatch)
    assert window.completed and window.nav.model().rowCount() > 0
