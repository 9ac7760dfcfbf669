"""Owner files (app/lock.py): written beside the file, found by another process, stale ones
(a crashed editor, a number reused, another computer's old one, an unreadable one) replaced,
nothing written and nothing raised where the folder cannot be written."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app import lock

ROOT = Path(__file__).resolve().parents[1]


def doc(tmp_path: Path, name: str = "年报.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(b"PK")
    return path


def write_lock(document: Path, **fields: object) -> None:
    owner = {"user": "张三", "host": lock.this_host(), "pid": os.getpid(), "time": time.time(),
             "token": "x" * 32, "app": "nianbao", **fields}
    lock.lock_path(document).write_text(json.dumps(owner, ensure_ascii=False), encoding="utf-8")


def test_a_lock_says_who_and_goes_away_on_release(tmp_path: Path) -> None:
    document = doc(tmp_path)
    held = lock.acquire(document)
    assert held is not None
    path = lock.lock_path(document)
    assert path.parent == tmp_path and path.name == ".nianbao-lock.年报.docx#"
    assert not path.name.startswith("~$") and not path.name.startswith(".~lock.")  # Word's, LibreOffice's
    owner = lock.live_owner(document)  # a second window of this process sees the first's
    assert owner is not None and owner.pid == os.getpid() and owner.host == lock.this_host()
    assert owner.token == held.owner.token and "计算机" in owner.describe()
    assert lock.acquire(document) is None, "one holder at a time"
    held.release()
    assert not path.exists() and lock.live_owner(document) is None
    again = lock.acquire(document)
    assert again is not None
    again.release()


def test_release_never_removes_another_editors_lock(tmp_path: Path) -> None:
    document = doc(tmp_path)
    held = lock.acquire(document)
    assert held is not None
    write_lock(document, host="另一台电脑", token="y" * 32)  # replaced meanwhile by another computer
    held.release()
    assert lock.lock_path(document).exists()
    assert lock.live_owner(document) is not None


def test_a_dead_process_leaves_a_stale_lock(tmp_path: Path) -> None:
    document = doc(tmp_path)
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                           text=True, check=True)
    write_lock(document, pid=int(child.stdout))
    assert lock.read_owner(document) is not None
    assert lock.live_owner(document) is None
    held = lock.acquire(document)
    found = lock.read_owner(document)
    assert held is not None and found is not None and found.token == held.owner.token
    held.release()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc")
def test_a_killed_editor_not_yet_reaped_leaves_a_stale_lock(tmp_path: Path) -> None:
    """A zombie (killed, its parent not waiting for it) is still found by os.kill(pid, 0): its
    lock said the file was open in another editor (under Xvfb after kill -9, gui21)."""
    document = doc(tmp_path)
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        write_lock(document, pid=child.pid, time=time.time())
        assert lock.live_owner(document) is not None
        child.kill()
        deadline = time.time() + 10
        while Path(f"/proc/{child.pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
            assert time.time() < deadline
            time.sleep(0.01)
        assert lock.live_owner(document) is None, "a zombie is no editor"
        assert not lock.process_alive(child.pid, time.time())
    finally:
        child.kill()
        child.wait()


def test_a_number_reused_by_a_newer_process_is_stale(tmp_path: Path) -> None:
    document = doc(tmp_path)
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        write_lock(document, pid=child.pid, time=time.time() - 3600)  # written before it started
        assert lock.live_owner(document) is None
        write_lock(document, pid=child.pid, time=time.time())  # written by it
        assert lock.live_owner(document) is not None
    finally:
        child.kill()
        child.wait()


def test_another_computers_lock_is_stale_once_old(tmp_path: Path) -> None:
    document = doc(tmp_path)
    path = lock.lock_path(document)
    old = time.time() - lock.STALE_AFTER_S - 60
    write_lock(document, host="PC-OTHER", pid=1, time=old)
    os.utime(path, (old, old))
    assert lock.live_owner(document) is None
    os.utime(path)  # refreshed by the editor open there: live although written long ago
    assert lock.live_owner(document) is not None
    write_lock(document, host="PC-OTHER", pid=1, time=time.time() - 3600)
    assert lock.live_owner(document) is not None, "an hour old: still open there"
    assert lock.acquire(document) is None


def test_an_unreadable_lock_is_replaced(tmp_path: Path) -> None:
    document = doc(tmp_path)
    lock.lock_path(document).write_bytes(b"\x00{not json")
    assert lock.live_owner(document) is None
    held = lock.acquire(document)
    assert held is not None
    held.release()


def test_where_nothing_can_be_written_there_is_no_lock_and_no_error(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    assert lock.acquire(Path("/proc/年报.docx")) is None  # a read-only file system, even for root
    document = doc(tmp_path)

    def refuse(*_args: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(lock.os, "open", refuse)
    assert lock.acquire(document) is None
    assert not lock.lock_path(document).exists()


def test_a_long_name_gets_a_lock_within_the_limit(tmp_path: Path) -> None:
    names = ["报" * 80 + "甲.docx", "报" * 80 + "乙.docx"]  # 247 bytes each
    paths = [lock.lock_path(tmp_path / n) for n in names]
    assert all(len(p.name.encode("utf-8")) <= 255 for p in paths) and paths[0] != paths[1]
    held = lock.acquire(doc(tmp_path, names[0]))
    assert held is not None and paths[0].exists()
    held.release()


def test_another_process_holds_until_killed_and_leaves_nothing_on_exit(tmp_path: Path) -> None:
    document = doc(tmp_path)
    script = ("import sys, time; from pathlib import Path; from app import lock;"
              "held = lock.acquire(Path(sys.argv[1])); print('held' if held else 'none', flush=True);"
              "time.sleep(float(sys.argv[2]))")
    child = subprocess.Popen([sys.executable, "-c", script, str(document), "60"], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        owner = lock.live_owner(document)
        assert owner is not None and owner.pid == child.pid
        assert lock.acquire(document) is None
        os.kill(child.pid, signal.SIGKILL)  # a crash: the lock stays, its process is gone
        child.wait()
        assert lock.lock_path(document).exists() and lock.live_owner(document) is None
    finally:
        child.kill()
        child.wait()
    held = lock.acquire(document)
    assert held is not None
    held.release()
    # a process that ends without releasing (a script, a screenshot run) removes its own
    subprocess.run([sys.executable, "-c", script, str(document), "0"], cwd=ROOT, check=True, capture_output=True)
    assert not lock.lock_path(document).exists()


def test_a_full_disk_leaves_no_empty_lock(small_disk: Path) -> None:
    """The name is made, its bytes refused: no lock, and nothing left in the folder."""
    from tests.helpers import fill_disk

    document = doc(small_disk)
    fill_disk(small_disk, 0)
    assert lock.acquire(document) is None
    assert not lock.lock_path(document).exists()
    (small_disk / "fill").unlink()
    held = lock.acquire(document)  # room again: the lock is taken as usual
    assert held is not None and lock.read_owner(document) is not None
    held.release()


@pytest.mark.parametrize("written", [0, 5])
def test_a_refused_or_short_write_removes_the_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   written: int) -> None:
    document = doc(tmp_path)
    real_write = os.write

    def refuse(fd: int, data: bytes) -> int:
        if written:
            return real_write(fd, data[:written])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(lock.os, "write", refuse)
    assert lock.acquire(document) is None
    assert not lock.lock_path(document).exists()


def test_an_empty_lock_is_nobodys(tmp_path: Path) -> None:
    """Left by an older version on a full disk: nobody is said to have the file open."""
    document = doc(tmp_path)
    lock.lock_path(document).write_bytes(b"")
    assert lock.read_owner(document) is None and lock.live_owner(document) is None
    held = lock.acquire(document)
    assert held is not None and lock.read_owner(document) is not None
    held.release()


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and device files")
@pytest.mark.parametrize("what", ["fifo", "zeros", "huge"])
def test_a_lock_that_is_no_lock_file_is_passed_over_at_once(tmp_path: Path, what: str) -> None:
    """A received folder (an unpacked archive restores links; a share may hold a FIFO) with a
    “lock” beside the report that is a FIFO (the open waited for ever for a writer), a link to
    /dev/zero (read until the memory ran out) or megabytes of text: no owner, and our own lock
    takes its place.  An alarm turns a hang into a failure."""
    document = doc(tmp_path)
    path = lock.lock_path(document)
    if what == "fifo":
        os.mkfifo(path)
    elif what == "zeros":
        path.symlink_to("/dev/zero")
    else:
        path.write_bytes(b" " * (8 << 20))

    def hung(*_: object) -> None:
        raise AssertionError("reading the lock waited")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        assert lock.read_owner(document) is None and lock.live_owner(document) is None
        held = lock.acquire(document)
        assert held is not None
        found = lock.read_owner(document)
        assert found is not None and found.token == held.owner.token
        held.release()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert not path.exists() and not path.is_symlink()


@pytest.mark.parametrize("text", [
    "[" * 60_000,  # past Python's recursion limit: RecursionError through every open (rev23 M5)
    '{"user": ' * 30_000,
    "[" * 990 + "]" * 990,  # within the parser's limit, past any lock
])
def test_a_lock_of_deeply_nested_json_is_nobodys_and_replaced(tmp_path: Path, text: str) -> None:
    """A received folder's owner file holding nested JSON under the size cap: no owner, and ours
    takes its place; the process's exit (``_release_all``) reads it without a traceback too."""
    document = doc(tmp_path)
    lock.lock_path(document).write_text(text, encoding="utf-8")
    assert lock.read_owner(document) is None and lock.live_owner(document) is None
    held = lock.acquire(document)
    assert held is not None
    found = lock.read_owner(document)
    assert found is not None and found.token == held.owner.token
    lock.lock_path(document).write_text(text, encoding="utf-8")  # replaced under us by another program
    lock._release_all()
    assert lock.lock_path(document).read_text(encoding="utf-8") == text, "not ours: left in place"


