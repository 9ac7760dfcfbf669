"""A numbered line of text that names a section's subject — “1.全年主动公开政府信息3500条。” under
一 — is text, not that section's heading (fixp25, found on the PDF route; the .docx route of
another's file alike): read as 二's heading it split the report there, 一's text went to 二 and
the real “二、主动公开政府信息情况” became text.  A count (3500条, 12件) or a sentence's marks
inside the line say it is text; a heading holds neither."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reading import load_report
from app.report import Report
from tests.pdfmake import libreoffice_pdf, needs_soffice, ruled
from tests.thirdparty import Spec, build

ONE = ["1.全年主动公开政府信息3500条。", "2.依申请公开方面，本年共收到申请12件。", "（三）全年行政复议0件"]


def _one_read_right(r: Report) -> None:
    said = [f.message for f in r.import_findings if "标题" in f.message]
    assert not said, said
    assert [p.text for p in r.sections["一"]] == ONE
    assert r.section_text("二") == ""


def test_numbered_lines_of_text_in_a_docx(tmp_path: Path) -> None:
    _one_read_right(load_report(build(Spec(text={"一": ONE}), tmp_path / "r.docx")))


@pytest.mark.skipif(needs_soffice, reason="LibreOffice makes the PDF")
def test_numbered_lines_of_text_in_a_pdf(tmp_path: Path) -> None:
    src = ruled(build(Spec(text={"一": ONE}), tmp_path / "r.docx"), tmp_path / "ruled.docx")
    _one_read_right(load_report(libreoffice_pdf(src, tmp_path)))


@pytest.mark.parametrize("heading", ["1.主动公开政府信息情况", "二、主动公开政府信息情况。", "（二）主动公开政府信息情况"])
def test_headings_in_other_forms_are_still_headings(tmp_path: Path, heading: str) -> None:
    r = load_report(build(Spec(headings={"二": heading}, text={"二": ["全年主动公开政府信息3500条。"]}), tmp_path / "r.docx"))
    assert r.section_text("二") == "全年主动公开政府信息3500条。" and r.section_text("一") == "本年度工作正常开展。"
