"""Published PDFs as the sites have them, beyond the office's own export: text turned into
outlines around tables whose ruling lines stay lines (Ghostscript's -dNoOutputFonts, a printer
driver's “text as graphics”): said to be outlines, never read as a report with every cell blank;
a table row cut by the page break inside a figure written with thousands separators (“10,23”
at a page's foot, “4” atop the next) read as one row."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import check_report
from app.reading import load_report
from app.report import Report
from tests.hostile_pdf import one_line_error, text_as_outlines
from tests.pdfmake import libreoffice_pdf, needs_soffice, ruled
from tests.thirdparty import Spec, build

T2 = {(r, c): str(r * 3 + c + 1) for r in range(6) for c in range(3)}
T3 = {(r, c): str((r * 7 + c) % 13) for r in range(25) for c in range(7)}
T4 = {c: str(c % 4 + 1) for c in range(15)}


def test_text_as_outlines_round_empty_tables_is_said_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The tables' lines make empty cells: no text still (before, read as a report whose 205
    cells were all blank, its headings all missing, and nothing said of why)."""
    path = tmp_path / "转曲表格.pdf"
    path.write_bytes(text_as_outlines(table=True))
    err = one_line_error(path, capsys)
    assert "转成了曲线" in err and "没有可读取的文字" in err, err


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="LibreOffice not installed")
def test_a_row_cut_by_the_page_break_inside_its_figures_is_one_row(tmp_path: Path) -> None:
    """表三's figures written with thousands separators (“10,234”) wrap in its narrow cells, and
    a row the page break cuts (Word's and LibreOffice's default: 允许跨页断行) leaves “10,23” at
    the page's foot and “4” atop the next.  Before, the continuation was read as a row of its
    own: “他法律行政法规禁止公开” taken for 2.其他法律行政法规禁止公开 with figures 4, 4, 4, and
    the row's real figures dropped."""
    import pdfplumber

    t3 = {k: f"{int(v) * 1000 + 234:,}" for k, v in T3.items()}
    src = ruled(build(Spec(t2=T2, t3=t3, t4=T4), tmp_path / "a.docx"), tmp_path / "千分位.docx")
    pdf = libreoffice_pdf(src, tmp_path / "lo")
    with pdfplumber.open(pdf) as doc:
        cut = [i for i, page in enumerate(doc.pages) if "10,23" in [w["text"] for w in page.extract_words()]]
    assert cut, "the page break falls inside a figure"
    read, whole = load_report(pdf), load_report(src)
    assert read.tables == whole.tables
    assert [f.message for f in read.import_findings] == [f.message for f in whole.import_findings]


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="LibreOffice not installed")
def test_a_row_cut_by_the_page_break_before_a_separator_is_one_row(tmp_path: Path) -> None:
    """Figures of seven digits (“9,000,261”) wrap in 表三's narrow cells after a whole group:
    “9,000” at the page's foot, “,261” atop the next.  Before, the continuation was a row of its
    own (“他法律行政法规禁止公开” taken for 2.其他法律行政法规禁止公开, its figures “,261”…)
    and the row's figures were read as “9,000”, “10,00”: “2.其”一行无法对应到法定表格."""
    import pdfplumber

    t3 = {k: f"{int(v) * 1000003 + 234:,}" for k, v in T3.items()}
    src = ruled(build(Spec(t2=T2, t3=t3, t4=T4), tmp_path / "a.docx"), tmp_path / "七位数.docx")
    pdf = libreoffice_pdf(src, tmp_path / "lo")
    with pdfplumber.open(pdf) as doc:
        tops = [[w["text"] for w in page.extract_words()[:60]] for page in doc.pages]
    assert any(any(w.startswith(",") for w in words) for words in tops), "a page starts inside a figure"
    read, whole = load_report(pdf), load_report(src)
    assert read.tables == whole.tables
    assert [f.message for f in read.import_findings] == [f.message for f in whole.import_findings]


