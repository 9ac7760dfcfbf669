"""Reading a report copied from a published web page: the page saved as .html, or its text
copied into a .txt (app/textcopy.py).  Reviewers often have only these.  Both become the same
blocks the .docx reader uses (paragraphs and expanded table grids), so every rule of that
reader applies.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import lxml.html
from lxml import etree

from app import limits
from app.docx.blocks import Block, ParaBlock, TableBlock
from app.docx.headings import classify_heading
from app.docx.xmlkids import W
from app.errors import ReadError, unreadable
from app.findings import (
    HIDDEN_TEXT,
    MISSING_TABLE,
    RESTYLED,
    ROWSPAN_OFF,
    STRAY_BYTES,
    VALUE_LIST_NUMBER,
    VALUE_NOTE_MARK,
    Location,
)
from app.report import Report
from app.schema import META, SECTIONS, CellRef
from app.textcopy import SECTION_START, text_blocks
from app.webarticle import article_end
from app.webbidi import reverse_overrides
from app.webcss import UNFOLLOWED, Css, Hidden, drop_hidden
from app.webcssgrid import css_grids
from app.webcut import Cut
from app.webdecode import decode, traditional, traditional_page
from app.webdivtables import css_tables
from app.webgenerated import UNCOUNTED, add_generated, restyled_cells
from app.webgrid import GROUPS, html_grid, respanned
from app.webgrid import lines as _lines
from app.webinline import without_inline_data
from app.webreorder import float_items, reorder_items
from app.webruns import Style, styled_lines
from app.webunshown import NEVER_DRAWN, drop_page_furniture, mark_unshown

_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote"}
_CONTAINERS = {"div", "section", "article", "main", "body", "center", "font", "span", "td", "form"}


def read_web_copy(path: Path, depth: int = 0) -> Report:
    """``depth``: how many frames in this page is (app/webframes.py)."""
    try:
        # A page saved as one file holds its photos (data: URIs): counted without them.
        page = path.suffix.lower() in (".htm", ".html", ".xhtml")
        limits.check_text_copy_size(path.stat().st_size, page=page)
        # No more than the limit is read, whatever the size said (a download still growing, a /proc file's 0).
        with limits.open_regular(path) as fh:  # never waiting on a FIFO swapped in since the look
            raw = without_inline_data(fh) if page else fh.read(limits.MAX_TEXT_COPY_BYTES + 1)
        limits.check_text_copy_read(len(raw))
    except limits.NotAFile:
        raise  # names the file itself
    except ReadError as e:
        raise ReadError(f"{path}：{e}") from e
    except OSError as e:
        raise ReadError(f"{path}：{unreadable(e)}") from e
    return read_page(path, raw, html=path.suffix.lower() in (".htm", ".html"), folder=path.parent, depth=depth)


def read_page(path: Path, raw: bytes, edit: Callable[[str], str] | None = None, *, html: bool, folder: Path | None,
              depth: int = 0) -> Report:
    """The report in ``raw``, the bytes of the page or text copy ``path`` names (what is said
    names it): ``html`` if so known (else a text with a table tag is one), its stylesheets read
    under ``folder`` (None: nothing from disk), its decoded text ``edit``-ed first (a single-file
    page's saved stylesheets written in: app/webmht.py)."""
    from app.docx.assemble import noted_location, read_blocks_report

    try:
        decoded = decode(raw)
        text = edit(decoded.text) if edit is not None else decoded.text
    except ReadError as e:
        raise ReadError(f"{path}：{e}") from e
    if not text.strip():
        raise ReadError(f"{path}：文件是空的")
    noted: dict[str, list[CellRef]] = {}
    is_html = html or "<table" in text[:200000].lower()
    try:
        unsure: list[str] = []  # tables whose figures' places are not certain, said (app/textrows.py)
        blocks, hidden = html_blocks(text, folder) if is_html else (text_blocks(text, unsure), Hidden())
        blocks, hidden.first = _from_title(blocks, hidden.first, hidden.sources)
        blocks, hidden.first, site_words = _without_site_lines(blocks, hidden.first)
        # A page with a report's headings but no table is read (its tables pictures or drawn
        # with CSS), and a text copied from such a page: its text kept, each missing table said, as for a Word file.
        report = read_blocks_report(blocks, noted=noted, pictured_tables=True)
    except ReadError as e:
        if traditional(decoded):  # read right, but the statutory labels are simplified
            raise ReadError(f"{path}：{traditional_page(decoded)}") from e
        if is_html and folder is not None and (framed := _framed(path, text, depth)) is not None:
            return framed  # the report is in a frame whose page was saved beside this one
        raise ReadError(f"{path}：{e}") from e
    if _no_statutory_table(report) and traditional(decoded):
        # The labels match none: a report of blank tables would say the page has none — it
        # has them, in the other script.
        raise ReadError(f"{path}：{traditional_page(decoded)}")
    report.import_findings += [MISSING_TABLE.at(Location(META), note) for note in dict.fromkeys(unsure)]
    if decoded.replaced:
        report.import_findings.append(STRAY_BYTES.at(
            Location(META), f"文件按 UTF-8 编码读入，但其中有{decoded.replaced}处字节不是 UTF-8 文字（旧网站系统常留下这样的零星字节），"
                            "这几处读作“\ufffd”；请在正文和表格中查找“\ufffd”，核对改正"))
    if hidden.notes:  # the same words as the .docx reader's (app/docx/reader.py)
        report.import_findings.append(VALUE_NOTE_MARK.at(
            noted_location(noted.get(VALUE_NOTE_MARK.kind)), f"表格中有{hidden.notes}个单元格含上标、下标（注释标记）或删除线文字，未计入数字；"
                            "请核对这些单元格，注释写在表格下方"))
    if hidden.numbers:  # the same words as the .docx reader's (app/docx/reader.py)
        report.import_findings.append(VALUE_LIST_NUMBER.at(
            noted_location(noted.get(VALUE_LIST_NUMBER.kind)), f"表格中有{len(hidden.numbers)}个单元格的数字前有自动编号（如“{hidden.numbers[0]}”），"
                            "编号未计入数字；请核对这些单元格，在 Word/WPS 中取消这些单元格的编号"))
    if hidden.restyled or hidden.uncounted:  # counters too many to follow: never a guessed number, said
        said = [f"网页的样式表在{hidden.restyled}处表格单元格中添加了文字（::before、::after）或把文字从右向左重排"
                "（bdo、unicode-bidi）或改变了先后顺序（flex 的 order、row-reverse，浮动 float），浏览器显示的与网页源文字不同；已按浏览器显示的读入，请核对这些单元格的数字"] * bool(hidden.restyled)
        report.import_findings.append(RESTYLED.at(noted_location(noted.get(RESTYLED.kind)), "。".join(said + [UNCOUNTED] * hidden.uncounted)))
    if hidden.furniture:
        report.import_findings.append(HIDDEN_TEXT.at(Location(META), f"网页中有{len(hidden.furniture)}处页眉或页脚（另存为网页时写入的 Word/LibreOffice 页眉、页脚）"
                                                      f"未作为正文读入，其中有页码以外的文字（如“{hidden.furniture[0][:30]}”）；请核对其中是否有应写入正文的内容"))
    report.import_findings += [HIDDEN_TEXT.at(Location(META), UNFOLLOWED)] * hidden.unfollowed
    if hidden.respanned:
        report.import_findings.append(ROWSPAN_OFF.at(noted_location(noted.get(ROWSPAN_OFF.kind)), respanned(hidden.respanned)))
    if site_words:  # a site's words a report writes too: left out, and said (rev22b H2)
        from app.webchrome import left_out

        report.import_findings.append(HIDDEN_TEXT.at(Location(META), left_out(site_words)))
    if hidden.places:
        cells = f"，其中{hidden.cells}处是表格单元格或行，按空白单元格读入（其后的数字不移位）" if hidden.cells else ""
        from app.docx.hiddenplace import block_location

        where = block_location(blocks, hidden.first, report) if hidden.first is not None else Location(META)
        report.import_findings.append(HIDDEN_TEXT.at(
            where, f"网页中有{hidden.places}处设为不显示或看不见的文字（hidden、display:none、visibility:hidden，未展开的折叠内容（details、dialog）、下拉列表中未选中的选项，与底色同色或几乎同色、透明或几乎透明、字号为0或小到看不清、字距收紧到字叠在一起、裁剪或缩放到看不清、移出页面或（绝对定位）移出所在单元格的文字），"
                            f"未读入{cells}；浏览器中看不到这些文字，请核对正文和表格"))
    return report


_FRAME_WORD = re.compile("frame", re.IGNORECASE)


def _framed(path: Path, text: str, depth: int) -> Report | None:
    """The report of the first frame's page saved beside ``path`` that is one; None when the page
    has no frame; ReadError naming the frames' pages not saved when the saved ones hold none."""
    from app import webframes

    # searched as it is: text.lower() of a page of Chinese made a copy of it and a buffer of
    # 12 bytes a character (a 20 MB page refused for its styles peaked 80 MB higher for that)
    srcs = webframes.frame_sources(text) if _FRAME_WORD.search(text) else []
    if not srcs or depth >= webframes.MAX_DEPTH:
        return None
    if (book := _workbook(path, text)) is not None:
        return book
    found = {s: webframes.saved_frame(path, s) for s in srcs}
    for frame in found.values():
        if frame is not None:
            try:
                return read_web_copy(frame, depth + 1)
            except ReadError:
                continue  # a frame of the site's banner or menu: the next one
    if missing := [s for s, frame in found.items() if frame is None]:
        raise ReadError(f"{path}：{webframes.unsaved(missing)}")
    return None


def _workbook(path: Path, text: str) -> Report | None:
    """A workbook Excel saved as a web page with its folder: the worksheets saved beside it that
    Excel shows (app/webworkbook.py), read as one page; None when it is none, or they hold no report."""
    from app import webframes
    from app.webworkbook import one_page, sheet_sources

    sheets = [f for s in sheet_sources(text) if (f := webframes.saved_frame(path, s)) is not None]
    if len(sheets) < 2:
        return None
    try:
        texts = []
        for sheet in sheets:
            with limits.open_regular(sheet) as fh:
                texts.append(decode(without_inline_data(fh)).text)
            limits.check_text_copy_read(sum(len(t) for t in texts))
        return read_page(path, one_page(texts), html=True, folder=sheets[0].parent)
    except (ReadError, OSError, limits.NotAFile):
        return None  # (then read as frames, one by one)


def _from_title(blocks: list[Block], first: int | None = None,
                sources: list[lxml.html.HtmlElement | None] | None = None) -> tuple[list[Block], int | None]:
    """The page from the report's title on: a whole page saved (or copied with Ctrl+A) from a
    government site has its header, menu, breadcrumb and 信息索引 table above the article, where
    the title is looked for (the first four lines, before any table: app/docx/signoff.py).  The
    title is the last short line before the first section that names an organ and a year and
    ends in 报告 (the article's own, where the site repeats it above); where it stands below a
    table or past those four lines, nothing above it is read, as a letterhead above a title is not.
    ``first``: a block's place, moved with it (None if it was above).  Such a page has the site's
    tools and footer after the article too: with ``sources`` (the element each block came from)
    the report ends with the article (app/webarticle.py)."""
    from app.webchrome import page_title

    at = page_title(blocks)
    if not at or (at < 4 and all(isinstance(b, ParaBlock) for b in blocks[:at])):
        return blocks, first
    kept = blocks[at:]
    if sources is not None:
        from app.docx.assemble import heading_key

        kept = kept[:article_end(kept, sources[at:], heading_key)]
    for i, b in enumerate(kept):
        b.index = i
    return kept, (first - at if first is not None and at <= first < at + len(kept) else None)


def _without_site_lines(blocks: list[Block], first: int | None) -> tuple[list[Block], int | None, list[str]]:
    """The blocks without the site's lines (app/webchrome.py): a page's information above the
    article and its footer below, where the page's elements do not leave them out (a text copy;
    a template with its footer inside the article's element).  ``first`` moved with its block;
    and the texts left out after the last section that a report might have written."""
    from app.docx.assemble import heading_key
    from app.webchrome import site_parts

    dropped, unsure = site_parts(blocks, heading_key)
    if not dropped:
        return blocks, first, []
    kept = [b for i, b in enumerate(blocks) if i not in dropped]
    moved = None if first is None or first in dropped else first - sum(1 for i in dropped if i < first)
    said = [b.text.strip() for i, b in enumerate(blocks) if i in unsure and isinstance(b, ParaBlock)]
    for i, b in enumerate(kept):
        b.index = i
    return kept, moved, said


def _no_statutory_table(report: Report) -> bool:
    missing = {f.location.section for f in report.import_findings if f.code == MISSING_TABLE.code and f.kind == MISSING_TABLE.kind}
    return all(spec.key in missing for spec in SECTIONS if spec.table)


# -- saved web pages -------------------------------------------------------------------------------

def html_blocks(text: str, folder: Path | None = None) -> tuple[list[Block], Hidden]:
    """The page's blocks, and how many places of text it hides (or marks) were left out.
    ``folder``: where the page was saved, its linked stylesheets read from there (a page
    inside a .docx has none: nothing is read from disk for it)."""
    # An XML declaration (LibreOffice's XHTML) names an encoding the text no longer has.
    text = limits.checked_markup(re.sub(r"^\s*<\?xml[^>]*\?>", "", text))
    # huge_tree lifts libxml2's nesting limit from 256 to 2048 elements: a CMS template that
    # wraps the body in a few hundred <div>s (a loop gone wrong) is still read.  Deeper, the
    # parser drops what is inside: said as such, never as an empty page.
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as e:
        if _too_deep(parser):
            raise ReadError(TOO_DEEP) from e
        raise ReadError(f"网页内容无法解析（{e}）") from e
    if _too_deep(parser):
        raise ReadError(TOO_DEEP)
    css = Css.of(root, folder, text)
    furniture = drop_page_furniture(root)  # LibreOffice's and Word's page header/footer (a page number after the date)
    # What no browser draws: a ruby's annotation, a player's or a bar's fallback (app/webunshown.py NEVER_DRAWN).
    for bad in root.xpath(NEVER_DRAWN):
        bad.drop_tree()
    added = add_generated(root, css)  # before hiding: a generated box may be hidden itself
    mark_unshown(root, css)  # a closed <details>, a <dialog>, a 0×0 <svg>: hidden as display:none
    hidden = drop_hidden(root, css)
    hidden.furniture, hidden.uncounted = furniture, added.uncounted
    hidden.restyled_at = restyled_cells(root, added.boxes + reverse_overrides(root, css) + reorder_items(root, css)
                                           + float_items(root, css))
    hidden.restyled = len(hidden.restyled_at)
    css_tables(root, css)  # <div>s styled as a table's rows and cells: read as the table they draw
    css_grids(root, css)  # a box styled display:grid with its columns given: the table it draws
    blocks: list[Block] = []
    _walk(root.body if root.find("body") is not None else root, blocks, limits.GridBudget(), css, hidden)
    return blocks, hidden


TOO_DEEP = ("网页的标签嵌套超过2048层（多为网页模板出错），其中的内容无法读取；"
            "请在浏览器中打开该网页，把文字全部复制到记事本，另存为 .txt 后再打开")


def _too_deep(parser: lxml.html.HTMLParser) -> bool:
    return any(e.type_name == "ERR_RESOURCE_LIMIT" and "depth" in e.message.lower() for e in parser.error_log)


def _walk(el: lxml.html.HtmlElement, blocks: list[Block], budget: limits.GridBudget, css: Css, seen: Hidden) -> None:
    """The blocks under ``el`` in document order.  A loop, not recursion: a page may nest
    its body 2000 wrappers deep (Python's own limit is 1000 calls)."""
    # (element, True) comes back after the element's children: then its tail is read.
    stack: list[tuple[lxml.html.HtmlElement, bool]] = [(c, False) for c in reversed(el)]
    # A picture is kept (as a paragraph without text) once a section has begun: there it may be
    # a table pasted as a picture; a site's logos above the report would only move its title.
    headed = False
    emphasis: dict[lxml.html.HtmlElement, Style] = {}  # the style each ancestor passes down, found once
    cut, cut_at = Cut(), -1  # the last table as a next one may continue it; the blocks up to it
    while stack:
        child, after = stack.pop()
        if not after:
            if not isinstance(child.tag, str):
                continue
            limits.check_blocks(len(blocks))
            tag = child.tag.lower()
            if tag == "table" and _lays_out(child):
                tag = "div"  # a page's layout, not a table of the report: its cells are read as text
            # the next block is where the first hidden text was: this one, or the first inside it
            here = seen.first is None and child in seen.around
            if here and (child is seen.anchor or tag == "table" or tag in _BLOCK_TAGS or (tag in _CONTAINERS
                         and not _has_blocks(child))):
                seen.first = len(blocks)
            if tag == "table":
                if not _continues(blocks, cut_at):
                    cut = Cut()  # no table just before it: no part of one it continues
                blocks.append(TableBlock.of_rows(len(blocks), html_grid(child, budget.table(), css, seen, cut)))
                cut_at = len(blocks)
                if next(child.iter("img"), None) is not None:  # a table pictured in a box, or its header row
                    etree.SubElement(blocks[-1].element, f"{{{W}}}drawing")  # said as a Word table's picture
                seen.sources.append(child)
            elif (tag in _BLOCK_TAGS and next(child.iterdescendants("table"), None) is None) \
                    or (tag in _CONTAINERS and not _has_blocks(child)):
                lines = _lines(child)
                styled = styled_lines(child, css, emphasis) if lines else None  # bold, italic, underline kept
                for k, line in enumerate(lines):
                    blocks.append(ParaBlock.of_runs(len(blocks), styled[k]) if styled else ParaBlock.of_text(len(blocks), line))
                    seen.sources.append(child)
                    headed = headed or SECTION_START.match(line) is not None
                if not lines and headed and next(child.iter("img"), None) is not None:
                    blocks.append(ParaBlock.of_picture(len(blocks)))  # a table pictured, maybe
                    seen.sources.append(child)
            elif tag == "img" and headed:
                blocks.append(ParaBlock.of_picture(len(blocks)))
                seen.sources.append(child)
            elif tag == "br":
                continue
            else:
                if tag in _BLOCK_TAGS and child.text and child.text.strip():
                    # A paragraph holding a table (Word's web page of a text box: the box's table in
                    # the paragraph it is anchored to): its words, then what it holds, each read.
                    blocks.append(ParaBlock.of_text(len(blocks), child.text.strip()))
                    seen.sources.append(child)
                stack.append((child, True))
                stack.extend((c, False) for c in reversed(child))
                continue
        if child.tail and child.tail.strip():
            blocks.append(ParaBlock.of_text(len(blocks), child.tail.strip()))
            seen.sources.append(child.getparent())


_CAPTION = 40  # a line between a table's two parts no longer than this is their caption (（续表）)


_CONTINUED = re.compile(r"续表|续上表|[（(]续[）)]")  # a caption saying the table goes on: 三、…情况（续表）


def _continues(blocks: list[Block], cut_at: int) -> bool:
    """Whether a table after ``blocks`` may continue the last table in them: nothing between
    them but short lines that are no heading (（续表）, 表三（续）, （单位：件）) or say it goes on
    (the section's heading again with （续表））."""
    return cut_at >= 0 and all(isinstance(b, ParaBlock) and len(b.text.strip()) <= _CAPTION
                               and (classify_heading(b.text, False, "") is None or _CONTINUED.search(b.text) is not None)
                               for b in blocks[cut_at:])


_LAYOUT_COLUMNS = 3  # a template's frame: the article alone, a menu beside it, a sidebar too


def _lays_out(table: lxml.html.HtmlElement) -> bool:
    """A CMS template's layout (the whole report in one <td>, a menu beside it): a table that
    holds another table, with no row of its own of more than three cells.  Its cells are walked
    as the page's blocks, so the tables inside are found.  A statutory table has rows of four
    cells or more (表二's 规章 row, 表三's, 表四's): one with a table pasted into a cell (a split
    header, a note box) stays a table, as the .docx reader keeps it (app/docx/blocks.py
    ``layout_cells``)."""
    # lxml's own tag filter, stopping at the first: a nest of tables is asked once at each level
    if next(table.iterdescendants("table"), None) is None:
        return False
    for child in table:  # its own rows only, straight in it or in its row groups: never the nested tables'
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        rows = [child] if tag == "tr" else [r for r in child if isinstance(r.tag, str) and r.tag.lower() == "tr"] if tag in GROUPS else []
        for tr in rows:
            if sum(1 for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")) > _LAYOUT_COLUMNS:
                return False
    return True


def _has_blocks(el: lxml.html.HtmlElement) -> bool:
    # lxml's own tag filter, stopping at the first: a wrapper 2000 deep is asked at each level
    return next(el.iterdescendants(*_BLOCK_TAGS, "table", "div"), None) is not None
