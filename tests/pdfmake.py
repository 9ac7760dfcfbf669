"""PDFs for the reader's tests, made here: our own export, LibreOffice's rendering of a .docx
(ours or a third-party-style one), a scan (pages rendered to pictures and wrapped in a PDF),
and plain hand-written PDFs (many pages, no report)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from app import office

ROOT = Path(__file__).resolve().parents[1]

needs_soffice = shutil.which("soffice") is None and shutil.which("libreoffice") is None


def our_pdf(src: Path, dest: Path) -> Path:
    """`python -m app export SRC --to DEST.pdf` (the editor's own print layout), in its own
    process: the export starts a QGuiApplication, which a later widget test could not use."""
    done = subprocess.run([sys.executable, "-m", "app", "export", str(src), "--to", str(dest)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return dest


def sample_pdf(folder: Path) -> Path:
    """The published sample as our own .docx, and the PDF the editor's print layout makes of it
    (a module's fixture: one export a test file)."""
    from app.io import save_report
    from app.reading import load_report
    from tests.conftest import SAMPLE

    src = folder / "小港.docx"
    save_report(load_report(SAMPLE), src)
    return our_pdf(src, folder / "小港.pdf")


def libreoffice_pdf(src: Path, folder: Path, options: str = "") -> Path:
    """LibreOffice's PDF of a .docx, as an office prints or exports it."""
    folder.mkdir(parents=True, exist_ok=True)
    target = f"pdf:writer_pdf_Export:{options}" if options else "pdf"
    cmd = [office.soffice() or "soffice", f"-env:UserInstallation={(folder / 'lo-profile').resolve().as_uri()}",
           "--headless", "--convert-to", target, "--outdir", str(folder), str(src)]
    subprocess.run(cmd, check=True, timeout=180, capture_output=True)
    out = folder / f"{src.stem}.pdf"
    assert out.exists(), "LibreOffice made no PDF"
    return out


def ruled(src: Path, dest: Path, header_rows: int = 0, page_footer: str | None = None,
          page_header: str | None = None) -> Path:
    """The file as Word users have it: every table with grid lines (python-docx's plain tables
    have none), optionally the first rows of table 三 repeated on each page, a page number in
    the footer (``page_footer`` with {PAGE} and {PAGES}) and a running header."""
    d = docx.Document(str(src))
    for t in d.tables:
        t.style = d.styles["Table Grid"]
    if header_rows:
        t3 = next(t for t in d.tables if "申请人情况" in "".join(c.text for c in t.rows[0].cells))
        for row in t3.rows[:header_rows]:
            row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    section = d.sections[0]
    if page_footer:
        _field_text(section.footer.paragraphs[0], page_footer)
    if page_header:
        section.header.paragraphs[0].text = page_header
    d.save(str(dest))
    return dest


def _field_text(paragraph, text: str) -> None:  # type: ignore[no-untyped-def]
    """Text with {PAGE} and {PAGES} as Word fields."""
    paragraph.alignment = 1
    parts = text.replace("{PAGES}", "\0NUMPAGES\0").replace("{PAGE}", "\0PAGE\0").split("\0")
    for i, part in enumerate(parts):
        if i % 2 == 0:
            if part:
                paragraph.add_run(part)
            continue
        run = paragraph.add_run()
        # each step is a fldChar of a kind or a run's text: "" for a fldChar (no text to type)
        steps = (("begin", ""), ("", f" {part} "), ("separate", ""), ("", "1"), ("end", ""))
        for kind, instr in steps:
            if kind:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            elif instr.strip().isdigit():
                el = OxmlElement("w:t")
                el.text = instr
            else:
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = instr
            run._r.append(el)


def scanned(pdf: Path, dest: Path, pages: int = 2) -> Path:
    """The first pages of ``pdf`` as pictures in a PDF: what a scanner gives."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    images = [doc[i].render(scale=1).to_pil().convert("RGB") for i in range(min(pages, len(doc)))]
    doc.close()
    images[0].save(dest, "PDF", save_all=True, append_images=images[1:], resolution=72)
    return dest


def ocr_scanned(pdf: Path, dest: Path) -> Path:
    """``pdf`` as an OCR tool leaves a scan of it: each page a picture of the whole page, the
    text on it made invisible over it (the words recognised), no ruling line but the picture's."""
    import pypdfium2
    import pypdfium2.raw as pdfium

    doc = pypdfium2.PdfDocument(str(pdf))
    for i in range(len(doc)):
        page = doc[i]
        bitmap = page.render(scale=1)
        for obj in list(page.get_objects()):
            if obj.type == pdfium.FPDF_PAGEOBJ_TEXT:
                pdfium.FPDFTextObj_SetTextRenderMode(obj.raw, pdfium.FPDF_TEXTRENDERMODE_INVISIBLE)
            elif obj.type == pdfium.FPDF_PAGEOBJ_PATH:
                page.remove_obj(obj)
        picture = pypdfium2.PdfImage.new(doc)
        picture.set_bitmap(bitmap)
        width, height = page.get_size()
        picture.set_matrix(pypdfium2.PdfMatrix().scale(width, height))
        assert pdfium.FPDFPage_InsertObjectAtIndex(page.raw, picture.raw, 0)  # under the text
        picture._detach_finalizer()  # the page owns it now (as PdfPage.insert_obj does)
        picture.page, picture.pdf = page, doc
        page.gen_content()
    doc.save(str(dest))
    doc.close()
    return dest


def plain_pdf(dest: Path, pages: list[list[str]], drawing: str = "", text_state: str = "") -> Path:
    """A minimal PDF with Helvetica lines of ASCII text on each page, and ``drawing`` (PDF
    operators) added to each; ``text_state``: operators put before the lines (a colour, a Tm)."""
    objects: list[bytes] = []
    kids = []
    font_id = 3
    for i, lines in enumerate(pages):
        page_id, content_id = 4 + 2 * i, 5 + 2 * i
        kids.append(f"{page_id} 0 R")
        body = f"BT {text_state} /F1 12 Tf 72 760 Td 16 TL " + " ".join(f"({s}) '" for s in lines) + " ET " + drawing
        objects.append(f"{page_id} 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       f"/Resources << /Font << /F1 {font_id} 0 R >> >> /Contents {content_id} 0 R >> endobj".encode())
        objects.append(f"{content_id} 0 obj << /Length {len(body)} >> stream\n{body}\nendstream endobj".encode())
    head = [
        b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
        f"2 0 obj << /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >> endobj".encode(),
        b"3 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for obj in head + objects:
        offsets.append(len(out))
        out += obj + b"\n"
    xref = len(out)
    out += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer << /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    dest.write_bytes(bytes(out))
    return dest


def boxed_table_drawing(rows: int = 40, cols: int = 12, figure: str = "{r}{c}") -> str:
    """PDF operators for a table as Word's “Save as PDF” draws one: every border of every cell
    a thin filled box of its own (four a cell, no line anywhere), a figure in each cell."""
    x0, top, w, h = 40, 800, 42, 18
    ops = [f"{x0 + c * w:.2f} {top - r * h:.2f} {w:.2f} 0.5 re f" for r in range(rows + 1) for c in range(cols)]
    ops += [f"{x0 + c * w:.2f} {top - (r + 1) * h:.2f} 0.5 {h:.2f} re f" for c in range(cols + 1) for r in range(rows)]
    ops += [f"BT /F1 9 Tf {x0 + c * w + 3:.2f} {top - (r + 1) * h + 5:.2f} Td ({figure.format(r=r, c=c)}) Tj ET"
            for r in range(rows) for c in range(cols)]
    return " ".join(ops)


def watermarked(pdf: Path, dest: Path, text: str = "DRAFT COPY NOT FOR RELEASE", angle: float = 45,
                pale: int | None = None, every: float = 0) -> Path:
    """Every page of ``pdf`` with a large diagonal watermark across it, as some sites stamp
    the reports they publish; at ``angle`` degrees, in the gray ``pale`` (0–255; black if
    None), repeated every ``every`` points down the page (once if 0)."""
    import ctypes
    import math

    import pypdfium2
    import pypdfium2.raw as pdfium

    doc = pypdfium2.PdfDocument(str(pdf))
    wide = ctypes.create_unicode_buffer(text)  # wchar_t; pdfium wants UTF-16LE
    utf16 = (ctypes.c_ushort * (len(text) + 1))(*[*text.encode("utf-16-le")[::2], 0])
    del wide
    for i in range(len(doc)):
        page = doc[i]
        for y in ([200.0] if not every else [every * k for k in range(1, int(page.get_height() // every) + 1)]):
            obj = pdfium.FPDFPageObj_NewTextObj(doc.raw, b"Helvetica", ctypes.c_float(40))
            pdfium.FPDFText_SetText(obj, utf16)
            if pale is not None:
                assert pdfium.FPDFPageObj_SetFillColor(obj, pale, pale, pale, 255)
            a = math.radians(angle)
            pdfium.FPDFPageObj_Transform(obj, math.cos(a), math.sin(a), -math.sin(a), math.cos(a), 60, y)
            pdfium.FPDFPage_InsertObject(page.raw, obj)
        assert pdfium.FPDFPage_GenerateContent(page.raw)
    doc.save(str(dest))
    doc.close()
    return dest


def landscape_table3(src: Path, dest: Path) -> Path:
    """Table 三 on a landscape page of its own, as many reports print it: a section break
    before its heading and another before heading 四."""
    import copy

    d = docx.Document(str(src))
    body_sect = d.element.body.sectPr
    paras = d.paragraphs
    heads = [i for i, p in enumerate(paras) if p.text.startswith(("三、", "四、"))][:2]
    for n, i in enumerate(heads):
        sect = copy.deepcopy(body_sect)
        size = sect.find(qn("w:pgSz"))
        w, h = int(size.get(qn("w:w"))), int(size.get(qn("w:h")))
        if n == 1:  # the section that ends before 四 is the landscape one
            size.set(qn("w:orient"), "landscape")
            size.set(qn("w:w"), str(max(w, h)))
            size.set(qn("w:h"), str(min(w, h)))
        previous = paras[i - 1]._p
        previous.get_or_add_pPr().append(sect)
    d.save(str(dest))
    return dest


# the statutory tables' header words (centred as many reports set them; row labels stay left)
_HEADER_WORDS = {"本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额（单位：万元）", "申请人情况",
                 "自然人", "法人或其他组织", "总计", "商业\n企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "行政复议",
                 "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "未经复议直接起诉", "复议后起诉", "信息内容"}


def three_line(src: Path, dest: Path, middle: bool = False, centred: bool = False) -> Path:
    """The file with its tables as 三线表, as many published reports draw them: a rule above each
    table, one under its header (the rows before the first with a figure) and one below it; no
    vertical line, no rule between rows.  ``middle``: every cell's text set in its middle (up
    and down); ``centred``: the header's and the figures' centred across their cells."""
    d = docx.Document(str(src))
    for t in d.tables:
        if centred:
            for cell in t._cells:
                if not cell.text.strip() or cell.text.strip().isdigit() or cell.text.strip() in _HEADER_WORDS:
                    for para in cell.paragraphs:
                        para.alignment = 1
        if middle:
            for cell in t._cells:
                align = OxmlElement("w:vAlign")
                align.set(qn("w:val"), "center")
                cell._tc.get_or_add_tcPr().append(align)
        t.style = d.styles["Normal Table"]
        borders = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:val"), "single" if side in ("top", "bottom") else "nil")
            el.set(qn("w:sz"), "8")
            borders.append(el)
        t._tbl.tblPr.append(borders)
        head = next((i for i, row in enumerate(t.rows) if any(c.text.strip().isdigit() for c in row.cells)), 1)
        for cell in t.rows[max(head - 1, 0)].cells:
            rule = OxmlElement("w:tcBorders")
            bottom = OxmlElement("w:bottom")
            bottom.set(qn("w:val"), "single")
            bottom.set(qn("w:sz"), "6")
            rule.append(bottom)
            cell._tc.get_or_add_tcPr().append(rule)
    d.save(str(dest))
    return dest
