"""Deliberately expensive readers for tests/test_backstop.py: no hostile file known defeats the
readers' caps (that is the point of them), so the backstop (app/backstop.py) is tried with a
read that spins or allocates without end, put in place of the real one in whichever process
reads — a batch's worker, the command line, the start file's child.  By the file's name:
``spin*`` spins in Python for ever, ``hog*`` allocates until the memory runs out, ``die*`` kills
its own process; any other file is read as ever.  The limits are made small (a second of
processor time, a few hundred MB) so that the tests stay fast."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

CPU_S = 1
MEMORY = 400 * 1024 * 1024


def install() -> None:
    """In this process: the expensive readers in place of app.reading.read_report, small limits."""
    from app import limits, reading

    limits.READ_CPU_S = CPU_S  # type: ignore[misc]
    limits.READ_MEMORY_BYTES = MEMORY  # type: ignore[misc]
    real = reading.read_report

    def read_report(path: Path, *args: Any, **kwargs: Any) -> Any:
        name = Path(path).name
        if name.startswith("spin"):
            n = 0
            while True:
                n += 1
        if name.startswith("hog"):
            kept = []
            while True:
                kept.append(bytearray(32 * 1024 * 1024))
        if name.startswith("die"):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, *args, **kwargs)

    reading.read_report = read_report  # type: ignore[assignment]


def check(path: str, last: dict[str, Any] | None = None, cancelled: Any = None) -> Any:
    """app.batch.check_file with the expensive readers, for a batch's worker process."""
    install()
    from app.batch import check_file

    return check_file(path, last, cancelled)


def start_window_child() -> None:
    """app.read_apart's child start, with the expensive readers (put in place of its ``_start``)."""
    from app import read_apart

    read_apart._start()
    install()


def start_window_child_in_temp() -> None:
    """app.read_apart's child start, whose read spins inside a temporary folder of its own (as a
    converted .doc or an unpacked Word XML file is read): the folder is in TMPDIR until the read ends."""
    import tempfile

    from app import read_apart, reading

    read_apart._start()

    def read_report(path: Path, *args: Any, **kwargs: Any) -> Any:
        with tempfile.TemporaryDirectory(prefix="nianbao-standin-") as folder:
            (Path(folder) / "converted.docx").write_bytes(b"PK")
            while True:
                pass

    reading.read_report = read_report  # type: ignore[assignment]


def check_in_temp(path: str, last: dict[str, Any] | None = None, cancelled: Any = None) -> Any:
    """A batch worker's read that spins inside a temporary folder of its own (as a converted
    .doc or an unpacked Word XML file is read), a file in it: until the worker is ended."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="nianbao-standin-") as folder:
        (Path(folder) / "converted.docx").write_bytes(b"PK")
        while True:
            pass
