"""A page's drawing read by our own tokenizer (app/pdfread/content.py) runs exactly the operators
pdfminer's parser and loop run, with the same operands, in the same order, counting the same
tokens: on every odd token pdfminer reads (names with # escapes, odd hexadecimal strings,
escaped and nested strings, numbers it drops, inline pictures, dictionaries, procedures,
comments, a token cut by the end of a stream…), drawn at random and split across streams;
and a page, or a whole PDF, reads character for character and PageRead for PageRead the same
— our own long export, LibreOffice's, hand-made and hostile pages.  A mutation of the new
parser makes the comparison fail."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import app.pdfread as pdfread
from app.pdfread import bounds, content

# operators and how many operands each takes (pdfminer's, and the quote operators' names)
_OPERATORS = {"Tj": 1, "TJ": 1, "Td": 2, "Tf": 2, "cm": 6, "re": 4, "q": 0, "Q": 0, "BT": 0, "ET": 0, "BDC": 2,
              "BMC": 1, "EMC": 0, "d": 2, "w": 1, "T_a": 0, "_q": 1, "_w": 3, "BI": 0, "EI": 1, "gs": 1, "f_a": 0}


def _recorder() -> type:
    """An interpreter whose every operator writes down its operands (pdfminer's execute and
    ours look the methods up the same way)."""
    from pdfminer.pdfinterp import PDFPageInterpreter

    def method(name: str, nargs: int) -> Any:
        args = ", ".join(f"a{i}" for i in range(nargs))
        scope: dict[str, Any] = {}
        exec(f"def do_{name}(self{', ' if args else ''}{args}):\n    self.log.append(({name!r}, [{args}]))", scope)
        return scope[f"do_{name}"]

    attrs = {f"do_{name}": method(name, n) for name, n in _OPERATORS.items()}
    return type("Recorder", (PDFPageInterpreter,), attrs)


def _streams(parts: list[bytes]) -> list[Any]:
    from pdfminer.pdftypes import PDFStream

    out = []
    for i, data in enumerate(parts):
        s = PDFStream({"Length": len(data)}, data)
        s.objid = 1000 + i
        out.append(s)
    return out


def _run(execute: Any, parts: list[bytes]) -> tuple[list[Any], list[Any], int, str]:
    """What the operators were given, what was left on the stack, the tokens counted and the
    error raised (its type), reading ``parts`` as one page's streams with ``execute``."""
    pdfread._open  # noqa: B018 - the installs below are pdfread's
    from pdfminer.pdfinterp import PDFResourceManager

    content.install()
    interp = _recorder()(PDFResourceManager(), None)
    interp.log = []
    interp.argstack = []
    interp.stream_ids = set()
    error = ""
    with bounds.page():
        try:
            execute(interp, _streams(parts))
        except Exception as e:  # the same damage must be found the same way
            error = type(e).__name__
        counted = bounds.current_page()
        assert counted is not None
        return interp.log, interp.argstack, counted[0], error


def _both(parts: list[bytes]) -> None:
    from app.pdfread import bounds as b
    b.install()
    ours = _run(content.execute, parts)
    content.install()
    theirs = _run(content.pdfminer_execute, parts)
    assert repr(ours) == repr(theirs)


_PIECES = [
    b"0", b"12", b"-3", b"+4", b"5.", b".5", b"-.25", b"1.2.3", b"--5", b"-", b".", b"+.", b"1..", b"007",
    b"123456789012345678901234567890123456789", b"1e5", b"12abc",
    b"/F1", b"/", b"/A#20B", b"/a#", b"/\xe4\xb8\xad", b"/\xff", b"/Name/Next",
    b"<0067>", b"<123>", b"<4 1 4>", b"<>", b"<00>>", b"< 41>", b"<0G>", b"<<", b">>", b">", b"<",
    b"(abc)", b"(a\\(b)", b"(a(b)c)", b"(\\053\\0\\7777)", b"(\\q)", b"(line\\\ncut)", b"(\\r\\n\\t\\b\\f\\\\)",
    b"(\\400)", b"(", b")", b"(\\12", b"(\r\n)",
    b"Tj", b"TJ", b"Td", b"Tf", b"cm", b"re", b"q", b"Q", b"BT", b"ET", b"BDC", b"BMC", b"EMC", b"d", b"w",
    b"T*", b"'", b'"', b"f*", b"gs", b"Tj#", b"true", b"false", b"null", b"xyz", b"Tj0",
    b"[", b"]", b"{", b"}", b"%comment\n", b"%c", b"\x00", b"\x80", b"#",
    b"BI /W 1 /H 1 /BPC 8 /CS /G ID \x01 EI", b"BI /W 1 ID x", b"ID", b"EI",
    b"<< /MCID 0 >>", b"<< /A [1 2 <</B 3>>] >>", b"<< /A >>", b"[1 [2 3] (x)]", b"[ >>", b"<< ]",
]
_GAPS = [b" ", b"", b"\n", b"\r\n", b"\t", b"\x0c"]


@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_GAPS)), max_size=40),
       st.lists(st.integers(0, 400), max_size=3))
@settings(max_examples=1500, deadline=None)
def test_any_drawing_runs_the_operators_pdfminer_runs(pieces: list[tuple[bytes, bytes]], cuts: list[int]) -> None:
    data = b"".join(p + g for p, g in pieces)
    points = sorted({min(c, len(data)) for c in cuts})
    parts = [data[a:b] for a, b in zip([0, *points], [*points, len(data)], strict=True)]
    _both(parts)


