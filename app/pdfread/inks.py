"""Spot colours that paint nothing, or only the paper's white, told apart from other inks.

A Separation colour space names its ink (colorant) and says how a viewer without that ink
shows it: an alternate space and a tint transform (PDF 32000 8.6.6.4).  pdfminer keeps neither
— every Separation is "Separation", one component — so two tricks read as ink:

- the colorant /None: "never marks the page" (a viewer draws nothing, at any tint);
  DeviceN whose colorants are all /None likewise;
- a tint transform that gives white at every tint (an exponential function, type 2, whose C0
  and C1 are both white in the alternate space, or a PostScript calculator, type 4, white at
  every tenth of a tint): the glyphs are painted, in the paper's white.

Here each such space of a page's (or a form's) resources is renamed as it is read: NO_INK
(app/pdfread/text.py leaves its characters out wherever they stand) and PAPER (white: left out
on white, read on a dark box, as white text is).  Any other whose tint transform can be
evaluated — exponential (type 2) or calculator (type 4), into gray, RGB or CMYK — is renamed
TINTED + a number, and its characters are judged by the colour the transform gives at the
tint they are drawn in (``tint_white``), as pdfium draws them: an inverted transform (tint 0
black, 1 white) shows text at tint 0 and hides it at 1 (review31 M6).  Sampled (type 0) and
stitching (type 3) transforms are not evaluated: their ink is taken as ink, tint 0 as the paper.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from app.pdfread.bounds import TimeLimit, check_time

NO_INK = "SeparationNone"  # colour space names as pdfplumber hands them on (``ncs``, ``scs``)
PAPER = "SeparationWhite"
NAMES = (NO_INK, PAPER)
TINTED = "SeparationTinted"  # + a number: a space whose tint transform is evaluated (_TRANSFORMS)
_TRANSFORMS: dict[str, tuple[Callable[[list[float]], list[float] | None], str]] = {}  # name → (transform, alternate)
_NAMED: dict[object, str] = {}  # a transform's content → its name: one name for the same transform on every page
_MOST_TRANSFORMS = 512  # past this many in a process, a new one is judged as before (tint 0 the paper)
_JUDGED: dict[tuple[str, tuple[float, ...]], bool] = {}  # (name, tint) → white: a page has few tints
_WHITE_LEVEL = 0.97  # gray or RGB components at least this (CMYK at most 1 minus it): white
_installed = False


def install() -> None:
    """Once per process: pdfminer's interpreter, as it reads a resource dictionary's colour
    spaces, renames those above."""
    global _installed
    if _installed:
        return
    from pdfminer import pdfinterp
    from pdfminer.pdfcolor import PDFColorSpace

    base = pdfinterp.PDFPageInterpreter.init_resources

    def init_resources(self: Any, resources: Any) -> None:
        base(self, resources)
        for csid, (name, n) in _renamed(resources).items():
            self.csmap[csid] = PDFColorSpace(name, n)

    pdfinterp.PDFPageInterpreter.init_resources = init_resources  # type: ignore[method-assign]
    _installed = True


def _renamed(resources: Any) -> dict[str, tuple[str, int]]:
    """The colour spaces of ``resources`` that paint nothing or white: id → (name, components)."""
    from pdfminer.pdftypes import resolve1

    out: dict[str, tuple[str, int]] = {}
    resources = resolve1(resources)
    spaces = resolve1(resources.get("ColorSpace")) if isinstance(resources, dict) else None
    if not isinstance(spaces, dict):
        return out
    for csid, spec in spaces.items():
        try:
            found = _judge(resolve1(spec))
        except TimeLimit:  # the reading's deadline, met while judging: the reading stops there
            raise
        except Exception:  # a broken colour space: pdfminer's reading of it stands
            found = None
        if found is not None:
            out[csid] = found
    return out


def _name(obj: Any) -> str:
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    obj = resolve1(obj)
    name = obj.name if isinstance(obj, PSLiteral) else ""
    return name if isinstance(name, str) else name.decode("latin-1")


def _judge(spec: Any) -> tuple[str, int] | None:
    from pdfminer.pdftypes import resolve1

    if not isinstance(spec, list) or len(spec) < 4:
        return None
    kind = _name(spec[0])
    if kind == "Separation":
        if _name(spec[1]) == "None":
            return NO_INK, 1
        if _all_white(resolve1(spec[3]), resolve1(spec[2])):
            return PAPER, 1
        return _tinted(resolve1(spec[3]), resolve1(spec[2]), 1)
    if kind == "DeviceN":
        names = resolve1(spec[1])
        if isinstance(names, list) and names and all(_name(n) == "None" for n in names):
            return NO_INK, len(names)
        if isinstance(names, list) and names:
            return _tinted(resolve1(spec[3]), resolve1(spec[2]), len(names))
    return None


def _alternate(alternate: Any) -> str:
    """The alternate space as one whose white can be told: DeviceGray, DeviceRGB, DeviceCMYK
    (Cal spaces and an ICC profile by its number of components); "" for another."""
    from pdfminer.pdftypes import resolve1

    space = _name(alternate) or (_name(alternate[0]) if isinstance(alternate, list) and alternate else "")
    if space == "ICCBased" and isinstance(alternate, list) and len(alternate) > 1:
        profile = resolve1(alternate[1])
        n = resolve1(getattr(profile, "attrs", {}).get("N")) if profile is not None else None
        return {1: "DeviceGray", 3: "DeviceRGB", 4: "DeviceCMYK"}.get(n if isinstance(n, int) else 0, "")
    return {"CalGray": "DeviceGray", "CalRGB": "DeviceRGB"}.get(space, space) \
        if space in ("DeviceGray", "DeviceRGB", "DeviceCMYK", "CalGray", "CalRGB") else ""


def _tinted(function: Any, alternate: Any, inputs: int) -> tuple[str, int] | None:
    """A space whose transform is evaluated at the tint drawn: its name, registered; None for a
    transform not evaluated (type 0, 3, broken) or an alternate whose white cannot be told."""
    from pdfminer.pdftypes import resolve1

    space = _alternate(alternate)
    attrs = getattr(function, "attrs", function)
    if not space or not isinstance(attrs, dict):
        return None
    kind = resolve1(attrs.get("FunctionType"))
    transform: Callable[[list[float]], list[float] | None]
    if kind == 2 and inputs == 1:
        c0, c1, n = (resolve1(attrs.get(k, d)) for k, d in (("C0", [0.0]), ("C1", [1.0]), ("N", 1)))
        if not (isinstance(c0, list) and isinstance(c1, list) and len(c0) == len(c1) and isinstance(n, (int, float))):
            return None
        ends = [resolve1(v) for v in c0], [resolve1(v) for v in c1]
        if not all(isinstance(v, (int, float)) for end in ends for v in end):
            return None
        key: object = (space, 2, tuple(ends[0]), tuple(ends[1]), float(n))

        def transform(tints: list[float], a: list[float] = ends[0], b: list[float] = ends[1], e: float = float(n)) -> list[float]:
            t = min(max(tints[0], 0.0), 1.0) ** e
            return [x + t * (y - x) for x, y in zip(a, b, strict=True)]
    elif kind == 4 and hasattr(function, "get_data"):
        text = function.get_data()[:_PROGRAM_BYTES].decode("latin-1")
        program = _program(text)
        if program is None:
            return None
        clip = _range(attrs)
        key = (space, 4, inputs, text, tuple(clip or ()))

        def transform(tints: list[float], p: Program = program, c: list[tuple[float, float]] | None = clip) -> list[float] | None:
            return calculate(p, [min(max(t, 0.0), 1.0) for t in tints], c)
    else:
        return None
    name = _NAMED.get(key)
    if name is None:
        if len(_NAMED) >= _MOST_TRANSFORMS:
            return None
        name = _NAMED[key] = f"{TINTED}{len(_NAMED)}"
        _TRANSFORMS[name] = (transform, space)
    return name, inputs


def tint_white(space: object, color: object) -> bool | None:
    """Whether a character drawn in ``color`` (its tints) in the evaluated space ``space`` is
    the paper's white: what the transform gives there is white; None for another space."""
    found = _TRANSFORMS.get(space) if isinstance(space, str) else None
    if found is None or not isinstance(space, str):
        return None
    tints = tuple(float(v) for v in (color if isinstance(color, (tuple, list)) else (color,))
                  if isinstance(v, (int, float)))
    judged = _JUDGED.get((space, tints))
    if judged is None:
        out = found[0](list(tints)) if tints else None
        judged = out is not None and _white(found[1], out)
        if len(_JUDGED) > 4096:
            _JUDGED.clear()
        _JUDGED[(space, tints)] = judged
    return judged


