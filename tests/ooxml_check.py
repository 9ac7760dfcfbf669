"""What Word and WPS demand of a .docx beyond well-formed XML, checked on the files we write.

Word refuses (“无法读取的内容”) or repairs a file whose property elements come out of the
schema's order, repeat, or are unknown in the WordprocessingML namespace; WPS is stricter still.
The orders below are the schema's sequences (ECMA-376 Part 1, transitional, §17: CT_PPrBase,
CT_RPr, CT_TblPr, CT_TcPr, CT_SectPr, CT_Style, CT_Settings, CT_Compat, CT_Font …), written
down once here from the standard, so that a writer change that breaks one is caught whatever
element it touches.  Besides order: the package (content types, relationships, document
properties: tests/ooxml_package.py), the East Asian font and language settings, the tables (widths
in twips under a fixed layout, header rows repeated from the top, rows that never split, merged
cells that start) and the page GB/T 9704 sets (tests/ooxml_page.py).

``problems(path)`` lists every breach in words; an empty list is a clean file.
"""

from __future__ import annotations

import itertools
import posixpath
import zipfile
from collections import Counter
from pathlib import Path

from lxml import etree

from tests.ooxml_names import WQ as _W
from tests.ooxml_names import int_attr as _int
from tests.ooxml_package import package_problems
from tests.ooxml_page import page_problems

# -- the schema's sequences ------------------------------------------------------------------------

_PPR_BASE = ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
             "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
             "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
             "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle")
_RPR_BASE = ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
             "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
             "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath")
_BORDERS = "top left start bottom right end insideH insideV tl2br tr2bl"
_MARGINS = "top left start bottom right end"

