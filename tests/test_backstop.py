"""The backstop under the readers' caps (app/backstop.py): a file that would take minutes of
processor time or all the memory — a class no cap knows, here a stand-in reader that spins or
allocates without end (tests/backstop_standin.py) — is one Chinese line for that file; a batch
goes on with the next; the command line exits 2 without a traceback.  Linux (rlimits)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app import backstop, batch
from app.batch_pool import Runner
from tests import backstop_standin

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "xiaogang-2021.docx"

pytestmark = pytest.mark.skipif(not hasattr(__import__("signal"), "SIGXCPU"), reason="rlimits are POSIX")


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    names = ("spin.docx", "hog.docx", "die.docx", "good.docx")
    for name in names:
        shutil.copy(SAMPLE, tmp_path / name)
    return {name.split(".")[0]: str(tmp_path / name) for name in names}


def test_a_batch_worker_past_its_limits_marks_that_file_alone_and_the_batch_goes_on(files: dict[str, str]) -> None:
    work: list[tuple[int, str, dict[str, Any] | None]] = [(i, path, None) for i, path in enumerate(files.values())]
    with Runner(2, backstop_standin.check, batch.crashed) as runner:
        got = dict(runner.map(work, lambda: False))
    assert sorted(got) == [0, 1, 2, 3]  # every file has its row
    by_name = {Path(got[i].path).stem: got[i] for i in got}
    assert by_name["spin"].error == f"{files['spin']}：{backstop.too_slow(backstop_standin.CPU_S)}"
    assert by_name["hog"].error is not None and "内存" in by_name["hog"].error
    assert by_name["die"].error == batch.crashed(files["die"]).error  # a worker killed outright
    assert by_name["good"].error is None and by_name["good"].organ  # the next file read as ever


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    code = ("import sys; from tests import backstop_standin; backstop_standin.install(); "
            "from app.cli import main; sys.exit(main(sys.argv[1:]))")
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)


@pytest.mark.parametrize("command", ["check", "dump", "export"])
@pytest.mark.parametrize("which", ["spin", "hog"])
def test_the_command_line_past_its_limits_exits_2_with_one_chinese_line(
        files: dict[str, str], tmp_path: Path, command: str, which: str) -> None:
    args = [command, files[which]] + (["--to", str(tmp_path / "out.docx")] if command == "export" else [])
    done = _cli(*args)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert lines[0].startswith(f"错误：{files[which]}：")
    assert ("超出上限（处理器时间" if which == "spin" else "内存") in lines[0]
    assert not (tmp_path / "out.docx").exists()


def test_the_command_line_reads_an_ordinary_report_with_the_backstop_armed(files: dict[str, str]) -> None:
    done = _cli("check", files["good"])
    assert done.returncode in (0, 1), done.stderr
    assert "错误" not in done.stderr


def test_the_start_files_child_past_its_deadline_gives_the_editor_one_message(files: dict[str, str]) -> None:
    """The prefetch child's result (app/prefetch_child.result): the reader's message, never
    "failed" (the editor would then read the same file again, itself, for as long)."""
    code = ("import sys, pickle; from pathlib import Path; from tests import backstop_standin; "
            "backstop_standin.install(); from app import prefetch_child; "
            "data, rc = prefetch_child.result(Path(sys.argv[1])); print(repr(pickle.loads(data)), rc)")
    done = subprocess.run([sys.executable, "-c", code, files["spin"]], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == repr(("error", f"{files['spin']}：{backstop.too_slow(backstop_standin.CPU_S)}")) + " 0"


def test_limits_are_put_back_after_a_read_and_nothing_is_bounded_unarmed() -> None:
    """A process not armed (the window's) reads unbounded; an armed one's limits hold only
    within the read (its LibreOffice, its Qt export after it are not bounded by them)."""
    code = """
import resource
from app import backstop, limits
before = (resource.getrlimit(resource.RLIMIT_CPU), resource.getrlimit(resource.RLIMIT_DATA))
with backstop.reading():
    assert (resource.getrlimit(resource.RLIMIT_CPU), resource.getrlimit(resource.RLIMIT_DATA)) == before
backstop.arm()
with backstop.reading():
    assert resource.getrlimit(resource.RLIMIT_DATA)[0] == limits.READ_MEMORY_BYTES
    assert resource.getrlimit(resource.RLIMIT_CPU)[0] != before[0][0]
    with backstop.lifted():
        assert (resource.getrlimit(resource.RLIMIT_CPU), resource.getrlimit(resource.RLIMIT_DATA)) == before
assert (resource.getrlimit(resource.RLIMIT_CPU), resource.getrlimit(resource.RLIMIT_DATA)) == before
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert done.stdout.strip() == "ok", done.stderr


def test_a_windows_batch_of_one_risky_file_reads_it_in_a_bounded_worker(
        files: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """One file of the window's batch (apart=True) is read on its thread — unless it is risky
    (app/read_apart.risky): then in a worker process, armed with the backstop."""
    import app.reading
    from app import read_apart

    read: list[str] = []
    real = app.reading.load_report

    def here(path: object, *args: object, **kwargs: object) -> object:
        read.append(str(path))
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app.reading, "load_report", here)
    ordinary = batch.run([files["good"]], jobs=1, apart=True)
    assert read == [files["good"]] and ordinary.results[0].error is None
    read.clear()
    monkeypatch.setattr(read_apart, "RISKY_XML_BYTES", 1000)  # the sample counts as risky here
    risky = batch.run([files["good"]], jobs=1, apart=True)
    assert read == [] and risky.results[0].error is None and risky.results[0].organ


def test_without_rlimits_as_on_windows_nothing_is_bounded_and_nothing_fails(files: dict[str, str]) -> None:
    """Windows has no ``resource`` module: arm, reading and lifted do nothing, and a batch's
    file, the command line's and the start file's child read as ever (the planned Windows build)."""
    code = """
import signal, sys
sys.modules["resource"] = None  # import resource: ImportError, as on Windows
from pathlib import Path
from app import backstop, batch, prefetch_child
before = signal.getsignal(signal.SIGXCPU)
backstop.arm()
assert not backstop.armed() and signal.getsignal(signal.SIGXCPU) == before
with backstop.reading(), backstop.lifted():
    pass
result = batch.check_file(sys.argv[1])
assert result.error is None and result.organ, result.error
import pickle
data, rc = prefetch_child.result(Path(sys.argv[1]))
assert rc == 0 and pickle.loads(data)[0] == "ok"
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", code, files["good"]], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.stdout.strip() == "ok", done.stderr
