"""审核状态: a reviewer's 已审核 / 已发布 marks on the reports of 批量检查, kept per user.

The year's cycle ends checked → reviewed → published, and the folder of reports is often a share
or read-only: marks are never written there but into the program's data folder (``marks.json``),
one store for every batch window and every instance of the program.

A mark belongs to one file: its content (SHA-256 of its bytes) at the path it was set on.  A
report moved or renamed keeps its mark (its bytes are the same, the file where it was marked is
gone), while one changed after it was marked is no longer the report reviewed — its path finds the
old mark, shown as 已审核（文件已改动）, and it needs a new review.  An identical copy elsewhere (the
same bytes, the marked file still there) has no mark of its own: its 状态 says a file with the same
content is marked (未审核（副本已审核）: a copy is) and the tooltip names it, so that marking one copy never
marks another silently and unmarking one never unmarks the other.  The mark saying 未审核 is no
mark at all.

Two instances may mark at the same moment: every change is read-modify-write under the
operating system's lock on ``marks.lock`` beside it (app/dataclass_cache.locked: a process that
dies holding it releases it), the file replaced whole (app/io.atomic_write), so neither loses
the other's marks; undoing a marking takes back only the marks it wrote that are still as it wrote
them (``take_back``): one another instance set since stays.  A file that cannot be read as marks (damaged, a newer version's layout) is
moved aside, named in one Chinese message, and the store starts empty; one a newer version wrote
(its ``format`` higher) is left alone: said, not shown, never written over.

Pure: no Qt (ui/batch_marks.py is the window's side).
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from app import names
from app.limits import state_json

NAME = "marks.json"
# The editor's data folder, as Qt's AppDataLocation makes it of the application's names
# (ui/appsetup.py's ORGANIZATION and APP_NAME; tests/ui/test_batch_marks_cli.py holds them equal).
ORGANIZATION, APPLICATION = "nianbao", "年报编辑器"
LOCK = "marks.lock"
FORMAT = 1
LOCK_WAIT_S = 5.0  # another instance's write takes milliseconds; longer is a hung share or disk
REVIEWED, PUBLISHED = "reviewed", "published"
STATES = {REVIEWED: "已审核", PUBLISHED: "已发布"}
UNREVIEWED = "未审核"
UNKNOWN = "未知（审核标记文件无法读取）"  # the marks could not be read: never stated as 未审核
CHANGED = "（文件已改动）"
SAME_AS = "（副本{}）"  # an identical copy elsewhere is marked
_CHUNK = 1 << 20
READ_PAUSES_S = (0.05, 0.1)  # a refused read tried again after these (another instance replacing it)


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

    @property
    def key(self) -> tuple[str, str]:
        """Which file it belongs to: this content at this path."""
        return self.digest, file_key(self.path)


Marks = dict[tuple[str, str], Mark]  # by Mark.key


@dataclass(frozen=True)
class Status:
    """What the 状态 column says of one file."""

    mark: Mark | None
    changed: bool = False  # ``mark`` is of this path's earlier content
    same_as: Mark | None = None  # the mark of an identical copy elsewhere (not this file's)
    unknown: bool = False  # the marks file could not be read (damaged access, a newer version's)

    @property
    def name(self) -> str:
        """未审核, 已审核, 已发布, either of the last two 已改动 since, or 未审核 beside an
        identical copy's mark."""
        if self.unknown:
            return UNKNOWN
        if self.mark is None:
            return UNREVIEWED + (SAME_AS.format(_state(self.same_as)) if self.same_as is not None else "")
        return _state(self.mark) + (CHANGED if self.changed else "")

    @property
    def columns(self) -> tuple[str, str]:
        """The summary workbook's 状态 and 标记日期 (the window's and the command line's alike)."""
        return self.name, self.mark.day if self.mark is not None else ""

    @property
    def label(self) -> str:
        """The name with the day it was marked (a mark changed since: the name says enough)."""
        return self.name if self.mark is None or self.changed else f"{self.name} {self.mark.day}"

    @property
    def tip(self) -> str:
        if self.unknown:
            return "审核标记文件无法读取（或由较新版本的本程序写入），不知道这份报告是否已审核"
        said = "尚未标记为已审核或已发布"
        if self.mark is not None:
            said = f"{_when(self.mark)}标记为{_state(self.mark)}"
            if self.changed:
                said += "；此后文件已改动，需要重新审核"
            said += f"\n标记时的文件：{self.mark.path}"
        if self.same_as is not None:
            m = self.same_as
            said += (f"\n内容完全相同的另一份文件{_when(m)}标记为{_state(m)}：{m.path}\n"
                     "标记只属于各自的文件；确认这一份也已审核，请选中后标记（Ctrl+1 已审核，Ctrl+2 已发布），"
                     "或在右键菜单中选“沿用副本的标记”")
        return said


