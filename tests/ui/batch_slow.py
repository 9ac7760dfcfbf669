"""A reader that takes its time, for the batch's worker processes: app.batch pickles the
function it runs by name, so a test that puts this one in place of app.batch.check_file has it run
in each worker.  Each call leaves its process id in $BATCH_SLOW_PIDS, then sleeps."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any


def check_file(path: str, last: dict[str, Any] | None = None, cancelled: object = None) -> None:
    (Path(os.environ["BATCH_SLOW_PIDS"]) / str(os.getpid())).touch()
    time.sleep(60)
