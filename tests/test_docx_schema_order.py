"""Every .docx the program writes as Word and WPS demand it (tests/ooxml_check.py): property
elements in the schema's order and never repeated, East Asian fonts and language, compatibility
mode 15, tables in twips under a fixed layout with header rows repeated and rows unsplit, a
package whose content types, relationships and document properties are whole.  Checked on a new
report, the demo report read and written, last year's report carried into a new one, the copy
for publication, a huge report, a report whose every table cell was typed, a report of hostile
text; and the checker is shown to catch each kind of breach."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from app.docx.writer import write_docx
from app.nextyear import next_year
from app.publish import write_published
from app.reading import load_report
from app.report import Paragraph, ParaKind, Report, Run
from app.schema import TABLES, Kind
from app.xlsx import read_xlsx
from app.xlsx_write import write_xlsx
from tests.conftest import SAMPLE
from tests.ooxml_check import problems
from tests.realistic import varied_report
from tests.test_docx_writer import make_report

WEB_PAGE = Path(__file__).parent / "data" / "web-page-2023.html"


def every_cell_typed() -> Report:
    """Every statutory cell of every table given a figure, the widest a cell takes among them
    (a 12-digit count, an amount with six decimals), as a user typing through each grid."""
    report = make_report()
    for key, spec in TABLES.items():
        for i, cell in enumerate(spec.cells):
            pos = (cell.row, cell.col)
            report.tables[key][pos] = (Decimal("123456789.123456") if cell.kind is Kind.AMOUNT
                                       else [0, 7, 99999, 123456789012][i % 4])
    return report


def hostile_text() -> Report:
    """What readers hand over from hostile files: controls, half surrogate pairs, bidi marks,
    non-characters, an astral character, a paragraph of 50,000 characters, empty paragraphs."""
    odd = "甲\x00乙\x0b丙\x0c丁\ud800戊\udfff己\ufffe庚\u202e辛😀壬\t癸\n末"
    report = Report(organ=f"某局{odd[:4]}\udc80", year=2023, date=dt.date(2024, 1, 31))
    report.sections["一"] = [Paragraph([Run(odd, bold=True), Run(odd, italic=True, underline=True)]),
                             Paragraph(), Paragraph.plain(odd, ParaKind.HEADING2),
                             Paragraph.plain("长" * 50_000)]
    report.sections["六"] = [Paragraph.plain(odd, ParaKind.HEADING1)]
    return report


def huge() -> Report:
    return varied_report(400_000, 5)


def from_workbook(path: Path) -> None:
    """The tables imported from the Excel workbook the editor exports, then saved."""
    book = path.with_suffix(".xlsx")
    write_xlsx(every_cell_typed(), book)
    write_docx(read_xlsx(book), path)


WRITERS: dict[str, Callable[[Path], None]] = {
    "new": lambda p: write_docx(Report(), p),
    "full": lambda p: write_docx(make_report(), p),
    "sample": lambda p: write_docx(load_report(SAMPLE), p),
    "web page": lambda p: write_docx(load_report(WEB_PAGE), p),
    "next year": lambda p: write_docx(next_year(load_report(SAMPLE), str(SAMPLE)), p),
    "published": lambda p: write_published(load_report(SAMPLE), p),
    "huge": lambda p: write_docx(huge(), p),
    "every cell typed": lambda p: write_docx(every_cell_typed(), p),
    "hostile text": lambda p: write_docx(hostile_text(), p),
    "from a workbook": from_workbook,
}


@pytest.mark.parametrize("name", list(WRITERS))
def test_every_written_docx_is_as_word_and_wps_demand(tmp_path: Path, name: str) -> None:
    path = tmp_path / "r.docx"
    WRITERS[name](path)
    assert problems(path) == []
    doc = docx.Document(str(path))  # python-docx reads it, as does our reader
    assert doc.paragraphs and load_report(path).title


@pytest.mark.parametrize("name", list(WRITERS))
def test_every_written_docx_validates_against_the_ecma376_schemas(tmp_path: Path, name: str) -> None:
    openxml_audit = pytest.importorskip("openxml_audit")
    path = tmp_path / "r.docx"
    WRITERS[name](path)
    result = openxml_audit.OpenXmlValidator().validate(str(path))
    assert [f"{e.part_uri}: {e.description}" for e in result.errors] == []


def test_hostile_text_is_written_without_what_no_file_can_hold(tmp_path: Path) -> None:
    """Half a surrogate pair (a PDF's ToUnicode map gives one) made saving fail outright:
    UnicodeEncodeError, the report never saved.  It is dropped as control characters are."""
    path = tmp_path / "r.docx"
    write_docx(hostile_text(), path)
    back = load_report(path)
    read = "".join(p.text for p in back.sections["一"] + back.sections["六"])
    assert all(ch in read for ch in "甲乙丙丁戊己庚辛壬癸末😀\t")  # the reader's lines and bidi aside
    assert not re.search("[\x00-\x08\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", read)
    assert back.organ == "某局甲乙"
    props = docx.Document(str(path)).core_properties
    assert props.author == "某局甲乙" and "\ud800" not in props.title
    with zipfile.ZipFile(path) as z:
        assert "长" * 50_000 in z.read("word/document.xml").decode("utf-8")


# -- the checker finds what it looks for ------------------------------------------------------------


BREACHES: dict[str, tuple[str, str, str, str]] = {
    # name: part, what to replace, with what, words the problem must contain
    "pPr order": ("word/document.xml", '<w:pPr><w:pStyle w:val="NBTitle"/>',
                  '<w:pPr><w:jc w:val="center"/><w:pStyle w:val="NBTitle"/>', "out of schema order"),
    "pPr repeat": ("word/styles.xml", "<w:keepNext/>", "<w:keepNext/><w:keepNext/>", "repeats"),
    "unknown child": ("word/styles.xml", "<w:widowControl/>", "<w:widowKontrol/>", "does not allow"),
    "rPr order": ("word/styles.xml", '<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang',
                  '<w:szCs w:val="32"/><w:sz w:val="32"/><w:lang', "out of schema order"),
    "tblPr order": ("word/document.xml", '<w:tblLayout w:type="fixed"/>', "", "layout not fixed"),
    "settings order": ("word/settings.xml", '<w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/>',
                       '<w:evenAndOddHeaders/><w:defaultTabStop w:val="420"/>', "out of schema order"),
    "sectPr last": ("word/document.xml", "</w:sectPr></w:body>", "</w:sectPr><w:p/></w:body>", "last child"),
    "cell without paragraph": ("word/document.xml", "</w:p></w:tc>", "</w:p><w:tbl/></w:tc>",
                               "does not end with a paragraph"),
    "no eastAsia": ("word/styles.xml", ' w:eastAsia="黑体"', "", "without eastAsia"),
    "theme fonts": ("word/styles.xml", 'w:cs="黑体"', 'w:cs="黑体" w:eastAsiaTheme="minorEastAsia"', "by theme"),
    "language": ("word/styles.xml", 'w:eastAsia="zh-CN" w:bidi', 'w:eastAsia="en-US" w:bidi', "zh-CN"),
    "compatibility mode": ("word/settings.xml", 'w:val="15"', 'w:val="14"', "compatibilityMode"),
    "width not dxa": ("word/document.xml", 'w:type="dxa"/><w:jc', 'w:type="pct"/><w:jc', "width not in dxa"),
    "header row": ("word/document.xml", "<w:tblHeader/>", "", "header rows"),
    "row splits": ("word/document.xml", "<w:cantSplit/>", "", "cantSplit"),
    "merge from nothing": ("word/document.xml", '<w:vMerge w:val="restart"/>', "<w:vMerge/>", "continues nothing"),
    "missing target": ("word/_rels/document.xml.rels", 'Target="footer1.xml"', 'Target="footer9.xml"', "missing"),
    "empty relationship": ("word/_rels/document.xml.rels", 'Target="theme/theme1.xml"', 'Target=""', "empty"),
    "repeated id": ("word/_rels/document.xml.rels", 'Id="rIdTheme"', 'Id="rIdFonts"', "used 2 times"),
    "dangling r:id": ("word/document.xml", 'r:id="rIdFooterOdd"', 'r:id="rIdNothing"', "does not have"),
    "no content type": ("[Content_Types].xml", '<Override PartName="/word/theme/theme1.xml"',
                        '<Override PartName="/word/theme/theme2.xml"', "content type"),
    "wrong content type": ("[Content_Types].xml", "wordprocessingml.styles+xml", "wordprocessingml.numbering+xml",
                           "content type"),
    "created untyped": ("docProps/core.xml", '<dcterms:created xsi:type="dcterms:W3CDTF">', "<dcterms:created>",
                        "W3CDTF"),
    "created after modified": ("docProps/core.xml", '<dcterms:created xsi:type="dcterms:W3CDTF">',
                               '<dcterms:created xsi:type="dcterms:W3CDTF">9', "after modified"),
    "long property": ("docProps/core.xml", "<dc:creator>", "<dc:creator>" + "某" * 256, "255"),
    "property on two lines": ("docProps/core.xml", "<dc:creator>", "<dc:creator>某局\n", "one line"),
    "letter paper": ("word/document.xml", '<w:pgSz w:w="11906"', '<w:pgSz w:w="12240"', "A4"),
    "top margin": ("word/document.xml", 'w:top="2098"', 'w:top="1440"', "top margin"),
    "21 lines": ("word/document.xml", 'w:linePitch="579"', 'w:linePitch="580"', "22 lines"),
    "char grid": ("word/document.xml", 'w:charSpace="-848"', 'w:charSpace="0"', "28 characters"),
    "no even footer": ("word/document.xml", '<w:footerReference w:type="even" r:id="rIdFooterEven"/>', "",
                       "no even footer"),
    "even number inside": ("word/footer2.xml", '<w:jc w:val="left"/>', '<w:jc w:val="right"/>', "outer"),
    "no page field": ("word/footer1.xml", " PAGE ", " DATE ", "no PAGE field"),
    "undeclared font": ("word/styles.xml", 'w:eastAsia="黑体"', 'w:eastAsia="微软雅黑"', "not declared"),
    "font not GB2312": ("word/fontTable.xml", '<w:charset w:val="86"/>', '<w:charset w:val="00"/>', "GB2312"),
    "no application": ("docProps/app.xml", "<Application>年报编辑器</Application>", "", "Application"),
    "empty pPr": ("word/document.xml", '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>',
                  '<w:p><w:pPr/><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>', "empty"),
    "runs not merged": ("word/document.xml", "<w:r><w:t xml:space=\"preserve\">2021年，</w:t></w:r>",
                        "<w:r><w:t>2021</w:t></w:r><w:r><w:t>年，</w:t></w:r>", "side by side"),
    "inherited indent": ("word/styles.xml", 'w:firstLine="0" w:firstLineChars="0"', 'w:firstLine="0"', "aligned"),
    "bookmark ids": ("word/document.xml", "<w:body>",
                     '<w:body><w:bookmarkStart w:id="1" w:name="a"/><w:bookmarkStart w:id="1" w:name="b"/>',
                     "used 2 times"),
}


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("clean") / "r.docx"
    write_docx(make_report(), path)
    return path


@pytest.mark.parametrize("name", list(BREACHES))
def test_the_checker_finds_each_breach(tmp_path: Path, clean: Path, name: str) -> None:
    part, old, new, words = BREACHES[name]
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(clean) as zin, zipfile.ZipFile(broken, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                text = data.decode("utf-8")
                assert old in text, (name, old)
                data = text.replace(old, new, 1).encode("utf-8")
            zout.writestr(item, data)
    found = problems(broken)
    assert any(words in p for p in found), (name, found)
    assert not [p for p in found if re.search(r"Traceback|Error", p)]


def test_the_print_layout_drops_what_the_docx_drops() -> None:
    """The print preview and 导出PDF set the same text as the .docx: half a surrogate pair is no
    more drawn than written (Qt would take it for a broken string)."""
    from ui.print_layout import clean_text

    assert clean_text("甲\ud800乙\x00丙\udfff") == "甲乙丙"
