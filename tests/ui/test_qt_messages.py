"""Qt's own messages (ui/qtlog.py): never on a command-line user's terminal, always in the log."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import qInstallMessageHandler
from PySide6.QtGui import QFont

from ui import crashlog, qtlog

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "data" / "xiaogang-2021.docx"


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop("XDG_RUNTIME_DIR", None)  # Qt warns about it while the application starts
    return env


def test_a_screenshot_run_prints_nothing_of_qts(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    run = subprocess.run([sys.executable, "-m", "app", str(SAMPLE), "--screenshot", str(out)], cwd=ROOT,
                         env=_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and out.stat().st_size > 0
    assert run.stderr == "" and run.stdout == ""  # offscreen says "does not support propagateSizeHints()" here


def test_a_pdf_export_prints_only_its_own_line(tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    run = subprocess.run([sys.executable, "-m", "app", "export", str(SAMPLE), "--to", str(out)], cwd=ROOT,
                         env=_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and out.stat().st_size > 0
    assert run.stderr == "" and run.stdout.strip() == f"已导出：{out}"


@pytest.mark.qt_log_ignore("Point size <= 0")
def test_qts_message_goes_to_the_log_once(caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    # Installed as ui.main does: the router first, the crash log over it (screenshot run: no file).
    previous = qInstallMessageHandler(None)
    try:
        qtlog.install()
        hooks = crashlog.install(lambda text: None, to_file=False)
        try:
            with caplog.at_level(logging.DEBUG, logger="nianbao.qt"):
                QFont().setPointSize(-3)
        finally:
            hooks.uninstall()
    finally:
        qInstallMessageHandler(previous)
    said = [r for r in caplog.records if r.name == "nianbao.qt" and "Point size <= 0 (-3)" in r.getMessage()]
    assert len(said) == 1 and said[0].levelno == logging.WARNING
    assert "Point size" not in capfd.readouterr().err