def test_a_figure_goes_on_only_where_it_was_cut() -> None:
    from app.pdfread.grid import _figure_goes_on

    for above, below in [("10,23", "4"), ("1,", "234"), ("１２，３", "４５"), ("1,2", "34"), ("9,000", ",261"),
                         ("10,00", "0,264"), ("12.", "5"), ("12", ".5"), ("1,234.", "56"), ("１２．", "５")]:
        assert _figure_goes_on(above, below), (above, below)
    for above, below in [("1023", "4"), ("10,234", "5"), ("10,23", "45"), ("3", "4"), ("10,23", ""), ("信息", "4"),
                         ("12.5", "3"), ("9,000", "261"), ("12.", "5.5"), ("2.", "其他"), ("12.", "")]:
        assert not _figure_goes_on(above, below), (above, below)


def _latin_maps_dropped(pdf: Path, dest: Path) -> Path:
    """``pdf`` with the ToUnicode map of each font that writes no Chinese (the
    figures' font beside a Chinese one) blanked out, the file's offsets kept: what a PDF whose
    figures are in a font without a map is."""
    import re
    import zlib

    data = pdf.read_bytes()
    for ref in set(re.findall(rb"/ToUnicode (\d+) 0 R", data)):
        body = re.search(rb"\n" + ref + rb" 0 obj\s*<<.*?>>\s*stream\r?\n(.*?)endstream", data, re.S)
        assert body is not None
        targets = re.findall(rb"<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]{4})>", zlib.decompress(body.group(1)))
        if targets and not any(0x3000 <= int(t, 16) <= 0x9FFF for t in targets):  # no Chinese
            key = b"/ToUnicode " + ref + b" 0 R"
            data = data.replace(key, b" " * len(key))
    dest.write_bytes(data)
    return dest


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="LibreOffice not installed")
def test_figures_in_a_font_without_a_map_are_said_unread_not_called_no_figure(tmp_path: Path) -> None:
    """The figures in a font without a ToUnicode map (a subset whose codes are 1, 2, 3…): what
    they show is not known.  No figure is guessed, and each cell says why — it said “�”不是数字,
    as if the cell held something other than a figure."""
    src = ruled(build(Spec(t2=T2, t3=T3, t4=T4), tmp_path / "a.docx"), tmp_path / "b.docx")
    pdf = _latin_maps_dropped(libreoffice_pdf(src, tmp_path / "lo"), tmp_path / "无映射.pdf")
    read = load_report(pdf)
    assert not read.has_figures()
    messages = [f.message for f in check_report(read) if f.code == "VALUE-INVALID"]
    assert messages and all("读不出是什么字" in m and "可能是数字" in m for m in messages), messages[:3]
    assert any("读不出是什么字" in f.message for f in read.import_findings)


def _one_page_scanned(pdf: Path, index: int, dest: Path) -> Path:
    """``pdf`` with page ``index`` replaced by a picture of it: a page printed, signed or
    stamped, scanned and put back among the text pages."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    picture = dest.with_suffix(".page.pdf")
    doc[index].render(scale=1.5).to_pil().convert("RGB").save(picture, "PDF", resolution=108)
    scan = pypdfium2.PdfDocument(str(picture))
    out = pypdfium2.PdfDocument.new()
    out.import_pages(doc, list(range(index)))
    out.import_pages(scan, [0])
    out.import_pages(doc, list(range(index + 1, len(doc))))
    out.save(str(dest))
    for d in (out, scan, doc):
        d.close()
    return dest


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="LibreOffice not installed")
def test_a_scanned_page_among_text_pages_is_said(tmp_path: Path) -> None:
    """表三's second page a scan among text pages: its rows are blank (never guessed), and the
    file says which page was a picture — before, only “表三中没有找到……行（文件中的表格少了
    这些行）”, which sent the reviewer looking for rows the file has."""
    src = ruled(build(Spec(t2=T2, t3=T3, t4=T4), tmp_path / "a.docx"), tmp_path / "b.docx")
    pdf = libreoffice_pdf(src, tmp_path / "lo")
    read = load_report(_one_page_scanned(pdf, 1, tmp_path / "扫描页.pdf"))
    said = [f.message for f in read.import_findings if f.kind == "pdf-page"]
    assert len(said) == 1 and "第2页是图片（扫描件），没有可读取的文字" in said[0], said
    whole = load_report(src)
    assert any(read.tables["三"][k] is None and whole.tables["三"][k] is not None for k in whole.tables["三"])
    assert all(read.tables[t][k] in (None, v) for t in whole.tables for k, v in whole.tables[t].items())
    assert [f.message for f in load_report(pdf).import_findings if f.kind == "pdf-page"] == []


def test_a_page_of_outlines_among_text_pages_is_said(tmp_path: Path) -> None:
    """A page whose text was turned into outlines (its table's lines kept), after a page of text."""
    from tests.hostile_pdf import raw_pdf, stream

    shapes = text_as_outlines(table=True)
    drawing = shapes[shapes.index(b"stream\n") + 7:shapes.rindex(b"\nendstream")]
    text = b"BT /F1 12 Tf 72 760 Td (Report 2023) Tj ET"
    path = tmp_path / "转曲页.pdf"
    path.write_bytes(raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
                              b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R"
                              b" /Resources << /Font << /F1 7 0 R >> >> >>",
                              b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R >>",
                              stream(text), stream(drawing),
                              b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]))
    from app.pdfread import _read_pages, _said
    from app.report import Report

    pages = _read_pages(path, [])
    said = [f.message for f in _said(Report(), pages, []).import_findings if f.kind == "pdf-page"]
    assert len(said) == 1 and "第2页只有线条和图形（文字转成了曲线）" in said[0], said


