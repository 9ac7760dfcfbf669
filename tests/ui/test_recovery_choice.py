"""Thirty recovery copies at the start (crashes over days, each copy 以后再说): one list of them
all — file, time, what it holds — the ticked ones recovered, the ticked ones discarded (asked once
more), the rest kept for the next start; all of it from the keyboard (ui/recovery_choice.py)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QStyleOptionViewItem, QWidget

from tests.ui.conftest import SAMPLE, autosave_window
from ui.autosave import Recovery
from ui.documents import DocumentController
from ui.recovery_choice import RecoveryChoice

ASK_MANY = DocumentController.ask_restore_many  # the real one (the tests' conftest answers one by one)
COPIES = 30


def saved_at(i: int) -> str:
    """The ``i``-th newest copy's time: two a day, going back from 11月30日."""
    return f"2026-11-{30 - i // 2:02d}T{11 - i % 2}:{i:02d}:00"


def write_copies(folder: Path, tmp_path: Path, n: int = COPIES) -> list[Path]:
    """``n`` copies left by crashed editors, newest first: each a real report, its description
    naming its file, title and time (the 7th never saved, the 9th opened from a text copy)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(n):
        stem = f"autosave-{90000 + i}-{i:08x}"
        shutil.copy(SAMPLE, folder / f"{stem}.docx")
        path = "" if i in (6, 8) else str(tmp_path / f"第{i + 1:02d}街道年报.docx")
        info = {"format": 2, "path": path, "source": str(tmp_path / "网页副本.txt") if i == 8 else "",
                "title": f"第{i + 1:02d}街道2024年政府信息公开工作年度报告", "pid": 90000 + i,
                "saved_at": saved_at(i), "stamp": None,
                "typed_date": "", "import_findings": []}
        (folder / f"{stem}.json").write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
        when = dt.datetime.fromisoformat(saved_at(i)).timestamp()
        os.utime(folder / f"{stem}.docx", (when, when))  # the copy written as it says
        files.append(folder / f"{stem}.docx")
    return files


FAILED: list[BaseException] = []


def when_shown(kind: type, then: Callable[[QWidget], None], title: str = "") -> None:
    """``then`` run on the modal dialog of ``kind`` (and ``title``) as soon as it shows; a failure
    in it closes the dialog (never a modal box waiting for nobody) and fails the test after."""
    def look() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, kind) and w.isVisible() and (not title or w.windowTitle() == title):
                try:
                    then(w)
                except BaseException as e:
                    FAILED.append(e)
                    w.reject()  # type: ignore[attr-defined]
                return
        QTimer.singleShot(20, look)
    QTimer.singleShot(0, look)


def passed() -> None:
    if FAILED:
        raise FAILED.pop()


def key(widget: QWidget, k: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget.focusWidget() or widget, k, mod)


def alt(widget: QWidget, letter: str) -> None:
    """Alt+``letter``: the one button of ``widget`` whose mnemonic it is (Qt gives a button the
    shortcut of its text's “&”), clicked as the key would — offscreen delivers no shortcut events."""
    reached = [b for b in widget.findChildren(QAbstractButton)
               if b.shortcut() == QKeySequence(f"Alt+{letter}") and b.isVisible() and b.isEnabled()]
    assert len(reached) == 1, [b.text() for b in widget.findChildren(QAbstractButton)]
    reached[0].click()


@pytest.fixture
def many(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DocumentController, "ask_restore_many", ASK_MANY)


def test_thirty_copies_are_one_list_recovered_and_discarded_by_keyboard(qtbot, tmp_path: Path, many: None) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosave"
    copies = write_copies(folder, tmp_path)
    win = autosave_window(qtbot, folder)
    win.docs.ask_restore = lambda info: pytest.fail("one question a copy")  # type: ignore[method-assign]
    elsewhere: list[Recovery] = []
    win.docs.restore_elsewhere = lambda slot, report, info: elsewhere.append(info) or slot.release()
    seen: dict[str, object] = {}

    def confirm(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen["confirm"] = box.text()
        assert box.defaultButton().text() == "取消(&C)", "Enter keeps the copies"
        alt(box, "D")  # 放弃修改(&D)

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, RecoveryChoice)
        rows = dialog.rows()
        seen["rows"] = [[r.text(c) for c in range(4)] for r in rows]
        seen["intro"] = dialog.intro.text()
        assert dialog.focusWidget() is dialog.list and dialog.ticked() == [0], "the newest ticked, the list focused"
        for _ in range(2):  # the 2nd and 3rd ticked too
            key(dialog, Qt.Key.Key_Down)
            key(dialog, Qt.Key.Key_Space)
        assert dialog.ticked() == [0, 1, 2]
        when_shown(QMessageBox, confirm, "放弃自动保存的修改")
        alt(dialog, "D")  # 放弃选中(&D)…
        assert len(dialog.rows()) == COPIES - 3 and dialog.ticked() == []
        assert not dialog.recover_button.isEnabled()
        key(dialog, Qt.Key.Key_Space)  # the first left (the 4th newest)
        key(dialog, Qt.Key.Key_End)
        key(dialog, Qt.Key.Key_Space)  # and the oldest
        seen["intro2"] = dialog.intro.text()
        key(dialog, Qt.Key.Key_Return)  # 恢复选中, the default

    when_shown(RecoveryChoice, choose)
    here = win.docs.offer_restore()
    passed()
    assert here
    rows = seen["rows"]
    assert isinstance(rows, list) and len(rows) == COPIES
    assert rows[0][:3] == ["第01街道年报.docx", "2026年11月30日 11:00:00", "第01街道2024年政府信息公开工作年度报告"]
    assert rows[0][3] == f"文件：{tmp_path / '第01街道年报.docx'}"
    assert rows[6][0] == "第07街道2024年政府信息公开工作年度报告" and rows[6][3] == "尚未保存过的新报告"
    assert rows[8][0] == "网页副本.txt" and rows[8][3].startswith("从 ")
    assert "30 份" in str(seen["intro"]) and "已勾选 2 份" in str(seen["intro2"])
    assert "“第01街道年报.docx”、“第02街道年报.docx”、“第03街道年报.docx”" in str(seen["confirm"])
    assert [c.exists() for c in copies[:3]] == [False] * 3, "discarded: deleted"
    assert win.docs.path == tmp_path / "第04街道年报.docx"
    assert win.state.report.organ == "宁波市北仑区人民政府小港街道办事处" and win.state.is_modified()
    assert [i.name() for i in elsewhere] == ["第30街道年报.docx"], "the second in a window of its own"
    assert all(c.exists() for c in copies[3:]), "recovered ones stay until saved, the rest for later"
    later = autosave_window(qtbot, folder)
    offered: list[list[str]] = []
    later.docs.ask_restore_many = lambda infos: offered.append([i.name() for i in infos]) or [None] * len(infos)  # type: ignore[method-assign]
    later.docs.offer_restore()
    # 3 discarded, 1 recovered here (its window holds it); the one handed elsewhere was let go by the stand-in
    assert len(offered[0]) == COPIES - 4 and offered[0][0] == "第05街道年报.docx" and "第04街道年报.docx" not in offered[0]


def test_later_keeps_every_copy_and_alt_a_ticks_all(qtbot, tmp_path: Path, many: None) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosave"
    copies = write_copies(folder, tmp_path, 4)
    win = autosave_window(qtbot, folder)
    ticked: list[list[int]] = []

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, RecoveryChoice)
        alt(dialog, "A")
        ticked.append(dialog.ticked())
        alt(dialog, "A")
        ticked.append(dialog.ticked())
        key(dialog, Qt.Key.Key_Escape)

    when_shown(RecoveryChoice, choose)
    here = win.docs.offer_restore()
    passed()
    assert not here
    assert ticked == [[0, 1, 2, 3], []]
    assert all(c.exists() for c in copies) and win.docs.path is None


