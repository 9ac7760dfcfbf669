"""The PDF's text layer says what the page shows: every character of GB 2312 comes back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app.report import Paragraph, Report
from ui.pdf_text import make_searchable
from ui.printing import export_pdf


def gb2312() -> str:
    chars = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_every_gb2312_character_is_extracted_as_written(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = gb2312()
    report = Report(organ="某局", year=2023)
    report.sections["一"] = [Paragraph.plain(text[i : i + 400]) for i in range(0, len(text), 400)]
    export_pdf(report, tmp_path / "gb.pdf")
    out = subprocess.run(["pdftotext", "-raw", str(tmp_path / "gb.pdf"), "-"], capture_output=True,
                         text=True, check=True).stdout
    ideographs = "".join(c for c in out if "\u4e00" <= c <= "\u9fff" or "\u2e80" <= c <= "\u2fdf")
    start = ideographs.index(text[:20])  # after the title; page numbers are not ideographs
    got = ideographs[start : start + len(text)]
    assert [(a, b) for a, b in zip(text, got, strict=True) if a != b] == []


# Everything a report writes besides Chinese: Latin words with digits, addresses, numbering,
# full-width and typographic punctuation (each once in the middle of a line, not only at its end).
MIXED = [
    "本机关门户网站（www.gov12345.cn）新增H5页面和App3.0版本，受理邮箱xxgk2023@bl.gov.cn，电话0574-86781234。",
    "依据〈政府信息公开条例〉第20条和《条例》第二十一条，主动公开率达到98.5％，较上年提高2.3个百分点。",
    "访问https://zwgk.example.gov.cn/2023/index_12.html即可查看；已通过ISO9001认证（证书号CN-2023-007）。",
    "重点做好①“三安全一稳定”②‘放管服’改革③COVID-19防控等信息公开——全年共计1,234条……",
    "地址：某某路88号B座5F；邮编315800；传真0574-8678 1235；二维码见附件1、附件2。",
]


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_latin_digits_and_punctuation_are_extracted_as_written(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Paragraph by paragraph: “H5” keeps its 5 (a shaped glyph had no way back to its digit),
    〈〉 come back as U+3008/U+3009 (not the deprecated U+2329/U+232A the font also maps)."""
    report = Report(organ="某局", year=2023)
    report.sections["一"] = [Paragraph.plain(text) for text in MIXED]
    report.sections["六"] = [Paragraph.plain(text) for text in reversed(MIXED)]  # other line breaks
    export_pdf(report, tmp_path / "mixed.pdf")
    out = subprocess.run(["pdftotext", "-raw", str(tmp_path / "mixed.pdf"), "-"], capture_output=True,
                         text=True, check=True).stdout
    flat = squeeze(out)
    at = 0
    for text in [*MIXED, *reversed(MIXED)]:
        found = flat.find(squeeze(text), at)
        assert found >= 0, (text, flat[at: at + len(text) + 20])
        at = found + len(squeeze(text))
    assert "\u2329" not in out and "\u232a" not in out


def _tounicode_pdf(objects: dict[int, bytes], font_refers_to: int) -> bytes:
    """A skeleton of what Qt writes: numbered objects, a font pointing at its ToUnicode map."""
    out = b"%PDF-1.4\n"
    for number, cmap in objects.items():
        out += b"%d 0 obj\n<<\n/Length %d\n>>\nstream\n%s\nendstream\nendobj\n" % (number, len(cmap), cmap)
    return out + b"9 0 obj\n<< /Type /Font /ToUnicode %d 0 R >>\nendobj\n%%%%EOF\n" % font_refers_to