# Parent (as ``_context`` names it) → its children in schema order.  A child repeated where the
# schema allows it is listed in REPEATED; any other repeat, or a child not listed, is a breach.
ORDER: dict[str, str] = {
    "document": "background body",
    "p.pPr": _PPR_BASE + " rPr sectPr pPrChange",
    "style.pPr": _PPR_BASE,
    "pPrDefault.pPr": _PPR_BASE,
    "lvl.pPr": _PPR_BASE,
    "r.rPr": _RPR_BASE + " rPrChange",
    "pPr.rPr": "ins del moveFrom moveTo " + _RPR_BASE + " rPrChange",
    "style.rPr": _RPR_BASE,
    "rPrDefault.rPr": _RPR_BASE,
    "lvl.rPr": _RPR_BASE,
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
             "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription tblPrChange",
    "tblBorders": _BORDERS,
    "tblCellMar": _MARGINS,
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign "
            "hideMark headers cellIns cellDel cellMerge tcPrChange",
    "tcBorders": _BORDERS,
    "tcMar": _MARGINS,
    "tbl": "tblPr tblGrid tr",
    "tblGrid": "gridCol tblGridChange",
    "tr": "tblPrEx trPr tc",
    "sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType "
              "pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid "
              "printerSettings sectPrChange",
    "styles": "docDefaults latentStyles style",
    "docDefaults": "rPrDefault pPrDefault",
    "rPrDefault": "rPr",
    "pPrDefault": "pPr",
    "style": "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat "
             "locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr",
    "settings": "writeProtection view zoom removePersonalInformation removeDateAndTime doNotDisplayPageBoundaries "
                "displayBackgroundShape printPostScriptOverText printFractionalCharacterWidth printFormsData "
                "embedTrueTypeFonts embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins "
                "alignBordersAndEdges bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop "
                "hideSpellingErrors hideGrammaticalErrors activeWritingStyle proofState formsDesign "
                "attachedTemplate linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge "
                "revisionView trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection "
                "autoFormatOverride styleLockTheme styleLockQFSet defaultTabStop autoHyphenation "
                "consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope summaryLength "
                "clickAndTypeStyle defaultTableStyle evenAndOddHeaders bookFoldRevPrinting bookFoldPrinting "
                "bookFoldPrintingSheets drawingGridHorizontalSpacing drawingGridVerticalSpacing "
                "displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery "
                "doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin "
                "doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne "
                "strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore savePreviewPicture "
                "doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText "
                "doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags "
                "alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat docVars "
                "rsids mathPr attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats "
                "doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType "
                "schemaLibrary shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator",
    "compat": "useSingleBorderforContiguousCells wpJustification noTabHangInd noLeading spaceForUL "
              "noColumnBalance balanceSingleByteDoubleByteWidth noExtraLineSpacing doNotLeaveBackslashAlone "
              "ulTrailSpace doNotExpandShiftReturn spacingInWholePoints lineWrapLikeWord6 "
              "printBodyTextBeforeHeader printColBlack wpSpaceWidth showBreaksInFrames subFontBySize "
              "suppressBottomSpacing suppressTopSpacing suppressSpacingAtTopOfPage suppressTopSpacingWP "
              "suppressSpBfAfterPgBrk swapBordersFacingPages convMailMergeEsc truncateFontHeightsLikeWP6 "
              "mwSmallCaps usePrinterMetrics doNotSuppressParagraphBorders wrapTrailSpaces "
              "footnoteLayoutLikeWW8 shapeLayoutLikeWW8 alignTablesRowByRow forgetLastTabAlignment "
              "adjustLineHeightInTable autoSpaceLikeWord95 noSpaceRaiseLower doNotUseHTMLParagraphAutoSpacing "
              "layoutRawTableWidth layoutTableRowsApart useWord97LineBreakRules doNotBreakWrappedTables "
              "doNotSnapToGridInCell selectFldWithFirstOrLastChar applyBreakingRules doNotWrapTextWithPunct "
              "doNotUseEastAsianBreakRules useWord2002TableStyleRules growAutofit useFELayout "
              "useNormalStyleForList doNotUseIndentAsNumberingTabStop useAltKinsokuLineBreakRules "
              "allowSpaceOfSameStyleInTable doNotSuppressIndentation doNotAutofitConstrainedTables "
              "autofitToFirstFixedWidthCell underlineTabInNumList displayHangulFixedWidth "
              "splitPgBreakAndParaMark doNotVertAlignCellWithSp doNotBreakConstrainedForcedTable "
              "doNotVertAlignInTxbx useAnsiKerningPairs cachedColBalance compatSetting",
    "fonts": "font",
    "font": "altName panose1 charset family notTrueType pitch sig embedRegular embedBold embedItalic "
            "embedBoldItalic",
    "numbering": "numPicBullet abstractNum num numIdMacAtCleanup",
    "abstractNum": "nsid multiLevelType tmpl name styleLink numStyleLink lvl",
    "lvl": "start numFmt lvlRestart pStyle isLgl suff lvlText lvlPicBulletId legacy lvlJc pPr rPr",
    "num": "abstractNumId lvlOverride",
}
REPEATED = {("tbl", "tr"), ("tr", "tc"), ("tblGrid", "gridCol"),
            ("sectPr", "headerReference"), ("sectPr", "footerReference"), ("styles", "style"),
            ("compat", "compatSetting"), ("fonts", "font"), ("numbering", "abstractNum"), ("numbering", "num"),
            ("numbering", "numPicBullet"), ("abstractNum", "lvl"), ("num", "lvlOverride"),
            ("settings", "activeWritingStyle"), ("settings", "attachedSchema"), ("settings", "smartTagType")}
# headerReference and footerReference come in any order among themselves (a choice, not a sequence).
_SAME_RANK = {("sectPr", "footerReference"): "headerReference"}
_RANKS = {parent: {name: i for i, name in enumerate(order.split())} for parent, order in ORDER.items()}


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def _context(el: etree._Element) -> str:
    """The key of ORDER that applies to ``el``: a property element is told by its parent (a
    paragraph's rPr is a paragraph mark's, a style's is a style's)."""
    name = _local(el)
    if name in ("pPr", "rPr"):
        parent = el.getparent()
        return f"{_local(parent)}.{name}" if parent is not None else name
    return name


