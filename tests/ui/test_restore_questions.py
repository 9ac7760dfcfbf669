"""Several crashed documents at start: each 恢复/放弃 question has one size (as wide as the longest
needs, never wider than the screen) on the same spot, so the buttons stay under the mouse (from
the GUI test: each box had its own width and position, the buttons jumped between prompts)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QRect, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from app.io import save_report
from app.reading import load_report
from app.schema import T3_COL_NATURAL, T3_NEW
from tests.ui.conftest import SAMPLE, autosave_window, crashed, table, type_into


def _answer_each(qtbot, seen: list[dict[str, object]]) -> QTimer:  # type: ignore[no-untyped-def]
    """Notes each question box as shown (its frame, its label's room and need) and answers 以后再说."""
    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            return
        label = box.findChild(QLabel, "qt_msgbox_label")
        assert label is not None
        buttons = {b.text(): QRect(b.mapTo(box, b.rect().topLeft()), b.size()) for b in box.buttons()}
        seen.append({"geometry": box.geometry(), "text": box.text(), "buttons": buttons,
                     "room": label.height(), "need": label.heightForWidth(label.width()),
                     "width": label.width(), "short": label.fontMetrics().horizontalAdvance("有上次没有保存的修改。"),
                     "screen": box.screen().availableGeometry()})
        for b in box.buttons():
            if b.text() == "以后再说(&L)":
                b.click()
    timer = QTimer(interval=50)
    timer.timeout.connect(look)
    timer.start()
    return timer


def test_the_recovery_questions_of_one_start_have_one_size_and_place(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosave"
    deep = tmp_path / ("很长的文件夹名称" * 6) / ("子文件夹" * 5)
    deep.mkdir(parents=True)
    names = [tmp_path / "短.docx", deep / ("某某县某某镇人民政府2023年政府信息公开工作年度报告（修改稿第三版）" * 2 + ".docx")]
    for path in names:
        shutil.copy(SAMPLE, path)
    windows = [autosave_window(qtbot, folder) for _ in range(3)]
    for win, path in zip(windows, [*names, None], strict=True):
        if path is not None:
            save_report(load_report(SAMPLE), path)
            assert win.docs.load(path)
        type_into(qtbot, table(win, "三"), (T3_NEW, T3_COL_NATURAL), "5")
        assert win.docs.autosave()
        crashed(win)
    starting = autosave_window(qtbot, folder)
    seen: list[dict[str, object]] = []
    timer = _answer_each(qtbot, seen)
    try:
        assert not starting.docs.offer_restore()
    finally:
        timer.stop()
    assert len(seen) == 3
    assert len({s["text"] for s in seen}) == 3  # three different questions …
    frames = {(s["geometry"].width(), s["geometry"].height()) for s in seen}  # type: ignore[attr-defined]
    assert len(frames) == 1, f"each question its own size: {frames}"
    assert len({s["geometry"].topLeft().toTuple() for s in seen}) == 1, "each question its own place"  # type: ignore[attr-defined]
    assert len({tuple(sorted((k, v.getRect()) for k, v in s["buttons"].items())) for s in seen}) == 1  # type: ignore[attr-defined]
    for s in seen:
        assert s["need"] <= s["room"], f"text cut off: {s['text']}"  # type: ignore[operator]
        assert s["geometry"].width() <= s["screen"].width()  # type: ignore[attr-defined]
    # As wide as the longest needs: the short one is not wrapped into a narrow box.
    assert seen[0]["width"] >= seen[0]["short"]  # type: ignore[operator]