def _all_white(function: Any, alternate: Any) -> bool:
    """Whether a tint transform gives white at every tint.  Exponential (type 2): C0 and C1
    both white (what lies between two whites is white).  PostScript calculator (type 4): white
    at each of _TINTS (a program white there and ink between is not a spot colour anyone makes)."""
    from pdfminer.pdftypes import resolve1

    attrs = getattr(function, "attrs", function)  # a function is a dictionary or a stream
    if not isinstance(attrs, dict):
        return False
    space = _name(alternate) or (_name(alternate[0]) if isinstance(alternate, list) and alternate else "")
    kind = resolve1(attrs.get("FunctionType"))
    if kind == 2:
        ends = [resolve1(attrs.get("C0", [0])), resolve1(attrs.get("C1", [1]))]
        return all(isinstance(end, list) and _white(space, [resolve1(v) for v in end]) for end in ends)
    if kind == 4 and hasattr(function, "get_data"):
        text = function.get_data()[:_PROGRAM_BYTES].decode("latin-1")
        clip = _range(attrs)
        key = (space, text, tuple(clip or ()))
        known = _ALL_WHITE.get(key)  # the same space is in every page's resources
        if known is None:
            program = _program(text)
            outputs = [calculate(program, [t], clip) for t in _TINTS] if program is not None else [None]
            known = all(out is not None and _white(space, out) for out in outputs)
            if len(_ALL_WHITE) >= _WHITE_KEPT:
                _ALL_WHITE.clear()
            _ALL_WHITE[key] = known
        return known
    return False


