"""The pinned Qt must install on the office PCs: 统信UOS 20 and 麒麟 V10 ship glibc 2.28, so the
PySide6 wheels pip chose here must be manylinux_2_28 or older (a bump to 6.10+ gets 2_34 wheels)."""

from __future__ import annotations

import re
import sys
from importlib.metadata import distribution

import pytest

GLIBC_FLOOR = (2, 28)


def wheel_tags(dist: str) -> list[str]:
    text = distribution(dist).read_text("WHEEL") or ""
    return [line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("Tag:")]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc wheels are a Linux matter")
@pytest.mark.parametrize("dist", ["PySide6-Essentials", "shiboken6"])
def test_qt_wheels_run_on_glibc_2_28(dist: str) -> None:
    tags = wheel_tags(dist)
    assert tags, f"{dist}: no wheel tag recorded"
    for tag in tags:
        m = re.search(r"manylinux_(\d+)_(\d+)_", tag) or re.search(r"manylinux(2014)_", tag)
        assert m, f"{dist}: {tag} is not a manylinux wheel"
        needed = (2, 17) if m.group(1) == "2014" else (int(m.group(1)), int(m.group(2)))
        assert needed <= GLIBC_FLOOR, f"{dist}: wheel {tag} needs glibc {needed}, office PCs have 2.28"
