"""What Word and WPS demand of a .docx beyond well-formed XML, checked on the files we write.

Word refuses (“无法读取的内容”) or repairs a file whose property elements come out of the
schema's order, repeat, or are unknown in the WordprocessingML namespace; WPS is stricter still.
The orders below are the schema's sequences (ECMA-376 Part 1, transitional, §17: CT_PPrBase,
CT_RPr, CT_TblPr, CT_TcPr, CT_SectPr, CT_Style, CT_Settings, CT_Compat, CT_Font …), written
down once here from the standard, so that a writer change that breaks one is caught whatever
element it touches.  Besides order: the package (content types, relationships, document
properties), the East Asian font and language settings, and the tables (widths in twips under a
fixed layout, header rows repeated from the top, rows that never split, merged cells that start).

``problems(path)`` lists every breach in words; an empty list is a clean file.
"""

from __future__ import annotations

import datetime as dt
import itertools
import posixpath
import re
import zipfile
from collections import Counter
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_W = f"{{{W}}}"

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


def _int(el: etree._Element | None, attr: str, default: int = 0) -> int:
    value = None if el is None else el.get(f"{_W}{attr}")
    return int(value) if value is not None and re.fullmatch(r"-?\d+", value) else default


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


# -- the package -----------------------------------------------------------------------------------


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


# Relationship type (its last segment) → the content type its target must have: Word refuses a
# main part, and ignores a styles or footer part, of another type.
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
PART_TYPES = {
    "officeDocument": f"{_WML}.document.main+xml", "styles": f"{_WML}.styles+xml",
    "settings": f"{_WML}.settings+xml", "fontTable": f"{_WML}.fontTable+xml", "footer": f"{_WML}.footer+xml",
    "header": f"{_WML}.header+xml", "numbering": f"{_WML}.numbering+xml",
    "theme": "application/vnd.openxmlformats-officedocument.theme+xml",
    "core-properties": "application/vnd.openxmlformats-package.core-properties+xml",
    "extended-properties": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    "customXmlProps": "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
    "custom-properties": "application/vnd.openxmlformats-officedocument.custom-properties+xml",
}


def package_problems(z: zipfile.ZipFile, parsed: dict[str, etree._Element]) -> list[str]:
    out: list[str] = []
    names = set(z.namelist())
    types = parsed["[Content_Types].xml"]
    defaults = {d.get("Extension", "").lower(): d.get("ContentType") for d in types.iter(f"{{{CT}}}Default")}
    overrides = {o.get("PartName", "").lstrip("/"): o.get("ContentType") for o in types.iter(f"{{{CT}}}Override")}
    for o in overrides:
        if o not in names:
            out.append(f"[Content_Types].xml: an override for /{o}, which the package lacks")

    def content_type(n: str) -> str | None:
        return overrides.get(n) or defaults.get(n.rsplit(".", 1)[-1].lower())

    for n in names - {"[Content_Types].xml"}:
        if not z.getinfo(n).is_dir() and content_type(n) is None:
            out.append(f"{n}: no content type")
    for rels in sorted(n for n in names if n.endswith(".rels")):
        source = rels.replace("_rels/", "")[: -len(".rels")]
        base = posixpath.dirname(source)
        ids: Counter[str] = Counter()
        for rel in parsed[rels].iter(f"{{{PKG_REL}}}Relationship"):
            ids[rel.get("Id", "")] += 1
            target = rel.get("Target", "")
            if not target.strip() or not rel.get("Type", "").strip():
                out.append(f"{rels}: an empty relationship {dict(rel.attrib)}")
            elif rel.get("TargetMode") != "External":
                path = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(base, target))
                expected = PART_TYPES.get(rel.get("Type", "").rsplit("/", 1)[-1])
                if path not in names:
                    out.append(f"{rels}: relationship {rel.get('Id')} points at {path}, which is missing")
                elif expected and content_type(path) != expected:
                    out.append(f"{path}: content type {content_type(path)}, not {expected}")
        out += [f"{rels}: relationship id {i!r} used {c} times" for i, c in ids.items() if c > 1 or not i]
        if source in parsed:  # every r:id a part uses is one of its relationships
            used = {v for el in parsed[source].iter() for a, v in el.attrib.items() if a.startswith(f"{{{R}}}")}
            missing = used - set(ids)
            if missing:
                out.append(f"{source}: refers to relationships {sorted(missing)} it does not have")
    root_types = {rel.get("Type", "").rsplit("/", 1)[-1] for rel in parsed["_rels/.rels"]}
    for needed in ("officeDocument", "core-properties", "extended-properties"):
        if needed not in root_types:
            out.append(f"_rels/.rels: no {needed} relationship")
    out += _core_problems(parsed.get("docProps/core.xml"))
    app = parsed.get("docProps/app.xml")
    application = None if app is None else app.find("{*}Application")
    if application is None or not (application.text or "").strip():
        out.append("docProps/app.xml: no Application")
    return out