@pytest.mark.parametrize("pid", [1e400, 10**30, -5, 0, "12"])
def test_a_lock_naming_no_process_there_can_be_is_nobodys(tmp_path: Path, pid: object) -> None:
    """A process number JSON can say but no system has (1e400 is infinity, 10**30 overflows
    os.kill): no owner, never an OverflowError through the open."""
    document = doc(tmp_path)
    said = "1e400" if pid == 1e400 else json.dumps(pid)  # JSON's own spelling: json.dumps writes Infinity
    host = json.dumps(lock.this_host())
    lock.lock_path(document).write_text(
        f'{{"user": "张三", "host": {host}, "pid": {said}, "time": {time.time()}, "token": "{"x" * 32}"}}',
        encoding="utf-8")
    found = lock.read_owner(document)
    assert (found is not None and found.pid == 12) if pid == "12" else found is None
    if pid != "12":
        held = lock.acquire(document)
        assert held is not None
        held.release()


@pytest.mark.parametrize("when", ["1e300", "NaN", "-1e20", "Infinity", "-Infinity", "253402300800", '"soon"', "null"])
@pytest.mark.parametrize("host", ["PC-09", "this"])
def test_a_lock_with_a_time_no_clock_gives_is_nobodys(tmp_path: Path, when: str, host: str) -> None:
    """Another computer's lock with a NaN or year-10000 time was never stale (NaN compares false)
    and describing it — the question on opening — raised (rev25b S2): no owner, and taken over."""
    document = doc(tmp_path)
    named = json.dumps(lock.this_host() if host == "this" else host)
    lock.lock_path(document).write_text(
        f'{{"user": "张三", "host": {named}, "pid": {os.getppid()}, "time": {when}, "token": "{"x" * 32}"}}',
        encoding="utf-8")
    assert lock.read_owner(document) is None and lock.live_owner(document) is None
    held = lock.acquire(document)
    assert held is not None
    held.release()


