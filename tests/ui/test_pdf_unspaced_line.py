"""A justified line with nowhere to stretch — a web address broken before its long unbroken
rest, no space and no Chinese character in it — is set as Word and LibreOffice set it, its
letters at their own widths; our PDF spread the letters over the whole line
(“h t t p s :/ / w w w . g o v . c n /”)."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pdfplumber

from app.page import TAB_STOP_PT
from app.report import Paragraph, Report
from ui.print_pdf import export_pdf

URL_HEAD = "https://www.gov.cn/zhengce/"


def _line_of(pdf: Path, first: str) -> list[dict]:  # type: ignore[type-arg]
    """The characters of the line holding ``first``'s characters (the first such)."""
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            chars = page.chars
            for k in range(len(chars) - len(first)):
                if "".join(c["text"] for c in chars[k:k + len(first)]) == first:
                    top = chars[k]["top"]
                    return [c for c in chars if abs(c["top"] - top) < 1]
    raise AssertionError(f"{first} not found")


def test_an_address_line_is_not_letter_spaced(tmp_path: Path) -> None:
    r = Report(organ="某局", year=2023, date=dt.date(2024, 1, 20))
    r.sections["一"] = [Paragraph.plain(URL_HEAD + "abcdefghij" * 20)]
    export_pdf(r, tmp_path / "r.pdf")
    line = _line_of(tmp_path / "r.pdf", "https")
    head = [c for c in line if c["x0"] <= line[len(URL_HEAD) - 1]["x0"]]
    assert "".join(c["text"] for c in head) == URL_HEAD  # the rest is on the next line
    # each character where the one before it ends (Qt had added half an em after each)
    gaps = [b["x0"] - a["x1"] for a, b in itertools.pairwise(head)]
    assert max(gaps) < 0.5, gaps


def test_a_chinese_line_is_still_justified(tmp_path: Path) -> None:
    """A body line still runs to the text block's right edge."""
    r = Report(organ="某局", year=2023, date=dt.date(2024, 1, 20))
    r.sections["一"] = [Paragraph.plain("本机关" + "依法公开政府信息，" * 12)]
    export_pdf(r, tmp_path / "r.pdf")
    first = _line_of(tmp_path / "r.pdf", "本机关")
    assert first[-1]["x1"] > 515  # to the block's right edge (210 − 26 mm ≈ 521 pt)


def test_a_tab_reaches_the_next_tab_stop(tmp_path: Path) -> None:
    """A tab typed in the text goes to the next of Word's default tab stops (every 21 pt,
    settings.xml's defaultTabStop), as Word and LibreOffice set our .docx; our PDF used Qt's
    60 pt.  Measured on a paragraph's second line, whose stops Word and Qt both count from the
    text block's left edge (a first line's Qt counts from its indent)."""
    r = Report(organ="某局", year=2023, date=dt.date(2024, 1, 20))
    r.sections["一"] = [Paragraph.plain("本机关" + "依法公开" * 7 + "\t" + "符号后面的文字。")]
    export_pdf(r, tmp_path / "r.pdf")
    line = _line_of(tmp_path / "r.pdf", "符号后面")  # the second line: “开依法公开”, the tab, “符…”
    # (the tab's own text may come out as a character of its own or glued to the one before it)
    assert "".join(c["text"].strip() for c in line).startswith("开依法公开符")
    left = 28 * 72 / 25.4  # the text block's left edge, pt
    tab_end = next(c for c in line if c["text"] == "符")["x0"]
    stops = (tab_end - left) / TAB_STOP_PT
    assert abs(stops - round(stops)) < 0.05 and round(stops) == 4, stops  # the 4th stop: 84 pt


def test_a_long_paragraph_with_a_character_outside_the_bmp_is_encoded_once(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Qt counts a line's place in UTF-16 units, so a paragraph holding an emoji or a CJK Ext-B
    生僻字 is looked at in UTF-16: it was encoded whole again for every line (quadratic: a
    200,000-character paragraph's PDF took 6.8 s against 4.5 s without the character; rev31 L1).
    Once a paragraph now, and a line of an address's unbroken rest after the character is still
    set unspaced (its place in the text taken from that one encoding)."""
    from ui import print_layout

    calls: list[int] = []
    real = print_layout._utf16

    def counted(text: str) -> bytes:
        calls.append(len(text))
        return real(text)

    monkeypatch.setattr(print_layout, "_utf16", counted)
    r = Report(organ="某局", year=2023, date=dt.date(2024, 1, 20))
    r.sections["一"] = [Paragraph.plain("𠀋" + "依法公开政府信息，" * 300 + URL_HEAD + "abcdefghij" * 60)]
    export_pdf(r, tmp_path / "r.pdf")
    assert 1 <= len([n for n in calls if n > 2000]) <= 2, calls  # laid out for the page count and for drawing at most
    line = _line_of(tmp_path / "r.pdf", "abcdefghij" * 2)  # the first line of the rest alone
    assert "".join(c["text"] for c in line).startswith("abcdefghij")
    gaps = [b["x0"] - a["x1"] for a, b in itertools.pairwise(line)]
    assert max(gaps) < 0.5, gaps
