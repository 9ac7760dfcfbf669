"""`python -m app`: the editor, or a subcommand (see app/cli.py)."""

import sys

from app.cli import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # `check DIR` starts worker processes; a frozen build needs this
        import multiprocessing  # (only there: every other command would pay for the import)

        multiprocessing.freeze_support()
    sys.exit(main())
