"""What Qt's Chinese strings cost at start-up (not a test): prints medians of several runs.

    .venv/bin/python benchmarks/bench_translators.py [--runs N]

- ``install_translators`` (qtbase_zh_CN + qt_zh_CN loaded, the supplement of strings Qt's
  translation lacks) against the anchor, loading qtbase_zh_CN alone, in the same run;
- a translated string looked up (QCoreApplication.translate, as Qt's widgets do for each of
  their labels) with the Python supplement installed and without it.
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import median_ms
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator
from PySide6.QtWidgets import QApplication

from ui.appsetup import _Supplement, install_translators

LOOKUPS = 2000  # about what the window, its menus and a file dialog ask for


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    app = QApplication([])
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)

    def anchor() -> None:
        translator = QTranslator(app)
        translator.load("qtbase_zh_CN", folder)
        app.installTranslator(translator)
        app.removeTranslator(translator)

    def ours() -> None:
        for translator in install_translators(app):
            app.removeTranslator(translator)

    def lookups() -> None:
        for _ in range(LOOKUPS):
            QCoreApplication.translate("QFileDialog", "Look in:")

    ours()  # the supplement stays installed from here on (as in the program)
    supplement = app.findChild(_Supplement)
    base, mine = median_ms(anchor, runs), median_ms(ours, runs)
    with_it = median_ms(lookups, runs)
    app.removeTranslator(supplement)
    without = median_ms(lookups, runs)
    load = os.getloadavg()[0]
    cpu = time.process_time()
    print(f"runs {runs}, load average {load:.2f}, CPU so far {cpu:.2f} s")
    print(f"install_translators            {mine:7.2f} ms   anchor qtbase_zh_CN alone {base:6.2f} ms")
    print(f"{LOOKUPS} lookups, supplement in   {with_it:7.2f} ms   without {without:6.2f} ms"
          f"   (+{(with_it - without) / LOOKUPS * 1000:.2f} µs each)")


if __name__ == "__main__":
    main()
