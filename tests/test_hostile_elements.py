"""An XML part of elements that hold nothing, within the 8 MB a part may inflate to: 1.4 million
empty paragraphs (<w:p/>, 6 bytes each) are 170 MB of libxml2's tree, built before the body's
paragraph cap could refuse them (a .docx: 240 MB; Word's XML document, parsed as it is
unpacked, 230 MB).  The start tags are counted before any tree is built of them (a .docx's part)
or as each slice is fed (a flat package's), against limits.MAX_XML_PART_ELEMENTS, far above
any real part's (Word's own XML has 16–30 bytes an element)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import limits
from tests.hostile import run_one
from tests.hostile_base import _sample_parts, _zip
from tests.test_docx_flat import _hostile_flat, _xml_part

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_EMPTY = (limits.MAX_XML_PART_BYTES - 200) // 6  # <w:p/>s that fit a part


def _docx(dest: Path) -> Path:
    body = f"<w:document {_W}><w:body>{'<w:p/>' * _EMPTY}</w:body></w:document>".encode()
    dest.write_bytes(_zip([(i.filename, body if i.filename == "word/document.xml" else d) for i, d in _sample_parts()]))
    return dest


def _flat(dest: Path) -> Path:
    return _hostile_flat(dest, _xml_part("/word/document.xml", "<w:p/>" * _EMPTY))


@pytest.mark.parametrize("make, most_mb", [(_docx, 60), (_flat, 150)], ids=["docx", "word-xml"])
def test_a_part_of_too_many_empty_elements_is_refused_before_its_tree(tmp_path: Path, make, most_mb: int) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path / ("空段落.docx" if make is _docx else "空段落.xml"))
    outcome = run_one(path, timeout=20)
    assert outcome.result == "refused", outcome
    assert outcome.message == (f"{path}：文件中“word/document.xml”一项有超过{limits.MAX_XML_PART_ELEMENTS}个元素（段落、文字块等），"
                               f"{limits.NOT_A_REPORT}"), outcome
    assert outcome.peak_mb < most_mb, outcome  # old: 200 MB above the process's own, then refused


def test_the_editors_own_dense_part_is_far_below_the_element_cap(tmp_path: Path) -> None:
    """The editor writes a one-character paragraph in 4 elements, 68 bytes: its own largest body
    (limits.MAX_BLOCKS paragraphs) is well under the cap, and reopens."""
    import zipfile

    from app.docx.writer import write_docx
    from app.reading import load_report
    from app.report import Paragraph
    from app.ziplimits import xml_elements

    report = load_report(Path(__file__).parent / "data" / "xiaogang-2021.docx")
    key = next(iter(report.sections))
    report.sections[key] = [Paragraph.plain("x") for _ in range(limits.MAX_BLOCKS // 4)]
    path = tmp_path / "多段.docx"
    write_docx(report, path)
    per_block = xml_elements(zipfile.ZipFile(path).read("word/document.xml")) / (limits.MAX_BLOCKS // 4)
    assert per_block * limits.MAX_BLOCKS < limits.MAX_XML_PART_ELEMENTS / 2
    assert len(load_report(path).sections[key]) == limits.MAX_BLOCKS // 4
