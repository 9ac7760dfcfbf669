"""Windows beside us, tested on Linux with Windows' errors: a file held open by Word/WPS
(PermissionError with winerror 32/33, or 5 on a file that is not read-only) when reading and when saving over it, the short bounded
retry of the final rename (Windows and antivirus scanners lock files briefly), a path too long
(winerror 206); and what Word, WPS and Windows leave in a folder of reports."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from app import batch
from app import io as app_io
from app.errors import NotAReport, ReadError
from app.io import FileInUse, WriteError, atomic_write, save_report
from app.reading import load_report
from tests.conftest import SAMPLE
from tests.helpers import run_app, temporaries


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    return load_report(SAMPLE)


def windows_error(winerror: int, errno: int = 13) -> PermissionError:
    """A PermissionError as Windows raises it (errno EACCES, the Win32 code in .winerror)."""
    e = PermissionError(errno, "The process cannot access the file because it is being used by another process")
    e.winerror = winerror  # type: ignore[attr-defined]
    return e


@pytest.fixture
def pauses(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The retry's pauses, recorded instead of slept."""
    slept: list[float] = []
    monkeypatch.setattr(app_io.time, "sleep", slept.append)
    return slept


def failing_replace(monkeypatch: pytest.MonkeyPatch, errors: list[OSError]) -> list[tuple[str, str]]:
    """os.replace that raises ``errors`` one by one, then really renames."""
    real = app_io.os.replace
    calls: list[tuple[str, str]] = []

    def replace(src: object, dst: object) -> None:
        calls.append((str(src), str(dst)))
        if errors:
            raise errors.pop(0)
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(app_io.os, "replace", replace)
    return calls


@pytest.mark.parametrize("winerror", [5, 32, 33])
def test_a_rename_refused_twice_then_allowed_saves(tmp_path: Path, report, monkeypatch, pauses, winerror: int) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "报告.docx"
    target.write_bytes(b"old")
    calls = failing_replace(monkeypatch, [windows_error(winerror), windows_error(winerror)])
    save_report(report, target)
    assert len(calls) == 3 and pauses == [app_io.REPLACE_PAUSE_S] * 2
    assert load_report(target).organ == report.organ
    assert temporaries(tmp_path) == []


@pytest.mark.parametrize(("suffix", "holder"), [(".docx", "Word/WPS"), (".xlsx", "Excel/WPS"), (".pdf", "PDF 阅读器")])
@pytest.mark.parametrize("winerror", [32, 33])
def test_a_file_held_open_is_named_as_such_after_a_bounded_retry(tmp_path: Path, monkeypatch, pauses,  # type: ignore[no-untyped-def]
                                                                  winerror: int, suffix: str, holder: str) -> None:
    target = tmp_path / f"报告{suffix}"
    target.write_bytes(b"the user's file")
    good = SAMPLE if suffix == ".docx" else None
    calls = failing_replace(monkeypatch, [windows_error(winerror) for _ in range(50)])

    def write(tmp: Path) -> None:
        if good is not None:
            shutil.copyfile(good, tmp)
        elif suffix == ".pdf":
            tmp.write_bytes(b"%PDF-1.4\n%%EOF\n")
        else:
            with zipfile.ZipFile(tmp, "w") as z:
                z.writestr("[Content_Types].xml", "<Types/>")

    with pytest.raises(FileInUse) as caught:
        atomic_write(target, write)
    message = str(caught.value)
    assert message.startswith(f"{target}：") and f"正在 {holder}" in message and "被占用" in message and "另存为" in message
    assert "只读" not in message, "not a read-only file: closing it in the other program is the way"
    assert "\n" not in message
    assert len(calls) == app_io.REPLACE_TRIES and len(pauses) == app_io.REPLACE_TRIES - 1
    assert sum(pauses) <= 0.5, "bounded: the user waits half a second at most"
    assert target.read_bytes() == b"the user's file" and temporaries(tmp_path) == []


