"""One enormous token (app/pdfread/bounds.py): pdfminer gathers a word, string, name, number
or comment by gluing each piece it reads onto what it has — the square of the token's length in
copying, and no deadline looked at inside one token.  A cut-off PDF followed by a 30 MB word took
the whole 8 s deadline; a page drawing one 30 MB word, or a string of two million escapes, took
minutes.  Now a token is capped (its length and the bytes glued) and is damage: one line, well
inside the deadline.  An inline picture's data is gathered in linear time and capped too; it
ends where pdfminer's ends, so the page's text after it reads as before."""

from __future__ import annotations

import io
import time
import zlib
from pathlib import Path

import pytest

import app.pdfread as pdfread
from app.errors import ReadError
from app.limits import MAX_PDF_TOKEN_BYTES
from app.pdfread import bounds
from app.reading import load_report
from tests.hostile_pdf import one_line_error as _error
from tests.hostile_pdf import one_page, stream
from tests.pdfmake import plain_pdf

MB = 2**20
_CUT_SHORT = "PDF 文件不完整（后面的部分缺失，可能没有下载完或复制时中断），无法读取；请重新下载或复制一份再打开"


def _refused(path: Path) -> str:
    """The one message reading ``path`` gives, and that it was not the deadline that gave it
    (no timing: a bound that did not act takes the full 8 processor seconds or more)."""
    started = time.process_time()
    with pytest.raises(ReadError) as caught:
        load_report(path)
    assert time.process_time() - started < pdfread.TIME_LIMIT_S / 4
    return str(caught.value)


# Each kind of token pdfminer gathers piece by piece, 30 MB of it (or as many escapes as take
# minutes): a word, a literal string, a string of escapes, a name of #xx escapes, a hex string,
# a number, a string of nested brackets, a comment.
TOKENS = {
    "word": b"A" * 30 * MB,
    "string": b"(" + b"A" * 30 * MB + b")",
    "escapes": b"(" + b"\\101" * (2 * MB) + b")",
    "name": b"/" + b"#41" * (3 * MB),
    "hex": b"<" + b"41" * (15 * MB) + b">",
    "number": b"1" * 30 * MB,
    "brackets": b"(" * (4 * MB),
    "comment": b"%" + b"A" * 30 * MB,
}


