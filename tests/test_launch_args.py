"""The editor's arguments (app.launch.parse): a start with nothing or one file is read without
building argparse's parser, and reads exactly as argparse reads it; anything else still goes
through argparse and its Chinese messages."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import launch
from tests.helpers import ROOT


def _argparse(args: list[str]) -> argparse.Namespace:
    """What app.launch read before the quick path: argparse with the editor's four arguments."""
    p = argparse.ArgumentParser(prog="python -m app")
    p.add_argument("file", nargs="?")
    p.add_argument("--screenshot")
    p.add_argument("--page")
    p.add_argument("--finding")
    return p.parse_args(args)


@pytest.mark.parametrize("args", [[], ["报告.docx"], ["/tmp/x y/2021年报.docx"], [""], ["C:\\年报\\a.docx"]])
def test_nothing_or_one_file_reads_as_argparse_without_a_parser(
        args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def no_parser(*_a: object, **_k: object) -> None:
        raise AssertionError("argparse's parser built for a plain start")

    monkeypatch.setattr(argparse, "ArgumentParser", no_parser)
    got = launch.parse(args)
    monkeypatch.undo()
    assert vars(got) == vars(_argparse(args))


@pytest.mark.parametrize("args", [["--page", "三", "a.docx"], ["a.docx", "--screenshot", "out.png"],
                                  ["--finding", "BLANK-CELL:2"]])
def test_options_still_go_through_argparse(args: list[str]) -> None:
    assert vars(launch.parse(args)) == vars(_argparse(args))


def test_a_wrong_start_is_told_in_chinese() -> None:
    """Two files, an unknown option, a name that looks like one: argparse's message, in Chinese."""
    for args in (["a.docx", "b.docx"], ["--no-such"], ["-x.docx"]):
        done = subprocess.run([sys.executable, "-c", "import sys; from app import launch; launch.parse(sys.argv[1:])",
                               *args], cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert done.returncode == 2, args
        assert "无法识别的参数" in done.stderr and "Traceback" not in done.stderr, done.stderr


# app.launch.main with the window replaced: which modules compiled a pattern before the compile
# cache was held, and whether logging and argparse were imported by then.
_BEFORE_HOLD = """
import sys, types
import re._compiler as compiler
held, before = [], set()
real_compile = compiler.compile
def spy(pattern, flags=0):  # called by re._compile, called by re.compile, called by the module
    if not held:
        before.add(sys._getframe(3).f_globals.get("__name__"))
    return real_compile(pattern, flags)
compiler.compile = spy
from app import compile_cache  # what app.launch imports before the hold (dataclasses, inspect…)
real_hold = compile_cache.hold
def hold():
    held.append(sorted(m for m in ("logging", "argparse", "gettext", "textwrap", "string") if m in sys.modules))
    real_hold()
compile_cache.hold = hold
window = types.ModuleType("ui.main")
window.run = lambda *args: print(sorted(before), *held[0]) or compile_cache.release() or 0
sys.modules["ui.main"] = window
from app import launch
sys.exit(launch.main(sys.argv[1:]))
"""


def test_the_start_compiles_no_pattern_the_compile_cache_could_serve_before_it_is_held(tmp_path: Path) -> None:
    """The editor's start holds the compile cache after the file's child is forked
    (app/launch.py); what it imports before compiles its patterns afresh at every start.  Only
    dataclasses' one and tokenize's two (inspect's, which the dataclass cache needs) are left:
    logging (string.Template's, its formats' three) and argparse (gettext's; textwrap's five)
    come after it, from the cache (~1.2 ms)."""
    env = dict(os.environ, NIANBAO_CACHE_DIR=str(tmp_path), NIANBAO_PREFETCH="off")
    done = subprocess.run([sys.executable, "-c", _BEFORE_HOLD, str(tmp_path / "a.docx")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["['dataclasses',", "'tokenize']"], "nothing else compiled, nothing else imported"


def test_a_library_logger_stays_silent_without_a_handler() -> None:
    """Without the editor's log file, a nianbao logger's error (a reader's unexpected failure in
    `check`) prints nothing: the package's loggers are quiet, though it no longer imports logging."""
    code = ("from app import logger\nlogger('nianbao.reading').error('读取出错', exc_info=ValueError('x'))\n"
            "assert 'logging' in sys.modules\n")
    done = subprocess.run([sys.executable, "-c", "import sys; import app; assert 'logging' not in sys.modules\n" + code],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == "", done.stderr
