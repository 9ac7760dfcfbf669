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
    from app.cli import main as cli

    return cli()


if __name__ == "__main__":
    sys.exit(main())