def test_one_copy_is_still_its_own_question(qtbot, tmp_path: Path, many: None) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosave"
    write_copies(folder, tmp_path, 1)
    win = autosave_window(qtbot, folder)
    asked: list[str] = []
    win.docs.ask_restore = lambda info: asked.append(info.name()) or None  # type: ignore[method-assign]
    win.docs.offer_restore()
    assert asked == ["第01街道年报.docx"]


@pytest.mark.parametrize("n", [3, COPIES])
def test_the_list_fits_its_width_without_a_sideways_scroll(qtbot, tmp_path: Path, n: int) -> None:  # type: ignore[no-untyped-def]
    """1366×768 at 150 % (911 px to Qt): with 3 copies the dialog was 640 px wide and 来源 cut at
    “文件：/tmp/u” behind a sideways scroll bar (ux32).  Now the columns share the list's width:
    the report and the time whole, 内容 and 来源 cut in their middle, the file's name kept."""
    from ui.autosave import crashed_slots

    write_copies(tmp_path / "autosave", tmp_path, n)
    infos = [slot.info() for slot in crashed_slots(tmp_path / "autosave")]
    dialog = RecoveryChoice(infos)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(10)
    metrics, header = dialog.list.fontMetrics(), dialog.list.header()
    longest = [max(metrics.horizontalAdvance(r.text(c)) for r in dialog.rows()) for c in range(header.count())]
    if sum(longest) + 120 < dialog.screen().availableGeometry().width():  # room for every text: as wide as that
        assert all(header.sectionSize(c) > longest[c] for c in range(header.count())), (longest, dialog.width())
    for width in (640, 911, 1920 * 2 // 3, 1600):
        dialog.resize(width, 480)
        qtbot.waitExposed(dialog)
        qtbot.wait(10)  # laid out
        view, header = dialog.list, dialog.list.header()
        room = view.viewport().width()
        sections = [header.sectionSize(c) for c in range(header.count())]
        assert sum(sections) <= room and sum(sections) >= room - header.count(), (width, sections, room)
        assert not view.horizontalScrollBar().isVisible()
        metrics = view.fontMetrics()
        for row in dialog.rows():
            if width < 911:  # narrower than any screen's: no sideways scroll is all it owes
                break
            assert header.sectionSize(0) > metrics.horizontalAdvance(row.text(0)), "the report's name whole"
            assert header.sectionSize(1) > metrics.horizontalAdvance(row.text(1)), "the time whole"
            option = QStyleOptionViewItem()
            option.rect = view.visualItemRect(row)  # type: ignore[attr-defined]
            option.rect.setWidth(header.sectionSize(3))  # type: ignore[attr-defined]
            delegate = view.itemDelegateForColumn(3)
            delegate.initStyleOption(option, view.indexFromItem(row, 3))  # type: ignore[attr-defined]
            shown = metrics.elidedText(option.text, Qt.TextElideMode.ElideMiddle, header.sectionSize(3) - 12)  # type: ignore[attr-defined]
            if row.text(3).startswith("文件："):
                assert shown.endswith(Path(row.text(3)).name), shown  # a cut path keeps its file's name
            assert row.toolTip(3) == row.text(3)
