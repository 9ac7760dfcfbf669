"""Word formula fields whose stored result is not what their formula gives (hostile15).

A formula field ({ =100+21 }, or a w:fldSimple with w:instr="=100+21") shows the result stored
in the file until it is updated (F9, printing with 打印前更新域, or opening a file that marks it
w:dirty, when Word asks whether to update).  A file written by another program, or edited by
hand, can store 21 for =100+21: Word shows 21, LibreOffice shows 121 (it recomputes on opening),
and whoever updates the fields gets 121.  The reader reads what Word shows (the stored result:
app/docx/fields.py) and says where the two differ, with both figures, for formulas of numbers
only (+ − × ÷ and brackets); a formula naming cells, bookmarks or functions (=SUM(ABOVE)) is
not computed here.
"""

from __future__ import annotations

import ast
import itertools
import operator
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from lxml import etree

from app.docx.xmlkids import W

_FLD_CHAR, _INSTR, _T, _SIMPLE = (f"{{{W}}}{t}" for t in ("fldChar", "instrText", "t", "fldSimple"))
_TYPE, _DIRTY, _INSTR_ATTR = f"{{{W}}}fldCharType", f"{{{W}}}dirty", f"{{{W}}}instr"
_BM_START, _BM_END, _ID, _NAME = (f"{{{W}}}{t}" for t in ("bookmarkStart", "bookmarkEnd", "id", "name"))
MAX_REF_TEXT = 1000  # characters of a bookmark's text a REF is judged on: a report's refers to a figure


class _TooLong:
    """_Bookmarks.text of a bookmark longer than MAX_REF_TEXT: no str, so no text a document holds
    can be taken for it (its REF is not judged)."""

    def __repr__(self) -> str:
        return "TOO_LONG"


TOO_LONG = _TooLong()
# A formula of numbers: digits, a point, the four operations, brackets, spaces (Word's × ÷ not
# among them: it writes * and /).  Anything else (a cell, a bookmark, a function) is not computed.
_ARITHMETIC = re.compile(r"[0-9.+\-*/() ]+")
_SWITCHES = re.compile(r"\\[#*@!]\s*(?:\"[^\"]*\"|\S+)?")  # \# "0", \* MERGEFORMAT: how the result is shown
_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
MAX_FORMULA = 200  # characters of a formula computed: a report's is a sum of a few figures
MAX_FIELDS = 2000  # formula fields looked at in one file


@dataclass(frozen=True)
class Stale:
    """A field whose stored result differs from what updating it would show."""

    formula: str  # the field's code as written (“=100+21”, “REF 合计”, “IF 1 > 2 "甲" "乙"”)
    updated: str  # what it shows once updated: the computed figure, the bookmark's text, the branch taken
    stored: str
    dirty: bool  # marked to be updated (Word asks on opening)
    begin: etree._Element  # the field's first mark: where it is in the body


class _Open:
    """A complex field being read: its instruction's text, then its result's."""

    __slots__ = ("begin", "code", "nested", "result", "separated")

    def __init__(self, begin: etree._Element) -> None:
        self.begin = begin
        self.code: list[str] = []
        self.result: list[str] = []
        self.separated = False
        self.nested = False  # a field in its code (app/docx/fields.py took their text out): not judged


def el_dirty(el: etree._Element) -> bool:
    return el.get(_DIRTY) in ("true", "1", "on")


def stale_formulas(body: etree._Element) -> list[Stale]:
    """The formula fields of ``body`` whose stored result differs from their formula's value,
    in document order.  Run before the field codes are taken out (app/docx/fields.py)."""
    if next(body.iter(_FLD_CHAR, _SIMPLE), None) is None:
        return []
    found: list[Stale] = []
    stack: list[_Open] = []
    seen = 0
    marks = _Bookmarks(body)
    for el in body.iter(_FLD_CHAR, _INSTR, _T, _SIMPLE):
        if seen > MAX_FIELDS:
            break
        if el.tag == _SIMPLE:
            seen += 1
            if stack and not stack[-1].separated:
                stack[-1].nested = True  # in another's code: part of that code, shown nowhere
                continue
            # What it shows, read only so far: nested simple fields (240 deep over 250,000 runs)
            # had each joined all the text under it.  A result longer than a referred text may
            # be is no figure and no bookmark's text: not judged.
            pieces = [t.text or "" for t in itertools.islice(el.iter(_T), MAX_REF_TEXT + 1)]
            result = "".join(pieces)
            if len(pieces) > MAX_REF_TEXT or len(result) > MAX_REF_TEXT:
                continue
            _judge(el.get(_INSTR_ATTR) or "", result, el_dirty(el), el, found, marks)
        elif el.tag == _FLD_CHAR:
            kind = el.get(_TYPE)
            if kind == "begin":
                stack.append(_Open(el))
            elif kind == "separate" and stack:
                stack[-1].separated = True
            elif kind == "end" and stack:
                field = stack.pop()
                seen += 1
                if stack and not stack[-1].separated:
                    stack[-1].nested = True  # as a simple field in a code: not shown, not judged
                elif not field.nested:  # a field of fields (IF … { REF x }): their results are gone by now
                    _judge("".join(field.code), "".join(field.result), el_dirty(field.begin), field.begin, found, marks)
        elif stack:  # the innermost field's: a nested field's result is part of its code
            top = stack[-1]
            if el.tag == _INSTR and not top.separated:
                top.code.append(el.text or "")
            elif el.tag == _T and top.separated:
                top.result.append(el.text or "")
    return found


