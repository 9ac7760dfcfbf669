"""The child's side of app/prefetch.py: the report named at the start read and checked, its result
handed to the editor — through a pipe by the forked child (``serve``), or into a file by a child
started as a new process where there is no fork (``main``: ``python -m app.prefetch_child PATH
OUT``, the frozen program's ``--prefetch-child``).  The editor's own process never imports this
module; the forked child does, after the fork."""

from __future__ import annotations

# pickle's C half alone, as app/prefetch.py reads it.
import _pickle as pickle
import contextlib
import os
import sys
from pathlib import Path

from app.backstop import TooCostly
from app.errors import ReadError


def result(path: Path, check: bool = True) -> tuple[bytes, int]:
    """In the child: ("ok", report, findings) pickled and 0; ("error", message) when the reader
    refused the file (the parent says it); ("too-big",) when the memory ran out; or 'failed'
    and 1: the parent reads it itself (what is not a .docx — an OpenDocument or Word 97 file
    under a .docx name goes through LibreOffice, which only the ordinary read can stop)."""
    try:
        from app import sniff
        from app.limits import open_regular

        with open_regular(path) as f:  # a FIFO is refused, never waited on
            is_zip = f.read(4) == b"PK\x03\x04"
        if not is_zip or sniff.zip_kind(path) is not sniff.Kind.DOCX:
            return pickle.dumps("failed"), 1
        from app import backstop
        from app.reading import load_report

        backstop.arm()  # this process only reads: bounded, so a hostile file is one message, not minutes
        with backstop.reading():
            report = load_report(path)
            findings = []
            if check:
                from app.checks import run_all

                findings = run_all(report)
        return pickle.dumps(("ok", report, findings), protocol=-1), 0  # -1: the highest
    except ReadError as e:
        return pickle.dumps(("error", str(e))), 0
    except MemoryError:
        return pickle.dumps(("too-big",)), 0
    except TooCostly as e:  # the processor deadline: reading it again in the editor would take as long
        return pickle.dumps(("error", f"{path}：{e}")), 0
    except BaseException:  # anything else: the parent reads it again and says why
        return pickle.dumps("failed"), 1


def serve(path: Path, fd: int, check: bool) -> int:
    """In the forked child: the result into the pipe.  The patterns the reader and the checks
    compile come from the compile cache (app/compile_cache.py): compiled afresh, the checks'
    first run was ~55 ms of the child's ~150, and the window waits for the child."""
    from app import compile_cache

    with compile_cache.compiled():  # written (when something was new) after the pipe is closed
        data, code = result(path, check)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            _delivered.append(True)  # from here the child may outlive the editor: its caches
        except OSError:  # the parent went away, or no longer wants it
            return 1
        finally:
            os.close(fd)  # the parent has it all now, not after the cache is written
    compile_cache.release()  # the editor's hold, inherited at the fork (app.launch): what was added, written
    return code


_delivered: list[bool] = []  # in the forked child: its result written whole


def leave_with_parent(life: int) -> None:
    """In the forked child: it ends as soon as the editor that forked it has gone (ended by a
    signal in its first second, crashed) before the result was written — not after reading and
    checking the whole file for nobody (a huge or hostile file: a core and its memory for
    seconds).  The life line's other end is held by the editor alone: reading it returns only
    when that end is closed, by the editor's end (or once it has the result, ``let_go``).  A
    thread of its own, on ``_thread``: blocked in that read it needs nothing of the reading."""
    import _thread

    def watch() -> None:
        with contextlib.suppress(OSError):
            os.read(life, 1)
        if not _delivered:
            os._exit(1)

    _thread.start_new_thread(watch, ())


def main(argv: list[str]) -> int:
    """A spawned child: ``PATH OUT [JOB]`` — read and check PATH, its pickled result into OUT
    (written whole: a temporary name, then renamed); exit 0, or 1 when it could not read it.
    JOB: the editor's job object to join first (Windows, app/jobobject.py)."""
    if len(argv) > 2:
        from app import jobobject

        jobobject.join(argv[2])
    from app import compile_cache

    path, out = Path(argv[0]), Path(argv[1])
    with compile_cache.compiled():  # the patterns, as a forked child has them (serve)
        data, code = result(path)
    if code == 0:  # a result to hand over (a report, or the reader's message)
        partial = out.with_name(out.name + ".part")
        try:
            partial.write_bytes(data)
            os.replace(partial, out)
        except OSError:
            with contextlib.suppress(OSError):
                partial.unlink()
            return 1
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