@pytest.mark.parametrize("parts", [
    [b"BT /F1 12 Tf 72 700 Td <0067> Tj 1 0 0 1 0 0 cm ET"],
    [b"[1 2", b"3] TJ"],  # an array across two streams
    [b"/F", b"1 12 Tf"],  # a name cut by the end of a stream: two names
    [b"q /", b"F1 12 Tf"],  # “/” at a stream's end: the name goes on in the next
    [b"(abc", b"def) Tj"],  # a string across streams
    [b"<00", b"67> Tj"],
    [b"12 <00>", b"> Tj"],  # a hex string at a stream's end, “>” beginning the next: “>>”
    [b"12", b"34 w"],  # a number cut by the end of a stream: two numbers
    [b"/P <</MCID 0>> BDC (x) Tj EMC"],
    [b"1 2 3 4 re BI /W 1 /H 1 ID \x00\x01 EI Q (a) Tj"],
    [b"q " * 5000],  # past the check every 1,024 tokens
])
def test_these_drawings_run_as_in_pdfminer(parts: list[bytes]) -> None:
    _both(parts)


def test_a_drawing_past_the_page_limit_stops_where_pdfminer_stops(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounds, "MAX_PDF_PAGE_TOKENS", 3000)
    ours = _run(content.execute, [b"1 w " * 2000])
    assert ours[3] == "PageLimit"
    assert len(ours[0]) == 1535  # 3072 tokens counted: the limit looked at every 1,024
    assert repr(ours) == repr(_run(content.pdfminer_execute, [b"1 w " * 2000]))


@pytest.mark.parametrize("mutation", ["hex", "literal", "number", "name"])
def test_a_mutation_of_the_tokenizer_is_found(monkeypatch: pytest.MonkeyPatch, mutation: str) -> None:
    """The comparison above sees a parser that reads one kind of token a little wrong."""
    drawing = [b"BT /F1 12 Tf 72.5 700 Td <0067> Tj (a\\(b) Tj [<01> -3 <02>] TJ ET /Sp gs"]
    _both(drawing)
    if mutation == "hex":
        monkeypatch.setattr(content, "_hex", lambda digits: bytes.fromhex(digits.decode()[::-1]))
    elif mutation == "literal":
        monkeypatch.setattr(content, "_literal", lambda raw: raw)
    elif mutation == "number":
        monkeypatch.setattr(content, "float", lambda text: round(float(text)), raising=False)
    else:
        monkeypatch.setattr(content, "str", lambda raw, enc: raw.decode(enc).lower(), raising=False)
    with pytest.raises(AssertionError):
        _both(drawing)


# -- whole PDFs: the same characters, the same pages ------------------------------------------------

def _same_pages(path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """The pages read with our tokenizer and with pdfminer's are the same; the characters read."""
    from pdfminer.pdfinterp import PDFPageInterpreter

    from tests.test_pdfread_glyphs import _glyphs

    fast, fast_glyphs = pdfread._read_pages(path), _glyphs(path)
    with monkeypatch.context() as m:
        m.setattr(PDFPageInterpreter, "execute", content.pdfminer_execute)
        slow, slow_glyphs = pdfread._read_pages(path), _glyphs(path)
    assert fast_glyphs == slow_glyphs
    assert fast == slow
    return sum(p.shown for p in fast)


@pytest.fixture(scope="module")
def long_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Our own export of a long report (tests/realistic.py's varied text): some 20 pages of
    Qt's drawing, a glyph a text-show operator."""
    from app.io import save_report
    from tests.pdfmake import our_pdf
    from tests.realistic import varied_report

    folder = tmp_path_factory.mktemp("long")
    src = folder / "long.docx"
    save_report(varied_report(9000, seed=18), src)
    return our_pdf(src, folder / "long.pdf")


def test_a_long_export_of_ours_reads_the_same(long_export: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _same_pages(long_export, monkeypatch) > 8000


def test_our_export_is_read_without_pdfminers_content_parser(long_export: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Every token of our export's pages is ours to read: pdfminer's parser (some 10 µs a token,
    ~4,000 tokens a page) reads none of them."""
    import pdfminer.pdfinterp as pdfinterp

    pdfread._open  # noqa: B018
    pages = pdfread._read_pages(long_export)  # installs the parsers
    assert len(pages) >= 18
    parser = pdfinterp.PDFContentParser
    read: list[int] = []
    original = parser.nexttoken

    def counting(self: Any) -> Any:
        read.append(1)
        return original(self)

    monkeypatch.setattr(parser, "nexttoken", counting)
    assert pdfread._read_pages(long_export) == pages
    assert not read


def test_a_hand_made_page_of_literal_strings_and_arrays_reads_the_same(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.pdfmake import plain_pdf

    drawing = ("BT /F1 12 Tf 72 300 Td [(Kerned) -250 (words\\051 2024)] TJ 0 -14 Td (a \\(b\\) \\101) Tj "
               "1.5 Tc 3 Tw 0 -14 Td [(spaced out) 120 (and words)] TJ 0 Tc 0 Tw "
               "14 TL T* (next line) ' 1 2 (quoted) \" ET 0.5 w 50 50 495 742 re S "
               "/Span <</ActualText (x)>> BDC BT /F1 9 Tf 72 100 Td (marked) Tj ET EMC")
    pdf = plain_pdf(tmp_path / "p.pdf", [["Plain text 2024", "第二行 37"], ["page two"]], drawing)
    assert _same_pages(pdf, monkeypatch) > 40


@pytest.mark.libreoffice
def test_libreoffices_pdf_reads_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.io import save_report
    from app.reading import load_report
    from tests.conftest import SAMPLE
    from tests.pdfmake import libreoffice_pdf, needs_soffice

    if needs_soffice:
        pytest.skip("LibreOffice is not installed")
    src = tmp_path / "小港.docx"
    save_report(load_report(SAMPLE), src)
    assert _same_pages(libreoffice_pdf(src, tmp_path / "lo"), monkeypatch) > 2000
