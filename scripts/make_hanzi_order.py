"""Regenerate resources/hanzi_order.txt, the Chinese characters in pinyin order (app/hanzi_order.py),
from ICU's Chinese collation as PySide6's Qt carries it on Linux:

    .venv/bin/python scripts/make_hanzi_order.py

Why a file and not QCollator at run time: Qt on Windows is built without ICU and collates through
Windows' own tables, and the Linux bundle ships a cut-down ICU (build/icu_subset.py); a table made
once here sorts the batch list the same on every platform.  A test regenerates it and compares.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.hanzi_order import FILE, RANGES  # noqa: E402


def characters() -> list[str]:
    """Every character of RANGES, as ICU's zh (pinyin) collation orders them."""
    from PySide6.QtCore import QCollator, QLocale

    collator = QCollator(QLocale("zh_CN"))
    chars = [chr(c) for first, last in RANGES for c in range(first, last + 1)]
    # equal-weighted characters (none in ICU's zh data today) keep code point order: sorted() is stable
    return sorted(chars, key=functools.cmp_to_key(collator.compare))


def text(chars: list[str], width: int = 64) -> str:
    """Lines of ``width`` characters: a diff after an ICU update shows where the order moved."""
    return "".join("".join(chars[i:i + width]) + "\n" for i in range(0, len(chars), width))


def main() -> None:
    out = ROOT / "resources" / FILE
    out.write_text(text(characters()), encoding="utf-8", newline="\n")
    print(out)


if __name__ == "__main__":
    main()
