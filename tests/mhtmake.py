"""Single-file web pages (.mht) of a report, written the ways Word/WPS (“单个文件网页”: quoted-
printable, gb2312, its stylesheet inside), IE (base64) and Chrome/Edge (“From: <Saved by Blink>”,
UTF-8, its stylesheets and frames as parts of their own) write them: ``page_html`` makes the page
from a .docx built by tests/thirdparty.py (its tables with their merges as colspan/rowspan), the
others wrap it."""

from __future__ import annotations

import base64
import quopri
from html import escape
from pathlib import Path

import docx
from docx.oxml.ns import qn


def _table(tbl, merged: bool = True, extra: str | None = None) -> str:  # type: ignore[no-untyped-def]  # python-docx's CT_Tbl
    """``merged``: merged cells as colspan/rowspan, else as a cell of the text and blank ones (a
    table whose merges were undone); ``extra``: a column added on the right, this its header."""
    rows = tbl.tr_lst
    grid: list[list[tuple[object, int, str | None]]] = []  # per row: (tc, first grid column, vMerge)
    for tr in rows:
        col, cells = 0, []
        for tc in tr.tc_lst:
            pr = tc.tcPr
            span = int(pr.gridSpan.val) if pr is not None and pr.gridSpan is not None else 1
            vm = pr.find(qn("w:vMerge")) if pr is not None else None
            merge = None if vm is None else (vm.get(qn("w:val")) or "continue")
            cells.append((tc, col, merge, span))
            col += span
        grid.append(cells)  # type: ignore[arg-type]
    out = ["<table border=\"1\" cellspacing=\"0\">"]
    for r, cells in enumerate(grid):
        out.append("<tr>")
        for tc, col, merge, span in cells:  # type: ignore[misc]
            if merge == "continue":
                out.append("" if merged else "<td></td>" * span)
                continue
            rowspan = 1
            if merge == "restart":
                for below in grid[r + 1:]:
                    if any(c == col and m == "continue" for _, c, m, _ in below):  # type: ignore[misc]
                        rowspan += 1
                    else:
                        break
            text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
            attrs = (f' colspan="{span}"' if span > 1 else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")
            out.append(f"<td{attrs}><p>{escape(text)}</p></td>" if merged else f"<td><p>{escape(text)}</p></td>" + "<td></td>" * (span - 1))
        if extra is not None:
            out.append(f"<td>{escape(extra) if r == 0 else ''}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def page_html(src: Path, charset: str = "utf-8", head: str = "", merged: bool = True, extra: str | None = None) -> str:
    """The report in ``src`` as a web page: its paragraphs and tables in order (see ``_table``)."""
    document = docx.Document(str(src))
    body = []
    for el in document.element.body:
        if el.tag == qn("w:p"):
            body.append(f"<p>{escape(''.join(t.text or '' for t in el.iter(qn('w:t'))))}</p>")
        elif el.tag == qn("w:tbl"):
            body.append(_table(el, merged, extra))
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">{head}'
            f"<title>年报</title></head><body>{''.join(body)}</body></html>")


def qp(data: bytes) -> bytes:
    return quopri.encodestring(data).replace(b"\n", b"\r\n")


def b64(data: bytes) -> bytes:
    text = base64.b64encode(data)
    return b"\r\n".join(text[i:i + 76] for i in range(0, len(text), 76))


def word_mht(html: str, charset: str = "gb2312", encoding: str = "quoted-printable") -> bytes:
    """As Word saves “单个文件网页”: a preamble, the page first, then its file list."""
    boundary = b"----=_NextPart_01DA4F2B.6C1E5A40"
    page = html.encode("gb18030" if charset.lower().startswith("gb") else charset)
    body = qp(page) if encoding == "quoted-printable" else b64(page)
    return (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"" + boundary + b"\"\r\n\r\n"
            + "此文档为“单个文件网页”，也称为“Web 档案”文件。".encode("gb18030") + b"\r\n\r\n"
            + b"--" + boundary + b"\r\nContent-Location: file:///C:/2F1A/report.htm\r\n"
            + b"Content-Transfer-Encoding: " + encoding.encode() + b"\r\n"
            + b"Content-Type: text/html; charset=\"" + charset.encode() + b"\"\r\n\r\n" + body + b"\r\n\r\n"
            + b"--" + boundary + b"\r\nContent-Location: file:///C:/2F1A/report.files/filelist.xml\r\n"
            + b"Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/xml; charset=\"utf-8\"\r\n\r\n"
            + b"<xml xmlns:o=3D\"urn:schemas-microsoft-com:office:office\">\r\n</xml>\r\n\r\n"
            + b"--" + boundary + b"--\r\n")


def blink_mht(pages: list[tuple[str, str]], sheets: list[tuple[str, str]] = ()) -> bytes:  # type: ignore[assignment]
    """As Chrome/Edge save “网页，单个文件”: (location, html) pages, the first the root, then
    (location, css) stylesheets, each part quoted-printable UTF-8."""
    boundary = b"----MultipartBoundary--Qx7hW2zk1bFq0aQ3mV8ZrYt6cJ5nP4dL9sE2uG1oT0----"
    out = [b"From: <Saved by Blink>\r\nSnapshot-Content-Location: " + pages[0][0].encode()
           + b"\r\nSubject: =?utf-8?Q?=E5=B9=B4=E6=8A=A5?=\r\nDate: Mon, 15 Jan 2024 09:00:00 +0800\r\nMIME-Version: 1.0\r\n"
           + b"Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"" + boundary + b"\"\r\n\r\n\r\n"]
    for i, (where, html) in enumerate(pages):
        cid = b"" if i == 0 else b"Content-ID: <frame-" + str(i).encode() + b"@mhtml.blink>\r\n"
        out.append(b"--" + boundary + b"\r\nContent-Type: text/html\r\n" + cid + b"Content-Transfer-Encoding: quoted-printable\r\n"
                   + b"Content-Location: " + where.encode() + b"\r\n\r\n" + qp(html.encode("utf-8")) + b"\r\n\r\n")
    for where, css in sheets:
        out.append(b"--" + boundary + b"\r\nContent-Type: text/css\r\nContent-Transfer-Encoding: quoted-printable\r\n"
                   + b"Content-Location: " + where.encode() + b"\r\n\r\n" + qp(css.encode("utf-8")) + b"\r\n\r\n")
    out.append(b"--" + boundary + b"--\r\n")
    return b"".join(out)


def sheet_html(ws) -> str:  # type: ignore[no-untyped-def]  # an openpyxl worksheet
    """A worksheet as Excel writes it into a web page: one <table>, merged cells as colspan/rowspan,
    its styles in the workbook's shared stylesheet.css."""
    import html as html_mod

    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for rng in ws.merged_cells.ranges:
        spans[(rng.min_row, rng.min_col)] = (rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1)
        covered |= {(r, c) for r in range(rng.min_row, rng.max_row + 1) for c in range(rng.min_col, rng.max_col + 1)}
    rows = []
    for r in range(1, ws.max_row + 1):
        cells = []
        for c in range(1, ws.max_column + 1):
            if (r, c) in covered and (r, c) not in spans:
                continue
            v = ws.cell(r, c).value
            text = "" if v is None or str(v).startswith("=") else html_mod.escape(str(v))
            rs, cs = spans.get((r, c), (1, 1))
            cells.append(f"<td class=xl65{f' rowspan={rs}' if rs > 1 else ''}{f' colspan={cs}' if cs > 1 else ''}>{text}</td>")
        rows.append(f" <tr height=19 style='height:14.25pt'>\n  {''.join(cells)}\n </tr>")
    return ("<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\"\n"
            "xmlns:x=\"urn:schemas-microsoft-com:office:excel\" xmlns=\"http://www.w3.org/TR/REC-html40\">\n<head>\n"
            "<meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">\n<meta name=ProgId content=Excel.Sheet>\n"
            "<meta name=Generator content=\"Microsoft Excel 15\">\n<link id=Main-File rel=Main-File href=\"../报告.htm\">\n"
            "<link rel=File-List href=filelist.xml>\n<link rel=Stylesheet href=stylesheet.css>\n</head>\n\n"
            "<body link=\"#0563C1\" vlink=\"#954F72\">\n\n<table border=0 cellpadding=0 cellspacing=0 width=1000 "
            "style='border-collapse:collapse;table-layout:fixed;width:750pt'>\n" + "\n".join(rows)
            + "\n</table>\n\n</body>\n\n</html>\n")


def excel_mht(sheets: list[tuple[str, str]], hidden: tuple[str, ...] = ()) -> bytes:
    """As Excel saves a workbook of several sheets as “单个文件网页” (.mht): the root a frameset
    (the first sheet and the tab strip) listing every worksheet in <x:ExcelWorksheets>, then each
    sheet's page, the tab strip, the shared stylesheet; GB2312, quoted-printable."""
    return _mht(_excel_parts(sheets, hidden))


def _excel_root(sheets: list[tuple[str, str]], hidden: tuple[str, ...]) -> tuple[str, str]:
    """The workbook's root page (a frameset listing the sheets) and its tab strip."""
    listed = "".join(
        f"  <x:ExcelWorksheet>\n   <x:Name>{name}</x:Name>\n   <x:WorksheetSource HRef=\"报告.files/sheet{i:03d}.htm\"/>\n"
        + ("   <x:WorksheetOptions><x:Visible>SheetHidden</x:Visible></x:WorksheetOptions>\n" if name in hidden else "")
        + "  </x:ExcelWorksheet>\n" for i, (name, _) in enumerate(sheets, 1))
    root = ("<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\"\n"
            "xmlns:x=\"urn:schemas-microsoft-com:office:excel\" xmlns=\"http://www.w3.org/TR/REC-html40\">\n\n<head>\n"
            "<meta name=\"Excel Workbook Frameset\">\n<meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">\n"
            "<meta name=ProgId content=Excel.Sheet>\n<meta name=Generator content=\"Microsoft Excel 15\">\n"
            "<link rel=File-List href=\"报告.files/filelist.xml\">\n<![if !supportTabStrip]>\n"
            + "".join(f"<link id=\"shLink\" href=\"报告.files/sheet{i:03d}.htm\">\n" for i in range(1, len(sheets) + 1))
            + "<![endif]>\n<script language=\"JavaScript\">\n<!--\n var c_lTabs=" + str(len(sheets)) + ";\n//-->\n</script>\n"
            "<!--[if gte mso 9]><xml>\n <x:ExcelWorkbook>\n  <x:ExcelWorksheets>\n" + listed
            + "  </x:ExcelWorksheets>\n  <x:Stylesheet HRef=\"报告.files/stylesheet.css\"/>\n  <x:ActiveSheet>0</x:ActiveSheet>\n"
            " </x:ExcelWorkbook>\n</xml><![endif]-->\n</head>\n\n"
            "<frameset rows=\"*,39\" border=0 width=0 frameborder=no framespacing=0>\n"
            " <frame src=\"报告.files/sheet001.htm\" name=\"frSheet\">\n"
            " <frame src=\"报告.files/tabstrip.htm\" name=\"frTabs\" marginwidth=0 marginheight=0>\n"
            " <noframes>\n  <body>\n   <p>此页面使用了框架，而您的浏览器不支持框架。</p>\n  </body>\n </noframes>\n</frameset>\n</html>\n")
    tabstrip = ("<html>\n<head>\n<meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">\n</head>\n"
                "<body topmargin=0 leftmargin=0 bgcolor=\"#808080\">\n<table border=0 cellspacing=1><tr>"
                + "".join(f"<td bgcolor=\"#FFFFFF\" nowrap><b><small><small>&nbsp;<a href=\"sheet{i:03d}.htm\" "
                          f"target=\"frSheet\"><font face=\"Arial\" color=\"#000000\">{name}</font></a>&nbsp;</small></small></b></td>"
                          for i, (name, _) in enumerate(sheets, 1)) + "</tr></table>\n</body>\n</html>\n")
    return root, tabstrip


def excel_folder(folder: Path, sheets: list[tuple[str, str]], hidden: tuple[str, ...] = ()) -> Path:
    """As Excel saves a workbook as “网页” (.htm with its folder 报告.files/): the same pages as
    excel_mht's, as files; the root's path."""
    for where, _, body in _excel_parts(sheets, hidden):
        (folder / where).parent.mkdir(parents=True, exist_ok=True)
        (folder / where).write_bytes(body)
    return folder / "报告.htm"


def _excel_parts(sheets: list[tuple[str, str]], hidden: tuple[str, ...]) -> list[tuple[str, str, bytes]]:
    root, tabstrip = _excel_root(sheets, hidden)
    css = "tr\n\t{mso-height-source:auto;\n\tmso-ruby-visibility:none;}\n.xl65\n\t{mso-style-parent:style0;\n\tborder:.5pt solid windowtext;}\n"
    return [("报告.htm", "text/html; charset=\"gb2312\"", root.encode("gb18030")),
             *((f"报告.files/sheet{i:03d}.htm", "text/html; charset=\"gb2312\"", page.encode("gb18030"))
               for i, (_, page) in enumerate(sheets, 1)),
             ("报告.files/tabstrip.htm", "text/html; charset=\"gb2312\"", tabstrip.encode("gb18030")),
             ("报告.files/stylesheet.css", "text/css; charset=\"gb2312\"", css.encode("gb18030"))]


def _mht(parts: list[tuple[str, str, bytes]]) -> bytes:
    """The parts as one MIME message, as Excel writes it."""
    boundary = b"----=_NextPart_01DA4F2B.5C1E3D20"
    base = "file:///C:/8F1A2B3C/"
    out = [b"MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\nContent-Type: multipart/related; boundary=\""
           + boundary + b"\"\r\n\r\nThis document is a Single File Web Page, also known as a Web Archive file.\r\n\r\n"]
    for where, kind, body in parts:
        out.append(b"--" + boundary + b"\r\nContent-Location: " + (base + where).encode("utf-8")
                   + b"\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: " + kind.encode()
                   + b"\r\n\r\n" + qp(body) + b"\r\n\r\n")
    out.append(b"--" + boundary + b"--\r\n")
    return b"".join(out)
