"""A page's drawing read by a tokenizer of our own, pdfminer's taking over at anything unusual.

pdfminer reads a content stream a byte state at a time in Python (``PSBaseParser``), then
hands each object through three more layers (``nextobject``, the interpreter's argument stack,
a method looked up by name for every operator): some 10 µs a token.  Qt's PDF writer, which
our own export uses, draws every glyph on its own (``x y Td <0067> Tj``: five tokens a
character), so a page of our export took some 60 ms and a 54-page export hit the reading's
deadline (``PDF_TIME_LIMIT_S``).

``execute`` takes the place of ``PDFPageInterpreter.execute``: each of the page's streams (a
form's too) is split by one regular expression into the tokens pdfminer would make — numbers,
names, hexadecimal and simple literal strings, keywords, arrays and dictionaries — and each
operator runs the interpreter's own method with the same arguments, in the same order.  A
token the expression does not take as pdfminer would (an inline picture, a procedure, a
``#`` in a name, a nested or oddly escaped string, a number pdfminer drops, one longer than a
report has…) hands the rest of the page to pdfminer's parser, from the start of the outermost
array or dictionary open there: nothing of it has run, so the page reads exactly as pdfminer
reads it.  Tokens are counted as ``bounds`` counts them (the same page limit, the deadline
looked at every 1,024), a token pdfminer's parser then reads again counted once.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from app.pdfread import bounds

log = logging.getLogger("pdfminer.pdfinterp")  # pdfminer's own warnings, where it gives them
_MORE = rb"[^#/%\[\]()<>{}\s]"  # a byte that does not end a name or keyword (END_LITERAL)
_GOES_ON = rb"[^/%\[\]()<>{}\s]"  # ... nor a # (a name's escape, pdfminer's own to read)
_TOKEN = re.compile(
    # white space, NULs and comments: no token (a comment longer than any a page has is
    # pdfminer's to read: it gathers one as a token, and bounds.py calls a huge one damage)
    rb"(?:[\x00\s]++|%[^\r\n]{0,4096}+(?![^\r\n]))*+"
    rb"(?:([-+]?+(?:\d{1,32}+\.\d{0,32}+|\.\d{1,32}+))(?!\d)"  # 1 a real
    rb"|([-+]?+\d{1,32}+)(?![\d.])"  # 2 an integer
    rb"|/(" + _MORE + rb"{0,127}+)(?!" + _GOES_ON + rb")"  # 3 a name
    rb"|([A-Za-z]" + _MORE + rb"{0,63}+)(?!" + _GOES_ON + rb")"  # 4 a keyword (true, false)
    rb"|<([0-9A-Fa-f\s]{0,16384}+)>(?!>)"  # 5 a hexadecimal string
    rb"|\(((?:[^()\\]|\\(?:[nrtbf()\\]|[0-7]{1,3}+)){0,16384}+)\)"  # 6 a literal string, not nested
    rb"|(\[|\]|<<|>>|'|\")"  # 7 arrays, dictionaries, the quote operators
    rb"|(\Z)"  # 8 the stream's end
    rb"|[\s\S])"  # anything else: pdfminer's parser reads it
)
_ESCAPE = re.compile(rb"\\([nrtbf()\\]|[0-7]{1,3})")
_ESCAPED = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"(": b"(", b")": b")", b"\\": b"\\"}
_SPACE = re.compile(rb"\s")
_HANDED = (b"BI", b"ID", b"EI")  # an inline picture: pdfminer's parser reads its data
_CHECK_EVERY = bounds.CHECK_EVERY
_methods: dict[type, dict[bytes, tuple[Any, int] | None]] = {}
pdfminer_execute: Any = None  # pdfminer's own, once installed (tests read with it to compare)
_installed = False


class _Unusual(Exception):
    """A token this reader does not make as pdfminer would."""


def install() -> None:
    """Once per process, after ``bounds.install`` (whose parser pdfminer's hand-over uses)."""
    global _installed, pdfminer_execute
    if _installed:
        return
    import pdfminer.pdfinterp as pdfinterp

    pdfminer_execute = pdfinterp.PDFPageInterpreter.execute
    pdfinterp.PDFPageInterpreter.execute = execute  # type: ignore[method-assign]
    _installed = True


def execute(self: Any, streams: Any) -> None:
    """``PDFPageInterpreter.execute`` (pdfminer 20260107): the streams not already being drawn
    (a form that draws itself is refused, as there), then their operators run."""
    from pdfminer.pdftypes import stream_value

    valid = []
    self.stream_ids.clear()
    for obj in streams:
        stream = stream_value(obj)
        if stream.objid is None:
            log.warning("Execute called on non-indirect object (inline image?) %r", stream)
            continue
        if stream.objid in self.parent_stream_ids:
            log.warning("Refusing to execute circular reference to content stream %d", stream.objid)
        else:
            valid.append(stream)
            self.stream_ids.add(stream.objid)
    if valid:
        _run(self, valid)


def _run(self: Any, streams: list[Any]) -> None:
    from pdfminer.psparser import KWD, LIT, literal_name
    from pdfminer.utils import choplist

    ops = _methods.get(type(self))
    if ops is None:
        ops = _methods[type(self)] = {}
    counted = bounds.current_page()
    checking = counted is not None
    tally = counted if counted is not None else [0]  # outside a page nothing is counted (bounds)
    names: dict[bytes, Any] = {}
    words: dict[bytes, Any] = {}
    last = len(streams) - 1
    open_: list[tuple[bytes, list[Any]]] = []  # arrays and dictionaries open, outermost first
    opened = (0, 0, 0)  # the outermost's “[” or “<<”: (stream, offset, tokens counted before it)
    for index, stream in enumerate(streams):
        data = stream.get_data()
        if not isinstance(data, bytes):
            return _hand_over(self, streams, opened if open_ else (index, 0, tally[0]), tally)
        for m in _TOKEN.finditer(data):
            kind = m.lastindex
            if kind is None:  # a byte no token of ours begins with: not counted yet
                return _hand_over(self, streams, opened if open_ else (index, m.end() - 1, tally[0]), tally)
            if kind == 8:
                break
            tally[0] += 1
            if checking and not tally[0] % _CHECK_EVERY:
                bounds.check_page(tally[0])
            if kind == 4:
                word = m.group(4)
                obj = words.get(word)
                if obj is None:
                    if word in _HANDED:  # (in an array or not: pdfminer's reading of what follows)
                        return _hand_over(self, streams, opened if open_ else (index, m.start(4), tally[0] - 1), tally)
                    obj = words[word] = True if word == b"true" else False if word == b"false" else KWD(word)
                if obj is not True and obj is not False and not open_:
                    _operate(self, ops, word, obj)
                    continue
            elif kind == 2:
                obj = int(m.group(2))
            elif kind == 1:
                obj = float(m.group(1))
            elif kind == 5:
                if index < last and m.end() == len(data):
                    # its “>” at a stream's end: pdfminer reads a “>” beginning the next as “>>”
                    return _hand_over(self, streams, opened if open_ else (index, m.start(5) - 1, tally[0] - 1), tally)
                obj = _hex(m.group(5))
            elif kind == 3:
                raw = m.group(3)
                if not raw and index < last and m.end() == len(data):
                    # “/” at a stream's end: the name goes on in the next stream (pdfminer's to read)
                    return _hand_over(self, streams, opened if open_ else (index, m.start(3) - 1, tally[0] - 1), tally)
                obj = names.get(raw)
                if obj is None:
                    try:
                        name: str | bytes = str(raw, "utf-8")
                    except UnicodeDecodeError:
                        name = raw
                    obj = names[raw] = LIT(name)
            elif kind == 6:
                try:
                    obj = _literal(m.group(6))
                except _Unusual:
                    return _hand_over(self, streams, opened if open_ else (index, m.start(6) - 1, tally[0] - 1), tally)
            else:  # 7
                mark = m.group(7)
                if mark == b"[" or mark == b"<<":
                    if not open_:
                        opened = (index, m.start(7), tally[0] - 1)
                    open_.append((mark, []))
                    continue
                if mark == b"]" or mark == b">>":
                    if not open_ or open_[-1][0] != (b"[" if mark == b"]" else b"<<"):
                        # a stray end, or the wrong one: pdfminer's parser keeps or drops it
                        return _hand_over(self, streams, opened if open_ else (index, m.start(7), tally[0] - 1), tally)
                    items = open_.pop()[1]
                    if mark == b"]":
                        obj = items
                    elif len(items) % 2:
                        return _hand_over(self, streams, opened, tally)  # pdfminer's error to raise
                    else:
                        obj = {literal_name(k): v for (k, v) in choplist(2, items) if v is not None}
                else:  # ' or "
                    obj = words.get(mark)
                    if obj is None:
                        obj = words[mark] = KWD(mark)
                    if not open_:
                        _operate(self, ops, mark, obj)
                        continue
            if open_:
                open_[-1][1].append(obj)
            else:
                self.argstack.append(obj)
    tally[0] += 1  # pdfminer's parser counts the call that finds the end, too
    if checking and not tally[0] % _CHECK_EVERY:
        bounds.check_page(tally[0])
    return None


def _operate(self: Any, ops: dict[bytes, tuple[Any, int] | None], word: bytes, keyword: Any) -> None:
    """What pdfminer's ``execute`` does with an operator: its ``do_`` method, given as many
    operands as it takes from the stack (none run when there are fewer)."""
    try:
        found = ops[word]
    except KeyError:
        found = ops[word] = _method(type(self), keyword)
    if found is None:
        from pdfminer import settings

        if settings.STRICT:
            from pdfminer.pdfinterp import PDFInterpreterError

            raise PDFInterpreterError(f"Unknown operator: {word.decode('utf-8', 'ignore')!r}")
        return
    func, nargs = found
    if nargs:
        stack = self.argstack
        args = stack[-nargs:]
        self.argstack = stack[:-nargs]
        if len(args) == nargs:
            func(self, *args)
    else:
        func(self)


def _method(cls: type, keyword: Any) -> tuple[Any, int] | None:
    from pdfminer.psparser import keyword_name

    name = keyword_name(keyword)
    method = "do_{}".format(name.replace("*", "_a").replace('"', "_w").replace("'", "_q"))
    func = getattr(cls, method, None)
    if func is None:
        return None
    return func, func.__code__.co_argcount - 1


def _hex(digits: bytes) -> bytes:
    """A hexadecimal string as pdfminer reads it: white space left out, an odd last digit its
    own byte (``<123>`` is 12 03)."""
    if _SPACE.search(digits):
        digits = _SPACE.sub(b"", digits)
    if len(digits) % 2:
        return bytes.fromhex(digits[:-1].decode()) + bytes((int(digits[-1:], 16),))
    return bytes.fromhex(digits.decode())


def _literal(raw: bytes) -> bytes:
    """A literal string's bytes, its escapes (``\\n``, ``\\(``, ``\\053``…) as pdfminer reads them;
    an octal escape past 255 is pdfminer's to refuse."""
    if b"\\" not in raw:
        return raw

    def one(m: re.Match[bytes]) -> bytes:
        code = m.group(1)
        if code in _ESCAPED:
            return _ESCAPED[code]
        value = int(code, 8)
        if value > 255:
            raise _Unusual
        return bytes((value,))

    return _ESCAPE.sub(one, raw)


def _hand_over(self: Any, streams: list[Any], safe: tuple[int, int, int], tally: list[int]) -> None:
    """The rest of the page read by pdfminer's own parser and loop, from ``safe``: a token
    boundary with no array or dictionary open, the tokens counted set back to those before it."""
    import pdfminer.pdfinterp as pdfinterp
    from pdfminer.psparser import PSEOF, PSKeyword

    index, offset, before = safe
    tally[0] = before
    try:
        parser = pdfinterp.PDFContentParser(streams[index:])  # bounds' counting parser
    except PSEOF:
        return
    parser.seek(offset)
    ops = _methods[type(self)]
    while True:
        try:
            (_, obj) = parser.nextobject()
        except PSEOF:
            break
        if isinstance(obj, PSKeyword):
            _operate(self, ops, obj.name, obj)
        else:
            self.argstack.append(obj)