def order_problems(root: etree._Element, part: str) -> list[str]:
    """Children of every element of the w: namespace that the schema orders: unknown, repeated or
    out of order; a paragraph's pPr, a run's rPr, a cell's tcPr first; a body's sectPr last;
    a cell ending with a paragraph, as Word requires."""
    out: list[str] = []
    for el in root.iter(f"{_W}*"):
        kids = [k for k in el if isinstance(k.tag, str) and k.tag.startswith(_W)]
        where = f"{part}: <w:{_local(el)}>"
        key = _context(el)
        ranks = _RANKS.get(key)
        if ranks is not None:
            seen: Counter[str] = Counter()
            last = -1
            for k in kids:
                name = _local(k)
                rank = ranks.get(_SAME_RANK.get((key, name), name))
                if rank is None:
                    out.append(f"{where} has <w:{name}>, which the schema does not allow there")
                    continue
                seen[name] += 1
                if seen[name] == 2 and (key, name) not in REPEATED:
                    out.append(f"{where} repeats <w:{name}>")
                if rank < last:
                    out.append(f"{where}: <w:{name}> out of schema order in {[_local(x) for x in kids]}")
                last = max(last, rank)
        first = {"p": "pPr", "r": "rPr", "tc": "tcPr"}.get(_local(el))
        if first:
            for i, k in enumerate(kids):
                if _local(k) == first and i:
                    out.append(f"{where}: <w:{first}> not its first child")
        if _local(el) == "body":
            names = [_local(k) for k in kids]
            if "sectPr" in names[:-1]:
                out.append(f"{where}: <w:sectPr> not its last child")
        if _local(el) == "tc" and (not kids or _local(kids[-1]) != "p"):
            out.append(f"{where}: a cell that does not end with a paragraph")
        if _local(el) in ("pPr", "rPr") and not len(el) and not el.attrib:
            out.append(f"{where}: empty, which Word never writes")
        if _local(el) == "p":
            runs = [k for k in kids if _local(k) == "r"]
            for a, b in itertools.pairwise(runs):
                if a.getnext() is b and _plain(a) and _plain(b) and _look(a) == _look(b):
                    out.append(f"{where}: two runs of one look side by side (Word saves them as one)")
                    break
    return out


def _plain(run: etree._Element) -> bool:
    """Text only (a field's characters and instructions are runs of their own in Word too)."""
    return all(_local(k) in ("rPr", "t", "br", "tab") for k in run)


def _look(run: etree._Element) -> bytes:
    rpr = run.find(f"{_W}rPr")
    return b"" if rpr is None else etree.tostring(rpr, method="c14n")


# -- fonts, languages, compatibility ---------------------------------------------------------------


def _on(el: etree._Element | None) -> bool:
    return el is not None and el.get(f"{_W}val") in (None, "1", "true", "on")


def text_problems(parts: dict[str, etree._Element]) -> list[str]:
    out: list[str] = []
    for name, root in parts.items():
        for rfonts in root.iter(f"{_W}rFonts"):
            names = {etree.QName(a).localname: v for a, v in rfonts.attrib.items()}
            if any(k.endswith("Theme") for k in names):
                out.append(f"{name}: rFonts by theme {names}: the GB/T 9704 font names are lost in WPS")
            if names.get("ascii") and not names.get("eastAsia"):
                out.append(f"{name}: rFonts {names} without eastAsia: Chinese text keeps another font")
    styles = parts.get("word/styles.xml")
    if styles is None:
        return [*out, "no word/styles.xml"]
    defaults = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
    lang = None if defaults is None else defaults.find(f"{_W}lang")
    if lang is None or lang.get(f"{_W}eastAsia") != "zh-CN":
        out.append("styles.xml: the default language has no eastAsia zh-CN")
    if defaults is None or defaults.find(f"{_W}rFonts") is None:
        out.append("styles.xml: no default fonts")
    settings = parts.get("word/settings.xml")
    compat = None if settings is None else settings.find(f"{_W}compat")
    modes = [] if compat is None else [c.get(f"{_W}val") for c in compat.iter(f"{_W}compatSetting")
                                        if c.get(f"{_W}name") == "compatibilityMode"]
    if modes != ["15"]:
        out.append(f"settings.xml: compatibilityMode {modes}, not 15 (Word opens it in compatibility mode)")
    return out


