"""审核状态 marks (app/review_marks.py): kept in the data folder, keyed by the file's bytes and
remembering its path; two processes at once; a damaged file set aside."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from app import batch, batch_summary
from app.io import save_report
from app.review_marks import PUBLISHED, REVIEWED, MarksError, MarkStore, digest, new_mark, status
from tests.test_batch import report

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    path = tmp_path / "收到的年报" / "财政局2023.docx"
    path.parent.mkdir()
    save_report(report("某县财政局", 2023), path)
    return path


def test_a_mark_outlives_the_store_and_says_its_day(tmp_path: Path, report_file: Path) -> None:
    content = digest(report_file)
    assert content == hashlib.sha256(report_file.read_bytes()).hexdigest()
    when = dt.datetime(2026, 3, 9, 10, 31, 5)
    MarkStore(tmp_path / "data").change([new_mark(content, str(report_file), REVIEWED, when)])
    marks = MarkStore(tmp_path / "data").load()  # another instance, a later run
    s = status(marks, str(report_file), content)
    assert (s.name, s.label, s.changed) == ("已审核", "已审核 2026-03-09", False)
    assert "2026-03-09 10:31:05" in s.tip
    assert status(marks, str(tmp_path / "别的.docx"), "0" * 64).label == "未审核"


def test_moved_keeps_its_mark_changed_needs_a_new_review(tmp_path: Path, report_file: Path) -> None:
    store = MarkStore(tmp_path / "data")
    store.change([new_mark(digest(report_file) or "", str(report_file), PUBLISHED)])
    moved = report_file.with_name("已改名.docx")
    report_file.rename(moved)
    assert status(store.load(), str(moved), digest(moved)).name == "已发布"
    moved.rename(report_file)
    save_report(report("某县财政局", 2023, carried_in=4), report_file)  # edited after the mark
    s = status(store.load(), str(report_file), digest(report_file))
    assert (s.name, s.changed) == ("已发布（文件已改动）", True)
    assert "需要重新审核" in s.tip
    # reviewed again: the new content's mark replaces the old one of that path
    marks = store.change([new_mark(digest(report_file) or "", str(report_file), REVIEWED)])
    assert len(marks) == 1 and status(marks, str(report_file), digest(report_file)).name == "已审核"


def test_unmarking_and_nothing_written_into_the_folder_reviewed(tmp_path: Path, report_file: Path) -> None:
    before = sorted(os.listdir(report_file.parent))
    store = MarkStore(tmp_path / "data")
    content = digest(report_file) or ""
    store.change([new_mark(content, str(report_file), REVIEWED)])
    assert store.change(drop={content}) == {}
    assert MarkStore(tmp_path / "data").load() == {}
    assert sorted(os.listdir(report_file.parent)) == before


_MARKER = """
import sys, time
from app.review_marks import MarkStore, new_mark, REVIEWED
folder, name, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
while time.time() < start:
    time.sleep(0.001)
store = MarkStore(__import__("pathlib").Path(folder))
for i in range(25):
    store.change([new_mark(f"{name}{i:03d}", f"/年报/{name}{i}.docx", REVIEWED)])
"""


def test_two_processes_marking_at_once_both_persist(tmp_path: Path) -> None:
    import time

    start = str(time.time() + 1.0)  # both begin in the same instant
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", _MARKER, str(tmp_path / "data"), name, start], env=env, cwd=ROOT)
             for name in ("甲", "乙")]
    assert [p.wait(60) for p in procs] == [0, 0]
    marks = MarkStore(tmp_path / "data").load()
    assert len(marks) == 50, "neither process lost the other's marks"
    assert {m.digest[0] for m in marks.values()} == {"甲", "乙"}


def test_a_damaged_file_is_set_aside_once_and_the_store_starts_empty(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "marks.json").write_bytes(b'{"format": 1, "marks": [{"digest": ')  # cut off mid-write
    store = MarkStore(data)
    assert store.load() == {}
    assert store.problem is not None and "已损坏" in store.problem
    aside = [p for p in data.iterdir() if p.name.startswith("marks-损坏-")]
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b'{"format": 1')
    assert str(aside[0]) in store.problem
    again = MarkStore(data)
    again.change([new_mark("d" * 64, "/年报/a.docx", REVIEWED)])
    assert len(MarkStore(data).load()) == 1 and again.problem is None
    # JSON but no marks of ours (a list, marks without their fields): damaged too
    (data / "marks.json").write_text(json.dumps({"format": 1, "marks": [{"digest": "x"}]}), encoding="utf-8")
    assert MarkStore(data).load() == {}
    assert len([p for p in data.iterdir() if p.name.startswith("marks-损坏-")]) == 2


@pytest.mark.parametrize("body", [
    b"[" * 60_000,  # RecursionError in the parser (rev23 M5's class)
    b'{"format": 1, "marks": ' + b"[" * 990 + b"]" * 990 + b"}",  # parsed, nested past any marks
    b'{"format": 1, "marks": []}\xff',  # not UTF-8
])
def test_marks_of_nested_or_undecodable_json_are_damaged_and_set_aside(tmp_path: Path, body: bytes) -> None:
    """Read as the damaged file it is (app.limits.state_json): set aside with the message, the
    store starts empty and takes new marks — never an exception out of the batch window."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "marks.json").write_bytes(body)
    store = MarkStore(data)
    assert store.load() == {}
    assert store.problem is not None and "已损坏" in store.problem
    store.change([new_mark("d" * 64, "/年报/a.docx", REVIEWED)])
    assert len(MarkStore(data).load()) == 1
    assert [p.read_bytes() for p in data.iterdir() if p.name.startswith("marks-损坏-")] == [body]


