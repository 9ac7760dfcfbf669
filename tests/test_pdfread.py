"""Published PDFs as input: `dump` of a PDF equals `dump` of the .docx it came from — through our
own export, LibreOffice's rendering of the published Word file, of our .docx and of
third-party-style files — and bad PDFs give one message, never a traceback.

Every PDF is made here, in tmp_path (tests/pdfmake.py)."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from app.cli import check_report, dump
from app.cli import main as cli_main
from app.docx.writer import write_docx
from app.io import ReadError, save_report
from app.pdfread import MAX_PAGES
from app.reading import load_report
from app.schema import (
    T2_FEES,
    T2_ISSUED,
    T2_ONLY_COL,
    T2_RULES,
    T3_CARRIED_IN,
    T3_COL_BUSINESS,
    T3_COL_NATURAL,
    T3_COL_TOTAL,
    T3_DISCLOSED,
    T3_NEW,
    T3_ROW,
    TEXT_SECTIONS,
)
from tests.conftest import SAMPLE
from tests.hostile_pdf import one_line_error as _cli_error
from tests.pdfmake import (
    landscape_table3,
    libreoffice_pdf,
    needs_soffice,
    our_pdf,
    plain_pdf,
    ruled,
    scanned,
    watermarked,
)
from tests.test_docx_writer import make_report
from tests.test_reader import SPLIT_TABLES
from tests.thirdparty import Spec, build

T3 = {(r, c): str((r * 7 + c) % 13) for r in range(25) for c in range(7)}
T4 = {c: str(c % 4) for c in range(15)}
LONG = "本街道认真贯彻落实《中华人民共和国政府信息公开条例》，把政府信息公开作为与群众沟通的重要手段，" * 3


def findings(path: Path) -> list[tuple[str, str]]:
    return sorted((f.code, f.message) for f in check_report(load_report(path)))


def assert_same(docx_path: Path, pdf_path: Path) -> None:
    """The PDF reads exactly as its .docx: every dump field, and the same findings."""
    assert dump(load_report(pdf_path)) == dump(load_report(docx_path))
    assert findings(pdf_path) == findings(docx_path)


# -- our own PDF -----------------------------------------------------------------------------------

def test_our_export_of_the_published_report_reads_back_exactly(tmp_path: Path) -> None:
    src = tmp_path / "小港.docx"
    save_report(load_report(SAMPLE), src)
    assert_same(src, our_pdf(src, tmp_path / "小港.pdf"))


def test_round_trip_docx_our_pdf_report_with_every_cell_filled(tmp_path: Path) -> None:
    src = tmp_path / "full.docx"
    write_docx(make_report(), src)
    pdf = our_pdf(src, tmp_path / "full.pdf")
    report = load_report(pdf)
    assert report.tables == load_report(src).tables
    assert sum(v is not None for grid in report.tables.values() for v in grid.values()) > 150
    assert_same(src, pdf)


def test_a_watermark_across_the_pages_is_not_read(tmp_path: Path) -> None:
    src = tmp_path / "r.docx"
    write_docx(make_report(), src)
    pdf = watermarked(our_pdf(src, tmp_path / "r.pdf"), tmp_path / "stamped.pdf")
    assert_same(src, pdf)


def test_check_and_dump_take_a_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "r.docx"
    save_report(load_report(SAMPLE), src)
    pdf = our_pdf(src, tmp_path / "r.pdf")
    capsys.readouterr()
    assert cli_main(["check", str(pdf)]) == 1  # the sample's blank cells and text-table mismatch
    out = capsys.readouterr().out
    assert str(pdf) in out and "TEXT-TABLE-MISMATCH" in out
    assert cli_main(["dump", str(pdf)]) == 0
    assert '"organ": "宁波市北仑区人民政府小港街道办事处"' in capsys.readouterr().out


# -- LibreOffice's PDFs ------------------------------------------------------------------------------

@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="soffice not installed")
def test_libreoffice_pdf_of_the_published_word_file(tmp_path: Path) -> None:
    """Its body pasted twice, cells left blank, rows split over pages: all read as the .docx is."""
    assert_same(SAMPLE, libreoffice_pdf(SAMPLE, tmp_path))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _lost_by_libreoffice(docx_text: str, pdf_text: str, pdf: Path) -> None:
    """LibreOffice 7.4 drops a comma that would hang into the margin from the page itself:
    only such deletions are allowed, each shown to be missing from the PDF's own text."""
    layer = _squeeze(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    for op, i1, i2, _, _ in SequenceMatcher(None, docx_text, pdf_text, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        assert op == "delete" and set(docx_text[i1:i2]) <= set("，、。；："), (op, docx_text[i1 - 5: i2 + 5])
        around = _squeeze(docx_text[max(0, i1 - 6): i2 + 6])
        assert around not in layer and _squeeze(docx_text[max(0, i1 - 6): i1] + docx_text[i2: i2 + 6]) in layer


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="soffice not installed")
def test_libreoffice_pdf_of_our_docx(tmp_path: Path) -> None:
    src = tmp_path / "ours.docx"
    save_report(load_report(SAMPLE), src)
    pdf = libreoffice_pdf(src, tmp_path / "lo")
    got, want = dump(load_report(pdf)), dump(load_report(src))
    for key in TEXT_SECTIONS:
        _lost_by_libreoffice(want["sections"][key], got["sections"][key], pdf)  # type: ignore[index]
    assert {k: v for k, v in got.items() if k != "sections"} == {k: v for k, v in want.items() if k != "sections"}


THIRD_PARTY = {
    "plain-filled": Spec(t3=T3, t4=T4, t2={(T2_RULES, T2_ISSUED): "1", (T2_FEES, T2_ONLY_COL): "96171.6"},
                         text={"一": [LONG, "（一）主动公开。全年主动公开政府信息1 234条，其中APP发布20条。"]}),
    "split-table3-and-table2-as-four": SPLIT_TABLES,
    "unmerged-labels": Spec(merge_labels=False, t3={(T3_ROW["3.其他"], T3_COL_BUSINESS): "2"}),
    "edited-labels": Spec(relabel={"2.重复申请": "2.重复申清", "自然人": "自然人员"}, t3={(T3_ROW["2.重复申请"], T3_COL_NATURAL): "1"}),
    "old-2019-row": Spec(old_2019_other="3"),
    "body-twice": Spec(body_twice=True, t3={(T3_NEW, T3_COL_NATURAL): "1"}),
    "extra-column": Spec(t4=T4, extra_column={"四": "备注"}),
    "full-width-and-spaced-numbers": Spec(t3={(T3_NEW, T3_COL_NATURAL): "３", (T3_NEW, T3_COL_TOTAL): "３", (T3_CARRIED_IN, T3_COL_NATURAL): "1 2", (T3_DISCLOSED, T3_COL_NATURAL): "１２"},
                                          t2={(T2_FEES, T2_ONLY_COL): "１２.５"}),
    "headings-and-date-as-written": Spec(headings={"二": "二、行政机关主动公开政府信息情况"}, date="2024年01月05日",
                                         title="2023年某县财政局政府信息公开工作年度报告"),
}


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="soffice not installed")
@pytest.mark.parametrize("name", THIRD_PARTY)
def test_libreoffice_pdf_of_third_party_files(tmp_path: Path, name: str) -> None:
    src = ruled(build(THIRD_PARTY[name], tmp_path / "a.docx"), tmp_path / f"{name}.docx")
    assert_same(src, libreoffice_pdf(src, tmp_path / "lo"))


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="soffice not installed")
@pytest.mark.parametrize("footer", ["— {PAGE} —", "第{PAGE}页 共{PAGES}页", "-{PAGE}-", "{PAGE}"])
def test_page_numbers_and_running_headers_are_dropped(tmp_path: Path, footer: str) -> None:
    spec = Spec(t3=T3, t4=T4, text={"一": [LONG] * 6, "五": [LONG] * 3})
    src = ruled(build(spec, tmp_path / "a.docx"), tmp_path / "f.docx", page_footer=footer,
                page_header="某市某区人民政府某某街道办事处政府信息公开工作年度报告")
    pdf = libreoffice_pdf(src, tmp_path / "lo")
    first = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True).stdout
    assert _squeeze(footer.replace("{PAGE}", "1").split("共")[0]) in _squeeze(first), "the footer is there to drop"
    assert_same(src, pdf)


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="soffice not installed")
def test_a_table_over_pages_with_its_header_repeated_is_one_table(tmp_path: Path) -> None:
    spec = Spec(t3=T3, t4=T4, text={"一": [LONG] * 5})
    src = ruled(build(spec, tmp_path / "a.docx"), tmp_path / "h.docx", header_rows=3)
    pdf = libreoffice_pdf(src, tmp_path / "lo")
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split("\f")
    assert sum("申请人情况" in p for p in pages) >= 2, "the header is repeated on the next page"
    assert_same(src, pdf)


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="soffice not installed")
def test_table3_on_a_landscape_page(tmp_path: Path) -> None:
    spec = Spec(t3=T3, t4=T4, text={"一": [LONG] * 2, "五": [LONG] * 2})
    src = landscape_table3(ruled(build(spec, tmp_path / "a.docx"), tmp_path / "b.docx"), tmp_path / "l.docx")
    pdf = libreoffice_pdf(src, tmp_path / "lo")
    sizes = subprocess.run(["pdfinfo", "-f", "1", "-l", "9", str(pdf)], capture_output=True, text=True).stdout
    shapes = [float(w) > float(h) for w, h in re.findall(r"size:\s+([\d.]+) x ([\d.]+)", sizes)]
    assert True in shapes and False in shapes, "portrait pages and a landscape one"
    assert_same(src, pdf)


