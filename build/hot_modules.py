"""The Python modules the command line imports to `check` and `dump` a report, one a line.

    python build/hot_modules.py

Run by build/nianbao.spec with the Python that builds the bundle: those modules ship as plain
.pyc files beside the program instead of zlib-compressed in its Python archive (PYZ), because
inflating them on every start cost the frozen `check` ~14 ms of processor time that the venv
never pays (issue 15). The rest of the archive stays compressed: the size budget holds.
The list is measured, not written down, so it follows the code as imports come and go.
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "xiaogang-2021.docx"


def imported() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from app.cli import main

    for command in ("check", "dump"):
        with contextlib.redirect_stdout(io.StringIO()):
            code = main([command, str(SAMPLE)])
        if code not in (0, 1):  # check exits 1 on the sample: it has findings
            raise SystemExit(f"hot_modules: {command} {SAMPLE.name} exited {code}")
    return sorted(sys.modules)


if __name__ == "__main__":
    print("\n".join(imported()))
