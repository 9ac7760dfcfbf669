"""What Excel shows of a cell: its number format's section for the value (“;;;” shows nothing),
its colours (a font's, a format's own [White], a fill's), the runs of rich text, and the
conditional formats that apply to it (hostile30: a rule “> 0 → white font” hid a figure, one
“> 0 → number format "121"” showed another, and both were read as stored, unsaid).
Conditional formats are evaluated for the rules whose outcome can be told from the cell alone
(cellIs with numeric operands: greater, less, between, equal …); a rule on a formula
(expression, top 10, duplicates, above average) is not judged, and where its format would hide
the figure or show another, that is said at the cell."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl.cell.rich_text import CellRichText
from openpyxl.worksheet.worksheet import Worksheet

from app.xlsxformat import other_figure, pick_section, shows_nothing

# Excel's default palette, the entries a font or fill names by index (indexed="9" is white;
# 64 and 65 are the system colours: window text and window background).
_INDEXED = {0: "000000", 1: "FFFFFF", 8: "000000", 9: "FFFFFF", 64: "000000", 65: "FFFFFF"}
# Theme colours in a cell's font or fill: index 0 is the theme's “背景 1” (lt1, white in every
# built-in theme) and 1 its “文字 1” (dk1, black); others vary with the theme and are not judged.
_THEME = {0: "FFFFFF", 1: "000000"}
# A number format's own colour ([White]0, [Color2]0): it overrides the font's for what it shows.
# [ColorN] is the default palette's entry N+7 ([Color1] black, [Color2] white).
_FORMAT_COLOUR = re.compile(r"\[(black|white|red|green|blue|yellow|magenta|cyan|color\s*(\d{1,2}))\]", re.IGNORECASE)
_NAMED = {"black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "00FF00", "blue": "0000FF",
          "yellow": "FFFF00", "magenta": "FF00FF", "cyan": "00FFFF"}


def style(cell: object, name: str, default: Any = None) -> Any:
    """A cell's number format, font or fill; one whose index points past the workbook's list
    (a numFmtId or fontId no style defines: a file another program wrote badly) is the
    default, as Excel shows it after repairing the file — not an IndexError."""
    try:
        return getattr(cell, name, default)
    except (IndexError, KeyError):
        return default


def _hex(color: object) -> str | None:
    """A font or fill colour as RRGGBB, None when it cannot be told (another theme colour, a tint)."""
    if color is None:
        return None
    kind = getattr(color, "type", None)
    if kind == "rgb":
        rgb = getattr(color, "rgb", None)
        return rgb[-6:].upper() if isinstance(rgb, str) and len(rgb) >= 6 else None
    if kind == "indexed":
        return _INDEXED.get(getattr(color, "indexed", -1))
    if kind == "theme" and not getattr(color, "tint", 0):
        return _THEME.get(getattr(color, "theme", -1))
    return None


def invisible(cell: object, value: object, cond: Applied | None = None) -> bool:
    """Whether Excel shows nothing of ``value`` in ``cell``: its number format's section for it
    is empty (“;;;”, the usual way to hide a figure), or the colour it is shown in — the
    format's own ([White]), else the font's — is the colour behind it (white on no fill: the
    sheet is white).  ``cond``: what the cell's conditional formats give it for ``value``, over
    its own (number format, font colour, fill).  A colour that cannot be told counts as shown.
    Text in runs of their own fonts (rich text) is judged run by run (shown_runs)."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) and value == 0:
        return False  # “hide zeros” is a display preference, and a 0 adds to no figure
    cond = cond or Applied()
    if cond.no_value:
        return True
    rich = isinstance(value, CellRichText)
    number_format = cond.number_format or style(cell, "number_format", "General")
    # The section that shows the value, by its conditions ([>100]) or else by sign, as Excel picks it.
    chosen = pick_section(number_format, str(value) if rich else value)
    if chosen is not None and shows_nothing(chosen[0]):
        return True
    section = "".join(chosen[0]) if chosen is not None else None
    behind = _hex(cond.fill)
    colour = _format_colour(section) if section is not None else None
    if colour is None:
        if rich and cond.font is None:
            return False  # its runs are judged one by one
        colour = _hex(cond.font if cond.font is not None else getattr(style(cell, "font"), "color", None))
    if colour is None or colour == "":
        return False
    return colour == behind if behind else _unseen_hex(cell, colour)


def _format_colour(section: str) -> str | None:
    """The colour a number format's section gives what it shows (RRGGBB), None without one."""
    m = _FORMAT_COLOUR.search(section)
    if m is None:
        return None
    if m.group(2) is not None:
        return _INDEXED.get(int(m.group(2)) + 7, "")  # "": a palette colour not judged
    return _NAMED[m.group(1).lower()]


TINY_PT = 2.0  # as a .docx run (app/docx/invisible.py): nothing is set this small to be read