@pytest.mark.parametrize(("suffix", "holder"), [(".docx", "Word/WPS"), (".xlsx", "Excel/WPS"), (".pdf", "PDF 阅读器")])
def test_access_denied_on_a_file_that_is_not_read_only_is_said_as_held(tmp_path: Path, monkeypatch, pauses,  # type: ignore[no-untyped-def]
                                                                        suffix: str, holder: str) -> None:
    """Word holding the report gives winerror 5 (ERROR_ACCESS_DENIED) as often as 32: after
    the retries, a file whose read-only attribute is not set is said to be held, with the way
    out (close it there, or 另存为), not 没有权限."""
    target = tmp_path / f"报告{suffix}"
    target.write_bytes(b"the user's file")
    calls = failing_replace(monkeypatch, [windows_error(5) for _ in range(50)])

    def write(tmp: Path) -> None:
        if suffix == ".pdf":
            tmp.write_bytes(b"%PDF-1.4\n%%EOF\n")
        elif suffix == ".docx":
            shutil.copyfile(SAMPLE, tmp)
        else:
            with zipfile.ZipFile(tmp, "w") as z:
                z.writestr("[Content_Types].xml", "<Types/>")

    with pytest.raises(FileInUse) as caught:
        atomic_write(target, write)
    message = str(caught.value)
    assert message.startswith(f"{target}：") and f"可能正被 {holder}" in message and "占用" in message
    assert "另存为" in message and "只读" not in message and "权限" not in message and "\n" not in message
    assert len(calls) == app_io.REPLACE_TRIES, "retried first: a scanner's brief handle gives 5 too"
    assert target.read_bytes() == b"the user's file" and temporaries(tmp_path) == []


def test_access_denied_on_a_file_made_read_only_meanwhile_is_no_permission(tmp_path: Path, report,  # type: ignore[no-untyped-def]
                                                                           monkeypatch, pauses) -> None:
    """The control: the file's read-only attribute set after the check before writing (another
    program, a sync tool): winerror 5 there is no held file, and not said as one."""
    target = tmp_path / "报告.docx"
    target.write_bytes(b"old")
    errors = [windows_error(5) for _ in range(50)]
    real_replace = failing_replace(monkeypatch, errors)
    made_read_only = app_io.os.replace

    def replace(src: object, dst: object) -> None:
        target.chmod(0o444)
        made_read_only(src, dst)

    monkeypatch.setattr(app_io.os, "replace", replace)
    try:
        with pytest.raises(WriteError) as caught:
            save_report(report, target)
    finally:
        target.chmod(0o644)
    assert not isinstance(caught.value, FileInUse)
    assert "没有写入权限" in str(caught.value) and "可能正被" not in str(caught.value)
    assert len(real_replace) == app_io.REPLACE_TRIES


@pytest.mark.parametrize(("attributes", "held"), [(0x20, True), (0x21, False), (0x01, False), (0x80, True)])
def test_the_read_only_attribute_decides_where_windows_gives_it(tmp_path: Path, monkeypatch,  # type: ignore[no-untyped-def]
                                                                attributes: int, held: bool) -> None:
    """Windows' stat carries st_file_attributes (FILE_ATTRIBUTE_READONLY 0x1; 0x20 archive,
    0x80 normal): the attribute decides, whatever the mode bits say."""
    import os
    import stat as st

    target = tmp_path / "报告.docx"
    target.write_bytes(b"x")
    real = os.stat(target)

    class WindowsStat:
        st_mode = st.S_IFREG | 0o666
        st_file_attributes = attributes
        st_size = real.st_size

    monkeypatch.setattr(app_io.os, "stat", lambda _p, *a, **k: WindowsStat())
    assert app_io.held_not_read_only(windows_error(5), target) is held
    assert app_io.held_not_read_only(windows_error(32), target) is False  # said by in_use, not here
    assert app_io.held_not_read_only(PermissionError(13, "Permission denied"), target) is False  # Linux


def test_access_denied_on_a_file_that_is_gone_is_not_held(tmp_path: Path) -> None:
    assert app_io.held_not_read_only(windows_error(5), tmp_path / "没有.docx") is False


def test_linux_permission_errors_are_not_retried(tmp_path: Path, report, monkeypatch, pauses) -> None:  # type: ignore[no-untyped-def]
    calls = failing_replace(monkeypatch, [PermissionError(13, "Permission denied")])
    with pytest.raises(WriteError) as caught:
        save_report(report, tmp_path / "报告.docx")
    assert not isinstance(caught.value, FileInUse) and "没有写入权限" in str(caught.value)
    assert len(calls) == 1 and pauses == []


def test_a_backup_of_a_file_word_will_not_share_is_the_same_message(tmp_path: Path, report, monkeypatch, pauses) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "报告.docx"
    save_report(report, target)
    failing_replace(monkeypatch, [windows_error(32) for _ in range(50)])
    with pytest.raises(FileInUse) as caught:
        save_report(report, target, backup=tmp_path / "报告.bak.docx")
    assert "正在 Word/WPS 中打开" in str(caught.value)


def test_a_path_too_long_for_windows_is_said_so(tmp_path: Path, report, monkeypatch, pauses) -> None:  # type: ignore[no-untyped-def]
    too_long = FileNotFoundError(2, "The filename or extension is too long")
    too_long.winerror = 206  # type: ignore[attr-defined]
    failing_replace(monkeypatch, [too_long])
    with pytest.raises(WriteError, match="文件名或路径过长"):
        save_report(report, tmp_path / "报告.docx")


