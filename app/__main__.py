"""`python -m app`: the editor, or a subcommand (see app/cli.py)."""

import multiprocessing
import sys

from app.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # `check DIR` starts worker processes; a frozen build needs this
    sys.exit(main())