def test_only_the_tounicode_stream_is_rewritten_not_one_whose_number_ends_alike(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Object 51 is the map; 151 (same digits at the end, earlier in the file) and 510 (same
    digits at the start) must stay as they are, though they hold the same bytes."""
    cmap = b"2 beginbfrange\n<0000> <0000> <0000>\n<0001> <0003> [<2F08> <2EA0> <2329>]\nendbfrange\n"
    path = tmp_path / "t.pdf"
    path.write_bytes(_tounicode_pdf({151: cmap, 510: cmap, 51: cmap}, font_refers_to=51))
    assert make_searchable(path) == 1
    data = path.read_bytes()
    fixed = cmap.replace(b"<2F08> <2EA0> <2329>", b"<4EBA> <6C11> <3008>")  # 人民〈, as the text has them
    assert data == _tounicode_pdf({151: cmap, 510: cmap, 51: fixed}, font_refers_to=51)


def test_radical_lookup_agrees_with_the_full_table_for_every_radical(qapp) -> None:  # type: ignore[no-untyped-def]
    """The per-radical lookup gives what a table of every radical against every ideograph gives:
    the lowest ideograph with the radical's glyph in the first role font that draws it."""
    from PySide6.QtGui import QRawFont

    from ui.pdf_text import RADICALS, UNIFIED, Role, radical_equivalent
    from ui.print_fonts import font

    table: dict[int, int] = {}
    for role in Role:
        raw = QRawFont.fromFont(font(role, 12))
        by_glyph: dict[int, int] = {}
        for cp, glyph in zip(UNIFIED, raw.glyphIndexesForString("".join(map(chr, UNIFIED))), strict=True):
            by_glyph.setdefault(glyph, cp)
        for cp, glyph in zip(RADICALS, raw.glyphIndexesForString("".join(map(chr, RADICALS))), strict=True):
            if glyph and glyph in by_glyph:
                table.setdefault(cp, by_glyph[glyph])
    assert table, "no role font draws a radical like an ideograph: the test proves nothing here"
    assert {cp: radical_equivalent(cp) for cp in table} == table


def test_the_radical_tables_are_looked_up_once_per_font_and_kept(qapp, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A font's radical table is kept in the user's cache: the next process reads it rather than
    looking up 21,000 ideographs again, with the same results; a damaged file is looked up anew."""
    from ui import pdf_text

    monkeypatch.setenv("NIANBAO_CACHE_DIR", str(tmp_path))

    def fresh() -> dict[int, int | None]:  # as a new process: nothing known yet
        monkeypatch.setattr(pdf_text, "_EQUIVALENT", {})
        monkeypatch.setattr(pdf_text, "_RADICAL_TABLES", {})
        return {cp: pdf_text.radical_equivalent(cp) for cp in pdf_text.RADICALS}

    looked_up = fresh()
    assert any(v is not None for v in looked_up.values()), "no font draws a radical: the test proves nothing"
    assert pdf_text.tables_file().is_file()

    compute = pdf_text._compute_radical_table

    def refused(raw):  # type: ignore[no-untyped-def]
        raise AssertionError("looked up again although kept")

    monkeypatch.setattr(pdf_text, "_compute_radical_table", refused)
    assert fresh() == looked_up
    pdf_text.tables_file().write_bytes(b"\x00not marshal")
    monkeypatch.setattr(pdf_text, "_compute_radical_table", compute)
    assert fresh() == looked_up
    monkeypatch.setattr(pdf_text, "_compute_radical_table", refused)
    assert fresh() == looked_up  # written anew
    # Readable and of the right size, but another version's radicals: looked up anew, not a
    # KeyError in the middle of an export.
    from app import (
        dataclass_cache,  # the file as the program writes it (sealed with its crc32 since rev25b S8)
    )

    kept = dataclass_cache.load(pdf_text.tables_file())
    assert isinstance(kept, dict) and kept
    dataclass_cache.save(pdf_text.tables_file(),
                         {digest: {cp + 0x1000: v for cp, v in table.items()} for digest, table in kept.items()})
    monkeypatch.setattr(pdf_text, "_compute_radical_table", compute)
    assert fresh() == looked_up