def _unseen_colour(cell: object, font: object) -> bool:
    """Whether text in ``font`` is in the colour behind it in ``cell``."""
    fg = _hex(getattr(font, "color", None)) if font is not None else None
    return fg is not None and _unseen_hex(cell, fg)


def _unseen_hex(cell: object, fg: str) -> bool:
    """Whether text in ``fg`` (RRGGBB; "" for a colour not judged) is the colour behind it."""
    if not fg:
        return False
    fill = style(cell, "fill")
    if fill is None or getattr(fill, "patternType", None) in (None, "none"):
        return fg == "FFFFFF"
    if getattr(fill, "patternType", None) != "solid":
        return False  # a pattern of two colours: the text shows on one of them
    return fg == _hex(getattr(fill, "fgColor", None))


def _mark(font: object) -> bool:
    """A note mark (superscript, subscript) or struck-through text, as the .docx reader sees them."""
    return getattr(font, "vertAlign", None) in ("superscript", "subscript") or bool(getattr(font, "strike", None))


def _tiny(font: object) -> bool:
    size = getattr(font, "sz", None)
    return isinstance(size, (int, float)) and 0 <= size <= TINY_PT


def shown_runs(cell: Any, value: object) -> tuple[object, bool, bool]:
    """(what is read of ``value``, whether a note mark or struck text was left out, whether text
    nobody sees was left out).  Each run of a rich-text cell in its own font (a plain part in the
    cell's): “37” with a raised “1” is 37, never 371; a struck “36” before “37” is 37; a “9”
    in white or at 1 pt before “37” is 37.  A whole cell so set reads blank, a 0 excepted."""
    if isinstance(value, CellRichText):
        kept: list[str] = []
        marked = unseen = False
        for part in value:
            text, font = (part, style(cell, "font")) if isinstance(part, str) else (part.text or "", part.font)
            if not text.strip():
                kept.append(text)
            elif _mark(font):
                marked = True
            elif _tiny(font) or _unseen_colour(cell, font):
                unseen = True
            else:
                kept.append(text)
        return "".join(kept), marked, unseen
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) and value == 0:
        return value, False, False
    font = style(cell, "font")
    if isinstance(value, str) and not value.strip():
        return value, False, False
    if _mark(font):
        return None, True, False
    if _tiny(font):
        return None, False, True
    return value, False, False




# -- conditional formats ---------------------------------------------------------------------------

_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "greaterThan": operator.gt, "lessThan": operator.lt, "greaterThanOrEqual": operator.ge,
    "lessThanOrEqual": operator.le, "equal": operator.eq, "notEqual": operator.ne}


@dataclass(frozen=True)
class Applied:
    """What a cell's conditional formats give it for its value: a number format, a font colour,
    a fill colour (openpyxl Color objects), each None where no rule that holds sets it."""

    number_format: str | None = None
    font: object = None
    fill: object = None
    no_value: bool = False  # a data bar or icon set drawn instead of the number (_bars_only)


def _operand(text: object) -> float | None:
    """A rule's operand as a number: a literal (“0”, “=100”), None for anything else (a cell
    reference, a formula, text) — not judged."""
    if not isinstance(text, str):
        return None
    try:
        return float(text.strip().lstrip("=").strip())
    except ValueError:
        return None


def _bars_only(rule: Any) -> bool:
    """A data bar or icon set set to 仅显示数据条/仅显示图标 (showValue="0"): Excel and WPS draw
    the bar or the icon in each number's cell and no number at all (hostile14: a figure so set
    was read, nothing said, where the sheet shows a bar)."""
    kind = getattr(rule, "type", None)
    return kind in ("dataBar", "iconSet") and getattr(getattr(rule, kind, None), "showValue", None) is False


def _holds(rule: Any, v: float) -> bool | None:
    """Whether ``rule`` holds for the figure ``v``; None when that cannot be told from the cell."""
    if _bars_only(rule):
        return True  # drawn for every number in its ranges
    if getattr(rule, "type", None) != "cellIs":
        return None
    read = [_operand(f) for f in (getattr(rule, "formula", None) or [])]
    operands = [x for x in read if x is not None]
    if not operands or len(operands) != len(read):
        return None
    op = getattr(rule, "operator", None)
    if op in ("between", "notBetween") and len(operands) >= 2:
        low, high = sorted(operands[:2])
        inside = low <= v <= high
        return inside if op == "between" else not inside
    compare = _COMPARE.get(op or "")
    return compare(v, operands[0]) if compare is not None else None


# How many (rule, row) entries a sheet's conditional formats may list, per cell of the sheet's
# extent: a real table's formats use a few; a file that lists more is told about.
ENTRIES_PER_CELL = 4
ENTRIES_AT_LEAST = 10_000


