"""Last year's report as this year's needs it: its figures and its sentences.

Stored inside this year's .docx (``Report.extras["last_year"]``, app/docx/custom.py), so the
cross-year checks still work when last year's file is gone or on another PC.  Reading is
forgiving: a malformed entry is no last year, never an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Set
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from app.limits import MAX_BLOCKS, MAX_CELL_CHARS, MAX_CHECKED_PARAGRAPH_CHARS, MAX_NUMBER_DIGITS
from app.patterns import lazy
from app.report import Grid, Report, empty_tables
from app.schema import ALL_TEXT_KEYS, TABLES, Kind
from app.textfold import fold_sentence
from app.values import parse

T = TypeVar("T")
KEY = "last_year"
VERSION = 1
# A sentence ends at 。！？； (and at the paragraph's end); shorter ones (“2023年。”, a heading)
# say too little to count as carried over.
_SENTENCE = lazy(r"[^。！？；!?;]+[。！？；!?;]*")
MIN_SENTENCE = 8
# What moving a copied text on to the next year changes, and so never makes it this year's:
# a year in digits or in Chinese numerals, or a word naming one (本年度, 上一年度, 今年, 去年),
# with or without 度 (“2021年度” rewritten “本年”); then the figures; then the punctuation.
# Matched on folded text (app/textfold.py: no white space, ASCII digits and marks).
# The lookahead lets the engine skip to a possible first character: twice as fast over a text.
_YEAR = lazy(r"(?=[12〇○零一二三四五六七八九本上今去])(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4}|本|上一?|今|去)年度?")
_DIGITS = lazy(r"\d+(?:\.\d+)?")
_MARKS = lazy(r"[^\w#]+")  # “#” stands for a figure: part of the words, not a mark


@dataclass
class LastYear:
    """Last year's report as the comparisons need it: its tables and sections' text."""

    organ: str = ""
    year: int | None = None
    source: str = ""  # the file it came from (its name), to show
    tables: dict[str, Grid] = field(default_factory=empty_tables)
    sections: dict[str, list[str]] = field(default_factory=dict)  # paragraphs' text
    # What the checks derive from the sections, kept while the sections stay the same: they run
    # on every pause in typing, and last year's text does not change while this year's is typed.
    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def from_report(cls, report: Report, source: str = "") -> LastYear:
        # Kept in this year's .docx as XML: a name's byte that is not UTF-8 (a lone surrogate) or
        # a control character would make the report unwritable; shown as U+FFFD instead.
        source = clean_text(source)
        return cls(
            report.organ, report.year, source,
            {k: dict(v) for k, v in report.tables.items()},
            {k: [p.text for p in report.sections.get(k, []) if p.text.strip()] for k in ALL_TEXT_KEYS},
        )

    def value(self, table: str, pos: tuple[int, int]) -> Any:
        return self.tables.get(table, {}).get(pos)

    def sentences(self) -> frozenset[str]:
        """Every sentence of last year's text, normalised (any section: text moves around)."""
        return self._remembered("sentences", lambda: frozenset(
            normal(s) for paras in self.sections.values() for p in paras for _, _, s in sentences(p)))

    def moved_sentences(self) -> frozenset[str]:
        """Every sentence with its years aside (``years_aside``): as 全部替换 “2021年”→“2022年” leaves it."""
        return self._remembered("moved", lambda: frozenset(years_aside(n) for n in self.sentences()))

    def sentence_words(self) -> frozenset[str]:
        """Every sentence's ``words``: what a sentence moved on to this year is compared with."""
        return self._remembered("words", lambda: frozenset(words(n) for n in self.sentences()))

    def folded_section(self, key: str) -> tuple[str, str, str, str]:
        """A section's text folded, then with its years, figures and marks aside (``only_moved_on``)."""
        return self._remembered(f"section {key}", lambda: stages(fold_sentence(self.section_text(key))))

    def _remembered(self, name: str, make: Callable[[], T]) -> T:
        # Keyed by the sections' content: a test (or a caller) editing them gets fresh results.
        # Comparing the key costs a pointer comparison per paragraph while nothing changed.
        key = tuple((k, tuple(v)) for k, v in self.sections.items())
        if self._memo.get("") != key:
            self._memo.clear()
            self._memo[""] = key
        if name not in self._memo:
            self._memo[name] = make()
        return self._memo[name]  # type: ignore[no-any-return]

    def section_text(self, key: str) -> str:
        return "\n".join(self.sections.get(key, []))

    # -- storage --------------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "version": VERSION, "organ": self.organ, "year": self.year, "source": self.source,
            "tables": {k: [[r, c, _dump(v)] for (r, c), v in sorted(g.items()) if v is not None]
                       for k, g in self.tables.items()},
            "sections": self.sections,
        }

    @classmethod
    def from_json(cls, data: Any) -> LastYear | None:
        """None for anything that is not an entry we wrote; within one, what a hand edit or a
        forged part broke is dropped field by field: every value is checked for its type and
        range (coordinates of the schema's cells, figures as the readers would read them,
        strings and lists no longer than a report's), so nothing read here can upset a check."""
        if not isinstance(data, dict) or not _is_int(data.get("version")) or data["version"] != VERSION:
            return None
        year = data.get("year")
        four_digits = isinstance(year, int) and not isinstance(year, bool) and 1000 <= year <= 9999
        out = cls(_text(data.get("organ"), MAX_CELL_CHARS), year if four_digits else None,
                  _text(data.get("source"), MAX_CELL_CHARS))
        tables = data.get("tables")
        for key, cells in (tables.items() if isinstance(tables, dict) else ()):
            if key not in TABLES or not isinstance(cells, list):
                continue
            spec, grid = TABLES[key], out.tables[key]
            for item in cells[:len(spec.cells)]:
                if not (isinstance(item, list) and len(item) == 3 and _is_int(item[0]) and _is_int(item[1])):
                    continue
                cell = spec.cell(item[0], item[1])
                if cell is not None and (value := _load(item[2], cell.kind)) is not None:
                    grid[(cell.row, cell.col)] = value
        sections = data.get("sections")
        for key, paras in (sections.items() if isinstance(sections, dict) else ()):
            if key in ALL_TEXT_KEYS and isinstance(paras, list):
                out.sections[key] = [_text(p, MAX_CHECKED_PARAGRAPH_CHARS) for p in paras[:MAX_BLOCKS]
                                     if isinstance(p, str)]
        return out


