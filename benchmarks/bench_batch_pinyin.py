"""批量检查's list with Chinese names in pinyin order (app/hanzi_order.py) against the code-point
order it had, in the same run:

    .venv/bin/python benchmarks/bench_batch_pinyin.py [--runs N] [--rows N]

A fresh process reads the pinyin table once (the first key: the cost the batch window pays at its
first result).  Then, alternately with hanzi_order.key as it is and as the identity (the old keys),
``--rows`` results with Chinese organs and paths are put into an offscreen BatchModel and the
proxy sorts them by 机关名称 and by 文件: the GUI thread's time.  Medians over runs.  Not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from common import ROOT  # noqa: F401  # the project on the import path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rows", type=int, default=2000)
    args = parser.parse_args()

    t = time.perf_counter()
    from app import hanzi_order

    hanzi_order.key("北京")
    table_ms = (time.perf_counter() - t) * 1000

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from app import batch
    from ui import batch_model

    app = QApplication.instance() or QApplication([])
    assert app is not None
    places = "安徽北京长沙重庆厦门乡镇街道武汉郑州南宁拉萨昆明贵阳成都西安兰州银川"
    results = [batch.FileResult(f"/收到的年报/{places[i % 17:i % 17 + 2]}{i}/{places[(i * 7) % 17:(i * 7) % 17 + 2]}区年报.docx",
                                organ=f"{places[(i * 3) % 17:(i * 3) % 17 + 2]}市第{i}局", year=2023)
               for i in range(args.rows)]
    pinyin = hanzi_order.key
    times: dict[str, list[float]] = {"pinyin": [], "code point": []}
    for _ in range(args.runs):
        for name, key in (("pinyin", pinyin), ("code point", str)):
            hanzi_order.key = key  # type: ignore[assignment]
            model = batch_model.BatchModel()
            proxy = batch_model.ErrorsOnly()
            proxy.setSourceModel(model)
            t = time.perf_counter()
            for r in results:
                model.put(r)
            proxy.sort(batch_model.COLUMNS.index("机关名称"), Qt.SortOrder.AscendingOrder)
            proxy.sort(batch_model.COLUMNS.index("文件"), Qt.SortOrder.DescendingOrder)
            times[name].append((time.perf_counter() - t) * 1000)
    hanzi_order.key = pinyin
    print(f"pinyin table read (first key): {table_ms:.1f} ms")
    for name, ms in times.items():
        print(f"{args.rows} rows put and sorted twice, {name} keys: median {statistics.median(ms):.0f} ms")


if __name__ == "__main__":
    main()
