"""Entry point of the frozen program: the same command line as `python -m app`."""

import multiprocessing
import sys

from app.cli import main

if __name__ == "__main__":
    # `check DIR` starts worker processes with "spawn": in a frozen build each worker re-runs
    # this executable, and freeze_support() turns it into the worker instead of a second CLI.
    multiprocessing.freeze_support()
    sys.exit(main())
