"""Shared fixtures: the published sample report and variants of it made by editing its XML,
the way other agencies' Word/WPS files differ from it."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

# GUI tests never need a display; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The compiled-code caches (app/dataclass_cache.py and the files beside it) in a folder of the
# session's own, never the user's: ui.main installs the dataclass cache at import, and every
# class the suite declared afterwards would be saved into ~/.cache and read by each later run of
# the program.  Set before anything is imported; the programs the tests start inherit it.
_CACHE = tempfile.mkdtemp(prefix="nianbao-test-cache-")
os.environ["NIANBAO_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "xiaogang-2021.docx"


def rewrite_docx(src: Path, dest: Path, edit: Callable[[str], str], part: str = "word/document.xml") -> Path:
    """Copy a .docx (or any zip package: an .xlsx), passing ``part`` through ``edit``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                data = edit(data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)
    return dest


@pytest.fixture
def sample() -> Path:
    return SAMPLE


@pytest.fixture
def variant(tmp_path: Path) -> Callable[[Callable[[str], str]], Path]:
    counter = iter(range(1000))

    def make(edit: Callable[[str], str]) -> Path:
        return rewrite_docx(SAMPLE, tmp_path / f"variant{next(counter)}.docx", edit)

    return make


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 2 MB tmpfs, to be filled with tests.helpers.fill_disk (the tests run as root in
    CI); skipped where mounting is not allowed."""
    with mounted_tmpfs(tmp_path / "disk", "2m") as mnt:
        yield mnt


@contextmanager
def mounted_tmpfs(mnt: Path, size: str) -> Iterator[Path]:
    """A real tmpfs of ``size`` (“2m”) mounted at ``mnt`` for the block; the test skipped where
    mounting is not allowed."""
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mnt)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


@pytest.fixture(autouse=True)
def _backstop_left_as_found() -> Iterator[None]:
    """A test that ran the command line in pytest's process armed app.backstop there: its
    SIGXCPU handler then swallowed tests/hostile.run_one's deadline in a later test's child
    (a read working for ever was killed by the hard limit, a “crash”, not a “hang”), and every
    later in-process read ran under a 1 GiB data ceiling meant for a reading process only."""
    import signal
    import sys

    handler = signal.getsignal(signal.SIGXCPU) if hasattr(signal, "SIGXCPU") else None
    yield
    backstop = sys.modules.get("app.backstop")
    if backstop is not None and backstop._armed:
        backstop._armed = False
        if handler is not None:
            signal.signal(signal.SIGXCPU, handler)


@pytest.fixture(autouse=True)
def _no_bare_gui_application() -> Iterator[None]:
    """A test that left a QGuiApplication in pytest's process (an in-process PDF export through
    app.cli) made the first widget test after it abort the whole run (“Fatal Python error:
    Aborted” in QMainWindow's constructor: widgets need a QApplication).  Said at the test that
    made it, never 20 minutes later at an unrelated one."""
    yield
    import sys

    gui = sys.modules.get("PySide6.QtGui")  # never imported here for a test that did not load Qt
    app = gui.QGuiApplication.instance() if gui is not None else None
    if app is not None and type(app).__name__ == "QGuiApplication":
        app.shutdown()  # (PySide's): one failure, not every widget test after it
        pytest.fail("the test left a QGuiApplication in pytest's process: run the PDF export in a process of its own "
                    "(tests.helpers.run_app, tests.pdfmake.our_pdf); every later widget test would abort", pytrace=False)
