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
