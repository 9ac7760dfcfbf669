"""Outputs that never lose the user's file: full and nearly full disks (a real small tmpfs
where the tests may mount one, a writer failing at a chosen byte everywhere), read-only
targets, symlinks, backups, and temporaries left by killed runs."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from app import io as app_io
from app.io import TEMP_PREFIX, WriteError, atomic_write, host_tag, remove_stray_temporaries, save_report
from app.reading import load_report
from tests.conftest import SAMPLE
from tests.helpers import fill_disk, run_app, temporaries


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    return load_report(SAMPLE)


# -- a real full disk ------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".pdf"])
@pytest.mark.parametrize("share", [0.0, 0.5, 0.9])
def test_nearly_full_disk_keeps_the_old_output_and_says_one_line(small_disk: Path, tmp_path: Path,
                                                                   suffix: str, share: float) -> None:
    good = tmp_path / f"good{suffix}"
    assert run_app("export", SAMPLE, "--to", good).returncode == 0
    target = small_disk / f"报告{suffix}"
    target.write_bytes(good.read_bytes())
    fill_disk(small_disk, int(good.stat().st_size * share))
    result = run_app("export", SAMPLE, "--to", target)
    assert result.returncode == 2, result.stdout
    assert "已导出" not in result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert "未写入" in lines[0] or "磁盘" in lines[0], lines[0]
    assert target.read_bytes() == good.read_bytes(), "the good output was not replaced"
    assert temporaries(small_disk) == []


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".pdf"])
def test_a_read_only_disk_is_named_as_such_for_every_format(small_disk: Path, suffix: str) -> None:
    """From the GUI tester: a PDF exported to a read-only disk said 打印机或文件不可用 (and Qt's
    "QPainter::begin(): Returned false" reached stderr and the log); every format says why."""
    kept = small_disk / f"旧{suffix}"
    kept.write_bytes(b"old")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = run_app("export", SAMPLE, "--to", small_disk / f"报告{suffix}")
    assert result.returncode == 2, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "只读" in lines[0], result.stderr
    assert "QPainter" not in result.stderr and "打印机" not in result.stderr
    assert sorted(p.name for p in small_disk.iterdir()) == [kept.name] and kept.read_bytes() == b"old"


def test_backup_that_does_not_fit_stops_the_save(small_disk: Path, report) -> None:  # type: ignore[no-untyped-def]
    target, backup = small_disk / "报告.docx", small_disk / "报告.bak.docx"
    save_report(report, target)
    old_backup = b"PK previous backup"
    backup.write_bytes(old_backup)
    original = target.read_bytes()
    fill_disk(small_disk, len(original) // 2)
    with pytest.raises(WriteError) as err:
        save_report(report, target, backup)
    assert "备份" in str(err.value) and "未保存" in str(err.value) and "\n" not in str(err.value)
    assert target.read_bytes() == original
    assert backup.read_bytes() == old_backup, "the previous backup is not lost"
    assert temporaries(small_disk) == []


# -- failures simulated at a chosen byte (any machine) ---------------------------------------------

class _FullAfter:
    """A file object that raises ENOSPC once ``limit`` bytes were written to it."""

    def __init__(self, real: object, limit: int) -> None:
        self._real, self._left = real, limit

    def write(self, data: bytes) -> int:
        if len(data) > self._left:
            raise OSError(errno.ENOSPC, "No space left on device")
        self._left -= len(data)
        return self._real.write(data)  # type: ignore[attr-defined,no-any-return]

    def __getattr__(self, name: str) -> object:
        return getattr(self._real, name)

    def __enter__(self) -> _FullAfter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._real.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize("limit", [0, 100, 5000, -100])  # negative: that many bytes before the end
def test_disk_full_at_a_chosen_byte(tmp_path: Path, report, monkeypatch, capsys, limit: int) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "报告.docx"
    save_report(report, target)
    original = target.read_bytes()
    if limit < 0:
        limit += len(original)
    real_open = open

    def full_open(file, mode="r", *args, **kwargs):  # type: ignore[no-untyped-def]
        fh = real_open(file, mode, *args, **kwargs)
        if TEMP_PREFIX in str(file) and "w" in mode:
            return _FullAfter(fh, limit)
        return fh

    import builtins
    import io

    monkeypatch.setattr(builtins, "open", full_open)
    monkeypatch.setattr(io, "open", full_open)  # zipfile opens through io.open
    with pytest.raises(WriteError) as err:
        save_report(report, target)
    monkeypatch.undo()
    assert "磁盘空间不足" in str(err.value) and "\n" not in str(err.value)
    assert target.read_bytes() == original
    assert temporaries(tmp_path) == []
    assert "Traceback" not in capsys.readouterr().err, "no destructor's traceback after the message"


@pytest.mark.parametrize("suffix, bad", [
    (".pdf", b"%PDF-1.4\n1 0 obj << >> endobj\n"),  # Qt stopped mid-file without a word
    (".pdf", b""),
    (".docx", b"PK\x03\x04 truncated"),
])
def test_an_incomplete_output_never_replaces_the_old_one(tmp_path: Path, suffix: str, bad: bytes) -> None:
    target = tmp_path / f"out{suffix}"
    target.write_bytes(b"the good old file")
    with pytest.raises(WriteError, match="不完整"):
        atomic_write(target, lambda tmp: tmp.write_bytes(bad))
    assert target.read_bytes() == b"the good old file"
    assert temporaries(tmp_path) == []


def test_a_truncated_zip_is_caught(tmp_path: Path, report) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.docx"
    save_report(report, good)
    data = good.read_bytes()
    target = tmp_path / "out.docx"
    target.write_bytes(data)
    for cut in (len(data) // 3, len(data) - 30):
        with pytest.raises(WriteError, match="不完整"):
            atomic_write(target, lambda tmp, cut=cut: tmp.write_bytes(data[:cut]))  # type: ignore[misc]
        assert target.read_bytes() == data


def test_output_is_fsynced_before_the_rename(tmp_path: Path, report, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(app_io.os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(app_io.os, "replace", lambda a, b: (events.append("replace"), real_replace(a, b))[1])
    save_report(report, tmp_path / "a.docx")
    assert events.index("replace") >= 2, "the file and its folder are synced first"
    assert events[-1] == "fsync", "the rename itself is synced"


# -- read-only, symlinks -----------------------------------------------------------------------------

def test_read_only_target_is_refused_and_untouched(tmp_path: Path, report) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "报告.docx"
    target.write_bytes(b"read only")
    target.chmod(0o444)  # root ignores this: the refusal must be explicit
    with pytest.raises(WriteError, match="只读"):
        save_report(report, target, tmp_path / "报告.bak.docx")
    assert target.read_bytes() == b"read only"
    assert not (tmp_path / "报告.bak.docx").exists()
    assert temporaries(tmp_path) == []
    result = run_app("export", SAMPLE, "--to", target)
    assert result.returncode == 2 and "只读" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert target.read_bytes() == b"read only"


def test_symlinked_target_updates_the_file_it_points_to(tmp_path: Path, report) -> None:  # type: ignore[no-untyped-def]
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    real = real_dir / "报告.docx"
    real.write_bytes(b"old")
    link = tmp_path / "link.docx"
    link.symlink_to(real)
    save_report(report, link, tmp_path / "link.bak.docx")
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert load_report(real).organ == report.organ
    assert (tmp_path / "link.bak.docx").read_bytes() == b"old"
    assert temporaries(real_dir) == [] and temporaries(tmp_path) == []


def test_backup_is_complete_copy(tmp_path: Path, report) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "报告.docx"
    save_report(report, target)
    first = target.read_bytes()
    save_report(report, target, tmp_path / "报告.bak.docx")
    assert (tmp_path / "报告.bak.docx").read_bytes() == first
    with zipfile.ZipFile(tmp_path / "报告.bak.docx") as z:
        assert z.testzip() is None


# -- stray temporaries ---------------------------------------------------------------------------------

def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_strays_of_killed_runs_are_removed_when_the_folder_is_saved_into(tmp_path: Path, report) -> None:  # type: ignore[no-untyped-def]
    here = f"{TEMP_PREFIX}h{host_tag()}-"  # as this computer names them
    dead = tmp_path / f"{here}{_dead_pid()}-0badc0de.docx.tmp"
    ancient = tmp_path / f"{here}1-00ff00ff.pdf.tmp"  # pid 1 lives, but no save takes 10 minutes
    no_suffix = tmp_path / f"{here}{_dead_pid()}-0123abcd.tmp"  # a target named without one
    live = tmp_path / f"{here}{os.getppid()}-12345678.docx.tmp"  # another window saving now
    for p in (dead, ancient, no_suffix, live):
        p.write_bytes(b"partial")
    stale = time.time() - 3600
    os.utime(ancient, (stale, stale))
    save_report(report, tmp_path / "报告.docx")
    assert not dead.exists() and not ancient.exists() and not no_suffix.exists()
    assert live.exists()


def test_another_computers_save_in_progress_is_left_to_it(tmp_path: Path, report) -> None:  # type: ignore[no-untyped-def]
    """A shared folder: a colleague's export in progress is named by their process, which this
    computer does not have — judged by its pid it was deleted under them (rev23 L5).  Another
    computer's temporaries, and an older version's that name no host, go by their age alone;
    this computer's own by their process too."""
    gone = _dead_pid()
    other = f"{TEMP_PREFIX}h{host_tag('财务科-PC02')}-"
    assert host_tag("财务科-PC02") != host_tag() and host_tag("财务科-pc02") == host_tag("财务科-PC02")
    theirs = tmp_path / f"{other}{gone}-0a1b2c3d.pdf.tmp"
    theirs_old = tmp_path / f"{other}{gone}-0a1b2c3e.pdf.tmp"
    older_version = tmp_path / f"{TEMP_PREFIX}{gone}-0a1b2c3f.docx.tmp"
    older_version_old = tmp_path / f"{TEMP_PREFIX}{gone}-0a1b2c40.docx.tmp"
    ours_dead = tmp_path / f"{TEMP_PREFIX}h{host_tag()}-{gone}-0a1b2c41.docx.tmp"
    for p in (theirs, theirs_old, older_version, older_version_old, ours_dead):
        p.write_bytes(b"partial")
    stale = time.time() - 3600
    for p in (theirs_old, older_version_old):
        os.utime(p, (stale, stale))
    save_report(report, tmp_path / "报告.docx")
    assert theirs.exists() and older_version.exists()
    assert not theirs_old.exists() and not older_version_old.exists() and not ours_dead.exists()
    # and what a save here writes carries this computer's name
    seen: list[str] = []
    atomic_write(tmp_path / "a.docx", lambda tmp: (seen.append(tmp.name), shutil.copyfile(tmp_path / "报告.docx", tmp)))
    assert seen and seen[0].startswith(f"{TEMP_PREFIX}h{host_tag()}-{os.getpid()}-")