class Conditional:
    """A sheet's conditional formats, found for a cell by its row: each format's ranges, cut to
    the sheet's extent, are listed under the rows they cover.  Every format is listed whatever
    the others cover — a harmless rule over the whole sheet once spent a budget shared by all,
    and a hiding rule after it was never seen (review31 H1).  A rule over A1:XFD1048576 costs
    the sheet's rows, not its cells; the lists are bounded all the same (ENTRIES_PER_CELL), and
    a sheet whose formats overrun it is ``incomplete``, which the reader says."""

    def __init__(self, ws: Worksheet, height: int, width: int) -> None:
        self.by_row: dict[int, list[tuple[int, int, list[Any]]]] = {}
        self.incomplete = False
        try:
            formats = list(ws.conditional_formatting)
        except Exception:  # a part openpyxl half-read: judged as without conditional formats
            return
        budget = max(ENTRIES_PER_CELL * height * width, ENTRIES_AT_LEAST)
        for cf in formats:
            # A rule with no format but 如果为真则停止 (stopIfTrue) is Excel's way to exempt cells
            # from the rules below it: kept for its stop, or a white font below "hides" a
            # figure Excel shows (review14 M2).  It changes no look of its own (_outcome).
            # A data bar or icon set in place of the number is kept too (_bars_only).
            rules = [r for r in getattr(cf, "rules", [])
                     if getattr(r, "dxf", None) is not None or getattr(r, "stopIfTrue", False)
                     or _bars_only(r)]
            for rng in getattr(getattr(cf, "sqref", None), "ranges", []) if rules else []:
                low, high = max(rng.min_col, 1), min(rng.max_col, width)
                if low > high:
                    continue
                for r in range(max(rng.min_row, 1), min(rng.max_row, height) + 1):
                    budget -= len(rules)  # what looking up a cell of the row costs
                    if budget < 0:
                        self.incomplete = True
                        return
                    self.by_row.setdefault(r, []).append((low, high, rules))

    def rules_at(self, row: int, col: int) -> list[Any]:
        """The rules of every format over the cell, the highest priority first (Excel's order)."""
        found = [rule for low, high, rules in self.by_row.get(row, ()) if low <= col <= high for rule in rules]
        return sorted(found, key=lambda r: getattr(r, "priority", None) or 0)

    def applied(self, row: int, col: int, value: object) -> Applied | None:
        """What the rules that hold for ``value`` give the cell (a stopIfTrue rule ends the list)."""
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
            return None
        v = float(value)
        return _outcome(self.rules_at(row, col), lambda rule: bool(_holds(rule, v)))

    def unjudged(self, row: int, col: int, cell: object, value: object) -> bool:
        """Whether a rule this does not judge (an expression, top 10, above average, a cellIs on
        another cell or on a figure stored as text) would, if it held, hide ``value`` or show
        another figure in its place: Excel may show something else there, and only a person who
        opens the file can tell (review31 M2).  A rule whose format changes neither is no news."""
        rules = self.rules_at(row, col)
        if not rules or value in (None, ""):
            return False
        figure = float(value) if not isinstance(value, bool) and isinstance(value, (int, float, Decimal)) else None

        def holds(rule: Any) -> bool | None:
            if figure is None and _bars_only(rule):
                return False  # bars and icons are drawn for numbers only: text shows as it is
            return _holds(rule, figure) if figure is not None else None

        def shown(outcome: Applied | None) -> tuple[bool, str | None]:
            number_format = (outcome.number_format if outcome else None) or style(cell, "number_format", "General")
            return invisible(cell, value, outcome), other_figure(number_format, value)

        hidden, other = shown(_outcome(rules, lambda rule: bool(holds(rule))))
        for maybe in [rule for rule in rules if holds(rule) is None]:
            def held(rule: Any, maybe: Any = maybe) -> bool:
                return rule is maybe or bool(holds(rule))
            hidden_if, other_if = shown(_outcome(rules, held))
            if (hidden_if and not hidden) or (other_if is not None and other_if != other):
                return True
        return False


def _outcome(rules: list[Any], holds: Callable[[Any], bool]) -> Applied | None:
    """What the rules that hold give a cell, in priority order: the first to set a number format,
    a font colour, a fill wins each; a stopIfTrue rule that holds ends the list."""
    number_format = font = fill = None
    no_value = False
    for rule in rules:
        if not holds(rule):
            continue
        no_value = no_value or _bars_only(rule)
        dxf = getattr(rule, "dxf", None)  # None: a stop rule of no format
        code = getattr(getattr(dxf, "numFmt", None), "formatCode", None)
        number_format = number_format or (code if isinstance(code, str) and code else None)
        font = font or getattr(getattr(dxf, "font", None), "color", None)
        solid = getattr(dxf, "fill", None)
        if fill is None and solid is not None and getattr(solid, "patternType", None) in (None, "solid"):
            fill = getattr(solid, "bgColor", None) if _hex(getattr(solid, "bgColor", None)) else getattr(solid, "fgColor", None)
        if getattr(rule, "stopIfTrue", False):
            break
    if number_format is None and font is None and fill is None and not no_value:
        return None
    return Applied(number_format, font, fill, no_value)
