"""Section headings of a report however their authors wrote them.

A heading is found by its number and words: verbatim (“五、存在的主要问题及改进情况”), with
the 2019 format's or older wording (its words, app/schema.py), or in the author's own words
under the section's number (“五、存在的不足及改进措施”, its cues), or run into the first
paragraph (“一、总体情况。2023年，…”).  Our own files mark them by style instead.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from app.labels import loose
from app.report import Paragraph, Run
from app.schema import SECTION_BY_KEY, SECTIONS, T3_ROW_PATHS

if TYPE_CHECKING:  # blocks asks app/docx/framed.py, which asks here, about headings in tables
    from app.docx.blocks import ParaBlock

# Upper-case numerals (壹、贰、: a list in chineseLegalSimplified, or typed) number sections too.
# Roman numerals (Ⅰ、Ⅱ、, a list's upperRoman) come folded to ASCII (“I、”).
_NUMBERING = re.compile(r"^(第?[一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾]+(部分)?[、.．,，:：\s]*|[（(【〔\[〖][一二三四五六][）)】〕\]〗]"
                        r"|[1-6][、.．]|(?:VI|IV|V|I{1,3})[、.．])")
# A number in brackets: “（一）” (a sub-heading's form in GB/T 9704, some reports' section
# heading) and the forms some templates use for sections, 【一】 〔一〕 [一] 〖一〗 (full-width
# ［一］ comes folded to [一]).  Such a heading names a section only with that section's number:
# “（一）主动公开政府信息情况” under 二 is its first sub-heading, no section.
_BRACKETED = re.compile(r"^[（(【〔\[〖]([一二三四五六])[）)】〕\]〗]")
# The top-level number of a section heading (“五、”, “第五部分”, “5.”), which with one of the
# section's cues ties an author's own wording to the section of that number.
_SECTION_NUMBER = re.compile(r"^(?:第([一二三四五六壹贰叁肆伍陆])(?:部分|章)|([一二三四五六壹贰叁肆伍陆])[、.．,，:：]|([1-6])[、.．](?!\d)|(VI|IV|V|I{1,3})[、.．])")
_ARABIC_SECTION = {**dict(zip("123456壹贰叁肆伍陆", "一二三四五六一二三四五六", strict=True)),
                   **dict(zip(("I", "II", "III", "IV", "V", "VI"), "一二三四五六", strict=True))}


@lru_cache(maxsize=4096)  # asked of each paragraph by several readers (目录, captions, sections); the same headings in every report
def classify_heading(text: str, own: bool, style: str) -> tuple[str, bool] | None:
    """(section key, named outright) if a paragraph of this text and style (its name, spaces
    taken out) is a section heading; ``own``: the file is ours, whose headings carry a style."""
    if own and style != "NBSection":
        return None
    text = loose(text)
    if not text or text.startswith(_TABLE_LABELS):  # 表三's “一、本年新收…” set as a paragraph (a <div> table)
        return None
    if not own and (run_in := run_in_heading(text)):
        return run_in, True
    if len(text) > 40:
        return None
    numbered = _NUMBERING.match(text)
    if numbered is None and not own:
        # Other people's headings carry a number; body text rarely does.  Without one, only
        # a paragraph that is exactly a statutory heading's words (“总体情况” in bold) is one,
        # or one set in Word's 标题 1 (Heading 1) that a section's words name alone.
        core = text.rstrip("。.:：")
        exact = next(((spec.key, True) for spec in SECTIONS if core == loose(spec.heading)[2:]), None)
        return exact if exact is not None or style.lower() not in _OUTLINE_STYLES else by_words(core)
    core = text[numbered.end() :] if numbered else text
    core = core.rstrip("。.:：")
    if not core:
        return None
    if (bracket := _BRACKETED.match(text)) is not None:
        return _bracketed(bracket.group(1), core)
    for spec in SECTIONS:
        if core == loose(spec.heading)[2:]:
            return spec.key, True
    if _STATES.search(core):
        return None  # a numbered line of text that names a section's subject (“1.全年主动公开政府信息3500条。”)
    for spec in SECTIONS:
        if any(w in core for w in spec.words) and len(core) <= len(spec.heading) + 14:
            return spec.key, True
    number = _SECTION_NUMBER.match(text)
    if number is None or len(core) > 30 or re.search(r"[。；;，,]", core):
        return None
    raw = next(g for g in number.groups() if g)
    key = _ARABIC_SECTION.get(raw, raw)
    if any(w in core for w in SECTION_BY_KEY[key].cues):
        return key, False
    return None


# What a heading never holds and a line of text does: a count (3500条, 12件, 1.5万人次) or a
# sentence's marks inside it (its end is stripped before).  Such a line is text even when it
# names a section's subject after a number — a sub-item of 一 read as 二's heading split the report.
_STATES = re.compile(r"[0-9](?:条|件|个|次|人次|万|份|篇|期|场|项|余|家|名|人)|[,;。!?]")
_OUTLINE_STYLES = frozenset(("heading1", "标题1"))  # style names, spaces taken out
# 表三's row labels numbered as sections are (一、本年新收…, 三、本年度办理结果): never a section's heading.
_TABLE_LABELS = tuple(sorted({loose(label) for path in T3_ROW_PATHS for label in path
                              if re.match(r"[一二三四五六]、", loose(label))}))


def area_sub_points(heads: dict[int, str], texts: dict[int, str]) -> set[int]:
    """Of the headings found (block index -> section, in order; ``texts``: their words), those met after a later
    section's that are sub-points of the later one naming an area of the work — 五 reviewing its
    problems area by area, “二、主动公开政府信息情况方面”, “1.主动公开政府信息情况方面存在不足” —
    not that section's heading again (written as before, or the statutory words alone: a section
    out of order, a body pasted twice)."""
    order = [s.key for s in SECTIONS]
    last, first = -1, dict[str, str]()
    points: set[int] = set()
    for at, key in heads.items():
        text = loose(texts.get(at, "")).rstrip("。.:：")
        if order.index(key) < last and key in first and text != first[key] and _names_an_area(text, key):
            points.add(at)
            continue
        first.setdefault(key, text)
        last = max(last, order.index(key))
    return points


def _names_an_area(text: str, key: str) -> bool:
    """A (loose) heading of section ``key`` numbered as another section (1. for 二), or its words
    and more (方面, 存在的问题) in no sentence."""
    numbered = _SECTION_NUMBER.match(text)
    if numbered is not None:
        raw = next(g for g in numbered.groups() if g)
        if _ARABIC_SECTION.get(raw, raw) != key:
            return True
    core = text[numbered.end():] if numbered else text
    spec = SECTION_BY_KEY[key]
    words = [w for w in (loose(spec.heading)[2:], *map(loose, spec.words)) if w in core]
    return bool(words) and len(core) > max(map(len, words)) and not re.search(r"[。；;，,]", core)


def by_words(core: str) -> tuple[str, bool] | None:
    """The one section whose words or cues an unnumbered heading has (“存在的不足及改进措施”
    set in 标题 1), as a heading found by its number and a cue is; None for none, or two."""
    core = loose(core)
    if len(core) > 30 or re.search(r"[。；;，,]", core):
        return None
    hits = {spec.key for spec in SECTIONS if any(w in core for w in (*spec.words, *spec.cues))}
    return (hits.pop(), False) if len(hits) == 1 else None


def bracketed(text: str) -> str:
    """The bracket a heading's number is in (“(” for “（一）”, “【” for “【一】”), "" for none: such
    a heading names a section only where no heading numbered 一、 does, and “（一）” only where
    none numbered in other brackets does (app/docx/assemble.py)."""
    m = _BRACKETED.match(loose(text))
    return m.group(0)[0].replace("（", "(") if m is not None else ""


def _bracketed(number: str, core: str) -> tuple[str, bool] | None:
    """A heading numbered “（一）”/“【一】”: the section of that number when its words are the
    section's (verbatim, the 2019 format's, or one of its cues)."""
    spec = SECTION_BY_KEY[number]
    if core == loose(spec.heading)[2:]:
        return spec.key, True
    if _STATES.search(core):
        return None
    if any(w in core for w in spec.words) and len(core) <= len(spec.heading) + 14:
        return spec.key, True
    if len(core) <= 30 and not re.search(r"[。；;，,]", core) and any(w in core for w in spec.cues):
        return spec.key, False
    return None


_BRACKETS = ("()", "【】", "〔〕", "[]", "〖〗")  # as loose() folds them


def _run_in(text: str) -> tuple[str, str] | None:
    """(section, heading as written) when a (loose) text opens with a verbatim heading, its
    number as the format writes it or in brackets (“【一】总体情况。…”), and what follows is
    its text, not more words of the heading (“一、总体情况概述”: an edited heading)."""
    for spec in SECTIONS:
        heading = loose(spec.heading)
        if text.startswith(heading):
            return None if _heading_tail(text[len(heading):]) else (spec.key, heading)
        if text[:1] in "(【〔[〖":
            for pair in _BRACKETS:
                bracketed_heading = pair[0] + spec.key + pair[1] + heading[2:]
                if text.startswith(bracketed_heading):
                    return None if _heading_tail(text[len(bracketed_heading):]) else (spec.key, bracketed_heading)
    return None


_TAIL = 10  # a heading's own added words are few (概述, 分析, 说明); a run-in sentence is longer
_RUN_IN_SEPARATORS = "。:,.;!?、"  # as loose() folds them: what sets a run-in heading off from its text
_BRACKETED_TAIL = re.compile(r"\([^()]{1,20}\)")  # （含收费情况）, （表一）
# Words a heading ends in (总体情况概述, 事项说明, 改进情况分析); what answers a section instead
# (无, 本年度未收取…, a figure) is its text, however short (“六、其他需要报告的事项 无”).
_HEADING_ENDS = ("概述", "综述", "概况", "简述", "说明", "分析", "情况", "总结")
_ANSWER = re.compile(r"[无未没0-9]|本年|今年|全年")


def _heading_tail(rest: str) -> bool:
    """Whether the (loose) words after a verbatim heading belong to it: a bracketed note alone, or
    a few words ending as headings do, set off by no separator; never words that answer it."""
    if not rest or rest[0] in _RUN_IN_SEPARATORS or _ANSWER.search(rest):
        return False
    return bool(_BRACKETED_TAIL.fullmatch(rest)) or (
        len(rest) <= _TAIL and rest.endswith(_HEADING_ENDS) and not re.search(r"[。；;，,:!?！？]", rest))


def run_in_heading(text: str) -> str | None:
    """A long paragraph that opens with a verbatim heading (“一、总体情况。2023年，…”); not a
    line that lists the headings (a 目录's or an introduction's “一、总体情况 二、主动公开政府信息
    情况 …”): read as a heading it split the report there, the 前言 after it read into 一."""
    hit = _run_in(text)
    return hit[0] if hit is not None and not _lists_headings(text) else None


_LISTING_REST = 30  # characters a line listing the headings has besides them (“本报告包括”, separators)


def _lists_headings(text: str) -> bool:
    """Whether a (loose) line is the headings listed: two numbered headings verbatim or more, and
    little else beside them (a whole report pasted as one line has its paragraphs too)."""
    named = [h for h in _NUMBERED_HEADINGS if h in text]
    if len(named) < 2:
        return False
    rest = text
    for h in named:
        rest = rest.replace(h, "")
    return len(re.sub(r"[\W_0-9]", "", rest)) <= _LISTING_REST


_NUMBERED_HEADINGS = tuple(loose(spec.heading) for spec in SECTIONS)


def after_run_in_heading(b: ParaBlock, key: str) -> list[Paragraph]:
    """The text after a run-in heading, runs and styles kept; [] for a heading on its own."""
    text = b.text
    hit = _run_in(loose(text))
    if hit is None or hit[0] != key or len(loose(text)) <= len(hit[1]):  # (one character is text too: 无)
        return []
    heading = hit[1]
    seen, cut = 0, 0
    while cut < len(text) and seen < len(heading):
        seen += 0 if text[cut].isspace() else 1
        cut += 1
    while cut < len(text) and (text[cut].isspace() or text[cut] in "。：:．.，,"):
        cut += 1
    cut += len(b.label) - len(b.number)  # a bullet, before the text in the runs only
    out: list[Paragraph] = []
    for para in b.paragraphs:
        runs: list[Run] = []
        for run in para.runs:
            drop = min(cut, len(run.text))
            cut -= drop
            if run.text[drop:]:
                runs.append(Run(run.text[drop:], run.bold, run.italic, run.underline))
        out.append(Paragraph(runs))
    return out


_SECTION_FIRST = frozenset("一二三四五六")


def cut_heading(text: str, tail: str) -> str | None:
    """The section whose statutory heading a converter cut over two paragraphs — ``text`` its
    first part (“三、收到和处理政府信息公开申请”), ``tail`` the rest (“情况”) — or None: the two
    joined are the heading exactly, the first alone is not."""
    first, rest = text.lstrip()[:2], "".join(tail.split())
    if len(text) > 40 or not 0 < len(rest) <= 20 or first[:1] not in _SECTION_FIRST or first[1:] not in ("、", ".", "．") \
            or not any(h.endswith(rest) for h in _HEADINGS):
        return None  # (the pre-check: most paragraphs open with no section number, or go on with no heading's end)
    written, joined = loose(text), loose(text + tail)
    return next((spec.key for spec in SECTIONS if joined == (full := _LOOSE_HEADINGS[spec.key]) and written != full), None)


_LOOSE_HEADINGS = {spec.key: loose(spec.heading) for spec in SECTIONS}
_HEADINGS = tuple(spec.heading for spec in SECTIONS)
