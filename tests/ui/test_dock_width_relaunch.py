"""The findings dock's width across real quits and launches of the program (each its own process,
the settings where the program keeps them), two editors open at once: the one that quits last
leaves its layout, a dock dragged wider than a third included (gui15: it came back at a third)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

EDITOR = r"""
import json, sys
from pathlib import Path
from ui.main import create_application
qapp = create_application()
from PySide6.QtCore import Qt
from ui.main_window import MainWindow
w = MainWindow(autosave_dir=Path(sys.argv[1]), staged=True)
w.show(); qapp.processEvents(); w.complete()
for _ in range(20):
    qapp.processEvents()
beside = w.dockWidgetArea(w.dock) in (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)
along = (lambda: w.width()) if beside else (lambda: w.height())
extent = (lambda: w.dock.width()) if beside else (lambda: w.dock.height())
share = float(sys.argv[2])
if share:  # the user drags the dock's edge
    w.resizeDocks([w.dock], [int(along() * share)], Qt.Orientation.Horizontal if beside else Qt.Orientation.Vertical)
    for _ in range(20):
        qapp.processEvents()
print(json.dumps({"dock": extent(), "window": along(), "size": [w.width(), w.height()], "beside": beside}), flush=True)
sys.stdin.readline()  # until told to quit: the other editor is open meanwhile
w.close()
qapp.processEvents()
"""


def editor(tmp_path: Path, share: float) -> subprocess.Popen[str]:
    """The program on a 1440×900 screen (the findings beside the page), its own settings."""
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "wide", "x": 0, "y": 0, "width": 1440, "height": 900,
                                               "logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}]}))
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM=f"offscreen:configfile={screen}",
               XDG_CONFIG_HOME=str(tmp_path / "config"),
               NIANBAO_CACHE_DIR=str(tmp_path / "cache"), NIANBAO_PREFETCH="off")
    return subprocess.Popen([sys.executable, "-c", EDITOR, str(tmp_path / "autosave"), str(share)], cwd=ROOT,
                            env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def shown(p: subprocess.Popen[str]) -> dict[str, Any]:
    assert p.stdout is not None
    line = p.stdout.readline()
    assert line, p.stderr.read() if p.stderr else ""
    return json.loads(line)  # type: ignore[no-any-return]


def quit_(p: subprocess.Popen[str]) -> None:
    _, err = p.communicate("\n", timeout=60)
    assert p.returncode == 0, err


def test_two_editors_at_once_the_last_to_quit_leaves_its_wide_dock(tmp_path: Path) -> None:
    first = editor(tmp_path, 0.45)
    left = shown(first)
    assert left["beside"] and left["dock"] > left["window"] // 3 + 1, "dragged wider than a third"
    second = editor(tmp_path, 0.3)  # opened while the first is open: placed clear of it
    other = shown(second)
    assert abs(other["dock"] - left["dock"]) > 10, "the two left apart"
    quit_(second)
    quit_(first)  # the last to quit
    again = editor(tmp_path, 0)
    got = shown(again)
    quit_(again)
    assert got["size"] == left["size"]
    assert abs(got["dock"] - left["dock"]) <= 2, (got, left)
    once_more = editor(tmp_path, 0)  # and from then on, quit without a drag
    assert abs(shown(once_more)["dock"] - left["dock"]) <= 2
    quit_(once_more)
