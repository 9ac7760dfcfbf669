"""The reference .docx every report is written into, built from ``app.page``.

Made for this purpose rather than python-docx's generic template: no compatibility mode (Word
2013+ layout, compatibilityMode 15), the styles Word and WPS users know (正文 = Normal for the
body, 标题 1/标题 2 for the headings, so that they appear in the navigation pane; 网格型 = Table
Grid for the statutory tables), a font table that names the GB/T 9704 fonts with their
fallbacks, 28 characters × 22 lines through the document grid, the page numbers in the footers.

``scripts/make_reference_docx.py`` writes ``resources/reference.docx`` from ``build()``; a test
holds the shipped file to what ``build()`` makes now, so a change in ``app.page`` is one edit
plus running the script.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from xml.sax.saxutils import quoteattr

from app import page
from app.page import FONTS, ParaType, Role, mm_to_pt, pt_to_twips

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_W = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'

# Style ids (Word's own for the built-in styles; ours carry the reader's “NB ” names).
STYLE_BODY = "Normal"
STYLE_SECTION = "Heading1"
STYLE_HEADING2 = "Heading2"
# A run-in “（一）…。” lead with its text after it in one paragraph: 正文 to Word's 导航窗格, 目录
# and a PDF's bookmarks (in 标题 2 each listed the whole paragraph, 350 characters), a sub-head
# to our reader.
STYLE_HEADING2_LEAD = "NBHeading2Lead"
STYLE_HEADING1 = "NBHeading1"
STYLE_TITLE = "NBTitle"
STYLE_SIGNATURE = "NBSignature"
STYLE_DATE = "NBDate"
STYLE_TABLE = "NBTable"
STYLE_TABLE_GRID = "TableGrid"
APPLICATION = "年报编辑器"
CHARSET_GB2312 = "86"


def _attrs(**attrs: str) -> str:
    return "".join(f" w:{k}={quoteattr(v)}" for k, v in attrs.items())


def _e(tag: str, **attrs: str) -> str:
    return f"<w:{tag}{_attrs(**attrs)}/>"


def _fonts(role: Role) -> str:
    name = FONTS[role].name
    return _e("rFonts", ascii=name, hAnsi=name, eastAsia=name, cs=name)


def _size(pt: float) -> str:
    half = str(round(pt * 2))
    return _e("sz", val=half) + _e("szCs", val=half)


def _twips(pt: float) -> str:
    return str(pt_to_twips(pt))


# -- styles ---------------------------------------------------------------------------------------


def _ppr(t: ParaType, *, outline: int | None = None, base: bool = False) -> str:
    """pPr children in schema order: keepNext, widowControl, overflowPunct, autoSpace,
    snapToGrid, spacing, ind, jc, outlineLvl."""
    out = []
    if t.keep_next:
        out.append(_e("keepNext"))
    if base:
        # Widow and orphan control, as the print layout does: Word's keep-with-next then takes
        # the last two lines of a paragraph to the next page with what follows (the signature),
        # not one; without it Word leaves single lines at page feet and tops.
        out.append(_e("widowControl"))
        # Word's default, said explicitly for LibreOffice: it imports overflowPunct="1" as “no
        # hanging punctuation”, and a hung line-end “，”/“。” is what it drops from the page.
        out.append(_e("overflowPunct", val="1"))
    if not t.autospace:
        out += [_e("autoSpaceDE", val="0"), _e("autoSpaceDN", val="0")]
    if not t.on_grid:
        out.append(_e("snapToGrid", val="0"))
    if t.pitch_pt is not None:
        spacing = {"line": _twips(t.pitch_pt), "lineRule": "exact"}
    else:  # single spacing: the line takes one line of the document grid
        spacing = {"line": "240", "lineRule": "auto"}
    after = _twips(t.space_after_lines * page.LINE_PT) if t.space_after_lines else "0"
    out.append(_e("spacing", before="0", after=after, **spacing))
    # In characters too, as Word and WPS write “首行缩进 2 字符”: they take it before firstLine, and
    # each of w:ind's attributes is inherited on its own, so a style without an indent says 0,
    # or it would inherit 正文's two characters (the signature, the title, every table cell).
    chars = round(t.indent_chars * 100) if t.on_grid else 0
    out.append(_e("ind", firstLine=str(t.indent_twips(t.indent_chars)), firstLineChars=str(chars)))
    out.append(_e("jc", val=t.align.value))
    if outline is not None:
        out.append(_e("outlineLvl", val=str(outline)))
    return "<w:pPr>" + "".join(out) + "</w:pPr>"


def _rpr(t: ParaType, scale: int = 100) -> str:
    grid = "" if t.on_grid else _e("snapToGrid", val="0")
    return f"<w:rPr>{_fonts(t.role)}{grid}{_e('w', val=str(scale))}{_size(t.size_pt)}</w:rPr>"


def _pstyle(style_id: str, name: str, t: ParaType, based_on: str | None, *, default: bool = False,
            priority: int = 1, outline: int | None = None, gallery: bool = True) -> str:
    """Text on the grid inherits Normal's narrower glyphs (GRID_GLYPH_SCALE); off it, full width."""
    flag = ' w:default="1"' if default else ""
    head = f'<w:style w:type="paragraph"{flag} w:styleId="{style_id}">'
    base = _e("basedOn", val=based_on) if based_on else ""
    return (head + _e("name", val=name) + base + _e("next", val=STYLE_BODY) + _e("uiPriority", val=str(priority))
            + (_e("qFormat") if gallery else "") + _ppr(t, outline=outline, base=default) + _rpr(t, page.GRID_GLYPH_SCALE if t.on_grid else 100)
            + "</w:style>")


