"""Hostile workbooks, web pages, text copies and .doc-like files: the seeded damages for
tests/hostile.py ``make`` (``XLSX``, ``_html``, ``_txt``, ``_doc``) and the gallery's pages in
other encodings."""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from tests.hostile_base import SAMPLE_TXT, _flip, _nth_sub, _size, _workbook_parts, _xml_damage, _zip

# -- .xlsx ---------------------------------------------------------------------------------------

def _xlsx_sheet_edit(edit: Callable[[str, random.Random], str]) -> Callable[[random.Random], bytes]:
    def make(rnd: random.Random) -> bytes:
        parts = []
        for n, d in _workbook_parts():
            if n == "xl/worksheets/sheet2.xml":
                d = edit(d.decode("utf-8"), rnd).encode("utf-8")
            parts.append((n, d))
        return _zip(parts)
    make.__name__ = edit.__name__
    return make


def _far_cell(xml: str, rnd: random.Random) -> str:
    ref = rnd.choice(["XFD1048576", "A1048576", "XFD1", "ZZ9999", "AAA30000"])
    row = re.sub(r"\D", "", ref)
    return xml.replace("</sheetData>", f'<row r="{row}"><c r="{ref}" t="n"><v>1</v></c></row></sheetData>', 1)


def _big_merge(xml: str, rnd: random.Random) -> str:
    ref = rnd.choice(["A1:XFD1048576", "A1:Z100000", "B3:AZ5000", "A1:C3"])
    if "<mergeCells" in xml:
        return re.sub(r"<mergeCells[^>]*>", f'\\g<0><mergeCell ref="{ref}"/>', xml, count=1)
    return xml.replace("</worksheet>", f'<mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells></worksheet>')


def _xlsx_number(xml: str, rnd: random.Random) -> str:
    digits = "".join(rnd.choice("0123456789") for _ in range(rnd.choice([40, 5000])))
    return _nth_sub(r"<v>\d+</v>", f"<v>{digits}</v>", xml, rnd)


def _xlsx_damage(xml: str, rnd: random.Random) -> str:
    return _xml_damage(xml, rnd)


def _xlsx_truncated(rnd: random.Random) -> bytes:
    data = _zip(list(_workbook_parts()))
    return data[: rnd.randrange(1, len(data))]


def _xlsx_flipped(rnd: random.Random) -> bytes:
    return _flip(_zip(list(_workbook_parts())), rnd, rnd.randint(1, 20))


XLSX: list[Callable[[random.Random], bytes]] = [
    _xlsx_sheet_edit(_far_cell), _xlsx_sheet_edit(_big_merge), _xlsx_sheet_edit(_xlsx_number),
    _xlsx_sheet_edit(_xlsx_damage), _xlsx_truncated, _xlsx_flipped,
]


# -- web pages and text copies ----------------------------------------------------------------

def _html_table(rnd: random.Random) -> str:
    rows = []
    for _ in range(rnd.randint(1, 30)):
        cells = []
        for _ in range(rnd.randint(1, 12)):
            attrs = ""
            if rnd.random() < 0.3:
                attrs += f' colspan="{rnd.choice(["2", "1000", "2147483647", "abc", "-1", "1.5", "99999999999"])}"'
            if rnd.random() < 0.3:
                attrs += f' rowspan="{rnd.choice(["2", "65534", "2147483647", "x", "0"])}"'
            cells.append(f"<td{attrs}>{rnd.choice(['0', '12', '申请人', '—', '行政复议', ''])}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table>" + "".join(rows) + "</table>"


def _html(rnd: random.Random) -> bytes:
    choice = rnd.randrange(6)
    if choice == 0:
        body = "".join(_html_table(rnd) for _ in range(rnd.randint(1, 60)))
    elif choice == 1:
        depth = _size(rnd, [200, 2000], [200, 2000, 20000])
        body = "<div>" * depth + "一、总体情况" + "</div>" * depth
    elif choice == 2:
        body = "<table>" * rnd.choice([50, 500, 5000]) + _html_table(rnd)
    elif choice == 3:
        body = _flip(("<p>" + SAMPLE_TXT.read_text("utf-8").replace("\n", "</p><p>")).encode(), rnd, 50).decode("utf-8", "replace")
    elif choice == 4:
        body = "<p>" + "依法公开政府信息，" * _size(rnd, [2_000], [20_000, 100_000]) + "</p>" + _html_table(rnd)
    else:
        body = "<table><tr>" + '<td colspan="100" rowspan="100">0</td>' * rnd.choice([10, 200, 5000]) + "</tr></table>"
    return f"<html><body>{body}</body></html>".encode()


def _txt(rnd: random.Random) -> bytes:
    text = SAMPLE_TXT.read_text("utf-8")
    choice = rnd.randrange(7)
    if choice == 0:  # UTF-16 cut at an odd byte
        data = text.encode("utf-16")
        return data[: len(data) - 1 - 2 * rnd.randrange(20)]
    if choice == 1:
        return _flip(text.encode(rnd.choice(["utf-8", "gb18030"])), rnd, rnd.randint(1, 200))
    if choice == 2:
        return ("\t0\n" * _size(rnd, [1000, 20_000], [1000, 200_000])).encode()
    if choice == 3:
        return ("本机关依法公开政府信息。" * _size(rnd, [2_000], [20_000, 50_000])).encode()
    if choice == 4:
        return (text + "\n" + ("政府" * _size(rnd, [5_000], [50_000])) + "\n").encode()
    if choice == 5:
        return bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 5000)))
    return ("\n".join(text.splitlines()[: rnd.randint(0, 200)])).encode("gb18030")


