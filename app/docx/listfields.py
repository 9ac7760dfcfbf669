"""List-number fields shown as Word computes them: LISTNUM, AUTONUM, AUTONUMLGL, AUTONUMOUT.

Word stores no result for these (ECMA-376 says a LISTNUM shall not have one): it counts them in
document order and shows the number, so a heading numbered by one (“{ AUTONUM \\* CHINESENUM3
\\s 、 }基本情况”) showed as “基本情况” here, and a heading in the author's own words was 没有找到标题.
Each such field without a shown result gets its number as a run after it, before the field
codes are dropped (app/docx/fields.py):

- LISTNUM ["name"] [\\l level] [\\s start]: a list of its own per name (none: the last
  LISTNUM's).  NumberDefault (the first with no name too) writes 1) a) i) (1) (a) (i) 1. a. i.,
  LegalDefault 1. 1.1. 1.1.1., OutlineDefault
  I. A. 1. a) (1) (a) (i) (a) (i); any other name is the numbering.xml list of that name (a
  template's chineseCounting “%1、” list: 一、).  Without \\l, as MS-OI29500 says Word does:
  one level below a LISTNUM before it in the paragraph, else the paragraph's list level, else
  the series' current level, else 1.  Nested in another field, Word ignores it: so here.
- AUTONUM [\\s separator]: the number and its separator (“.” unless given); AUTONUMLGL [\\e]
  [\\s separator]: 1. 1.1. (\\e: no trailing separator); AUTONUMOUT: OutlineDefault's.  Their
  level is the paragraph's outline level (its w:outlineLvl, or a style id heading N / N).
- A format switch (\\* CHINESENUM3, \\* Roman …) writes the field's own level in that format.
"""

from __future__ import annotations

import re

from lxml import etree

from app.docx.fields import _LEFT_OUT
from app.docx.numbering import Level, _levels, _render
from app.docx.xmlkids import W, child_val, first_child

_FLD_CHAR, _TYPE, _INSTR, _SIMPLE, _R, _T = (f"{{{W}}}{t}" for t in ("fldChar", "fldCharType", "instrText", "fldSimple", "r", "t"))
_P, _PPR, _P_STYLE, _OUTLINE, _NUM_PR, _ILVL = (f"{{{W}}}{t}" for t in ("p", "pPr", "pStyle", "outlineLvl", "numPr", "ilvl"))
_SHOWN = (_T, f"{{{W}}}tab", f"{{{W}}}sym")
_KINDS = ("LISTNUM", "AUTONUM", "AUTONUMLGL", "AUTONUMOUT")
_FIELD = re.compile(r"^\s*(LISTNUM|AUTONUMLGL|AUTONUMOUT|AUTONUM)\b(.*)$", re.IGNORECASE | re.DOTALL)
_TOKEN = re.compile(r'"([^"]*)"|(\\\*|\\[a-zA-Z])|(\S+)')
_DIGITS = re.compile(r"[0-9]{1,6}")
_ALL_DIGITS = re.compile(r"[0-9]+")
_MAX_START = 32767  # Word's highest start, as numbering.xml's are clamped (numbering._int): a start of 10**11 in Roman never ends
_HEADING_STYLE = re.compile(r"(?i)^(?:heading)?\s*([1-9])$")


def _scheme(*levels: tuple[str, str]) -> dict[int, Level]:
    return {i: Level(fmt, text) for i, (fmt, text) in enumerate(levels)}


