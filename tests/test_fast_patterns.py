"""Patterns written for the engine's speed (a character class first, look-behinds moved after
the first character) match exactly what their plain forms match: the same spans and groups,
over random strings of the characters that matter and over a generated report's text."""

from __future__ import annotations

import random
import re

import pytest

from app import textfold
from app.checks import dates, mismatch, text
from tests.realistic import varied_report

_CN_DIGITS = "〇零○一二三四五六七八九"
_PLAIN = {
    "year": (dates._YEAR, r"(?<![\d〇零○一二三四五六七八九])(\d{4}|[〇零○一二三四五六七八九]{4})\s*年(?:度)?",
             list("0123456789０１٣年度 \t至，。的") + list(_CN_DIGITS)),
    "sentence end": (text._SENTENCE_END, r"[。！？；!?;]+|\n", list("。！？；!?;\n的a，\r")),
    "white space": (textfold._DROP, rf"[\s{textfold._INVISIBLE}]+",
                    list(" \t\n\u3000\u00a0\u200b\ufeff\u00ad\u2060的a，")),
    "results named together": (
        mismatch._SUM,
        rf"(?<!不)(?P<kinds>{mismatch._KIND}(?:(?:、|和|及|与|以及|或)(?:申请)?{mismatch._KIND})+)(?:的(?:申请)?)?"
        rf"(?P<each>分别|各)?(?:共计|共|合计|总计|累计|总数)?(?:为|达|是)?(?P<n>{mismatch.NUM[1:-1]}){mismatch._UNIT}",
        [*mismatch._KIND_WORDS, "不", "和", "、", "共", "3", "十二", "件", "的", "分别", "为", "申请", "。"]),
    "repeated clause": (text._CLAUSE_TWICE, rf"([{text._CJK}]{{4,30}})[，、,]\1(?=[，。；、,;]|$)",
                        ["依法", "公开", "政务", "，", "、", "。", "工作", "a", "推进"]),
}


@pytest.mark.parametrize("name", list(_PLAIN))
def test_a_fast_pattern_matches_as_its_plain_form(name: str) -> None:
    fast, plain_source, pieces = _PLAIN[name]
    plain = re.compile(plain_source)
    rng = random.Random(name)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 16))) for _ in range(20_000)]
    texts += [p.text for ps in varied_report(20_000, seed=9, noisy=True).sections.values() for p in ps]
    found = 0
    for s in texts:
        want = [(m.span(), m.groups()) for m in plain.finditer(s)]
        assert [(m.span(), m.groups()) for m in fast.finditer(s)] == want, s
        found += len(want)
    assert found >= 10  # the strings exercise the pattern
