"""A workbook saved by Excel (or WPS 表格) as a single-file web page (.mht, “单个文件网页”) or as a
web page with its folder (.htm and 名称.files/): its root page is a frameset showing one sheet at a time, a tab strip below it, and each worksheet a page
of its own in the file, listed in the root's <x:ExcelWorksheets>.  A report kept one statutory
table a sheet (表二, 表三, 表四 — as the editor's own export is) was read from its first sheet
alone, the others said missing.  Every sheet Excel shows is read, in the workbook's order, as one
page (a hidden sheet is not shown, so not read, as in an .xlsx: app/xlsxhidden.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin

if TYPE_CHECKING:
    from app.webmht import Part

MAX_SHEETS = 64  # a report's workbook has a few; more are looked at no further
_SHEET = re.compile(r"<x:ExcelWorksheet>(.*?)</x:ExcelWorksheet>", re.S | re.I)
_SOURCE = re.compile(r"""<x:WorksheetSource\s+HRef\s*=\s*["']?([^"'\s>]+)""", re.I)
_HIDDEN = re.compile(r"<x:Visible>\s*Sheet(?:Very)?Hidden\s*</x:Visible>", re.I)
_HEAD = re.compile(r"<head\b[^>]*>(.*?)</head\s*>", re.S | re.I)
_BODY = re.compile(r"<body\b[^>]*>(.*?)(?:</body\s*>|$)", re.S | re.I)
_CHARSET = re.compile(r"<meta\b[^>]*charset[^>]*>", re.I)


def sheet_sources(root: str) -> list[str]:
    """The worksheets' pages a workbook's root page lists (their links), in its order, hidden
    ones left out; [] when it lists fewer than two (no workbook, or one sheet: the page read as
    any other)."""
    out = [source.group(1) for block in _SHEET.findall(root[:4_000_000])[:MAX_SHEETS]
           if not _HIDDEN.search(block) and (source := _SOURCE.search(block)) is not None]
    return out if len(out) > 1 else []


def sheet_parts(root: str, location: str, pages: Sequence[Part]) -> list[Part]:
    """The worksheets' pages of a single-file page (.mht) whose root ``root`` is saved at ``location``."""
    out: list[Part] = []
    for href in sheet_sources(root):
        if (part := _part(urljoin(location, href), href, pages)) is not None and part not in out:
            out.append(part)
    return out if len(out) > 1 else []


def _part(where: str, href: str, pages: Sequence[Part]) -> Part | None:
    for page in pages:
        if any(unquote(name) == unquote(where) for name in page.names()):
            return page
    tail = PurePosixPath(unquote(href).replace("\\", "/")).name.lower()  # (a root saved elsewhere: by the sheet's name)
    return next((p for p in pages if any(PurePosixPath(unquote(n).replace("\\", "/")).name.lower() == tail
                                        for n in p.names())), None)


def one_page(sheets: list[str]) -> bytes:
    """The sheets' pages (decoded texts) as one page: their heads (styles) together, their bodies
    one after another."""
    heads = [_CHARSET.sub("", m.group(1)) for s in sheets if (m := _HEAD.search(s)) is not None]
    bodies = [m.group(1) if (m := _BODY.search(s)) is not None else s for s in sheets]
    page = f'<html><head><meta charset="utf-8">{"".join(heads)}</head><body>{"<br>".join(bodies)}</body></html>'
    return page.encode("utf-8")
