"""The namespaces tests/ooxml_check.py and its parts read a .docx's XML in, and its numbers."""

from __future__ import annotations

import re

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
WQ = f"{{{W}}}"  # a WordprocessingML name's prefix in lxml's notation


def int_attr(el: etree._Element | None, attr: str, default: int = 0) -> int:
    """A w: attribute's whole number (twips, half-points, counts); ``default`` when absent or not one."""
    value = None if el is None else el.get(f"{WQ}{attr}")
    return int(value) if value is not None and re.fullmatch(r"-?\d+", value) else default