def _two_column_opening(src: Path, dest: Path) -> Path:
    """The title, 前言 and 一 set in two columns (a section of two columns ending before 二)."""
    import copy

    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document(str(src))
    paras = d.paragraphs
    at = next(i for i, p in enumerate(paras) if p.text.startswith("二、"))
    sect = copy.deepcopy(d.element.body.sectPr)
    cols = sect.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        sect.append(cols)
    cols.set(qn("w:num"), "2")
    cols.set(qn("w:space"), "425")
    paras[at - 1]._p.get_or_add_pPr().append(sect)
    d.save(str(dest))
    return dest


def _read_in_columns(tmp_path: Path, paragraphs: int, repeat: int,
                     arrange: Callable[[Path, Path], Path]) -> tuple[Report, Report]:
    """A ruled report whose 一 is ``paragraphs`` long paragraphs, its opening set in two columns
    by ``arrange`` and printed by LibreOffice: (the PDF read, the .docx read).  The PDF's first
    page is seen in two columns (its reading's split)."""
    from app.pdfread import _read_pages

    text = {"一": [f"第{k}段：" + "本街道认真贯彻落实《中华人民共和国政府信息公开条例》，把政府信息公开作为与群众沟通的重要手段，" * repeat
                   for k in range(paragraphs)]}
    src = ruled(build(Spec(t2=T2, t3=T3, t4=T4, text=text), tmp_path / "a.docx"), tmp_path / "b.docx")
    pdf = libreoffice_pdf(arrange(src, tmp_path / "两栏.docx"), tmp_path / "lo")
    assert _read_pages(pdf, [])[0].split is not None
    return load_report(pdf), load_report(src)


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="LibreOffice not installed")
def test_text_in_two_columns_is_read_column_by_column(tmp_path: Path) -> None:
    """The title, 前言 and 一 in two columns side by side, the second page holding the rest of
    the left column: read across the page, each line joined a line of the left column to one
    of the right (the organ's name read as “…办事处2023把”, sentences interleaved) and it was
    only said.  Read the left column through, then the right, each column's lines a paragraph's
    as the page's are: the report the .docx is, nothing said.  A table drawn without lines (a
    gap between each pair of cells) is not two columns."""
    from app.pdfread import _read_pages

    read, whole = _read_in_columns(tmp_path, 12, 3, _two_column_opening)
    assert read.organ == whole.organ == "某市某区人民政府某某街道办事处"
    assert {k: [p.text for p in v] for k, v in read.sections.items()} == \
        {k: [p.text for p in v] for k, v in whole.sections.items()}
    assert read.tables == whole.tables
    assert [f for f in read.import_findings if f.kind == "pdf-columns"] == []
    unruled = libreoffice_pdf(build(Spec(t2=T2, t3=T3, t4=T4), tmp_path / "无框线.docx"), tmp_path / "lo2")
    assert not any(p.columns or p.split for p in _read_pages(unruled, []))


