"""Run-time hook of the frozen program, run before the others: base_library.zip goes after the
program's folder on sys.path.

PyInstaller puts the standard-library modules that Python and its own bootstrap need before its
importer is set up (encodings, re, enum, functools, collections…) in base_library.zip, first on
sys.path. zipimport, which reads them, is Python code that reads each member twice: ~0.8 M
instructions a module more than a plain .pyc file (issue 15: the frozen `check` against the venv's).
By the time this hook runs, Python has started from the zip; the modules `check` and `dump` import
after it ship as .pyc files in the folder too (build/nianbao.spec), found there first from now on.
Anything else still comes from the zip.
"""

import os
import sys


def _install() -> None:
    archive = os.path.join(sys._MEIPASS, "base_library.zip")  # type: ignore[attr-defined]
    if archive in sys.path:
        sys.path.remove(archive)
        sys.path.append(archive)


_install()
del _install
