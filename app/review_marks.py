"""审核状态: a reviewer's 已审核 / 已发布 marks on the reports of 批量检查, kept per user.

The year's cycle ends checked → reviewed → published, and the folder of reports is often a share
or read-only: marks are never written there but into the program's data folder (``marks.json``),
one store for every batch window and every instance of the program.

A mark is keyed by the file's content (SHA-256 of its bytes) and remembers the path it was set
on: a report moved or renamed keeps its mark (its bytes are the same), while one changed after it
was marked is no longer the report reviewed — its path finds the old mark, shown as
已审核（文件已改动）, and it needs a new review.  The mark saying 未审核 is no mark at all.

Two instances may mark at the same moment: every change is read-modify-write under the
operating system's lock on ``marks.lock`` beside it (app/dataclass_cache.locked: a process that
dies holding it releases it), the file replaced whole (app/io.atomic_write), so neither loses
the other's marks.  A file that cannot be read as marks (damaged, a newer version's layout) is
moved aside, named in one Chinese message, and the store starts empty; one a newer version wrote
(its ``format`` higher) is left alone: said, not shown, never written over.

Pure: no Qt (ui/batch_marks.py is the window's side).
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

NAME = "marks.json"
LOCK = "marks.lock"
FORMAT = 1
LOCK_WAIT_S = 5.0  # another instance's write takes milliseconds; longer is a hung share or disk
REVIEWED, PUBLISHED = "reviewed", "published"
STATES = {REVIEWED: "已审核", PUBLISHED: "已发布"}
UNREVIEWED = "未审核"
CHANGED = "（文件已改动）"
_CHUNK = 1 << 20


class MarksError(Exception):
    """The marks could not be written.  str(err) is one line of Chinese."""


class _Newer(Exception):
    """A marks file of a later layout (a newer version of the program sharing the profile): left
    as it is, neither read nor written over nor taken for damaged."""


NEWER = "审核标记文件由较新版本的本程序写入，这一版本不能读取，也不会改动它"


@dataclass(frozen=True)
class Mark:
    """A reviewer's mark on one report file, keyed by its content (the module's docstring)."""

    digest: str  # SHA-256 of the file's bytes when it was marked
    path: str  # where it was, absolute
    state: str  # REVIEWED or PUBLISHED
    at: str  # local time, ISO 8601 to the second
    by: str = ""

    @property
    def day(self) -> str:
        return self.at[:10]


@dataclass(frozen=True)
class Status:
    """What the 状态 column says of one file."""

    mark: Mark | None
    changed: bool = False  # ``mark`` is of this path's earlier content

    @property
    def name(self) -> str:
        """未审核, 已审核, 已发布, or either of the last two 已改动 since."""
        if self.mark is None:
            return UNREVIEWED
        return STATES.get(self.mark.state, STATES[REVIEWED]) + (CHANGED if self.changed else "")

    @property
    def label(self) -> str:
        """The name with the day it was marked (a mark changed since: the name says enough)."""
        return self.name if self.mark is None or self.changed else f"{self.name} {self.mark.day}"

    @property
    def tip(self) -> str:
        if self.mark is None:
            return "尚未标记为已审核或已发布"
        name = STATES.get(self.mark.state, STATES[REVIEWED])
        who = f"由 {self.mark.by} " if self.mark.by else ""
        said = f"{self.mark.at.replace('T', ' ')} {who}标记为{name}"
        if self.changed:
            said += "；此后文件已改动，需要重新审核"
        return f"{said}\n标记时的文件：{self.mark.path}"


def digest(path: str | Path) -> str | None:
    """SHA-256 of a regular file's bytes; None for anything else or what cannot be read.  Opened
    without blocking and its type checked on the open file (as app/batch_collect.read_head): a FIFO
    would wait for a writer for ever, a device never end."""
    import hashlib

    h = hashlib.sha256()
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except (OSError, ValueError):
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        while chunk := os.read(fd, _CHUNK):
            h.update(chunk)
    except OSError:
        return None
    finally:
        os.close(fd)
    return h.hexdigest()


def _key(path: str) -> str:
    return os.path.normcase(os.path.abspath(path))


def by_path(marks: dict[str, Mark]) -> dict[str, Mark]:
    """The newest mark set on each path (``status``'s index: once for a list of files)."""
    out: dict[str, Mark] = {}
    for m in marks.values():
        key = _key(m.path)
        if key not in out or m.at > out[key].at:
            out[key] = m
    return out


def status(marks: dict[str, Mark], path: str, content: str | None, places: dict[str, Mark] | None = None) -> Status:
    """The file at ``path`` with the digest ``content``: marked by its content wherever it was
    marked; else the newest mark set on this path, of other content (changed since).  A file
    whose content is not known (unreadable) has the mark of its path, not said to be changed."""
    if content is not None and content in marks:
        return Status(marks[content])
    here = (places if places is not None else by_path(marks)).get(_key(path))
    return Status(None) if here is None else Status(here, changed=content is not None)


def who() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment or the password database
        return ""


def new_mark(content: str, path: str, state: str, at: dt.datetime | None = None) -> Mark:
    when = (at or dt.datetime.now()).isoformat(timespec="seconds")
    return Mark(content, os.path.abspath(path), state, when, who())


class MarkStore:
    """The marks file of ``folder``; ``problem``: the last damaged file's message (once)."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / NAME
        self.problem: str | None = None

    def load(self) -> dict[str, Mark]:
        """The marks by digest; a damaged file is set aside first (the module's docstring)."""
        try:
            marks, bad = self._read()
            if bad:
                from app.dataclass_cache import locked

                with locked(self.path, LOCK_WAIT_S, LOCK) as turn:
                    if turn:  # read again under the lock: another instance may have replaced it
                        marks, bad = self._read()
                        if bad:
                            self._set_aside()
                    return {} if bad else marks
        except OSError as e:
            self.problem = f"审核标记文件无法读取：{self.path}（{e.strerror or e}）"
            return {}
        except _Newer:
            self.problem = f"{NEWER}：{self.path}"
            return {}
        return marks

    def change(self, put: Sequence[Mark] = (), drop: Iterable[str] = ()) -> dict[str, Mark]:
        """The marks ``put`` in (each replacing its digest's and the other marks of its path) and
        the digests ``drop`` taken out, as one write under the lock over what is stored now;
        returns them all.  Raises MarksError (nothing written)."""
        from app.dataclass_cache import locked
        from app.errors import WriteError
        from app.io import atomic_write

        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise MarksError(f"审核标记未保存：数据文件夹无法创建（{e.strerror or e}）：{folder}") from e
        with locked(self.path, LOCK_WAIT_S, LOCK) as turn:
            if not turn:
                if not os.access(folder, os.W_OK):
                    raise MarksError(f"审核标记未保存：数据文件夹不可写入：{folder}")
                raise MarksError(f"审核标记未保存：另一个窗口正在写标记文件，请稍后再试（{self.path}）")
            try:
                marks, bad = self._read()
            except OSError as e:  # never written over: it may hold marks this one cannot see
                raise MarksError(f"审核标记未保存：标记文件无法读取（{e.strerror or e}）：{self.path}") from e
            except _Newer as e:
                raise MarksError(f"审核标记未保存：{NEWER}：{self.path}") from e
            if bad:
                self._set_aside()
                marks = {}
            drop = set(drop)
            paths = {_key(m.path) for m in put}
            marks = {d: m for d, m in marks.items() if d not in drop and _key(m.path) not in paths}
            marks.update((m.digest, m) for m in put)
            body = json.dumps({"format": FORMAT, "marks": [asdict(m) for m in marks.values()]},
                              ensure_ascii=False, indent=0).encode("utf-8")
            try:
                atomic_write(self.path, lambda tmp: tmp.write_bytes(body))
            except (WriteError, OSError) as e:
                raise MarksError(f"审核标记未保存：{e}") from e
        return marks

    def _read(self) -> tuple[dict[str, Mark], bool]:
        """(marks, whether the file is damaged); no file is no marks.  Raises OSError when it
        cannot be read (a permission): not damaged, never moved aside nor written over."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}, False
        try:
            data = json.loads(raw.decode("utf-8"))
            newer = data.get("format") if isinstance(data, dict) else None
            if isinstance(newer, int) and not isinstance(newer, bool) and newer > FORMAT:
                raise _Newer(newer)
            if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("marks"), list):
                raise ValueError("not marks")
            out: dict[str, Mark] = {}
            for r in data["marks"]:
                m = Mark(**{k: r[k] for k in ("digest", "path", "state", "at", "by")})
                if not all(isinstance(v, str) for v in asdict(m).values()) or m.state not in STATES:
                    raise ValueError("not a mark")
                out[m.digest] = m
            return out, False
        except (ValueError, TypeError, KeyError, UnicodeDecodeError, RecursionError):
            return {}, True

    def _set_aside(self) -> None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"marks-损坏-{stamp}.json")
        n = 1
        while aside.exists():  # never over an earlier damaged copy (we hold the lock: no race)
            n += 1
            aside = self.path.with_name(f"marks-损坏-{stamp}-{n}.json")
        try:
            os.replace(self.path, aside)
        except OSError:
            self.problem = f"审核标记文件已损坏，无法读取，也未能移开：{self.path}。本次从空白开始"
            return
        self.problem = (f"审核标记文件已损坏，无法读取，已从空白开始。"
                        f"损坏的文件已另存为：{aside}")
