"""The real start (`python -m app FILE`, tests/ui/short_start.py) on the office laptops' screens,
each a screen of Qt's offscreen platform of that size (its configfile): a first start on a short
screen is maximised, 表三 shows rows enough under its header with the findings' counts and first
finding on screen (two rows at 911×512 before: ui27); a tall screen starts as before; the next
start, and a start after one on a tall screen, come out the same.  In-process checks of the
parts: test_short_window.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from tests.conftest import SAMPLE

ROOT = Path(__file__).resolve().parents[2]


def start(folder: Path, width: int, height: int) -> dict[str, object]:
    """A start on a screen ``width``×``height``, its settings in ``folder`` (fresh: a first start)."""
    folder.mkdir(exist_ok=True)
    config = folder / f"screen-{width}x{height}.json"
    config.write_text(json.dumps({"screens": [{"name": "office", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", XDG_CONFIG_HOME=str(folder / "config"),
               XDG_DATA_HOME=str(folder / "data"), NIANBAO_CACHE_DIR=str(folder / "cache"))
    env.pop("QT_SCALE_FACTOR", None)
    done = subprocess.run([sys.executable, "-m", "tests.ui.short_start", str(SAMPLE)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stdout + done.stderr
    return json.loads(lines[-1])


def whole(result: dict[str, object]) -> None:
    """The findings' counts and first finding and the status bar on the screen."""
    assert result["findings"] in ("bottom", "right"), result
    assert result["counts"] and result["finding"] and result["status"], result


@pytest.mark.parametrize(("screen", "rows"), [((911, 472), 5), ((911, 512), 5), ((1280, 720), 8),
                                             ((1366, 768), 10)])
def test_a_first_start_on_a_short_screen_is_maximised_the_page_first(tmp_path: Path, screen: tuple[int, int],
                                                                     rows: int) -> None:
    result = start(tmp_path / "s", *screen)
    assert result["maximised"], result
    assert result["rows"] >= rows, result
    whole(result)


def test_a_tall_screen_starts_as_before(tmp_path: Path) -> None:
    result = start(tmp_path / "s", 1920, 1040)
    assert not result["maximised"] and result["window"] == [1400, 900], result
    whole(result)


def test_the_next_start_on_the_short_screen_is_the_same(tmp_path: Path) -> None:
    first = start(tmp_path / "s", 911, 512)
    again = start(tmp_path / "s", 911, 512)
    assert again["maximised"] and again["rows"] == first["rows"] and again["dock"] == first["dock"], (first, again)
    whole(again)


def test_a_layout_saved_on_a_tall_screen_starts_on_a_short_one_as_a_first_start(tmp_path: Path) -> None:
    """1400×900 left on the office's monitor, opened on the laptop at 150 %: filled, maximised."""
    start(tmp_path / "s", 1920, 1040)
    result = start(tmp_path / "s", 911, 512)
    assert result["maximised"] and result["rows"] >= 5, result
    whole(result)


def _settings(folder: Path) -> QSettings:
    """The settings file the starts in ``folder`` share (as the program wrote it)."""
    files = sorted((folder / "config").rglob("*.conf"))
    assert files, list(folder.rglob("*"))
    return QSettings(str(files[0]), QSettings.Format.IniFormat)


def _leave_dock(folder: Path, height: int, short: bool | None) -> None:
    """The findings dock left ``height`` high below the page, as an older version left it
    (``short`` None: no mark) or this one in a short window (True) or a tall one (False)."""
    settings = _settings(folder)
    key = "window/dock/findingsDock"
    settings.setValue(key, height)
    if short is None:
        settings.remove(f"{key}/short")
    else:
        settings.setValue(f"{key}/short", "true" if short else "false")
    settings.sync()


@pytest.mark.parametrize("short", [None, False])
def test_an_older_layouts_dock_below_a_short_page_starts_at_its_least(tmp_path: Path, short: bool | None) -> None:
    """A user upgrading: the older version left its 130 px (its default under Qt's title bar) at
    911×472 — 表三 a row fewer.  Relaunched, the dock is the counts row and one finding, and stays
    so across the next quit and relaunch; likewise a height left in a tall window."""
    folder = tmp_path / "s"
    first = start(folder, 911, 472)
    _leave_dock(folder, 130, short)
    again = start(folder, 911, 472)
    assert again["dock"] == first["dock"] < 130 and again["rows"] >= 5, (first, again)
    whole(again)
    third = start(folder, 911, 472)
    assert third["dock"] == first["dock"] and third["rows"] >= 5, (first, third)


def test_a_height_the_user_left_below_a_short_page_is_kept(tmp_path: Path) -> None:
    """Dragged higher in this version's short window (two findings whole, say): the user's
    choice, kept across a quit and relaunch, and the next (restored before the window is
    maximised, it comes back in proportion to the window's unmaximised height: 130 → 123)."""
    folder = tmp_path / "s"
    least = start(folder, 911, 472)["dock"]
    _leave_dock(folder, 130, True)
    again = start(folder, 911, 472)
    assert again["dock"] >= least + 40, (least, again)
    whole(again)
    assert start(folder, 911, 472)["dock"] == again["dock"]