def test_a_newer_versions_file_is_left_alone(tmp_path: Path) -> None:
    """A newer build sharing the profile (or a downgrade): its marks are not damaged — neither set
    aside nor written over; said when read, refused when marking (rev3 L2)."""
    data = tmp_path / "data"
    data.mkdir()
    newer = json.dumps({"format": 2, "marks": {"新的": "布局"}}, ensure_ascii=False).encode("utf-8")
    (data / "marks.json").write_bytes(newer)
    store = MarkStore(data)
    assert store.load() == {} and store.problem is not None and "较新版本" in store.problem
    with pytest.raises(MarksError, match="审核标记未保存：审核标记文件由较新版本"):
        store.change([new_mark("a" * 64, "/年报/a.docx", REVIEWED)])
    assert (data / "marks.json").read_bytes() == newer
    assert not [p for p in data.iterdir() if "损坏" in p.name]


def test_a_fifo_or_a_refused_file_is_never_hashed(tmp_path: Path) -> None:
    """A FIFO with a report's name: the reader says so in a line; hashing it opened it blocking and
    waited for a writer for ever (rev3 H1).  A file the reader refused is not read again in full."""
    import threading

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "报告.docx"
    os.mkfifo(fifo)
    got: list[object] = []
    for job in (lambda: got.append(digest(fifo)), lambda: got.append(batch.check_file(str(fifo)))):
        worker = threading.Thread(target=job, daemon=True)
        worker.start()
        worker.join(20)
        assert not worker.is_alive(), "returned, not waiting for a writer"
    assert got[0] is None
    result = got[1]
    assert isinstance(result, batch.FileResult) and result.error is not None and result.digest is None
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04broken")
    assert batch.check_file(str(broken)).digest is None


def test_an_unreadable_file_is_never_written_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A marks file this user cannot read now (its rights changed, a locked share) may hold every
    mark: neither taken as empty nor replaced by the one mark being added."""
    store = MarkStore(tmp_path / "data")
    store.change([new_mark("a" * 64, "/年报/a.docx", REVIEWED)])
    kept = store.path.read_bytes()
    real = Path.read_bytes

    def refused(self: Path) -> bytes:
        if self == store.path:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refused)
    with pytest.raises(MarksError, match="审核标记未保存"):
        store.change([new_mark("b" * 64, "/年报/b.docx", REVIEWED)])
    other = MarkStore(tmp_path / "data")
    assert other.load() == {} and other.problem is not None and "无法读取" in other.problem
    monkeypatch.undo()
    assert store.path.read_bytes() == kept
    assert not [p for p in store.path.parent.iterdir() if "损坏" in p.name], "not set aside as damaged"


def test_check_file_reads_the_digest_and_the_summary_has_the_status(tmp_path: Path, report_file: Path) -> None:
    r = batch.check_file(str(report_file))
    assert r.digest == hashlib.sha256(report_file.read_bytes()).hexdigest()
    dest = tmp_path / "汇总.xlsx"
    batch_summary.write_summary(batch.Batch([r], status={r.path: ("已发布", "2026-03-09")}), dest)
    ws = openpyxl.load_workbook(dest)["汇总"]
    head = [c.value for c in ws[1]]
    row = [c.value for c in ws[2]]
    assert row[head.index("状态")] == "已发布" and row[head.index("标记日期")] == "2026-03-09"
    assert batch_summary.is_summary(dest)  # still known as ours, not read as a report


def test_a_data_folder_that_cannot_be_made_says_so(tmp_path: Path) -> None:
    """A file where the data folder should be (or a home that cannot be written): one line of
    Chinese naming the folder, not “another window is writing”."""
    (tmp_path / "data").write_text("不是文件夹", encoding="utf-8")
    with pytest.raises(MarksError, match="数据文件夹无法创建") as e:
        MarkStore(tmp_path / "data" / "nianbao").change([new_mark("a" * 64, "/年报/a.docx", REVIEWED)])
    assert "另一个窗口" not in str(e.value) and str(tmp_path / "data") in str(e.value)


def test_another_instance_holding_the_lock_is_waited_for_then_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app import review_marks

    monkeypatch.setattr(review_marks, "LOCK_WAIT_S", 0.2)
    store = MarkStore(tmp_path / "data")
    store.change([new_mark("a" * 64, "/年报/a.docx", REVIEWED)])
    code = ("import sys, time; from pathlib import Path; from app.dataclass_cache import locked\n"
            "with locked(Path(sys.argv[1]), 5, 'marks.lock') as turn:\n    print(turn, flush=True); time.sleep(3)")
    holder = subprocess.Popen([sys.executable, "-c", code, str(store.path)], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "True"
        with pytest.raises(MarksError, match="另一个窗口正在写标记文件"):
            store.change([new_mark("b" * 64, "/年报/b.docx", REVIEWED)])
    finally:
        holder.wait(30)
    assert len(store.change([new_mark("b" * 64, "/年报/b.docx", REVIEWED)])) == 2, "once it is let go"
