"""Hostile files against the reader's passes one by one, within the part caps (8 MB, a million
elements): each read or refused in one line, never a hang.  The class: a pass whose work grows
faster than the file.  Before (rev29, second round): one paragraph of many runs and no
properties was searched whole for its w:pPr at each hidden, white or pulled-back run (8,000
such runs: 30-60 s); a field's code was found by looking back through every open field; each
nested simple field joined all the text under it; a paragraph's line breaks made paragraphs
past the body's cap."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, rewrite_docx
from tests.hostile import run_one

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="run_one forks")

_RUN = "<w:r><w:t>1</w:t></w:r>"


def _before_the_section(extra: str) -> Callable[[str], str]:
    def edit(xml: str) -> str:
        at = xml.rindex("<w:sectPr")
        return xml[:at] + extra + xml[at:]
    return edit


def _read_or_refused(path: Path) -> str:
    outcome = run_one(path, timeout=20)
    assert outcome.result in ("read", "refused"), outcome
    assert outcome.result == "read" or any("\u4e00" <= ch <= "\u9fff" for ch in outcome.message), outcome
    return outcome.result


@posix_only
@pytest.mark.parametrize("props", [
    "<w:vanish/>",  # hidden (app/docx/hidden.py)
    '<w:color w:val="FFFFFF"/>',  # white on the page (app/docx/invisible.py, the backdrop)
    '<w:spacing w:val="-2"/>',  # letters pulled back: judged at the styles' size (charstyles.style_sizes)
], ids=["hidden", "white", "pulled-back"])
def test_a_paragraph_of_many_marked_runs_is_looked_at_once(tmp_path: Path, props: str) -> None:
    """30,000 such runs between plain ones, in one paragraph without properties: before, some
    14 times the 8,000 that took 30-60 s."""
    marked = f"<w:r><w:rPr>{props}</w:rPr><w:t>1</w:t></w:r>"
    path = rewrite_docx(SAMPLE, tmp_path / "一段.docx",
                        _before_the_section("<w:p>" + (marked + _RUN) * 30_000 + "</w:p>"))
    _read_or_refused(path)


@posix_only
def test_fields_nested_past_their_separates_are_read_at_once(tmp_path: Path) -> None:
    """50,000 fields each opened inside the last one's result: each shown run looked back
    through all the fields open around it."""
    n = 50_000
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
             + _RUN)
    ends = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' * n
    path = rewrite_docx(SAMPLE, tmp_path / "嵌套域.docx", _before_the_section("<w:p>" + field * n + ends + "</w:p>"))
    _read_or_refused(path)


@posix_only
def test_simple_fields_nested_deep_are_judged_on_a_bounded_result(tmp_path: Path) -> None:
    deep = 240  # libxml2 refuses beyond 256 levels
    xml = ('<w:p>' + '<w:fldSimple w:instr="QUOTE">' * deep + _RUN * 250_000 + "</w:fldSimple>" * deep + "</w:p>")
    path = rewrite_docx(SAMPLE, tmp_path / "嵌套简单域.docx", _before_the_section(xml))
    _read_or_refused(path)


@posix_only
def test_the_lines_of_one_paragraph_count_against_the_paragraph_cap(tmp_path: Path) -> None:
    """Each line is a paragraph to the passes after app/docx/linebreaks.py: 150,000 lines are
    past MAX_BLOCKS as 150,000 paragraphs are (before: read, at 300,000 10 s and 320 MB)."""
    xml = "<w:p><w:r>" + "<w:t>1</w:t><w:br/>" * 150_000 + "</w:r></w:p>"
    path = rewrite_docx(SAMPLE, tmp_path / "换行.docx", _before_the_section(xml))
    outcome = run_one(path, timeout=20)
    assert outcome.result == "refused" and "正文超过" in outcome.message, outcome


@posix_only
def test_a_paragraph_of_many_sentences_is_checked_at_once(tmp_path: Path) -> None:
    """The text checks (app/checks/scope.py, mismatch.py) found each figure's clause by scanning
    the paragraph from its start: 10,000 sentences with figures in one paragraph of the first
    section (145,000 characters, under the checks' 200,000) were over 20 s; 7,000, 13 s."""
    assert _one_long_paragraph(tmp_path / "长段.docx", "本机关2021年共收到政府信息公开申请12件，办结12件。", 10_000) == "read"


@posix_only
def test_a_paragraph_of_many_last_year_mentions_is_checked_at_once(tmp_path: Path) -> None:
    """The stale-year check (app/checks/dates.py _left_alone) found each earlier year's clause and
    sentence by scanning the paragraph from its start, as scope.py did before (ddb2ca7): 7,000
    sentences naming the year before the report's (2020 in a 2021 report) in one paragraph
    (182,000 characters, under the checks' 200,000) took over a minute; 4,000, 12 s of checking."""
    assert _one_long_paragraph(tmp_path / "去年.docx", "本机关2020年共收到政府信息公开申请12件，办结12件。", 7_000) == "read"


@posix_only
def test_last_year_mentions_with_no_break_between_are_checked_at_once(tmp_path: Path) -> None:
    """The same check once the scan back was gone (d04e5b6) still searched forward from each
    mention to its clause's and its sentence's end, and copied them: a paragraph with no
    punctuation, 16,000 mentions of 2020 (192,000 characters, under the checks' 200,000), was
    the whole paragraph each time: 8,000 took 13 s of checking, 16,000 about a minute."""
    assert _one_long_paragraph(tmp_path / "去年无标点.docx", "本机关2020年收到申请", 16_000) == "read"


def _one_long_paragraph(dest: Path, sentence: str, times: int) -> str:
    """The sample with ``sentence`` ``times`` over as one paragraph after 总体情况's first, read
    as the window reads it: "read", or why not."""

    def edit(xml: str) -> str:
        at = xml.index("</w:p>", xml.index("总体情况")) + len("</w:p>")
        return xml[:at] + f"<w:p><w:r><w:t>{sentence * times}</w:t></w:r></w:p>" + xml[at:]

    return _read_or_refused(rewrite_docx(SAMPLE, dest, edit))