def _judge(code: str, result: str, dirty: bool, begin: etree._Element, found: list[Stale], marks: _Bookmarks) -> None:
    formula = _SWITCHES.sub("", code).strip()
    if len(formula) > MAX_FORMULA:
        return
    if not formula.startswith("="):
        updated = _reference(code, marks) if formula[:4].upper() == "REF " else \
            _condition(formula[3:]) if formula[:3].upper() == "IF " else None
        if updated == MISSING_BOOKMARK and FIELD_ERROR.search(result):
            return  # stored after updating: Word's error text (in Chinese or English), shown again so
        if updated is not None and " ".join(updated.split()) != " ".join(result.split()):
            found.append(Stale(" ".join(code.split()), updated, result.strip(), dirty, begin))
        return
    computed = _compute(formula[1:])
    if computed is None:
        return
    stored = _number(result)
    if stored is not None and _same(stored, computed):
        return  # the same, rounded as stored (=1/3 stored as 0.33: a format switch's rounding)
    found.append(Stale(formula, shown(computed), result.strip(), dirty, begin))


class _Bookmarks:
    """The text of each bookmark in the body (what a REF field shows once updated), gathered
    on the first REF: the text between a w:bookmarkStart and the w:bookmarkEnd of its id.  As
    Word and LibreOffice: a bookmark never closed (no w:bookmarkEnd) is no bookmark, and of two
    of one name the first is.  The body's text is kept once, each bookmark as where its text
    starts and ends in it: 64 bookmarks over the whole document are not 64 copies of it."""

    def __init__(self, body: etree._Element) -> None:
        self.body = body
        self._texts: list[str] = []
        self._ends: list[int] = [0]  # the body's length in characters after each of _texts
        self._spans: dict[str, tuple[int, int]] | None = None  # name → its first and past-last text

    def text(self, name: str) -> str | _TooLong | None:
        """The bookmark's text; None when there is no such bookmark; TOO_LONG when its text is
        longer than MAX_REF_TEXT (a REF to half the document shows no figure: not judged)."""
        if self._spans is None:
            self._spans = self._gather()
        span = self._spans.get(name)
        if span is None:
            return None
        first, last = span
        if self._ends[last] - self._ends[first] > MAX_REF_TEXT:
            return TOO_LONG
        return "".join(self._texts[first:last])

    def _gather(self) -> dict[str, tuple[int, int]]:
        spans: dict[str, tuple[int, int]] = {}
        opened: dict[str, tuple[str, int]] = {}  # open bookmarks: id → name, where its text starts
        started: set[str] = set()  # names of bookmarks begun: a later one of a name is none
        texts, ends = self._texts, self._ends
        # Only bookmarks closed somewhere are followed, however many are open at once: a cap on
        # those open (64) let as many never closed leave every later bookmark ungathered, its
        # REF said to name none the file has.
        closed = {el.get(_ID, "") for el in self.body.iter(_BM_END)}
        for el in self.body.iter(_BM_START, _BM_END, _T):
            if el.tag == _BM_START:
                key = el.get(_ID, "")
                if key in closed and key not in opened and (name := el.get(_NAME, "")) not in started:
                    started.add(name)
                    opened[key] = (name, len(texts))
            elif el.tag == _BM_END:
                done = opened.pop(el.get(_ID, ""), None)
                if done is not None:
                    spans[done[0]] = (done[1], len(texts))
            else:
                texts.append(el.text or "")
                ends.append(ends[-1] + len(texts[-1]))
        return spans


# A REF's switches that leave the bookmark's text as it is: a link to it, the result's own look
_PLAIN_REF = re.compile(r"\\h(?![^\s\\])|\\\*\s*(?:MERGEFORMAT|CHARFORMAT)(?![^\s\\])", re.I)
# What Word shows for a REF to a bookmark the document does not have, once updated (the
# Chinese Word's text; the English “Error! Reference source not found.”).
MISSING_BOOKMARK = "错误!未找到引用源。"
# The texts Word writes for a REF it cannot resolve, as stored in a file saved after updating:
# Chinese Word's (half- or full-width “!”) and English Word's.  Read as they are, as Word shows
# them (in a table cell: not a figure, VALUE-INVALID says so).
FIELD_ERROR = re.compile(r"错误\s*[!！]\s*(?:未找到引用源|未定义书签|引用源未找到)|Error!\s*(?:Reference source not found|Bookmark not defined)",
                         re.I)


