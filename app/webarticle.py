"""Where a report's article ends on a whole page saved from a government site.

Such a page has the site's chrome after the article as well as above it: the tools bar
(“【字体：大 中 小】 打印本页 关闭窗口”), related links, the footer (版权所有, 主办单位, ICP备,
网站标识码).  Read on, it became the end of 六 and was written into the report when saved.
The article is the page's element that holds the report's sections — the innermost one
holding its first and its last section heading, as every CMS template wraps the article's
text in one (a TRS_Editor, a content <div>, one layout <td>); the report ends where that
element ends, or at its 成文日期 if that stands after it.  What follows is outside the article
and after the date: the site's, not the report's.  A report's own text after its date (an
annex) is inside the article, and read as before (TEXT-AFTER-SIGNOFF says where it went).
"""

from __future__ import annotations

from collections.abc import Callable

import lxml.html

from app.docx.blocks import Block, ParaBlock, TableBlock
from app.docx.signoff import is_date_line

_TABLE_CELLS = 4  # a statutory table has rows of four cells or more (app/webcopy.py _lays_out)


def article_end(blocks: list[Block], sources: list[lxml.html.HtmlElement | None],
                heading: Callable[[str], str | None]) -> int:
    """How many of ``blocks`` (a site's page from the report's title on) are the article's;
    ``sources``: the element each block was read from; ``heading``: a line's section, if a
    heading.  All of them where the article cannot be told (one heading, none inside an element
    of its own, a table with a statutory table's rows after it)."""
    heads = [i for i, b in enumerate(blocks) if isinstance(b, ParaBlock) and heading(b.text) is not None]
    if len(heads) < 2 or len(sources) != len(blocks):
        return len(blocks)
    first, last = sources[heads[0]], sources[heads[-1]]
    if first is None or last is None:
        return len(blocks)
    around = set(first.iterancestors()) | {first}
    container = next((el for el in (last, *last.iterancestors()) if el in around), None)
    if container is None or not isinstance(container.tag, str) or container.tag.lower() in ("body", "html"):
        return len(blocks)
    inside = set(container.iter())
    end = max(i for i, el in enumerate(sources) if el in inside) + 1
    date = next((i for i, b in enumerate(blocks) if i > heads[-1] and isinstance(b, ParaBlock) and is_date_line(b.text.strip())), None)
    if date is not None and date >= end:
        end = date + 1
    if any(isinstance(b, TableBlock) and any(len(row) >= _TABLE_CELLS for row in b.rows) for b in blocks[end:]):
        return len(blocks)  # a table with a statutory table's rows is never the site's
    return end
