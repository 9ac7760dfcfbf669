"""Word- and WPS-native .docx constructs the reader got wrong (session 28's probe), each built on a
third-party-style report whose every statutory cell holds a figure of its own, read back and
compared figure by figure (and the sections' text) with the same report without the construct."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from app.reading import load_report
from app.report import Report
from tests.conftest import rewrite_docx
from tests.thirdparty import Spec, build

T2 = {(0, 0): "11", (0, 1): "12", (0, 2): "13", (1, 0): "21", (1, 1): "22", (1, 2): "23",
      (2, 0): "31", (3, 0): "41", (4, 0): "51", (5, 0): "6.5"}
T3 = {(r, c): str(1000 + r * 10 + c) for r in range(25) for c in range(7)}  # 1023: row 2, column 3
T4 = {c: str(501 + c) for c in range(15)}
TEXT = {"一": ["本年度工作正常开展。", "全年共收到申请1000件。"], "五": ["问题一是公开不及时。"], "六": ["未收取信息处理费。"]}
REV = 'w:id="900" w:author="张三" w:date="2024-01-10T09:00:00Z"'


def _spec(**kw: object) -> Spec:
    return Spec(t2=T2, t3=T3, t4=T4, text=TEXT, **kw)  # type: ignore[arg-type]


def _run(text: str) -> str:
    return f"<w:r><w:t>{text}</w:t></w:r>"


def _para(text: str) -> str:
    return f"<w:p>{_run(text)}</w:p>"


def assert_reads_as(report: Report, base: Report) -> None:
    """Every figure and every section's text as the base has them; the base itself read right."""
    assert base.tables["三"] == {pos: int(v) for pos, v in T3.items()}
    assert base.tables["四"] == {(0, c): int(v) for c, v in T4.items()}
    assert sorted(v for v in base.tables["二"].values() if v is not None) == sorted(Decimal(v) for v in T2.values())
    assert report.tables == base.tables
    assert {k: report.section_text(k) for k in base.sections} == {k: base.section_text(k) for k in base.sections}
    assert (report.organ, report.year, report.date) == (base.organ, base.year, base.date)


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return build(_spec(), tmp_path / "base.docx")


def _edited(base: Path, tmp_path: Path, edit: Callable[[str], str]) -> Report:
    def changing(xml: str) -> str:
        new = edit(xml)
        assert new != xml, "the edit changed nothing"
        return new

    return load_report(rewrite_docx(base, tmp_path / "edited.docx", changing))


# -- a paragraph mark deleted with tracked changes: joined to the next, as accepted -----------

def _mark(how: str) -> str:
    return f"<w:pPr><w:rPr><w:{how} {REV}/></w:rPr></w:pPr>"


@pytest.mark.parametrize("how", ["del", "moveFrom"])
def test_a_figure_split_by_a_deleted_paragraph_break_reads_whole(base: Path, tmp_path: Path, how: str) -> None:
    """“10” ¶ “23” with the break deleted (or the first part's mark moved away): 1023 once
    accepted, as the REVISIONS note says it is read; it was two lines, refused."""
    joined = f"<w:p>{_mark(how)}{_run('10')}</w:p><w:p>{_run('23')}</w:p>"
    report = _edited(base, tmp_path, lambda x: x.replace(_para("1023"), joined, 1))
    assert_reads_as(report, load_report(base))
    assert "三" not in {ref.table for ref in report.raw}


def test_a_run_of_deleted_breaks_joins_every_part(base: Path, tmp_path: Path) -> None:
    """Three paragraphs, two deleted breaks, range marks between them: one figure."""
    parts = (f'<w:p>{_mark("del")}{_run("1")}</w:p><w:bookmarkStart w:id="5" w:name="x"/>'
             f'<w:p>{_mark("del")}{_run("02")}</w:p><w:bookmarkEnd w:id="5"/><w:p>{_run("3")}</w:p>')
    report = _edited(base, tmp_path, lambda x: x.replace(_para("1023"), parts, 1))
    assert_reads_as(report, load_report(base))


def test_a_deleted_break_with_nothing_after_it_in_its_cell_stays(base: Path, tmp_path: Path) -> None:
    """The cell's last paragraph has no paragraph to join: its figure is read as it is."""
    report = _edited(base, tmp_path, lambda x: x.replace(_para("1023"), f"<w:p>{_mark('del')}{_run('1023')}</w:p>", 1))
    assert_reads_as(report, load_report(base))