# -- what a paragraph inherits ----------------------------------------------------------------------


def paragraph_props(parts: dict[str, etree._Element]) -> list[tuple[str, etree._Element, dict[str, str]]]:
    """Every paragraph of the document and its headers and footers with its indent's attributes
    and alignment as Word resolves them: docDefaults, then the style chain from its root, then the
    paragraph's own, each of w:ind's attributes on its own (a style that sets firstLine keeps
    its base's firstLineChars, which Word takes first)."""
    styles = parts.get("word/styles.xml")
    by_id = {} if styles is None else {s.get(f"{_W}styleId"): s for s in styles.iter(f"{_W}style")
                                      if s.get(f"{_W}type") == "paragraph"}
    default = next((sid for sid, s in by_id.items() if s.get(f"{_W}default") in ("1", "true")), "")

    def own(ppr: etree._Element | None) -> dict[str, str]:
        out: dict[str, str] = {}
        if ppr is None:
            return out
        ind = ppr.find(f"{_W}ind")
        if ind is not None:
            out.update({f"ind.{etree.QName(a).localname}": v for a, v in ind.attrib.items()})
        jc = ppr.find(f"{_W}jc")
        if jc is not None:
            out["jc"] = jc.get(f"{_W}val", "")
        return out

    def chain(sid: str) -> list[etree._Element]:
        seen: list[etree._Element] = []
        while sid in by_id and by_id[sid] not in seen:
            seen.append(by_id[sid])
            based = by_id[sid].find(f"{_W}basedOn")
            sid = "" if based is None else based.get(f"{_W}val", "")
        return seen[::-1]

    base = own(None if styles is None else styles.find(f"{_W}docDefaults/{_W}pPrDefault/{_W}pPr"))
    out = []
    for name, root in parts.items():
        if not name.startswith(("word/document", "word/footer", "word/header")):
            continue
        for p in root.iter(f"{_W}p"):
            ppr = p.find(f"{_W}pPr")
            style = None if ppr is None else ppr.find(f"{_W}pStyle")
            props = dict(base)
            for st in chain(default if style is None else style.get(f"{_W}val", "")):
                props.update(own(st.find(f"{_W}pPr")))
            props.update(own(ppr))
            out.append((name, p, props))
    return out


def indent_problems(parts: dict[str, etree._Element]) -> list[str]:
    """A centred or right-aligned paragraph with a first-line indent in characters: inherited
    from 正文, it moves a title, a signature, a page number or a table cell's text aside."""
    out = []
    for name, p, props in paragraph_props(parts):
        chars = props.get("ind.firstLineChars", "0")
        if props.get("jc", "left") in ("center", "right", "end") and chars not in ("0", ""):
            text = "".join(p.itertext())[:20]
            out.append(f"{name}: “{text}” aligned {props['jc']} with a first line {chars}/100 characters in")
    return out


# -- tables ----------------------------------------------------------------------------------------