def _core_problems(core: etree._Element | None) -> list[str]:
    if core is None:
        return ["no docProps/core.xml"]
    out = []
    dcterms, xsi = "http://purl.org/dc/terms/", "http://www.w3.org/2001/XMLSchema-instance"
    for name in ("created", "modified"):
        el = core.find(f"{{{dcterms}}}{name}")
        if el is None or el.get(f"{{{xsi}}}type") != "dcterms:W3CDTF":
            out.append(f"core.xml: dcterms:{name} missing or not typed W3CDTF")
            continue
        try:
            dt.datetime.fromisoformat((el.text or "").replace("Z", "+00:00"))
        except ValueError:
            out.append(f"core.xml: dcterms:{name} {el.text!r} is no date")
    for tag in ("{http://purl.org/dc/elements/1.1/}title", "{http://purl.org/dc/elements/1.1/}creator"):
        if core.find(tag) is None:
            out.append(f"core.xml: no {tag}")
    # Word's 属性 holds one line of at most 255 characters (python-docx refuses more on writing)
    for el in core:
        text = el.text or ""
        if len(text) > 255 or any(ch in text for ch in "\n\r\t"):
            out.append(f"core.xml: {etree.QName(el).localname} is not one line of at most 255 characters")
    created, modified = (core.find(f"{{{dcterms}}}{n}") for n in ("created", "modified"))
    if created is not None and modified is not None and (created.text or "") > (modified.text or ""):
        out.append(f"core.xml: created {created.text} after modified {modified.text}")
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


# GB/T 9704-2012, in twips: A4, margins 37/35/28/26 mm, 22 lines of 28 characters in the block.
_A4 = (11906, 16838)
_MARGINS = {"top": 2098, "bottom": 1984, "left": 1587, "right": 1474}
_CJK = re.compile("[\u3400-\u9fff]")


def page_problems(parts: dict[str, etree._Element], rels: dict[str, str]) -> list[str]:
    """The page a reviewer measures: A4, the margins, a grid of 22 lines × 28 characters, page
    numbers (a PAGE field) in a footer for odd and one for even pages when the settings say they
    differ, and every font a part names declared in fontTable.xml (Word substitutes a missing
    one by its declaration), a Chinese-named one for GB2312 (charset 86).  ``rels``: the main
    document's relationship ids → part names."""
    out: list[str] = []
    body = parts["word/document.xml"].find(f"{_W}body")
    sect = body.find(f"{_W}sectPr") if body is not None else None
    if sect is None:
        return ["document.xml: no section properties at the end of the body"]
    size = sect.find(f"{_W}pgSz")
    if size is None or (_int(size, "w"), _int(size, "h")) != _A4 or size.get(f"{_W}orient") == "landscape":
        out.append("sectPr: the page is not A4 portrait")
    margins = sect.find(f"{_W}pgMar")
    for side, want in _MARGINS.items():
        if margins is None or abs(_int(margins, side) - want) > 2:
            out.append(f"sectPr: {side} margin {None if margins is None else margins.get(f'{_W}{side}')} twips, not {want}")
    grid = sect.find(f"{_W}docGrid")
    block_h = _A4[1] - _MARGINS["top"] - _MARGINS["bottom"]
    block_w_pt = (_A4[0] - _MARGINS["left"] - _MARGINS["right"]) / 20
    pitch = _int(grid, "linePitch")
    if grid is None or grid.get(f"{_W}type") != "linesAndChars" or not 22 * pitch <= block_h < 23 * pitch:
        out.append(f"sectPr: the document grid does not set 22 lines a page (linePitch {pitch})")
    normal = _normal_size_pt(parts.get("word/styles.xml"))
    char_pt = normal + _int(grid, "charSpace") / 4096
    if grid is not None and not 28 * char_pt <= block_w_pt + 0.5 < 29 * char_pt:
        out.append(f"sectPr: the document grid does not set 28 characters a line ({char_pt:.2f} pt each)")
    footers = {ref.get(f"{_W}type"): rels.get(ref.get(f"{{{R}}}id", ""), "")
               for ref in sect.iter(f"{_W}footerReference")}
    settings = parts.get("word/settings.xml")
    even_odd = settings is not None and settings.find(f"{_W}evenAndOddHeaders") is not None
    wanted = {"default": "right", "even": "left"} if even_odd else {"default": ""}
    for kind, align in wanted.items():
        footer = parts.get(footers.get(kind, ""))
        if footer is None:
            out.append(f"sectPr: no {kind} footer (page numbers)")
            continue
        code = "".join(t.text or "" for t in footer.iter(f"{_W}instrText"))
        if "PAGE" not in code.split():
            out.append(f"{footers[kind]}: no PAGE field")
        jc = footer.find(f".//{_W}jc")
        if align and (jc is None or jc.get(f"{_W}val") not in (align, "end" if align == "right" else "start")):
            out.append(f"{footers[kind]}: the page number of {kind} pages is not on the outer ({align}) side")
    out += _font_problems(parts)
    return out


def _normal_size_pt(styles: etree._Element | None) -> float:
    """The body font size: Normal's w:sz, else the defaults', else Word's 10.5 pt."""
    if styles is not None:
        for path in (f"{_W}style[@{_W}styleId='Normal']/{_W}rPr/{_W}sz", f"{_W}docDefaults//{_W}rPr/{_W}sz"):
            sz = styles.find(path)
            if sz is not None:
                return _int(sz, "val") / 2
    return 10.5


def _font_problems(parts: dict[str, etree._Element]) -> list[str]:
    table = parts.get("word/fontTable.xml")
    declared = {} if table is None else {f.get(f"{_W}name"): f for f in table.iter(f"{_W}font")}
    named = {el.get(f"{_W}{slot}") for root in parts.values() for el in root.iter(f"{_W}rFonts")
             for slot in ("ascii", "hAnsi", "eastAsia", "cs")} - {None}
    out = [f"fontTable.xml: {name} is used but not declared" for name in sorted(named) if name not in declared]
    for name, font in sorted(declared.items()):
        charset = font.find(f"{_W}charset")
        if _CJK.search(name or "") and (charset is None or charset.get(f"{_W}val", "").upper() != "86"):
            out.append(f"fontTable.xml: {name} is not declared for GB2312 (charset 86)")
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
