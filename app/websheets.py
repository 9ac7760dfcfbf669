"""A saved web page's style sheets read as a browser reads them, as far as app/webcss.py asks:
<style>, and <link rel=stylesheet> files saved beside the page — read from disk, relative to the
page, never fetched — with the @import of saved files, their @media blocks for a desktop
browser's screen (print rules left out), and each rule's declarations (!important over a later
plain one).  The rules setting a property asked about are kept in order with their selectors
(app/webselect.py parses and matches those); a selector it does not match is said so
(``Sheet.unknown``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

from app.limits import check_page_style_declarations, check_style_declarations, declaration_count
from app.webselect import (
    MAX_WORK,
    NeverMatches,
    Selector,
    Unsupported,
    parse_selector,
    parse_work,
    selector_list,
)

SCREEN_WIDTH_PX, SCREEN_HEIGHT_PX = 1366, 700  # a reviewer's desktop browser's viewport: what @media asks of
MAX_RULES = 5000  # rules followed of all sheets: a CMS sheet is a few hundred; a hostile one stops here
MAX_SHEET_BYTES = 2 * 2**20  # one linked stylesheet read from disk
MAX_ALL_SHEET_BYTES = 8 * 2**20
MAX_IMPORT_DEPTH = 4

# -- declarations --------------------------------------------------------------------------------------

Decls = dict[str, tuple[str, bool]]  # property → (value, !important), lower case but custom properties' names


def declarations(text: str) -> Decls:
    """``prop: value; …``, the last setting of a property winning (an !important one over a
    later plain one, as in a browser).  ReadError past limits.MAX_STYLE_DECLARATIONS."""
    check_style_declarations(text)
    out: Decls = {}
    for decl in text.split(";"):
        prop, sep, value = decl.partition(":")
        if not sep:
            continue
        value = _lowered(value.strip())
        important = False
        m = re.search(r"!\s*important\s*$", value)
        if m:
            value, important = value[: m.start()].strip(), True
        prop = prop.strip()
        prop = prop if prop.startswith("--") else prop.lower()
        if prop in out and out[prop][1] and not important:
            continue
        out[prop] = (value, important)
        if prop == "font":  # a shorthand sets its longhands: “font:16px 宋体” after a font-weight:bold is not bold
            for longhand, set_to in font_longhands(value).items():
                if not (longhand in out and out[longhand][1] and not important):
                    out[longhand] = (set_to, important)
    return out


_CSS_WIDE = ("inherit", "initial", "unset", "revert", "revert-layer")
_SYSTEM_FONTS = ("caption", "icon", "menu", "message-box", "small-caption", "status-bar")
_FONT_STYLES = ("italic", "oblique")
_FONT_WEIGHTS = ("bold", "bolder", "lighter")
_FONT_OTHER = frozenset(("normal", "small-caps", "ultra-condensed", "extra-condensed", "condensed", "semi-condensed",
                         "semi-expanded", "expanded", "extra-expanded", "ultra-expanded"))
_FONT_SIZE = re.compile(r"(?:[\d.]+(?:[a-z]+|%)?|(?:xx?x?-)?(?:small|large)|medium|larger|smaller|calc\(.*)(?:/.*)?")
_FONT_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def font_longhands(value: str) -> dict[str, str]:
    """The font-weight and font-style a ``font`` shorthand sets (lower case, as declarations()
    gives it): those written before its size, “normal” the ones left out; the CSS-wide keyword to
    both.  None of them (an empty dict) where the value is not one a browser takes (no size or no
    family after it: the declaration is dropped), a system font (its weight is the desktop's) or
    a var() (known only once resolved): what the element has is not guessed."""
    value = value.strip()
    if value in _CSS_WIDE:
        return {"font-weight": value, "font-style": value}
    if "var(" in value or value in _SYSTEM_FONTS:
        return {}
    words = value.replace("/", " / ").split()
    weight = style = ""
    for n, word in enumerate(words):
        if word in _FONT_STYLES:
            if style:
                return {}  # given twice: not a font a browser takes
            style = word
        elif word in _FONT_WEIGHTS or (_FONT_NUMBER.fullmatch(word) and 1 <= float(word) <= 1000):
            if weight:
                return {}
            weight = word  # (a size without a unit is only 0)
        elif word in _FONT_OTHER or (words[n - 1:n] == ["oblique"] and word.endswith(("deg", "rad", "turn"))):
            continue
        elif _FONT_SIZE.fullmatch(word):
            rest = words[n + 1:]
            if rest[:1] == ["/"]:
                rest = rest[2:]  # the line height
            return {"font-weight": weight or "normal", "font-style": style or "normal"} if rest else {}
        else:
            return {}
    return {}


def _lowered(value: str) -> str:
    """``value`` in lower case (CSS keywords and function names — VAR(), CALC() — are ASCII
    case-insensitive) but its custom properties' names: --H and --h are two (as in a browser)."""
    if "--" not in value:
        return value.lower()
    parts = _CUSTOM_NAME.split(value)
    return "".join(p if n % 2 else p.lower() for n, p in enumerate(parts))


_CUSTOM_NAME = re.compile(r"(--[-\w]+)")


# -- sheets ---------------------------------------------------------------------------------------------

@dataclass
class Rule:
    """One CSS rule of a style sheet, in the sheet's order."""

    selector: Selector
    order: int
    decls: Decls


@dataclass
class Sheet:
    """The page's rules that set one of the properties asked about, in order."""

    rules: list[Rule] = field(default_factory=list)
    unknown: list[Decls] = field(default_factory=list)  # declarations of selectors not matched here
    read_bytes: int = 0
    cut: bool = False  # MAX_RULES reached: the sheets' later rules not read (said: app/webcopy.py)
    read: int = 0  # selectors read, followed or not (“:hover”): MAX_RULES counts them all
    nested: int = 0  # selectors made by nesting a list in a list (outer × inner), all told: MAX_RULES too
    declared: int = 0  # declarations of all rules read (semicolons): limits.MAX_PAGE_STYLE_DECLARATIONS
    work: int = 0  # MAX_WORK spent reading selectors beyond plain ones' (webselect.parse_work): matching goes on from it


_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.S)