@pytest.mark.parametrize("winerror", [32, 33])
def test_reading_a_file_word_holds_is_said_so(tmp_path: Path, monkeypatch, winerror: int) -> None:
    held = Path(shutil.copy(SAMPLE, tmp_path / "报告.docx"))
    real_open = os.open

    def open_(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        # A user's file is opened through os.open (app.limits.open_regular: never waiting on a FIFO).
        if Path(path) == held:
            raise windows_error(winerror)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    with pytest.raises(ReadError) as caught:
        load_report(held)
    assert str(caught.value).startswith(f"{held}：") and "占用" in str(caught.value) and "Word" in str(caught.value)


def test_a_reader_refused_after_the_first_bytes_says_so_too(tmp_path: Path, monkeypatch) -> None:
    """Word lets the first read through and the zip's own open is refused: not “文件结构异常”."""
    held = Path(shutil.copy(SAMPLE, tmp_path / "报告.docx"))
    def refused(*_args: object, **_kwargs: object) -> None:
        raise windows_error(32)

    monkeypatch.setattr(zipfile, "ZipFile", refused)
    with pytest.raises(ReadError) as caught:
        load_report(held)
    assert "占用" in str(caught.value) and "结构异常" not in str(caught.value)


# -- what Word, WPS and Windows leave beside reports --------------------------------------------

def owner_file(folder: Path, name: str) -> Path:
    """Word's owner file: the user's name in a 162-byte record, no zip."""
    path = folder / name
    path.write_bytes(bytes([6]) + "张三".encode("utf-16-le").ljust(53, b"\0") + b"\x20" * 108)
    return path


LEFTOVERS = ["~$报告.docx", ".~报告.docx", "~WRL0001.tmp", "Thumbs.db", "desktop.ini", ".~lock.报告.docx#"]


@pytest.mark.parametrize("name", ["~$报告.docx", ".~报告.docx", "~WRL0001.tmp", "Thumbs.db", "desktop.ini"])
def test_opening_a_leftover_directly_says_what_it_is(tmp_path: Path, name: str) -> None:
    path = owner_file(tmp_path, name)
    with pytest.raises(NotAReport) as caught:
        load_report(path)
    message = str(caught.value)
    assert message.startswith(f"{path}：这是") and ("临时文件" in message or "系统" in message)
    assert "不是年报" in message and "损坏" not in message


def test_a_real_report_named_like_an_owner_file_is_read(tmp_path: Path) -> None:
    path = Path(shutil.copy(SAMPLE, tmp_path / "~$报告.docx"))
    assert load_report(path).organ


def test_a_folder_check_passes_over_leftovers_silently(tmp_path: Path, report) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "乡镇").mkdir()
    save_report(report, tmp_path / "乡镇" / "报告.docx")
    for name in LEFTOVERS:
        owner_file(tmp_path / "乡镇", name)
    b = batch.run([tmp_path], jobs=1)
    assert [Path(r.path).name for r in b.results] == ["报告.docx"]
    assert b.skipped == [] and b.unreadable == [] and b.passed_over() == []
    result = run_app("check", tmp_path)
    assert result.returncode == 1, "the sample's own errors; nothing unreadable (that is 2)"
    assert "无法读取 0 份" in result.stdout and "另有 0 个非年报文件" in result.stdout
    assert not any(name in result.stdout + result.stderr for name in LEFTOVERS)


def test_a_leftover_named_on_its_own_is_unreadable_with_the_reason(tmp_path: Path) -> None:
    path = owner_file(tmp_path, "~$报告.docx")
    result = run_app("check", path)
    assert result.returncode == 2 and "Word/WPS 打开文件时留下的临时文件" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_every_process_the_program_starts_opens_no_console_window() -> None:
    """Windows: a console program (soffice.com, taskkill, python.exe) started from the windowed
    editor flashes a console window unless given CREATE_NO_WINDOW.  Every call that starts a
    process in app/ and ui/ passes creationflags (app.office.no_window, group_options)."""
    import ast

    root = Path(__file__).resolve().parents[1]
    starters = {"Popen", "run", "call", "check_call", "check_output"}
    missing: list[str] = []
    seen = 0
    for path in sorted([*root.glob("app/**/*.py"), *root.glob("ui/**/*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            by_subprocess = (isinstance(func, ast.Attribute) and func.attr in starters
                             and isinstance(func.value, ast.Name) and func.value.id == "subprocess")
            by_runner = isinstance(func, ast.Name) and func.id == "run" and path.name == "office.py"
            if by_subprocess or by_runner:
                seen += 1
                if not any(k.arg == "creationflags" for k in node.keywords):
                    missing.append(f"{path.relative_to(root)}:{node.lineno}")
    assert seen >= 3  # soffice, taskkill, the prefetch child
    assert missing == []
