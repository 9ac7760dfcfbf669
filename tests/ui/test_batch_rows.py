"""批量检查's rows are worked out once per result and held by Qt (ui/batch_model.py): what the
list shows must follow every change of a row — a file checked again, a row waiting for its new
result, the folder files are shown within — and sorting and filtering must follow it too.  And a
repaint of the list must run none of the model's Python (each call waits for the GIL while
another thread of the window runs Python)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import FrameType
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import batch
from app.batch import Said
from app.findings import Severity
from ui.batch_model import COLUMNS, SORT_ROLE
from ui.batch_window import BatchWindow

ERRORS, FIRST, FILE, NOTE, ORGAN = (COLUMNS.index(n) for n in ("错误", "第一个问题", "文件", "备注", "机关名称"))
ROOT = os.path.abspath(os.sep + "收到的年报")


def said(severity: Severity, message: str) -> Said:
    code = "TABLE3-SUM" if severity is Severity.ERROR else "DATE-MISSING"
    return Said(code, severity, "", message, "表三")


def result(name: str, organ: str, errors: int = 0, warnings: int = 0) -> batch.FileResult:
    findings = [said(Severity.ERROR, f"{organ}错误{i}") for i in range(errors)]
    findings += [said(Severity.WARNING, f"{organ}警告{i}") for i in range(warnings)]
    return batch.FileResult(os.path.join(ROOT, name), organ=organ, year=2023, findings=findings)


def window(qtbot: QtBot, results: list[batch.FileResult]) -> BatchWindow:
    w = BatchWindow()
    qtbot.addWidget(w)
    w.resize(1100, 640)
    w.show()
    qtbot.waitExposed(w)
    w.model.base = Path(ROOT)
    for r in results:
        w.model.put(r)
    return w


def shown(w: BatchWindow, col: int, role: int = Qt.ItemDataRole.DisplayRole) -> list[Any]:
    return [w.proxy.index(r, col).data(role) for r in range(w.proxy.rowCount())]


def row_of(w: BatchWindow, name: str) -> int:
    return shown(w, FILE).index(name)


def test_a_row_checked_again_shows_its_new_result_and_sorts_by_it(qtbot: QtBot) -> None:
    w = window(qtbot, [result("甲.docx", "甲局", errors=1), result("乙.docx", "乙局", errors=3),
                       result("丙.docx", "丙局")])
    w.view.sortByColumn(ERRORS, Qt.SortOrder.DescendingOrder)
    assert shown(w, FILE) == ["乙.docx", "甲.docx", "丙.docx"]
    red = w.proxy.index(row_of(w, "甲.docx"), ERRORS).data(Qt.ItemDataRole.ForegroundRole)
    assert red is not None
    assert w.proxy.index(row_of(w, "丙.docx"), ERRORS).data(Qt.ItemDataRole.ForegroundRole) is None

    # 丙 corrected badly in Word and checked again: five errors now, first in the list
    w.model.put(result("丙.docx", "丙县局", errors=5))
    assert shown(w, FILE) == ["丙.docx", "乙.docx", "甲.docx"], "sorted by the new count"
    at = row_of(w, "丙.docx")
    assert w.proxy.index(at, ERRORS).data() == "5" and w.proxy.index(at, ERRORS).data(SORT_ROLE) == 5
    assert w.proxy.index(at, ORGAN).data() == "丙县局"
    assert w.proxy.index(at, ORGAN).data(Qt.ItemDataRole.ToolTipRole).startswith("丙县局\n")
    assert w.proxy.index(at, FIRST).data() == "[错误] 表三：丙县局错误0"
    assert "……另有" not in w.proxy.index(at, FIRST).data(Qt.ItemDataRole.ToolTipRole)
    assert w.proxy.index(at, ERRORS).data(Qt.ItemDataRole.ForegroundRole) is not None, "red now"

    # 乙 fixed: no error left, no longer red, last
    w.model.put(result("乙.docx", "乙局", warnings=2))
    assert shown(w, FILE) == ["丙.docx", "甲.docx", "乙.docx"]
    at = row_of(w, "乙.docx")
    assert w.proxy.index(at, ERRORS).data() == "0"
    assert w.proxy.index(at, ERRORS).data(Qt.ItemDataRole.ForegroundRole) is None, "not red any more"
    assert w.proxy.index(at, FIRST).data() == "[警告] 表三：乙局警告0"
    assert w.model.rowCount() == 3, "a file checked again keeps its row"


def test_errors_only_follows_a_row_checked_again(qtbot: QtBot) -> None:
    w = window(qtbot, [result("甲.docx", "甲局", errors=1), result("乙.docx", "乙局")])
    w.errors_only.setChecked(True)
    assert shown(w, FILE) == ["甲.docx"]
    w.model.put(result("甲.docx", "甲局"))
    w.model.put(result("乙.docx", "乙局", errors=2))
    assert shown(w, FILE) == ["乙.docx"]
    w.model.put(batch.FileResult(os.path.join(ROOT, "甲.docx"), error="文件已损坏"))
    assert sorted(shown(w, FILE)) == ["乙.docx", "甲.docx"], "an unreadable file counts as an error"


def test_a_row_waiting_for_its_new_result_says_so_until_it_comes(qtbot: QtBot) -> None:
    w = window(qtbot, [result("甲.docx", "甲局", errors=2)])
    index = w.proxy.index(0, ERRORS)
    red = index.data(Qt.ItemDataRole.ForegroundRole)
    w.model.await_again({os.path.join(ROOT, "甲.docx"): "正在重新检查……"})
    assert w.proxy.index(0, NOTE).data() == "正在重新检查……"
    assert w.proxy.index(0, ERRORS).data() == "2", "the counts stay meanwhile"
    grey = w.proxy.index(0, ERRORS).data(Qt.ItemDataRole.ForegroundRole)
    assert grey is not None and grey.color() != red.color()
    assert "还不是最后结果" in w.proxy.index(0, ERRORS).data(Qt.ItemDataRole.ToolTipRole)
    w.model.stop_waiting("未能重新检查：数字是修改前的")
    assert w.proxy.index(0, NOTE).data() == "未能重新检查：数字是修改前的"
    w.model.put(result("甲.docx", "甲局", errors=1))
    assert w.proxy.index(0, NOTE).data() == ""
    assert w.proxy.index(0, ERRORS).data() == "1"
    assert w.proxy.index(0, ERRORS).data(Qt.ItemDataRole.ForegroundRole).color() == red.color()
    assert "还不是最后结果" not in w.proxy.index(0, ERRORS).data(Qt.ItemDataRole.ToolTipRole)


def test_files_are_shown_within_the_folder_set_after_the_rows(qtbot: QtBot) -> None:
    w = window(qtbot, [result(os.path.join("乡镇", "甲.docx"), "甲局")])
    assert shown(w, FILE) == [os.path.join("乡镇", "甲.docx")]
    w.model.base = None
    assert shown(w, FILE) == [os.path.join(ROOT, "乡镇", "甲.docx")]


def test_a_new_run_starts_with_an_empty_list_and_its_columns(qtbot: QtBot) -> None:
    w = window(qtbot, [result("甲.docx", "甲局", errors=1)])
    w.model.clear()
    assert w.model.rowCount() == 0 and w.proxy.rowCount() == 0
    assert w.model.columnCount() == len(COLUMNS)
    assert [w.model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))] == list(COLUMNS)
    w.model.put(result("乙.docx", "乙局"))
    assert shown(w, FILE) == ["乙.docx"] and shown(w, ERRORS) == ["0"]


def test_a_repaint_of_the_list_runs_none_of_the_models_python(qtbot: QtBot) -> None:
    """Every call a repaint makes into Python waits for the GIL while the window's other threads
    run Python: the model answers from what Qt holds."""
    w = window(qtbot, [result(f"{i:02}.docx", f"第{i}局", errors=i % 3, warnings=i % 5) for i in range(40)])
    QApplication.processEvents()
    model_file = sys.modules[type(w.model).__module__].__file__
    calls: list[str] = []

    def profile(frame: FrameType, event: str, _arg: object) -> None:
        if event == "call" and frame.f_code.co_filename == model_file:
            calls.append(frame.f_code.co_name)

    sys.setprofile(profile)
    try:
        w.view.viewport().repaint()
        w.view.resizeColumnToContents(ORGAN)  # as the columns are fitted to what they hold
    finally:
        sys.setprofile(None)
    assert calls == []


def test_rows_waiting_together_each_say_so_and_the_others_do_not(qtbot: QtBot) -> None:
    w = window(qtbot, [result("甲.docx", "甲局", errors=1), result("乙.docx", "乙局", errors=1),
                       result("丙.docx", "丙局", errors=1)])
    w.view.sortByColumn(FILE, Qt.SortOrder.AscendingOrder)
    changed: list[tuple[int, int]] = []
    w.model.dataChanged.connect(lambda a, b, _roles=(): changed.append((a.row(), b.row())))
    w.model.await_again({os.path.join(ROOT, n): "正在重新检查……" for n in ("甲.docx", "丙.docx")})
    assert changed == [(0, 2)], "said once for the rows, not once a row"
    notes = dict(zip(shown(w, FILE), shown(w, NOTE), strict=True))
    assert notes == {"甲.docx": "正在重新检查……", "乙.docx": "", "丙.docx": "正在重新检查……"}
    w.model.stop_waiting("未能重新检查：数字是修改前的", [os.path.join(ROOT, "丙.docx")])
    notes = dict(zip(shown(w, FILE), shown(w, NOTE), strict=True))
    assert notes == {"甲.docx": "正在重新检查……", "乙.docx": "", "丙.docx": "未能重新检查：数字是修改前的"}
    greys = {n: w.proxy.index(row_of(w, n), ERRORS).data(Qt.ItemDataRole.ForegroundRole).color().name()
             for n in ("甲.docx", "乙.docx", "丙.docx")}
    assert greys["甲.docx"] == greys["丙.docx"] != greys["乙.docx"]
