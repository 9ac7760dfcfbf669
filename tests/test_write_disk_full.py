"""A full disk (or a size limit) while writing is one message whatever the writer: .docx,
.xlsx (openpyxl writes through lxml, whose SerialisationError “IO_ENOSPC” carries no OSError)
and the batch summary say 磁盘空间不足 / 超出…大小, never “意外问题（SerialisationError）”."""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from app.errors import WriteError
from app.io import atomic_write, os_error_of, save_report
from app.report import Report
from app.schema import CellRef
from app.xlsx_write import write_xlsx
from tests.helpers import fill_disk, temporaries


def report() -> Report:
    r = Report(organ="某县某局", year=2023)
    r.set_value(CellRef("三", 0, 0), 5)
    return r


@pytest.mark.parametrize("raised", [
    etree.SerialisationError("IO_ENOSPC"),
    OSError(errno.ENOSPC, "No space left on device"),
    RuntimeError("zip writer failed"),  # chained to the disk's error below
])
def test_every_writer_failure_from_the_disk_is_the_one_message(tmp_path: Path, raised: Exception) -> None:
    def write(_tmp: Path) -> None:
        if isinstance(raised, RuntimeError):
            try:
                raise OSError(errno.ENOSPC, "No space left on device")
            except OSError as e:
                raise raised from e
        raise raised

    with pytest.raises(WriteError) as failed:
        atomic_write(tmp_path / "汇总.xlsx", write)
    assert "磁盘空间不足" in str(failed.value) and "意外问题" not in str(failed.value)
    assert temporaries(tmp_path) == []


def test_a_serialisation_error_naming_no_errno_still_says_the_disk(tmp_path: Path) -> None:
    def write(_tmp: Path) -> None:
        raise etree.SerialisationError("IO_WRITE")

    with pytest.raises(WriteError) as failed:
        atomic_write(tmp_path / "x.xlsx", write)
    assert "磁盘空间可能不足" in str(failed.value) and "SerialisationError" not in str(failed.value)


def test_an_error_of_our_own_is_still_unexpected(tmp_path: Path) -> None:
    """The control: a writer's bug is not blamed on the disk."""
    def write(_tmp: Path) -> None:
        raise KeyError("x")

    with pytest.raises(WriteError, match="意外问题（KeyError）"):
        atomic_write(tmp_path / "x.xlsx", write)
    assert os_error_of(KeyError("x")) is None


def test_xlsx_on_a_full_disk(small_disk: Path) -> None:
    fill_disk(small_disk, 2048)
    with pytest.raises(WriteError) as failed:
        write_xlsx(report(), small_disk / "年报.xlsx")
    assert "磁盘空间" in str(failed.value) and "意外问题" not in str(failed.value)
    assert not (small_disk / "年报.xlsx").exists() and temporaries(small_disk) == []


@pytest.mark.skipif(sys.platform == "win32", reason="ulimit -f")
@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_file_size_limit_is_the_same_message_for_docx_and_xlsx(tmp_path: Path, suffix: str) -> None:
    """`ulimit -f 8` (8 KB): the hostile test's recipe, in a child process."""
    src = tmp_path / "src.docx"
    save_report(report(), src)
    out = tmp_path / f"年报{suffix}"
    done = subprocess.run(["sh", "-c", 'ulimit -f 8; exec "$0" -m app export "$1" --to "$2"', sys.executable,
                           str(src), str(out)], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 2, done.stderr
    assert "超出了磁盘或系统允许的大小" in done.stderr and "意外问题" not in done.stderr, done.stderr
    assert not out.exists()