_DEFAULTS = {
    "numberdefault": _scheme(("decimal", "%1)"), ("lowerLetter", "%2)"), ("lowerRoman", "%3)"), ("decimal", "(%4)"),
                             ("lowerLetter", "(%5)"), ("lowerRoman", "(%6)"), ("decimal", "%7."), ("lowerLetter", "%8."),
                             ("lowerRoman", "%9.")),
    "legaldefault": _scheme(*(("decimal", ".".join(f"%{k + 1}" for k in range(n + 1)) + ".") for n in range(9))),
    "outlinedefault": _scheme(("upperRoman", "%1."), ("upperLetter", "%2."), ("decimal", "%3."), ("lowerLetter", "%4)"),
                              ("decimal", "(%5)"), ("lowerLetter", "(%6)"), ("lowerRoman", "(%7)"), ("lowerLetter", "(%8)"),
                              ("lowerRoman", "(%9)")),
}
# Word's general number formats (\* …) as list formats.
# Only these set the number's form: MERGEFORMAT, CHARFORMAT, Upper, Lower, Caps, FirstCap (Word's
# field dialog adds \* MERGEFORMAT after the format) leave it.  roman / alphabetic: the case of
# the argument's first letter (\* roman → i, \* Roman → I).
_FORMATS = {"arabic": "decimal", "roman": "upperRoman", "alphabetic": "upperLetter", "chinesenum1": "chineseCounting",
            "chinesenum2": "chineseLegalSimplified", "chinesenum3": "chineseCounting", "dbnum1": "chineseCounting",
            "dbnum2": "chineseLegalSimplified", "circlenum": "decimalEnclosedCircle"}


