"""The standing fuzz suite: a few hundred generated hostile inputs per format (tests/hostile.py,
fixed seeds, light sizes), each read in a forked child with a time limit and an address-space
cap.  Every input is read (and checked, and dumped) or refused with one clear Chinese line —
never a crash, a hang, a raw Python error as the reason, nor more than 500 MB.
The long run is scripts/fuzz.py (thousands, full sizes, figures in README)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.hostile import KINDS, Outcome, make, run_one

PER_KIND = {"docx": 120, "xlsx": 120, "html": 250, "txt": 250, "doc": 300}
PEAK_MB = 500

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the runner forks")


def _bad(o: Outcome) -> bool:
    return o.result not in ("read", "refused") or o.peak_mb >= PEAK_MB


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_inputs_are_read_or_refused_in_one_line(kind: str, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    if kind == "doc":
        # The routing of .doc-like bytes, without LibreOffice's seconds per file; real
        # conversions are covered by tests/test_office.py and scripts/fuzz.py.
        monkeypatch.setattr("app.office.soffice", lambda: None)
    bad: list[Outcome] = []
    results: dict[str, int] = {}
    for seed in range(PER_KIND[kind]):
        path = make(kind, seed, tmp_path, heavy=False)
        outcome = run_one(path, timeout=30, memory_mb=1536)
        results[outcome.result] = results.get(outcome.result, 0) + 1
        if _bad(outcome):
            bad.append(outcome)
        path.unlink()
    assert not bad, "\n".join(f"{o.path}: {o.result} {o.peak_mb:.0f} MB {o.message}" for o in bad)
    assert sum(results.values()) == PER_KIND[kind]


def test_the_generator_is_deterministic(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for kind in KINDS:
        for seed in range(14):
            a = make(kind, seed, tmp_path / "a", heavy=False).read_bytes()
            assert a == make(kind, seed, tmp_path / "b", heavy=False).read_bytes(), (kind, seed)


def test_the_runner_catches_what_escapes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The suite can fail: an exception past the reader, a hang and a memory blowup are found."""
    path = make("txt", 1, tmp_path, heavy=False)

    def escapes(_path: object) -> None:
        raise SystemExit("escaped")

    monkeypatch.setattr("app.reading.load_report", escapes)
    assert run_one(path).result == "crash"

    def hangs(_path: object) -> None:
        import time

        time.sleep(30)

    monkeypatch.setattr("app.reading.load_report", hangs)
    assert run_one(path, timeout=1).result == "hang"

    def blows(_path: object) -> None:
        _ = bytearray(400 << 20)
        raise MemoryError

    monkeypatch.setattr("app.reading.load_report", blows)
    outcome = run_one(path, memory_mb=2048)
    assert outcome.result == "crash" and outcome.peak_mb >= 400
