"""app.prefetch: the report named at start, read and checked by a forked child, comes back the
same as an ordinary read and check; anything unusual leaves the read to the caller, and no
child is left behind.

Each case runs in a fresh interpreter, as the editor's start does: forking the test process
(threads of earlier Qt tests, pytest's own) is not what the program ever does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import prefetch
from tests.conftest import SAMPLE

ROOT = Path(__file__).resolve().parents[1]

MODES = ["fork", "spawn"] if prefetch.supported() else ["spawn"]


@pytest.fixture(params=MODES)
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each case as Linux runs it (a forked child) and as Windows does (a spawned one)."""
    monkeypatch.setenv("NIANBAO_PREFETCH", request.param)
    return str(request.param)

PROLOGUE = """
import json, os, sys, time
from pathlib import Path
from app import prefetch
path = Path(sys.argv[1])
assert prefetch.mode() == os.environ["NIANBAO_PREFETCH"]
def children():  # our children still there (a zombie included)
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return 0
    return 1
"""


def run(code: str, path: Path, **env: str) -> dict:
    done = subprocess.run([sys.executable, "-c", PROLOGUE + code, str(path)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=dict(os.environ, PYTHONPATH=str(ROOT), **env))  # NIANBAO_PREFETCH: mode
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_child_reads_and_checks_as_the_editor_would(tmp_path: Path, mode: str) -> None:
    got = run("""
started = prefetch.start(path)
taken = prefetch.take(path)
from app.reading import load_report
from app.checks import run_all
report = load_report(path)
findings = run_all(report)
child_report, child_findings = taken
import tempfile
print(json.dumps({"files": os.listdir(tempfile.gettempdir()), "started": started, "same_report": child_report == report,
                  "same_raw": child_report.raw == report.raw, "same_extras": child_report.extras == report.extras,
                  "same_imports": [f.code for f in child_report.import_findings] == [f.code for f in report.import_findings],
                  "same_findings": child_findings == findings, "n": len(findings), "left": children()}))
""", SAMPLE, TMPDIR=str(tmp_path))
    assert got.pop("files") == [], "the result file is removed once read"
    assert got == {"started": True, "same_report": True, "same_raw": True, "same_extras": True,
                   "same_imports": True, "same_findings": True, "n": got["n"], "left": 0}
    assert got["n"] > 0, "the sample has findings: the comparison compares something"


def test_the_childs_patterns_are_compiled_once_and_kept(tmp_path: Path, mode: str) -> None:
    """The reader's and the checks' patterns, compiled by the first child, are kept in the compile
    cache; the next start's child finds every one there (it adds nothing, so the file is not
    written again) and its findings are those of patterns compiled as usual."""
    code = """
from app import compile_cache
from app.patterns import _declared
started = prefetch.start(path)
taken = prefetch.take(path)
import app.checks  # its lazy patterns declared, none compiled in this process
from app.reading import load_report
findings = app.checks.run_all(load_report(path))
file = compile_cache.path()
stat = os.stat(file) if file.exists() else None  # none: no child wrote one
cached = {source for source, _flags in compile_cache.Cache(file).programs}
print(json.dumps({"started": started, "same": taken is not None and taken[1] == findings and len(findings) > 0,
                  "checks_patterns": len(cached & {p.source for p in _declared}),
                  "file": stat and [stat.st_ino, stat.st_mtime_ns, stat.st_size], "left": children()}))
"""
    cache = str(tmp_path / "cache")
    first = run(code, SAMPLE, NIANBAO_CACHE_DIR=cache)
    second = run(code, SAMPLE, NIANBAO_CACHE_DIR=cache)
    assert first["started"] and first["same"] and first["left"] == 0
    assert first["checks_patterns"] > 5, "the checks' patterns the child compiled are in the cache"
    assert second["started"] and second["same"] and second["left"] == 0
    assert second["file"] == first["file"] is not None, "the second child compiled nothing new: the file is the first's"


def test_read_only_the_child_reads_and_runs_no_check(tmp_path: Path, mode: str) -> None:
    """`export --to .pdf` (check=False): the same report, no findings, no check run in the child
    (a check there would fail: the take would come back empty); never a spawned child."""
    got = run("""
import app.checks
app.checks.run_all = lambda *a, **k: 1 / 0  # inherited by a forked child: it must not check
started = prefetch.start(path, check=False)
taken = prefetch.take(path)
from app.reading import load_report
report = load_report(path)
print(json.dumps({"started": started, "taken": taken is not None,
                  "same_report": taken is not None and taken[0] == report and taken[0].raw == report.raw,
                  "findings": None if taken is None else taken[1], "left": children()}))
""", SAMPLE)
    if mode == "spawn":  # a new interpreter would cost what it saves: left to the caller
        assert got == {"started": False, "taken": False, "same_report": False, "findings": None, "left": 0}
    else:
        assert got == {"started": True, "taken": True, "same_report": True, "findings": [], "left": 0}


def test_another_file_or_a_changed_one_is_read_by_the_caller(tmp_path: Path, mode: str) -> None:
    copy = tmp_path / "副本.docx"
    copy.write_bytes(SAMPLE.read_bytes())
    scratch = tmp_path / "temp"  # the spawned child's result file goes here, and must go
    scratch.mkdir()
    got = run("""
other = Path(sys.argv[1]).with_name("另一份.docx")
other.write_bytes(path.read_bytes())
prefetch.start(path)
for_other = prefetch.take(other)   # taken for another file: dropped, the child stopped
prefetch.start(path)
os.utime(path, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))  # saved by someone meanwhile
changed = prefetch.take(path)
prefetch.start(path)
prefetch.discard()                 # a recovered document was chosen instead
after_discard = prefetch.take(path)
import tempfile
files = os.listdir(tempfile.gettempdir())
print(json.dumps({"other": for_other, "changed": changed, "discarded": after_discard, "left": children(),
                  "files": files}))
""", copy, TMPDIR=str(scratch))
    assert got == {"other": None, "changed": None, "discarded": None, "left": 0, "files": []}, "nothing left behind"


def test_files_it_does_not_take_on(tmp_path: Path, mode: str) -> None:
    renamed_doc = tmp_path / "旧格式.docx"  # a Word 97 file under a .docx name: LibreOffice's, cancellable in the editor
    renamed_doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    empty = tmp_path / "空.docx"
    empty.write_bytes(b"")
    xlsx = tmp_path / "表.xlsx"
    xlsx.write_bytes(b"PK\x03\x04")
    odt = tmp_path / "开放格式.docx"  # an OpenDocument text under a .docx name: LibreOffice's too
    import zipfile
    with zipfile.ZipFile(odt, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    fifo = tmp_path / "管道.docx"  # opening it would block: the window must come first
    os.mkfifo(fifo)
    got = run("""
names = [Path(p) for p in sys.argv[1].split("|")]
started = {p.name: prefetch.start(p) for p in (names[-1], path.with_name("不存在.docx"), names[2])}
taken = {}
for p in names[:2] + names[3:4]:
    prefetch.start(p)
    t = time.monotonic()
    taken[p.name] = [prefetch.take(p), time.monotonic() - t < 5]
print(json.dumps({"started": started, "taken": taken, "left": children()}))
""", Path("|".join(str(p) for p in (renamed_doc, empty, xlsx, odt, fifo))))
    # Not started: no regular file, not a .docx by name.  Started, then left to the ordinary
    # read (which converts through LibreOffice, cancellably) without the child converting it.
    assert got == {"started": {"管道.docx": False, "不存在.docx": False, "表.xlsx": False},
                   "taken": {"旧格式.docx": [None, True], "空.docx": [None, True], "开放格式.docx": [None, True]},
                   "left": 0}


def test_a_file_the_child_cannot_read_is_left_to_the_ordinary_read(tmp_path: Path, mode: str) -> None:
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04" + os.urandom(2000))  # a zip's magic, then noise
    got = run("""
started = prefetch.start(path)
taken = prefetch.take(path)
from app.reading import load_report
try:
    load_report(path)
    message = None
except Exception as e:
    message = str(e)
print(json.dumps({"started": started, "taken": taken, "message": bool(message), "left": children()}))
""", broken)
    assert got == {"started": True, "taken": None, "message": True, "left": 0}


def test_cancelled_while_waiting_the_child_is_stopped(mode: str) -> None:
    got = run("""
prefetch.start(path)
t = time.monotonic()
taken = prefetch.take(path, cancelled=lambda: True)
print(json.dumps({"taken": taken, "quick": time.monotonic() - t < 1.0, "left": children()}))
""", SAMPLE)
    assert got == {"taken": None, "quick": True, "left": 0}


def test_the_editors_start_takes_the_childs_findings_and_does_not_check_again(tmp_path: Path, mode: str) -> None:
    """As `python -m app FILE` starts (the benchmark's EDITOR_WINDOW): the window holds the report
    with the child's findings, the same an in-process check gives; the editor's process ran no check."""
    code = """
import sys, json
from pathlib import Path
from app import dataclass_cache, prefetch
path = Path(sys.argv[1])
dataclass_cache.install()
started = prefetch.start(path)
from PySide6.QtCore import QTimer
from ui.main import create_application
qapp = create_application()
from ui.main_window import MainWindow
import app.checks
import threading, time
calls = []  # per run_all: on the window's thread?
real = app.checks.run_all
app.checks.run_all = lambda r, *a, **k: (calls.append(threading.current_thread() is threading.main_thread()), real(r, *a, **k))[1]
w = MainWindow(staged=True); w.show_opening(path.name); w.show(); qapp.processEvents(); w.complete()
w.docs.loadEnded.connect(qapp.quit)
w.docs.load_in_background(path)
qapp.exec()
shown = [f.code for f in w.state.findings]
heavy = sorted(m for m in sys.modules if m in ("docx", "lxml", "openpyxl", "app.reading", "ui.richtext",
                                                "ui.paraformat", "ui.longpara"))
key = app.checks.prose_key(w.state.report)  # the warm-up: the text read on a worker thread soon after
deadline = time.monotonic() + 20
while app.checks._recall(app.checks._proses, key) is None and time.monotonic() < deadline:
    qapp.processEvents(); time.sleep(0.02)
warm = app.checks._recall(app.checks._proses, key) is not None
while "ui.commands" not in sys.modules and time.monotonic() < deadline:  # the warm-up's imports, a slice a turn
    qapp.processEvents(); time.sleep(0.02)
commands = "ui.commands" in sys.modules
mine = [f.code for f in real(w.state.report)]
print(json.dumps({"started": started, "checks_on_window_thread": sum(calls), "warm_ups": len(calls),
                  "warm": warm, "same": shown == mine and len(shown) > 0, "organ": w.state.report.organ,
                  "heavy": heavy, "commands": commands}))
"""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path),  # mode: inherited
               NIANBAO_CACHE_DIR=str(tmp_path / "cache"))
    copy = tmp_path / "报告.docx"  # its own copy: another test's window may hold the sample's lock
    copy.write_bytes(SAMPLE.read_bytes())
    done = subprocess.run([sys.executable, "-c", code, str(copy)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got["started"] and got["same"] and got["organ"]
    assert got["checks_on_window_thread"] == 0, "the window's thread never checked: the child did, the warm-up too"
    assert got["warm"] and got["warm_ups"] == 1, "the first table edit finds the text already read"
    assert got["heavy"] == [], "the readers and Qt's text classes are not the start's: the child read the file"
    assert got["commands"], "the first edit's undo commands imported by the warm-up, not by the first keystroke"


def test_a_child_killed_while_reading_is_one_message_not_a_second_read(mode: str) -> None:
    """A parser's crash or the memory exhausted would take the editor down if it read the file
    again itself: the editor says so instead."""
    got = run("""
import signal
from app.errors import ReadError
prefetch.start(path)
child = prefetch._pending
pid = child.pid if hasattr(child, "pid") else child.process.pid
os.kill(pid, signal.SIGSTOP)   # still importing the reader: stopped before it can finish
os.kill(pid, signal.SIGSEGV)
os.kill(pid, signal.SIGCONT)
try:
    prefetch.take(path)
    message = None
except ReadError as e:
    message = str(e)
print(json.dumps({"message": message, "left": children()}))
""", SAMPLE)
    assert got == {"message": f"{SAMPLE}：读取时程序意外终止（文件可能已损坏，或内容过大），未能打开", "left": 0}


def test_a_file_the_reader_refuses_is_the_readers_own_message_without_a_second_read(tmp_path: Path, mode: str) -> None:
    import zipfile
    broken = tmp_path / "缺正文.docx"  # a .docx by its content types, its document.xml cut short
    with zipfile.ZipFile(SAMPLE) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    got = run("""
from app.errors import ReadError
from app.reading import load_report
try:
    load_report(path)
except ReadError as e:
    ordinary = str(e)
prefetch.start(path)
import app.reading
app.reading.load_report = lambda *a, **k: 1 / 0  # the editor's own read must not happen
try:
    prefetch.take(path)
    message = None
except ReadError as e:
    message = str(e)
print(json.dumps({"same": message == ordinary, "message": message, "left": children()}))
""", broken)
    assert got["same"] and got["message"] and got["left"] == 0


def test_cancelled_the_editor_does_not_read_the_file_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    """取消 while the child reads: the read is over, not done again in the editor's process."""
    import threading

    import app.reading
    from ui import reads as ui_reads
    from ui.tasks import Cancelled, Control

    reads: list[Path] = []
    monkeypatch.setattr(app.reading, "load_report", lambda p, cancelled=None: reads.append(p))
    monkeypatch.setattr(prefetch, "take", lambda path, cancelled: None)  # the child stopped by the cancel
    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled):
        ui_reads._read(SAMPLE, Control(stop, lambda done, total: None))
    assert reads == []


@pytest.mark.parametrize("end", ["killed", "discarded"])
def test_a_spawned_child_ended_while_writing_its_result_leaves_no_file(tmp_path: Path, end: str) -> None:
    """The spawned child (Windows') writes its result as OUT.part and renames it: killed while
    writing (the memory exhausted, the editor's discard), the .part was left in the temporary folder."""
    scratch = tmp_path / "temp"
    scratch.mkdir()
    got = run(f"""
import signal
from app.errors import ReadError
prefetch.start(path)
child = prefetch._pending
child.out.with_name(child.out.name + ".part").write_bytes(b"half a result")  # as the child leaves it
if "{end}" == "killed":
    os.kill(child.process.pid, signal.SIGKILL)
    try:
        prefetch.take(path)
    except ReadError:
        pass
else:
    prefetch.discard()
import tempfile
print(json.dumps({{"files": os.listdir(tempfile.gettempdir()), "left": children()}}))
""", SAMPLE, TMPDIR=str(scratch), NIANBAO_PREFETCH="spawn")
    assert got == {"files": [], "left": 0}
