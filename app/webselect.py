"""A saved web page's selectors read as a browser reads them (app/webmatch.py matches them), as far as app/webcss.py asks:
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
from dataclasses import dataclass

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
    """A CSS selector, parsed: its compound steps and their combinators."""

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
# Pseudo-classes over a list of steps (“:is(.a, td.b)”): ``LOGICAL`` matches any of them
# (:where() weighing nothing in the cascade), :not() none, :has() an element around them.
LOGICAL = {"is", "where", "matches", "-webkit-any", "any"}
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
            if name in LOGICAL or name in ("not", "has"):
                listed_steps(name, m.group("arg") or "")  # Unsupported when not steps this module matches
                pseudos.append((name, (m.group("arg") or "").strip()))
                continue
            if name in ("nth-child", "nth-last-child") and _OF.search(arg):
                # “:nth-child(2 of .h)”: counted among the siblings that match the list (its case kept)
                nth, listed = _OF.split((m.group("arg") or "").strip(), maxsplit=1)
                if parse_nth(nth.lower()) is None:
                    raise Unsupported(text)
                listed_steps("is", listed)
                pseudos.append((name, f"{nth.strip().lower()} of {listed.strip()}"))
                continue
            if name not in _STRUCTURAL or (name.startswith("nth-") and parse_nth(arg) is None):
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
        if name in LOGICAL or name in ("not", "has"):
            if name != "where":
                a, b, c = max((_specificity(s) for _, s in listed_steps(name, arg)), default=(0, 0, 0))
                ids, classes, tags = ids + a, classes + b, tags + c
        else:
            classes += 1
            if " of " in arg:  # :nth-child(An+B of S): the pseudo-class and the heaviest of S
                a, b, c = max((_specificity(s) for _, s in listed_steps("is", arg.split(" of ", 1)[1])), default=(0, 0, 0))
                ids, classes, tags = ids + a, classes + b, tags + c
    return ids, classes, tags


@functools.lru_cache(maxsize=1024)
def listed_steps(name: str, arg: str) -> tuple[tuple[str, Compound], ...]:
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


def parse_nth(arg: str) -> tuple[int, int] | None:
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
