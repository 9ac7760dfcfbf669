"""The exported PDF's bookmarks (its outline): one per section heading, 一…六, each opening the
page where the heading is drawn at its line, as LibreOffice's PDF of the .docx has them from
标题 1.  Qt writes no outline, so one is added to Qt's file as objects (``ui.pdf_objects``)."""

from __future__ import annotations

import re
from pathlib import Path

from ui.pdf_objects import Mismatch, Pdf

Bookmark = tuple[str, int, float]  # a heading's text, its page (from 0), its top in points from the paper's top
A4_HEIGHT_PT = 842.0  # as Qt writes the MediaBox, should a page lack one


def _text(title: str) -> bytes:
    """A PDF text string: UTF-16BE with its byte-order mark, in hex (any character, no escapes)."""
    return b"<FEFF%s>" % title.encode("utf-16-be").hex().upper().encode()


def _height(page_body: bytes) -> float:
    box = re.search(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]", page_body)
    return float(box.group(4)) if box else A4_HEIGHT_PT


def outline_objects(pdf: Pdf, bookmarks: list[Bookmark]) -> dict[int, bytes]:
    """The catalog again with /Outlines (shown when the file opens: /PageMode /UseOutlines), the
    outline's root and one item per bookmark, numbered from ``pdf.size``."""
    pages = pdf.pages()
    root, first = pdf.size, pdf.size + 1
    last = first + len(bookmarks) - 1
    out: dict[int, bytes] = {}
    for k, (title, index, top) in enumerate(bookmarks):
        if not 0 <= index < len(pages):
            raise Mismatch(f"bookmark on page {index + 1} of {len(pages)}")
        n = first + k
        links = (b"/Prev %d 0 R\n" % (n - 1) if n > first else b"") + (b"/Next %d 0 R\n" % (n + 1) if n < last else b"")
        y = _height(pdf.body(pages[index])) - top
        out[n] = (b"%d 0 obj\n<<\n/Title %s\n/Parent %d 0 R\n%s/Dest [%d 0 R /XYZ 0 %.2f 0]\n>>\nendobj\n"
                  % (n, _text(title), root, links, pages[index], y))
    out[root] = (b"%d 0 obj\n<<\n/Type /Outlines\n/First %d 0 R\n/Last %d 0 R\n/Count %d\n>>\nendobj\n"
                 % (root, first, last, len(bookmarks)))
    catalog = pdf.root
    body = pdf.body(catalog)
    if b"/Outlines" in body or b"/Type /Catalog" not in body:
        raise Mismatch("catalog")
    end = body.rindex(b">>")
    out[catalog] = body[:end] + b"/Outlines %d 0 R\n/PageMode /UseOutlines\n" % root + body[end:]
    return out


def add_outline(path: Path, bookmarks: list[Bookmark]) -> bool:
    """Write ``bookmarks`` into the PDF at ``path`` as its outline; False where there are none,
    or the file is not as Qt writes it (then left as it is: a PDF without bookmarks)."""
    if not bookmarks:
        return False
    try:
        pdf = Pdf(path.read_bytes())
        path.write_bytes(pdf.replaced(outline_objects(pdf, bookmarks)))
    except Mismatch:
        return False
    return True