# Other programs' owner and lock files beside the report: deleting one tells Word, WPS or
# LibreOffice that nobody has the file open.  However old (a file open all afternoon).
OTHERS = [
    ".~报告.docx",  # WPS's owner file
    ".~abcdefgh.docx",  # WPS's, of an 8-letter name: what an older version took for its mkstemp temporary
    ".~k3j_x9ab.xlsx",
    ".~lock.报告.docx#",  # LibreOffice's
    "~$报告.docx",  # Word's
    "~WRL0001.tmp",  # Word's own temporary
    f"{TEMP_PREFIX}notapid-0badc0de.docx.tmp",  # near our shape, not it
    f"{TEMP_PREFIX}12-0badc0de.docx.tmp.bak",
    f"{TEMP_PREFIX}12-0badc0de_x.tmp",
]


@pytest.mark.parametrize("name", OTHERS)
def test_other_programs_files_survive_a_save(tmp_path: Path, report, name: str) -> None:  # type: ignore[no-untyped-def]
    theirs = tmp_path / name
    theirs.write_bytes(b"owner")
    stale = time.time() - 24 * 3600
    os.utime(theirs, (stale, stale))
    save_report(report, tmp_path / "报告.docx")
    save_report(report, tmp_path / "报告.docx", tmp_path / "报告.bak.docx")
    assert theirs.read_bytes() == b"owner"
    assert remove_stray_temporaries(tmp_path) == []


