"""The one reader of the editor's own JSON (app.limits.state_json / state_file): an owner file,
the review marks, a recovery copy's description, the recent files, the dismissals in a .docx.
Whatever such a file holds — nested past Python's recursion limit, past any state of ours, not
UTF-8, too long, a FIFO — it reads as None (absent or damaged), never an exception (rev23 M5);
and no other json.loads of a file or setting is left in app/ or ui/ to forget a case."""

from __future__ import annotations

import os
import re
import signal
import sys
from pathlib import Path

import pytest

from app.limits import MAX_STATE_DEPTH, state_file, state_json

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("raw", [
    "[" * 60_000,  # RecursionError in the parser
    '{"a": ' * 60_000,
    "[" * 900 + "]" * 900,  # parsed, and deep enough to exhaust a caller's recursion later
    "[" * (MAX_STATE_DEPTH + 1) + "]" * (MAX_STATE_DEPTH + 1),
    b'{"a": 1}\xff',  # not UTF-8
    b"\xef\xbb\xbf{}",  # a byte-order mark (Notepad's UTF-8): JSON forbids it
    "{not json",
    "",
    "null",
])
def test_what_the_editor_never_writes_is_none(raw: str | bytes) -> None:
    assert state_json(raw) is None


def test_what_it_writes_reads_back_and_the_size_is_capped() -> None:
    nested = "[" * MAX_STATE_DEPTH + "]" * MAX_STATE_DEPTH
    assert state_json(nested) is not None
    assert state_json('{"format": 1, "marks": [{"path": "/年报/a.docx"}]}'.encode()) == {
        "format": 1, "marks": [{"path": "/年报/a.docx"}]}
    assert state_json("[1, 2]", most=6) == [1, 2] and state_json("[1, 22]", most=6) is None


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs")
def test_a_state_file_that_is_no_file_is_none_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "autosave.json"
    os.mkfifo(fifo)

    def hung(*_: object) -> None:
        raise AssertionError("reading waited")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    try:
        assert state_file(fifo) is None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert state_file(tmp_path / "gone.json") is None and state_file(tmp_path) is None
    (tmp_path / "ok.json").write_text('{"path": "年报.docx"}', encoding="utf-8")
    assert state_file(tmp_path / "ok.json") == {"path": "年报.docx"}


# json.loads of bytes this process made a moment before (not a file, not a setting): exempt
OWN_BYTES = {"app/batch.py": "zlib.decompress"}


def test_no_other_reader_of_state_json() -> None:
    """The class, closed: a json.load/json.loads (or an alias of it) anywhere in app/ or ui/ but
    app/limits.py reads a file or setting without the cases above (the lock ×2 and the recent
    files each missed one)."""
    found = []
    for path in sorted([*ROOT.glob("app/**/*.py"), *ROOT.glob("ui/**/*.py")]):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "app/limits.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            reads = re.search(r"\bjson\.loads?\(|from json import .*\bloads?\b|JSONDecoder|raw_decode", line)
            if reads and OWN_BYTES.get(rel, "\0") not in line:
                found.append(f"{rel}:{n}: {line.strip()}")
    assert found == []
