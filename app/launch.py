"""`python -m app [FILE]`: the editor's start, lean on purpose.

The subcommands (app/cli.py) import the checks, the readers and writers at the top; the editor
must not wait for them: before its window shows a report it needs only Qt, the window's modules
and the report's own classes.  So the start goes: arguments parsed, the dataclass cache in place
(app/dataclass_cache.py), the file's read and check started in a child process on the other
core (app/prefetch.py), then Qt and the window (ui/main.py), every pattern and PySide's own
Python from the compile cache until the window is complete (app/compile_cache.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

COMMANDS = ("check", "dump", "export", "new")


def is_editor(args: Sequence[str]) -> bool:
    """No subcommand (nor --help): the arguments open the editor."""
    return not args or args[0] not in (*COMMANDS, "-h", "--help")


def parse(args: Sequence[str]) -> argparse.Namespace | SimpleNamespace:
    """The editor's arguments.  What nearly every start is — nothing, or one file (a double
    click, 打开方式) — is read as argparse would read it without building the parser: its
    construction, Chinese messages and parse were ~1.8 ms of every start.  Anything else
    (an option, two names, a name argparse would take for an option) goes through argparse,
    which also says what is wrong, in Chinese.  argparse is imported only then: its import
    compiles patterns (gettext's) before the compile cache can serve them (``main``)."""
    if len(args) <= 1 and not any(a.startswith("-") for a in args):
        return SimpleNamespace(file=args[0] if args else None, screenshot=None, page=None, finding=None)
    import argparse

    from app import cli_text

    cli_text.install()
    p = argparse.ArgumentParser(prog="python -m app", description="打开年报编辑器。子命令见 python -m app --help")
    p.add_argument("file", nargs="?", metavar="FILE", help="要打开的年报（.docx .doc .wps .pdf .xlsx 网页副本…）")
    p.add_argument("--screenshot", metavar="OUT.png", help="打开后把窗口截图保存到此 PNG 文件并退出")
    p.add_argument("--page", metavar="KEY", help="截图前切换到的页面，例如 三")
    p.add_argument("--finding", metavar="CODE", help="截图前在检查结果中选中该类问题的第一条（或第N条：DUP-PARAGRAPH:2）")
    return p.parse_args(list(args))


def main(args: Sequence[str]) -> int:
    import _signal  # signal's C half: signal.py builds its enum classes at import (~0.4 ms)

    # A Ctrl+C before the window can answer it (ui/session_end, once the window is complete)
    # ends the program as a C program ends, at once and silently: raised as KeyboardInterrupt
    # it printed a traceback from inside an import, or aborted PySide's own initialization
    # ("Fatal Python error").  An interrupt ignored by the shell that started us (`&`) stays so.
    if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
        _signal.signal(_signal.SIGINT, _signal.SIG_DFL)
    from app import collector

    collector.hold()  # until the window holds its report (ui.main_window gives it back)
    ns = parse(args)
    if ns.screenshot:  # a folder or a .jpg name: said here, not a silent exit 1 after the window
        from app.cli_paths import UsageError, output_file

        try:
            output_file(Path(ns.screenshot), (".png",), "截图", stem="截图")
        except UsageError as e:
            import sys

            print(f"错误：{e}", file=sys.stderr)
            return 2
    from app import dataclass_cache

    dataclass_cache.install()  # before the first dataclass is declared (app.schema's)
    from app import compile_cache

    # Until the window is complete (ui.main), and before the fork: what both processes import
    # before it (app.prefetch's shared modules) is compiled from the cache once, and the child
    # inherits the held cache (app.prefetch_child writes what it added).  Nothing imported before
    # this line compiles a pattern but inspect's tokenize (two) and dataclasses (one).
    compile_cache.hold()
    if ns.file and not ns.screenshot:  # read and checked on the other core while Qt starts
        from app import prefetch

        prefetch.start(Path(ns.file))
    from ui.main import run  # the GUI is imported only here: the domain never needs Qt

    return run(ns.file, ns.screenshot, ns.page, ns.finding)