# -- a PostScript calculator function (PDF 32000 7.10.5), bounded -------------------------------------
#
# An evaluation costs at most _STEPS units, whatever the program: integers are 32-bit, as in
# PostScript (``1 10000000000 bitshift`` once built a 10^10-bit Python integer, 1.3 GB and 5 s per
# evaluation, review14 H2) and every other number a float (whose operations cost the same
# whatever its size), ``copy`` and ``roll`` cost what they move, and the reading's deadline is
# looked at before each evaluation.  A program that fails any of these is not evaluated: its
# colour is taken as ink, as a transform never evaluated is (the text read).

_TINTS = tuple(i / 10 for i in range(11))
_PROGRAM_BYTES = 16_384  # a tint transform is a few dozen operators
_STEPS = 10_000  # cost of one evaluation at most: one per operator, one per operand moved
_DEPTH = 100  # operand stack
_NESTING = 100  # procedures inside procedures ({ { … } })
_INT_MIN, _INT_SPAN = -(2**31), 2**32  # PostScript integers: 32-bit, two's complement
_WHITE_KEPT = 4096  # _all_white's verdicts kept (a page's resources are read on every page)
_ALL_WHITE: dict[tuple[str, str, tuple[tuple[float, float], ...]], bool] = {}
Program = list[Any]  # numbers, bools, operator names and nested programs ({…})


def _program(text: str) -> Program | None:
    """``{ … }`` parsed into nested lists; None when it is not one (or nests past _NESTING,
    or writes a number no float holds)."""
    import re

    tokens = re.findall(r"[{}]|[^\s{}]+", text)
    stack: list[Program] = [[]]
    for tok in tokens:
        if tok == "{":
            if len(stack) > _NESTING:
                return None
            stack.append([])
        elif tok == "}":
            if len(stack) < 2:
                return None
            done = stack.pop()
            stack[-1].append(done)
        else:
            try:
                item = float(tok) if any(c.isdigit() for c in tok) and tok[0] in "+-.0123456789" else tok
            except ValueError:
                return None
            if isinstance(item, float) and not math.isfinite(item):  # 1e999
                return None
            stack[-1].append(item)
    if len(stack) != 1 or len(stack[0]) != 1 or not isinstance(stack[0][0], list):
        return None
    return stack[0][0]


