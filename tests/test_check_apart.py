"""A huge report's checks in a process of their own (app/check_apart.py): what comes back is
what the checks say of the report as it is after each edit, though only the paragraphs new
since the last check are sent; a process that died says so, once, and is not used again."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterator

import pytest

from app.check_apart import CheckProcess
from app.checks import run_all
from app.findings import DUP_PHRASE, Finding
from app.report import Paragraph, Report
from tests.realistic import varied_report


def _shown(findings: list[Finding]) -> list[tuple[str, str, str]]:
    return [(f.code, f.location.describe(), f.message) for f in findings]


def _checked(process: CheckProcess, report: Report) -> list[Finding]:
    got = process.result(process.submit(report), lambda: False)
    assert got is not None
    return got


@pytest.fixture
def process() -> Iterator[CheckProcess]:
    p = CheckProcess()
    yield p
    p.close()


def test_each_check_is_of_the_report_as_edited_since(process: CheckProcess) -> None:
    report = varied_report(20_000, 5)
    assert _shown(_checked(process, report)) == _shown(run_all(report))
    pid = process.pid()
    assert pid is not None and pid != os.getpid()
    one = report.sections["一"]
    stutter = Paragraph.plain("本机关认真落实政府政府信息公开工作要求。")
    # A paragraph written anew (as the editor writes back a changed block), one inserted, one
    # deleted in another section, and a section left alone: the process must put them together
    # with the paragraphs it kept.
    report.sections["一"] = [one[0], stutter, *one[2:]]
    report.sections["五"] = report.sections["五"][1:]
    report.sections["六"] = [*report.sections["六"], Paragraph.plain("全年共收到申请12件。")]
    got = _checked(process, report)
    assert DUP_PHRASE.code in [f.code for f in got]
    assert _shown(got) == _shown(run_all(report))
    # The stutter typed away again, and the same paragraphs reordered.
    report.sections["一"] = [one[0], Paragraph.plain("本机关认真落实政府信息公开工作要求。"), *one[2:]]
    report.sections["五"] = list(reversed(report.sections["五"]))
    got = _checked(process, report)
    assert _shown(got) == _shown(run_all(report))
    assert process.pid() == pid, "one process, kept between checks"
    # Another report altogether (a file opened in the same window).
    other = varied_report(8_000, 9)
    assert _shown(_checked(process, other)) == _shown(run_all(other))


def test_a_process_that_died_is_said_and_not_used_again(process: CheckProcess) -> None:
    report = varied_report(5_000, 2)
    _checked(process, report)
    pid = process.pid()
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    with pytest.raises(ChildProcessError):  # at the next submit, or when its result is asked for
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            _checked(process, report)
            time.sleep(0.05)
    assert process.dead
    with pytest.raises(ChildProcessError):
        process.submit(report)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_closing_ends_the_process_at_once_and_its_checks_are_stopped_not_failed() -> None:
    """review15 L3 and M1: close() ended the process gracefully — the check under way and the one
    already in its call queue ran on, and the program quitting waited for them (6.85 s with
    780,000 characters); a check cancelled by it raised CancelledError, logged as a bug."""
    from app.check_apart import Stopped

    process = CheckProcess()
    report = varied_report(400_000, 3)  # its checks take seconds: still under way at close()
    futures = [process.submit(report)]
    for i in range(3):  # typing pauses meanwhile, each a new paragraph: checks queued behind it
        report.sections["一"] = [*report.sections["一"], Paragraph.plain(f"全年共收到申请{i}件。")]
        futures.append(process.submit(report))
    pid = process.pid()
    assert pid is not None
    process.close()
    assert not _alive(pid), "the process still runs its checks after close()"
    for future in futures:
        with pytest.raises(Stopped):
            process.result(future, lambda: False)
    with pytest.raises(ChildProcessError):
        process.submit(report)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return not stat.read().split(") ", 1)[1].startswith("Z")
    except OSError:
        return False
