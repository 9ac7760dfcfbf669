"""README's table of finding codes, from the registry (app/findings.py): ``python -m app.codes_table --markdown``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app.findings import REGISTRY


def markdown_table() -> str:
    """README's table of codes."""
    lines = ["| 代码 | 情形 | 级别 | 问题 | 含义 | 处理 |", "|---|---|---|---|---|---|"]
    for d in REGISTRY.values():
        fix = f"{d.fix}（{d.note}）" if d.note else d.fix
        cell = [f"`{d.code}`", f"`{d.kind}`" if d.kind else "", d.severity.name_zh, d.title, d.meaning, fix]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cell) + " |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m app.codes_table", description="问题代码一览")
    p.add_argument("--markdown", action="store_true", help="输出 README 中的问题代码表（Markdown）")
    p.parse_args(argv)
    sys.stdout.write(markdown_table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