# -- .doc-like (what goes to LibreOffice, or is refused before) --------------------------------

def _doc(rnd: random.Random) -> bytes:
    noise = bytes(rnd.randrange(256) for _ in range(rnd.randint(0, 2000)))
    choice = rnd.randrange(5)
    if choice == 0:
        return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + noise
    if choice == 1:
        return b"\xd0\xcf\x11\xe0" + "EncryptedPackage".encode("utf-16-le") + noise
    if choice == 2:
        return b"{\\rtf1 " + noise
    if choice == 3:
        return b"MIME-Version: 1.0\r\n" + noise
    return b"PK\x03\x04" + noise



# -- pages for the gallery (tests/hostile.py GALLERY) ------------------------------------

def _gbk_page() -> bytes:
    from tests.test_webcopy import page

    return page({}).replace("<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">').encode("gbk")


def _page_in(codec: str, meta: str = "", declaration: str = "") -> Callable[[], bytes]:
    def make() -> bytes:
        from tests.test_webcopy import page

        html = page({}).replace("<head>", f"<head>{meta}", 1)
        return (declaration + html).encode(codec)
    return make


def _big5_page() -> bytes:
    from tests.test_webcopy_encodings import TRADITIONAL

    return TRADITIONAL.replace("<head>", '<head><meta charset="big5">', 1).encode("big5")


# -- pages whose markup is the bomb (app/limits.py checked_markup) ------------------------------

def page_with(markup: str) -> bytes:
    """A report's web page (tests/test_webcopy.py ``page``) with ``markup`` after its date."""
    from tests.test_webcopy import page

    return page({}).replace("</div></body>", markup + "</div></body>", 1).encode("utf-8")


def many_elements(count: int) -> bytes:
    """``count`` empty <span>s: each an element libxml2 builds and the page's styles judge."""
    return page_with("<span></span>" * count)


def many_attributes(per_tag: int, tags: int = 1, bare: bool = False) -> bytes:
    """``tags`` start tags of ``per_tag`` distinct attributes each (``bare``: names without
    values): libxml2 compares each attribute with all before it in its tag."""
    attributes = " ".join(f"a{i}" if bare else f"a{i}=x" for i in range(per_tag))
    return page_with(f"<span {attributes}></span>" * tags)


# -- style sheets whose selectors are the bomb (app/websheets.py) ------------------------------------

def selector_list(count: int, decls: str = "color: #111") -> str:
    """One rule for a list of ``count`` selectors: one prelude, ``count`` rules to follow."""
    return ",".join(f".c{i} span" for i in range(count)) + f" {{ {decls} }}\n"


def many_declarations(count: int, inline: bool = True) -> bytes:
    """A report's web page with one block of ``count`` distinct declarations (“--v0:1; --v1:1; …”):
    a <span>'s style attribute (``inline``), else a <style> rule for span."""
    block = "".join(f"--v{i}:1;" for i in range(count))
    if inline:
        return page_with(f'<span style="{block}">注</span>')
    return page_with("").replace(b"<head>", b"<head><style>span{" + block.encode() + b"}</style>", 1)


def many_styled(blocks: int, per: int, inline: bool = True) -> bytes:
    """A report's web page with ``blocks`` blocks of ``per`` distinct declarations each (“--v0x1:1; …”,
    each under the one block's cap): <span style>s (``inline``), else <style> rules, one a class."""
    made = ["".join(f"--v{i}x{j}:1;" for i in range(per)) for j in range(blocks)]
    if inline:
        return page_with("".join(f'<span style="{block}">注{j}</span>' for j, block in enumerate(made)))
    rules = "".join(f".c{j} span{{{block}}}" for j, block in enumerate(made))
    return page_with("").replace(b"<head>", b"<head><style>" + rules.encode() + b"</style>", 1)


def wide_is(count: int, decls: str = "color: #111") -> str:
    """One selector: an :is() of ``count`` arguments, each an :is() and a :not() of its own."""
    return ":is(" + ",".join(f":is(.a{i}, :not(.b{i}))" for i in range(count)) + f") span {{ {decls} }}\n"


# -- workbooks whose item counts are the bomb (app/xlsxlimits.py check_sheets) ---------------------------

_SST_TYPE = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
             b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
_SST_REL = (b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'sharedStrings" Target="sharedStrings.xml"/>')


def workbook_with(sheet: Callable[[str], str] | None = None, styles: Callable[[str], str] | None = None,
                  shared_strings: int = 0, book: Callable[[str], str] | None = None) -> bytes:
    """The exported workbook with its first sheet's, its styles' and its workbook part's XML
    rewritten, and a table of ``shared_strings`` empty shared strings (<si/>, 5 bytes each) no cell uses."""
    parts = []
    for name, data in _workbook_parts():
        if name == "xl/worksheets/sheet1.xml" and sheet is not None:
            data = sheet(data.decode("utf-8")).encode("utf-8")
        elif name == "xl/styles.xml" and styles is not None:
            data = styles(data.decode("utf-8")).encode("utf-8")
        elif name == "xl/workbook.xml" and book is not None:
            data = book(data.decode("utf-8")).encode("utf-8")
        elif name == "[Content_Types].xml" and shared_strings:
            data = data.replace(b"</Types>", _SST_TYPE + b"</Types>")
        elif name == "xl/_rels/workbook.xml.rels" and shared_strings:
            data = data.replace(b"</Relationships>", _SST_REL + b"</Relationships>")
        parts.append((name, data))
    if shared_strings:
        parts.append(("xl/sharedStrings.xml", b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                      + b"<si/>" * shared_strings + b"</sst>"))
    return _zip(parts)


def rich_text_cell(runs: int) -> Callable[[str], str]:
    """A sheet with one more cell: an inline string of ``runs`` runs of rich text (“<r><t>x</t></r>”)."""
    return sheet_ending_with('<row r="2999"><c r="A2999" t="inlineStr"><is>' + "<r><t>x</t></r>" * runs + "</is></c></row>")


def styles_of(listed: str, tag: str, count: int) -> Callable[[str], str]:
    """Styles with ``count`` more empty items in a list: <xf/> in <cellXfs>, <font/> in <fonts>."""
    return lambda xml: re.sub(rf"(<{listed}\b[^>]*>)", lambda m: m.group(1) + f"<{tag}/>" * count, xml, count=1)


def number_format(code: str) -> Callable[[str], str]:
    """Styles whose every cell format shows its numbers by the one custom format ``code``."""
    import html

    def edit(xml: str) -> str:
        xml = re.sub(r"<numFmts\b[^>]*/>|<numFmts\b.*?</numFmts>", "", xml, flags=re.S)
        formats = f'<numFmts count="1"><numFmt numFmtId="200" formatCode="{html.escape(code)}"/></numFmts>'
        xml = re.sub(r"(<styleSheet\b[^>]*>)", lambda m: m.group(1) + formats, xml, count=1)
        head, cells, tail = xml.partition("<cellXfs")
        return head + cells + re.sub(r'numFmtId="\d+"', 'numFmtId="200"', tail)
    return edit


def autofilter(columns: int, values: int = 1) -> Callable[[str], str]:
    """A sheet with an autofilter over its whole width of ``columns`` filtered columns, each
    choosing ``values`` values."""
    chosen = "".join(f'<filter val="{v}"/>' for v in range(values))
    return sheet_ending_with('<autoFilter ref="A1:XFD1048576">' + "".join(
        f'<filterColumn colId="{c}"><filters>{chosen}</filters></filterColumn>' for c in range(columns)) + "</autoFilter>")


def sheet_ending_with(markup: str) -> Callable[[str], str]:
    """The sheet with ``markup`` in its data (rows) or, for rules, after it."""
    if markup.startswith("<row"):
        return lambda xml: xml.replace("</sheetData>", markup + "</sheetData>", 1)
    return lambda xml: xml.replace("</sheetData>", "</sheetData>" + markup, 1)


def blank_line_flood(lines: int, blank: bytes = b"\r") -> bytes:
    """The sample's text copy followed by ``lines`` blank lines: ``blank`` each (a carriage return,
    or a space and a line feed)."""
    from tests.hostile_base import SAMPLE_TXT

    return SAMPLE_TXT.read_bytes() + blank * lines


_CUSTOM_TYPE = (b'<Override PartName="/docProps/custom.xml" '
                b'ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>')
_CUSTOM_REL = (b'<Relationship Id="rIdCustom" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
               b'custom-properties" Target="docProps/custom.xml"/>')


def workbook_described(core: Callable[[bytes], bytes] | None = None, custom: bytes | None = None) -> bytes:
    """The exported workbook with its document properties (docProps/core.xml) rewritten by ``core``
    and, given ``custom``, custom properties of those bytes, as another program describes a file."""
    parts = []
    for name, data in _workbook_parts():
        if name == "docProps/core.xml" and core is not None:
            data = core(data)
        elif name == "[Content_Types].xml" and custom is not None:
            data = data.replace(b"</Types>", _CUSTOM_TYPE + b"</Types>")
        elif name == "_rels/.rels" and custom is not None:
            data = data.replace(b"</Relationships>", _CUSTOM_REL + b"</Relationships>")
        parts.append((name, data))
    if custom is not None:
        parts.append(("docProps/custom.xml", custom))
    return _zip(parts)


def core_created(value: bytes) -> Callable[[bytes], bytes]:
    """core.xml with its creation date written as ``value``."""
    import re

    return lambda xml: re.sub(rb"(<dcterms:created\b[^>]*>)[^<]*", lambda m: m.group(1) + value, xml, count=1)


def workbook_laughs() -> bytes:
    """The exported workbook with entities that expand ten-fold seven deep in its workbook part
    (a billion laughs, as tests/hostile_docx.py ``_laughs`` does to a document)."""
    import re

    entities = "".join(f'<!ENTITY {a} "{("&" + b + ";") * 10}">' for a, b in zip("bcdefgh", "abcdefg", strict=True))
    doctype = f'<!DOCTYPE workbook [<!ENTITY a "AAAAAAAAAA">{entities}]>'
    return workbook_with(book=lambda xml: doctype + re.sub(r"^<\?xml[^>]*>", "", xml).replace(
        "<sheets>", '<fileVersion appName="&h;"/><sheets>', 1))


def comma_text_copy(size: int, tables_only: bool = False) -> bytes:
    """The published sample's text copy with its tables typed as lines of full-width commas
    (“规章，0，0，0”), as a tool writing the IME's punctuation saves them, repeated to ``size``
    bytes (whole lines); ``tables_only``: its table lines alone, no prose between them."""
    lines, row = [], []
    for line in [*SAMPLE_TXT.read_text("utf-8").split("\n"), ""]:
        if line.startswith("\t"):  # the sample's one cell a line, rows between empty lines
            row.append(line.strip().strip("\u3000") or "0")
            continue
        if row:
            lines.append("，".join(row))
            row = []
        if line.strip() and not tables_only:
            lines.append(line)
    one = ("\n".join(lines) + "\n").encode("utf-8")
    return one * max(1, size // len(one))


def workbook_sheet_edited(edit: Callable[[str], str]) -> bytes:
    """The exported workbook with its first sheet's XML ``edit``-ed."""
    sheet = next(n for n, _ in _workbook_parts() if n.startswith("xl/worksheets/sheet"))
    return _zip([(n, edit(d.decode("utf-8")).encode("utf-8") if n == sheet else d) for n, d in _workbook_parts()])


def csv_lines_ended(ends: tuple[str, ...], size: int = 1, encoding: str = "gbk") -> bytes:
    """The sample's text copy as a CSV (its tables' cells between commas), the lines ended in
    turn by each of ``ends`` (“\\r\\n”, “\\n”, “\\r”: a file pieced together on several
    systems), repeated to ``size`` bytes, in ``encoding``."""
    lines = comma_text_copy(1).decode("utf-8").replace("，", ",").split("\n")
    text = "".join(line + ends[k % len(ends)] for k, line in enumerate(lines))
    data = text.encode(encoding, "replace")
    return data * max(1, size // len(data))
