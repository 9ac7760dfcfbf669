"""A saved page whose report is in a frame: a CMS article shown in an <iframe>, an old site's
<frameset>.  The browser's “网页，全部” saves the frame's page beside it (page_files/content.html);
the page itself holds only the site's lines, so it was refused as no report (or as empty).  The
frame's page is read when it was saved; when it was not, the user is told which page to open."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

# Each part bounded and no tag crossed: “<iframe ” repeated with no “>” after read to the end from
# each (10,000 of them: 28 s, quadrupling with each doubling).
_FRAME = re.compile(r"<i?frame\b[^<>]{0,4000}?\bsrc\s{0,40}=\s{0,40}(?:\"([^\"<>]{0,4000})\"|'([^'<>]{0,4000})'|([^\s<>]{1,4000}))",
                    re.IGNORECASE)
_REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)  # http:, about:, javascript:, //host
MAX_FRAMES = 8  # frames looked at (a frameset has two or three)
MAX_DEPTH = 2  # a frame's page in a frame's page, no deeper (a page framing itself ends)


def frame_sources(markup: str) -> list[str]:
    """The src of each <iframe> and <frame> of the page, in order, blanks left out."""
    found = []
    for m in _FRAME.finditer(markup):
        src = next(g for g in m.groups() if g is not None).strip()
        if src and src not in found:
            found.append(src)
        if len(found) >= MAX_FRAMES:
            break
    return found


def saved_frame(page: Path, src: str) -> Path | None:
    """The file the frame ``src`` names beside ``page`` when it was saved there; None for a
    page on the web (a URL) or a file not there."""
    if _REMOTE.match(src):
        return None
    local = unquote(src.split("#", 1)[0].split("?", 1)[0]).replace("\\", "/")
    if not local:
        return None
    path = page.parent / local
    try:
        if path.is_file() and path.resolve() != page.resolve():
            return path
    except OSError:
        return None
    return None


def unsaved(srcs: list[str]) -> str:
    """What to do when the frames' pages were not saved with the page."""
    named = "、".join(f"“{s[:80]}”" for s in srcs[:3])
    return (f"网页的正文在框架（iframe/frame）中，框架内的页面{named}没有保存在文件旁，网页本身没有年报内容；"
            "请在浏览器中右键点击正文，选“在新标签页中打开框架”（或“查看框架源代码”），把框架内的页面另存为 .html 后再打开")
