"""A PDF's text is read in the order the page shows it, never laid out a second time by the bidi
algorithm (review14 L2): a glyph whose ToUnicode map gives a right-to-left override (U+202E)
with its digit made the 2106 every viewer shows read as 6012, and the title's 2023 as 23 — the
layout for stored order (Word's, app/bidi.py) done again to text already in visual order.  Now
the controls are taken out and said (HIDDEN-TEXT rtl, pointing at the cells), and the figure
read is the one shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.findings import REVERSED
from app.reading import load_report
from app.report import Report
from app.schema import REQUESTS, T3_NEW, CellRef
from tests.pdfmake import our_pdf
from tests.thirdparty import Spec, build

_CMAP = re.compile(rb"begincmap.*?endcmap", re.S)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bidi")
    return our_pdf(build(Spec(t3={(T3_NEW, 0): "2106"}), folder / "r.docx"), folder / "r.pdf")


def _overridden(pdf: Path, dest: Path) -> Path:
    """``pdf`` with the glyph “2” of each font read as U+202E and “2” (the page unchanged: the
    glyph draws a 2).  The map's name gives up the bytes the longer entry takes, so the file's
    offsets stay right."""
    data = bytearray(pdf.read_bytes())
    changed = 0
    for m in reversed(list(_CMAP.finditer(data))):
        if b"<0032>" not in m.group(0):
            continue
        new = m.group(0).replace(b"<0032>", b"<202E0032>", 1).replace(
            b"/CMapName /Adobe-Identity-UCS def", b"/CMapName /Adobe-Identity def", 1)
        assert len(new) == len(m.group(0))
        data[m.start():m.end()] = new
        changed += 1
    assert changed, "the export writes its ToUnicode maps uncompressed, digits among them"
    dest.write_bytes(bytes(data))
    return dest


def _rtl(report: Report) -> list[str]:
    return [f.message for f in report.import_findings if (f.code, f.kind) == (REVERSED.code, REVERSED.kind)]


def test_a_figure_behind_a_direction_control_is_read_as_the_page_shows_it(exported: Path, tmp_path: Path) -> None:
    plain = load_report(exported)
    report = load_report(_overridden(exported, tmp_path / "rlo.pdf"))
    assert report.tables[REQUESTS][(T3_NEW, 0)] == 2106  # was 6012
    assert report.year == plain.year == 2023  # the title's 2023 was read as 23
    [said] = _rtl(report)
    assert said.startswith("PDF 中有") and "U+202E" in said and "未重排" in said
    [finding] = [f for f in report.import_findings if f.kind == REVERSED.kind]
    assert CellRef(REQUESTS, T3_NEW, 0) in finding.location.cells
    # nothing else said of it that the plain file does not say
    assert sorted((f.code, f.kind) for f in report.import_findings if f.kind != REVERSED.kind) == \
        sorted((f.code, f.kind) for f in plain.import_findings)


def test_a_pdf_without_direction_controls_says_nothing_of_them(exported: Path) -> None:
    report = load_report(exported)
    assert report.tables[REQUESTS][(T3_NEW, 0)] == 2106
    assert _rtl(report) == []
