"""`python -m app [FILE]`: the editor's start, lean on purpose.

The subcommands (app/cli.py) import the checks, the readers and writers at the top; the editor
must not wait for them: before its window shows a report it needs only Qt, the window's modules
and the report's own classes.  So the start goes: arguments parsed, the dataclass cache in place
(app/dataclass_cache.py), the file's read and check started in a child process on the other
core (app/prefetch.py), then Qt and the window (ui/main.py).
"""

from __future__ import annotations

import argparse
import gc
from collections.abc import Sequence
from pathlib import Path

COMMANDS = ("check", "dump", "export", "new")
_collector_held = False


def is_editor(args: Sequence[str]) -> bool:
    """No subcommand (nor --help): the arguments open the editor."""
    return not args or args[0] not in (*COMMANDS, "-h", "--help")


def hold_collector() -> None:
    """Python's cyclic garbage collector off while the editor starts: the start makes hundreds
    of thousands of objects that live as long as the program and frees almost none, so every
    collection then is pure cost (~10 ms of a start; benchmarks/bench_start_stages.py).  The
    window gives it back (``release_collector``) once it holds its report.  The prefetch child,
    forked after this, reads and checks without it too: it lives a fraction of a second."""
    global _collector_held
    if gc.isenabled():
        gc.disable()
        _collector_held = True


def release_collector() -> None:
    """The collector back on (once; a no-op unless held), what the start made moved out of its
    sight first (gc.freeze): it lives as long as the program, and a collection after the start
    then looks only at what came after."""
    global _collector_held
    if _collector_held:
        _collector_held = False
        gc.freeze()
        gc.enable()


def main(args: Sequence[str]) -> int:
    hold_collector()
    from app import cli_text

    cli_text.install()
    p = argparse.ArgumentParser(prog="python -m app", description="打开年报编辑器。子命令见 python -m app --help")
    p.add_argument("file", nargs="?", metavar="FILE", help="要打开的年报（.docx .doc .wps .pdf .xlsx 网页副本…）")
    p.add_argument("--screenshot", metavar="OUT.png", help="打开后把窗口截图保存到此 PNG 文件并退出")
    p.add_argument("--page", metavar="KEY", help="截图前切换到的页面，例如 三")
    p.add_argument("--finding", metavar="CODE", help="截图前在检查结果中选中该类问题的第一条（或第N条：DUP-PARAGRAPH:2）")
    ns = p.parse_args(list(args))
    from app import dataclass_cache

    dataclass_cache.install()  # before the first dataclass is declared (app.schema's)
    if ns.file and not ns.screenshot:  # read and checked on the other core while Qt starts
        from app import prefetch

        prefetch.start(Path(ns.file))
    from ui.main import run  # the GUI is imported only here: the domain never needs Qt

    return run(ns.file, ns.screenshot, ns.page, ns.finding)