def _table_pt() -> ParaType:
    return ParaType(page.TABLE_ROLE, page.TABLE_PT, indent_chars=0.0, align=page.Align.CENTER, on_grid=False)


def _styles() -> str:
    body = page.BODY
    margin = _twips(mm_to_pt(page.CELL_PAD_X_MM))
    border = "".join(_e(side, val="single", sz=str(round(page.BORDER_PT * 8)), space="0", color="000000")
                     for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    return (
        _HEAD + f"<w:styles {_W}>"
        "<w:docDefaults><w:rPrDefault><w:rPr>" + _fonts(Role.BODY) + _size(page.BODY_PT)
        + _e("lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA") + "</w:rPr></w:rPrDefault>"
        "<w:pPrDefault><w:pPr>" + _e("spacing", after="0", line="240", lineRule="auto")
        + "</w:pPr></w:pPrDefault></w:docDefaults>"
        + _pstyle(STYLE_BODY, "Normal", body, None, default=True, priority=0)
        + _pstyle(STYLE_SECTION, "heading 1", page.SECTION, STYLE_BODY, priority=9, outline=0)
        # 标题 2 in 楷体: a bare “（一）…” line is 楷体 whole, and so is one a user makes in Word with it.
        + _pstyle(STYLE_HEADING2, "heading 2", replace(page.HEADING2, role=Role.KAI), STYLE_BODY, priority=9, outline=1)
        + _pstyle(STYLE_HEADING2_LEAD, "NB Heading2 Lead", page.HEADING2, STYLE_BODY, priority=10, gallery=False)
        # A “一、” line inside a section: under its section in Word's navigation pane, not beside the six.
        # Ours (the reader's “NB” names) stay out of Word's and WPS's 样式 gallery (快速样式), where
        # they stood as five English entries beside 正文, 标题 1 and 标题 2.
        + _pstyle(STYLE_HEADING1, "NB Heading1", page.HEADING1, STYLE_SECTION, priority=10, outline=1, gallery=False)
        + _pstyle(STYLE_TITLE, "NB Title", page.TITLE, STYLE_BODY, priority=10, gallery=False)
        + _pstyle(STYLE_SIGNATURE, "NB Signature", page.SIGNATURE, STYLE_BODY, priority=10, gallery=False)
        + _pstyle(STYLE_DATE, "NB Date", page.DATE, STYLE_BODY, priority=10, gallery=False)
        + _pstyle(STYLE_TABLE, "NB Table", _table_pt(), STYLE_BODY, priority=10, gallery=False)
        + '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        + _e("name", val="Default Paragraph Font") + _e("uiPriority", val="1") + _e("semiHidden")
        + _e("unhideWhenUsed") + "</w:style>"
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">' + _e("name", val="Normal Table")
        + _e("uiPriority", val="99") + _e("semiHidden") + _e("unhideWhenUsed")
        + "<w:tblPr>" + _e("tblInd", w="0", type="dxa") + "<w:tblCellMar>"
        + _e("top", w="0", type="dxa") + _e("left", w="108", type="dxa") + _e("bottom", w="0", type="dxa")
        + _e("right", w="108", type="dxa") + "</w:tblCellMar></w:tblPr></w:style>"
        f'<w:style w:type="table" w:styleId="{STYLE_TABLE_GRID}">' + _e("name", val="Table Grid")
        + _e("basedOn", val="TableNormal") + _e("uiPriority", val="39")
        + "<w:pPr>" + _e("jc", val="center") + "</w:pPr>"
        + "<w:tblPr>" + _e("jc", val="center") + f"<w:tblBorders>{border}</w:tblBorders><w:tblCellMar>"
        + _e("left", w=margin, type="dxa") + _e("right", w=margin, type="dxa") + "</w:tblCellMar></w:tblPr>"
        + "<w:tcPr>" + _e("vAlign", val="center") + "</w:tcPr></w:style>"
        "</w:styles>"
    )


# -- fonts, settings, page ----------------------------------------------------------------------------


def _font_table() -> str:
    fonts = []
    for spec in FONTS.values():
        pitch = "fixed" if spec.family == "modern" else "variable"
        fonts.append(f"<w:font w:name={quoteattr(spec.name)}>" + _e("altName", val=spec.alt)
                     + _e("panose1", val=spec.panose) + _e("charset", val=CHARSET_GB2312)
                     + _e("family", val=spec.family) + _e("pitch", val=pitch) + "</w:font>")
    return _HEAD + f"<w:fonts {_W}>" + "".join(fonts) + "</w:fonts>"


def _settings() -> str:
    compat = "".join(
        f'<w:compatSetting w:name="{name}" w:uri="http://schemas.microsoft.com/office/word" w:val="{val}"/>'
        for name, val in (("compatibilityMode", "15"), ("overrideTableStyleFontSizeAndJustification", "1"),
                          ("enableOpenTypeFeatures", "1"), ("doNotFlipMirrorIndents", "1")))
    return (_HEAD + f"<w:settings {_W}>" + _e("zoom", percent="100") + _e("defaultTabStop", val=str(round(page.TAB_STOP_PT * page.TWIPS_PER_PT)))
            + _e("evenAndOddHeaders") + _e("characterSpacingControl", val="doNotCompress")
            + "<w:compat>" + _e("useFELayout") + compat + "</w:compat>"
            + _e("themeFontLang", val="en-US", eastAsia="zh-CN") + _e("decimalSymbol", val=".")
            + _e("listSeparator", val=",") + "</w:settings>")


def footer_distance_mm() -> float:
    """From the paper's lower edge to the footer's last line: the page number's dashes (一字线)
    PAGE_NUMBER_GAP_MM below the text block, as GB/T 9704 7.5 measures it and the print layout
    draws it (the line's exact height is the 4号 size, the dashes PAGE_NUMBER_DASH_DROP_EM below
    its top).  The line's top sat 7 mm down before, and the dashes 9.4 mm."""
    size_mm = page.PAGE_NUMBER_PT * page.MM_PER_INCH / page.PT_PER_INCH
    return page.BOTTOM_MM - page.PAGE_NUMBER_GAP_MM - size_mm * (1 - page.PAGE_NUMBER_DASH_DROP_EM)


def _footer(odd: bool) -> str:
    """“— N —” in 4号宋体: odd pages right, even pages left, one character in (GB/T 9704 7.5)."""
    side = "right" if odd else "left"
    rpr = (f"<w:rPr>{_fonts(page.PAGE_NUMBER_ROLE)}{_e('snapToGrid', val='0')}{_e('w', val='100')}"
           f"{_size(page.PAGE_NUMBER_PT)}</w:rPr>")
    before, after = page.page_number_text("\0").split("\0")

    def run(inner: str) -> str:
        return f"<w:r>{rpr}{inner}</w:r>"

    text = '<w:t xml:space="preserve">{}</w:t>'.format
    runs = (run(text(before)) + run(_e("fldChar", fldCharType="begin"))
            + run('<w:instrText xml:space="preserve"> PAGE </w:instrText>')
            + run(_e("fldChar", fldCharType="separate")) + run(text("1")) + run(_e("fldChar", fldCharType="end"))
            + run(text(after)))
    ppr = ("<w:pPr>" + _e("snapToGrid", val="0")
           + _e("spacing", before="0", after="0", line=_twips(page.PAGE_NUMBER_PT), lineRule="exact")
           + _e("ind", **{side: _twips(page.PAGE_NUMBER_IN_CHARS * page.PAGE_NUMBER_PT)}, firstLine="0",
                firstLineChars="0")
           + _e("jc", val=side) + "</w:pPr>")
    return _HEAD + f"<w:ftr {_W}><w:p>{ppr}{runs}</w:p></w:ftr>"


def _twips_mm(mm: float) -> str:
    return str(pt_to_twips(mm_to_pt(mm)))


def _document() -> str:
    sect = ('<w:sectPr><w:footerReference w:type="even" r:id="rIdFooterEven"/>'
            '<w:footerReference w:type="default" r:id="rIdFooterOdd"/>'
            + _e("pgSz", w=_twips_mm(page.PAPER_W_MM), h=_twips_mm(page.PAPER_H_MM))
            + _e("pgMar", top=_twips_mm(page.TOP_MM), right=_twips_mm(page.RIGHT_MM),
                 bottom=_twips_mm(page.BOTTOM_MM), left=_twips_mm(page.LEFT_MM),
                 header=_twips_mm(page.HEADER_MM), footer=_twips_mm(footer_distance_mm()), gutter="0")
            + _e("cols", space="425")
            + _e("docGrid", type="linesAndChars", linePitch=str(page.LINE_PITCH_TWIPS),
                 charSpace=str(page.GRID_CHAR_SPACE))
            + "</w:sectPr>")
    return _HEAD + f"<w:document {_W}><w:body>{sect}</w:body></w:document>"


# -- the package --------------------------------------------------------------------------------------

_CT = "application/vnd.openxmlformats-officedocument"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _content_types() -> str:
    over = (("/word/document.xml", f"{_CT}.wordprocessingml.document.main+xml"),
            ("/word/styles.xml", f"{_CT}.wordprocessingml.styles+xml"),
            ("/word/settings.xml", f"{_CT}.wordprocessingml.settings+xml"),
            ("/word/fontTable.xml", f"{_CT}.wordprocessingml.fontTable+xml"),
            ("/word/footer1.xml", f"{_CT}.wordprocessingml.footer+xml"),
            ("/word/footer2.xml", f"{_CT}.wordprocessingml.footer+xml"),
            ("/word/theme/theme1.xml", f"{_CT}.theme+xml"),
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            ("/docProps/app.xml", f"{_CT}.extended-properties+xml"))
    return (_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in over) + "</Types>")


