"""The lines a government site puts around an article, wherever the page's markup put them.

A page saved whole, or its text copied with Ctrl+A, has the site's lines with the report's:
above it the page information (发布时间 / 来源 / 浏览次数, 【字体：大 中 小】), below it the
tools, related links and footer (打印本页, 上一篇, 网站地图, 主办单位, ICP备, 网站标识码).
app/webarticle.py ends a saved page with the element holding the article; where the template
put its footer inside that element, or the text copy has no elements at all, these lines were
read into the 前言 and into 六 (and saved with the report).  They are known by their words:
each is short and says what only a site's furniture says.  After the report's last section
heading, the first such line ends the report when all that follows is as short (a footer's
lines, a related report's title); otherwise (text of the report's own after it) only the
site's lines themselves are left out.  The report's own lines are never its end: a sentence
(ends in 。) and a line before its 成文日期 that use a site's words (“网站访问量：”, “发布时间：”)
are the report's.  A Word file or PDF is looked at so only when it shows it is a
saved page (``page_shown``): reports use the site's words too.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from app.docx.blocks import Block, ParaBlock, TableBlock
from app.docx.signoff import is_date_line
from app.docx.titleyear import parse_title

_LONGEST = 120  # a site's line; the report's paragraphs are longer, its short lines say other things
_TABLE_CELLS = 4  # a statutory table's rows have four cells or more (app/webarticle.py)

# What only a site's furniture says, anywhere in a short line.
_STRONG = re.compile(
    r"ICP\s*[备证]|公网安备|网站标识码|网站地图|版权所有|[Cc]opyright|©|打印本页|关闭(本页|窗口)|【\s*(打印|关闭)\s*】"
    r"|字[体号]\s*[:：]?\s*[【\[［]?\s*大\s*中\s*小|分享到\s*[:：]?\s*$"
    r"|扫一扫|上一篇\s*[:：]|下一篇\s*[:：]|(当前|所在|您现在的|您当前的)位置\s*[:：]|首页\s*[>＞»›]"
    r"|建议使用.{0,30}浏览器|无障碍(浏览|阅读|模式)|长者模式|关怀版|加入收藏|设为首页")
# A site's words a report writes too (六's “网站访问量：125万人次”, “主办单位：…”): such a line is
# left out only singly, never where a footer begins, and never with a list number.
_WEAK = re.compile(r"(浏览|阅读|访问|点击)(次数|量|数)\s*[:：]|(主办|承办|协办|运维)(单位)?\s*[:：]|技术支持\s*[:：]"
                   r"|(发布|更新)(时间|日期)\s*[:：]|^\s*(信息)?来源\s*[:：]")
_SITE = re.compile(f"{_STRONG.pattern}|{_WEAK.pattern}")
_LISTED = re.compile(r"\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、是]|\d+[.．、)）])")
# Menu words: a line of nothing else (“网站地图 | 联系我们 | 使用帮助”) is the site's.
_MENU_WORDS = re.compile(r"联系我们|使用帮助|隐私(声明|政策)|网站声明|法律声明|免责声明|网站纠错|我要纠错|关于我们|相关(链接|文章|阅读|信息|新闻)"
                         r"|打印|关闭|收藏|返回顶部|分享|上一篇|下一篇|首页")
_SEPARATORS = re.compile(r"[\s|｜丨/·•【】\[\]［］()（）:：,，、]+")


def site_line(text: str) -> bool:
    """Whether a line is a government site's furniture rather than a report's (a line with a
    list number, “（二）网站访问量：…”, is the report's)."""
    text = text.strip()
    if not text or len(text) > _LONGEST or _LISTED.match(text):
        return False
    if _SITE.search(text):
        return True
    return _menu_only(text)


def _menu_only(text: str) -> bool:
    return not _SEPARATORS.sub("", _MENU_WORDS.sub("", text))


def _footer_start(text: str) -> bool:
    """A line no report writes, where a page's footer may begin (not 访问量：, 主办单位：)."""
    return bool(_STRONG.search(text)) or _menu_only(text.strip())


# What only a saved page has (a report never says it): a .docx or PDF is taken for a page pasted
# or printed whole only when two of these kinds are in its short lines.  The words a report uses
# itself too (访问量：, 发布时间：, 主办单位：, 来源：) are no evidence.
_PAGE = tuple(re.compile(p) for p in (
    r"ICP\s*[备证]", r"公网安备", r"网站标识码", r"版权所有|[Cc]opyright|©", r"打印本页|【\s*打印\s*】",
    r"关闭(本页|窗口)|【\s*关闭\s*】", r"字[体号]\s*[:：]?\s*[【\[［]?\s*大\s*中\s*小", r"(当前|所在|您现在的|您当前的)位置\s*[:：]",
    r"首页\s*[>＞»›]", r"上一篇\s*[:：]|下一篇\s*[:：]", r"分享到\s*[:：]?\s*$|扫一扫"))
_PAGE_KINDS = 2


def page_shown(blocks: list[Block]) -> bool:
    """Whether a Word file or PDF shows it is a web page saved whole: lines of two kinds only a
    site's page has (ICP备, 网站标识码, 打印本页, 【字体：大 中 小】, 当前位置：…, a menu's or
    banner's cell beside the report's in the page's layout table pasted into Word)."""
    kinds: set[int] = set()
    for b in blocks:
        if isinstance(b, ParaBlock) and len(text := b.text.strip()) <= _LONGEST:
            kinds.update(k for k, p in enumerate(_PAGE) if k not in kinds and p.search(text))
            if b.beside:  # a page's layout table pasted with it: the menu or banner beside the report
                kinds.add(len(_PAGE))
            if len(kinds) >= _PAGE_KINDS:
                return True
    return False


def _dated(b: Block) -> bool:
    """The report's 成文日期 (a date and nothing else): the lines before it are the report's."""
    return isinstance(b, ParaBlock) and is_date_line(b.text.strip())


def _short(b: Block) -> bool:
    if isinstance(b, TableBlock):
        return all(len(row) < _TABLE_CELLS for row in b.rows)
    return len(b.text.strip()) <= _LONGEST


def site_lines(blocks: list[Block], heading: Callable[[str], str | None]) -> set[int]:
    """Which of ``blocks`` (positions) are the site's: its lines before the first section heading,
    and after the last one the footer from its first line on (or its lines alone, where the
    report's own text follows them); none where the blocks have no section heading."""
    return site_parts(blocks, heading)[0]


def site_parts(blocks: list[Block], heading: Callable[[str], str | None]) -> tuple[set[int], list[int]]:
    """site_lines, and of them the lines after the last section heading left out singly, using
    a site's words a report writes too (“网站访问量：…”): these the reader says it left out."""
    # A sentence (ends in 。) is the report's whatever words it uses (“网站访问量：120万人次。”).
    lines = {i for i, b in enumerate(blocks)
             if isinstance(b, ParaBlock) and site_line(b.text) and not b.text.strip().endswith("。")}
    if not lines:  # the common case: no heading looked for
        return set(), []
    heads = [i for i, b in enumerate(blocks) if isinstance(b, ParaBlock) and heading(b.text) is not None]
    if not heads:
        return set(), []
    found = {i for i in lines if i < heads[0]}
    # The report goes on to its 成文日期: a line using a site's words before it is the report's
    # (六's “主办单位：区政务服务中心”), and never its end.
    last = max((i for i in range(heads[-1] + 1, len(blocks)) if _dated(blocks[i])), default=heads[-1])
    after = sorted(i for i in lines if i > last)
    # The footer begins at a line no report writes (ICP备, 打印本页, a menu): where the report
    # has no 成文日期, 六's unnumbered “网站访问量：…” ended it, and all after it was cut.
    start = next((i for i in after if _footer_start(_text(blocks[i])) and all(_short(b) for b in blocks[i:])), None)
    if start is not None:
        found.update(range(start, len(blocks)))
    singly = [i for i in after if start is None or i < start]
    found.update(singly)
    return found, [i for i in singly if not _footer_start(_text(blocks[i]))]


def left_out(texts: list[str]) -> str:
    """What the reader says of the lines after the report's last section it left out as the
    site's, in words a report writes too (访问量：, 主办单位：)."""
    return (f"报告最后一节之后有{len(texts)}行文字像网站的页面信息（如“{texts[0][:30]}”），未作为正文读入；"
            "如是报告的内容，请补入")


def _text(b: Block) -> str:
    return b.text if isinstance(b, ParaBlock) else ""


_SECTION_START = re.compile(r"\s*[一二三四五六][、.．]")
LOOKED_AT = 60  # blocks before the first section a site's header, menu and index table may take
_TITLE_LINES = 3  # lines an article's title may be broken into


def page_title(blocks: list[Block]) -> int | None:
    """Where the report's title is on a page from a site (its header, menu, breadcrumb and
    信息索引 above it): the last short line before the first section that names an organ and a
    year and ends in 报告 (the article's own, where the site repeats it above), or the
    article's title repeated below it broken over lines (``_title_again``); None for none."""
    at = None
    for i, b in enumerate(blocks[:LOOKED_AT]):
        if not isinstance(b, ParaBlock):
            continue
        text = b.text.strip()
        if _SECTION_START.match(text) or len(text) > 80:
            break  # the first section, or the report's own paragraphs (a site's lines are short)
        if text.endswith("报告") and all(parse_title(text)):
            at = i
    return _title_again(blocks, at) if at is not None else None


def _title_again(blocks: list[Block], at: int) -> int:
    """Where the article repeats the site's title below the page information (发布时间, 字体),
    broken over lines (the organ on one, the year and 报告 on the next), the article's: its lines
    were read into the 前言 after the site's title."""
    texts = [b.text if isinstance(b, ParaBlock) else None for b in blocks[:at + LOOKED_AT]]
    title = re.sub(r"\s+", "", texts[at] or "")
    i = at + 1
    while i < len(texts) and (text := texts[i]) is not None and (not text.strip() or site_line(text)):
        i += 1
    joined, j, lines = "", i, 0
    while j < len(texts) and lines < _TITLE_LINES and (text := texts[j]) is not None:
        part = re.sub(r"\s+", "", text)
        j += 1
        if not part:
            continue
        joined, lines = joined + part, lines + 1
        if joined == title:
            return i
        if not title.startswith(joined):
            break
    return at


def beside_lines(blocks: list[Block]) -> set[int]:
    """The short lines (no sentence) of the cells beside the report's in a page's layout table
    pasted into Word (ParaBlock.beside): its banner, menu, related files and footer."""
    return {i for i, b in enumerate(blocks) if isinstance(b, ParaBlock) and b.beside
            and len(text := b.text.strip()) <= _LONGEST and not text.endswith("。")}
