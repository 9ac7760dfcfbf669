"""The window's read of a risky file in a child process bounded by the backstop
(app/read_apart.py): past the limits or killed, one ReadError line, and the window's process
untouched; an ordinary report is not sent there (its open stays as fast as ever)."""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest

from app import backstop, read_apart
from app.errors import ReadError
from tests import backstop_standin

SAMPLE = Path(__file__).resolve().parent / "data" / "xiaogang-2021.docx"

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGXCPU"), reason="rlimits are POSIX")


def _copy(tmp_path: Path, name: str) -> Path:
    shutil.copy(SAMPLE, tmp_path / name)
    return tmp_path / name


def test_an_ordinary_report_is_read_on_the_windows_thread(tmp_path: Path) -> None:
    assert not read_apart.risky(SAMPLE)


def test_a_large_file_a_pdf_and_a_package_that_inflates_much_are_read_apart(tmp_path: Path) -> None:
    big = tmp_path / "big.docx"
    big.write_bytes(b"PK\x03\x04" + b"\0" * (read_apart.RISKY_FILE_BYTES + 1))
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    import zipfile

    inflating = tmp_path / "inflating.docx"
    with zipfile.ZipFile(inflating, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:p/>" * (read_apart.RISKY_XML_BYTES // 6 + 1))
    assert inflating.stat().st_size < 100_000
    assert read_apart.risky(big) and read_apart.risky(pdf) and read_apart.risky(inflating)


@pytest.fixture
def expensive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_apart, "_start", backstop_standin.start_window_child)


@pytest.mark.usefixtures("expensive")
def test_past_its_limits_or_killed_the_child_is_one_line_and_an_ordinary_file_reads(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as slow:
        read_apart.read(_copy(tmp_path, "spin.docx"), lambda: False)
    assert str(slow.value) == f"{tmp_path / 'spin.docx'}：{backstop.too_slow(backstop_standin.CPU_S)}"
    with pytest.raises(ReadError) as big:
        read_apart.read(_copy(tmp_path, "hog.docx"), lambda: False)
    assert "内存" in str(big.value)
    with pytest.raises(ReadError) as killed:
        read_apart.read(_copy(tmp_path, "die.docx"), lambda: False)
    assert str(killed.value) == f"{tmp_path / 'die.docx'}：{read_apart.KILLED}"
    report = read_apart.read(_copy(tmp_path, "good.docx"), lambda: False)
    assert report is not None and report.organ


@pytest.mark.usefixtures("expensive")
def test_cancelled_the_child_is_ended_at_once(tmp_path: Path) -> None:
    asked = []

    def cancelled() -> bool:
        asked.append(True)
        return len(asked) > 3

    # None, not the deadline's ReadError: ended when asked, not when the spin was stopped
    assert read_apart.read(_copy(tmp_path, "spin.docx"), cancelled) is None


def test_cancelled_inside_a_temporary_folder_the_child_removes_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """取消 while the child reads a converted copy in a temporary folder (a large .doc, a Word XML
    file): ended by SIGTERM's default action, the child left the folder — a copy of the user's
    document — behind."""
    scratch = tmp_path / "temp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))  # the spawned child's temporary folder
    monkeypatch.setattr(read_apart, "_start", backstop_standin.start_window_child_in_temp)
    path = _copy(tmp_path, "report.docx")
    assert read_apart.read(path, lambda: any(scratch.glob("nianbao-standin-*/converted.docx"))) is None
    assert not list(scratch.glob("nianbao-standin-*")), list(scratch.iterdir())
