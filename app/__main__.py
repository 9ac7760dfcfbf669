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


if __name__ == "__main__":
    sys.exit(main())