def _int(a: Any) -> int:
    """``a`` as a PostScript integer; ValueError for what is none (a real past 32 bits, a bool)."""
    if isinstance(a, bool) or not isinstance(a, (int, float)) or not _INT_MIN <= a < _INT_MIN + _INT_SPAN:
        raise ValueError("not a 32-bit integer")
    return int(a)


def _signed(u: int) -> int:
    """The 32-bit two's-complement value of ``u``'s low 32 bits."""
    u %= _INT_SPAN
    return u - _INT_SPAN if u >= _INT_SPAN // 2 else u


def _bitshift(a: Any, b: Any) -> float:
    """The 32-bit integer ``a`` shifted left by ``b`` bits (bits shifted out lost), or right
    when ``b`` is negative, keeping the sign as pdfium does (PostScript leaves a negative
    ``a`` undefined there)."""
    value, shift = _int(a), _int(b)
    if shift >= 0:
        return float(_signed(value << shift)) if shift < 32 else 0.0
    return float(value >> min(-shift, 31))


def _bits(op: Callable[[int, int], int]) -> Callable[[Any, Any], Any]:
    """and, or, xor: logical on booleans, bitwise on 32-bit integers."""
    def apply(a: Any, b: Any) -> Any:
        if isinstance(a, bool) and isinstance(b, bool):
            return bool(op(a, b))
        return float(_signed(op(_int(a), _int(b))))
    return apply


def _real(x: Any) -> Any:
    """What an operator gave, refused (ValueError) where it is no number: NaN (∞ − ∞), or
    complex (a negative number to a fractional power).  An overflow is ±∞, as in the single
    precision viewers compute in, and clipped to the function's Range at the end, as pdfium
    draws it (``1e30 1e30 mul`` is the Range's top)."""
    if isinstance(x, bool):
        return x
    if not isinstance(x, float) or math.isnan(x):
        raise ValueError("not a number")
    return x


def _power(a: Any, b: Any) -> float:
    """``exp``: a float, ±∞ where it overflows (Python raises instead)."""
    try:
        return float(a ** b)
    except OverflowError:
        odd = float(b).is_integer() and float(b) % 2 == 1
        return math.copysign(math.inf, a) if odd else math.inf


def _range(attrs: dict[str, Any]) -> list[tuple[float, float]] | None:
    """A function's Range: (least, most) of each output; None when it gives none."""
    from pdfminer.pdftypes import resolve1

    bounds = resolve1(attrs.get("Range"))
    if not isinstance(bounds, list) or not bounds or len(bounds) % 2:
        return None
    values = [resolve1(v) for v in bounds]
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return None
    return [(float(values[i]), float(values[i + 1])) for i in range(0, len(values), 2)]


