"""Regular expressions compiled on first use (app/patterns.py)."""

from __future__ import annotations

import copy
import pickle
import re
import subprocess
import sys
from pathlib import Path

from app.patterns import lazy, source

ROOT = Path(__file__).resolve().parents[1]


def test_a_lazy_pattern_is_the_compiled_pattern() -> None:
    p, c = lazy(r"(?P<n>\d+)\s*件"), re.compile(r"(?P<n>\d+)\s*件")
    assert source(p) == c.pattern == r"(?P<n>\d+)\s*件"
    text = "收到申请12件，办结 3 件。"
    assert [m.span() for m in p.finditer(text)] == [m.span() for m in c.finditer(text)]
    assert p.search(text).group("n") == "12"  # type: ignore[union-attr]
    assert p.match(text) is None and p.fullmatch("7件") is not None
    assert p.sub("#", text) == c.sub("#", text) and p.findall(text) == c.findall(text)
    assert p.groupindex == c.groupindex and p.pattern == c.pattern and p.groups == 1


def test_a_lazy_pattern_copies_and_pickles_before_and_after_first_use() -> None:
    for used in (False, True):
        p = lazy("公开+")
        if used:
            assert p.search("公开开")
        for twin in (copy.copy(p), copy.deepcopy(p), pickle.loads(pickle.dumps(p))):
            assert twin.search("政府信息公开开").group() == "公开开"  # type: ignore[union-attr]


def test_importing_the_checks_compiles_no_pattern_of_ours() -> None:
    """Compiling the checks' patterns at import cost about 15 ms of every start-up."""
    script = """
import re, sys
compiled = []
real = re._compile
def counting(pattern, flags):
    caller = sys._getframe(1)
    while caller.f_globals.get("__name__", "").startswith("re"):
        caller = caller.f_back
    compiled.append(caller.f_globals.get("__name__", ""))
    return real(pattern, flags)
re._compile = counting
import app.checks, app.values, app.labels, app.lastyear, app.deadlines, app.textfold
print(sorted({name for name in compiled if name.startswith("app.checks") or name in (
    "app.values", "app.labels", "app.lastyear", "app.deadlines", "app.textfold")}))
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_rewritten_subject_patterns_match_exactly_where_the_old_ones_did() -> None:
    """办结/答复 not after a manner word, and a result kind not after 不, were written with the
    look-behinds first (slow: tried at every position); the verb-first forms must agree."""
    import itertools

    from app.checks import mismatch
    from app.schema import T3_RESULT_KINDS

    manner = "".join(f"(?<!{w})" for w in mismatch._MANNERS)
    tail = r"(?:了)?(?:申请)?(?P<n>\d+|[零〇一二两三四五六七八九十百千]+)\s*(?:件|起|宗|次|个(?!工作日|月|小时|日|自然日|百分点))"
    old = [re.compile(rf"{manner}(?:办结|答复){tail}")]
    new = [next(s.pattern for s in mismatch.SUBJECTS if "(?<!形式办)" in source(s.pattern))]
    for name in T3_RESULT_KINDS:
        old.append(re.compile(rf"(?<!不){name}(?:的)?(?P<n>\d+|[零〇一二两三四五六七八九十百千]+)\s*"
                              r"(?:件|起|宗|次|个(?!工作日|月|小时|日|自然日|百分点))"))
        new.append(next(s.pattern for s in mismatch.SUBJECTS if source(s.pattern).startswith(name)))
    words = ["", "不", "以", "书面", "形式", "网上", "电话", "当面", "逾期", "依法"]
    verbs = ["办结", "答复", "办结了申请", *T3_RESULT_KINDS, "全部公开", "不予公开"]
    texts = [f"{a}{b}{v}{n}件" for a, b in itertools.product(words, repeat=2) for v in verbs for n in ("3", "十二")]
    for o, n in zip(old, new, strict=True):
        assert [[m.span() for m in o.finditer(t)] for t in texts] == [[m.span() for m in n.finditer(t)] for t in texts]
    assert any(o.search(t) for o in old for t in texts) and any(not o.search(t) for o in old for t in texts)


def test_compile_all_compiles_what_is_pending_once_and_the_patterns_still_match() -> None:
    """The editor's idle warm-up after a start whose findings came from the child process."""
    from app import patterns

    fresh = patterns.lazy(r"第(\d+)条")
    assert "search" not in vars(fresh)
    assert patterns.compile_all() >= 1
    assert "search" in vars(fresh) and patterns.compile_all() == 0
    match = fresh.search("见第12条")
    assert match is not None and match.group(1) == "12"
