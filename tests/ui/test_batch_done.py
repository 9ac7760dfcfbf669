"""批量检查 says it is done only when every row's counts are final: a report paired with last
year's is checked again after every file has been read once, and until that result is in, its
row says it is being compared, the bar is not full and the status does not say 已检查 (GUI
tester, session 11: 警告 went 5 → 6 after the list looked finished).  A recheck after a file
was saved says so in the same way until its new counts are in."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.io import save_report
from tests.test_batch import report
from ui.batch_model import COLUMNS
from ui.batch_window import BatchWindow

LATER = "教育局2022.docx"


@dataclass(frozen=True)
class Seen:
    """The later report's row and the window's state at one moment."""

    counts: tuple[str, str]
    note: str
    grey: bool  # its counts drawn greyed: not final
    bar_full: bool
    status: str


def _row(w: BatchWindow, name: str) -> dict[str, str] | None:
    for r in range(w.model.rowCount()):
        cells = {COLUMNS[c]: w.model.index(r, c).data() for c in range(len(COLUMNS))}
        if cells["文件"] == name:
            return cells
    return None


def _grey(w: BatchWindow, name: str) -> bool:
    for r in range(w.model.rowCount()):
        if w.model.index(r, COLUMNS.index("文件")).data() == name:
            return w.model.index(r, COLUMNS.index("警告")).data(Qt.ItemDataRole.ForegroundRole) is not None
    return False


def _watch(w: BatchWindow) -> list[Seen]:
    """A Seen at every change of the list, of the bar and of the status line."""
    seen: list[Seen] = []

    def look(*_args: object) -> None:
        row = _row(w, LATER)
        if row is not None:
            bar = w.progress
            seen.append(Seen((row["错误"], row["警告"]), row["备注"], _grey(w, LATER),
                             bar.maximum() > 0 and bar.value() == bar.maximum(), w.status.currentMessage()))

    for signal in (w.model.dataChanged, w.model.rowsInserted, w.progress.valueChanged, w.status.messageChanged):
        signal.connect(look)
    return seen


def _folder(tmp_path: Path) -> Path:
    """2021 and 2022 of one organ whose figures do not follow on (carried over 5 → 3, in force
    10 → 4 with nothing issued or repealed): the cross-year check adds errors to 2022."""
    root = tmp_path / "年报"
    root.mkdir()
    save_report(report("某县教育局", 2021, carried_out=5, in_force=10), root / "教育局2021.docx")
    save_report(report("某县教育局", 2022, carried_in=3, carried_out=3, in_force=4), root / LATER)
    save_report(report("某县财政局", 2022), root / "财政局2022.docx")
    return root


def test_done_only_when_the_compared_row_is_final(qtbot: QtBot, tmp_path: Path) -> None:
    root = _folder(tmp_path)
    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    seen = _watch(w)
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([root])
    final = _row(w, LATER)
    assert final is not None and "已对照上年：教育局2021.docx" in final["备注"]
    counts = (final["错误"], final["警告"])
    assert any(s.counts != counts for s in seen), "the row first showed its counts before the comparison"
    assert any(s.note == "正在对照上年：教育局2021.docx……" and s.grey for s in seen)
    for s in seen:
        if s.counts != counts:  # only while the check says it is under way
            assert not s.bar_full and not s.status.startswith("已检查"), s
            assert "已对照上年" not in s.note, s  # never beside first-pass counts
        if s.status.startswith("正在对照上年"):  # every file read once: the pairs are known
            assert s.counts == counts or (s.note.startswith("正在对照上年：") and s.grey), s
        if s.bar_full or s.status.startswith("已检查"):
            assert (s.counts, s.note, s.grey) == (counts, final["备注"], False), s
    assert seen[-1].bar_full and w.status.currentMessage().startswith("已检查 3 个文件")


def test_a_row_checked_again_says_so_until_its_new_counts(qtbot: QtBot, tmp_path: Path) -> None:
    """Last year's file saved again (opened from the list and saved): both rows are checked
    again when the window is back; meanwhile they, the status and the bar say so, and the bar
    is put back as the run left it."""
    root = _folder(tmp_path)
    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([root])
    final = _row(w, LATER)
    status = w.status.currentMessage()
    earlier = root / "教育局2021.docx"
    st = earlier.stat()
    os.utime(earlier, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))  # written again
    seen = _watch(w)
    with qtbot.waitSignal(w.rechecked, timeout=60000):
        assert w.recheck_changed() is not None
    during = [s for s in seen if s.note == "正在重新检查……"]
    assert during and all(s.grey and not s.bar_full for s in during), seen
    assert any(s.status.startswith("正在重新检查 2 份") for s in during), during
    assert _row(w, LATER) == final, "the same counts, compared with last year's as before"
    assert not _grey(w, LATER)
    assert seen[-1].bar_full and "已重新检查 2 份" in w.status.currentMessage()
    # Nothing written since: a recheck reads nothing and says nothing (status and bar as they were)
    status, seen[:] = w.status.currentMessage(), []
    with qtbot.waitSignal(w.rechecked, timeout=60000):
        assert w.recheck_changed() is not None
    assert w.status.currentMessage() == status
    assert all(s.bar_full and s.note == final["备注"] for s in seen), seen


def test_a_cancelled_comparison_says_the_rows_were_not_compared(qtbot: QtBot, tmp_path: Path) -> None:
    """取消 once the pairs are known: the row compared with nothing says so, counts not greyed
    as if still coming."""
    root = _folder(tmp_path)
    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)

    def cancel_when_comparing(*_args: object) -> None:
        if w.status.currentMessage().startswith("正在对照上年") and w.worker is not None:
            w.cancel()

    w.status.messageChanged.connect(cancel_when_comparing)
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([root])
    row = _row(w, LATER)
    assert row is not None and row["备注"].startswith("未完成对照上年"), row
    assert "已对照上年" not in row["备注"]
    # Nor does the summary workbook say it was compared with last year's report
    dest = tmp_path / "汇总.xlsx"
    with qtbot.waitSignal(w.exported, timeout=60000):
        assert w.export(dest)
    sheet = openpyxl.load_workbook(dest, read_only=True)["汇总"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    at = rows[0].index("对照上年报告")
    (later,) = [r for r in rows[1:] if r[0] == LATER]
    assert not later[at], later