def _reference(code: str, marks: _Bookmarks) -> str | None:
    """What { REF name } shows once updated: the bookmark's text, or Word's error text when the
    document has no such bookmark; None when the code is more than a name and switches that
    show that text as it is — \\# "#,##0" writes 1234 as 1,234, \\* Upper in capitals, \\n \\r
    \\w the paragraph's number, \\p “above”: each stored as Word shows it."""
    words = _PLAIN_REF.sub(" ", code).split()
    if len(words) != 2:
        return None
    text = marks.text(words[1])
    return MISSING_BOOKMARK if text is None else None if isinstance(text, _TooLong) else text


_IF_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_COMPARE = {"=": operator.eq, "<>": operator.ne, "<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge}


def _condition(code: str) -> str | None:
    """What { IF a op b "then" "else" } shows once updated (a nested field's result is already
    in the code).  Numbers are compared as numbers; text with = or <> as Word compares it: case
    and all, the right side's ? standing for one character and * for any run (Word's help for
    IF).  No else branch shows nothing when the condition fails.  None when not that form (text
    ordered by < or >, which Word orders by rules not followed here)."""
    tokens = [(q, w) for q, w in _IF_TOKEN.findall(code)]
    if len(tokens) not in (4, 5) or tokens[1][1] not in _COMPARE:
        return None
    op = tokens[1][1]
    left_text, right_text = (tokens[0][0] or tokens[0][1]), (tokens[2][0] or tokens[2][1])
    then, other = _branches(tokens[3:])
    left, right = _number(left_text), _number(right_text)
    if left is not None and right is not None:
        return then if _COMPARE[op](left, right) else other
    if op not in ("=", "<>"):
        return None
    return then if _wildcard(left_text, right_text) == (op == "=") else other


def _wildcard(text: str, pattern: str) -> bool:
    """``text`` matches ``pattern`` whole, ? any one character, * any run (row by row: a regular
    expression of many * backtracks for ever on a text it misses)."""
    row = [True] + [False] * len(text)  # the pattern so far matches text[:j]
    for c in pattern:
        if c == "*":
            for j in range(1, len(row)):
                row[j] = row[j] or row[j - 1]
        else:
            row = [False] + [row[j] and (c == "?" or c == text[j]) for j in range(len(text))]
    return row[-1]


def _branches(tokens: list[tuple[str, str]]) -> tuple[str, str]:
    """The IF's two branches' text (a missing else: nothing)."""
    texts = [q or w for q, w in tokens] + [""]
    return texts[0], texts[1]


def _same(stored: Decimal, computed: Decimal) -> bool:
    """``computed`` rounded as ``stored`` is written (to its decimals) is ``stored``."""
    try:
        return stored == round(computed, max(-stored.as_tuple().exponent, 0))  # type: ignore[operator]
    except InvalidOperation:  # more digits than decimal's context rounds to: compared as they are
        # (a product of two 20-digit figures; 40 decimals stored) — raised, it refused the file
        return stored == computed


def _compute(expression: str) -> Decimal | None:
    if not _ARITHMETIC.fullmatch(expression) or not expression.strip():
        return None
    try:
        tree = ast.parse(expression.strip(), mode="eval")
        return _value(tree.body)
    except (SyntaxError, ValueError, ZeroDivisionError, InvalidOperation, RecursionError, MemoryError):
        return None


def _value(node: ast.expr) -> Decimal:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return Decimal(str(node.value))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        v = _value(node.operand)
        return -v if isinstance(node.op, ast.USub) else v
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_value(node.left), _value(node.right))  # type: ignore[no-any-return]
    raise ValueError("not a formula of numbers")


def _number(text: str) -> Decimal | None:
    cleaned = text.strip().replace(",", "").replace("，", "")
    try:
        return Decimal(cleaned) if re.fullmatch(r"-?[0-9]+(?:\.[0-9]+)?", cleaned) else None
    except InvalidOperation:
        return None


def shown(value: Decimal) -> str:
    """A computed value as Word writes it without a format switch: 121, 0.5, never 121.0."""
    try:
        rounded = round(value, 4)
    except InvalidOperation:  # past decimal's context: a whole number of 29 digits or more
        rounded = value
    cut = value != rounded
    text = format(rounded if cut else value, "f")
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return text + "…" if cut else text
