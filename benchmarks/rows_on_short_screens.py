"""How many of 表三's rows a user sees below its header on a first start (fresh settings, the
sample report, 表三 shown), the findings panel on screen, per office screen — the real start
(`python -m app FILE`, tests/ui/short_start.py) in a process of its own per screen.

    .venv/bin/python benchmarks/rows_on_short_screens.py [--offscreen] [--shots DIR] [--again] [--only SCREEN]

By default each start runs under Xvfb with openbox (a window manager: title bars, maximising)
at the screen's pixels and Windows' scale as QT_SCALE_FACTOR, as the GUI testers run it;
``--offscreen`` uses Qt's offscreen platform with a screen of the scaled size instead (no
window manager, no frame; quicker).  ``--shots DIR`` saves each screen's picture there;
``--again`` starts a second time with the first start's settings (the layout it saved).
Nothing here is a test: it only prints.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from common import ROOT, SAMPLE

# (pixels wide, high, Windows' scale): the civil servants' laptops and office screens.
SCREENS = [
    (1366, 768, 1.5),  # 911×512 to Qt
    (1366, 728, 1.5),  # the same over Windows' task bar: its window 911×472 under openbox's title bar, the worst case
    (1600, 900, 1.5),  # 1067×600
    (1280, 720, 1.25),  # 1024×576
    (1920, 1080, 1.5),  # 1280×720
    (1366, 768, 1.0),
    (1024, 768, 1.0),
    (1920, 1080, 1.25),  # 1536×864
    (1920, 1080, 1.0),
]


def _env(config: Path, platform: str, scale: float) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM=platform, XDG_CONFIG_HOME=str(config / "config"),
               XDG_DATA_HOME=str(config / "data"), NIANBAO_CACHE_DIR=str(config / "cache"))
    env.pop("QT_SCALE_FACTOR", None)
    if scale != 1.0:
        env["QT_SCALE_FACTOR"] = str(scale)
    return env


def offscreen_platform(width: int, height: int, folder: Path) -> str:
    """Qt's offscreen platform with one screen ``width``×``height`` (its configfile)."""
    config = folder / f"screen-{width}x{height}.json"
    config.write_text(json.dumps({"screens": [{"name": "office", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBpi": 96, "dpr": 1}]}))
    return f"offscreen:configfile={config}"


def start(screen: tuple[int, int, float], config: Path, offscreen: bool, shot: Path | None) -> dict[str, object]:
    width, height, scale = screen
    child = [sys.executable, "-m", "tests.ui.short_start", str(SAMPLE), *([str(shot)] if shot else [])]
    if offscreen:
        env = _env(config, offscreen_platform(round(width / scale), round(height / scale), config), 1.0)
        cmd = child
    else:
        env = _env(config, "xcb", scale)
        script = "openbox >/dev/null 2>&1 & sleep 1; exec " + " ".join(f"'{c}'" for c in child)
        cmd = ["xvfb-run", "-a", "-s", f"-screen 0 {width}x{height}x24", "sh", "-c", script]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        return {"error": (done.stdout + done.stderr).strip()[-400:]}
    return json.loads(lines[-1])


def row(label: str, result: dict[str, object]) -> str:
    if "error" in result:
        return f"{label:<22} error: {result['error']}"
    return (f"{label:<22} {result['rows']:>4}  {result['findings']:<7}{result['dock']:>5}  "
            f"{'yes' if result['counts'] else 'NO':<7}{'yes' if result['finding'] else 'NO':<8}"
            f"{'yes' if result['maximised'] else 'no':<10}{'×'.join(map(str, result['window'])):<11}"
            f"{'yes' if result['status'] else 'NO'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offscreen", action="store_true")
    parser.add_argument("--shots", type=Path)
    parser.add_argument("--again", action="store_true")
    parser.add_argument("--only", help="the screens whose label has this (1366×768@150%)")
    args = parser.parse_args()
    if args.shots:
        args.shots.mkdir(parents=True, exist_ok=True)
    print(f"{'screen (to Qt)':<22} rows  panel   dock  counts finding maximised window     status")
    for screen in SCREENS:
        width, height, scale = screen
        label = f"{width}×{height}@{round(scale * 100)}%"
        if args.only and args.only not in label:
            continue
        with tempfile.TemporaryDirectory(prefix="rows-") as folder:
            config = Path(folder)
            stem = f"{width}x{height}-{round(scale * 100)}"
            shot = args.shots / f"{stem}.png" if args.shots else None
            print(row(f"{label} ({round(width / scale)}×{round(height / scale)})",
                      start(screen, config, args.offscreen, shot)), flush=True)
            if args.again:
                shot = args.shots / f"{stem}-again.png" if args.shots else None
                print(row("  again", start(screen, config, args.offscreen, shot)), flush=True)


if __name__ == "__main__":
    main()
