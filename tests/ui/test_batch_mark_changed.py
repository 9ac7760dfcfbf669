"""A report saved since its row was read (the reviewer corrected it in the editor opened from
the list, and came back) cannot be marked with the digest of what it was: marked during its
recheck it said 已审核（文件已改动）, red, 需要重新审核, the moment the recheck ended — the review
just made called out of date (rev22 M4).  Such a row is left out, said, checked again, and marked
once its new result is in."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.io import save_report
from tests.test_batch import report
from tests.ui.conftest import checked_batch
from tests.ui.test_batch_marks import TODAY, folder, select, status  # noqa: F401  (fixture)


def test_a_row_marked_while_rechecked_waits_for_its_new_result(qtbot: QtBot, folder: Path) -> None:  # noqa: F811
    w = checked_batch(qtbot, folder)
    save_report(report("某县财政局", 2023, carried_in=4), folder / "财政局.docx")  # saved in the editor
    with qtbot.waitSignal(w.rechecked, timeout=60000):
        assert w.recheck_changed() is not None  # the window came back to the front
        select(w, "财政局.docx", "教育局.docx")
        assert w.marks.mark("reviewed")  # Ctrl+1 at once, as the reviewer does
        said = w.status.currentMessage()
    assert "1 份报告在检查后已改动，正在重新检查，检查完后再标记" in said
    assert status(w)["教育局.docx"] == f"已审核 {TODAY}", "the rows not being read again are marked"
    assert status(w)["财政局.docx"] == "未审核", "not marked with the old content, not said changed"
    select(w, "财政局.docx")
    assert w.marks.mark("reviewed")
    assert status(w)["财政局.docx"] == f"已审核 {TODAY}"


def test_a_file_changed_before_any_recheck_began_is_not_marked_and_is_checked_again(qtbot: QtBot, folder: Path) -> None:  # noqa: F811
    w = checked_batch(qtbot, folder)
    target = folder / "财政局.docx"
    save_report(report("某县财政局", 2023, carried_in=4), target)
    st = target.stat()
    import os

    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))  # a later save, whatever the clock's grain
    select(w, "财政局.docx")
    with qtbot.waitSignal(w.rechecked, timeout=60000):
        assert not w.marks.mark("reviewed")  # before the window noticed: no recheck yet
        assert "在检查后已改动" in w.status.currentMessage()
    assert status(w)["财政局.docx"] == "未审核"
    select(w, "财政局.docx")
    assert w.marks.mark("reviewed")
    assert status(w)["财政局.docx"] == f"已审核 {TODAY}"