def _text_then_picture(path: Path, size: int, outlines: bool = False) -> Path:
    """A page of text, then a page holding only a picture ``size`` points square (and, with
    ``outlines``, the text of a page drawn as outlines)."""
    from tests.hostile_pdf import raw_pdf, stream

    drawing = b""
    if outlines:
        shapes = text_as_outlines()
        drawing = shapes[shapes.index(b"stream\n") + 7:shapes.rindex(b"\nendstream")] + b"\n"
    text = b"BT /F1 12 Tf 72 760 Td (Report 2023) Tj ET"
    picture = drawing + b"q %d 0 0 %d 40 40 cm /Im1 Do Q" % (size, size)
    path.write_bytes(raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
                              b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R"
                              b" /Resources << /Font << /F1 7 0 R >> >> >>",
                              b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R"
                              b" /Resources << /XObject << /Im1 8 0 R >> >> >>",
                              stream(text), stream(picture),
                              b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                              stream(b"\x80", b"/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray"
                                              b" /BitsPerComponent 8")]))
    return path


def test_a_page_of_a_small_picture_alone_is_no_scan(tmp_path: Path) -> None:
    """A page holding a logo, a QR code or a seal alone was said “是图片（扫描件），没有可读取的文字：
    这些页上的正文和表格内容未读入”: a scan is a picture of the page, or of much of it.  A
    page-sized picture is still said (the control); so is a page whose text is outlines beside a
    small picture (it was not: any picture made its drawing uncounted)."""
    from app.pdfread import _read_pages, _said
    from app.report import Report

    def said(path: Path) -> list[str]:
        return [f.message for f in _said(Report(), _read_pages(path, []), []).import_findings if f.kind == "pdf-page"]

    assert said(_text_then_picture(tmp_path / "二维码.pdf", 60)) == []
    scan = said(_text_then_picture(tmp_path / "扫描页.pdf", 520))
    assert len(scan) == 1 and "第2页是图片（扫描件）" in scan[0], scan
    outlines = said(_text_then_picture(tmp_path / "转曲页.pdf", 60, outlines=True))
    assert len(outlines) == 1 and "第2页只有线条和图形（文字转成了曲线）" in outlines[0], outlines


def _balanced_columns(src: Path, dest: Path) -> Path:
    """一 alone in two columns, continuous section breaks before and after it: the columns end
    together mid-page (one a line or two longer), 二 and 表二 below them across the page."""
    import copy

    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document(str(src))
    paras = d.paragraphs
    start = next(i for i, p in enumerate(paras) if p.text.startswith("一、"))
    end = next(i for i, p in enumerate(paras) if p.text.startswith("二、"))
    for at, cols in ((start - 1, 1), (end - 1, 2)):
        sect = copy.deepcopy(d.element.body.sectPr)
        kind = OxmlElement("w:type")
        kind.set(qn("w:val"), "continuous")
        sect.insert(0, kind)
        columns = sect.find(qn("w:cols"))
        if columns is None:
            columns = OxmlElement("w:cols")
            sect.append(columns)
        columns.set(qn("w:num"), str(cols))
        columns.set(qn("w:space"), "425")
        paras[at]._p.get_or_add_pPr().append(sect)
    kind = OxmlElement("w:type")
    kind.set(qn("w:val"), "continuous")
    d.element.body.sectPr.insert(0, kind)
    d.save(str(dest))
    return dest


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="LibreOffice not installed")
def test_balanced_columns_mid_page_are_read_column_by_column(tmp_path: Path) -> None:
    """The columns of a section that ends on the page: the left column a line or two longer
    than the right, then 二 and 表二 across the page.  The longer column's last lines are its
    own (not put after the right column), 二 and what follows it not taken into a column."""
    read, whole = _read_in_columns(tmp_path, 6, 2, _balanced_columns)
    assert {k: [p.text for p in v] for k, v in read.sections.items()} == \
        {k: [p.text for p in v] for k, v in whole.sections.items()}
    assert read.tables == whole.tables and read.import_findings == whole.import_findings


