"""Our .docx as Word and WPS users expect a document: a template made for it (no compatibility
mode, no python-docx leftovers), the styles they know, the GB/T 9704 fonts with fallbacks, the
document properties of the report, a package the ECMA-376 schemas accept; and LibreOffice sets
it with every line-end punctuation mark."""

from __future__ import annotations

import datetime as dt
import difflib
import random
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from app.docx import template
from app.docx.writer import write_docx
from app.reading import load_report
from app.report import Paragraph, Report
from app.schema import SECTIONS
from tests.test_docx_writer import ORGAN, make_report

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "demo" / "xiaogang-2021.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("native") / "report.docx"
    write_docx(make_report(), path)
    return path


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def test_the_shipped_reference_is_what_the_page_declaration_builds() -> None:
    """resources/reference.docx is regenerated (scripts/make_reference_docx.py) after app/page.py changes."""
    shipped = zipfile.ZipFile(ROOT / "resources" / "reference.docx")
    assert {n: shipped.read(n).decode("utf-8") for n in shipped.namelist()} == template.parts()


def test_no_compatibility_mode(written: Path) -> None:
    settings = part(written, "word/settings.xml")
    assert re.search(r'w:name="compatibilityMode"[^>]*w:val="15"', settings)
    assert '<w:zoom w:percent="100"/>' in settings  # the old template's w:zoom had no w:percent


def test_document_properties_from_the_report(written: Path) -> None:
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(minutes=5)
    props = docx.Document(str(written)).core_properties
    assert props.title == make_report().title
    assert props.author == props.last_modified_by == ORGAN
    assert props.created.replace(tzinfo=None) >= before and props.modified.replace(tzinfo=None) >= before
    with zipfile.ZipFile(written) as z:
        names = z.namelist()
        everything = "".join(z.read(n).decode("utf-8", "replace") for n in names)
    assert not [n for n in names if "thumbnail" in n.lower() or n.endswith((".jpeg", ".png"))]
    for leftover in ("python-docx", "Macintosh", "2013-12-23", "stylesWithEffects"):
        assert leftover not in everything, leftover
    assert "<Application>年报编辑器</Application>" in part(written, "docProps/app.xml")


