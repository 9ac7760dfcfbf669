"""`python -m app`: the editor, or a subcommand (see app/cli.py)."""

import sys

from app import launch

if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # `check DIR` starts worker processes; a frozen build needs this
        import multiprocessing  # (only there: every other command would pay for the import)

        multiprocessing.freeze_support()  # first: a worker's own arguments must never open the editor
    if launch.is_editor(sys.argv[1:]):  # the editor's start imports none of the subcommands' modules
        sys.exit(launch.main(sys.argv[1:]))
    from app.cli import main

    sys.exit(main())
