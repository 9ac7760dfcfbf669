"""Hostile files built of the Word constructs read as accepted (app/docx/joined.py) and of
equations (app/docx/mathtext.py), within the part caps (8 MB, a million elements): each read
or refused in one line, never a hang.  Before: a run of 60,000 paragraph marks deleted with
tracked changes ending in a paragraph without properties was minutes of joining (the growing
paragraph searched whole for its properties at each join); an equation of 400,000 run
properties nested 240 deep, over 40 s of looking up each one's ancestors."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, rewrite_docx
from tests.hostile import run_one

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="run_one forks")

_M = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'


def _before_the_section(extra: str) -> Callable[[str], str]:
    def edit(xml: str) -> str:
        at = xml.rindex("<w:sectPr")
        return xml[:at] + extra + xml[at:]
    return edit


def _read_or_refused(path: Path) -> None:
    outcome = run_one(path, timeout=20)
    assert outcome.result in ("read", "refused"), outcome
    assert outcome.result == "read" or any("\u4e00" <= ch <= "\u9fff" for ch in outcome.message), outcome


@posix_only
def test_a_run_of_many_deleted_paragraph_marks_is_joined_at_once(tmp_path: Path) -> None:
    marked = "<w:p><w:pPr><w:rPr><w:del/></w:rPr></w:pPr><w:r><w:t>1</w:t></w:r></w:p>" * 60_000
    path = rewrite_docx(SAMPLE, tmp_path / "删除段落标记.docx",
                        _before_the_section(marked + "<w:p><w:r><w:t>件。</w:t></w:r></w:p>"))
    _read_or_refused(path)


@posix_only
def test_an_equation_of_deeply_nested_run_properties_is_looked_at_once(tmp_path: Path) -> None:
    deep = 240  # libxml2 refuses beyond 256 levels
    zone = (f"<m:oMath {_M}><m:r><w:rPr>" + "<w:b>" * deep + "<w:i/>" * 400_000 + "</w:b>" * deep
            + "</w:rPr><m:t>1</m:t></m:r></m:oMath>")
    path = rewrite_docx(SAMPLE, tmp_path / "公式.docx", _before_the_section(f"<w:p>{zone}</w:p>"))
    _read_or_refused(path)


@posix_only
def test_equations_nested_in_one_another_are_judged_once(tmp_path: Path) -> None:
    """Each nested equation was judged alone, walking every run inside it before the script at
    the end: 240 levels of 250,000 runs."""
    deep = 240
    zone = (f"<m:oMath {_M}>" + "<m:oMath>" * deep + "<m:r><m:t>1</m:t></m:r>" * 250_000 + "<m:sSup/>"
            + "</m:oMath>" * (deep + 1))
    path = rewrite_docx(SAMPLE, tmp_path / "嵌套公式.docx", _before_the_section(f"<w:p>{zone}</w:p>"))
    _read_or_refused(path)
