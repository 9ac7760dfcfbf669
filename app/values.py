"""Parsing cell values as people type them and as files contain them.

A count is an integer >= 0; an amount (万元) is a Decimal >= 0 kept exactly as written.
Tolerated: full-width digits, padding (full-width and no-break spaces included), thousands
separators, a trailing unit, an input method's full stop (。) for the decimal point.  “—”, “/”, “无” mean blank, with a warning.  Everything else is
refused with a reason in Chinese.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation

from app.bidichars import has_bidi
from app.limits import MAX_CELL_CHARS, MAX_NUMBER_DIGITS
from app.numerals import cn_number
from app.patterns import lazy
from app.schema import AMOUNT_UNIT, Kind
from app.textfold import fold

Value = int | Decimal | None

_DASHES = frozenset({"—", "——", "-", "--", "－", "/", "／", "\\", "无", "空", "－－", "–", "―"})
_COUNT_UNITS = ("件", "条", "个", "项", "起", "次")
_AMOUNT_UNITS = (AMOUNT_UNIT,)
_THOUSANDS = lazy(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
# A date where a number belongs: a spreadsheet turned “5-1” into 2023-05-01, or a copy kept
# the cell's date format.
_IME_POINT = lazy(r"^[0-9]+。[0-9]+$")  # one ideographic full stop between digits
_DATE_CELL = lazy(r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(\s*\d{1,2}:\d{2}(:\d{2})?)?$")


@dataclass(frozen=True)
class Parsed:
    """What a cell's text reads as: the value, or why it was refused."""

    value: Value
    ok: bool  # False: the text was refused; value is None
    problem: str = ""  # why it was refused, or the warning for a blank-like mark

    @property
    def warning(self) -> bool:
        return self.ok and bool(self.problem)


# Plain digits already read, by kind: a report's tables hold a few hundred figures, most of
# them 0 and small counts, and a Parsed (frozen, its value immutable) can be handed out again.
_PLAIN_COUNTS: dict[str, Parsed] = {}
_PLAIN_AMOUNTS: dict[str, Parsed] = {}
_PLAIN_KEPT = 4096  # figures remembered per kind: the commonest come first


_BLANK = Parsed(None, True)