# -- bad input ---------------------------------------------------------------------------------------

def test_a_scan_says_it_is_a_scan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "r.docx"
    save_report(load_report(SAMPLE), src)
    scan = scanned(our_pdf(src, tmp_path / "r.pdf"), tmp_path / "扫描.pdf")
    assert "扫描件" in _cli_error(scan, capsys) and "录入" in _cli_error(scan, capsys)


def test_a_pdf_that_is_no_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = plain_pdf(tmp_path / "notice.pdf", [["Meeting notice", "Room 301, 9:00"]])
    assert "没有找到统计表格" in _cli_error(pdf, capsys)


@pytest.mark.parametrize("content", [b"%PDF-1.4\nnot really", b"<html>not a pdf</html>", b"\x00" * 100])
def test_a_broken_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    assert "PDF" in _cli_error(path, capsys)


def test_a_truncated_pdf_is_one_message_or_what_is_left(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "r.docx"
    save_report(load_report(SAMPLE), src)
    data = our_pdf(src, tmp_path / "r.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 2])
    capsys.readouterr()
    code = cli_main(["check", str(cut)])
    err = capsys.readouterr().err
    assert code in (1, 2) and "Traceback" not in err and "意外" not in err
    assert len(err.strip().splitlines()) == (1 if code == 2 else 0), err  # no pdfminer warnings


def test_a_damaged_pdf_prints_no_library_warnings(tmp_path: Path) -> None:
    """pdfminer recovers from damaged streams with English warnings: stderr has our lines only
    (a process of its own: pytest's log capture would hide what a user sees)."""
    import random
    import sys

    src = tmp_path / "r.docx"
    save_report(load_report(SAMPLE), src)
    data = our_pdf(src, tmp_path / "r.pdf").read_bytes()
    paths = []
    for seed in range(8):
        rnd = random.Random(f"warn-{seed}")
        blob = bytearray(data)
        for _ in range(40):
            blob[rnd.randrange(len(blob) // 10, len(blob))] = rnd.randrange(256)
        paths.append(tmp_path / f"flipped-{seed}.pdf")
        paths[-1].write_bytes(bytes(blob))
    done = subprocess.run([sys.executable, "-m", "app", "check", *map(str, paths)], capture_output=True,
                          text=True, timeout=300, cwd=Path(__file__).resolve().parents[1])
    assert done.returncode in (1, 2)
    assert all(line.startswith("错误：") for line in done.stderr.splitlines()), done.stderr


def test_too_many_pages_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = plain_pdf(tmp_path / "big.pdf", [[f"page {i}"] for i in range(300)])
    assert "300页" in _cli_error(pdf, capsys)


def test_a_page_with_an_enormous_drawing_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = plain_pdf(tmp_path / "huge.pdf", [["x" * 200] * 25_000])
    assert pdf.stat().st_size > 4.5 * 2**20
    assert "第1页的内容过多" in _cli_error(pdf, capsys)


def test_the_largest_accepted_pdf_is_read_through(tmp_path: Path) -> None:
    pdf = plain_pdf(tmp_path / "long.pdf", [[f"line {j} of page {i}" for j in range(40)] for i in range(MAX_PAGES)])
    with pytest.raises(ReadError, match="没有找到统计表格"):
        load_report(pdf)


def test_a_pdf_too_costly_to_parse_is_refused_between_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guard counts processor time (the same file is read alike on a busy PC and an idle one);
    past it, reading stops with one message naming the page it reached."""
    import app.pdfread as pdfread

    monkeypatch.setattr(pdfread, "TIME_LIMIT_S", 0.0)
    pdf = plain_pdf(tmp_path / "slow.pdf", [[f"line {j} of page {i}" for j in range(40)] for i in range(5)])
    with pytest.raises(ReadError, match="PDF 内容过多"):
        load_report(pdf)


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="soffice not installed")
def test_an_encrypted_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = ruled(build(Spec(), tmp_path / "a.docx"), tmp_path / "e.docx")
    options = '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"x"}}'
    pdf = libreoffice_pdf(src, tmp_path / "lo", options)
    assert "密码" in _cli_error(pdf, capsys)


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="soffice not installed")
def test_tables_without_ruling_lines_are_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """python-docx's plain tables have no borders: no cells to be found, and the message says so."""
    src = build(Spec(t3=T3), tmp_path / "plain.docx")
    assert "框线" in _cli_error(libreoffice_pdf(src, tmp_path / "lo"), capsys)


# -- how pages are drawn ---------------------------------------------------------------------------

def _lines(pdf: Path) -> list[str]:
    import pdfplumber

    from app.pdfread import glyphs
    from app.pdfread.grid import pieces_of_page
    from app.pdfread.text import chars_of_page, lines_of

    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        _, outside = pieces_of_page(page, chars_of_page(page, glyphs.of_page(page)), 1)
        return [line.text for line in lines_of(outside)]


def test_a_fake_bold_drawn_twice_is_read_once(tmp_path: Path) -> None:
    twice = "BT /F1 12 Tf 72.2 400 Td (Bold words 2024) Tj ET BT /F1 12 Tf 72.6 400.3 Td (Bold words 2024) Tj ET"
    assert _lines(plain_pdf(tmp_path / "b.pdf", [["Plain text"]], twice)) == ["Plain text", "Bold words 2024"]


def test_a_frame_round_the_page_is_no_table(tmp_path: Path) -> None:
    frame = "0.5 w 50 50 495 742 re S 50 700 m 545 700 l S"  # a border, and a rule under the header
    assert _lines(plain_pdf(tmp_path / "f.pdf", [["Inside the frame", "second line"]], frame)) == [
        "Inside the frame", "second line"]


# -- damaged PDFs ------------------------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="the runner forks")
def test_damaged_pdfs_are_read_or_refused_in_one_line(tmp_path: Path) -> None:
    """Our export with bytes flipped, cut short, or its streams' lengths lied about: each is
    read or refused with one clear line (not the catch-all), in a forked child with a time
    limit and a memory cap (tests/hostile.py's runner)."""
    import random

    from tests.hostile import run_one

    src = tmp_path / "r.docx"
    write_docx(make_report(), src)
    data = our_pdf(src, tmp_path / "r.pdf").read_bytes()
    bad = []
    for seed in range(40):
        rnd = random.Random(f"pdf-{seed}")
        blob = bytearray(data)
        if seed % 4 == 0:
            blob = blob[: rnd.randrange(len(blob))]
        elif seed % 4 == 1:
            for _ in range(rnd.randint(1, 40)):
                blob[rnd.randrange(len(blob))] = rnd.randrange(256)
        elif seed % 4 == 2:
            blob = bytearray(re.sub(rb"/Length \d+", lambda _, rnd=rnd: b"/Length %d" % rnd.randrange(10**9), bytes(blob)))
        else:
            blob = bytearray(re.sub(rb"startxref\s+\d+", b"startxref\n%d" % rnd.randrange(len(blob)), bytes(blob)))
        path = tmp_path / f"damaged-{seed}.pdf"
        path.write_bytes(bytes(blob))
        outcome = run_one(path, timeout=30, memory_mb=1536)
        if outcome.result not in ("read", "refused") or outcome.peak_mb >= 500:
            bad.append(f"{seed}: {outcome.result} {outcome.peak_mb:.0f} MB {outcome.message}")
    assert not bad, "\n".join(bad)


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="soffice not installed")
@pytest.mark.parametrize("paragraphs", [0, 1, 3])
def test_a_table_over_pages_with_part_of_its_header_repeated_reads_as_its_docx(tmp_path: Path, paragraphs: int) -> None:
    """Two of 表三's three header rows marked to repeat: LibreOffice repeats the header cells
    that span into the third row (自然人, the 勾稽关系 note) cut to the two rows and draws the
    rest of their text on, over the page's first row — over its label (a blot of both), over a
    figure (“人” on “0”), or clipped away below a row cut by the page break.  The repeat is the
    header, the text run on is none of the row's, and what it was drawn over is read: the row
    was not placed (2.其他法律行政法规禁止公开 blank), or a figure was lost as a blot, or the
    clipped text said hidden.  Where the page breaks moves with the text above the tables."""
    spec = Spec(t3=T3, t4=T4, text={"一": [LONG] * paragraphs} if paragraphs else {})
    src = ruled(build(spec, tmp_path / "a.docx"), tmp_path / "h.docx", header_rows=2)
    pdf = libreoffice_pdf(src, tmp_path / "lo")
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split("\f")
    assert sum("申请人情况" in p and "商业企业" not in p for p in pages) >= 2, "two header rows repeated, not three"
    assert_same(src, pdf)