def _rels(rels: tuple[tuple[str, str, str], ...]) -> str:
    return (_HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in rels)
            + "</Relationships>")


def _core() -> str:
    # Filled per report by the writer (title, author, dates); empty here, never python-docx's.
    return (_HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/'
            'terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>')


def _theme() -> str:
    """Office's colours and effects, the GB/T 9704 fonts as the theme's East Asian fonts."""
    def fonts(kind: str, ea: str) -> str:
        return (f'<a:{kind}><a:latin typeface="Times New Roman"/><a:ea typeface={quoteattr(ea)}/><a:cs typeface=""/>'
                f'<a:font script="Hans" typeface={quoteattr(ea)}/></a:{kind}>')

    colors = (("dk1", '<a:sysClr val="windowText" lastClr="000000"/>'),
              ("lt1", '<a:sysClr val="window" lastClr="FFFFFF"/>'),
              *((name, f'<a:srgbClr val="{rgb}"/>') for name, rgb in (
                  ("dk2", "44546A"), ("lt2", "E7E6E6"), ("accent1", "4472C4"), ("accent2", "ED7D31"),
                  ("accent3", "A5A5A5"), ("accent4", "FFC000"), ("accent5", "5B9BD5"), ("accent6", "70AD47"),
                  ("hlink", "0563C1"), ("folHlink", "954F72"))))
    fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = f'<a:ln w="6350">{fill}</a:ln>'
    return (_HEAD + '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office">'
            '<a:themeElements><a:clrScheme name="Office">'
            + "".join(f"<a:{n}>{c}</a:{n}>" for n, c in colors) + "</a:clrScheme>"
            '<a:fontScheme name="GB/T 9704">' + fonts("majorFont", FONTS[Role.HEI].name)
            + fonts("minorFont", FONTS[Role.BODY].name) + "</a:fontScheme>"
            '<a:fmtScheme name="Office"><a:fillStyleLst>' + fill * 3 + "</a:fillStyleLst>"
            "<a:lnStyleLst>" + line * 3 + "</a:lnStyleLst>"
            "<a:effectStyleLst>" + "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3 + "</a:effectStyleLst>"
            "<a:bgFillStyleLst>" + fill * 3 + "</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>")


