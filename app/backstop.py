"""The backstop under the readers' caps (app/limits.py): a hostile file of a class no cap knows
still cannot take a read past app/limits.READ_CPU_S of processor time or READ_MEMORY_BYTES of memory.

    backstop.arm()               # once, in a process that reads files for someone else
    with backstop.reading():     # each file's read (and checks)
        ...                      # TooCostly past the processor deadline, MemoryError past the memory

Only processes that read on their main thread are armed: the command line (`check`, `dump`,
`export`, `new`), a batch's worker processes (app/batch_pool.py) and the start file's child
(app/prefetch_child.py).  The window's process never is: a memory ceiling would hit the whole
editor and a signal cannot stop its reading thread — its reads of risky files belong in a child.

How: RLIMIT_DATA's soft limit (malloc and Python's allocations fail: MemoryError, which the
readers turn into one Chinese line) and RLIMIT_CPU's soft limit (SIGXCPU, whose handler raises
TooCostly in the main thread), both set when a read starts and put back when it ends; the hard
limits are never touched, so they can be put back.  A read stuck inside one C call holding the
interpreter is not interrupted (the handler runs when the call returns); the readers' caps keep
the C parsers' inputs small.

Windows has no ``resource`` module: nothing is bounded there beyond the readers' caps (arm and
reading do nothing); a batch's worker that exhausts the memory dies and its file is marked as a
crashed worker's (app/batch.crashed).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

# The limits (app/limits.READ_CPU_S, READ_MEMORY_BYTES: 60 s, 1 GiB), from measurement on the
# 2-core machine, `check FILE`: the hostile files of benchmarks/bench_hostile_files.py peak at
# 157 MB and 2.4 processor s; a report near the caps (document.xml of 7.6 MB: 9,000 annex rows and
# 20,000 paragraphs) 129 MB (VmData 108 MB) and 2.8 s; the published sample 36 MB and 0.6 s; the
# caps were designed for "a few seconds and well under 500 MB".  So some 20 times the slowest read
# and 8 times the largest: a slow office PC, or a real annex bigger than any measured, stays far
# below.  Memory: the reading process's data (RLIMIT_DATA: what malloc and Python allocate, not
# the libraries' code or Qt's fonts); a batch of 4 workers could still take 4 GiB at worst.
# Processor time, not wall time: a worker sharing its core with three others, or waiting on
# LibreOffice or a network share, is not cut short.

# The house's words (app/reading.py says "文件内容过大或结构异常，读取时内存不足，未能打开" for a
# MemoryError inside a reader), with the limit that was in force.
def too_slow(cpu_s: float | None = None) -> str:
    from app import limits

    return (f"文件内容过大或结构过于复杂，读取和检查用时超出上限（处理器时间{cpu_s or limits.READ_CPU_S:g}秒），"
            "未能读取；年报不会这样，文件可能已损坏或是恶意构造")


def too_big(memory: int | None = None) -> str:
    from app import limits

    return (f"文件内容过大或结构过于复杂，读取和检查所需内存超出上限（{(memory or limits.READ_MEMORY_BYTES) // 1048576} MB），"
            "未能读取；年报不会这样，文件可能已损坏或是恶意构造")


class TooCostly(BaseException):
    """The processor deadline of a read passed.  A BaseException: no reader's or check's
    ``except Exception`` turns it into another message or carries on past it.  str(): too_slow's."""

    def __init__(self, cpu_s: float | None = None) -> None:
        super().__init__(too_slow(cpu_s))


_armed = False
_deadline_s: float | None = None  # the processor seconds the current read was given
_active = False  # within reading(): a SIGXCPU now stops the read (once; the kernel repeats it each second)


def arm() -> None:
    """Make this process's reads bounded (its main thread's ``reading()`` blocks)."""
    global _armed
    try:
        import resource  # noqa: F401 - POSIX only
    except ImportError:  # Windows
        return
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGXCPU"):
        return
    # Installed once and left: a SIGXCPU pending when a read ends would otherwise meet the default
    # action (the process ends with a core dump).
    signal.signal(signal.SIGXCPU, _on_xcpu)
    _armed = True


def armed() -> bool:
    return _armed


def _on_xcpu(_signum: int, _frame: object) -> None:
    global _active
    if _active:
        _active = False
        raise TooCostly(_deadline_s)


@contextlib.contextmanager
def reading(cpu_s: float | None = None, memory: int | None = None) -> Iterator[None]:
    """Within: past ``cpu_s`` more processor seconds (app/limits.READ_CPU_S) TooCostly is raised,
    past ``memory`` bytes of data (READ_MEMORY_BYTES) MemoryError; nothing in a process not
    armed or off its main thread."""
    global _active, _deadline_s
    from app import limits

    cpu_s = limits.READ_CPU_S if cpu_s is None else cpu_s  # looked up now: a test sets small ones
    memory = limits.READ_MEMORY_BYTES if memory is None else memory
    if not _armed or _active or threading.current_thread() is not threading.main_thread():
        yield  # not armed, or a read within a read (last year's within `check --last`): the outer one bounds it
        return
    import math
    import resource
    import time

    cpu = resource.getrlimit(resource.RLIMIT_CPU)
    data = resource.getrlimit(resource.RLIMIT_DATA)
    deadline = math.ceil(time.process_time() + cpu_s)  # whole seconds: the kernel's unit
    _set(resource.RLIMIT_CPU, deadline, cpu)
    _set(resource.RLIMIT_DATA, memory, data)
    _active, _deadline_s = True, cpu_s
    try:
        yield
    finally:
        _active = False
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_DATA, data)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_CPU, cpu)


def _set(which: int, soft: int, was: tuple[int, int]) -> None:
    """The soft limit lowered to ``soft`` (never above the hard one, nor above a lower one already set)."""
    import resource

    old_soft, hard = was
    if old_soft != resource.RLIM_INFINITY and old_soft <= soft:
        return
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(which, (soft, hard))


@contextlib.contextmanager
def lifted() -> Iterator[None]:
    """Within: the limits a read set are off — around starting another program (LibreOffice),
    which would inherit them and be stopped by our deadline or our ceiling, not its own."""
    if not _active:
        yield
        return
    import resource

    saved = [(which, resource.getrlimit(which)) for which in (resource.RLIMIT_CPU, resource.RLIMIT_DATA)]
    for which, (_soft, hard) in saved:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(which, (hard, hard))
    try:
        yield
    finally:
        for which, limits in saved:
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(which, limits)
