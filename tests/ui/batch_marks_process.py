"""批量检查 in a process of its own, for 审核状态 across processes: its data folder comes from the
environment (XDG_DATA_HOME), as the program's does.

    python -m tests.ui.batch_marks_process FOLDER NAME KEY
        checks FOLDER in a batch window, selects the row of the file NAME ("-": none) and presses
        Ctrl+KEY there (1: 已审核, 2: 已发布), prints ``status {json}`` (file → 状态) and exits.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtTest import QTest

from ui.batch_model import COLUMNS
from ui.batch_window import BatchWindow
from ui.main import create_application


def main(folder: str, name: str, key: str) -> None:
    app = create_application([sys.argv[0]])
    w = BatchWindow(jobs=1)
    w.marks.ask = lambda text: True
    w.show()
    status, file = COLUMNS.index("状态"), COLUMNS.index("文件")

    def done() -> None:
        for r in range(w.proxy.rowCount()):
            if w.proxy.index(r, file).data() == name:
                w.view.selectionModel().select(w.proxy.index(r, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                               | QItemSelectionModel.SelectionFlag.Rows)
                w.view.setFocus()
                QTest.keyClick(w.view, getattr(Qt.Key, f"Key_{key}"), Qt.KeyboardModifier.ControlModifier)
        shown = {w.proxy.index(r, file).data(): w.proxy.index(r, status).data() for r in range(w.proxy.rowCount())}
        print("status", json.dumps(shown, ensure_ascii=False), flush=True)
        w.close()
        app.quit()

    w.finished.connect(lambda: QTimer.singleShot(0, done))
    w.start([Path(folder)])
    app.exec()


if __name__ == "__main__":
    main(*sys.argv[1:4])
