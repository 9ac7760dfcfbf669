"""A file swapped for a FIFO or a device between the look at it and the open (or named as one
from the start): every opening of a user's file in the zip, workbook, compound-file and
LibreOffice paths goes through app.limits.open_regular — it never waits for a FIFO's writer,
and it reads only the regular file it checked (fstat on what was opened).  A blocking open of a
FIFO waited for ever: the command hung.  Each case here ends in one Chinese line naming the file.

The swap is made where it bites: right after the reader read the file's first bytes (its kind
is then asked of a FIFO), or right after its kind was known (the workbook reader then opens a
FIFO).  An alarm turns a hang into a failure instead of a stuck suite."""

from __future__ import annotations

import os
import signal
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app import sniff, ziplimits
from app.errors import ReadError
from app.limits import NOT_A_FILE, NotAFile, open_regular
from app.reading import load_report
from tests.hostile import cfb
from tests.hostile_base import SAMPLE, _workbook_parts, _zip

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and device files")


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """A blocking open would wait for ever: fail the test instead."""
    def hung(*_: object) -> None:
        raise AssertionError("the read waited on a FIFO")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def _swap_for_fifo(path: Path) -> None:
    """``path`` replaced, in one step, by a FIFO nobody writes to."""
    fifo = path.with_name(path.name + ".fifo")
    os.mkfifo(fifo)
    os.replace(fifo, path)


def _workbook() -> bytes:
    return _zip(list(_workbook_parts()))


def _large_docx() -> bytes:
    """The sample .docx with a picture's worth of bytes beside it: longer than the first bytes
    the reader reads (app.reading._HEAD), so its zip is opened again by its path."""
    import io
    import random

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(SAMPLE.read_bytes())) as z, zipfile.ZipFile(out, "w") as w:
        for info in z.infolist():
            w.writestr(info, z.read(info))
        w.writestr("word/media/image1.png", random.Random(0).randbytes(200_000))
    return out.getvalue()


KINDS: dict[str, tuple[str, Callable[[], bytes]]] = {
    "docx": ("报告.docx", _large_docx),
    "xlsx": ("报告.xlsx", _workbook),
    "xlsx-named-docx": ("报告（表格）.docx", _workbook),
    "doc": ("报告.doc", lambda: cfb({"WordDocument": bytes(4096)})),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_swapped_after_the_first_bytes_were_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    """app.reading read the first bytes of a regular file; then it is a FIFO: the kind of zip or
    compound file is asked of it."""
    import app.reading

    name, make = KINDS[kind]
    path = tmp_path / name
    path.write_bytes(make())
    looked = app.reading.office_leftover  # asked right after the first bytes were read

    def swap(file_name: str) -> str | None:
        _swap_for_fifo(path)
        return looked(file_name)

    monkeypatch.setattr(app.reading, "office_leftover", swap)
    with pytest.raises(ReadError) as caught:
        load_report(path)
    assert str(caught.value) == f"{path}：{NOT_A_FILE}"


def test_a_small_docx_swapped_after_its_first_bytes_is_read_from_them(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A .docx no longer than the first bytes read (a report of text and tables, some dozens of
    kilobytes) is read from those bytes: swapped for a FIFO after them, nothing is opened again
    and what is read is the file that was looked at."""
    import app.reading

    path = tmp_path / "报告.docx"
    path.write_bytes(SAMPLE.read_bytes())
    assert path.stat().st_size < app.reading._HEAD
    expected = load_report(path)
    looked = app.reading.office_leftover

    def swap(file_name: str) -> str | None:
        _swap_for_fifo(path)
        return looked(file_name)

    monkeypatch.setattr(app.reading, "office_leftover", swap)
    got = load_report(path)
    assert os.path.exists(path) and not path.is_file()  # swapped indeed
    assert (got.organ, got.year, got.tables, got.sections) == (expected.organ, expected.year, expected.tables,
                                                               expected.sections)


def test_a_workbook_swapped_after_its_kind_was_known(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "报告.xlsx"
    path.write_bytes(_workbook())
    # The kind is known from the zip the look opened (sniff.kind_in), or by its path
    # (sniff.zip_kind) where that opening failed: swapped right after either.
    known, known_in = sniff.zip_kind, sniff.kind_in

    def swap(p: Path) -> sniff.Kind:
        kind = known(p)
        _swap_for_fifo(path)
        return kind

    def swap_in(z: zipfile.ZipFile) -> sniff.Kind:
        kind = known_in(z)
        _swap_for_fifo(path)
        return kind

    monkeypatch.setattr(sniff, "zip_kind", swap)
    monkeypatch.setattr(sniff, "kind_in", swap_in)
    with pytest.raises(ReadError) as caught:
        load_report(path)
    assert str(caught.value) == f"{path}：{NOT_A_FILE}"


@pytest.mark.parametrize("step", ["zip_kind", "opened_zip", "ole_kind", "names_encrypted_package", "check_zip_directory",
                                  "check_package", "read_xlsx", "open_regular"])
@pytest.mark.parametrize("what", ["fifo", "device"])
def test_each_opening_refuses_what_is_no_regular_file(tmp_path: Path, step: str, what: str) -> None:
    from app.xlsx import read_xlsx

    path = tmp_path / "报告.xlsx"
    if what == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")  # never ends: read to its end, never refused
    steps: dict[str, Callable[[Path], object]] = {
        "zip_kind": sniff.zip_kind, "opened_zip": lambda p: sniff.opened_zip(p).__enter__(), "ole_kind": sniff.ole_kind, "names_encrypted_package": sniff.names_encrypted_package,
        "check_zip_directory": ziplimits.check_zip_directory,
        "check_package": lambda p: ziplimits.check_package(p, "Excel 工作簿"), "read_xlsx": read_xlsx,
        "open_regular": open_regular}
    with pytest.raises(NotAFile) as caught:
        steps[step](path)
    assert str(caught.value) == f"{path}：{NOT_A_FILE}"


def test_a_folder_is_said_to_be_one(tmp_path: Path) -> None:
    folder = tmp_path / "报告.xlsx"
    folder.mkdir()
    with pytest.raises(NotAFile, match="文件夹"):
        open_regular(folder)


def test_libreoffice_is_given_a_copy_of_the_file_looked_at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """LibreOffice opens by name: a .doc swapped for a FIFO once the reader had looked kept it
    waiting to the timeout (45 s).  It converts a copy made through the one checked opening."""
    from app import office

    given: list[Path] = []

    class Ran:
        pid = os.getpid()

        def poll(self) -> int:
            return 0

        def wait(self) -> int:
            return 0

    def popen(cmd: list[str], **_: object) -> Ran:
        given.append(Path(cmd[-1]))
        return Ran()

    monkeypatch.setattr(office, "soffice", lambda: "/bin/true")
    monkeypatch.setattr(office.subprocess, "Popen", popen)
    monkeypatch.setattr(office, "_wait", lambda *_: True)
    monkeypatch.setattr(office, "_end_group", lambda *_: None)
    path = tmp_path / "报告.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0 old report")
    office.convert(path, "docx", tmp_path / "out")
    assert given and given[0] != path and given[0].read_bytes() == path.read_bytes()
    assert given[0].name == path.name  # the output's name follows it
    os.unlink(path)
    os.mkfifo(path)
    with pytest.raises(NotAFile):
        office.convert(path, "docx", tmp_path / "out2")
    assert len(given) == 1  # LibreOffice never started on a FIFO
