"""PDF pages drawn in ways the eye does not notice: every character drawn twice (a shadow a
couple of points off, a printer's fake bold a fraction of a point off) reads once, while
characters that really repeat side by side (一一, 11, 00 in a figure) stay; a page whose
content is turned a right angle — shown upright by its /Rotate (a landscape page as some
printers write it), or lying on its side — reads as its text stands upright."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import dump
from app.reading import load_report
from app.report import Report
from app.schema import REQUESTS, T3_COL_BUSINESS, T3_COL_NATURAL, T3_COL_TOTAL, T3_NEW
from tests.pdfmake import our_pdf, plain_pdf
from tests.test_pdfread import _lines
from tests.thirdparty import Spec, build

REPEATS = "一一对应，文号1100号、2000号。"
FIGURES = {(T3_NEW, T3_COL_NATURAL): "11", (T3_NEW, T3_COL_BUSINESS): "100", (T3_NEW, T3_COL_TOTAL): "111"}


def _objects(pdf: bytes) -> dict[int, bytes]:
    """The PDF's objects by number (a classic xref file, as our export writes)."""
    out: dict[int, bytes] = {}
    for m in re.finditer(rb"(?m)^(\d+) 0 obj\b", pdf):
        end = pdf.find(b"endobj", pdf.find(b"endstream", m.end()) if b"stream" in pdf[m.end():pdf.find(b"endobj", m.end())] else m.end())
        out[int(m.group(1))] = pdf[m.end():end].strip()
    return out


def _stream(data: bytes) -> bytes:
    packed = zlib.compress(data)
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"


def redrawn(pdf: Path, dest: Path, content: Callable[[bytes], bytes],
            page: Callable[[bytes], bytes] = lambda d: d) -> Path:
    """``pdf`` with each page's content stream passed through ``content`` and each page
    dictionary through ``page``."""
    raw = pdf.read_bytes()
    objs = _objects(raw)
    pages = [n for n, o in objs.items() if re.search(rb"/Type\s*/Page\b(?!s)", o)]
    for n in pages:
        contents = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+ 0 R)", objs[n])
        assert contents is not None
        for c in map(int, re.findall(rb"(\d+) 0 R", contents[1])):
            body = objs[c]
            start = body.index(b"stream") + 6
            start += 2 if body[start:start + 2] == b"\r\n" else 1
            data = body[start:body.rindex(b"endstream")]
            if b"FlateDecode" in body[:start]:
                data = zlib.decompressobj().decompress(data)
            objs[c] = _stream(content(data))
        objs[n] = page(objs[n])
    out = bytearray(b"%PDF-1.4\n")
    offsets: dict[int, int] = {}
    for n in sorted(objs):
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + objs[n] + b"\nendobj\n"
    size = max(objs) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[i] if i in offsets else b"0000000000 65535 f \n" for i in range(1, size))
    root = re.search(rb"/Root\s+(\d+) 0 R", raw)
    assert root is not None
    out += b"trailer\n<< /Size %d /Root %s 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root[1], xref)
    dest.write_bytes(bytes(out))
    return dest


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Our export of a report with characters that really repeat: in its text and its figures."""
    folder = tmp_path_factory.mktemp("drawn")
    src = build(Spec(t3=FIGURES, text={"五": [REPEATS]}), folder / "repeats.docx")
    return our_pdf(src, folder / "repeats.pdf")


def _repeats_kept(report: Report) -> None:
    assert REPEATS in report.section_text("五")
    t3 = report.tables[REQUESTS]
    assert [t3[k] for k in FIGURES] == [11, 100, 111]


def test_the_export_reads_its_repeated_characters(exported: Path) -> None:
    _repeats_kept(load_report(exported))


@pytest.mark.parametrize("dx,dy", [(2, -2), (2, 0), (0, -2), (-1.5, 1.5), (3, -3), (0.4, 0)],
                         ids=["shadow-2pt", "shadow-right", "shadow-down", "shadow-up-left", "shadow-3pt", "fake-bold"])
def test_a_page_drawn_twice_a_little_apart_reads_once(exported: Path, tmp_path: Path, dx: float, dy: float) -> None:
    """The whole page drawn again ``dx``, ``dy`` points off, under the first drawing (a
    shadow) or over it (a fake bold): the same report, tables and all, never doubled."""
    shift = f"q 1 0 0 1 {dx} {dy} cm\n".encode()
    twice = redrawn(exported, tmp_path / "twice.pdf", lambda d: shift + d + b"\nQ\n" + d)
    report = load_report(twice)
    _repeats_kept(report)
    assert dump(report) == dump(load_report(exported))


def test_repeated_digits_in_small_type_are_no_shadow(tmp_path: Path) -> None:
    """“1100” at 5 pt: the second 1 stands its width (under 3 pt) right of the first — never
    one drawn twice — while the same line shadowed 1 pt off reads once."""
    small = "BT /F1 5 Tf 72 400 Td (1100 2000 11) Tj ET"
    shadow = "BT /F1 5 Tf 73 399 Td (1100 2000 11) Tj ET"
    assert _lines(plain_pdf(tmp_path / "s.pdf", [["Plain text"]], small)) == ["Plain text", "1100 2000 11"]
    assert _lines(plain_pdf(tmp_path / "t.pdf", [["Plain text"]], shadow + " " + small)) == ["Plain text", "1100 2000 11"]


@pytest.mark.parametrize("rotate,shown", [(90, True), (270, True), (90, False), (270, False)],
                         ids=["rotate-90", "rotate-270", "drawn-sideways-ccw", "drawn-sideways-cw"])
def test_a_page_drawn_turned_reads_upright(exported: Path, tmp_path: Path, rotate: int, shown: bool) -> None:
    """Each page's content turned a right angle on a landscape sheet, and /Rotate turning the
    sheet back (how some printers write a page); or no /Rotate, the text lying on its side as
    the viewer shows it (a table printed sideways): read as the text stands upright."""

    def page(d: bytes) -> bytes:
        box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", d)
        assert box is not None
        turn = b" /Rotate %d" % rotate if shown else b""
        return d.replace(box[0], b"/MediaBox [0 0 %s %s]%s" % (box[2], box[1], turn))

    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", exported.read_bytes())
    assert box is not None
    w, h = float(box[1]), float(box[2])

    def content(d: bytes) -> bytes:
        # the page (w × h) turned onto the landscape sheet (h × w) so that /Rotate shows it upright
        m = f"0 1 -1 0 {h} 0" if rotate == 90 else f"0 -1 1 0 0 {w}"
        return f"q {m} cm\n".encode() + d + b"\nQ\n"

    turned = redrawn(exported, tmp_path / f"turned{rotate}{shown}.pdf", content, page)
    assert dump(load_report(turned)) == dump(load_report(exported))


# 9,000 “a” at 3 pt, 90 a row 5 pt apart, 100 rows 6 pt apart: a page of glyphs to compare
_A_GRID = "".join(f"1 0 0 1 {50 + (i % 90) * 5} {100 + (i // 90) * 6} Tm (a) Tj " for i in range(9000))


def _count_comparisons(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times redrawn.py compares two glyphs (``again_near``), counted into the list's one
    item (set it to 0 to count afresh)."""
    import app.pdfread.redrawn as redrawn_module

    calls = [0]
    real = redrawn_module.again_near

    def counted(*args: float) -> bool:
        calls[0] += 1
        return real(*args)

    monkeypatch.setattr(redrawn_module, "again_near", counted)
    return calls


