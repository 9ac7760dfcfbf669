"""A saved web page's selectors matched as a browser matches them, as far as app/webcss.py asks:
type, universal, #id, .class (several), [attr], [attr=v] (and ~= |= ^= $= *=), the structural
pseudo-classes, the logical ones over a list of such steps (:is(), :where(), :not(), and :has()
of a child, descendant or sibling step), and the descendant, child and sibling combinators, with
their specificity (the cascade's order); ::before and ::after rules, for the text their content adds
(app/webgenerated.py).  A selector beyond that (::first-line, a :has() of several steps) is not applied, and
said so (``Unsupported``): app/websheets.py, which reads the sheets, keeps its rule aside for
the one rule that needs to know — a background painted somewhere unknown.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import lxml.html

MAX_COMPOUNDS = 24  # steps of one selector (“div div … div”): matched in time linear in the page still
# Selector steps tried against elements, for all rules of a page, and the declarations each
# element matched carries into its cascade (app/webcss.py): a CMS page needs tens of thousands;
# 5000 rules of “*” on a page of hundreds of elements stop here (the rest are not followed, as
# not understood).
MAX_WORK = 200_000
# What a pseudo-class with an argument costs beyond a plain step (hostile16, measured with
# benchmarks/bench_web_logical.py): reading one (its list parsed, its weight found) about as
# much as LOGICAL_PARSE_WORK steps tried, and trying one (:is(), :not(), :has(), “of S”: its list
# looked up and walked) LOGICAL_MATCH_WORK more.  Weighed so, a sheet of 5,000 such rules stops
# within the time a plain sheet's MAX_WORK takes (it took 1.7× that; 6.4 s under load).
LOGICAL_PARSE_WORK = 30
LOGICAL_MATCH_WORK = 3
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


# -- selectors ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Compound:
    """One step of a selector: “td.num[data-x='1']:first-child”."""

    tag: str = ""  # "" for any
    ids: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()
    attrs: tuple[tuple[str, str, str], ...] = ()  # (name, operator or "", value)
    pseudos: tuple[tuple[str, str], ...] = ()  # (name, argument)


@dataclass(frozen=True)
class Selector:
    steps: tuple[Compound, ...]  # left to right
    combinators: tuple[str, ...]  # between steps: " ", ">", "+", "~"
    specificity: tuple[int, int, int]
    pseudo: str = ""  # "before", "after" or "first-letter": the rule styles that part of the element matched


class Unsupported(ValueError):
    """A selector this module does not match (never applied)."""


class NeverMatches(ValueError):
    """A selector that matches nothing on a page at rest (:hover, a pseudo-element)."""


# An escape: a code point in hex (“\\31 ” is “1”; one space after it belongs to it) or any one character.
_ESCAPE = r"\\(?:[0-9a-fA-F]{1,6}[ \t\n\r\f]?|.)"
_IDENT = rf"-?(?:[_a-zA-Z\u00a0-\uffff]|{_ESCAPE})(?:[-\w\u00a0-\uffff]|{_ESCAPE})*"
_TOKEN = re.compile(
    rf"""\s*(?P<comb>[>+~])\s*|(?P<ws>\s+)|(?P<star>\*)|(?P<tag>{_IDENT})|\#(?P<id>(?:[-\w\u00a0-\uffff]|{_ESCAPE})+)|\.(?P<cls>{_IDENT})
    |\[\s*(?P<attr>{_IDENT})\s*(?:(?P<op>[~|^$*]?=)\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\]\s]+))\s*(?P<flag>[iIsS])?\s*)?\]
    |(?P<pe>::{_IDENT}(?:\([^)]*\))?)|:(?P<pc>{_IDENT})(?:\((?P<arg>(?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\))?""",
    re.X,
)
_OF = re.compile(r"\s+of\s+", re.I)  # “An+B of S” in :nth-child()
# Pseudo-classes of a page at rest that never match (nothing hovered, focused or visited).
_DYNAMIC = {"hover", "focus", "active", "visited", "focus-within", "focus-visible", "target", "checked",
            "disabled", "indeterminate", "placeholder-shown", "autofill", "invalid", "user-invalid"}
_STRUCTURAL = {"first-child", "last-child", "only-child", "nth-child", "nth-last-child", "first-of-type",
               "last-of-type", "only-of-type", "nth-of-type", "nth-last-of-type", "root", "empty", "link",
               "any-link", "enabled"}
# Pseudo-classes over a list of steps (“:is(.a, td.b)”): ``_LOGICAL`` matches any of them
# (:where() weighing nothing in the cascade), :not() none, :has() an element around them.
_LOGICAL = {"is", "where", "matches", "-webkit-any", "any"}
# The old one-colon pseudo-elements: they style generated or partial text, not the element's own.
_PSEUDO_ELEMENTS = {"before", "after", "first-line", "first-letter"}
# The pseudo-elements whose content adds text (app/webgenerated.py puts it into the page).
GENERATED = ("before", "after")
FIRST_LETTER = "first-letter"  # styles a block's first letter (app/webletter.py wraps it)


def _unescape(s: str) -> str:
    """An identifier's escapes as the character they stand for: “.\\31 q” is the class “1q”
    (a class may not begin with a digit unescaped; hostile15: such a rule was matched to
    class “31” and hid nothing), “.a\\.b” the class “a.b”."""
    def one(m: re.Match[str]) -> str:
        if m.group(1):
            code = int(m.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        return m.group(2)
    return re.sub(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(.))", one, s, flags=re.S)


@functools.lru_cache(maxsize=4096)
def parse_selector(text: str) -> Selector:
    """One selector (no commas).  Raises Unsupported or NeverMatches."""
    steps: list[Compound] = []
    combinators: list[str] = []
    # the step being read
    # (plain [] with annotations: calling list[str]() builds a typing alias each time, a fifth of a parse)
    tag = ""
    ids: list[str] = []
    classes: list[str] = []
    attrs: list[tuple[str, str, str]] = []
    pseudos: list[tuple[str, str]] = []
    pending: str | None = None  # a combinator read, waiting for the step after it
    pseudo = ""  # ::before or ::after, the last thing a selector may name
    text = text.strip()
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise Unsupported(text)
        pos = m.end()
        if pseudo:
            raise NeverMatches(text)  # ::after:hover and the like: not at rest
        element = (m.group("pe") or "")[2:].lower() or ((m.group("pc") or "").lower() if m.group("arg") is None else "")
        if element in GENERATED or element == FIRST_LETTER:
            if pending is not None:  # “td ::after”: any element's inside a td
                combinators.append(pending)
                pending, tag = None, "*"
            elif not (tag or ids or classes or attrs or pseudos):
                tag = "*"  # “::after” alone: every element's
            pseudo = element
            continue
        if m.group("comb") is not None or m.group("ws") is not None:
            if tag or ids or classes or attrs or pseudos:
                steps.append(Compound(tag, tuple(ids), tuple(classes), tuple(attrs), tuple(pseudos)))
                tag, ids, classes, attrs, pseudos = "", [], [], [], []  # the next step
            elif not steps:
                raise Unsupported(text)  # begins with a combinator
            comb = m.group("comb")
            if comb:
                if pending not in (None, " "):
                    raise Unsupported(text)  # two combinators in a row
                pending = comb
            elif pending is None:
                pending = " "
            continue
        if pending is not None:
            combinators.append(pending)
            pending = None
        if m.group("star") is not None:
            if tag or ids or classes or attrs or pseudos:
                raise Unsupported(text)
            tag = "*"
        elif m.group("tag") is not None:
            if tag or ids or classes or attrs or pseudos:
                raise Unsupported(text)  # a type after a class: not CSS
            tag = m.group("tag").lower()
        elif m.group("id") is not None:
            ids.append(_unescape(m.group("id")))
        elif m.group("cls") is not None:
            classes.append(_unescape(m.group("cls")))
        elif m.group("attr") is not None:
            value = next((v for v in (m.group("dq"), m.group("sq"), m.group("bare")) if v is not None), "")
            attrs.append((m.group("attr").lower(), m.group("op") or "", value))
        elif m.group("pe") is not None:
            raise NeverMatches(text)  # styles generated text, not the element's own
        else:
            name, arg = m.group("pc").lower(), (m.group("arg") or "").strip().lower()
            if name in _DYNAMIC or name in _PSEUDO_ELEMENTS:
                raise NeverMatches(text)
            if name in _LOGICAL or name in ("not", "has"):
                _listed(name, m.group("arg") or "")  # Unsupported when not steps this module matches
                pseudos.append((name, (m.group("arg") or "").strip()))
                continue
            if name in ("nth-child", "nth-last-child") and _OF.search(arg):
                # “:nth-child(2 of .h)”: counted among the siblings that match the list (its case kept)
                nth, listed = _OF.split((m.group("arg") or "").strip(), maxsplit=1)
                if _nth(nth.lower()) is None:
                    raise Unsupported(text)
                _listed("is", listed)
                pseudos.append((name, f"{nth.strip().lower()} of {listed.strip()}"))
                continue
            if name not in _STRUCTURAL or (name.startswith("nth-") and _nth(arg) is None):
                raise Unsupported(text)
            pseudos.append((name, arg))
    if pending is not None or not (tag or ids or classes or attrs or pseudos):
        raise Unsupported(text)  # empty, or ends in a combinator
    steps.append(Compound(tag, tuple(ids), tuple(classes), tuple(attrs), tuple(pseudos)))
    if len(combinators) != len(steps) - 1 or len(steps) > MAX_COMPOUNDS:
        raise Unsupported(text)
    own = [_specificity(s) for s in steps]
    specificity = (sum(a for a, _, _ in own), sum(b for _, b, _ in own), sum(c for _, _, c in own) + bool(pseudo))
    return Selector(tuple(steps), tuple(combinators), specificity, pseudo)


def parse_work(text: str) -> int:
    """The work (MAX_WORK) reading the selector ``text`` costs beyond a plain one's: each
    bracket is a pseudo-class's argument parsed and weighed (a list in :is(), An+B)."""
    return LOGICAL_PARSE_WORK * text.count("(")


def _specificity(step: Compound) -> tuple[int, int, int]:
    """One step's weight: its ids, its classes, attributes and pseudo-classes, its type; a
    logical pseudo-class weighs as the heaviest step of its list (:where() nothing)."""
    ids, classes, tags = len(step.ids), len(step.classes) + len(step.attrs), int(bool(step.tag) and step.tag != "*")
    for name, arg in step.pseudos:
        if name in _LOGICAL or name in ("not", "has"):
            if name != "where":
                a, b, c = max((_specificity(s) for _, s in _listed(name, arg)), default=(0, 0, 0))
                ids, classes, tags = ids + a, classes + b, tags + c
        else:
            classes += 1
            if " of " in arg:  # :nth-child(An+B of S): the pseudo-class and the heaviest of S
                a, b, c = max((_specificity(s) for _, s in _listed("is", arg.split(" of ", 1)[1])), default=(0, 0, 0))
                ids, classes, tags = ids + a, classes + b, tags + c
    return ids, classes, tags


@functools.lru_cache(maxsize=1024)
def _listed(name: str, arg: str) -> tuple[tuple[str, Compound], ...]:
    """The steps of a logical pseudo-class's list, each with the combinator that leads to it
    from the element (only :has() names one: “>”, “+”, “~”, or “ ” for a descendant).  One
    that never matches at rest (“:hover”) is left out of the list — :not(:hover) is every
    element; Unsupported when a step is beyond this module (several steps, a pseudo-element)."""
    out: list[tuple[str, Compound]] = []
    for part in selector_list(arg):
        comb = " "
        if name == "has" and part[:1] in (">", "+", "~"):
            comb, part = part[0], part[1:].strip()
        try:
            selector = parse_selector(part)
        except NeverMatches:
            continue
        if len(selector.steps) != 1 or selector.pseudo:
            raise Unsupported(arg)
        out.append((comb, selector.steps[0]))
    if not out and name != "not" and not selector_list(arg):
        raise Unsupported(arg)  # “:is()”: nothing to match
    return tuple(out)


def split_top(text: str) -> list[str]:
    """``text`` split at its commas outside brackets and parentheses, each part stripped (empty
    ones kept): a selector list (an attribute's value may hold a comma, a nested list its own:
    “:is(:not(.a, .b), td)”), a mask's layers, a gradient's stops."""
    out, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c in "[(":
            depth += 1
        elif c in "])":
            depth = max(depth - 1, 0)
        elif c == "," and depth == 0:
            out.append(text[start:i].strip())
            start = i + 1
    out.append(text[start:].strip())
    return out


def selector_list(arg: str) -> list[str]:
    """A selector list's selectors (split_top without the empty parts)."""
    return [p for p in split_top(arg) if p]


def _nth(arg: str) -> tuple[int, int] | None:
    """An+B of :nth-child(), None when not one."""
    arg = arg.replace(" ", "")
    if arg == "odd":
        return 2, 1
    if arg == "even":
        return 2, 0
    m = re.fullmatch(r"([+-]?\d*)n([+-]\d+)?|([+-]?\d+)", arg)
    if m is None:
        return None
    if m.group(3) is not None:
        return 0, int(m.group(3))
    a = m.group(1)
    return (int(a) if a not in ("", "+", "-") else -1 if a == "-" else 1), int(m.group(2) or 0)


# -- matching -------------------------------------------------------------------------------------------

class Page:
    """The page's elements indexed for matching, and each element's place among its siblings."""

    def __init__(self, root: lxml.html.HtmlElement, quirks: bool = False) -> None:
        self.root = root
        # In quirks mode (app/webquirks.py) class and id selectors ignore ASCII case: both
        # sides are folded (``fold``) before they are compared.
        self.quirks = quirks
        self.all: list[lxml.html.HtmlElement] = [el for el in root.iter() if isinstance(el.tag, str)]
        self.by_tag: dict[str, list[lxml.html.HtmlElement]] = {}
        self.by_id: dict[str, list[lxml.html.HtmlElement]] = {}
        self.by_class: dict[str, list[lxml.html.HtmlElement]] = {}
        for el in self.all:
            self.by_tag.setdefault(el.tag.lower(), []).append(el)
            if (i := el.get("id")) is not None:
                self.by_id.setdefault(self.fold(i), []).append(el)
            for c in (el.get("class") or "").split():
                self.by_class.setdefault(self.fold(c), []).append(el)
        self._siblings: dict[lxml.html.HtmlElement, list[lxml.html.HtmlElement]] = {}
        self._sizes: dict[lxml.html.HtmlElement, int] = {}
        # Each element's place among its siblings (of those of one kind: its type, or those
        # matching “of S”), counted once per parent: asking list.index() of each of 10,000
        # siblings was quadratic, and not counted as work.
        self._places: dict[tuple[lxml.html.HtmlElement | None, str], tuple[dict[lxml.html.HtmlElement, int], int]] = {}
        # (step, element) → whether a sibling after it matches the step (“:has(~ .x)”), and for
        # the “~” combinator, whether one before it matched the step to its left.
        self.later: dict[Compound, dict[lxml.html.HtmlElement, bool]] = {}
        self.work = 0  # steps tried (MAX_WORK)

    def fold(self, name: str) -> str:
        """A class or id name as compared on this page (ASCII lower case in quirks mode only:
        “İ” stays as it is, as browsers compare)."""
        return name.translate(_ASCII_LOWER) if self.quirks else name

    def siblings(self, el: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
        parent = el.getparent()
        if parent is None:
            return [el]
        found = self._siblings.get(parent)
        if found is None:
            found = self._siblings[parent] = [c for c in parent if isinstance(c.tag, str)]
        return found

    def place(self, el: lxml.html.HtmlElement, kind: str = "",
              member: Callable[[lxml.html.HtmlElement], bool] | None = None) -> tuple[int, int]:
        """``el``'s index among its siblings and their number; with ``kind`` and ``member``,
        among those of its siblings ``member`` admits (``el`` among them)."""
        parent = el.getparent()
        key = (parent, kind)
        known = self._places.get(key)
        if known is None:
            sibs = self.siblings(el)
            ranked = [s for s in sibs if member(s)] if member is not None else sibs
            known = self._places[key] = ({s: k for k, s in enumerate(ranked)}, len(ranked))
        index, n = known
        return index[el], n

    def may_have(self, step: Compound) -> bool:
        """Whether some element has every id, class and the type the step names."""
        return (all(self.fold(i) in self.by_id for i in step.ids) and all(self.fold(c) in self.by_class for c in step.classes)
                and (not step.tag or step.tag == "*" or step.tag in self.by_tag))

    def size(self, el: lxml.html.HtmlElement) -> int:
        """The elements in ``el``'s subtree, itself included (all counted in one pass, once)."""
        if not self._sizes:
            sizes = self._sizes
            for e in reversed(self.all):  # each element after all of its descendants
                mine = sizes[e] = sizes.get(e, 0) + 1
                parent = e.getparent()
                if parent is not None:
                    sizes[parent] = sizes.get(parent, 0) + mine
        return self._sizes.get(el, 1)

    def under(self, steps: tuple[Compound, ...], combinators: tuple[str, ...]) -> list[lxml.html.HtmlElement]:
        """The elements the selector's last step may match: its index's (``candidates``), or —
        when a step to its left it must be inside (“.w5 span”, “#t > tr td”) has an id or class
        held by few elements — those elements' descendants, when they are fewer.  A browser
        asks each element only the rules whose ancestors it has (its ancestor filter): 5,000
        rules of “.wK span” tried each of a page's 1,000 spans and stopped at the work cap."""
        pool = self.candidates(steps[-1])
        best: list[lxml.html.HtmlElement] | None = None
        cost = len(pool)
        for j in range(len(steps) - 2, -1, -1):
            if combinators[j] not in (" ", ">"):
                break  # a sibling's step: what is left of it is not around the element
            if not (steps[j].ids or steps[j].classes):
                continue
            anchors = self.candidates(steps[j])
            total = 0
            for a in anchors:
                total += self.size(a) - 1
                if total >= cost:
                    break
            if total < cost:
                best, cost = anchors, total
        if best is None:
            return pool
        out: list[lxml.html.HtmlElement] = []
        walked: set[lxml.html.HtmlElement] = set()
        for a in best:  # in document order: one inside another already walked is skipped
            if a in walked:
                continue
            for d in a.iterdescendants():
                if isinstance(d.tag, str):
                    walked.add(d)
                    out.append(d)
        self.work += len(out)
        return out

    def candidates(self, step: Compound) -> list[lxml.html.HtmlElement]:
        if step.ids:
            return self.by_id.get(self.fold(step.ids[0]), [])
        if step.classes:
            return self.by_class.get(self.fold(step.classes[0]), [])
        if step.tag and step.tag != "*":
            return self.by_tag.get(step.tag, [])
        return self.all


def _attr_matches(el: lxml.html.HtmlElement, name: str, op: str, value: str) -> bool:
    got = el.get(name)
    if got is None:
        return False
    if op == "":
        return True
    if op == "=":
        return got == value
    if op == "~=":
        return value in got.split()
    if op == "|=":
        return got == value or got.startswith(value + "-")
    if not value:
        return False
    return {"^=": got.startswith, "$=": got.endswith, "*=": got.__contains__}[op](value)


def _step_matches(el: lxml.html.HtmlElement, step: Compound, page: Page) -> bool:
    page.work += 1
    if step.tag and step.tag != "*" and el.tag.lower() != step.tag:
        return False
    if page.quirks:
        if step.ids and any(page.fold(el.get("id") or "") != page.fold(i) for i in step.ids):
            return False
        if step.classes:
            own = page.fold(el.get("class") or "").split()
            if any(page.fold(c) not in own for c in step.classes):
                return False
    else:  # the common case, kept as quick as it was: this runs for every step tried
        if step.ids and any(el.get("id") != i for i in step.ids):
            return False
        if step.classes:
            own = (el.get("class") or "").split()
            if any(c not in own for c in step.classes):
                return False
    if any(not _attr_matches(el, n, op, v) for n, op, v in step.attrs):
        return False
    return all(_pseudo_matches(el, name, arg, page) for name, arg in step.pseudos)


def _pseudo_matches(el: lxml.html.HtmlElement, name: str, arg: str, page: Page) -> bool:
    if name == "root":
        return el.getparent() is None
    if name == "empty":
        return not (el.text or "") and not len(el)
    if name in ("link", "any-link"):
        return el.tag.lower() in ("a", "area") and el.get("href") is not None
    if name == "enabled":
        return el.tag.lower() in ("input", "button", "select", "textarea") and el.get("disabled") is None
    if name in _LOGICAL or name in ("not", "has") or " of " in arg:
        page.work += LOGICAL_MATCH_WORK
    if name in _LOGICAL:
        return any(_step_matches(el, step, page) for _, step in _listed(name, arg))
    if name == "not":
        return not any(_step_matches(el, step, page) for _, step in _listed(name, arg))
    if name == "has":
        return any(_has(el, comb, step, page) for comb, step in _listed(name, arg))
    if name.endswith("of-type"):
        tag = el.tag.lower()
        i, n = page.place(el, " " + tag, lambda s: s.tag.lower() == tag)  # (" ": no “of S” list is blank)
    elif " of " in arg:  # :nth-child(An+B of S): el is one of S, counted among its siblings of S
        arg, listed = arg.split(" of ", 1)
        steps = _listed("is", listed)
        if not any(_step_matches(el, step, page) for _, step in steps):
            return False
        i, n = page.place(el, listed, lambda s: s is el or any(_step_matches(s, step, page) for _, step in steps))
    else:
        i, n = page.place(el)
    if name in ("first-child", "first-of-type"):
        return i == 0
    if name in ("last-child", "last-of-type"):
        return i == n - 1
    if name in ("only-child", "only-of-type"):
        return n == 1
    nth = _nth(arg)
    if nth is None:
        return False
    a, b = nth
    k = (n - i) if name.startswith("nth-last") else i + 1
    return k == b if a == 0 else (k - b) % a == 0 and (k - b) // a >= 0


def _has(el: lxml.html.HtmlElement, comb: str, step: Compound, page: Page) -> bool:
    """Whether an element so placed from ``el`` matches ``step``: a child (“>”), a descendant,
    the next sibling (“+”) or a later one (“~”).  Each element looked at is work: past
    MAX_WORK nothing more is looked at (a hostile “*:has(*)” on a deep page)."""
    if comb == "~":
        return _later(el, step, page)
    if comb == "+":
        sibs = page.siblings(el)
        k = page.place(el)[0] + 1
        around: Iterator[lxml.html.HtmlElement] = iter(sibs[k:k + 1])
    elif comb == ">":
        around = (c for c in el if isinstance(c.tag, str))
    else:
        around = (d for d in el.iterdescendants() if isinstance(d.tag, str))
    for other in around:
        if page.work > MAX_WORK:
            return False
        if _step_matches(other, step, page):
            return True
    return False


def _later(el: lxml.html.HtmlElement, step: Compound, page: Page) -> bool:
    """Whether a sibling after ``el`` matches ``step``: each sibling tried once for all the
    siblings before it (remembered in ``page.later``), so “div:has(~ .x)” over 10,000 sibling
    divs is linear, not 10,000 walks to the end (review16 L5: +3.4 s)."""
    sibs = page.siblings(el)
    memo = page.later.setdefault(step, {})  # element → it or a sibling after it matches
    walked: list[lxml.html.HtmlElement] = []
    answer = False
    for other in sibs[page.place(el)[0] + 1:]:
        known = memo.get(other)
        if known is not None:
            answer = known
            break
        if page.work > MAX_WORK:
            return False  # (nothing remembered: not known)
        walked.append(other)
        if _step_matches(other, step, page):
            answer = True
            break
    for other in walked:
        memo[other] = answer
    return answer


def matches(selector: Selector, page: Page) -> Iterator[lxml.html.HtmlElement]:
    """The elements ``selector`` matches, right to left; each step's answers remembered per
    element (a descendant step asks each ancestor once, whatever the depth)."""
    steps, combs = selector.steps, selector.combinators
    memo: list[dict[lxml.html.HtmlElement, bool]] = [{} for _ in steps]  # step i matched at el, with the steps left of it
    under: list[dict[lxml.html.HtmlElement, bool]] = [{} for _ in steps]  # some ancestor of el matched step i
    before: list[dict[lxml.html.HtmlElement, bool]] = [{} for _ in steps]  # some sibling before el matched step i

    def at(el: lxml.html.HtmlElement, i: int) -> bool:
        known = memo[i].get(el)
        if known is not None:
            return known
        ok = _step_matches(el, steps[i], page) and (i == 0 or left(el, i))
        memo[i][el] = ok
        return ok

    def left(el: lxml.html.HtmlElement, i: int) -> bool:
        comb = combs[i - 1]
        if comb == ">":
            parent = el.getparent()
            return parent is not None and at(parent, i - 1)
        if comb == " ":
            return above(el.getparent(), i - 1)
        sibs = page.siblings(el)
        k = page.place(el)[0]
        if comb == "+":
            return k > 0 and at(sibs[k - 1], i - 1)
        return earlier(sibs, k, i - 1)

    def earlier(sibs: list[lxml.html.HtmlElement], k: int, i: int) -> bool:
        # some sibling before sibs[k] matched step i: each asked once for all after it
        walked: list[lxml.html.HtmlElement] = []
        answer = False
        while k > 0:
            known = before[i].get(sibs[k])
            if known is not None:
                answer = known
                break
            walked.append(sibs[k])
            k -= 1
            if at(sibs[k], i):
                answer = True
                break
        for s in walked:
            before[i][s] = answer
        return answer

    def above(el: lxml.html.HtmlElement | None, i: int) -> bool:
        # iteratively: a page may nest 2000 deep (Python's recursion stops at 1000)
        chain: list[lxml.html.HtmlElement] = []
        answer = False
        while el is not None:
            known = under[i].get(el)
            if known is not None:
                answer = known
                break
            chain.append(el)
            if at(el, i):
                answer = True
                break
            el = el.getparent()
        for c in chain:  # each at or below the answer: the same answer
            under[i][c] = answer
        return answer

    if not all(page.may_have(step) for step in steps):
        return  # an id, class or element the page does not have: most of a site's sheet
    last = len(steps) - 1
    for el in page.under(steps, combs) if last else page.candidates(steps[last]):
        if at(el, last):
            yield el
