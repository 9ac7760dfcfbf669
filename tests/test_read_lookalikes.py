"""Look-alikes of ideographs in text read from a file (rev25a C19): a PDF's text layer — and so
PDF→Word conversions and a viewer's copy saved as text or pasted into a web page — gives ⼈
(U+2F08 KANGXI RADICAL MAN) for 人, ⻓ for 长, a compatibility ideograph for its character.
The organ, the title and the text are kept with the characters a person reads, by every route;
what the user typed into the editor (our own file) is left as typed."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from app.io import save_report
from app.reading import load_report
from app.report import Paragraph, Report
from tests.pdfmake import libreoffice_pdf, needs_soffice, ruled
from tests.test_text_copy_delimited import _copy
from tests.test_web_cms import ORGAN as WEB_ORGAN
from tests.test_web_cms import _article
from tests.thirdparty import Spec, build

# The look-alikes a PDF's text layer gives: Kangxi radicals, a simplified form of the radicals'
# supplement, a CJK compatibility ideograph (U+F9B2 for 零).
_LOOKALIKE = {"人": "\u2f08", "工": "\u2f2f", "行": "\u2f8f", "长": "\u2ed3", "门": "\u2ed4", "零": "\uf9b2"}
ORGAN = "某市某区人民政府某某街道办事处"
ONE = "本机关工作人员长期坚持开门办事，全年行政复议零纠错。"


def _lookalike(text: str) -> str:
    return "".join(_LOOKALIKE.get(ch, ch) for ch in text)


def _no_lookalike(r: Report) -> None:
    texts = [r.organ, *(p.text for paras in r.sections.values() for p in paras)]
    assert not [t for t in texts if any("\u2e80" <= ch <= "\u2fdf" or "\uf900" <= ch <= "\ufaff" for ch in t)], texts


def test_a_converted_docx(tmp_path: Path) -> None:
    path = build(Spec(organ=_lookalike(ORGAN), text={"一": [_lookalike(ONE)]}), tmp_path / "r.docx")
    r = load_report(path)
    assert r.organ == ORGAN and r.section_text("一") == ONE and r.year == 2023
    _no_lookalike(r)


def test_a_text_copy(tmp_path: Path) -> None:
    path = tmp_path / "copy.txt"
    path.write_text(_lookalike(_copy("sheet")), encoding="utf-8")
    r = load_report(path)
    assert r.organ == WEB_ORGAN
    _no_lookalike(r)


def test_a_web_page(tmp_path: Path) -> None:
    article = _article()
    path = tmp_path / "page.html"
    path.write_text(f'<html><head><meta charset="utf-8"></head><body>{_lookalike(article)}</body></html>', encoding="utf-8")
    r = load_report(path)
    assert r.organ == WEB_ORGAN and html.unescape(article).count("人") > 0
    _no_lookalike(r)


@pytest.mark.skipif(needs_soffice, reason="LibreOffice makes the PDF")
def test_a_pdf(tmp_path: Path) -> None:
    src = build(Spec(organ=_lookalike(ORGAN), text={"一": [_lookalike(ONE)]}), tmp_path / "r.docx")
    r = load_report(libreoffice_pdf(ruled(src, tmp_path / "ruled.docx"), tmp_path))
    assert r.organ == ORGAN and r.section_text("一") == ONE
    _no_lookalike(r)


def test_what_the_user_typed_is_kept(tmp_path: Path) -> None:
    """Our own file: its text is the user's, kept as typed (a radical written on purpose)."""
    report = Report(organ=_lookalike(ORGAN), year=2023)
    report.sections["一"] = [Paragraph.plain(_lookalike(ONE))]
    save_report(report, tmp_path / "own.docx")
    r = load_report(tmp_path / "own.docx")
    assert r.organ == _lookalike(ORGAN) and r.section_text("一") == _lookalike(ONE)
