"""`export FILE --to OUT [--clean]` is read without building argparse's parser (app.cli._plain_export):
whatever it reads must be what argparse reads, and whatever it leaves must reach argparse."""

from __future__ import annotations

import argparse
import contextlib
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import cli

# Words a command line could hold: the options, their misspellings and abbreviations, values
# that look like options, an empty word, names with spaces and Chinese.
WORDS = ["export", "check", "a.docx", "b.pdf", "年报 2023.docx", "--to", "--clean", "--t", "--cl", "--to=c.pdf",
         "-h", "--help", "--", "-", "-1", "", "--json", "x y", "+z.pdf"]


def argparse_reads(args: list[str]) -> argparse.Namespace | None:
    """argparse's Namespace, or None where it refuses (exit 2) or prints its help (exit 0)."""
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        try:
            return cli._parser().parse_args(args)
        except SystemExit:
            return None


word = st.sampled_from(WORDS)
# Lines near the usual one: a file, "--to" and its value, maybe "--clean", maybe more, in any order.
pieces = st.tuples(word, word, st.booleans(), st.lists(word, max_size=2)).map(
    lambda p: [[p[0]], ["--to", p[1]], *(["--clean"],) * p[2], *([w] for w in p[3])])
near_usual = pieces.flatmap(st.permutations).map(lambda parts: [w for part in parts for w in part])


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.lists(word, max_size=6), near_usual))
def test_what_the_plain_reading_reads_is_what_argparse_reads(words: list[str]) -> None:
    args = ["export", *words]
    plain = cli._plain_export(args)
    if plain is not None:
        assert plain == argparse_reads(args)


@pytest.mark.parametrize("args", [
    ["export", "a.docx", "--to", "b.pdf"],
    ["export", "--to", "b.pdf", "a.docx"],
    ["export", "--clean", "a.docx", "--to", "年报 2023.pdf"],
    ["export", "a.docx", "--to", "b.docx", "--clean"],
])
def test_the_usual_export_lines_are_read_without_the_parser(args: list[str]) -> None:
    got = cli._plain_export(args)
    assert got is not None and got == argparse_reads(args)
    assert isinstance(got.file, Path) and isinstance(got.to, Path)


@pytest.mark.parametrize("args", [
    ["export", "a.docx"],  # no --to: argparse says what is missing
    ["export", "--to", "b.pdf"],  # no file
    ["export", "a.docx", "--to"],  # --to without its value
    ["export", "a.docx", "--to", "--clean"],
    ["export", "a.docx", "--to=b.pdf"],
    ["export", "a.docx", "--t", "b.pdf"],  # an abbreviation argparse accepts
    ["export", "a.docx", "--to", "b.pdf", "--to", "c.pdf"],
    ["export", "a.docx", "c.docx", "--to", "b.pdf"],
    ["export", "-h"],
    ["export", "--", "-a.docx", "--to", "b.pdf"],
    ["dump", "a.docx"],
])
def test_anything_else_is_left_to_argparse(args: list[str]) -> None:
    assert cli._plain_export(args) is None


def test_an_export_line_never_builds_the_parser(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """The export runs (and fails on its missing file as ever) with the parser unbuildable."""
    def no_parser() -> argparse.ArgumentParser:
        raise AssertionError("the parser was built")

    monkeypatch.setattr(cli, "_parser", no_parser)
    assert cli.main(["export", str(tmp_path / "无.docx"), "--to", str(tmp_path / "x.pdf")]) == 2
    assert "无.docx" in capsys.readouterr().err
    with pytest.raises(AssertionError, match="parser was built"):
        cli.main(["export", str(tmp_path / "无.docx"), "--to=x.pdf"])
