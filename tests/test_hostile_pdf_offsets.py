"""A PDF whose cross-reference table does not lead to its objects: edited after it was written
(retitled by a tool that left the table as it was) or written by a program that counted its bytes wrong.
Viewers rebuild the table by scanning the file and show the report; pdfminer took each object
from the wrong place and the report was refused as a PDF with no text at all.  Now the table is
looked at, and one whose offsets miss is set aside for the recovery scan (app/pdfread/source.py
``_misplaced``): read as the viewer shows it, through `check`, `dump` and the window's reader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import dump
from app.pdfread import source
from app.reading import load_report
from tests.helpers import run_app
from tests.hostile_pdf import offsets_miscounted, retitled


@pytest.fixture(scope="module")
def exported_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.pdfmake import sample_pdf

    return sample_pdf(tmp_path_factory.mktemp("pdf"))


def _document(path: Path) -> object:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    source.install()
    view = source.open_view(path)
    try:
        return PDFDocument(PDFParser(view))
    finally:
        view.close()


CASES = {  # (a retitled file, its offsets a title's length short, pdfminer read by luck: below)
    "one-byte-more": lambda pdf: offsets_miscounted(pdf, 1),
    "seven-bytes-on": lambda pdf: offsets_miscounted(pdf, 7),
    "all-at-zero": lambda pdf: offsets_miscounted(pdf, -10**9),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_table_that_misses_its_objects_reads_as_the_viewer_shows(exported_pdf: Path, tmp_path: Path, case: str) -> None:
    expected = dump(load_report(exported_pdf))
    path = tmp_path / f"{case}.pdf"
    path.write_bytes(CASES[case](exported_pdf.read_bytes()))
    assert dump(load_report(path)) == expected  # as the window reads it
    out = run_app("dump", path)
    assert out.returncode == 0 and out.stderr == "", out.stderr
    assert json.loads(out.stdout)["table3"] == expected["table3"]
    out = run_app("check", path)
    assert out.returncode in (0, 1) and "Traceback" not in out.stderr and "错误：" not in out.stderr, out.stderr


def test_a_table_that_leads_to_its_objects_is_not_rescanned(exported_pdf: Path, tmp_path: Path) -> None:
    """The look costs a read of 64 bytes an object; a sound file keeps its table (a rescan
    reads the whole file, and says nothing of repair)."""
    assert getattr(_document(exported_pdf), source.REPAIRED, None) is None
    edited = tmp_path / "改.pdf"
    edited.write_bytes(retitled(exported_pdf.read_bytes()))
    document = _document(edited)
    assert getattr(document, source.REPAIRED, None) == "damaged"
    assert [type(x).__name__ for x in document.xrefs] == ["PDFXRefFallback"]  # the table's offsets are never tried
    assert source.repaired(document) is None  # nothing defined twice: no note to the user


def test_whitespace_before_an_object_is_where_it_begins(exported_pdf: Path, tmp_path: Path) -> None:
    """Writers that point at the line break before “12 0 obj” are read by their table, as before."""
    path = tmp_path / "早一字节.pdf"
    path.write_bytes(offsets_miscounted(exported_pdf.read_bytes(), -1))
    document = _document(path)
    assert getattr(document, source.REPAIRED, None) is None
    assert dump(load_report(path)) == dump(load_report(exported_pdf))


@pytest.mark.parametrize("kept", [0.02, 0.5, 0.99])
def test_a_pdf_cut_off_is_said_incomplete_not_damaged(exported_pdf: Path, tmp_path: Path, kept: float) -> None:
    """A download or copy cut off (the commonest broken PDF): its header and no end.  Said as
    such, with what to do (fetch it again), where it was called damaged or no PDF at all."""
    from app.pdfread.refusals import CUT_SHORT

    data = exported_pdf.read_bytes()
    path = tmp_path / "没下载完.pdf"
    path.write_bytes(data[: int(len(data) * kept)])
    out = run_app("check", path)
    assert out.returncode == 2 and out.stderr == f"错误：{path}：{CUT_SHORT}\n", out.stderr


@pytest.mark.parametrize("what", ["end-damaged", "not-a-pdf"])
def test_a_pdf_damaged_with_its_end_there_is_still_said_damaged(exported_pdf: Path, tmp_path: Path, what: str) -> None:
    from app.pdfread.refusals import DAMAGED

    data = exported_pdf.read_bytes()
    path = tmp_path / f"{what}.pdf"
    if what == "end-damaged":  # every object's body gone, its end (table, trailer, startxref) kept
        table = data.rindex(b"\nxref")
        path.write_bytes(data[:9] + b"\0" * (table - 9) + data[table:])
    else:
        path.write_bytes("<html><body>一、总体情况</body></html>".encode())
    with pytest.raises(Exception) as caught:
        load_report(path)
    assert str(caught.value) in (f"{path}：{DAMAGED}", f"{path}：PDF 中没有任何文字、图片或图形，文件已损坏或是空白的，无法读取")
