"""Entry point of the frozen program: the same command line as `python -m app`."""

import sys

from app import launch

if __name__ == "__main__":
    # `check DIR` starts worker processes with "spawn": in a frozen build each worker re-runs this
    # executable, and freeze_support() turns it into the worker instead of a second CLI (and runs
    # multiprocessing's resource tracker, started with -c). Only then is multiprocessing imported
    # here: every other start would pay ~15 ms for it (build/rth_deferred.py).
    if sys.argv[1:2] == ["--multiprocessing-fork"] or "-c" in sys.argv[1:]:
        import multiprocessing

        multiprocessing.freeze_support()
    if sys.argv[1:2] == ["--prefetch-child"]:  # app/prefetch.py's child where there is no fork (Windows)
        from app import prefetch_child

        sys.exit(prefetch_child.main(sys.argv[2:]))
    if launch.is_editor(sys.argv[1:]):  # the editor's start imports none of the subcommands' modules
        sys.exit(launch.main(sys.argv[1:]))
    from app.cli import main

    sys.exit(main())