def parse(text: str, kind: Kind) -> Parsed:
    plain = text.strip()
    if not plain:
        return _BLANK  # white space only (str.strip's is the fold's): what the rules below make of it
    if plain.isascii() and plain.isdigit() and len(plain) <= MAX_NUMBER_DIGITS:
        # Most cells: plain digits, what every rule below would take as they are (a read of a
        # report parses a few hundred of them)
        known = _PLAIN_COUNTS if kind is Kind.COUNT else _PLAIN_AMOUNTS
        parsed = known.get(plain)
        if parsed is None:
            parsed = Parsed(int(plain), True) if kind is Kind.COUNT else Parsed(Decimal(plain), True)
            if len(known) < _PLAIN_KEPT:
                known[plain] = parsed
        return parsed
    if has_bidi(text):
        # A direction control reorders what is shown (⟨RLO⟩2106 shows 6012): the figure is the one
        # a reader sees, not the stored order (app/bidi.py, imported for such text only: the
        # window's start never needs it); the reader says where it happened.
        from app import bidi

        text = bidi.shown(text)
    if "\ufffd" in text:
        # A glyph whose font gives no character (a PDF's digits in a font without a ToUnicode
        # map: app/pdfread/text.py UNKNOWN), or a byte a web page's or text's encoding has no
        # character for (app/webdecode.py): what it shows is not known, so no figure is guessed.
        # Said for either: a web page's cell was sent to a PDF viewer.
        return Parsed(None, False, f"“{text.strip()}”中有读不出是什么字的字符“\ufffd”（PDF 的字体没有给出对应的文字，"
                                   "或网页、文本中有不合其编码的字节），可能是数字，未读入；请对照原文件核对后填写")
    mark = _digit_mark(text)
    if mark:
        return Parsed(None, False, f"“{text.strip()}”中的“{mark}”是上标、下标或带圈的数字（注释标记？），不是数字；"
                                   "注释请写在表格下方，单元格中只填数字")
    s = fold(text)
    if not s:
        return Parsed(None, True)
    if s.startswith("="):  # before the digits: =SUM(D5:I5)+SUM(D6:I6)+… is no figure of many digits
        shown = text.strip() if len(text.strip()) <= 60 else text.strip()[:60] + "…"
        return Parsed(None, False, f"“{shown}”是公式，没有保存计算结果；请在 Excel 或 WPS 中打开并保存后再读取，或填写数字")
    if sum(ch.isdigit() for ch in s) > MAX_NUMBER_DIGITS:  # also keeps int() under its digit limit
        shown = text.strip()
        # A cell the reader cut (limits.cell_text: its first MAX_CELL_CHARS and “…”) is longer than that, not one more.
        size = f"超过{MAX_CELL_CHARS}" if len(shown) > MAX_CELL_CHARS and shown.endswith("…") else str(len(shown))
        return Parsed(None, False, f"“{shown[:16]}…”（{size}个字符）不是有效数字，位数过多")
    if _DATE_CELL.match(s):
        return Parsed(None, False, f"“{text.strip()}”是日期，不是数字（单元格可能被设成了日期格式）")
    if re.search(r"[0-9]\s+[0-9]", unicodedata.normalize("NFKC", text).strip()):
        return Parsed(None, False, f"“{text.strip()}”中间有空格，是一个数还是两个数？")
    if s in _DASHES:
        return Parsed(None, True, f"“{text.strip()}”按空白处理，应填写0")
    units = _AMOUNT_UNITS if kind is Kind.AMOUNT else _COUNT_UNITS
    in_wan = False  # the figure is written in 万 (万元, or 万 alone)
    for unit in units:
        for written in (f"({unit})", unit):  # “5件”, and “0（件）” as the column header writes it
            if s.endswith(written) and len(s) > len(written):
                s = s[: -len(written)].rstrip()
                in_wan = unit == AMOUNT_UNIT
                break
        else:
            continue
        break
    if s.endswith("万") and len(s) > 1 and not in_wan:
        s, in_wan = s[:-1].rstrip(), True
    if kind is Kind.AMOUNT:
        # “￥100”, “人民币100元”, “100元”: yuan in a column of 万元.  Not converted unasked (a figure
        # that changes as it is read is worse than one refused); the refusal says what it is in 万元.
        bare = s.removeprefix("¥").removeprefix("RMB").removeprefix("人民币").lstrip()
        currency = bare != s
        s = bare
        if not in_wan and (currency or s.endswith("元")) and any(ch.isdigit() for ch in s):
            return Parsed(None, False, f"“{text.strip()}”：金额单位应为{AMOUNT_UNIT}{_in_wan(s.removesuffix('元'))}")
    elif in_wan:
        return Parsed(None, False, f"“{text.strip()}”：件数请填写完整的数字{_times_wan(s)}")
    if _THOUSANDS.match(s):
        s = s.replace(",", "")
    if "。" in s and _IME_POINT.match(s):
        # “12。5”: the decimal point typed with a Chinese input method's punctuation on (its
        # full stop); NFKC leaves 。 as it is, unlike the full-width ．, which was taken already.
        s = s.replace("。", ".")
    if s.startswith("-") and len(s) > 1:
        return Parsed(None, False, f"“{text.strip()}”：不能为负数")
    if kind is Kind.COUNT:
        if s.isascii() and s.isdigit():  # str.isdigit() also admits digits int() refuses (፩)
            return Parsed(int(s), True)
        if re.fullmatch(r"[0-9]+\.[0-9]*|\.[0-9]+", s):
            return Parsed(None, False, f"“{text.strip()}”：件数必须是整数")
        return Parsed(None, False, f"“{text.strip()}”不是数字")
    if re.fullmatch(r"[0-9]+(\.[0-9]+)?", s):
        try:
            return Parsed(Decimal(s), True)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
            pass
    return Parsed(None, False, f"“{text.strip()}”不是金额数字")


def _plain_decimal(s: str) -> Decimal | None:
    s = s.strip().replace(",", "") if _THOUSANDS.match(s.strip()) else s.strip()
    if re.fullmatch(r"[0-9]+(\.[0-9]+)?", s):
        return Decimal(s)
    return None


def _exact() -> Context:
    """Arithmetic exact for every figure a cell may hold moved by 万: the default context's 28
    digits rounded a figure of 25 digits and more, and its remainder then raised InvalidOperation."""
    return Context(prec=MAX_NUMBER_DIGITS + 10)


def _in_wan(yuan: str) -> str:
    """“（100元即0.01万元）” for a figure written in yuan, or nothing if it is no plain figure."""
    figure = _plain_decimal(yuan)
    if figure is None:
        return ""
    return f"（{_plain(figure)}元即{_plain(figure.scaleb(-4, _exact()))}{AMOUNT_UNIT}）"


def _times_wan(figure_text: str) -> str:
    """“（12000）” for a count written as “1.2万”, when that is a whole number."""
    figure = _plain_decimal(figure_text)
    if figure is None:
        return ""
    exact = _exact()
    whole = figure.scaleb(4, exact)
    return "" if exact.remainder(whole, 1) else f"（{_plain(whole)}）"