_TOP_MARK = re.compile(r"""[{};"']""")
_INNER_MARK = re.compile(r"""[{}"']""")


def _blocks(text: str) -> Iterator[tuple[str, str | None]]:
    """(prelude, block) at the top level of a sheet; block None for a statement (“@import …;”).
    (Jumping from mark to mark: a character at a time was a fifth of reading 5,000 rules.)"""
    i, n = 0, len(text)
    while i < n:
        j = i
        while True:
            m = _TOP_MARK.search(text, j)
            if m is None:
                return
            j = m.start()
            if text[j] not in "\"'":
                break
            end = text.find(text[j], j + 1)
            if end < 0:
                return
            j = end + 1
        if text[j] == ";" or text[j] == "}":
            if text[j] == ";":
                yield text[i:j].strip(), None
            i = j + 1
            continue
        depth, k = 1, j + 1
        while depth:
            m = _INNER_MARK.search(text, k)
            if m is None:
                k = n
                break
            c, k = m.group(), m.end()
            if c in "\"'":
                end = text.find(c, k)
                if end < 0:
                    k = n
                    break
                k = end + 1
            elif c == "{":
                depth += 1
            else:
                depth -= 1
        yield text[i:j].strip(), text[j + 1 : k - 1 if depth == 0 else k]
        i = k


def media_applies(query: str) -> bool:
    """Whether a media query list holds for a desktop browser's screen (not print)."""
    q = query.strip().lower()
    if not q:
        return True
    return any(_one_query(part.strip()) for part in q.split(","))


