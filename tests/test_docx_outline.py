"""What Word's 导航窗格, a 目录 (引用→目录, WPS's 目录) and a PDF's bookmarks list of our .docx:
headings, never paragraphs.  A run-in “（一）…。” lead with its text in one paragraph was written
whole in 标题 2 (outline level 2): the sample's four sub-heads were listed as paragraphs of
166–350 characters (rev24b W2).  Only a bare “（一）…” line has an outline level now; the run-in
ones keep their 楷体 lead and read back as sub-heads."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from app.io import save_report
from app.reading import load_report
from app.report import ParaKind
from tests.pdfmake import libreoffice_pdf, needs_soffice

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADING_CHARS = 40  # a heading is a line, a sentence at most


def _outlined(docx: Path) -> list[str]:
    """The text of every paragraph with an outline level, its own or its style's (through basedOn)."""
    with zipfile.ZipFile(docx) as z:
        doc = etree.fromstring(z.read("word/document.xml"))
        styles = etree.fromstring(z.read("word/styles.xml"))
    by_id = {s.get(f"{W}styleId"): s for s in styles.iter(f"{W}style")}

    def level(style_id: str | None) -> str | None:
        seen = set()
        while style_id and style_id not in seen and (style := by_id.get(style_id)) is not None:
            seen.add(style_id)
            if (lvl := style.find(f"{W}pPr/{W}outlineLvl")) is not None:
                return lvl.get(f"{W}val")
            based = style.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None
        return None

    out = []
    for p in doc.iter(f"{W}p"):
        own = p.find(f"{W}pPr/{W}outlineLvl")
        style = p.find(f"{W}pPr/{W}pStyle")
        lvl = own.get(f"{W}val") if own is not None else level(style.get(f"{W}val") if style is not None else "Normal")
        if lvl is not None and lvl != "9":
            out.append("".join(t.text or "" for t in p.iter(f"{W}t")))
    return out


def test_only_headings_have_an_outline_level(sample: Path, tmp_path: Path) -> None:
    report = load_report(sample)
    assert sum(p.kind is ParaKind.HEADING2 for paras in report.sections.values() for p in paras) >= 4
    save_report(report, tmp_path / "r.docx")
    outlined = _outlined(tmp_path / "r.docx")
    assert len(outlined) >= 6  # the six sections at least
    assert all(len(text) <= HEADING_CHARS for text in outlined), [t[:30] for t in outlined if len(t) > HEADING_CHARS]
    back = load_report(tmp_path / "r.docx")
    assert back.normalized().sections == report.normalized().sections  # the run-in sub-heads are sub-heads still


@pytest.mark.skipif(needs_soffice, reason="LibreOffice prints the PDF")
def test_pdf_bookmarks_are_headings(sample: Path, tmp_path: Path) -> None:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    save_report(load_report(sample), tmp_path / "r.docx")
    pdf = libreoffice_pdf(tmp_path / "r.docx", tmp_path / "lo")
    with pdf.open("rb") as f:
        marks = [title for _, title, *_ in PDFDocument(PDFParser(f)).get_outlines()]
    assert len(marks) >= 6 and all(len(m) <= HEADING_CHARS for m in marks), marks


@pytest.mark.parametrize(("text", "lead"), [
    ("（一）主动公开情况：2021年，本机关主动公开政府信息3500条。下一步将继续加强。", "（一）主动公开情况："),
    ("（二）依申请公开情况。本年度共收到申请：自然人12件。", "（二）依申请公开情况。"),
    ("（三）政府信息管理", "（三）政府信息管理"),
])
def test_the_lead_in_kaiti_ends_at_its_stop_or_colon(tmp_path: Path, text: str, lead: str) -> None:
    """A head ended by a colon set its whole first sentence in 楷体 (57 characters of body text)."""
    from app.report import Paragraph, Report

    report = Report(organ="某县财政局", year=2021)
    report.sections["一"] = [Paragraph.plain(text, ParaKind.HEADING2)]
    save_report(report, tmp_path / "r.docx")
    with zipfile.ZipFile(tmp_path / "r.docx") as z:
        doc = etree.fromstring(z.read("word/document.xml"))
    kai = "".join(t.text or "" for r in doc.iter(f"{W}r")
                  if (f := r.find(f"{W}rPr/{W}rFonts")) is not None and f.get(f"{W}eastAsia") == "楷体_GB2312"
                  for t in r.iter(f"{W}t"))
    assert kai == lead
    back = load_report(tmp_path / "r.docx")
    assert [(p.text, p.kind) for p in back.sections["一"]] == [(text, ParaKind.HEADING2)]


def test_the_style_gallery_holds_word_s_own_styles(tmp_path: Path) -> None:
    """Word's and WPS's 样式 gallery (qFormat) showed five English “NB …” entries; 标题 2 was 仿宋,
    so a “（五）…” line a user made with it in Word was not 楷体 like the others."""
    from app.report import Report

    save_report(Report(organ="某县财政局", year=2021), tmp_path / "r.docx")
    with zipfile.ZipFile(tmp_path / "r.docx") as z:
        styles = etree.fromstring(z.read("word/styles.xml"))
    gallery = {s.find(f"{W}name").get(f"{W}val") for s in styles.iter(f"{W}style") if s.find(f"{W}qFormat") is not None}
    assert gallery == {"Normal", "heading 1", "heading 2"}
    heading2 = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Heading2")
    assert heading2.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "楷体_GB2312"