def test_temporaries_are_never_offered_as_reports(tmp_path: Path, report, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def spy(report: object, path: Path) -> None:
        seen.append(path.name)
        raise RuntimeError("writer bug")

    monkeypatch.setattr("app.docx.writer.write_docx", spy)
    with pytest.raises(WriteError, match="意外问题"):
        save_report(report, tmp_path / "报告.docx")
    assert seen and seen[0].startswith(TEMP_PREFIX) and seen[0].endswith(".tmp")
    assert not seen[0].endswith(".docx")
    assert temporaries(tmp_path) == []


# -- a name the system will not take --------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_name_past_the_systems_limit_is_one_line_and_nothing_written(tmp_path: Path, report, suffix: str) -> None:  # type: ignore[no-untyped-def]
    """A hundred characters typed as the file name (the report's title: 300 bytes, past the 255 a
    Linux name may have; Windows' 260 of a whole path): the look at the target raised the
    system's OSError through save_report — a traceback in the window's 另存为 — where every other
    refusal is a WriteError.  Both the save and the check made before a long export say it."""
    target = tmp_path / ("宁波市北仑区人民政府小港街道办事处" * 6 + suffix)
    write = (lambda t: save_report(report, t)) if suffix == ".docx" else (
        lambda t: atomic_write(t, lambda tmp: tmp.write_bytes(b"")))
    for attempt in (write, app_io.check_target):
        with pytest.raises(WriteError) as caught:
            attempt(target)
        assert str(caught.value) == f"{target}：文件名或路径过长，无法写入；请换一个短些的名字或位置"
    assert app_io.unwritable_reason(target) is None  # said by the save, not when opened
    assert list(tmp_path.iterdir()) == []