_parsed: list[tuple[Any, LastYear | None]] = []  # the last entry read: checks run on every edit


def attached(report: Report) -> LastYear | None:
    """The last year stored with the report (parsed once per stored entry, not per edit)."""
    entry = report.extras.get(KEY)
    if entry is None:
        return None
    if _parsed and _parsed[0][0] is entry:
        return _parsed[0][1]
    last = LastYear.from_json(entry)
    _parsed[:] = [(entry, last)]  # holding the entry keeps its identity from being reused
    return last


def last_figure(report: Report, table: str, pos: tuple[int, int]) -> str | None:
    """Last year's figure of a cell as shown (“0”, “12”, “1.50”); None without a last year or
    where last year's cell was blank."""
    last = attached(report)
    value = last.value(table, pos) if last is not None else None
    return None if value is None else str(value)


def pairing_note(year: int | None, organ: str, last_year: int | None, last_organ: str, given: str = "所选报告") -> str:
    """What to say when a report given as last year's plainly is not: another year, or another
    organ ("" when nothing says so) — the window's 对照上年报告 and ``check --last`` alike."""
    if year and last_year and last_year != year - 1:
        return f"{given}为{last_year}年度，本报告为{year}年度，不是上一年度"
    if organ and last_organ and organ != last_organ:
        return f"{given}的机关为“{last_organ}”，本报告为“{organ}”"
    return ""


def attach(report: Report, last: LastYear | None) -> None:
    if last is None:
        report.extras.pop(KEY, None)
    else:
        report.extras[KEY] = last.to_json()


def sentences(text: str) -> list[tuple[int, int, str]]:
    """(start, end, sentence) of each sentence long enough to compare."""
    out = []
    for m in _SENTENCE.finditer(text):
        s = m.group()
        lead = len(s) - len(s.lstrip())
        s = s.strip()
        if len(normal(s)) >= MIN_SENTENCE:
            out.append((m.start() + lead, m.start() + lead + len(s), s))
    return out


