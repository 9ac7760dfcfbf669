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
