"""The program's own context menus give each item a letter (ui/menu_keys.py): 忽略此问题(&I)…,
转到(&G), 复制(&C)…  Opened with Shift+F10, the findings list's menu had none: the reviewer went
down it with the arrows, took 转到 for 忽略 and typed the reason into the report (rev25c D1's note)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QPushButton
from shiboken6 import isValid

import ui.findings
from app.findings import TEXT_TABLE_MISMATCH
from app.schema import PREAMBLE, T3_NEW
from tests.ui.conftest import SAMPLE, table, translated
from tests.ui.test_dismiss import choose, mismatch_report, rows
from ui.findings import FINDING_ROLE
from ui.main_window import MainWindow


def keys(texts: list[str]) -> list[str]:
    """The access key of each item (“” for an item without one)."""
    found = [re.search(r"&([^&])", t.replace("&&", "")) for t in texts]
    return [m.group(1).upper() if m else "" for m in found]


def assert_keyed(texts: list[str]) -> None:
    letters = keys(texts)
    assert all(letters), f"an item without a letter: {texts}"
    assert len(set(letters)) == len(letters), f"two items share a letter: {texts}"


def popup_texts(qtbot, widget, then=None) -> list[str]:  # type: ignore[no-untyped-def]
    """Shift+F10 at ``widget``: the texts of the menu it opens; then ``then(menu)``; closed if still open."""
    seen: list[list[str]] = []

    def look() -> None:
        popup = QApplication.activePopupWidget()
        if not isinstance(popup, QMenu):
            QTimer.singleShot(10, look)
            return
        seen.append([a.text() for a in popup.actions() if not a.isSeparator()])
        if then is not None:
            then(popup)
        if isValid(popup) and popup.isVisible():  # the key did nothing: not left waiting
            popup.close()

    QTimer.singleShot(0, look)
    qtbot.keyClick(widget, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    return seen[0]


def test_i_in_the_findings_menu_dismisses_the_finding(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ui.findings, "ask_reason", lambda *a, **k: ("已核实", True))
    window.state.replace_report(mismatch_report())
    choose(window, TEXT_TABLE_MISMATCH.code)
    texts = popup_texts(qtbot, window.findings.view, lambda menu: QTest.keyClick(menu, Qt.Key.Key_I))
    assert "忽略此问题(&I)…" in texts and "转到(&G)" in texts
    assert_keyed(texts)
    qtbot.waitUntil(lambda: rows(window) == [(TEXT_TABLE_MISMATCH.code, True)], timeout=10000)


def test_every_findings_menu_has_a_letter_for_each_item(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample's findings: duplicates (转到另一处, 删除此处重复), a sentence against a table
    (转到表三 / 转到正文), fixes — each row's menu, and a dismissed row's (恢复此问题)."""
    monkeypatch.setattr(ui.findings, "ask_reason", lambda *a, **k: ("", True))
    assert window.docs.load(SAMPLE)
    panel = window.findings
    seen = set()
    for i in range(panel.proxy.rowCount()):
        menu = panel.menu_for(panel.proxy.index(i, 0))
        assert menu is not None
        texts = [a.text() for a in menu.actions() if not a.isSeparator()]
        assert_keyed(texts)
        seen.update(re.sub(r"\(&.\)", "", t) for t in texts)
    assert {"转到", "忽略此问题…", "转到另一处"} <= seen, seen
    panel.view.setCurrentIndex(panel.proxy.index(0, 0))
    finding = panel.proxy.index(0, 0).data(FINDING_ROLE)
    panel.dismiss_current()
    dismissed = next(panel.proxy.index(i, 0) for i in range(panel.proxy.rowCount())
                     if panel.proxy.index(i, 0).data(FINDING_ROLE) == finding)
    menu = panel.menu_for(dismissed)
    assert menu is not None and "恢复此问题(&R)" in [a.text() for a in menu.actions()]