class _Counter:
    """The lists the document's fields count: each name's levels and current numbers."""

    def __init__(self, numbering: etree._Element | None) -> None:
        self.named: dict[str, dict[int, Level]] = {}
        for an in numbering.iterchildren(f"{{{W}}}abstractNum") if numbering is not None else ():
            name = child_val(an, f"{{{W}}}name") or child_val(an, f"{{{W}}}styleLink")
            if name and (levels := _levels(an)):
                self.named.setdefault(name.lower(), levels)
        self.counters: dict[str, dict[int, int]] = {}
        self.current: tuple[str, int] | None = None  # the last LISTNUM's list and level
        self.last_p: tuple[etree._Element | None, int] = (None, -1)  # the last LISTNUM's paragraph and level

    def shown(self, instruction: str, p: etree._Element | None) -> str | None:
        m = _FIELD.match(instruction)
        if m is None:
            return None
        kind, tokens = m.group(1).upper(), _TOKEN.findall(m.group(2))
        name, level, start, sep, fmt, bare = "", -1, None, None, None, False
        i = 0
        while i < len(tokens):
            quoted, switch, word = tokens[i]
            arg = "".join(tokens[i + 1]) if i + 1 < len(tokens) and not tokens[i + 1][1] else None
            if switch:
                i += 1 if arg is None else 2
                if switch == "\\*" and arg and (form := _format(arg)) is not None:
                    fmt = form
                elif switch.lower() == "\\l" and arg and (n := _number(arg)) is not None:
                    level = min(max(n, 1), 9) - 1
                elif switch.lower() == "\\s" and arg:
                    if kind == "LISTNUM":
                        start = _start(arg)
                    else:
                        sep = arg[:1]
                elif switch.lower() == "\\e":
                    bare = True
                    i -= 0 if arg is None else 1  # \e takes no argument
                continue
            if not name and kind == "LISTNUM":
                name = quoted or word
            i += 1
        if kind != "LISTNUM":
            level = _outline_level(p)
            name = {"AUTONUM": "autonum", "AUTONUMLGL": "legaldefault", "AUTONUMOUT": "outlinedefault"}[kind]
        else:
            level = level if level >= 0 else self._level(p)
            name = name or (self.current[0] if self.current else "")
            self.current, self.last_p = (name, level), (p, level)
        name = name.lower() or "numberdefault"
        levels = _DEFAULTS.get(name) or self.named.get(name) or _DEFAULTS["numberdefault"]
        if kind == "AUTONUM":
            levels = _scheme(*(("decimal", f"%{k + 1}" + (sep or ".")) for k in range(9)))
        elif kind == "AUTONUMLGL" and (sep is not None or bare):
            levels = _scheme(*(("decimal", ".".join(f"%{k + 1}" for k in range(n + 1)) + ("" if bare else sep or "."))
                               for n in range(9)))
        counters = self.counters.setdefault(name, {})
        counters[level] = start if start is not None else counters.get(level, levels.get(level, Level("decimal", "")).start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        here = levels.get(level, Level("decimal", f"%{level + 1}."))
        if fmt is not None:
            levels = {**levels, level: Level(fmt, here.text)}
            here = levels[level]
        return _render(here, levels, counters)


    def _level(self, p: etree._Element | None) -> int:
        """A LISTNUM's level without \\l (MS-OI29500 2.1.484): one below the paragraph's last
        LISTNUM, else the paragraph's own list level, else the series' current level, else 1."""
        if p is not None and self.last_p[0] is p:
            return min(self.last_p[1] + 1, 8)
        ilvl = child_val(first_child(first_child(p, _PPR), _NUM_PR), _ILVL) if p is not None else None
        if (n := _number(ilvl)) is not None:
            return min(n, 8)
        return self.current[1] if self.current else 0


def _format(arg: str) -> str | None:
    """The list format a \\* switch's argument names; None for one that names no number form."""
    form = _FORMATS.get(arg.lower())
    if form in ("upperRoman", "upperLetter") and arg[0].islower():
        return "lowerRoman" if form == "upperRoman" else "lowerLetter"
    return form


def _number(text: str | None) -> int | None:
    """A switch's or attribute's whole number, ASCII digits only (int() takes “٣” and fails on
    “²”, which str.isdigit passes), at most 6 of them."""
    return int(text) if text is not None and _DIGITS.fullmatch(text) else None


def _start(text: str) -> int | None:
    """A \\s start: Word's 32,767 at most, as numbering.xml's starts are (numbering._int), for
    any run of digits however long; None for anything else."""
    if not _ALL_DIGITS.fullmatch(text):
        return None
    text = text.lstrip("0") or "0"
    return _MAX_START if len(text) > 5 else min(int(text), _MAX_START)


def _outline_level(p: etree._Element | None) -> int:
    p_pr = first_child(p, _PPR) if p is not None else None
    outline = child_val(p_pr, _OUTLINE)
    if (n := _number(outline)) is not None:
        return min(n, 8)
    m = _HEADING_STYLE.match(child_val(p_pr, _P_STYLE) or "")
    return int(m.group(1)) - 1 if m else 0


def _paragraph(el: etree._Element) -> etree._Element | None:
    return next((a for a in el.iterancestors(_P)), None)


def _run(text: str) -> etree._Element:
    run = etree.Element(_R)
    etree.SubElement(run, _T).text = text
    return run


def _left_out_elements(body: etree._Element) -> set[etree._Element]:
    """Every element inside a tracked deletion, a move's source or a markup fallback, found in
    one pass: asked of each text run, a walk up to <w:body> cost nesting depth × runs."""
    out: set[etree._Element] = set()
    for lo in body.iter(*_LEFT_OUT):
        if lo not in out:  # one inside another was taken with the outer
            out.update(lo.iter())
    return out


def number_list_fields(body: etree._Element, numbering: etree._Element | None) -> None:
    """Give every list-number field of ``body`` that shows nothing the number Word shows."""
    if not any(k in (t.text or "").upper() for t in body.iter(_INSTR) for k in _KINDS) and not any(
            k in (s.get(f"{{{W}}}instr") or "").upper() for s in body.iter(_SIMPLE) for k in _KINDS):
        return
    counter = _Counter(numbering)
    stack: list[tuple[etree._Element, list[str], list[etree._Element]]] = []  # begin, code, result
    left_out = _left_out_elements(body)
    for el in body.iter(_FLD_CHAR, _INSTR, _SIMPLE, *_SHOWN):
        if el in left_out:
            continue
        if el.tag == _SIMPLE:
            if stack:
                continue  # inside another field: Word ignores it
            text = counter.shown(el.get(f"{{{W}}}instr") or "", _paragraph(el))
            if text is not None and not "".join(t.text or "" for t in el.iter(_T)).strip():
                el.append(_run(text))
        elif el.tag == _FLD_CHAR:
            kind = el.get(_TYPE)
            if kind == "begin":
                stack.append((el, [], []))
            elif kind == "separate" and stack:
                stack[-1][2].append(el)  # the result follows
            elif kind == "end" and stack:
                begin, code, result = stack.pop()
                if stack:
                    continue  # inside another field: Word ignores it
                shown = [x for x in result[1:] if (x.text or "").strip() or x.tag != _T]
                text = counter.shown("".join(code), _paragraph(begin))
                run = el.getparent()
                if text is not None and not shown and run is not None and run.tag == _R:
                    run.addnext(_run(text))
        elif stack:
            begin, code, result = stack[-1]
            if el.tag == _INSTR and not result:
                code.append(el.text or "")
            elif result:
                result.append(el)