def normal(sentence: str) -> str:
    """Spaces, full-/half-width forms and the closing mark do not make a sentence new."""
    return fold_sentence(sentence).rstrip(".!?;")


def words(folded: str) -> str:
    """A folded text (``normal``, ``fold_sentence``) as compared for “still last year's”: its
    words, with its years, figures and punctuation aside.  Three substitutions: linear."""
    return stages(folded)[-1]


def years_aside(folded: str) -> str:
    """A folded sentence with its years as “年”: the sentence once moved on to the next year."""
    return _YEAR.sub("年", folded)


def only_moved_on(text: str, before: tuple[str, str, str, str]) -> list[str] | None:
    """What ``text`` changed of last year's text (its ``stages``) when it is that text with
    only its years, figures, punctuation or spacing changed (“年份”, “数字”, “标点”;
    “空格或全半角” when nothing else); None when a word of it is new."""
    now = fold_sentence(text)
    if now == before[0]:
        return ["空格或全半角"]
    a = stages(now)
    if not a[-1] or a[-1] != before[-1]:
        return None
    # The words being equal, the marks are too when the text with its figures as “#” is.
    changed = [name for name, same in (("年份", _parts(_YEAR, a[0]) == _parts(_YEAR, before[0])),
                                       ("数字", _parts(_DIGITS, a[1]) == _parts(_DIGITS, before[1])),
                                       ("标点", a[2] == before[2])) if not same]
    return changed or ["空格或全半角"]


def stages(folded: str) -> tuple[str, str, str, str]:
    """A folded text, with its years as “年”, then its figures as “#”, then without marks."""
    moved = years_aside(folded)
    figures = _DIGITS.sub("#", moved)
    return folded, moved, figures, _MARKS.sub("", figures)


def _parts(pattern: re.Pattern[str], text: str) -> list[str]:
    return [m.replace("年度", "年") for m in pattern.findall(text)]


def same_sentences(paragraphs: list[str], last: Set[str]) -> tuple[int, int]:
    """(sentences, those of them that are last year's but for years, figures and punctuation);
    ``last``: the ``words`` of last year's sentences."""
    total = same = 0
    for p in paragraphs:
        for _, _, s in sentences(p):
            total += 1
            same += words(normal(s)) in last
    return total, same


def same_share(paragraphs: list[str], last: Set[str]) -> float:
    """The share of a section's text (in characters of comparable sentences) that is last
    year's sentences but for years, figures and punctuation, as ``same_sentences`` counts them
    (全部替换 “2021年”→“2022年” leaves it last year's); ``last``: their ``words``."""
    total = same = 0
    for p in paragraphs:
        for _, _, s in sentences(p):
            n = normal(s)
            total += len(n)
            same += len(n) if words(n) in last else 0
    return same / total if total else 0.0


def _dump(v: Any) -> Any:
    return str(v) if isinstance(v, Decimal) else v


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)  # JSON's true is not a number here


def _text(v: Any, limit: int) -> str:
    """A string as kept: at most ``limit`` characters; a lone surrogate (JSON's \\ud800) or a
    control character, which no .docx can hold, shown as U+FFFD; anything else is ""."""
    return clean_text(v[:limit]) if isinstance(v, str) else ""


def clean_text(text: str) -> str:
    if text.isprintable():
        return text  # the common case at C speed
    return "".join("\ufffd" if ("\ud800" <= ch <= "\udfff" or (ch < " " and ch not in "\t\n\r")) else ch
                   for ch in text)


def _load(v: Any, kind: Kind) -> int | Decimal | None:
    """A stored figure read as the readers read a cell of ``kind``: a count an int, an amount a
    plain decimal, neither negative nor over MAX_NUMBER_DIGITS digits (no 9E+999999, NaN,
    1E-999999 that would overflow a check's arithmetic)."""
    if _is_int(v):
        text = str(v) if 0 <= v < 10 ** MAX_NUMBER_DIGITS else ""
    elif isinstance(v, str) and len(v) <= 2 * MAX_NUMBER_DIGITS:
        text = v
    else:
        return None
    parsed = parse(text, kind)
    return parsed.value if parsed.ok else None
