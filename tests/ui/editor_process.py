"""The real editor (ui.main.run) in a process of its own, for autosave tests across processes
and kill -9.  Its folders come from the environment (XDG_DATA_HOME, XDG_CONFIG_HOME).

    python -m tests.ui.editor_process edit FILE|- COUNT INTERVAL_S
        opens FILE (or a blank report), then enters 1, 2, … COUNT into one cell of table 三
        every INTERVAL_S seconds as separate entries, printing ``typed N MONOTONIC`` for each;
        then keeps running (as a user reading the screen) until killed.
    python -m tests.ui.editor_process type FILE|- TEXT
        opens FILE (or a blank report), types TEXT into that cell with real keys and enters
        nothing (no Enter, no Tab: the cell editor stays open), prints ``typed TEXT MONOTONIC``,
        then keeps running until killed.
    python -m tests.ui.editor_process asked FILE
        opens FILE as the program does; prints ``asked TITLE`` when a question is put (文件正在编辑)
        and leaves it unanswered, as a user gone; prints ``looped`` if the program's event loop runs.
    python -m tests.ui.editor_process start yes|no|later
        starts as the program does, prints ``offer {json}`` for each recovered document it is
        offered and answers; prints ``windows [{json}, …]`` (each window's document and findings) and exits.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.schema import T3_CARRIED_IN, T3_COL_NATURAL, CellRef
from ui.autosave import Recovery
from ui.documents import DocumentController
from ui.main import create_application, run

CELL = CellRef("三", T3_CARRIED_IN, T3_COL_NATURAL)


def _say(*words: object) -> None:
    print(*words, flush=True)


def _windows() -> list:  # type: ignore[type-arg]
    from ui.main_window import MainWindow

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def edit(path: str, count: int, interval: float) -> int:
    app = create_application()
    entered = [0]

    def enter() -> None:
        windows = _windows()
        if not windows:  # not shown yet (the start's child is still reading the file)
            return
        window = windows[0]
        # Still 正在打开 (being read, or not handed to the reader yet): a user cannot type either.
        if window.docs.loading is not None or window._opening():
            return
        if entered[0] >= count:  # COUNT 0: opens the file, types nothing
            timer.stop()
            return
        page = window.show_page(CELL.table)
        model = page.model  # type: ignore[attr-defined]
        entered[0] += 1
        model.setData(model.index_of((CELL.row, CELL.col)), str(entered[0]))
        _say("typed", entered[0], time.monotonic())
        if entered[0] >= count:
            timer.stop()

    timer = QTimer(app, interval=int(interval * 1000))
    timer.timeout.connect(enter)
    QTimer.singleShot(0, timer.start)
    return run(None if path == "-" else path)


def type_unentered(path: str, text: str) -> int:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit

    app = create_application()

    def enter() -> None:
        windows = _windows()
        if not windows or windows[0].docs.loading is not None or windows[0]._opening():
            return  # not shown, or still being read: a user cannot type either
        timer.stop()
        page = windows[0].show_page(CELL.table)
        view = page.view  # type: ignore[attr-defined]
        view.setFocus()
        view.setCurrentIndex(page.model.index_of((CELL.row, CELL.col)))  # type: ignore[attr-defined]
        QTest.keyClick(view, text[0])  # the first key opens the cell editor, as in Excel
        editor = next(e for e in view.findChildren(QLineEdit) if e.isVisible())
        QTest.keyClicks(editor, text[1:])
        _say("typed", editor.text(), time.monotonic())

    timer = QTimer(app, interval=100)
    timer.timeout.connect(enter)
    QTimer.singleShot(0, timer.start)
    return run(None if path == "-" else path)


def start(answer: str) -> int:
    app = create_application()

    def ask(self: DocumentController, info: Recovery) -> bool | None:
        described = {f.name: getattr(info, f.name) for f in dataclasses.fields(info) if f.name != "findings"}
        _say("offer", json.dumps(described | {"name": info.name()}, ensure_ascii=False))
        return {"yes": True, "no": False}.get(answer)

    DocumentController.ask_restore = ask  # type: ignore[assignment,method-assign]
    # several copies: each said and answered as one (the list itself: tests/ui/test_recovery_choice.py)
    DocumentController.ask_restore_many = lambda self, infos: [self.ask_restore(i) for i in infos]  # type: ignore[method-assign]

    def report() -> None:
        found = [{"path": str(w.docs.path or ""), "title": w.windowTitle(), "value": w.state.report.value(CELL),
                  "modified": w.state.is_modified(),
                  "findings": [[f.code, f.kind, f.message] for f in w.state.findings]} for w in _windows()]
        _say("windows", json.dumps(found, ensure_ascii=False))
        for w in _windows():  # as a crash would: the copies stay for the next start
            if w.docs._slot is not None:
                w.docs._slot.release()
                w.docs._slot = None
            w.docs.state.mark_saved()
        app.exit(0)

    QTimer.singleShot(500, report)
    return run(None)


def asked(path: str) -> int:
    from PySide6.QtWidgets import QMessageBox

    from ui import filedialogs

    app = create_application()
    choose = filedialogs.choose

    def told(parent, icon: QMessageBox.Icon, title: str, *rest):  # type: ignore[no-untyped-def]
        _say("asked", title)
        return choose(parent, icon, title, *rest)

    filedialogs.choose = told  # type: ignore[assignment]
    exec_ = app.exec

    def looped() -> int:
        _say("looped")
        return exec_()

    app.exec = looped  # type: ignore[method-assign]
    return run(path)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "edit":
        sys.exit(edit(sys.argv[2], int(sys.argv[3]), float(sys.argv[4])))
    if mode == "type":
        sys.exit(type_unentered(sys.argv[2], sys.argv[3]))
    if mode == "asked":
        sys.exit(asked(sys.argv[2]))
    sys.exit(start(sys.argv[2]))