def _columns_page(tmp_path: Path, across: str | None) -> Path:
    """A title across the page, eight lines in two columns, a page number; ``across``: a line
    running over the gutter among the columns' lines."""
    from tests.pdfmake import plain_pdf

    ops = ["BT /F1 12 Tf 150 800 Td (ANNUAL REPORT OF THE OFFICE FOR THE YEAR 2023) Tj ET"]
    for i in range(8):
        y = 760 - 16 * i
        ops.append(f"BT /F1 12 Tf 72 {y} Td (left column line {i} words) Tj ET")
        ops.append(f"BT /F1 12 Tf 320 {y} Td (right column line {i} words) Tj ET")
    if across:
        ops.append(f"BT /F1 12 Tf 72 {760 - 16 * 4 + 8} Td ({across}) Tj ET")
    ops.append("BT /F1 10 Tf 290 40 Td (- 1 -) Tj ET")
    return plain_pdf(tmp_path / "columns.pdf", [[]], " ".join(ops))


def test_columns_are_read_left_then_right_and_a_line_across_them_is_said(tmp_path: Path) -> None:
    from app.pdfread import _blocks, _read_pages, _said
    from app.report import Report

    (page,) = _read_pages(_columns_page(tmp_path, None), [])
    assert page.split is not None and not page.columns
    texts = [b.text for b in _blocks([page])]
    assert texts[0].startswith("ANNUAL REPORT")
    body = " ".join(texts[1:])
    assert body.index("left column line 7") < body.index("right column line 0")
    assert all(f"left column line {i} words" in body and f"right column line {i} words" in body for i in range(8))
    assert "- 1 -" not in body  # the page number is furniture still
    (page,) = _read_pages(_columns_page(tmp_path, "this sentence runs right across the gutter of the page"), [])
    assert page.split is None and page.columns
    said = [f.message for f in _said(Report(), [page], []).import_findings if f.kind == "pdf-columns"]
    assert len(said) == 1 and "第1页正文分左右两栏排版" in said[0], said


def test_a_table_of_two_columns_drawn_without_lines_is_read_across(tmp_path: Path) -> None:
    """Labels of any length, a gap, their values: a table drawn without lines, read across
    (each label with its value), not as two columns of text one after the other."""
    from app.pdfread import _blocks, _read_pages
    from tests.pdfmake import plain_pdf

    labels = ["Name of the office", "Year", "Date of the report written", "Pages", "Figures of the year", "Kind",
              "Address of the office building", "Code"]
    ops = [f"BT /F1 12 Tf 72 {760 - 16 * i} Td ({label}) Tj ET BT /F1 12 Tf 320 {760 - 16 * i} Td (value number {i}) Tj ET"
           for i, label in enumerate(labels)]
    (page,) = _read_pages(plain_pdf(tmp_path / "table.pdf", [[]], " ".join(ops)), [])
    assert page.split is None
    body = " ".join(b.text for b in _blocks([page]))
    assert body.index("Year") < body.index("value number 1") < body.index("Date of the report")


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="LibreOffice not installed")
def test_a_scan_with_its_text_recognised_is_said_a_scan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A scan an OCR tool gave a text layer: every page a picture of the page, the words over it
    invisible, the tables' lines only in the picture.  It was refused as “统计表格没有框线…在
    Word/WPS 中为表格加上框线后另存为 PDF”, which cannot be done to a scan; it is said a scan.  The
    same PDF before the scan (its tables drawn without lines) keeps its own message."""
    from tests.pdfmake import ocr_scanned

    src = build(Spec(t2=T2, t3=T3, t4=T4), tmp_path / "无框线.docx")
    plain = libreoffice_pdf(ruled(src, tmp_path / "有框线.docx"), tmp_path / "lo")
    err = one_line_error(ocr_scanned(plain, tmp_path / "扫描识别.pdf"), capsys)
    assert "是扫描件" in err and "文字识别（OCR）" in err and "框线只在图片中" in err and "加上框线" not in err, err
    unruled = one_line_error(libreoffice_pdf(src, tmp_path / "lo2"), capsys)
    assert "统计表格没有框线" in unruled and "加上框线" in unruled and "扫描件" not in unruled, unruled
