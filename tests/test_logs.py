"""The log file (app/logs.py): where it goes, two programs at once, rotation, the command
line's last resort, and what is never written to it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import cli, logs

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = Path(__file__).parent / "data" / "xiaogang-2021.docx"

# A program that logs one line in FOLDER, says which file it got, then waits for a line on stdin
# (so a second one can start while it still runs) and logs a second line.
HOLDER = """
import sys
from pathlib import Path
from app import logs
path = logs.start(Path(sys.argv[1]))
logs.log.info("first %s", sys.argv[2])
print(path, flush=True)
sys.stdin.readline()
logs.log.info("second %s", sys.argv[2])
"""


@pytest.fixture(autouse=True)
def no_log_left() -> Iterator[None]:
    logs.stop()
    yield
    logs.stop()


def _holder(folder: Path, tag: str) -> tuple[subprocess.Popen[str], Path]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder), tag], cwd=ROOT, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdout is not None
    return proc, Path(proc.stdout.readline().strip())


def _finish(proc: subprocess.Popen[str]) -> None:
    proc.communicate("\n", timeout=30)
    assert proc.returncode == 0


def test_the_log_goes_to_the_folder_and_a_second_start_keeps_it(tmp_path: Path) -> None:
    path = logs.start(tmp_path / "新建文件夹")
    assert path == tmp_path / "新建文件夹" / "nianbao.log"
    assert logs.start(tmp_path / "other") == path and logs.current() == path
    logs.log.info("你好")
    logs.stop()
    assert logs.current() is None
    assert "INFO nianbao: 你好" in path.read_text(encoding="utf-8")


def test_two_programs_at_once_each_write_their_own_file_and_a_relaunch_appends(tmp_path: Path) -> None:
    first, first_path = _holder(tmp_path, "A")
    second, second_path = _holder(tmp_path, "B")  # starts while the first still runs
    assert first_path.name == "nianbao.log" and second_path.name == "nianbao-2.log"
    _finish(second)
    _finish(first)
    a, b = first_path.read_text(encoding="utf-8"), second_path.read_text(encoding="utf-8")
    assert "first A" in a and "second A" in a and "B" not in a
    assert "first B" in b and "second B" in b and " A\n" not in b
    assert f"[{first.pid}]" in a and f"[{second.pid}]" in b
    # Both gone: the next program takes nianbao.log again and appends to it.
    third, third_path = _holder(tmp_path, "C")
    _finish(third)
    assert third_path == first_path
    assert third_path.read_text(encoding="utf-8").startswith(a) and "second C" in third_path.read_text(encoding="utf-8")


def test_a_killed_program_leaves_no_stale_lock(tmp_path: Path) -> None:
    first, first_path = _holder(tmp_path, "A")
    first.kill()  # as a crash or kill -9: the OS drops the lock with the process
    first.wait(timeout=30)
    third, third_path = _holder(tmp_path, "C")
    _finish(third)
    assert third_path == first_path


def test_the_log_rotates_and_keeps_a_few_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 4000)
    path = logs.start(tmp_path)
    assert path is not None
    for i in range(500):
        logs.log.info("第%d行 %s", i, "x" * 40)
    logs.stop()
    names = sorted(p.name for p in tmp_path.glob("nianbao.log*") if not p.name.endswith(".lock"))
    assert names == ["nianbao.log", *(f"nianbao.log.{n}" for n in range(1, logs.BACKUPS + 1))]
    assert all((tmp_path / n).stat().st_size <= 4000 for n in names)
    assert "第499行" in path.read_text(encoding="utf-8")
    # A relaunch appends to the current file and rotates as the last one did.
    logs.start(tmp_path)
    logs.log.info("重新启动")
    logs.stop()
    assert path.read_text(encoding="utf-8").rstrip().endswith("重新启动")


def test_a_folder_that_cannot_be_written_leaves_logging_off(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert logs.start(blocker / "logs") is None
    assert logs.current() is None
    logs.log.error("nowhere")  # and logging still does not raise


def test_the_command_line_folder_is_per_platform_without_qt(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert logs.cli_log_folder() == tmp_path / "state" / "nianbao"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    assert logs.cli_log_folder() == tmp_path / "Local" / "nianbao"
    source = (ROOT / "app" / "logs.py").read_text(encoding="utf-8")
    assert "PySide6" not in source


def test_an_unexpected_error_in_the_command_line_is_logged_and_shown_as_one_line(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    secret = "机密的正文内容" * 100  # an exception that quotes a paragraph of the report

    def broken(report: object) -> dict[str, object]:
        raise RuntimeError(secret)

    monkeypatch.setattr(cli, "dump", broken)
    assert cli.main(["dump", str(SAMPLE)]) == 2
    err = capsys.readouterr().err
    path = tmp_path / "state" / "nianbao" / "nianbao.log"
    assert err.count("\n") == 1 and "Traceback" not in err and str(path) in err
    text = path.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "in broken" in text and "RuntimeError: " in text
    assert "机密的正文内容" not in text, "another exception's message may quote the report: masked"
    assert "RuntimeError: 〔略〕" in text


def test_the_libraries_own_words_stay_in_the_log() -> None:
    said = logs.describe(OSError, OSError(28, "No space left on device"), None)
    assert said.endswith("OSError: [Errno 28] No space left on device")
    said = logs.describe(ValueError, ValueError("某某街道办事处 全年共收到申请15件 abc"), None)
    assert "街道" not in said and "〔略〕" in said and "abc" in said


def test_our_own_errors_keep_their_message_cut_short() -> None:
    from app.errors import ReadError

    said = logs.describe(ReadError, ReadError("报告.docx：" + "无法读取" * 100), None)
    assert "报告.docx：无法读取" in said and "已截断" in said and len(said) < logs.MESSAGE_LIMIT + 100


def test_a_log_that_cannot_be_written_is_never_claimed_nor_a_traceback(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A full disk (the log's stream is /dev/full, which refuses every write with ENOSPC): one
    line on stderr, which does not say the details were recorded, and no '--- Logging error ---'
    traceback from logging itself.  (Not a symlink to /dev/full in the profile: the editor
    removes a link to a device where its log should be, rev25b S13.)"""
    import logging

    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    monkeypatch.setattr(logging.FileHandler, "_open", lambda self: open("/dev/full", "w", encoding="utf-8"))  # noqa: SIM115

    def broken(report: object) -> dict[str, object]:
        raise RuntimeError("x")

    monkeypatch.setattr(cli, "dump", broken)
    assert cli.main(["dump", str(SAMPLE)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and "Logging error" not in err
    assert "已记录" not in err


def test_two_threads_starting_the_log_take_one_slot(tmp_path: Path) -> None:
    import threading

    barrier = threading.Barrier(2)
    got: list[Path | None] = []

    def go() -> None:
        barrier.wait()
        got.append(logs.start(tmp_path))

    for _ in range(30):
        logs.stop()
        got.clear()
        threads = [threading.Thread(target=go) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert got[0] == got[1] == tmp_path / "nianbao.log"
        assert len([h for h in logs.log.handlers if hasattr(h, "baseFilename")]) == 1
    logs.stop()


def test_an_ordinary_command_line_run_writes_no_log(tmp_path: Path) -> None:
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path / "state"))
    out = subprocess.run([sys.executable, "-m", "app", "check", str(SAMPLE)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode in (0, 1)
    assert not (tmp_path / "state").exists()


def test_a_readers_unexpected_error_is_one_line_for_the_user_and_a_traceback_in_the_log(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import app.reading as reading
    from app.errors import ReadError

    organ = "".join(["某某", "街道"])  # report content, not a literal the frame's source line shows

    def broken(*_: object) -> object:
        raise KeyError(organ)

    monkeypatch.setattr(reading, "read_report", broken)
    with pytest.raises(ReadError):  # no log open (the command line): nothing on stderr either
        reading.load_report(SAMPLE)
    assert capsys.readouterr().err == ""
    path = logs.start(tmp_path)
    try:
        with pytest.raises(ReadError):
            reading.load_report(SAMPLE)
        text = (tmp_path / "nianbao.log").read_text(encoding="utf-8")
        assert "读取 xiaogang-2021.docx 时出现意外错误" in text and "in broken" in text and "KeyError" in text
        assert "街道" not in text
    finally:
        logs.stop()
    assert path == tmp_path / "nianbao.log"


def test_a_name_that_is_not_utf8_is_logged_escaped(tmp_path: Path) -> None:
    """A file name that is not UTF-8 (a Windows zip's GBK name) made the whole log fail (and the
    crash box then say both 日志文件无法写入 and 请把这个日志文件发给技术支持)."""
    path = logs.start(tmp_path)
    logs.log.info("打开 %s", os.fsdecode(b"\xb1\xa8\xb8\xe6-gbk-name.docx"))
    assert logs.written() == path and path is not None
    assert "打开 \\udcb1\\udca8\\udcb8\\udce6-gbk-name.docx" in path.read_text(encoding="utf-8")