def _plain(d: Decimal) -> str:
    """A decimal as people write it: no exponent, no trailing zeros (0.01, 12000)."""
    text = format(d, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _digit_mark(text: str) -> str:
    """The first character NFKC would fold into digits that is no digit as written: a
    superscript or subscript (¹ ₂), a circled or parenthesised number (① ⑴ ⒈).  “37¹” and
    “37①” are 37 with a note mark, never 371.  Full-width (３) and mathematical (𝟑) digits are
    digits."""
    for ch in text:
        if ch.isascii():
            continue
        decomposition = unicodedata.decomposition(ch)
        if decomposition and not decomposition.startswith(("<wide>", "<font>")) \
                and any(c in "0123456789" for c in unicodedata.normalize("NFKC", ch)):
            return ch
    return ""


def zero(kind: Kind) -> Value:
    """What “没有发生” is in a cell of this kind: 0, or 0 万元 as a Decimal."""
    return Decimal(0) if kind is Kind.AMOUNT else 0


def format_value(value: Value) -> str:
    """How a value is shown and written: exactly, no rounding, no separators."""
    if value is None:
        return ""
    return str(value)


def as_number(value: Value) -> Decimal | int:
    """Blank counts as 0 in arithmetic; blankness is reported by its own check."""
    return 0 if value is None else value


# -- dates as written: 2024年1月15日, 二〇二四年一月十五日, 2024.1.15, 2024-01-15, 2024/1/15 ---------

# The statistical period as reports write it: “2023年1月1日至12月31日” (the second year optional).
FIRST_YEAR = 2008  # 条例 took effect on 1 May 2008: no annual report is for an earlier year


# The last year the editor's year box offers; a report's year is never judged by this PC's
# clock (an office PC with a flat clock battery says 2009: every real report would be refused).
LAST_YEAR = 2100


def implausible_year(where: str, written: object) -> str:
    """The one wording of a year no report can be for, wherever it was written."""
    return f"{where}“{written}”不是有效年度（应在{FIRST_YEAR}年至{LAST_YEAR}年之间），未采用，请在“基本信息”中核对年度"


def plausible_year(year: int | None) -> bool:
    """A year a report can be for: from the 条例's first year to the editor's last.  Anything
    else is a typo (20233, 9999, 0001), never a year to compute with."""
    return year is not None and FIRST_YEAR <= year <= LAST_YEAR


PERIOD = lazy(r"(\d{4})\s*年\s*1\s*月\s*1\s*日(?:起)?\s*(?:至|到|—|-|－|~|～)+\s*(?:(\d{4})\s*年\s*)?12\s*月\s*31\s*日")


DATE_LIKE = lazy(
    r"^([0-9〇零○一二三四五六七八九]{4})(?:年|[.．/-])([0-9一二三四五六七八九十]{1,3}|元(?=月))(?:月|[.．/-])"
    r"([0-9一二三四五六七八九十]{1,3})日?$"
)


def format_date(date: dt.date | None) -> str:
    """成文日期 as GB/T 9704 writes it: Arabic numerals, no leading zeros (2024年1月5日)."""
    return f"{date.year}年{date.month}月{date.day}日" if date else ""


def today() -> dt.date:
    """This PC's date: the one clock the examples read, so a test can fix it."""
    return dt.date.today()


def report_year_now(on: dt.date) -> int:
    """The year whose report a writer is most likely writing on ``on``.  The report on year Y is
    published by 1月31日 of Y+1 (条例第五十条), so it is written from the late autumn of Y to
    that January: from July on it is this year's report that is coming due; before July the
    deadline just passed was last year's, and a report written then (late, or a redraft) is
    still last year's, dated this January."""
    return on.year if on.month >= 7 else on.year - 1


def example_date(year: int | None, on: dt.date | None = None) -> str:
    """An example 成文日期 for a ``year`` report, one its checks accept: January after the year
    (a fixed year's example, 2022年1月12日 shown for a 2022 report, was itself an error).
    Without a plausible year (none, or a typo such as 9999: the year after it may be no date at
    all), the date the writer would give the report being written ``on`` (today): 15 January
    of next year in the second half of a year, of this year in the first (a fixed 2024年1月15日
    looked stale from 2025 on)."""
    of = year if year is not None and plausible_year(year) else report_year_now(on or today())
    return format_date(dt.date(of + 1, 1, 15))


def parse_date(text: str) -> dt.date | None:
    """The date a text states, or None if it is no date or an impossible one (2024年2月30日)."""
    m = DATE_LIKE.match(fold(text))
    if m is None:
        return None
    year, month, day = (cn_number(g) if g != "元" else 1 for g in m.groups())  # 元月: January
    if year is None or month is None or day is None:
        return None  # digits mixed in ways no date is written (十十月)
    try:
        return dt.date(year, month, day)
    except ValueError:  # an impossible date
        return None



def impossible_date(text: str) -> str | None:
    """Why a text written as a date (a year, month and day in place) names no day (2023年2月30日:
    “2023年2月只有28天”); None when it is a real date or written as none."""
    m = DATE_LIKE.match(fold(text))
    if m is None:
        return None
    year, month, day = (cn_number(g) if g != "元" else 1 for g in m.groups())
    if year is None or month is None or day is None or not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    if not 1 <= month <= 12:
        return f"没有{month}月，月份是1至12"
    if day < 1:
        return f"没有{day}日"
    # The month's length from its first day and the next month's (calendar.monthrange's answer):
    # importing calendar, and locale with it, was ~1.3 ms of every start, the date field's
    # module being one of the window's.
    last = 31 if month == 12 else (dt.date(year, month + 1, 1) - dt.date(year, month, 1)).days
    return None if day <= last else f"{year}年{month}月只有{last}天"
