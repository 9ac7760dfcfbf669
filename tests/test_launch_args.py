"""The editor's arguments (app.launch.parse): a start with nothing or one file is read without
building argparse's parser, and reads exactly as argparse reads it; anything else still goes
through argparse and its Chinese messages."""

from __future__ import annotations

import argparse
import subprocess
import sys

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