def test_the_cells_menu_has_a_letter_for_each_item(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = table(window, "三")
    view.setFocus()
    view.setCurrentIndex(view.grid_model().index_of((T3_NEW, 0)))
    texts = popup_texts(qtbot, view)
    assert "复制(&C)" in texts and "粘贴(&P)" in texts
    assert_keyed(texts)


def test_the_texts_menu_keeps_qts_letters_and_gives_the_findings_commands_others(window: MainWindow) -> None:
    assert window.docs.load(SAMPLE)
    editor = window.show_page(PREAMBLE).editor  # type: ignore[attr-defined]
    finding = next(f for f in window.state.findings if f.code == "DUP-PARAGRAPH" and f.location.span)
    cursor = QTextCursor(editor.document())
    cursor.setPosition(finding.location.span.start + 5)
    menu = editor.context_menu(cursor)
    ours = [a.text() for a in menu.actions() if a.objectName().startswith("finding-")]
    # 转到另一处, 删除此处重复 and (user29) 在检查结果中查看：文字重复, each with its letter
    assert len(ours) == 3 and all(keys(ours))
    assert "在检查结果中查看：文字重复(&V)" in ours
    assert_keyed([a.text() for a in menu.actions() if not a.isSeparator()])


def window_keys(window: MainWindow) -> list[tuple[str, str]]:
    """Each Alt key the window answers now: (letter, whose) for the menu bar's titles and every
    shown button and label of the window itself (its dialogs are windows of their own)."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    found = [(k, t) for t in [a.text() for a in window.menuBar().actions()] for k in keys([t]) if k]
    for widget in [*window.findChildren(QAbstractButton), *window.findChildren(QLabel)]:
        if widget.isVisible() and widget.window() is window and (letter := keys([widget.text()])[0]):
            found.append((letter, widget.text()))
    return found


def assert_no_key_twice(window: MainWindow) -> None:
    found = window_keys(window)
    letters = [k for k, _ in found]
    assert len(set(letters)) == len(letters), f"one Alt key for two things: {sorted(found)}"


def test_the_panels_buttons_have_letters_the_menu_bar_has_not(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """转到表三, 转到另一处, 删除此处重复, 修复：… had no letter (user33 under Xvfb), every other
    button had; Alt+F on a 修复 or Alt+E on a 删除 would have been the menu bar's 文件 or 编辑 too.
    Each finding of the sample chosen: every shown command keyed, no Alt key twice in the window,
    and the list's menu gives the same words the same letter."""
    assert window.docs.load(SAMPLE)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    panel = window.findings
    seen: dict[str, str] = {}
    for i in range(panel.proxy.rowCount()):
        panel.view.setCurrentIndex(panel.proxy.index(i, 0))
        buttons = [b for b in panel.findChildren(QPushButton) if b.isVisible()]
        assert_keyed([b.text() for b in buttons])
        assert_no_key_twice(window)
        menu = panel.menu_for(panel.proxy.index(i, 0))
        assert menu is not None
        in_menu = {re.sub(r"\(&.\)", "", a.text()): keys([a.text()])[0] for a in menu.actions() if a.text()}
        for button in buttons:
            words = re.sub(r"\(&.\)", "", button.text())
            seen[words] = keys([button.text()])[0]
            if words in in_menu:
                assert in_menu[words] == seen[words], (words, in_menu)
    shown = {re.sub(r"表.", "表", w) if w.startswith("转到表") else w.split("：")[0]: k for w, k in seen.items()}
    assert {"转到另一处", "删除此处重复", "修复", "转到表", "忽略此问题…"} <= set(shown), seen
    assert not {"F", "E", "V", "H"} & set(seen.values()), seen


def test_every_button_of_every_page_has_its_key_and_none_twice(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """从上年报告新建…, 打开 (the blank report's start), 日历… and ＋ 添加表格前的说明文字 had no
    letter (user33 under Xvfb): each page shown, blank and with a report, every button of the
    window keyed and no Alt key twice."""
    from PySide6.QtWidgets import QAbstractButton

    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    seen: set[str] = set()
    for loaded in (False, True):
        if loaded:
            assert window.docs.load(SAMPLE)
        for key in sorted(window.page_keys):
            window.show_page(key)
            QApplication.processEvents()
            # not the paragraph's B, I, U: a glyph for Ctrl+B, I, U, as Word's
            buttons = [b for b in window.centralWidget().findChildren(QAbstractButton) if b.isVisible() and len(b.text()) > 1]
            assert_keyed([b.text() for b in buttons])
            assert_no_key_twice(window)
            seen.update(re.sub(r"\(&.\)", "", b.text()) for b in buttons)
    assert {"从上年报告新建…", "打开…", "日历…", "＋ 添加表格前的说明文字"} <= seen, seen


def test_the_start_buttons_letters_are_in_their_text_not_their_tooltip(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The start's 从上年报告新建… showed no letter and its tooltip “从上年报告新建(L)…”: the text
    has it now, Alt+O opens, and the tooltip says what the button does — after the action
    changes too (Qt puts the action's own text back then)."""
    from ui.pages import StartButton

    window.show()
    qtbot.waitExposed(window)
    window.show_page("基本信息")
    starts = [b for b in window.findChildren(StartButton) if b.isVisible()]
    assert [b.text() for b in starts] == ["从上年报告新建(&L)…", "打开(&O)…"]
    for button in starts:
        tip = button.toolTip()
        assert not re.search(r"\([A-Z]\)", tip) and tip.startswith(button.defaultAction().statusTip()), tip
    opened: list[bool] = []
    window.act_open.triggered.disconnect()
    window.act_open.triggered.connect(lambda: opened.append(True))
    window.act_open.setEnabled(False)
    window.act_open.setEnabled(True)  # an action's change: the button keeps its letter
    assert starts[1].text() == "打开(&O)…" and "(O)" not in starts[1].toolTip()
    QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(opened), timeout=3000)


def test_the_texts_menu_in_chinese_puts_each_letter_before_the_shortcut(window: MainWindow, qapp) -> None:  # type: ignore[no-untyped-def]
    """Qt's zh_CN 全选 has no letter: it was given one after its shortcut, “全选\\tCtrl+A(&B)”, the
    menu's shortcut column reading “Ctrl+A(B)”.  Its letter is A, before the tab, as Word's."""
    with translated(qapp):
        assert window.docs.load(SAMPLE)
        editor = window.show_page(PREAMBLE).editor  # type: ignore[attr-defined]
        finding = next(f for f in window.state.findings if f.code == "DUP-PARAGRAPH" and f.location.span)
        cursor = QTextCursor(editor.document())
        cursor.setPosition(finding.location.span.start + 5)
        texts = [a.text() for a in editor.context_menu(cursor).actions() if not a.isSeparator()]
    assert "全选(&A)" in [t.partition("\t")[0] for t in texts], texts
    assert all("&" not in t.partition("\t")[2] for t in texts), texts
    assert_keyed(texts)
    # As Qt writes them where it shows shortcuts in menus (a Windows desktop, the program run)
    from ui.menu_keys import keyed

    menu = QMenu()
    for text in ("删除此处重复", "删除", "全选\tCtrl+A", "另存为…\tCtrl+Shift+S"):
        menu.addAction(text)
    assert [a.text() for a in keyed(menu).actions()] == ["删除此处重复(&D)", "删除(&B)", "全选(&A)\tCtrl+A", "另存为(&C)…\tCtrl+Shift+S"]
