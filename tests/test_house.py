"""The house itself: what pyproject.toml ships matches real files, one editor entry point."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_data_glob_ships_a_file() -> None:
    globs = PROJECT["tool"]["setuptools"]["package-data"]
    assert globs
    for package, patterns in globs.items():
        folder = ROOT / package.replace(".", "/")
        for pattern in patterns:
            assert list(folder.glob(pattern)), f"{package}: {pattern} matches nothing in {folder}"


def test_the_editor_has_one_entry_point() -> None:
    # `python -m app [FILE]` opens the editor (app/cli.py); no second launcher beside it.
    assert not (ROOT / "ui" / "__main__.py").exists()
    scripts = {**PROJECT["project"]["scripts"], **PROJECT["project"]["gui-scripts"]}
    assert set(scripts.values()) == {"app.__main__:main"}