def calculate(program: Program, inputs: list[float], clip: list[tuple[float, float]] | None = None) -> list[float] | None:
    """The operand stack after running ``program`` on ``inputs``, clipped to ``clip`` (the
    function's Range) when it gives one per output; None when it fails (an unknown operator,
    too few operands, an integer past 32 bits, a cost past _STEPS, an output that is no finite
    number and no Range to clip it).  The reading's deadline is looked at first (bounds.TimeLimit)."""
    check_time()
    stack: list[Any] = list(inputs)
    steps = 0
    ops2: dict[str, Callable[[Any, Any], Any]] = {"add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
            "div": lambda a, b: a / b, "idiv": lambda a, b: float(int(_int(a) / _int(b))),
            "mod": lambda a, b: float(math.fmod(_int(a), _int(b))),
            "exp": _power, "atan": lambda a, b: math.degrees(math.atan2(a, b)) % 360,
            "eq": lambda a, b: a == b, "ne": lambda a, b: a != b, "gt": lambda a, b: a > b, "ge": lambda a, b: a >= b,
            "lt": lambda a, b: a < b, "le": lambda a, b: a <= b, "and": _bits(lambda a, b: a & b),
            "or": _bits(lambda a, b: a | b), "xor": _bits(lambda a, b: a ^ b), "bitshift": _bitshift}
    ops1: dict[str, Callable[[Any], Any]] = {"neg": lambda a: -a, "abs": abs,
            # rounded, still reals: a Python int would let ``exp`` build one of any size
            "ceiling": lambda a: float(math.ceil(a)), "floor": lambda a: float(math.floor(a)),
            "round": lambda a: float(math.floor(a + 0.5)), "truncate": lambda a: float(math.trunc(a)), "sqrt": math.sqrt, "ln": math.log, "log": math.log10,
            "sin": lambda a: math.sin(math.radians(a)), "cos": lambda a: math.cos(math.radians(a)),
            "cvi": lambda a: float(_int(math.trunc(a))), "cvr": float,
            "not": lambda a: not a if isinstance(a, bool) else float(~_int(a))}

    def cost(n: int) -> None:
        nonlocal steps
        steps += n
        if steps > _STEPS:
            raise ValueError("too long")

    def run(proc: Program) -> None:
        for tok in proc:
            cost(1)
            if len(stack) > _DEPTH:
                raise ValueError("too deep")
            if isinstance(tok, (float, list)):
                stack.append(tok)
            elif tok in ("true", "false"):
                stack.append(tok == "true")
            elif tok in ops2:
                b, a = stack.pop(), stack.pop()
                stack.append(_real(ops2[tok](a, b)))
            elif tok in ops1:
                stack.append(_real(ops1[tok](stack.pop())))
            elif tok == "dup":
                stack.append(stack[-1])
            elif tok == "exch":
                stack[-1], stack[-2] = stack[-2], stack[-1]
            elif tok == "pop":
                stack.pop()
            elif tok == "copy":
                n = _int(stack.pop())
                if n < 0 or n > len(stack):
                    raise ValueError("copy")
                cost(n)
                stack.extend(stack[len(stack) - n:])
            elif tok == "index":
                n = _int(stack.pop())
                if n < 0 or n >= len(stack):
                    raise ValueError("index")
                stack.append(stack[-1 - n])
            elif tok == "roll":
                j, n = _int(stack.pop()), _int(stack.pop())
                if n < 0 or n > len(stack):
                    raise ValueError("roll")
                cost(n)
                if n:
                    part = stack[len(stack) - n:]
                    j %= n
                    stack[len(stack) - n:] = part[-j:] + part[:-j] if j else part
            elif tok == "if":
                proc1, cond = stack.pop(), stack.pop()
                if not isinstance(proc1, list) or not isinstance(cond, bool):
                    raise ValueError("if")
                if cond:
                    run(proc1)
            elif tok == "ifelse":
                proc2, proc1, cond = stack.pop(), stack.pop(), stack.pop()
                if not isinstance(proc1, list) or not isinstance(proc2, list) or not isinstance(cond, bool):
                    raise ValueError("ifelse")
                run(proc1 if cond else proc2)
            else:
                raise ValueError(tok)

    try:
        run(program)
    except (ValueError, IndexError, ArithmeticError, TypeError, RecursionError):
        return None
    if not all(isinstance(v, float) for v in stack):
        return None
    if clip is not None and len(clip) == len(stack):
        return [min(max(v, low), high) for v, (low, high) in zip(stack, clip, strict=True)]
    return stack if all(math.isfinite(v) for v in stack) else None


def _white(space: str, values: list[Any]) -> bool:
    if not values or not all(isinstance(v, (int, float)) for v in values):
        return False
    if space == "DeviceCMYK" and len(values) == 4:
        return all(v <= 1 - _WHITE_LEVEL for v in values)
    if (space in ("DeviceGray", "CalGray") and len(values) == 1) or (space in ("DeviceRGB", "CalRGB") and len(values) == 3):
        return all(v >= _WHITE_LEVEL for v in values)
    return False