def test_a_sentence_joined_by_a_deleted_break_is_one_paragraph(base: Path, tmp_path: Path) -> None:
    joined = f"<w:p>{_mark('del')}{_run('本年度工作')}</w:p><w:p>{_run('正常开展。')}</w:p>"
    report = _edited(base, tmp_path, lambda x: x.replace(_para("本年度工作正常开展。"), joined, 1))
    assert_reads_as(report, load_report(base))
    assert report.section_text("一").splitlines()[0] == "本年度工作正常开展。"


@pytest.mark.parametrize("numbering", ["word", "wps", "style"])
def test_a_numbered_heading_deleted_whole_counts_in_no_list(tmp_path: Path, numbering: str) -> None:
    """A heading numbered by Word's list (一、 二、 …) deleted with tracked changes — its text and
    its mark: accepted, it is gone and the next heading is 二、.  It counted on: every heading
    after it was read a number on (five LABEL-EDITED notes) and its “二、” was read as text of 一."""
    path = build(_spec(numbering=numbering), tmp_path / "numbered.docx")
    heading = re.compile(r"<w:p>(<w:pPr>(?:(?!</w:pPr>).)*?</w:pPr>)<w:r><w:t>主动公开政府信息情况</w:t></w:r></w:p>", re.S)

    def delete_one_before(xml: str) -> str:
        m = heading.search(xml)
        assert m is not None
        ppr = m.group(1).replace("</w:pPr>", f"<w:rPr><w:del {REV}/></w:rPr></w:pPr>")
        gone = f'<w:p>{ppr}<w:del {REV}><w:r><w:delText>删去的标题</w:delText></w:r></w:del></w:p>'
        return xml[:m.start()] + gone + xml[m.start():]

    report = _edited(path, tmp_path, delete_one_before)
    base = load_report(path)
    assert_reads_as(report, base)
    assert [f.code for f in report.import_findings] == ["REVISIONS"]


# -- packages: how other programs name and encode the parts ------------------------------------

def _repacked(base: Path, dest: Path, change: Callable[[str, bytes], tuple[str, bytes]]) -> Path:
    """``base`` zipped again with each member's name and bytes as ``change`` gives them."""
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            name, data = change(item.filename, zin.read(item.filename))
            zout.writestr(name, data)
    return dest


def _main_as(member: str, target: str) -> Callable[[str, bytes], tuple[str, bytes]]:
    """The main document stored as ``member``, the package's relationship naming it ``target``."""
    def change(name: str, data: bytes) -> tuple[str, bytes]:
        if name == "word/document.xml":
            return member, data
        if name == "word/_rels/document.xml.rels":
            return member.replace("word/", "word/_rels/") + ".rels", data
        if name == "_rels/.rels":
            return name, data.replace(b'Target="word/document.xml"', f'Target="{target}"'.encode())
        if name == "[Content_Types].xml":
            return name, data.replace(b'PartName="/word/document.xml"', f'PartName="/{member}"'.encode())
        return name, data
    return change


@pytest.mark.parametrize(("member", "target"), [
    ("word/document.xml", "word\\document.xml"),  # a Windows path
    ("word/document.xml", "word/%64ocument.xml"),  # percent-encoded
    ("word/文档.xml", "word/%E6%96%87%E6%A1%A3.xml"),  # a Chinese part name, its target a URI
    ("word/%E6%96%87%E6%A1%A3.xml", "word/文档.xml"),  # …or the other way round
    ("word/document.xml", "word/missing.xml"),  # a target to no part: the main document where Word puts it
], ids=["backslash", "percent", "chinese-uri", "chinese-stored-as-uri", "to-no-part"])
def test_the_main_document_named_otherwise_is_found(base: Path, tmp_path: Path, member: str, target: str) -> None:
    """Each was refused as a damaged file."""
    report = load_report(_repacked(base, tmp_path / "named.docx", _main_as(member, target)))
    assert_reads_as(report, load_report(base))


