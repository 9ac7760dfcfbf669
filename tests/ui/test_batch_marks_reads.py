"""批量检查's 状态 when the marks file is read at an activation: a read refused (Windows: the file
opened in the instant another instance replaces it; a network profile's hiccup) is tried again a
moment later, and one that still fails keeps the marks shown (the summary exports them) and is
read again at the next activation — it blanked every report to 未审核 until the file next changed
(rev22 M8)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import checked_batch
from tests.ui.test_batch_marks import TODAY, folder, select, status  # noqa: F401  (fixture)
from ui import batch_marks


def refusing(monkeypatch: pytest.MonkeyPatch, times: int) -> list[int]:
    """The marks file's next ``times`` reads refused as Windows refuses a file being replaced."""
    real = Path.read_bytes
    left = [times]

    def read(self: Path) -> bytes:
        if self.name == "marks.json" and left[0] > 0:
            left[0] -= 1
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read)
    return left


def test_a_read_refused_once_is_tried_again_unsaid(qtbot: QtBot, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    w = checked_batch(qtbot, folder)
    select(w, "财政局.docx")
    assert w.marks.mark("reviewed")
    warned: list[str] = []
    w.marks.warn = warned.append  # type: ignore[method-assign]
    left = refusing(monkeypatch, 1)
    w.marks.reload(force=True)
    qtbot.wait(20)
    assert left == [0] and warned == []
    assert status(w)["财政局.docx"] == f"已审核 {TODAY}"


def test_a_read_that_fails_keeps_the_marks_shown_and_is_read_again(qtbot: QtBot, folder: Path,  # noqa: F811
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    w = checked_batch(qtbot, folder)
    select(w, "财政局.docx")
    assert w.marks.mark("reviewed")
    warned: list[str] = []
    w.marks.warn = warned.append  # type: ignore[method-assign]
    refusing(monkeypatch, 100)
    w.marks.reload(force=True)
    w.marks.reload()  # the next activation while it still fails: said once
    qtbot.waitUntil(lambda: bool(warned), timeout=3000)
    qtbot.wait(20)
    assert len(warned) == 1 and "审核标记文件无法读取" in warned[0] and "没有权限" in warned[0]
    assert status(w)["财政局.docx"] == f"已审核 {TODAY}", "the marks shown stay"
    summary = {Path(p).name: columns for p, columns in w.marks.summary().items()}
    assert summary["财政局.docx"] == ("已审核", TODAY), "the summary exports them, not 未审核"


def test_a_window_that_could_not_read_them_reads_them_at_the_next_activation(qtbot: QtBot, folder: Path,  # noqa: F811
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    w = checked_batch(qtbot, folder)
    select(w, "财政局.docx")
    assert w.marks.mark("reviewed")
    warned: list[str] = []
    monkeypatch.setattr(batch_marks.BatchMarks, "_warn", lambda self, text: warned.append(text))
    left = refusing(monkeypatch, 100)
    other = checked_batch(qtbot, folder)  # opened while the file is refused: nothing to show yet
    qtbot.waitUntil(lambda: bool(warned), timeout=3000)
    assert status(other)["财政局.docx"] == "未知（审核标记文件无法读取）"  # not 未审核 (4e0333d, rev23b L6)
    left[0] = 0
    other.marks.reload()  # the file unchanged since: read all the same, it was never read
    assert status(other)["财政局.docx"] == f"已审核 {TODAY}"
