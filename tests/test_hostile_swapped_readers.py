"""The readers' own openings (hostile23 closed the zip, workbook, compound-file and LibreOffice
paths; these are the rest): a report swapped for a FIFO between a look at it and the open that
follows ends in one Chinese line naming the file, never an open waiting for a writer for ever.
Each swap is made right after the look the reader makes before its open: the first bytes' stat,
the zip's kind, the package's checks, a text copy's or a PDF's size, a Word XML file's size.
An alarm turns a hang into a failure instead of a stuck suite."""

from __future__ import annotations

import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.errors import ReadError
from app.limits import NOT_A_FILE
from app.reading import load_report
from tests.hostile_base import SAMPLE, SAMPLE_TXT
from tests.test_docx_flat import flat_package
from tests.test_hostile_swapped import _swap_for_fifo, no_hang  # noqa: F401  (no_hang: the same alarm, autouse)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs")
DATA = Path(__file__).parent / "data"


def _after(monkeypatch: pytest.MonkeyPatch, owner: object, name: str, path: Path) -> None:
    """``owner.name`` runs as ever, then ``path`` becomes a FIFO (once)."""
    real: Callable[..., Any] = getattr(owner, name)
    done: list[bool] = []

    def looked(*args: Any, **kwargs: Any) -> Any:
        got = real(*args, **kwargs)
        if not done:
            done.append(True)
            _swap_for_fifo(path)
        return got

    monkeypatch.setattr(owner, name, looked)


def _refused(path: Path) -> None:
    with pytest.raises(ReadError) as caught:
        load_report(path)
    assert str(caught.value) == f"{path}：{NOT_A_FILE}"


@pytest.mark.parametrize("source", [SAMPLE, SAMPLE_TXT, DATA / "web-page-2023.html"], ids=lambda p: p.suffix)
def test_swapped_between_the_stat_and_the_first_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: Path) -> None:
    path = tmp_path / f"报告{source.suffix}"
    path.write_bytes(source.read_bytes())
    _after(monkeypatch, stat, "S_ISREG", path)  # app.reading's look: a regular file, then a FIFO
    _refused(path)


@pytest.mark.parametrize(("module", "name"), [("app.sniff", "kind_in"), ("app.ziplimits", "check_parts_in")])
def test_a_docx_swapped_after_its_look_is_read_as_looked_at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             module: str, name: str) -> None:
    """A .docx is looked at (its kind, its parts' checks) and read through one opening
    (app.sniff.opened_zip): the name swapped for a FIFO after the look changes nothing read —
    the file looked at is the file read, never a second open that could wait on a writer."""
    import importlib

    path = tmp_path / "报告.docx"
    path.write_bytes(SAMPLE.read_bytes())
    expected = load_report(path)
    _after(monkeypatch, importlib.import_module(module), name, path)
    got = load_report(path)
    assert stat.S_ISFIFO(path.lstat().st_mode)  # swapped indeed
    assert (got.organ, got.year, got.tables, got.sections) == (expected.organ, expected.year, expected.tables, expected.sections)


def test_a_docx_whose_zip_cannot_be_opened_once_is_looked_at_by_its_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the one opening fails (app.sniff.opened_zip gives None), the kind is looked at by
    the path (sniff.zip_kind) and the package opened again: swapped between, it is refused."""
    from contextlib import contextmanager

    from app import sniff

    @contextmanager
    def unopened(_path: Path, _whole: bytes | None = None) -> Any:
        yield None

    monkeypatch.setattr(sniff, "opened_zip", unopened)
    path = tmp_path / "报告.docx"
    path.write_bytes(SAMPLE.read_bytes())
    _after(monkeypatch, sniff, "zip_kind", path)
    _refused(path)


@pytest.mark.parametrize("source", [SAMPLE_TXT, DATA / "web-page-2023.html"], ids=lambda p: p.suffix)
def test_a_text_copy_swapped_after_its_size_was_looked_at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: Path) -> None:
    from app import limits

    path = tmp_path / f"报告{source.suffix}"
    path.write_bytes(source.read_bytes())
    _after(monkeypatch, limits, "check_text_copy_size", path)
    _refused(path)


def test_a_pdf_swapped_after_its_size_was_looked_at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import app.pdfread
    from tests.pdfmake import sample_pdf

    path = tmp_path / "报告.pdf"
    made = tmp_path / "made"
    made.mkdir()
    path.write_bytes(sample_pdf(made).read_bytes())
    _after(monkeypatch, app.pdfread, "check_pdf_size", path)
    _refused(path)


def test_a_word_xml_file_swapped_after_its_size_was_looked_at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.docx import flatopc

    path = flat_package(SAMPLE, tmp_path / "报告.xml")
    _after(monkeypatch, flatopc.etree, "XMLPullParser", path)  # made right after the size check
    _refused(path)
