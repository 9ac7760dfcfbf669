"""批量检查 and the reviewer's saved copy (GUI tester gui16, session 16): a report opened from the
list, its errors dismissed in the editor and saved as a copy beside it (“…（修订）.docx”, as the
editor suggests for another program's file) — back in the list, the copy is a row of its own,
checked, its dismissals counted, paired with last year's report and noted as the original's
duplicate; the original's row stays as its unchanged file says."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.io import save_report
from tests.test_batch import report
from tests.ui.test_batch_window import rows
from ui import batch_window, dismiss
from ui.batch_model import COLUMNS
from ui.batch_window import BatchWindow

LATER = os.path.join("部门", "教育局2023.docx")
COPY = os.path.join("部门", "教育局2023（修订）.docx")


def test_a_copy_saved_from_an_editor_opened_from_the_list_joins_it(qtbot: QtBot, tmp_path: Path) -> None:
    from ui.main_window import MainWindow, editor_for

    root = tmp_path / "收到的年报"
    (root / "部门").mkdir(parents=True)
    save_report(report("某县教育局", 2022, carried_out=5, in_force=10), root / "部门" / "教育局2022.docx")
    # carried in 3 but last year carried out 5: a cross-year error, and an error of its own
    save_report(report("某县教育局", 2023, carried_in=3, carried_out=3, in_force=4), root / LATER)
    main = MainWindow(autosave_dir=tmp_path / "autosave")  # registers the editor the list opens
    qtbot.addWidget(main)
    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([root])
    before = rows(w)
    assert int(before[LATER]["错误"]) >= 1 and before[LATER]["已忽略"] == "0", before
    assert COPY not in before
    batch_window.new_editor = editor_for  # as 文件 → 批量检查… does
    # Double-click the row, as the reviewer does
    at = next(r for r in range(w.proxy.rowCount()) if w.proxy.index(r, COLUMNS.index("文件")).data() == LATER)
    view = w.view
    rect = view.visualRect(w.proxy.index(at, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: len(batch_window._windows) > 0, timeout=10000)
    editor = batch_window._windows[-1]
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.docs.loading is None and editor.docs.path is not None, timeout=20000)
    assert editor.docs.path == root / LATER
    state = editor.docs.state
    # The editor checks the file alone (its errors here are against last year's report): its
    # own finding, 未填写日期, is the one dismissed
    qtbot.waitUntil(lambda: bool(state.findings), timeout=20000)
    shown = list(state.findings)
    for f in shown:
        assert dismiss.dismiss(state, f, "已核实")
    assert editor.docs.save_to(root / COPY)
    # Back in the list: the window active again
    w.isActiveWindow = lambda: True  # type: ignore[method-assign]
    with qtbot.waitSignal(w.rechecked, timeout=60000):
        QApplication.sendEvent(w, QEvent(QEvent.Type.ActivationChange))
    after = rows(w)
    assert COPY in after, sorted(after)
    copy = after[COPY]
    expected = (before[LATER]["错误"], str(int(before[LATER]["警告"]) - len(shown)), str(len(shown)))
    assert (copy["错误"], copy["警告"], copy["已忽略"]) == expected, copy
    assert "已对照上年" in copy["备注"], copy
    assert after[LATER]["已忽略"] == "0", "the original file did not change"
    assert f"同一年度另有：{COPY}" in after[LATER]["备注"], after[LATER]
    assert f"同一年度另有：{LATER}" in copy["备注"], copy
    assert "新出现 1 个年报文件" in w.status.currentMessage(), w.status.currentMessage()
    # Nothing new since: a second return reads nothing and adds nothing
    n = w.model.rowCount()
    with qtbot.waitSignal(w.rechecked, timeout=60000):
        QApplication.sendEvent(w, QEvent(QEvent.Type.ActivationChange))
    assert w.model.rowCount() == n
