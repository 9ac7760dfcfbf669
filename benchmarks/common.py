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