def _app() -> str:
    return (_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f"<Application>{APPLICATION}</Application><DocSecurity>0</DocSecurity></Properties>")


def parts() -> dict[str, str]:
    """Part name → XML text, in package order."""
    return {
        "[Content_Types].xml": _content_types(),
        "_rels/.rels": _rels((
            ("rId1", f"{_REL}/officeDocument", "word/document.xml"),
            ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
             "docProps/core.xml"),
            ("rId3", f"{_REL}/extended-properties", "docProps/app.xml"))),
        "word/document.xml": _document(),
        "word/_rels/document.xml.rels": _rels((
            ("rIdStyles", f"{_REL}/styles", "styles.xml"),
            ("rIdSettings", f"{_REL}/settings", "settings.xml"),
            ("rIdFonts", f"{_REL}/fontTable", "fontTable.xml"),
            ("rIdFooterOdd", f"{_REL}/footer", "footer1.xml"),
            ("rIdFooterEven", f"{_REL}/footer", "footer2.xml"),
            ("rIdTheme", f"{_REL}/theme", "theme/theme1.xml"))),
        "word/styles.xml": _styles(),
        "word/settings.xml": _settings(),
        "word/fontTable.xml": _font_table(),
        "word/footer1.xml": _footer(odd=True),
        "word/footer2.xml": _footer(odd=False),
        "word/theme/theme1.xml": _theme(),
        "docProps/core.xml": _core(),
        "docProps/app.xml": _app(),
    }


def build() -> bytes:
    """The reference .docx, byte for byte reproducible (fixed member dates)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in parts().items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, xml.encode("utf-8"))
    return out.getvalue()
