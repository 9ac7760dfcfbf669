"""The editor keeps Qt's raster fills on the painting thread (ui/main.py, QT_NO_GUI_THREADPOOL):
Qt hands each fill of 96 scan lines or more to a pool of threads and waits, which on two busy
cores cost more than the fill (a scroll bar's paint 1.3 ms against 0.1).  Measured in
benchmarks/bench_start_stages.py; here only whether the pool's threads exist after a paint, in
fresh processes (Qt reads the switch once).  The control — a plain QApplication, the same paint —
has them: were Qt to stop making them, the test would say so rather than pass for nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PAINT = r"""
import os, sys
from pathlib import Path
if sys.argv[1] == "editor":
    from ui.main import create_application
    app = create_application()
else:
    from PySide6.QtWidgets import QApplication
    app = QApplication(sys.argv[:1])
from PySide6.QtWidgets import QListWidget
view = QListWidget()
view.addItems([f"第{i}行" for i in range(400)])  # a tall scroll bar: its groove is a big fill
view.resize(320, 700)
view.show()
app.processEvents()
view.repaint()
names = [Path(f"/proc/self/task/{t}/comm").read_text().strip() for t in os.listdir("/proc/self/task")]
print(sum(name.startswith("Thread (pooled") for name in names))
"""


def _pooled_threads(kind: str, tmp_path: Path) -> int:
    env = {k: v for k, v in os.environ.items() if k != "QT_NO_GUI_THREADPOOL"}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    done = subprocess.run([sys.executable, "-c", PAINT, kind], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return int(done.stdout.split()[-1])


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="thread names read from /proc (Linux)")
def test_the_editor_paints_without_qts_fill_threads(tmp_path: Path) -> None:
    assert _pooled_threads("plain", tmp_path) > 0  # the control: Qt's default makes them
    assert _pooled_threads("editor", tmp_path) == 0
