"""What every benchmark script shares: the project on the import path, the sample report,
and the median of several timed runs (this machine is shared and noisy)."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "data" / "xiaogang-2021.docx"
# The start of a child process timing the editor (run with the checkout as its working folder):
# the application as the program makes it, its settings in a fresh temporary folder.
EDITOR_CHILD_START = r"""
import sys, tempfile
sys.path[:0] = ["."]
from PySide6.QtCore import QSettings
from ui.main import create_application
app = create_application()
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
"""
# For a child script after EDITOR_CHILD_START: a batch window (one job) that has checked a folder
# of ``copies`` copies of the sample, each in a folder of its own, and ``more`` (name → file) beside.
BATCH_CHECKED = r"""
def batch_checked(copies, more=None, prefix="bench-batch-"):
    import shutil, time
    from pathlib import Path
    from ui.batch_window import BatchWindow
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    for i in range(copies):
        (folder / f"乡镇{i:02}").mkdir()
        shutil.copy("tests/data/xiaogang-2021.docx", folder / f"乡镇{i:02}" / "年报.docx")
    for name, path in (more or {}).items():
        (folder / name).mkdir()
        shutil.copy(path, folder / name / "年报.docx")
    bw = BatchWindow(jobs=1)
    bw.resize(1400, 900)
    bw.show()
    bw.start([folder])
    end = time.perf_counter() + 600
    while bw.worker is not None and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()
    assert len(bw.model.results) == copies + len(more or {}), len(bw.model.results)
    return bw, folder
"""
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def median_ms(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)
