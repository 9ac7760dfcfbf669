"""A third- or fourth-level head on a line of its own (GB/T 9704 7.3.3: “1.”, “（1）”) stays with
the paragraph it heads: no page ends with one, in print and in LibreOffice's rendering of the
.docx.  They were body paragraphs without keep-with-next, and 5 of 5 full pages of a report of
29 such heads ended with one, its text overleaf (rev25d F7).  A run-in “1.规章公开。本年度…” is a
paragraph and breaks as one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.io import save_report
from app.plan import TextBlock, build_plan
from app.reading import load_report
from app.report import Paragraph
from tests.conftest import SAMPLE
from tests.pdfmake import libreoffice_pdf, needs_soffice
from tests.ui.printcheck import needs_poppler, pdf_pages_text
from ui.printing import export_pdf

BODY = "本机关严格落实政府信息公开各项制度要求，" * 4
HEAD = re.compile(r"(?:\d+\.|（\d+）)\s*第\s*\d+\s*项工作情况")  # (pdftotext spaces digits off)


def _report():  # type: ignore[no-untyped-def]
    r = load_report(SAMPLE)
    r.sections["一"] = [p for k in range(1, 30) for p in (
        Paragraph.plain(f"{k}.第{k}项工作情况" if k % 2 else f"（{k}）第{k}项工作情况"), Paragraph.plain(BODY[: 60 + k % 3]))]
    return r


def _ending_heads(pdf: Path) -> list[str]:
    ends = []
    for page in pdf_pages_text(pdf):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if lines and HEAD.fullmatch(lines[-1]):
            ends.append(lines[-1])
    return ends


def test_the_plan_keeps_a_head_not_a_run_in_one() -> None:
    r = _report()
    r.sections["二"] = [Paragraph.plain("1.规章公开。本年度制发规章3件。"), Paragraph.plain("正文。")]
    kept = {b.text: b.keep_next for b in build_plan(r) if isinstance(b, TextBlock)}
    assert kept["1.第1项工作情况"] and kept["（2）第2项工作情况"]
    assert not kept["1.规章公开。本年度制发规章3件。"] and not kept[BODY[:61]]


@needs_poppler
def test_no_printed_page_ends_with_a_head(qapp: QApplication, tmp_path: Path) -> None:
    export_pdf(_report(), tmp_path / "r.pdf")
    assert _ending_heads(tmp_path / "r.pdf") == []


@needs_poppler
@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="LibreOffice not installed")
def test_no_page_of_the_docx_ends_with_a_head(tmp_path: Path) -> None:
    save_report(_report(), tmp_path / "r.docx")
    assert _ending_heads(libreoffice_pdf(tmp_path / "r.docx", tmp_path / "lo")) == []


@pytest.mark.parametrize("end", ["；", "", "，"])
def test_a_list_of_short_numbered_items_is_no_keep_chain(end: str) -> None:
    """Each “N.…栏目；” kept with the next made the list one chain that moved whole to the next
    page, leaving this one 7 lines short, in both renderings (rev25d F12)."""
    r = _report()
    items = [f"{k}.第{k}类信息栏目{end}" for k in range(1, 21)]
    r.sections["二"] = [Paragraph.plain(BODY), *map(Paragraph.plain, items), Paragraph.plain(BODY)]
    kept = {b.text: b.keep_next for b in build_plan(r) if isinstance(b, TextBlock)}
    assert not any(kept[item] for item in items)
    assert kept["1.第1项工作情况"]  # a head over its paragraph still is