def _one_query(q: str) -> bool:
    negate = q.startswith("not ")
    q = re.sub(r"^(?:only|not)\s+", "", q)
    m = re.match(r"^([a-z-]+)?\s*(?:and\s*)?(.*)$", q)
    if m is None:
        return False
    kind, rest = m.group(1) or "all", m.group(2)
    if kind == "and":
        kind = "all"
    ok = kind in ("all", "screen")
    for feature in re.findall(r"\(([^)]*)\)", rest):
        name, _, value = (s.strip() for s in feature.partition(":"))
        ok = ok and _feature(name, value)
    return not ok if negate else ok


def _feature(name: str, value: str) -> bool:
    px = _length_px(value)
    if name in ("min-width", "max-width", "width", "min-device-width", "max-device-width"):
        if px is None:
            return False
        if name.startswith("min"):
            return px <= SCREEN_WIDTH_PX
        return px >= SCREEN_WIDTH_PX if name.startswith("max") else px == SCREEN_WIDTH_PX
    if name in ("min-height", "max-height"):
        return px is not None and (px <= SCREEN_HEIGHT_PX if name.startswith("min") else px >= SCREEN_HEIGHT_PX)
    return {("orientation", "landscape"), ("prefers-color-scheme", "light"), ("hover", "hover"),
            ("pointer", "fine"), ("color", ""), ("prefers-reduced-motion", "no-preference")}.__contains__((name, value))


def _length_px(value: str) -> float | None:
    m = re.fullmatch(r"\s*([\d.]+)\s*(px|em|rem|pt)?\s*", value)
    if m is None:
        return None
    try:
        return float(m.group(1)) * {"em": 16, "rem": 16, "pt": 4 / 3}.get(m.group(2) or "px", 1)
    except ValueError:
        return None