@pytest.mark.parametrize("kind", [k for k in TOKENS if k != "comment"])  # a comment ends at a line break: no object
def test_a_cut_off_pdf_then_one_huge_token_is_said_cut_short(tmp_path: Path, kind: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """The tester's case: pdfminer's recovery scan reads the object the file was cut in, and
    the junk after it is one token; the file has no end (no startxref): said incomplete."""
    pdf = plain_pdf(tmp_path / "plain.pdf", [[f"line {j} of page {i}" for j in range(30)] for i in range(3)]).read_bytes()
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(pdf[: len(pdf) // 2] + TOKENS[kind])
    assert _refused(path) == f"{path}：{_CUT_SHORT}"
    assert _CUT_SHORT in _error(path, capsys)


INLINE = b"BI /W 1 /H 1 /CS /G /BPC 8 ID "


@pytest.mark.parametrize("kind", [*TOKENS, "inline picture without its end", "inline picture of E"])
def test_a_page_drawing_one_huge_token_is_damaged(tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Inside a page: 30 MB inflated from 30 KB (the page's compressed size is far under its cap)."""
    drawing = {"inline picture without its end": INLINE + b"x" * 30 * MB,
               # pdfminer went a byte at a time after each E, gluing
               "inline picture of E": INLINE + b"E" * 30 * MB + b" EI Q"}.get(kind) or TOKENS[kind]
    path = tmp_path / "page.pdf"
    path.write_bytes(one_page([stream(zlib.compress(drawing, 9), b"/Filter /FlateDecode")]))
    assert _refused(path) == f"{path}：第1页已损坏，无法读取"
    assert "第1页已损坏" in _error(path, capsys)


def _token(data: bytes) -> object:
    from pdfminer.psparser import PSBaseParser

    bounds.install()
    return PSBaseParser(io.BytesIO(data)).nexttoken()[1]


def test_a_token_up_to_the_cap_is_read_whole() -> None:
    """A long token a real file has — a signature's /Contents, tens of KB of hex — and one just
    under the cap read as pdfminer reads them; one byte more is refused."""
    assert _token(b"<" + b"4a" * 40_000 + b">") == b"J" * 40_000
    assert _token(b"(" + b"A" * (MAX_PDF_TOKEN_BYTES - 1) + b")") == b"A" * (MAX_PDF_TOKEN_BYTES - 1)
    assert _token(b"(" + b"A" * MAX_PDF_TOKEN_BYTES + b")") == b"A" * MAX_PDF_TOKEN_BYTES
    with pytest.raises(bounds.TokenLimit):
        _token(b"(" + b"A" * (MAX_PDF_TOKEN_BYTES + 1) + b")")
    # binary data in a literal string, every other byte escaped: 16 KB (a signature) is read
    assert _token(b"(" + b"\\001A" * 8192 + b")") == b"\x01A" * 8192
    assert _token(b"/Name#20with#20escapes ") .name == "Name with escapes"  # type: ignore[attr-defined]


def test_the_bytes_glued_are_capped_whatever_the_length() -> None:
    """A string of escapes glues one byte at a time: a token of 100,000 bytes (well under the
    length cap) costs 5 GB of copying, and is refused on the copying."""
    with pytest.raises(bounds.TokenLimit):
        _token(b"(" + b"\\101" * 100_000 + b")")


def _content(data: bytes) -> object:
    from pdfminer.pdfinterp import PDFContentParser
    from pdfminer.pdftypes import PDFStream

    return PDFContentParser([PDFStream({}, data)])


# Inline pictures whose end pdfminer finds: at once, across its 4 KB reads, after an “EI” that
# is not followed by white space, after CR LF or LF (taken off the data), the ASCII85 end, and
# a stream that ends first.
_PICTURES = [
    (b"abcEI Q", b"EI"),
    (b"x" * 4093 + b"EI\nQ", b"EI"),
    (b"x" * 4094 + b"EI\nQ", b"EI"),
    (b"x" * 4095 + b"EI Q", b"EI"),
    (b"EIxEI0EI\tQ", b"EI"),
    (b"data\r\nEI Q", b"EI"),
    (b"data\nEI\rQ", b"EI"),
    (b"9jqo^BlbD-BleB1DJ+*+F(f,q~> EI Q", b"~>"),
    (b"no end at all", b"EI"),
    (b"ends with EI", b"EI"),
]


@pytest.mark.parametrize(("data", "mark"), _PICTURES)
def test_an_inline_picture_ends_where_pdfminers_ends(data: bytes, mark: bytes) -> None:
    """The same data and the same place to read on from as pdfminer 20260107's own."""
    from pdfminer.pdfinterp import PDFContentParser
    from pdfminer.psparser import PSEOF

    bounds.install()
    original = next(c for c in PDFContentParser.__mro__ if "get_inline_data" in vars(c) and c.__module__.startswith("pdfminer"))
    got = []
    for gather in (original.get_inline_data, lambda p, pos, target: bounds._inline_data(p, pos, target)):
        parser = _content(b"ID " + data)
        try:
            pos, out = gather(parser, 3, target=mark)
            got.append((pos, out, parser.charpos, parser.nexttoken()[1] if b"Q" in data else None))
        except PSEOF:
            got.append(None)
    assert got[1] == got[0]


def test_the_text_after_an_inline_picture_is_read(tmp_path: Path) -> None:
    """A page with a small inline picture, then its text: the picture counted, the text read."""
    import pdfplumber

    picture = b"q 10 0 0 10 60 700 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00EI\xff\x10\nEI Q\n"
    path = tmp_path / "inline.pdf"
    path.write_bytes(one_page([stream(picture)]))
    bounds.install()
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert "".join(c["text"] for c in page.chars) == "Report 2023"
        assert len(page.images) == 1