def test_member_names_with_windows_separators_are_the_parts(base: Path, tmp_path: Path) -> None:
    """word\\document.xml, word\\_rels\\document.xml.rels, word\\styles.xml … (an old .NET's zip):
    each the part its forward-slashed name means.  It was refused as damaged."""
    path = _repacked(base, tmp_path / "windows.docx", lambda name, data: (name.replace("/", "\\"), data))
    with zipfile.ZipFile(path) as z:
        assert "word\\document.xml" in z.namelist()
    assert_reads_as(load_report(path), load_report(base))


_STRICT = {b"http://schemas.openxmlformats.org/wordprocessingml/2006/main": b"http://purl.oclc.org/ooxml/wordprocessingml/main",
           b"http://schemas.openxmlformats.org/officeDocument/2006/relationships":
           b"http://purl.oclc.org/ooxml/officeDocument/relationships"}


def _utf16(data: bytes) -> bytes:
    return data.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"', 1).encode("utf-16")


@pytest.mark.parametrize("strict", [False, True], ids=["transitional", "strict"])
def test_parts_in_utf16_read_as_in_utf8(base: Path, tmp_path: Path, strict: bool) -> None:
    """Every XML part in UTF-16 (with its mark), the namespaces Strict Open XML's or not.  A
    Strict package in UTF-16 was refused as damaged (its namespace names were looked for as
    UTF-8 bytes)."""
    def change(name: str, data: bytes) -> tuple[str, bytes]:
        if not name.endswith((".xml", ".rels")):
            return name, data
        if strict and name != "[Content_Types].xml":
            for usual, other in _STRICT.items():
                data = data.replace(usual, other)
        return name, _utf16(data)

    path = _repacked(base, tmp_path / "utf16.docx", change)
    with zipfile.ZipFile(path) as z:
        assert z.read("word/document.xml").startswith(b"\xff\xfe")
    assert_reads_as(load_report(path), load_report(base))


def test_a_utf16_style_still_hides_its_text(base: Path, tmp_path: Path) -> None:
    """A hidden character style in a UTF-16 styles part: the figure set in it is not read."""
    from app.docx.package import as_utf8

    style = ('<w:style w:type="character" w:styleId="Gone"><w:name w:val="Gone"/><w:rPr><w:vanish/></w:rPr>'
             "</w:style></w:styles>")
    hidden = '<w:r><w:rPr><w:rStyle w:val="Gone"/></w:rPr><w:t>9</w:t></w:r>'

    def change(name: str, data: bytes) -> tuple[str, bytes]:
        if name == "word/styles.xml":
            return name, _utf16(data.replace(b"</w:styles>", style.encode()))
        if name == "word/document.xml":
            return name, data.replace(_run("1023").encode(), (hidden + _run("1023")).encode(), 1)
        return name, data

    path = _repacked(base, tmp_path / "styled.docx", change)
    report = load_report(path)
    assert_reads_as(report, load_report(base))
    assert [f.code for f in report.import_findings] == ["HIDDEN-TEXT"]
    assert as_utf8(_utf16(b'<?xml version="1.0" encoding="UTF-8"?><a/>')) == b'<?xml version="1.0" encoding="UTF-8"?><a/>'


# -- equations (Office Math): plain runs are text ----------------------------------------------

_M = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
_MRUN = '<m:r><w:rPr><w:rFonts w:ascii="Cambria Math" w:hAnsi="Cambria Math"/></w:rPr><m:t>{}</m:t></m:r>'


@pytest.mark.parametrize("zone", [
    f"<m:oMath {_M}>{_MRUN.format('1023')}</m:oMath>",  # inline, Alt+= in the cell
    f"<m:oMath {_M}>{_MRUN.format('10')}<m:r><m:rPr><m:sty m:val=\"p\"/></m:rPr><m:t>23</m:t></m:r></m:oMath>",
], ids=["one-run", "two-runs"])
def test_a_figure_typed_as_an_equation_is_read(base: Path, tmp_path: Path, zone: str) -> None:
    """Word shows 1023; read for w:t only, the cell was blank."""
    assert_reads_as(_edited(base, tmp_path, lambda x: x.replace(_run("1023"), zone, 1)), load_report(base))


