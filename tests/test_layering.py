"""app/ is the domain: it never imports Qt (DESIGN.md principle 2)."""

import re
import subprocess
import sys
from pathlib import Path

APP = Path(__file__).parents[1] / "app"
QT = re.compile(r"^\s*(from|import)\s+(PySide6|shiboken6|PyQt\d)\b", re.M)


UI = re.compile(r"^\s*(from|import)\s+ui\b", re.M)
ENTRY_POINTS = {"cli.py", "launch.py"}  # `python -m app` opens the editor: only the entry point may reach ui/


def test_the_domain_does_not_reach_into_the_ui() -> None:
    offenders = [str(p) for p in APP.rglob("*.py")
                 if p.name not in ENTRY_POINTS and UI.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_no_qt_import_in_app_sources() -> None:
    offenders = [str(p) for p in APP.rglob("*.py") if QT.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_importing_the_domain_loads_no_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, app\n"
        "for m in pkgutil.walk_packages(app.__path__, 'app.'):\n"
        "    if m.name != 'app.__main__': importlib.import_module(m.name)\n"
        "print(any(k.startswith(('PySide6', 'shiboken6')) for k in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
