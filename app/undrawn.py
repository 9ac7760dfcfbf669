"""Characters of a report that no installed font draws: where they are, said in one line.

A PDF (or a printout) of such a character shows a box; the PDF still carries the character in
its text (ui/pdf_runs.py), so nothing is lost, but the page a reader sees is wrong, and the
export must say so.  Which fonts draw what is the painting side's to find out (Qt: ui/print_fonts.py,
``undrawable``); this module stays pure: it names the characters worth asking about, and, given
the ones no font has, says where they stand.

    ask = candidates(report)               # "" for nearly every report: nothing to ask
    line = warning(report, missing, "PDF")  # None when ``missing`` is empty
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterator

from app.report import Report
from app.schema import META, PREAMBLE, SECTIONS, TABLES, section_name
from app.values import format_date

# A Chinese font on any computer this program prints on draws the whole of GB 2312 (the fonts the
# print chains end with: FangSong_GB2312, Noto CJK, WenQuanYi; ui/print_fonts.py refuses to print
# without one), so only characters outside it are asked about: most reports have none.
_SAID = 6  # characters named in the line; the rest are counted
_NO_GLYPH = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Cs"})


def _needs_a_look(ch: str) -> bool:
    if ch.isascii():
        return False
    # Spaces, controls and format marks draw no glyph to miss; a private-use character (a
    # 自造字) or one newer than Python's Unicode tables (CJK Extension H) may well be missed.
    if unicodedata.category(ch) in _NO_GLYPH:
        return False
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False


def texts(report: Report) -> Iterator[tuple[str, str]]:
    """Every text the printed report shows, with where it stands (as the findings say it)."""
    if report.organ:
        yield f"{section_name(META)}（机关名称）", report.organ
    for key in (PREAMBLE, *(spec.key for spec in SECTIONS)):
        for i, para in enumerate(report.sections.get(key, [])):
            yield f"{section_name(key)}第{i + 1}段", para.text
    for key, spec in TABLES.items():
        for (row, col), text in report.cell_texts(key).items():
            if text:
                yield spec.describe(row, col), text
    date = format_date(report.date)
    if date:
        yield "成文日期", date


def candidates(report: Report) -> str:
    """The distinct characters of ``report`` a font might lack (outside GB 2312, drawn ones);
    empty for a report written in common characters."""
    seen: set[str] = set()
    for _, text in texts(report):
        if not text.isascii():
            seen.update(text)
    return "".join(sorted(ch for ch in seen if _needs_a_look(ch)))


def places(report: Report, missing: Collection[str]) -> list[tuple[str, list[str]]]:
    """Each place holding some of ``missing``, in reading order, with its characters."""
    out: list[tuple[str, list[str]]] = []
    for where, text in texts(report):
        found = list(dict.fromkeys(ch for ch in text if ch in missing))
        if found:
            out.append((where, found))
    return out


FONTS_HINT = "含这些字的字体（如花园明朝 HanaMin）"


def warning(report: Report, missing: Collection[str], output: str, advice: str, kept: bool = True) -> str | None:
    """One line of Chinese: which characters show as boxes in ``output`` (“PDF 中”, “在本机用
    Word/WPS 打开时”…), and where, then ``advice`` (what to do: ``FONTS_HINT`` names the fonts); ``kept``:
    the file still holds the characters as text.  None when there are none."""
    if not missing:
        return None
    where = places(report, missing)
    if not where:
        return None
    chars = "".join(dict.fromkeys(ch for _, found in where for ch in found))
    said = [f"{place}的“{''.join(found)}”" for place, found in where[:3]]
    more = f"等{len(where)}处" if len(where) > 3 else ""
    # With their code points: the message shows them as boxes too, for want of the same font
    codes = "、".join(f"U+{ord(ch):04X}" for ch in chars[:_SAID])
    shown = f"“{chars}”（{codes}）" if len(chars) <= _SAID else f"“{chars[:_SAID]}”等{len(chars)}个字（{codes}…）"
    kept_text = "（文件中仍是这些字，可以复制、搜索）" if kept else ""
    return f"本机没有字体能显示{shown}，{output}这些字会显示为方框{kept_text}：{'、'.join(said)}{more}；{advice}"
