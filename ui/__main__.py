"""``python -m ui [FILE] [--screenshot OUT.png] [--page KEY] [--finding CODE]``: the editor on its own."""

from __future__ import annotations

import argparse
import sys

from ui.main import run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui", description="政府信息公开工作年度报告编辑器")
    parser.add_argument("file", nargs="?", help="要打开的 .docx 报告")
    parser.add_argument("--screenshot", metavar="OUT.png", help="打开后保存窗口截图并退出")
    parser.add_argument("--page", help="截图前切换到的页面，例如 三")
    parser.add_argument("--finding", metavar="CODE", help="截图前在检查结果中选中该类问题的第一条（或第N条：DUP-PARAGRAPH:2）")
    args = parser.parse_args(argv)
    return run(args.file, args.screenshot, args.page, args.finding)


if __name__ == "__main__":
    sys.exit(main())
