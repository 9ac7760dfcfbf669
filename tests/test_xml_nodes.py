"""XML nodes that are not elements inside text — a comment, a processing instruction, an
entity reference declared in a DOCTYPE — in the document, its styles and lists, a .docx
imported into it, a saved web page and a workbook: the text after them is read, an entity is
never resolved from outside (a reference stays visible as written), nothing is lost silently."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from app.checks import run_all
from app.reading import load_report
from app.report import Report
from app.schema import REQUESTS, T3_COL_NATURAL, T3_COL_TOTAL, T3_NEW
from app.xlsx_write import write_xlsx
from tests.test_altchunk import _chunked
from tests.test_webcopy import page
from tests.thirdparty import Spec, build

CELL = (T3_NEW, T3_COL_NATURAL)
SECRET = "SECRET-FROM-DISK-4711"
# A DOCTYPE whose external entity points at a file on the reader's disk, and an internal one.
DOCTYPE = ('<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file://{path}"><!ENTITY org "某某">]>')
# node kind -> (what goes between 正文 and 后文 / between 3 and 7, what the text then reads)
NODES = {
    "comment": ("<!-- 批注 -->", ""),
    "processing instruction": ('<?mso-application progid="Word.Document"?>', ""),
    "external entity": ("&xxe;", "&xxe;"),
    "internal entity": ("&org;", "&org;"),
}


def _with_doctype(xml: str, root: str, secret: Path) -> str:
    """``xml`` with the DOCTYPE after its XML declaration (first, without one)."""
    doctype = DOCTYPE.format(root=root, path=secret)
    if not xml.lstrip().startswith("<?xml"):
        return doctype + xml
    head, sep, rest = xml.partition("?>")
    return head + sep + doctype + rest


def _rewrite(src: Path, dest: Path, edits: dict[str, Callable[[str], str]]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename in edits:
                data = edits[item.filename](data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)
    return dest


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def _docx(tmp_path: Path, node: str, secret: Path, name: str = "n.docx") -> Path:
    """A report whose 第五部分 reads 正文<node>后文。 and whose 表三 本年新收 自然人 cell is
    3<node>7, the node in document.xml, with one in styles.xml too (and a DOCTYPE in both)."""
    src = build(Spec(t3={CELL: "37", (T3_NEW, T3_COL_TOTAL): "37"}, text={"五": ["正文后文。"]}),
                tmp_path / f"src-{name}")

    def document(xml: str) -> str:
        xml = _with_doctype(xml, "w:document", secret)
        assert xml.count(">正文后文。<") == 1 and xml.count("<w:t>37</w:t>") == 2
        xml = xml.replace(">正文后文。<", f">正文{node}后文。<")
        xml = xml.replace("<w:t>37</w:t>", f"<w:t>3{node}7</w:t>", 1)
        # and between runs and paragraphs, where no text is lost but the walk must not trip
        return xml.replace("</w:p><w:p>", f"</w:p>{node}<w:p>", 3).replace("</w:r><w:r>", f"</w:r>{node}<w:r>", 3)

    def styles(xml: str) -> str:
        return _with_doctype(xml, "w:styles", secret).replace("</w:style>", f"</w:style>{node}", 5)

    return _rewrite(src, tmp_path / name, {"word/document.xml": document, "word/styles.xml": styles})


def _assert_read(report: Report, node: str, shown: str) -> None:
    assert report.section_text("五") == f"正文{shown}后文。"
    if not shown:
        assert report.tables[REQUESTS][CELL] == 37
    else:  # the reference kept as written: the cell is no number and says so, never 3 or 7
        assert report.tables[REQUESTS][CELL] is None
        assert [f for f in run_all(report) if f.code == "VALUE-INVALID" and f"3{shown}7" in f.message]


def _nothing_from_disk(report: Report) -> None:
    everything = repr(report.tables) + "".join(report.section_text(k) for k in report.sections)
    assert SECRET not in everything


@pytest.mark.parametrize("kind", NODES)
def test_text_after_a_node_in_a_word_file_is_read(tmp_path: Path, secret: Path, kind: str) -> None:
    node, shown = NODES[kind]
    report = load_report(_docx(tmp_path, node, secret))
    _assert_read(report, node, shown)
    _nothing_from_disk(report)


@pytest.mark.parametrize("kind", NODES)
def test_text_after_a_node_in_an_imported_word_file_is_read(tmp_path: Path, secret: Path, kind: str) -> None:
    node, shown = NODES[kind]
    inner = _docx(tmp_path, node, secret, "inner.docx").read_bytes()
    report = load_report(_chunked(tmp_path, "{chunk:afchunk.docx}", {"afchunk.docx": inner}))
    _assert_read(report, node, shown)
    _nothing_from_disk(report)


@pytest.mark.parametrize("kind", ["comment", "processing instruction"])
def test_text_after_a_node_in_a_web_page_is_read(tmp_path: Path, kind: str) -> None:
    node, _ = NODES[kind]
    html = page({CELL: "37", (T3_NEW, T3_COL_TOTAL): "37"})
    html = html.replace("<p>37</p>", f"<p>3{node}7</p>", 1).replace("正文内容。", f"正文{node}后文。")
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    report = load_report(path)
    assert report.tables[REQUESTS][CELL] == 37
    assert report.section_text("五").startswith("正文后文。")


@pytest.mark.parametrize("kind", ["comment", "processing instruction"])
def test_a_node_inside_a_workbook_cell_loses_nothing(tmp_path: Path, kind: str) -> None:
    node, _ = NODES[kind]
    src = build(Spec(t3={CELL: "37", (T3_NEW, T3_COL_TOTAL): "37"}), tmp_path / "src.docx")
    book = tmp_path / "src.xlsx"
    write_xlsx(load_report(src), book)
    edited = {n: (lambda x: re.sub(r"<v>37</v>", f"<v>3{node}7</v>", x, count=1))
              for n in zipfile.ZipFile(book).namelist() if n.startswith("xl/worksheets/sheet")}
    report = load_report(_rewrite(book, tmp_path / "n.xlsx", edited))
    assert report.tables[REQUESTS][CELL] == 37


def test_parts_the_reader_does_not_read_change_nothing(tmp_path: Path, secret: Path) -> None:
    """A DOCTYPE with an external entity in docProps/core.xml (the tester's n13) and a comment
    in the title there: the report reads as without them, nothing from the disk."""
    plain = build(Spec(t3={CELL: "37"}), tmp_path / "plain.docx")

    def core(xml: str) -> str:
        xml = _with_doctype(xml, "cp:coreProperties", secret)
        return xml.replace("</cp:coreProperties>", "<dc:title>标题&xxe;<!-- x -->后</dc:title></cp:coreProperties>")

    edited = _rewrite(plain, tmp_path / "core.docx", {"docProps/core.xml": core})
    assert b"&xxe;" in zipfile.ZipFile(edited).read("docProps/core.xml")
    a, b = load_report(edited), load_report(plain)
    assert (a.organ, a.year, a.tables) == (b.organ, b.year, b.tables)
    _nothing_from_disk(a)


def test_an_entity_in_a_workbook_is_one_message(tmp_path: Path, secret: Path) -> None:
    """openpyxl refuses a DOCTYPE entity it cannot resolve: one line saying the workbook cannot
    be read, never a traceback and never the file's contents."""
    from app.io import ReadError

    src = build(Spec(t3={CELL: "37", (T3_NEW, T3_COL_TOTAL): "37"}), tmp_path / "src.docx")
    book = tmp_path / "src.xlsx"
    write_xlsx(load_report(src), book)
    with zipfile.ZipFile(book) as z:
        sheet = next(n for n in z.namelist() if n.startswith("xl/worksheets/sheet") and b"<v>37</v>" in z.read(n))

    def edit(xml: str) -> str:
        return _with_doctype(xml, "worksheet", secret).replace("<v>37</v>", "<v>3&xxe;7</v>", 1)

    edited = _rewrite(book, tmp_path / "e.xlsx", {sheet: edit})
    # The DOCTYPE after the XML declaration, where the sheets written with their results (cdbb724) have one.
    data = zipfile.ZipFile(edited).read(sheet)
    assert b"<!DOCTYPE worksheet" in data[:400] and b"3&xxe;7" in data
    with pytest.raises(ReadError) as caught:
        load_report(edited)
    assert "Excel" in str(caught.value) and SECRET not in str(caught.value)