def _why(e: OSError) -> str:
    """The system's reason in Chinese (its own words are English on every desktop)."""
    from app.errors import os_words

    return os_words(e)


def _state(mark: Mark) -> str:
    return STATES.get(mark.state, STATES[REVIEWED])


def _when(mark: Mark) -> str:
    who = f"由 {mark.by} " if mark.by else ""
    return f"已于 {mark.at.replace('T', ' ')} {who}"


def data_folder() -> Path:
    """Where the editor keeps its data (Qt's AppDataLocation for the program's names), worked out
    without Qt for the command line: %APPDATA%\\nianbao\\年报编辑器 on Windows,
    ~/Library/Application Support/… on macOS, $XDG_DATA_HOME (or ~/.local/share)/nianbao/年报编辑器
    elsewhere."""
    import sys

    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:  # the XDG rule, as Qt has it: a relative XDG_DATA_HOME is no folder
        xdg = os.environ.get("XDG_DATA_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".local" / "share"
    return base / ORGANIZATION / APPLICATION


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


def file_key(path: str) -> str:
    """How a path is compared: absolute, in the system's case rules (one file, one key)."""
    return os.path.normcase(os.path.abspath(path))


def by_path(marks: Mapping[Any, Mark]) -> dict[str, Mark]:
    """The newest mark set on each path."""
    out: dict[str, Mark] = {}
    for m in marks.values():
        key = file_key(m.path)
        if key not in out or m.at > out[key].at:
            out[key] = m
    return out


class Index:
    """The marks looked up for a list of files (``status``'s, built once for the list).  ``known``:
    the content of the files listed (path → digest; None: unreadable), so that whether a marked
    file still holds what was marked is answered without reading it again; a file not listed is
    looked at on disk — there (an identical copy) or gone (moved or renamed)."""

    def __init__(self, marks: Mapping[Any, Mark], known: dict[str, str | None] | None = None,
                 exists: Callable[[str], bool] = os.path.lexists,
                 same: Callable[[str, str], bool] | None = None) -> None:
        self.own = {m.key: m for m in marks.values()}
        self.places = by_path(marks)
        self.contents: dict[str, list[Mark]] = {}
        for m in sorted(marks.values(), key=lambda m: m.at, reverse=True):  # the newest first
            self.contents.setdefault(m.digest, []).append(m)
        self.known = {file_key(p): d for p, d in (known or {}).items()}
        self._exists = exists
        self._same = same if same is not None else names.same_file

    def is_this(self, mark: Mark, path: str) -> bool:
        """Whether ``mark`` was set on the very file at ``path`` reached by another route (a
        symlinked folder; on Windows a mapped drive and its UNC path, a short 8.3 name): its mark,
        not an identical copy's (rev22 M10).  A file listed is a row of its own: never asked."""
        return file_key(mark.path) not in self.known and self._same(mark.path, path)

    def still_there(self, mark: Mark) -> bool:
        """Whether the file ``mark`` was set on still holds the content marked (as far as known)."""
        key = file_key(mark.path)
        if key in self.known:
            return self.known[key] == mark.digest
        return self._exists(mark.path)


def status(marks: Mapping[Any, Mark], path: str, content: str | None, index: Index | None = None) -> Status:
    """The file at ``path`` with the digest ``content``: its own mark (this content at this path);
    else a mark of this content whose file is no longer there (moved or renamed: it follows the
    content); else the newest mark set on this path, of other content (changed since).  A mark of
    this content on a file still there is an identical copy's, said beside (``same_as``), never
    taken — unless that file is this one by another route (``Index.is_this``).  A file whose
    content is not known (unreadable) has the mark of its path, not said to be changed."""
    index = index if index is not None else Index(marks)
    here = index.places.get(file_key(path))
    if content is None:
        return Status(here)
    own = index.own.get((content, file_key(path)))
    if own is not None:
        return Status(own)
    same = [m for m in index.contents.get(content, ()) if file_key(m.path) != file_key(path)]
    this = next((m for m in same if index.is_this(m, path)), None)
    if this is not None:
        return Status(this)
    copies = [m for m in same if index.still_there(m)]
    if here is None:
        moved = next((m for m in same if m not in copies), None)
        if moved is not None:
            return Status(moved)
    return Status(here, changed=here is not None, same_as=copies[0] if copies else None)


def statuses(marks: Mapping[Any, Mark], files: Iterable[tuple[str, str | None]]) -> dict[str, Status]:
    """Each file's (path, digest) status, the list's contents known to each other."""
    files = list(files)
    index = Index(marks, dict(files))
    return {path: status(marks, path, content, index) for path, content in files}


def stored(files: Iterable[tuple[str, str | None]], folder: Path | None = None) -> tuple[dict[str, tuple[str, str]], str | None]:
    """The summary's 状态 and 标记日期 of each file (path, digest) by the marks the editor keeps
    in ``folder`` (its data folder): the command line's summary says what the window's says.  With
    the marks file's problem, if any (one line of Chinese)."""
    store = MarkStore(folder if folder is not None else data_folder())
    marks = store.load()
    if store.unknown:  # the sheet states nothing it does not know (rev23b L6: 未审核 for 已发布 reports)
        return {path: Status(None, unknown=True).columns for path, _ in files}, store.problem
    return {path: s.columns for path, s in statuses(marks, files).items()}, store.problem


def take_back(marks: Marks, wrote: Iterable[Mark], replaced: Iterable[Mark]) -> tuple[Marks, int]:
    """Undo of a marking that wrote ``wrote`` in place of ``replaced``, over the marks as stored
    now: each mark it wrote that is still as it wrote it is taken out, and each it replaced put back
    where its file has no mark now.  A mark set or taken away since (another window, another
    instance) is left as it is: (the marks, how many files kept a newer change)."""
    out = dict(marks)
    kept: set[str] = set()
    for m in wrote:
        if out.get(m.key) == m:
            del out[m.key]
        else:
            kept.add(file_key(m.path))
    marked = {file_key(m.path) for m in out.values()}
    for m in replaced:
        path = file_key(m.path)
        if path in marked or path in kept:
            kept.add(path)
        else:
            out[m.key] = m
            marked.add(path)
    return out, len(kept)


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
        self.unread = False  # the last ``load`` could not read the file: its {} is no answer
        self.newer = False  # the last ``load`` found a newer version's file: its {} is no answer either

    @property
    def unknown(self) -> bool:
        """Whether the last ``load``'s {} says nothing of the marks (unread, or a newer layout)."""
        return self.unread or self.newer

    def load(self) -> Marks:
        """The marks by digest; a damaged file is set aside first (the module's docstring).
        A file that cannot be read answers {} with ``problem`` said and ``unread`` set: the
        caller keeps what it had (rev22 M8: one refused read showed every report 未审核)."""
        self.unread = self.newer = False
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
            self.problem = f"审核标记文件无法读取：{self.path}（{_why(e)}）"
            self.unread = True
            return {}
        except _Newer:
            self.problem = f"{NEWER}：{self.path}"
            self.newer = True
            return {}
        return marks

    def change(self, put: Sequence[Mark] = (), drop: Iterable[str | tuple[str, str]] = ()) -> Marks:
        """The marks ``put`` in (each replacing the other marks of its path) and those ``drop``
        names taken out — a digest: every mark of that content; a Mark.key: that file's — as one
        write under the lock over what is stored now; returns them all.  Raises MarksError
        (nothing written)."""
        return self.update(lambda marks: self.changed(marks, put, drop))

    @staticmethod
    def changed(marks: Marks, put: Sequence[Mark], drop: Iterable[str | tuple[str, str]]) -> Marks:
        """``change``'s edit of ``marks``."""
        drop = set(drop)
        paths = {file_key(m.path) for m in put}
        out = {k: m for k, m in marks.items() if k not in drop and m.digest not in drop and k[1] not in paths}
        out.update((m.key, m) for m in put)
        return out

    def update(self, edit: Callable[[Marks], Marks]) -> Marks:
        """``edit`` made to the marks as stored now, and written, under the lock (two instances
        never lose each other's); returns them.  Raises MarksError (nothing written)."""
        from app import pathjson
        from app.dataclass_cache import locked
        from app.errors import WriteError
        from app.io import atomic_write

        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise MarksError(f"审核标记未保存：数据文件夹无法创建（{_why(e)}）：{folder}") from e
        with locked(self.path, LOCK_WAIT_S, LOCK) as turn:
            if not turn:
                if not os.access(folder, os.W_OK):
                    raise MarksError(f"审核标记未保存：数据文件夹不可写入：{folder}")
                raise MarksError(f"审核标记未保存：另一个窗口正在写标记文件，请稍后再试（{self.path}）")
            try:
                marks, bad = self._read()
            except OSError as e:  # never written over: it may hold marks this one cannot see
                raise MarksError(f"审核标记未保存：标记文件无法读取（{_why(e)}）：{self.path}") from e
            except _Newer as e:
                raise MarksError(f"审核标记未保存：{NEWER}：{self.path}") from e
            if bad:
                self._set_aside()
                marks = {}
            marks = edit(marks)
            # pathjson: a report's name that is not UTF-8 (a GBK name from a Windows zip) kept exactly
            body = pathjson.dumps({"format": FORMAT, "marks": [asdict(m) for m in marks.values()]},
                                  indent=0).encode("utf-8")
            try:
                atomic_write(self.path, lambda tmp: tmp.write_bytes(body))
            except WriteError as e:  # its own words are Chinese
                raise MarksError(f"审核标记未保存：{e}") from e
            except OSError as e:
                raise MarksError(f"审核标记未保存：{_why(e)}：{self.path}") from e
        return marks

    def _read(self) -> tuple[Marks, bool]:
        """(marks, whether the file is damaged); no file is no marks.  Raises OSError when it
        cannot be read (a permission): not damaged, never moved aside nor written over."""
        try:
            raw = self._bytes()
        except FileNotFoundError:
            return {}, False
        try:
            data = state_json(raw)  # None: damaged (malformed, not UTF-8, nested past any marks)
            newer = data.get("format") if isinstance(data, dict) else None
            if isinstance(newer, int) and not isinstance(newer, bool) and newer > FORMAT:
                raise _Newer(newer)
            if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("marks"), list):
                raise ValueError("not marks")
            out: Marks = {}
            for r in data["marks"]:
                m = Mark(**{k: r[k] for k in ("digest", "path", "state", "at", "by")})
                if not all(isinstance(v, str) for v in asdict(m).values()) or m.state not in STATES:
                    raise ValueError("not a mark")
                out[m.key] = m
            return out, False
        except (ValueError, TypeError, KeyError):
            return {}, True

    def _bytes(self) -> bytes:
        """The file's bytes, a refusal tried again after a moment: on Windows a file opened in
        the instant another instance replaces it is refused (sharing, delete pending) — gone
        milliseconds later, as app/io._replace waits out the same race on the writer's side."""
        import time

        for pause in READ_PAUSES_S:
            try:
                return self.path.read_bytes()
            except PermissionError:
                time.sleep(pause)
        return self.path.read_bytes()

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
