"""打开日志文件夹 in the frozen Linux program starts xdg-open itself (ui/about.py): once it ends it
is reaped, not left a zombie until the program next starts a process (review16 L3)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ui import about


def _state(pid: int) -> str | None:
    """The process's state letter (Z: a zombie), None once it is gone (reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return None
    return stat.rsplit(")", 1)[1].split()[0]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the frozen Linux program's own path")
def test_xdg_open_is_reaped_when_it_ends(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tools = tmp_path / "bin"
    tools.mkdir()
    pid_file = tmp_path / "xdg-open.pid"
    opener = tools / "xdg-open"  # says who it is, then ends at once as xdg-open does
    opener.write_text(f'#!/bin/sh\necho $$ > "{pid_file}.part" && mv "{pid_file}.part" "{pid_file}"\n')
    opener.chmod(0o755)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "bundle"), raising=False)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    assert about._open_outside(tmp_path)
    qtbot.waitUntil(pid_file.exists, timeout=5000)
    pid = int(pid_file.read_text())
    qtbot.waitUntil(lambda: _state(pid) is None, timeout=5000)  # a zombie stays in /proc as Z