def test_a_glyph_is_compared_with_those_drawn_near_it_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page of 9,000 “a” (each compared with every earlier one: 40 million comparisons, 12 s)
    costs a few comparisons a glyph; drawn twice, a fraction of a point off, it reads once."""
    calls = _count_comparisons(monkeypatch)
    page = f"BT /F1 3 Tf {_A_GRID} ET"
    lines = _lines(plain_pdf(tmp_path / "a.pdf", [["Plain text"]], page))
    assert sum(line.count("a") for line in lines) == 9000 + 1  # and the “a” of “Plain text”
    assert calls[0] < 20 * 9000
    calls[0] = 0
    twice = f"{page} q 1 0 0 1 0.3 0 cm {page} Q"
    assert _lines(plain_pdf(tmp_path / "b.pdf", [["Plain text"]], twice)) == lines
    assert calls[0] < 40 * 9000


def test_one_huge_glyph_leaves_the_rest_compared_near_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One “a” drawn at 1000 pt before 9,000 small ones: its reach was every later “a”'s, each
    compared with all drawn before (14 s for 5,000), and the small ones inside it read as it drawn
    again.  A glyph is compared with those of about its size only: all 9,000 read, a few
    comparisons each; the small ones drawn twice a fraction of a point off still read once."""
    calls = _count_comparisons(monkeypatch)
    page = f"BT 1 0 0 1 50 100 Tm /F1 1000 Tf (a) Tj /F1 3 Tf {_A_GRID} ET"
    lines = _lines(plain_pdf(tmp_path / "a.pdf", [["Plain text"]], page))
    assert sum(line.count("a") for line in lines) == 1 + 9000 + 1  # the huge one, the small ones, “Plain text”'s
    assert calls[0] < 20 * 9000
    calls[0] = 0
    twice = f"{page} q 1 0 0 1 0.3 0 cm {page} Q"
    assert _lines(plain_pdf(tmp_path / "b.pdf", [["Plain text"]], twice)) == lines
    assert calls[0] < 40 * 9000
