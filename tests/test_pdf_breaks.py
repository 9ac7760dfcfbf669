"""Where a PDF's paragraphs end when the lines alone cannot tell: a sentence that ends flush with
the right edge, then a section heading at the left margin (where a paragraph's continuation
lines start too).  Each PDF is our own export of a .docx written here (rev25a C26)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import dump
from app.docx.writer import write_docx
from app.reading import load_report
from app.report import Paragraph
from app.schema import PREAMBLE
from tests.pdfmake import our_pdf
from tests.test_docx_writer import make_report

LEAD = ("本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室有关要求编制，"
        "所列数据的统计期限自2023年1月1日起至2023年12月31日止。")


@pytest.mark.parametrize("n", [25, 26, 54])
def test_a_section_heading_after_a_full_last_line_starts_a_paragraph(tmp_path: Path, n: int) -> None:
    # n characters fill the export's line (25, 26) or two lines (54) exactly, ending with “。”;
    # every other paragraph is one line, so the space between paragraphs is the only pitch seen
    full = LEAD[: n - 1] + "。"
    report = make_report()
    for key in ("五", "六"):
        report.sections[key] = [Paragraph.plain("本年度无。")]
    report.sections[PREAMBLE] = [Paragraph.plain(full)]
    report.sections["一"] = [Paragraph.plain("本年度工作正常开展。"), Paragraph.plain(full)]
    src = tmp_path / "r.docx"
    write_docx(report, src)
    read = load_report(our_pdf(src, tmp_path / "r.pdf"))
    assert [p.text for p in read.sections[PREAMBLE]] == [full]
    assert [p.text for p in read.sections["一"]][-1] == full, "二's heading is not glued onto 一's last line"
    assert not [f for f in read.import_findings if "没有找到标题" in f.message]
    assert dump(read) == dump(load_report(src))