def table_problems(document: etree._Element) -> list[str]:
    out: list[str] = []
    for t, tbl in enumerate(document.iter(f"{_W}tbl"), 1):
        where = f"table {t}"
        pr = tbl.find(f"{_W}tblPr")
        width = None if pr is None else pr.find(f"{_W}tblW")
        if width is None or width.get(f"{_W}type") != "dxa":
            out.append(f"{where}: width not in dxa")
        layout = None if pr is None else pr.find(f"{_W}tblLayout")
        if layout is None or layout.get(f"{_W}type") != "fixed":
            out.append(f"{where}: layout not fixed (Word and WPS would fit columns to their text)")
        cols = [_int(g, "w") for g in tbl.findall(f"{_W}tblGrid/{_W}gridCol")]
        if not cols or sum(cols) != _int(width, "w"):
            out.append(f"{where}: grid columns {cols} do not add up to the table width {_int(width, 'w')}")
        rows = tbl.findall(f"{_W}tr")
        header = [r.find(f"{_W}trPr/{_W}tblHeader") is not None for r in rows]
        if header and not header[0] and any(header):
            out.append(f"{where}: header rows not at the top: Word repeats none of them")
        if any(b and not a for a, b in itertools.pairwise(header)):
            out.append(f"{where}: header rows not contiguous from the top: Word repeats only the first run")
        open_merge: set[int] = set()
        for i, row in enumerate(rows):
            if row.find(f"{_W}trPr/{_W}cantSplit") is None:
                out.append(f"{where} row {i}: may split across pages (no cantSplit)")
            col = 0
            for tc in row.findall(f"{_W}tc"):
                tcw = tc.find(f"{_W}tcPr/{_W}tcW")
                if tcw is None or tcw.get(f"{_W}type") != "dxa":
                    out.append(f"{where} row {i}: a cell width not in dxa")
                span = max(_int(tc.find(f"{_W}tcPr/{_W}gridSpan"), "val", 1), 1)
                if _int(tcw, "w") != sum(cols[col: col + span]):
                    out.append(f"{where} row {i} col {col}: cell width {_int(tcw, 'w')} ≠ its grid columns'")
                merge = tc.find(f"{_W}tcPr/{_W}vMerge")
                if merge is not None and merge.get(f"{_W}val") != "restart" and col not in open_merge:
                    out.append(f"{where} row {i} col {col}: a merged cell continues nothing above it")
                if merge is None:
                    open_merge.discard(col)
                else:
                    open_merge.add(col)
                col += span
            if col != len(cols):
                out.append(f"{where} row {i}: spans {col} grid columns of {len(cols)}")
    return out


def id_problems(parts: dict[str, etree._Element]) -> list[str]:
    """Bookmark, comment and drawing ids unique in the document, each bookmark closed."""
    out: list[str] = []
    for name, root in parts.items():
        for tag in ("bookmarkStart", "commentRangeStart", "ins", "del"):
            ids = Counter(el.get(f"{_W}id") for el in root.iter(f"{_W}{tag}"))
            out += [f"{name}: <w:{tag}> id {i} used {c} times" for i, c in ids.items() if c > 1]
        starts = {el.get(f"{_W}id") for el in root.iter(f"{_W}bookmarkStart")}
        ends = {el.get(f"{_W}id") for el in root.iter(f"{_W}bookmarkEnd")}
        if starts != ends:
            out.append(f"{name}: bookmarks opened and closed differ: {sorted(starts ^ ends)}")
        drawings = Counter(el.get("id") for el in root.iter("{*}docPr"))
        out += [f"{name}: drawing id {i} used {c} times" for i, c in drawings.items() if c > 1]
    return out


def _main_rels(z: zipfile.ZipFile) -> dict[str, str]:
    try:
        root = etree.fromstring(z.read("word/_rels/document.xml.rels"))
    except KeyError:
        return {}
    return {rel.get("Id", ""): posixpath.normpath(posixpath.join("word", rel.get("Target", ""))) for rel in root}


def problems(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        parsed = {n: etree.fromstring(z.read(n)) for n in z.namelist() if n.endswith((".xml", ".rels"))}
        word = {n: r for n, r in parsed.items() if n.startswith("word/") and not n.endswith(".rels")}
        out = []
        for name, root in word.items():
            out += order_problems(root, name)
        out += text_problems(word)
        out += indent_problems(word)
        out += table_problems(parsed["word/document.xml"])
        out += package_problems(z, parsed)
        out += id_problems(word)
        out += page_problems(word, _main_rels(z))
    return out