def test_a_lock_a_little_ahead_from_another_computer_is_live_and_described(tmp_path: Path) -> None:
    document = doc(tmp_path)
    write_lock(document, host="PC-09", time=time.time() + 3600)  # its clock an hour fast
    owner = lock.live_owner(document)
    assert owner is not None and "张三，计算机 PC-09，" in owner.describe() and "打开" in owner.describe()
    odd = lock.Owner(user="", host="", pid=5, time=float("nan"), token="t")
    assert odd.describe() == "另一位用户，计算机 未知，打开时间不详"


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need a privilege there")
def test_every_route_to_one_file_finds_one_lock(tmp_path: Path) -> None:
    """The report opened through a link on the desktop, a linked folder, a “..” or a relative name
    finds the lock of whoever opened it by its real name (rev23 L1: a second editor was never
    asked), and the owner file lies beside the file itself."""
    (tmp_path / "报告").mkdir()
    real = doc(tmp_path / "报告")
    desk = tmp_path / "桌面"
    desk.mkdir()
    (desk / "年报.docx").symlink_to(real)
    (tmp_path / "共享").symlink_to(real.parent, target_is_directory=True)
    routes = [desk / "年报.docx", tmp_path / "共享" / "年报.docx", real.parent / ".." / "报告" / "年报.docx",
              Path(os.path.relpath(real))]
    script = ("import sys, time; from pathlib import Path; from app import lock;"
              "held = lock.acquire(Path(sys.argv[1])); print('held' if held else 'none', flush=True); time.sleep(60)")
    child = subprocess.Popen([sys.executable, "-c", script, str(real)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        for route in routes:
            owner = lock.live_owner(route)
            assert owner is not None and owner.pid == child.pid, route
            assert lock.acquire(route) is None, route
            assert lock.lock_path(route) == lock.lock_path(real)
    finally:
        child.kill()
        child.wait()
    # opened through the link here: the owner file is beside the real file, and goes with the window
    held = lock.acquire(routes[0])
    assert held is not None and lock.lock_path(real).exists() and not lock.lock_path(desk / "x.docx").exists()
    assert not any(p.name.startswith(lock.PREFIX) for p in desk.iterdir())
    held.release()
    assert not lock.lock_path(real).exists()


def test_a_hard_link_in_the_folder_finds_the_lock_of_the_other_name(tmp_path: Path) -> None:
    """Two names of one file in one folder (a hard link): each has its own owner file, so the
    other name's is looked for — the second editor is asked, and leaves no owner file behind."""
    real = doc(tmp_path)
    link = tmp_path / "年报-副名.docx"
    link.hardlink_to(real)
    script = ("import sys, time; from pathlib import Path; from app import lock;"
              "held = lock.acquire(Path(sys.argv[1])); print('held' if held else 'none', flush=True); time.sleep(60)")
    child = subprocess.Popen([sys.executable, "-c", script, str(real)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        owner = lock.live_owner(link)
        assert owner is not None and owner.pid == child.pid
        assert lock.acquire(link) is None and not lock.lock_path(link).exists()
    finally:
        child.kill()
        child.wait()
    held = lock.acquire(link)  # its holder gone (killed): the lock left is stale, the name free
    assert held is not None and lock.live_owner(real) is not None
    held.release()


def test_a_huge_or_broken_name_is_one_short_line_in_the_question(tmp_path: Path) -> None:
    """An owner file's user of 20,000 characters (the reader takes 64 KB) made the question 14,568 px
    tall; line breaks in it made it several lines (rev25b S14)."""
    document = doc(tmp_path)
    write_lock(document, user="张" * 20000, host="PC\n-09\x07", time=time.time())
    owner = lock.read_owner(document)
    assert owner is not None and owner.user == "张" * 20000, "the file's word kept as read"
    said = owner.describe()
    assert said.startswith("张" * (lock.SHOWN_CHARS - 1) + "…，计算机 PC -09，"), said
    assert len(said) < 2 * lock.SHOWN_CHARS + 30 and "\n" not in said
