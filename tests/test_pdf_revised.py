"""A PDF changed after it was saved (hostile30): a second revision appended to the file.  A viewer
shows the last revision — from a well-formed update, and by rebuilding the file when its last
``startxref`` is off or the update has no cross-reference table of its own.  pdfminer's recovery
scan stopped at the first ``trailer``, so such an update was never read: the table's figure read
was the old one (21 where the viewer shows 27), silently.  Now the recovery scan reads to the end
(a later definition replacing an earlier), objects after the last table send the file to it, and
the reader says the file was changed (REVISIONS, kind pdf)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.pdfread import source
from app.reading import load_report
from tests.conftest import SAMPLE
from tests.pdfmake import our_pdf, plain_pdf


def _text_and_repair(path: Path) -> tuple[str, str | None]:
    import pdfplumber

    source.install()
    with pdfplumber.open(source.open_view(path)) as pdf:  # type: ignore[arg-type]
        text = "".join(page.extract_text() or "" for page in pdf.pages)
        return text, source.repaired(pdf.doc)


def _update(raw: bytes, objects: dict[int, bytes], table: str) -> bytes:
    """``raw`` with ``objects`` appended as an update: with its own xref and trailer ("good"),
    the same with ``startxref`` 7 bytes off ("off"), or the objects alone ("none")."""
    out = bytearray(raw if raw.endswith(b"\n") else raw + b"\n")
    offsets = {}
    for number, body in objects.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    if table == "none":
        return bytes(out)
    xref = len(out)
    out += b"xref\n" + b"".join(b"%d 1\n%010d 00000 n \n" % (n, o) for n, o in offsets.items())
    last = int(re.findall(rb"startxref\s+(\d+)", raw)[-1])
    size = int(re.findall(rb"/Size (\d+)", raw)[-1])
    out += b"trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        size, last, xref + (7 if table == "off" else 0))
    return bytes(out)


@pytest.mark.parametrize(("table", "why"), [("good", None), ("off", "updated"), ("none", "appended")])
def test_the_last_revision_is_read_as_a_viewer_shows_it(tmp_path: Path, table: str, why: str | None) -> None:
    first = plain_pdf(tmp_path / "first.pdf", [["fee 21"]]).read_bytes()
    body = "BT /F1 12 Tf 72 760 Td 16 TL (fee 27) ' ET "
    second = b"<< /Length %d >> stream\n%s\nendstream" % (len(body), body.encode())
    path = tmp_path / f"{table}.pdf"
    path.write_bytes(_update(first, {5: second}, table))
    text, repaired = _text_and_repair(path)
    assert "fee 27" in text and "fee 21" not in text
    assert repaired == why


def test_a_damaged_table_alone_is_repaired_without_a_word(tmp_path: Path) -> None:
    """The recovery scan of a file with one revision changes nothing read: no finding."""
    raw = plain_pdf(tmp_path / "first.pdf", [["fee 21"]]).read_bytes()
    at = raw.rindex(b"startxref\n") + len(b"startxref\n")
    path = tmp_path / "off.pdf"
    path.write_bytes(raw[:at] + b"%d\n%%%%EOF\n" % (int(raw[at:].split()[0]) + 7))
    text, repaired = _text_and_repair(path)
    assert "fee 21" in text and repaired is None


def test_a_report_changed_after_it_was_saved_is_read_and_said(tmp_path: Path) -> None:
    """Our own export of the sample, its catalog written again after the last table (as a tool
    editing the file in place leaves it): the figures as before, and one REVISIONS warning."""
    pdf = our_pdf(SAMPLE, tmp_path / "report.pdf")
    before = load_report(pdf)
    assert not [f for f in before.import_findings if f.code == "REVISIONS"]
    raw = pdf.read_bytes()
    root = int(re.findall(rb"/Root (\d+) 0 R", raw)[-1])
    catalog = re.search(rb"\n%d 0 obj\s*(.*?)\s*endobj" % root, raw, re.S)
    assert catalog is not None
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(_update(raw, {root: catalog.group(1)}, "none"))
    after = load_report(changed)
    assert after.tables == before.tables
    said = [f for f in after.import_findings if f.code == "REVISIONS"]
    assert len(said) == 1 and "又被改动过" in said[0].message and "核对" in said[0].message
