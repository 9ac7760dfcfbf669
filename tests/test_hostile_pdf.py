"""A PDF page bounded inside itself (app/pdfread/bounds.py): a page drawing 30,000 ruling lines
(the tester's p03, /tmp/ht-cases/cases_pdf.py) stops at the object cap, not seconds later; a
page that costs time while drawing nothing (a million operators, one enormous array) stops at
the reading's deadline inside the page.  One Chinese line each, the CLI's exit code 2."""

from __future__ import annotations

import time
import zlib
from pathlib import Path

import pytest

import app.pdfread as pdfread
from app.errors import ReadError
from app.limits import MAX_PDF_OBJECTS, MAX_PDF_PAGE_FORMS, MAX_PDF_PAGE_OBJECTS, MAX_PDF_PAGE_TOKENS
from app.pdfread import bounds
from app.reading import load_report
from tests.hostile_pdf import (
    empty_subsections,
    font_table,
    forms_fanning_out,
    objects_listed,
    one_page,
    raw_pdf,
    referring_to_itself,
    resaved,
    ruled_page,
    stream,
    text_as_outlines,
    with_xref_stream,
    xref_loop,
)
from tests.hostile_pdf import one_line_error as _error


def test_p03_a_page_of_30000_rules_stops_at_the_object_cap(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p03-30k-lines.pdf"
    path.write_bytes(ruled_page(30_000))
    started = time.process_time()
    with pytest.raises(ReadError) as caught:
        load_report(path)
    spent = time.process_time() - started
    assert str(caught.value) == (f"{path}：第1页的文字和图形过多（超过{MAX_PDF_PAGE_OBJECTS}个，年报的一页只有几千个），"
                                 "不像年度报告的一页，未读取")
    # Not a timed test: the bound is the count; this only says it was not the 8 s deadline.
    assert spent < pdfread.TIME_LIMIT_S / 2, spent
    assert "图形过多" in _error(path, capsys)


def test_a_page_at_the_object_cap_reads(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The cap (here 1,000) counts every character, picture and drawn line: 1,000 read,
    one more is refused."""
    monkeypatch.setattr(bounds, "MAX_PDF_PAGE_OBJECTS", 1000)
    path = tmp_path / "ruled.pdf"
    # 500 vertical rules + n horizontal + the 11 characters of “Report 2023”
    path.write_bytes(ruled_page(1000 - 500 - 11))
    assert "没有找到统计表格" in _error(path, capsys)
    path.write_bytes(ruled_page(1000 - 500 - 11 + 1))
    assert "第1页的文字和图形过多（超过1000个" in _error(path, capsys)


@pytest.mark.parametrize("drawing", [
    b"q Q\n" * 1_000_000,  # operators that draw nothing
    b"[" + b"0 " * 2_000_000 + b"] pop\n",  # one array of two million numbers
])
def test_a_page_of_a_million_operators_stops_at_the_token_cap(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              drawing: bytes) -> None:
    """What draws nothing costs time all the same: the page's tokens are capped."""
    path = tmp_path / "flood.pdf"
    path.write_bytes(one_page([stream(zlib.compress(drawing, 9), b"/Filter /FlateDecode")]))
    with pytest.raises(ReadError) as caught:
        load_report(path)
    assert str(caught.value) == (f"{path}：第1页的绘图指令过多（超过{MAX_PDF_PAGE_TOKENS}个，年报的一页只有几万个），"
                                 "不像年度报告的一页，未读取")
    assert "绘图指令过多" in _error(path, capsys)


def test_the_token_cap_counts_a_pages_forms_and_streams_together(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A form drawn again and again is parsed again each time: its tokens count each time."""
    monkeypatch.setattr(bounds, "MAX_PDF_PAGE_TOKENS", 20_480)
    form = stream(b"q Q\n" * 1000, b"/Type /XObject /Subtype /Form /BBox [0 0 10 10]")

    def drawing_form(times: int) -> bytes:
        return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                        b" /Resources << /XObject << /F1 5 0 R >> >> >>", stream(b"/F1 Do\n" * times), form])

    path = tmp_path / "forms.pdf"
    path.write_bytes(drawing_form(8))  # 8 × 2,002 tokens
    assert "扫描件" not in _error(path, capsys)
    path.write_bytes(drawing_form(12))  # 24,000 tokens
    assert "绘图指令过多（超过20480个" in _error(path, capsys)


def test_a_billion_laughs_of_forms_stops_at_the_form_cap(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A form drawing the next three times, thirty deep: each drawing is parsed anew (0.4 ms
    before its first token), so the token cap came after the whole 8 s deadline (15 s on a
    loaded machine); the forms drawn are counted, and it stops at the cap."""
    path = tmp_path / "forms.pdf"
    path.write_bytes(forms_fanning_out(30))
    started = time.process_time()
    with pytest.raises(ReadError) as caught:
        load_report(path)
    assert str(caught.value) == (f"{path}：第1页的图形组（表单）画了太多次（超过{MAX_PDF_PAGE_FORMS}次，年报的一页只画几次），"
                                 "不像年度报告的一页，未读取")
    assert time.process_time() - started < 4, "stopped at the cap, not the deadline"
    assert "画了太多次" in _error(path, capsys)


def test_a_page_drawing_forms_as_often_as_the_cap_reads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "forms.pdf"
    path.write_bytes(forms_fanning_out(1, MAX_PDF_PAGE_FORMS - 1))  # and the one the page draws
    assert "画了太多次" not in _error(path, capsys)


def test_a_page_costing_time_stops_at_the_deadline_inside_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The deadline (here 0.3 processor seconds) is looked at as the page's drawing is parsed:
    with one page there is no “between pages” to look at it."""
    monkeypatch.setattr(pdfread, "TIME_LIMIT_S", 0.3)
    path = tmp_path / "slow.pdf"
    drawing = b"q Q\n" * (MAX_PDF_PAGE_TOKENS // 2 - 1000)  # under the token cap: some 2 s to parse
    path.write_bytes(one_page([stream(zlib.compress(drawing, 9), b"/Filter /FlateDecode")]))
    started = time.process_time()
    with pytest.raises(ReadError) as caught:
        load_report(path)
    assert str(caught.value) == f"{path}：PDF 内容过多，0秒内未能读完（读到第1页），不像一份年度报告"
    assert time.process_time() - started < 1.5, "stopped inside the page, not after it"
    assert "PDF 内容过多" in _error(path, capsys)


def test_the_deadline_is_not_looked_at_outside_a_reading() -> None:
    bounds.check_time()  # no reading in progress: nothing to pass
    with bounds.deadline(0.0, started=time.process_time() - 1), pytest.raises(bounds.TimeLimit):
        bounds.check_time()
    bounds.check_time()


def _pages(n: int, stated: int | None = None) -> bytes:
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(n))
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                    b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % (n if stated is None else stated),
                    *[b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * n])


@pytest.mark.parametrize("stated, shown", [(None, "20000"), (3, f"{pdfread.MAX_PAGES}多")])
def test_p06_20000_pages_are_refused_before_pdfplumber_makes_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        stated: int | None, shown: str) -> None:
    """Walked as far as one past the limit: no pdfplumber page is made (it made all 20,000, and
    closing the file made them again).  A page tree understating its count is walked all the same."""
    import pdfplumber.pdf

    made: list[int] = []

    class Counted(pdfplumber.pdf.Page):  # type: ignore[misc, name-defined]
        def __init__(self, *args: object, **kwargs: object) -> None:
            made.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(pdfplumber.pdf, "Page", Counted)
    path = tmp_path / "p06-20k-pages.pdf"
    path.write_bytes(_pages(20_000, stated))
    err = _error(path, capsys)
    assert f"PDF 有{shown}页，不像一份政府信息公开工作年度报告" in err, err
    assert made == []


def test_a_pdf_of_as_many_pages_as_the_limit_is_read_through(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "blank.pdf"
    path.write_bytes(_pages(pdfread.MAX_PAGES))
    assert "没有任何文字、图片或图形" in _error(path, capsys)


# -- a page whose /Rotate turns upright text on its side ------------------------------------------

@pytest.fixture(scope="module")
def exported_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.pdfmake import sample_pdf

    return sample_pdf(tmp_path_factory.mktemp("pdf"))


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_p08_every_page_rotated_reads_as_drawn(exported_pdf: Path, tmp_path: Path, degrees: int) -> None:
    """The tester's p08: /Rotate on every page of a report drawn upright (a viewer's “rotate
    page” saved into the file).  Read as shown, every line ran sideways and the tables fell
    apart into dozens of LABEL-EDITED and VALUE-INVALID findings; read as drawn, it is the report."""
    import re

    from app.cli import dump

    rotated = tmp_path / f"旋转{degrees}.pdf"
    data, n = re.subn(rb"/Type\s*/Page\b(?!s)", b"/Type /Page /Rotate %d" % degrees, exported_pdf.read_bytes())
    assert n >= 5
    rotated.write_bytes(data)
    assert dump(load_report(rotated)) == dump(load_report(exported_pdf))


def test_text_drawn_as_outlines_is_said_so_not_called_a_scan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A page whose 1,500 characters are filled shapes (text turned into outlines, 转曲) and no
    picture: no text to read, said so — not “a scan (pictures)”, which it has none of."""
    path = tmp_path / "转曲.pdf"
    path.write_bytes(text_as_outlines())
    err = _error(path, capsys)
    assert "转成了曲线" in err and "没有可读取的文字" in err and "扫描件" not in err, err


@pytest.mark.parametrize("length", [1, 2])
def test_cross_reference_tables_linked_in_a_loop_read_as_a_viewer_shows(exported_pdf: Path, tmp_path: Path,
                                                                        length: int) -> None:
    """A /Prev that leads back to a table already read (its own, or round two updates): viewers
    stop there and show the report; pdfminer followed it until RecursionError, and the report
    was refused as damaged."""
    from app.cli import dump

    looped = tmp_path / f"环{length}.pdf"
    looped.write_bytes(xref_loop(exported_pdf.read_bytes(), length))
    assert dump(load_report(looped)) == dump(load_report(exported_pdf))


def test_a_cross_reference_stream_promising_more_than_it_holds_is_rebuilt(exported_pdf: Path, tmp_path: Path) -> None:
    """Our report with its table turned into a cross-reference stream reads as it is; with the
    stream's /W lying (an entry 999,999,999 bytes wide), pdfminer took every missing entry for an
    object in use and looked up 100 million of them when the page tree failed — the whole 8 s
    deadline, then “PDF 内容过多”.  Now such a stream is damaged: the file is rebuilt by the recovery
    scan, as viewers rebuild it, and the report read all the same."""
    from app.cli import dump

    streamed, lying = tmp_path / "流.pdf", tmp_path / "坏流.pdf"
    streamed.write_bytes(with_xref_stream(exported_pdf.read_bytes()))
    lying.write_bytes(with_xref_stream(exported_pdf.read_bytes(), b"1 999999999 2"))
    expected = dump(load_report(exported_pdf))
    assert dump(load_report(streamed)) == expected
    started = time.process_time()
    assert dump(load_report(lying)) == expected
    assert time.process_time() - started < 4


def test_a_cross_reference_table_of_a_million_empty_subsections_is_read_at_once(
        exported_pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A million “0 0” lines in the table (4 MB): pdfminer gathered each line through its parser,
    3 processor s before the first page (5.7 s wall under load).  The table's bytes are read at once and split: the
    parser gathers a handful of lines, and the report reads as it is."""
    from pdfminer.psparser import PSBaseParser

    from app.cli import dump
    from app.pdfread import source

    padded = tmp_path / "空子段.pdf"
    padded.write_bytes(empty_subsections(exported_pdf.read_bytes(), 1_000_000))
    expected = dump(load_report(exported_pdf))
    source.install()
    gathered: list[int] = []
    real = PSBaseParser.nextline

    def counted(self: PSBaseParser) -> tuple[int, bytes]:
        gathered.append(1)
        return real(self)

    monkeypatch.setattr(PSBaseParser, "nextline", counted)
    assert dump(load_report(padded)) == expected
    assert len(gathered) < 1000, len(gathered)


@pytest.mark.parametrize(("where", "said"), [
    ("contents", "没有任何文字、图片或图形"),  # no drawing left: nothing on the page
    ("length", "没有任何文字、图片或图形"),
    ("resources", "没有找到统计表格"),  # the line is read, in no font: no table in it
    ("font", "没有找到统计表格"),
    ("mediabox", "文件已损坏"),
    ("chain", "没有找到统计表格"),  # references followed as far as they lead
])
def test_an_object_referring_to_itself_is_null_not_a_hang(tmp_path: Path, where: str, said: str) -> None:
    """“6 0 obj 6 0 R endobj” (a 634-byte file): pdfminer followed the reference round and
    round, never reading a byte to look at the clock — the reader hung past its 8 s deadline
    (killed at 40 s).  A reference that leads back to itself is null, as viewers take it, and
    the file is read or refused at once."""
    from tests.hostile import run_one

    path = tmp_path / f"自指-{where}.pdf"
    path.write_bytes(referring_to_itself(where))
    outcome = run_one(path, timeout=20)
    assert outcome.result == "refused" and said in outcome.message, outcome


@pytest.mark.parametrize(("count", "kind", "pages"), [
    (400_000, b"n", False),  # 7.6 MB, read at once: the damaged page tree made pdfminer try each (the deadline)
    (500_000, b"f", True),  # 9.5 MB of free entries: past what is read at once, left to pdfminer line by line
])
def test_a_cross_reference_listing_objects_by_the_hundred_thousand_is_refused_at_once(
        exported_pdf: Path, tmp_path: Path, count: int, kind: bytes, pages: bool) -> None:
    """A report's PDF lists a few hundred objects.  400,000 listed in a table with the page tree
    damaged hung the reader to its deadline (30 s wall under load, “PDF 内容过多”): pdfminer looked
    up every one for a page.  A table longer than 8 MB went to pdfminer's own line-by-line reading
    (15 s for 47 MB of entries; this one read after 1 s).  Both are refused in one line, in a
    child bounded well below the deadline."""
    from tests.hostile import run_one

    path = tmp_path / "对象过多.pdf"
    path.write_bytes(objects_listed(exported_pdf.read_bytes(), count, kind, pages))
    outcome = run_one(path, timeout=20)
    assert outcome.result == "refused", outcome
    assert f"对象登记表（交叉引用表）过大（超过{MAX_PDF_OBJECTS}个对象" in outcome.message, outcome


def test_a_pdf_listing_as_many_objects_as_the_limit_reads(exported_pdf: Path, tmp_path: Path) -> None:
    from app.cli import dump

    own = exported_pdf.read_bytes()
    listed = int(own[own.rindex(b"\nxref") + 5:].split()[1])
    path = tmp_path / "对象上限.pdf"
    path.write_bytes(objects_listed(own, MAX_PDF_OBJECTS - listed + 1, b"n"))  # entry 0 is free
    assert dump(load_report(path)) == dump(load_report(exported_pdf))


@pytest.mark.parametrize("kind", ["widths", "tounicode"])
def test_a_font_table_of_a_hundred_million_codes_is_refused_not_expanded(tmp_path: Path, kind: str) -> None:
    """A CID font's /W “0 99999999 500”, or one range of its ToUnicode CMap, is a few
    bytes that pdfminer expanded into a dictionary entry for every code: a 700-byte PDF took
    1.35 GB and 9 s (widths), 1.5 GB and a hang past 40 s (ToUnicode).  A font has at most 65,536
    glyphs: past twice that its table is refused, in a fraction of a second and a few MB."""
    from app.pdfread.fontmaps import MAX_FONT_ENTRIES
    from tests.hostile import run_one

    path = tmp_path / f"字体-{kind}.pdf"
    path.write_bytes(font_table(kind))
    outcome = run_one(path, timeout=20, memory_mb=1024)
    assert outcome.result == "refused", outcome
    assert f"一种字体的宽度表或编码表过大（超过{MAX_FONT_ENTRIES}项" in outcome.message, outcome
    assert outcome.peak_mb < 200, outcome


@pytest.mark.parametrize("kind", ["widths", "tounicode"])
def test_a_font_table_of_every_two_byte_code_reads(tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    path = tmp_path / f"字体-{kind}.pdf"
    path.write_bytes(font_table(kind, last=0xFFFF))
    assert "宽度表或编码表过大" not in _error(path, capsys)  # read through: one line, no report in it


def test_a_pdf_re_saved_with_its_full_table_is_counted_once_an_object(exported_pdf: Path, tmp_path: Path) -> None:
    """rev20 L on 70c8a90: every section's objects were summed, so 3,000 objects re-saved 17 times
    with the full table (51,000 listings) were refused as 超过50000个对象.  Each object counts once."""
    from app.cli import dump

    own = exported_pdf.read_bytes()
    listed = objects_listed(own, 3000)
    path = tmp_path / "重存.pdf"
    path.write_bytes(resaved(listed, 16))
    base = tmp_path / "一次.pdf"
    base.write_bytes(listed)
    assert dump(load_report(path)) == dump(load_report(base))


def test_many_fonts_under_one_fonts_cap_are_refused_together(tmp_path: Path) -> None:
    """100 fonts listed on a page, each under one font's cap (65,536 codes of a shared 150-byte
    map): pdfminer built every one, 980 MB from a 12 KB file, stopped only by the deadline
    (rev21).  All the fonts of a document share one budget: refused within a few fonts' memory;
    four such fonts (as many as the budget allows) still read."""
    from app.pdfread.fontmaps import MAX_DOCUMENT_FONT_ENTRIES
    from tests.hostile import run_one
    from tests.hostile_pdf import many_fonts

    path = tmp_path / "字体过多.pdf"
    path.write_bytes(many_fonts(100))
    outcome = run_one(path, timeout=20, memory_mb=1500)
    assert outcome.result == "refused", outcome
    assert f"各种字体的宽度表和编码表合计过大（超过{MAX_DOCUMENT_FONT_ENTRIES}项" in outcome.message, outcome
    assert outcome.peak_mb < 250 and outcome.seconds < 8, outcome
    few = tmp_path / "字体四种.pdf"
    few.write_bytes(many_fonts(MAX_DOCUMENT_FONT_ENTRIES // 65_536))
    assert "宽度表" not in run_one(few, timeout=20).message
