"""A package whose parts are stored under names in another case than its relationships and
content types give them ("WORD/DOCUMENT.XML" for word/document.xml, a whole package upper-cased
by an old archiver): part names are compared without regard to case (ECMA-376 Part 2, as Word
opens them), so it is the report.  It was refused as damaged, or (its content types' name upper-
cased too) as an archive that is no Word document.  Two parts one name apart only in case
stay refused (tests/test_hostile_zip.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import dump
from app.reading import load_report
from tests.helpers import run_app
from tests.hostile_base import SAMPLE
from tests.hostile_docx import _parts_cased

CASES: dict[str, Callable[[str], str]] = {
    "whole-package-upper": str.upper,
    "all-but-content-types": lambda n: n if n.startswith("[") else n.upper(),
    "capitalised-folder": lambda n: n.replace("word/", "Word/").replace("document.xml", "Document.xml"),
    "main-part-only": lambda n: n.upper() if n == "word/document.xml" else n,
}


@pytest.mark.parametrize("case", list(CASES))
def test_parts_named_in_another_case_are_the_report(tmp_path: Path, case: str) -> None:
    path = tmp_path / f"{case}.docx"
    path.write_bytes(_parts_cased(CASES[case]))
    assert dump(load_report(path)) == dump(load_report(SAMPLE))  # as the window reads it
    out = run_app("check", path)
    assert out.returncode in (0, 1) and out.stderr == "" and str(path) in out.stdout, out.stderr
