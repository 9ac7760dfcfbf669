"""`python -m app`: the editor, or a subcommand (see app/cli.py); also the installed commands
`nianbao` and `nianbao-editor` (pyproject.toml)."""

import sys


def main() -> int:
    from app import launch

    if getattr(sys, "frozen", False):  # `check DIR` starts worker processes; a frozen build needs this
        import multiprocessing  # (only there: every other command would pay for the import)

        multiprocessing.freeze_support()  # first: a worker's own arguments must never open the editor
    if launch.is_editor(sys.argv[1:]):  # the editor's start imports none of the subcommands' modules
        return launch.main(sys.argv[1:])
    if sys.argv[1:2] == ["export"]:
        # One export, then the process ends: its cycles are left to the end, where they are
        # frozen, not collected (app.cli._no_cycle_collection).  Collecting meanwhile walks only
        # what lives to the end: a dozen passes over the imports, and one over everything the
        # export made once collection was back on (~2% of an `export --to .pdf` process).
        import gc

        gc.disable()
    from app.cli import main as cli

    return cli()


def finish(code: int, ran_as_main: bool) -> None:
    """The process's end.  After an export that succeeded, as `python -m app` itself (not a
    script that ran this module, as the tests do through runpy, and goes on): its exit handlers
    (the caches saved, logging's files closed), its output flushed, then out without tearing the
    interpreter down — freeing every object PySide, the reader and the layout made, module by
    module (~12 M instructions, ~4 ms of each `export --to .pdf`), for a process that ends.
    Anything else ends as ever."""
    if code == 0 and ran_as_main and sys.argv[1:2] == ["export"]:
        import atexit
        import os

        try:
            atexit._run_exitfuncs()
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:  # an exit handler's or a closed pipe's failure: the usual end says it
            sys.exit(code)
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    # python -m runs this in the __main__ module's own namespace; runpy.run_module (tests) in a fresh one
    finish(main(), globals() is getattr(sys.modules.get("__main__"), "__dict__", None))