class Reader:
    """Gathers a page's rules, following saved stylesheet files under ``base`` (the page's
    folder; None: none are read — a page inside a .docx has no folder)."""

    def __init__(self, base: Path | None, wanted: Callable[[Decls], bool]) -> None:
        self.base = base.resolve() if base is not None else None
        self.wanted = wanted
        self.sheet = Sheet()
        self._read: set[Path] = set()

    def page(self, root: lxml.html.HtmlElement) -> Sheet:
        for el in root.iter("style", "link"):
            media = el.get("media") or ""
            if not media_applies(media):
                continue
            if el.tag == "style":
                self.text(el.text or "", self.base, 0)
            elif "stylesheet" in (el.get("rel") or "").lower().split() and "alternate" not in (el.get("rel") or "").lower():
                self.file(el.get("href") or "", self.base, 0)
        return self.sheet

    def file(self, href: str, folder: Path | None, depth: int) -> None:
        """A stylesheet saved beside the page: a relative reference to a file in the page's
        folder or below it (a saved page's “页面_files/…css”); anything else is not read."""
        if self.base is None or folder is None or depth > MAX_IMPORT_DEPTH:
            return
        parts = urlsplit(href.strip())
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith(("/", "\\")):
            return  # on the network, or at the site's root: not on this disk
        try:
            path = (folder / unquote(parts.path)).resolve()
            if not path.is_relative_to(self.base) or path in self._read or not path.is_file():
                return
            size = path.stat().st_size
            if size > MAX_SHEET_BYTES or self.sheet.read_bytes + size > MAX_ALL_SHEET_BYTES:
                return
            raw = path.read_bytes()
        except (OSError, ValueError):
            return  # unreadable: as if missing, as a browser shows the page without it
        self._read.add(path)
        self.sheet.read_bytes += len(raw)
        self.text(_decode(raw), path.parent, depth + 1)

    def text(self, css: str, folder: Path | None, depth: int) -> None:
        css = _CSS_COMMENT.sub("", css).replace("<!--", "").replace("-->", "")
        for prelude, block in _blocks(css):
            if self.sheet.read >= MAX_RULES:
                self.sheet.cut = True
                return
            if prelude.startswith("@"):
                name = prelude.split(None, 1)[0].lower() if prelude.split() else ""
                rest = prelude[len(name):].strip()
                if name == "@import" and block is None:
                    m = re.match(r"""(?:url\(\s*)?["']?([^"')\s]+)["']?\s*\)?\s*(.*)$""", rest, re.S)
                    if m and media_applies(m.group(2)):
                        self.file(m.group(1), folder, depth)
                elif block is not None and ((name == "@media" and media_applies(rest)) or name in _TRANSPARENT_AT):
                    self.text(block, folder, depth)
                continue
            if block is None:
                continue
            self._rule(selector_list(prelude), block, 0)

    def _rule(self, selectors: list[str], block: str, depth: int) -> None:
        """A style rule's declarations for ``selectors``, and the rules nested in its block (CSS
        nesting: “.x{ & .h{display:none} }” and “.x{ .h{…} }” are “.x .h”; an @media inside
        applies to the rule's own selectors), as today's browsers read them."""
        if "{" not in block:
            self._add(selectors, self._declarations(block))
            return
        own: list[str] = []
        for prelude, inner in _blocks(block + ";"):
            if inner is None:
                own.append(prelude)
            elif self.sheet.read >= MAX_RULES or self.sheet.nested >= MAX_RULES:
                self.sheet.cut = True
            elif depth < MAX_IMPORT_DEPTH:
                if prelude.startswith("@"):
                    name = prelude.split(None, 1)[0].lower()
                    if (name == "@media" and media_applies(prelude[len(name):])) or name in _TRANSPARENT_AT:
                        self._rule(selectors, inner, depth + 1)
                    continue
                # The product stops at the cap: made whole, a 42 KB sheet's 3,162 × 3,162 selectors
                # were 10 M strings before being cut to MAX_RULES (tests/test_web_work_cap.py)
                parts = selector_list(prelude)
                made = (_nest(outer, part) for outer in selectors for part in parts)
                nested = list(islice(made, MAX_RULES - self.sheet.nested + 1))
                if len(nested) > MAX_RULES - self.sheet.nested:
                    nested.pop()
                    self.sheet.cut = True
                self.sheet.nested += len(nested)
                self._rule(nested, inner, depth + 1)
        self._add(selectors, self._declarations(";".join(own)))

    def _declarations(self, block: str) -> Decls:
        self.sheet.declared += declaration_count(block)  # before any is parsed (in C)
        check_page_style_declarations(self.sheet.declared)
        return declarations(block)

    def _add(self, selectors: list[str], decls: Decls) -> None:
        if not self.wanted(decls):
            return
        for part in selectors:
            # MAX_RULES counts a rule's selectors one by one: a list of 100,000 (“.c0 span, …”) was
            # one prelude, so read whole (5.3 processor s, load 8); every selector looked at counts, followed or not
            if self.sheet.read >= MAX_RULES:
                self.sheet.cut = True
                return
            self.sheet.read += 1
            # A selector is weighed before it is read: one :is() of 20,000 arguments was read whole
            # (2.5 processor s, 240 MB), the cap looked at only after it.  Not read, it costs nothing: the
            # cheaper rules after it are still followed.
            work = parse_work(part)
            if self.sheet.work + work > MAX_WORK:
                self.sheet.cut = True
                continue
            self.sheet.work += work
            try:
                selector = parse_selector(part)
            except NeverMatches:
                continue
            except Unsupported:
                self.sheet.unknown.append(decls)
                continue
            self.sheet.rules.append(Rule(selector, len(self.sheet.rules), decls))


# At-rules whose block is read as if it were not there (a browser applies @supports of what it supports,
# a @layer's rules in their order, a @container's for the container's size).
_TRANSPARENT_AT = ("@supports", "@layer", "@document", "@container", "@scope")


def _nest(outer: str, inner: str) -> str:
    """A nested rule's selector in full: “&” stands for the rule around it; without one, the
    nested selector is a descendant's (“> td” a child's)."""
    if "&" in inner:  # (“.a &” with “div p” around it is “.a div p”: a little narrower than a browser's :is())
        return inner.replace("&", outer.strip())
    return f"{outer.strip()} {inner}"


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")
