"""`export --to .pdf` as its own process: it runs headless, loads and builds only what it uses,
skips the collection at shutdown, and in this process leaves the cycle collector as it was."""

from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app import cli
from tests.ui.printcheck import (
    ROOT,
    SAMPLE,
    needs_poppler,
    page_count,
    run,
)


@needs_poppler
def test_command_line_export_works_headless(tmp_path: Path) -> None:
    out = tmp_path / "cli.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "app", "export", str(SAMPLE), "--to", str(out)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    info = run("pdfinfo", str(out))
    assert re.search(r"Producer:\s+Qt", info) and re.search(r"Creator:\s+年报编辑器", info), "not our layout"
    assert page_count(out) >= 5


# What `export --to .pdf` needs: QtGui, the reader, the layout.  Each of these cost every export
# process its import (the checks' regexes, python-docx's object layer, the widget libraries; the
# fork's pickle, an .xlsx message's HTML entities, the editor's own part's JSON: the sample is
# anyone's .docx).
NOT_FOR_EXPORT = ("PySide6.QtWidgets", "PySide6.QtPrintSupport", "app.checks", "app.dismissals", "docx",
                  "multiprocessing", "openpyxl", "pickle", "html", "json")


def as_python_m_app_export(out: Path) -> str:
    """A child's script that begins as ``python -m app export SAMPLE --to out`` runs (exit 0)."""
    return ("import os, runpy, sys\n"
            f"sys.argv = ['app', 'export', {str(SAMPLE)!r}, '--to', {str(out)!r}]\n"
            "try:\n    runpy.run_module('app', run_name='__main__')\n"
            "except SystemExit as e:\n    assert e.code == 0, e.code\n"
            f"assert os.path.getsize({str(out)!r}) > 0\n")


def last_line_of(code: str) -> str:
    """``code`` run in a fresh interpreter (offscreen): it must succeed; what it printed last."""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[-1]


def test_command_line_pdf_export_loads_nothing_it_does_not_use(tmp_path: Path) -> None:
    code = as_python_m_app_export(tmp_path / "x.pdf") + f"print(sorted(m for m in {NOT_FOR_EXPORT!r} if m in sys.modules))\n"
    assert last_line_of(code) == "[]"


def test_command_line_pdf_export_never_builds_the_qt_namespace(tmp_path: Path) -> None:
    """PySide builds all ~100 enum classes of ``Qt`` when the namespace is first used (18 ms of
    each export process): the print path touches none of them (ui.print_flow.text_option)."""
    code = as_python_m_app_export(tmp_path / "x.pdf") + "print('Qt' in vars(sys.modules['PySide6.QtCore']))\n"
    assert last_line_of(code) == "False"


def test_command_line_pdf_export_builds_only_the_classes_it_paints_with(tmp_path: Path) -> None:
    """PySide builds a class, and every enum of it, the first time the class is touched: the
    export's text options, its A4 page and its painter need none of these (ui.print_flow.text_option,
    ui.print_pdf.a4_writer, ui.print_flow.recorded)."""
    unused = ("QTextCursor", "QTextBlockFormat", "QPageLayout", "QPageSize", "QPaintEngine")
    code = as_python_m_app_export(tmp_path / "x.pdf") + (
        f"print(sorted(c for c in {unused!r} if c in vars(sys.modules['PySide6.QtGui'])))\n")
    assert last_line_of(code) == "[]"


def test_command_line_export_collects_no_cycles_once_it_runs(tmp_path: Path) -> None:
    """`python -m app export` is one short run that ends the process: from the command line's
    start to its end no collection walks the imports and the export (other commands collect)."""
    code = ("import gc, sys\n"
            "late = []\n"
            "gc.callbacks.append(lambda phase, info: late.append(1) if 'app.cli' in sys.modules else None)\n"
            + as_python_m_app_export(tmp_path / "x.pdf") +
            "print(len(late), gc.isenabled())\n")
    assert last_line_of(code) == "0 False"
    dump = ("import gc, runpy, sys\n"
            f"sys.argv = ['app', 'dump', {str(SAMPLE)!r}]\n"
            "try:\n    runpy.run_module('app', run_name='__main__')\n"
            "except SystemExit as e:\n    assert e.code == 0, e.code\n"
            "print(gc.isenabled())\n")
    assert last_line_of(dump) == "True"


def test_command_line_export_skips_the_collection_at_shutdown(tmp_path: Path) -> None:
    """The process ends after an export: what is alive is frozen when it exits (atexit), so that
    shutdown's last cycle collection does not walk every object PySide and the reader made."""
    code = ("import atexit, gc\n"
            "from app import cli\n"
            f"assert cli.main(['export', {str(SAMPLE)!r}, '--to', {str(tmp_path / 'x.pdf')!r}]) == 0\n"
            "assert gc.isenabled() and gc.get_freeze_count() == 0\n"
            "atexit._run_exitfuncs()  # what shutdown runs before its collections\n"
            "print(gc.get_freeze_count() > 0)\n")
    assert last_line_of(code) == "True"


def test_command_line_export_leaves_the_cycle_collector_as_it_was(qapp: QApplication, tmp_path: Path) -> None:
    """The export pauses it (a short run of work), in this process too: it must come back."""
    assert gc.isenabled()
    assert cli.main(["export", str(SAMPLE), "--to", str(tmp_path / "x.pdf")]) == 0
    assert gc.isenabled() and (tmp_path / "x.pdf").stat().st_size > 0
    assert cli.main(["export", str(tmp_path / "missing.docx"), "--to", str(tmp_path / "y.pdf")]) == 2
    assert gc.isenabled()
    gc.disable()
    try:
        assert cli.main(["export", str(SAMPLE), "--to", str(tmp_path / "z.pdf")]) == 0
        assert not gc.isenabled()  # left as it was: off
    finally:
        gc.enable()


# Loaded by the interpreter before `python -m app`: says when the exit handlers run, and when the
# interpreter is torn down (the builtins module cleared, last of all).
SEES_THE_END = """import atexit, builtins, os
class _Freed:
    def __del__(self):
        os.write(2, b"[torn down]")
builtins._freed_at_the_end = _Freed()
atexit.register(lambda: os.write(2, b"[exit handlers]"))
"""


@needs_poppler
@pytest.mark.parametrize("ok", [True, False])
def test_an_export_that_succeeded_ends_its_process_without_the_teardown(tmp_path: Path, ok: bool) -> None:
    """`python -m app export` succeeded: its exit handlers run and its line is printed (stdout is
    a pipe here: buffered), then the process ends without freeing what it made.  A failed export
    ends as every other command does."""
    (tmp_path / "hook").mkdir()
    (tmp_path / "hook" / "sitecustomize.py").write_text(SEES_THE_END, encoding="utf-8")
    out = tmp_path / "结果.pdf"
    src = SAMPLE if ok else tmp_path / "missing.docx"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=os.pathsep.join([str(tmp_path / "hook"), str(ROOT)]))
    done = subprocess.run([sys.executable, "-m", "app", "export", str(src), "--to", str(out)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert "[exit handlers]" in done.stderr
    if ok:
        assert done.returncode == 0, done.stderr
        assert done.stdout == f"已导出：{out}\n"
        assert "[torn down]" not in done.stderr
        assert page_count(out) >= 5
    else:
        assert done.returncode == 2 and "missing.docx" in done.stderr
        assert "[torn down]" in done.stderr and not out.exists()
