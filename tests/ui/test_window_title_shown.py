"""The title the window manager shows: the program's name once.

Our titles already end with the program's name (“未命名报告 - 政府信息公开工作年度报告编辑器”); the
application's display name was set as well, and Qt's xcb and Windows platforms append a set display
name to every title that does not end with it, so the title bar read “… - 政府信息公开工作年度报告编辑器
— 年报编辑器” (gui18 under Xvfb).  Read back from the X server as the window manager reads it
(_NET_WM_NAME), since the window's own windowTitle() never carries the suffix."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

SHOW = """
import json
import subprocess
from ui.main import create_application, first_window
from ui.batch_window import BatchWindow
app = create_application(["nianbao"])
windows = [first_window(None)]
batch = BatchWindow()
batch.show()
windows.append(batch)
for _ in range(20):
    app.processEvents()
for w in windows:
    shown = subprocess.run(["xprop", "-id", str(int(w.winId())), "_NET_WM_NAME"], capture_output=True,
                           text=True, check=True).stdout
    print("TITLE", json.dumps([w.windowTitle(), shown.split(" = ", 1)[1].strip()[1:-1]], ensure_ascii=False), flush=True)
"""


@pytest.mark.skipif(not (shutil.which("xvfb-run") and shutil.which("xprop")), reason="needs Xvfb and xprop")
def test_each_title_bar_names_the_program_once(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), PYTHONPATH=str(ROOT))
    done = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", sys.executable, "-c", SHOW],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    titles = [json.loads(line[6:]) for line in done.stdout.splitlines() if line.startswith("TITLE ")]
    assert len(titles) == 2, done.stdout
    for own, shown in titles:
        assert shown == own.replace("[*]", ""), (own, shown)  # [*]: Qt shows * there only when modified
        assert shown.count("编辑器") == 1, shown
