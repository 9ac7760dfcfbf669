"""Text checks on hostile text (issue 9): each case must finish in ≤ 2 s, or give up on that
part with a hint.  Prints medians of several runs, with the sample report's full check in the
same run as the anchor (this machine is shared and noisy).

    .venv/bin/python benchmarks/bench_hostile_text.py [--runs N]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from common import SAMPLE, median_ms

from app.checks import run_all
from app.reading import load_report
from app.report import Paragraph, Report

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def cases() -> dict[str, Report]:
    base = load_report(SAMPLE)
    clauses = sorted({c for k in base.sections for p in base.sections[k]
                      for c in p.text.replace("。", "，").split("，") if len(c) >= 4})
    rng = random.Random(9)

    def with_text(paras: list[str]) -> Report:
        r = Report(organ=base.organ, year=base.year, tables=base.tables)
        r.sections["一"] = [Paragraph.plain(t) for t in paras]
        return r

    sentence = "本机关严格按照《中华人民共和国政府信息公开条例》要求依法公开政府信息。"
    mega = "".join("，".join(rng.sample(clauses, 3)) + "。" for _ in range(20_000))[:1_000_000]
    big = ["".join("，".join(rng.sample(clauses, 3)) + "。" for _ in range(2_500))[:100_000] for _ in range(3)]
    return {
        "one sentence ×20,000 in one paragraph": with_text([sentence * 20_000]),
        "one sentence ×20,000 as paragraphs": with_text([sentence] * 20_000),
        "one word ×50,000 (政府政府…)": with_text(["政府" * 50_000]),
        "a 1 MB paragraph": with_text([mega]),
        "a body pasted twice, 100,000-character paragraphs": with_text(big + big),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    runs = ap.parse_args().runs
    from app.checks import mismatch, text

    def cold(r: Report) -> None:
        for cached in (text._split, text._stutters, text._grams, text._similar, mismatch.statements):
            cached.cache_clear()
        run_all(r)

    sample = load_report(SAMPLE)
    print(f"{'case':55} {'all checks, cold (median)':>26}")
    print(f"{'anchor: the published sample':55} {median_ms(lambda: cold(sample), runs):>23.0f} ms")
    for name, report in cases().items():
        print(f"{name:55} {median_ms(lambda r=report: cold(r), runs):>23.0f} ms   goal ≤ 2000 ms")


if __name__ == "__main__":
    main()
