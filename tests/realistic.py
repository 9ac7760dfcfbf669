"""Large reports made of a real report's clauses, for tests that compare findings over much text.

Frozen here (not imported from benchmarks/) so that the saved findings in
tests/data/findings-realistic.json stay the findings of exactly these reports.  ``noisy`` adds
what third-party text has and the text fold must see through — full-width digits, ideographic
and no-break spaces, copies of sentences retyped with them, near-copies, stutters, Chinese
numerals and last year's year — so that the saved findings cover every text check.
"""

from __future__ import annotations

import random

from app.reading import load_report
from app.report import Paragraph, Report
from tests.conftest import SAMPLE

_FULL = str.maketrans("0123456789", "０１２３４５６７８９")
_STATEMENTS = (
    "本年度共收到政府信息公开申请一百零五件。", "全年新收政府信息公开申请十二件，上年结转两件。",
    "二〇二〇年共收到政府信息公开申请二十件。", "发生政府信息公开行政复议案件三件。",
    "制发行政规范性文件一千二百三十四件。", "未发生因政府信息公开被申请行政复议的情况。",
    "予以公开和部分公开共计1万2千件。", "办结申请13件，其中以公开形式答复8件。",
)


def varied_report(chars: int, seed: int, noisy: bool = False) -> Report:
    base = load_report(SAMPLE)
    clauses = sorted({c for k in base.sections for p in base.sections[k]
                      for c in p.text.replace("。", "，").split("，") if len(c) >= 4})
    rng = random.Random(seed)
    r = Report(organ=base.organ, year=base.year, tables=base.tables)
    keys = ["一", "五", "六", "前言"]
    written: list[str] = []
    total, i = 0, 0
    while total < chars:
        sentences = ["，".join(rng.sample(clauses, 3)) + "。" for _ in range(4)]
        if noisy:
            sentences = _noise(sentences, written, rng, i)
        written += sentences
        para = "".join(sentences)
        if i % 25 == 24:  # a pasted passage, as real reports have
            para += r.sections[keys[(i + 1) % 4]][0].text[:60]
        r.sections[keys[i % 4]].append(Paragraph.plain(para))
        total += len(para)
        i += 1
    return r


def _noise(sentences: list[str], written: list[str], rng: random.Random, i: int) -> list[str]:
    out = list(sentences)
    how = i % 7
    if how == 1:
        out[0] = out[0].translate(_FULL)
    elif how == 2:
        out[0] = "\u3000\u3000" + out[0].replace("，", "，\u00a0", 1)
    elif how == 3 and written:  # retyped copy: spaces and full-width forms inside
        copy = rng.choice(written)
        out[1] = " ".join(copy[:10]) + copy[10:].translate(_FULL).replace("，", ", ", 1)
    elif how == 4 and written:  # near-copy: one character changed
        copy = rng.choice(written)
        k = len(copy) // 2
        out[2] = copy[:k] + "另" + copy[k + 1:]
    elif how == 5:
        out[3] = out[3].replace("公开", "公开公开", 1).replace("的", "的的", 1)
    elif how == 6:
        out[1] = rng.choice(_STATEMENTS)
    return out
