"""A PDF read as it is seen: a note mark printed small and raised after a figure (LibreOffice's
PDF of “37” with a superscript “1”: p18) is not read as 371, and a figure printed white on the
white page (p19) is not glued onto the visible one (9937) — the same findings as the .docx
reader gives for its source.  The PDFs are LibreOffice's, made here from third-party files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.reading import load_report
from app.schema import REQUESTS, T3_NEW
from tests.conftest import rewrite_docx
from tests.pdfmake import libreoffice_pdf, needs_soffice, ruled
from tests.thirdparty import Spec, build


def _r(text: str, props: str = "") -> str:
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def _pdf(tmp_path: Path, runs: str) -> Path:
    """LibreOffice's PDF of a ruled third-party file whose 表三 本年新收 自然人 (37) is ``runs``."""
    src = ruled(build(Spec(t3={(T3_NEW, 0): "37", (T3_NEW, 1): "12"}), tmp_path / "a.docx"), tmp_path / "ruled.docx")

    def edit(xml: str) -> str:
        new, n = re.subn(r"<w:r>(?:(?!</w:r>).)*?<w:t>37</w:t></w:r>", lambda m: runs, xml, count=1, flags=re.S)
        assert n == 1
        return new
    return libreoffice_pdf(rewrite_docx(src, tmp_path / "cell.docx", edit), tmp_path / "lo")


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="soffice not installed")
@pytest.mark.parametrize(("runs", "code", "kind"), [
    (_r("37") + _r("1", '<w:vertAlign w:val="superscript"/>'), "VALUE-INVALID", "note"),  # p18
    (_r("37") + _r("2", '<w:vertAlign w:val="subscript"/>'), "VALUE-INVALID", "note"),
    (_r("99", '<w:color w:val="FFFFFF"/>') + _r("37"), "HIDDEN-TEXT", ""),  # p19
])
def test_what_the_pdf_does_not_show_as_the_figure_is_left_out(tmp_path: Path, runs: str, code: str, kind: str) -> None:
    pdf = _pdf(tmp_path, runs)
    report = load_report(pdf)
    assert report.tables[REQUESTS][(T3_NEW, 0)] == 37
    assert report.tables[REQUESTS][(T3_NEW, 1)] == 12
    said = [f.message for f in report.import_findings if (f.code, f.kind) == (code, kind)]
    assert len(said) == 1, report.import_findings


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="soffice not installed")
def test_white_on_a_dark_cell_and_plain_figures_are_read(tmp_path: Path) -> None:
    """Controls: white text on a dark shading is seen, and a figure of the same size beside
    another is no note mark."""
    pdf = _pdf(tmp_path, _r("9", '<w:color w:val="FFFFFF"/><w:shd w:val="clear" w:color="auto" w:fill="1F4E79"/>')
               + _r("37"))
    report = load_report(pdf)
    assert report.tables[REQUESTS][(T3_NEW, 0)] == 937
    assert not [f for f in report.import_findings if f.code == "HIDDEN-TEXT" or f.kind == "note"]