def test_a_display_equation_in_a_cell_and_one_in_a_sentence_are_read(base: Path, tmp_path: Path) -> None:
    display = f"<w:p><m:oMathPara {_M}><m:oMath>{_MRUN.format('1023')}</m:oMath></m:oMathPara></w:p>"
    inline = f"<w:p>{_run('全年共收到申请')}<m:oMath {_M}>{_MRUN.format('1000')}</m:oMath>{_run('件。')}</w:p>"
    report = _edited(base, tmp_path, lambda x: x.replace(_para("1023"), display, 1)
                     .replace(_para("全年共收到申请1000件。"), inline, 1))
    assert_reads_as(report, load_report(base))


@pytest.mark.parametrize("zone", [
    # Word's mark on a math run deleted with 修订 on: in the run's own properties
    f"<m:oMath {_M}><m:r><w:rPr><w:del {REV}/></w:rPr><m:t>9</m:t></m:r>{_MRUN.format('1023')}</m:oMath>",
    f"<m:oMath {_M}><m:r><w:rPr><w:moveFrom {REV}/></w:rPr><m:t>9</m:t></m:r>{_MRUN.format('1023')}</m:oMath>",
    f"<m:oMath {_M}><w:moveFrom {REV}>{_MRUN.format('9')}</w:moveFrom>{_MRUN.format('1023')}</m:oMath>",
    f"<m:oMath {_M}>{_MRUN.format('10')}<w:moveTo {REV}>{_MRUN.format('23')}</w:moveTo></m:oMath>",
], ids=["run-deleted", "run-moved-away", "moved-away", "moved-here"])
def test_an_equation_with_tracked_changes_reads_as_accepted(base: Path, tmp_path: Path, zone: str) -> None:
    """Accepted, 9 is gone and 1023 stays: the deleted run was read with the rest (91023, while
    the file was said to be read as accepted), and a move made the equation unread (blank)."""
    report = _edited(base, tmp_path, lambda x: x.replace(_run("1023"), zone, 1))
    assert_reads_as(report, load_report(base))
    assert [f.code for f in report.import_findings] == ["REVISIONS"]


def test_an_equation_laid_out_as_a_structure_is_not_read_as_its_letters(base: Path, tmp_path: Path) -> None:
    """10² is no 102: an equation with a script, fraction or bracket is left unread (the cell
    blank, said as blank), and a hidden run of a plain one is hidden."""
    script = (f"<m:oMath {_M}><m:sSup><m:e>{_MRUN.format('10')}</m:e><m:sup>{_MRUN.format('2')}</m:sup></m:sSup>"
              "</m:oMath>")
    hidden = (f'<m:oMath {_M}><m:r><w:rPr><w:vanish/></w:rPr><m:t>9</m:t></m:r>{_MRUN.format("1024")}</m:oMath>')
    report = _edited(base, tmp_path, lambda x: x.replace(_run("1023"), script, 1).replace(_run("1024"), hidden, 1))
    assert report.tables["三"][(2, 3)] is None and "三" not in {ref.table for ref in report.raw}
    assert report.tables["三"][(2, 4)] == 1024
    assert [f.code for f in report.import_findings] == ["HIDDEN-TEXT"]


@pytest.mark.parametrize("numbering", ["word", "wps"])
def test_a_deleted_row_counts_in_no_list_of_the_table(tmp_path: Path, numbering: str) -> None:
    """表三's item labels numbered by a list (“1.” before 属于国家秘密), a row deleted with tracked
    changes among them: gone once accepted, it counted on, and the seven labels after it were
    read one number on (“3.其他法律行政法规禁止公开”: seven LABEL-EDITED notes)."""
    path = build(_spec(numbering=numbering, number_cells=True), tmp_path / "numbered.docx")

    def delete_a_row_before(xml: str) -> str:
        at = xml.index(_run("1050"))
        start, end = xml.rindex("<w:tr>", 0, at), xml.index("</w:tr>", at) + len("</w:tr>")
        dead = xml[start:end].replace("<w:tr>", f"<w:tr><w:trPr><w:del {REV}/></w:trPr>", 1)
        dead = re.sub(r"<w:r><w:t>([^<]*)</w:t></w:r>", lambda m: f"<w:del {REV}><w:r><w:delText>{m[1]}</w:delText></w:r></w:del>", dead)
        return xml[:start] + dead + xml[start:]

    report = _edited(path, tmp_path, delete_a_row_before)
    assert_reads_as(report, load_report(path))
    assert [f.code for f in report.import_findings] == ["REVISIONS"]
