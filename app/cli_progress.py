"""`check`'s progress bar over a folder: on stderr, and only on a terminal."""

from __future__ import annotations

import sys
from typing import Any


class ProgressBar:
    """A progress bar on stderr when it is a terminal; nothing in a pipe, a file or a test.
    (stderr only: `check DIR > out.txt` keeps the bar off the file.)"""

    def __init__(self) -> None:
        self.bar: Any = None

    def __enter__(self) -> ProgressBar:
        return self

    def __call__(self, done: int, total: int, result: object) -> None:
        if not sys.stderr.isatty():
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="份", desc="检查", file=sys.stderr, leave=False)
        if self.bar.total != total:
            self.bar.total = total
        self.bar.update(done - self.bar.n)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()
