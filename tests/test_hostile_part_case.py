"""A package whose parts are stored under names in another case than its relationships and
content types give them ("WORD/DOCUMENT.XML" for word/document.xml, a whole package upper-cased
by an old archiver): part names are compared without regard to case (ECMA-376 Part 2, as Word
opens them), so it is the report.  It was refused as damaged, or (its content types' name upper-
cased too) as an archive that is no Word document.  Two parts one name apart only in case
stay refused (tests/test_hostile_zip.py).  The same of a workbook (app/xlsxlean.py cased: openpyxl looks
parts up by their exact names, so they are handed over renamed)."""

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


def test_many_relationships_to_no_part_cost_what_they_are(tmp_path: Path) -> None:
    """A relationships part of 120,000 targets to no member, in a package of 4,900 parts: each
    looked up in any case once (a map made with the package's names), not by a walk of the names
    (21 s).  Processor seconds: a busy machine does not stretch them."""
    import os

    from tests.hostile_base import _sample_parts, _zip

    rels = b"".join(b'<Relationship Id="r%d" Type="x/i" Target="m/%d"/>' % (i, i) for i in range(120_000))
    parts = [(i.filename, d.replace(b"</Relationships>", rels + b"</Relationships>")
              if i.filename == "word/_rels/document.xml.rels" else d) for i, d in _sample_parts()]
    path = tmp_path / "关系.docx"
    path.write_bytes(_zip(parts + [(f"customXml/x{i}.xml", b"") for i in range(4900)]))
    start = sum(os.times()[:2])
    assert dump(load_report(path))["table3"] == dump(load_report(SAMPLE))["table3"]
    assert sum(os.times()[:2]) - start < 5


# -- .xlsx: openpyxl looks every part up by its exact name ------------------------------------------

def _workbook_cased(case: Callable[[str], str]) -> bytes:
    """Our exported workbook with its parts stored under ``case`` of their names (content types
    and relationships naming them as before)."""
    from tests.hostile_base import _workbook_parts, _zip

    return _zip([(case(name), data) for name, data in _workbook_parts()])


WORKBOOK_CASES: dict[str, Callable[[str], str]] = {
    "whole-package-upper": str.upper,  # [CONTENT_TYPES].XML, XL/WORKBOOK.XML, XL/_RELS/WORKBOOK.XML.RELS
    "all-but-content-types": lambda n: n if n.startswith("[") else n.upper(),
    "capitalised-folders": lambda n: n.replace("xl/", "XL/").replace("worksheets/", "Worksheets/"),
    "main-part-only": lambda n: n.upper() if n == "xl/workbook.xml" else n,
    "one-sheet-and-its-styles": lambda n: n.upper() if n in ("xl/worksheets/sheet2.xml", "xl/styles.xml") else n,
    "properties": lambda n: n.upper() if n.startswith("docProps/") else n,
}


@pytest.mark.parametrize("case", list(WORKBOOK_CASES))
def test_workbook_parts_named_in_another_case_are_the_report(tmp_path: Path, case: str) -> None:
    """Excel opens such a workbook; it was “文件已损坏或不是 Excel 工作簿”, whichever part was
    stored in another case."""
    sound = tmp_path / "原样.xlsx"
    sound.write_bytes(_workbook_cased(str))
    path = tmp_path / f"{case}.xlsx"
    path.write_bytes(_workbook_cased(WORKBOOK_CASES[case]))
    expected = dump(load_report(sound))
    assert expected["table3"] and dump(load_report(path)) == expected
    named_docx = tmp_path / f"{case}.docx"  # found by its content whatever it is called
    named_docx.write_bytes(path.read_bytes())
    assert dump(load_report(named_docx)) == expected
    out = run_app("check", path)
    assert out.returncode in (0, 1) and out.stderr == "" and str(path) in out.stdout, out.stderr


def test_a_workbook_named_as_it_says_is_handed_over_as_it_is(tmp_path: Path) -> None:
    """No copy made of a workbook whose parts are stored as named (the usual one); one stored in
    another case is copied with every part under the name the package gives it."""
    import zipfile

    from app.xlsxlean import cased

    path = tmp_path / "原样.xlsx"
    path.write_bytes(_workbook_cased(str))
    with path.open("rb") as fh:
        assert cased(fh) is fh and fh.tell() == 0
    path.write_bytes(_workbook_cased(str.upper))
    with path.open("rb") as fh, zipfile.ZipFile(cased(fh)) as z:
        assert sorted(z.namelist()) == sorted(name for name, _ in _workbook_parts_names())


def _workbook_parts_names() -> tuple[tuple[str, bytes], ...]:
    from tests.hostile_base import _workbook_parts

    return _workbook_parts()