def test_styles_word_users_know_and_the_navigation_pane(written: Path) -> None:
    doc = docx.Document(str(written))
    styles = doc.styles.element
    by_name = {s.find(f"{W}name").get(f"{W}val"): s for s in styles.iter(f"{W}style")}
    # 正文, 标题 1, 标题 2: Word and WPS show the built-in names in Chinese.
    assert by_name["Normal"].get(f"{W}default") == "1"
    # A “一、” line inside a section (NB Heading1) under its section, as deep as a （一）.
    for name, level in (("heading 1", "0"), ("heading 2", "1"), ("NB Heading1", "1")):
        assert by_name[name].find(f"{W}pPr/{W}outlineLvl").get(f"{W}val") == level
    assert "Table Grid" in by_name
    kinds = {p.text: p.style.name for p in doc.paragraphs}
    for spec in SECTIONS:
        assert kinds[spec.heading] == "Heading 1"
    # A bare “（二）…” line is 标题 2; a run-in “（一）…。” lead with its text is not listed as a heading.
    assert kinds[make_report().sections["一"][2].text] == "Heading 2"
    assert kinds[make_report().sections["一"][1].text] == "NB Heading2 Lead"
    assert by_name["NB Heading2 Lead"].find(f"{W}pPr/{W}outlineLvl") is None
    assert kinds[make_report().sections["五"][0].text] == "Normal"  # a paragraph typed in Word looks the same
    tables = doc.element.body.findall(qn("w:tbl"))
    assert tables and all(t.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val") == "TableGrid" for t in tables)


def test_font_table_declares_the_gbt9704_fonts_with_fallbacks(written: Path) -> None:
    xml = part(written, "word/fontTable.xml")
    fonts = dict(re.findall(r'<w:font w:name="([^"]+)">(.*?)</w:font>', xml))
    expected_alt = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体", "黑体": "SimHei", "宋体": "SimSun"}
    for name, alt in expected_alt.items():
        assert name in fonts, name
        assert f'<w:altName w:val="{alt}"/>' in fonts[name]
        assert '<w:charset w:val="86"/>' in fonts[name]  # GB2312
        assert re.search(r'<w:panose1 w:val="[0-9A-F]{20}"/>', fonts[name])
        assert re.search(r'<w:family w:val="\w+"/>', fonts[name])


def test_page_number_dashes_7mm_below_the_text_block(written: Path) -> None:
    """GB/T 9704 7.5: “一字线上距版心下边缘7 mm” — the dashes, not the top of their line (which
    put them 9.4 mm down; tests/test_docx_page_number.py measures the ink)."""
    from app.page import PAGE_NUMBER_DASH_DROP_EM

    section = docx.Document(str(written)).sections[0]
    footer = section.footer.paragraphs[0]
    line = footer.paragraph_format.line_spacing
    # the footer's last line ends `footer_distance` above the paper's edge; its top is one line higher
    top_mm = 297 - section.footer_distance.mm - line.mm
    assert top_mm + PAGE_NUMBER_DASH_DROP_EM * line.mm == pytest.approx(297 - 35 + 7, abs=0.1)


# -- schema validation -----------------------------------------------------------------------------

openxml_audit = pytest.importorskip("openxml_audit")


def audit(path: Path) -> list[str]:
    result = openxml_audit.OpenXmlValidator().validate(str(path))
    return [f"{e.part_uri}: {e.description}" for e in result.errors]


@pytest.mark.parametrize("make", [make_report, Report, lambda: load_report(SAMPLE)],
                         ids=["full", "empty", "sample"])
def test_output_validates_against_the_ecma376_schemas(tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.docx"
    write_docx(make(), path)
    assert audit(path) == []


def test_the_validator_finds_a_schema_error(tmp_path: Path, written: Path) -> None:
    """The check above can fail: property elements out of schema order are reported."""
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(written) as zin, zipfile.ZipFile(broken, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b'<w:pPr><w:pStyle w:val="NBTitle"/>',
                                    b'<w:pPr><w:jc w:val="center"/><w:pStyle w:val="NBTitle"/>', 1)
            zout.writestr(item, data)
    assert audit(broken)


# -- LibreOffice ---------------------------------------------------------------------------------------

PUNCTUATION = "，。、；：？！"


def punctuation_report() -> Report:
    """Paragraphs whose lines end on every kind of punctuation: clauses of random lengths."""
    rng = random.Random(7)
    words = "政府信息公开工作按照条例要求认真落实主动公开依申请公开平台建设监督保障各项任务全面推进决策执行管理服务结果"
    paras = []
    for _ in range(40):
        clauses = ["".join(rng.choice(words) for _ in range(rng.randint(2, 29))) + rng.choice(PUNCTUATION)
                   for _ in range(rng.randint(2, 7))]
        paras.append(Paragraph.plain("".join(clauses)))
    report = Report(organ="某某区人民政府办公室", year=2023, date=dt.date(2024, 1, 20))
    report.sections["一"] = paras
    return report


def libreoffice_text(src: Path, out: Path) -> tuple[str, int]:
    subprocess.run(["soffice", f"-env:UserInstallation=file://{out}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(src)], check=True, capture_output=True, timeout=240)
    pdf = out / (src.stem + ".pdf")
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                                                            text=True).stdout).group(1))
    return text, pages


def dropped(report: Report, text: str) -> list[str]:
    """Punctuation of the report's text that the rendering lost (an alignment, so that page
    numbers and line breaks in between do not count)."""
    flat = re.sub(r"\s+|—\d+—", "", text)
    lost = []
    for key in report.sections:
        for para in report.sections[key]:
            src = re.sub(r"\s+", "", para.text)
            matcher = difflib.SequenceMatcher(None, src, flat, autojunk=False)
            start = matcher.find_longest_match(0, len(src), 0, len(flat)).b
            window = flat[max(start - len(src), 0): start + 2 * len(src)]
            for op, i1, i2, _, _ in difflib.SequenceMatcher(None, src, window, autojunk=False).get_opcodes():
                if op in ("delete", "replace"):
                    lost += [f"{src[max(i1 - 4, 0):i1]}[{c}]" for c in src[i1:i2] if c in PUNCTUATION]
    return lost


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice or poppler not installed")
@pytest.mark.parametrize("make", [punctuation_report, lambda: load_report(SAMPLE)], ids=["clauses", "sample"])
def test_libreoffice_keeps_every_line_end_punctuation_and_28_a_line(tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    report = make()
    src = tmp_path / "r.docx"
    write_docx(report, src)
    text, _ = libreoffice_text(src, tmp_path)
    assert dropped(report, text) == []
    # 28 characters a line: the longest body lines hold exactly 28 full-width characters
    widths = [len(line.strip()) for line in text.splitlines() if re.fullmatch(r"[\u3000-\u9fff\uff00-\uffef]+",
                                                                              line.strip())]
    assert max(widths) == 28
