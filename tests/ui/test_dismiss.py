"""忽略此问题 in the window: from the panel and its context menu, counts and marks change, the
dismissal is saved in the file and read by the next window, an edit of its cell brings it back;
a clean report says 未发现问题."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

import ui.findings
from app.docx.writer import write_docx
from app.findings import TEXT_TABLE_MISMATCH, Severity
from app.report import Paragraph, Report
from app.schema import T3_COL_TOTAL, T3_NEW, CellRef
from tests.test_dismissals import clean_report
from tests.ui.conftest import plain, table, type_into
from ui.findings import DISMISSED_ROLE, FINDING_ROLE
from ui.main_window import MainWindow

SENTENCE = "全年共收到政府信息公开申请5件。"


def mismatch_report() -> Report:
    r = clean_report()
    r.sections["五"].pop()  # no stutter: the mismatch is the one finding
    r.sections["一"].append(Paragraph.plain(SENTENCE))
    return r


def rows(window) -> list[tuple[str, bool]]:  # type: ignore[no-untyped-def]
    proxy = window.findings.proxy
    return [(proxy.index(i, 0).data(FINDING_ROLE).code, proxy.index(i, 0).data(DISMISSED_ROLE) is not None)
            for i in range(proxy.rowCount())]


def choose(window, code: str) -> None:  # type: ignore[no-untyped-def]
    panel = window.findings
    panel.view.setFocus()
    # Focusing the list makes its first row current without going there (ui/findings.py): start
    # from no row, so that choosing any row, the first too, is a change the panel acts on.
    panel.view.selectionModel().clear()
    for i in range(panel.proxy.rowCount()):
        index = panel.proxy.index(i, 0)
        if index.data(FINDING_ROLE).code == code:
            panel.view.setCurrentIndex(index)
            return
    raise AssertionError(code)


def answer(monkeypatch, reason: str, ok: bool = True) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(ui.findings, "ask_reason", lambda *a, **k: (reason, ok))


def errors_shown(window) -> str:  # type: ignore[no-untyped-def]
    return window.findings.toggles[Severity.ERROR].text()


def open_file(window: MainWindow, path: Path) -> None:
    assert window.docs.load(path)


@pytest.fixture
def mismatch_file(tmp_path: Path) -> Path:
    path = tmp_path / "报告.docx"
    write_docx(mismatch_report(), path)
    return path


def test_dismiss_from_the_panel_save_reopen_edit(qtbot, window, monkeypatch, mismatch_file, tmp_path) -> None:  # type: ignore[no-untyped-def]
    open_file(window, mismatch_file)
    cell = CellRef("三", T3_NEW, T3_COL_TOTAL)
    assert rows(window) == [(TEXT_TABLE_MISMATCH.code, False)]
    assert errors_shown(window) == "错误 1" and cell in window.state.by_cell
    choose(window, TEXT_TABLE_MISMATCH.code)
    answer(monkeypatch, "含上级转办件")
    qtbot.mouseClick(window.findings.findChild(QPushButton, "finding-dismiss"), Qt.MouseButton.LeftButton)
    assert rows(window) == [(TEXT_TABLE_MISMATCH.code, True)]  # listed under 已忽略
    assert errors_shown(window) == "错误 0" and cell not in window.state.by_cell
    assert window.findings.dismissed_toggle.text() == "已忽略 1"
    assert window.state.is_modified()
    assert window.docs.save()
    assert window.close()  # done: a window still showing the file would be brought forward instead

    second = MainWindow(autosave_dir=tmp_path / "autosave2")  # the next reviewer's window
    qtbot.addWidget(second)
    second.docs.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    open_file(second, mismatch_file)
    assert rows(second) == [(TEXT_TABLE_MISMATCH.code, True)] and errors_shown(second) == "错误 0"
    ((_, d),) = second.state.dismissed
    assert d.reason == "含上级转办件" and d.by and d.at
    second.show()
    type_into(qtbot, table(second, "三"), (T3_NEW, 0), "3")  # the cell it was about changes
    assert (TEXT_TABLE_MISMATCH.code, False) in rows(second)  # back, counted (with the balance it broke)
    assert second.state.dismissed == [] and TEXT_TABLE_MISMATCH.code in [f.code for f in second.state.findings]


def test_dismiss_from_the_context_menu_and_undo(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window.state.replace_report(mismatch_report())
    answer(monkeypatch, "")
    panel = window.findings

    def trigger(text: str) -> None:
        menu = panel.menu_for(panel.proxy.index(0, 0))
        assert menu is not None
        next(a for a in menu.actions() if plain(a.text()) == text).trigger()

    trigger("忽略此问题…")
    assert rows(window) == [(TEXT_TABLE_MISMATCH.code, True)]
    window.state.stack.undo()
    assert rows(window) == [(TEXT_TABLE_MISMATCH.code, False)] and errors_shown(window) == "错误 1"
    window.state.stack.redo()
    assert rows(window) == [(TEXT_TABLE_MISMATCH.code, True)]
    trigger("恢复此问题")  # from the dismissed row's menu
    assert rows(window) == [(TEXT_TABLE_MISMATCH.code, False)]


def test_cancel_dismisses_nothing(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window.state.replace_report(mismatch_report())
    choose(window, TEXT_TABLE_MISMATCH.code)
    answer(monkeypatch, "x", ok=False)
    window.findings.dismiss_current()
    assert rows(window) == [(TEXT_TABLE_MISMATCH.code, False)] and not window.state.is_modified()


def test_a_clean_report_says_so(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    r = mismatch_report()
    r.sections["一"].pop()
    window.state.replace_report(r)
    empty = window.findings.findChild(QLabel, "findingsEmpty")
    assert window.state.findings == []
    assert empty.isVisible() and "未发现问题" in empty.text()
    assert not window.findings.view.isVisible()  # no empty white box
    window.state.replace_report(mismatch_report())
    assert not empty.isVisible() and window.findings.view.isVisible()


def test_all_dismissed_says_so_and_keeps_them_listed(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window.state.replace_report(mismatch_report())
    choose(window, TEXT_TABLE_MISMATCH.code)
    answer(monkeypatch, "")
    window.findings.dismiss_current()
    empty = window.findings.findChild(QLabel, "findingsEmpty")
    assert empty.isVisible() and "未发现问题" in empty.text() and "1个已忽略" in empty.text()
    assert window.findings.view.isVisible()
    window.findings.dismissed_toggle.setChecked(False)
    assert rows(window) == [] and not window.findings.view.isVisible()


def test_the_old_layout_note_goes_as_the_rows_are_filled(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.schema import T3_OTHER_ROWS
    from tests.thirdparty import Spec, build
    from ui.findings import LOCATION_ROLE

    open_file(window, build(Spec(old_2019_other="5"), tmp_path / "old.docx"))
    choose(window, "OLD-FORMAT")
    panel = window.findings
    assert "打开时的文件" in panel.view.currentIndex().data(LOCATION_ROLE)
    view = table(window, "三")
    assert window.current_key() == "三"
    assert set(view.selected_refs()) == {CellRef("三", r, 0) for r in T3_OTHER_ROWS}  # clicking shows the place
    for row, value in zip(T3_OTHER_ROWS, ("2", "3", "0"), strict=True):
        assert "OLD-FORMAT" in [f.code for f in window.state.findings]
        type_into(qtbot, view, (row, 0), value)
    assert "OLD-FORMAT" not in [f.code for f in window.state.findings]  # at once, before any save


def test_a_doubled_body_says_it_is_about_the_opened_file_and_goes_on_save(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import SAMPLE
    from ui.findings import LOCATION_ROLE

    open_file(window, SAMPLE)
    proxy = window.findings.proxy
    body = [proxy.index(i, 0) for i in range(proxy.rowCount())
            if proxy.index(i, 0).data(FINDING_ROLE).kind == "body"]
    assert len(body) == 1 and body[0].data(LOCATION_ROLE).endswith("（打开时的文件）")
    assert "保存后消失" in body[0].data(Qt.ItemDataRole.ToolTipRole)
    window.docs.save_to(tmp_path / "saved.docx")
    assert not [f for f in window.state.findings if f.kind == "body"]


def test_dismiss_while_the_checks_run_again_during_the_question(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """In the real window the checks rerun while the reason is asked (a pause, an autosave): the
    panel's row then holds an older finding equal to the state's new one — it is still dismissed."""
    window.state.replace_report(mismatch_report())
    choose(window, TEXT_TABLE_MISMATCH.code)

    def ask(*_a, **_k):  # type: ignore[no-untyped-def]
        window.state.rerun_checks()  # new Finding objects, equal to the ones shown
        return ("复核后确认", True)

    monkeypatch.setattr(ui.findings, "ask_reason", ask)
    qtbot.mouseClick(window.findings.findChild(QPushButton, "finding-dismiss"), Qt.MouseButton.LeftButton)
    assert rows(window) == [(TEXT_TABLE_MISMATCH.code, True)] and errors_shown(window) == "错误 0"
    window.state.rerun_checks()  # and again: restoring from the row works on the fresh objects too
    panel = window.findings
    menu = panel.menu_for(panel.proxy.index(0, 0))
    assert menu is not None
    next(a for a in menu.actions() if plain(a.text()) == "恢复此问题").trigger()
    assert rows(window) == [(TEXT_TABLE_MISMATCH.code, False)]


@pytest.mark.parametrize("typed_at", ["far before it", "right before it"])
def test_dismiss_while_a_huge_reports_check_runs_on_a_worker(qtbot, window, monkeypatch, typed_at, notices) -> None:  # type: ignore[no-untyped-def]
    """Text typed before the stutter is in the report while its check still runs on a worker:
    the row's finding has the old offsets.  Dismissing first brings the findings up to the text
    (never a fingerprint of other words, stored and matching nothing).  Typed far before it, the
    finding only moved — the one saying the same of the same part — and is dismissed; typed
    right before it, its words changed: not dismissed, the user is told, and the new one then is."""
    import threading

    from PySide6.QtGui import QTextCursor

    import app.checks
    import ui.huge_checks
    import ui.state
    from app import dismissals
    from app.findings import DUP_PHRASE
    from tests.ui.conftest import type_text
    from tests.ui.test_long_paragraph import KEY, _long_report, _page
    from ui import longpara

    monkeypatch.setattr(ui.state, "BACKGROUND_CHECK_CHARS", 50_000)
    # The slow check is this test's run_all, which a check process would never call: on a thread
    # (the same waiting and staleness rules; test_check_apart.py has them in the process).
    monkeypatch.setattr(ui.huge_checks, "CHECK_APART", False)
    report, _ = _long_report()
    page = _page(window, report)
    [old] = [f for f in window.state.findings if f.code == DUP_PHRASE.code]
    assert old.location.span is not None
    real, release, runs = app.checks.run_all, threading.Event(), []

    def run_all(checked):  # type: ignore[no-untyped-def]
        runs.append(threading.current_thread() is threading.main_thread())
        if not runs[-1]:
            release.wait(10)  # the worker's check is slow
        return real(checked)

    monkeypatch.setattr(app.checks, "run_all", run_all)
    at = 0 if typed_at == "far before it" else old.location.span.start
    block, offset = longpara.to_block(page.editor.document(), 1, at)
    cursor = QTextCursor(page.editor.document().findBlockByNumber(block))
    cursor.setPosition(cursor.position() + offset)
    page.editor.setTextCursor(cursor)
    type_text(page.editor, "甲")
    qtbot.waitUntil(lambda: runs == [False], timeout=5000)  # written back, checked on a worker
    assert window.state.report.sections[KEY][1].text[at] == "甲"
    answer(monkeypatch, "引用原文")
    try:
        dismissed = window.findings.ask_and_dismiss(old)
    finally:
        release.set()
    [moved] = [f for f in window.state.findings + [f for f, _ in window.state.dismissed] if f.code == DUP_PHRASE.code]
    assert moved.location.span is not None and moved.location.span.start == old.location.span.start + 1
    if typed_at == "far before it":
        assert dismissed and not notices
    else:
        assert not dismissed and [(t, b) for t, _, b in notices] == [("忽略此问题", ["确定(&O)"])] and "已随修改" in notices[0][1]
        assert not window.state.report.extras.get(dismissals.KEY), "a fingerprint of other words was stored"
        assert window.findings.ask_and_dismiss(moved)
    qtbot.waitUntil(lambda: window.state._unchecked is None, timeout=10_000)
    window.state.rerun_checks()
    assert [f for f in window.state.findings if f.code == DUP_PHRASE.code] == []
    assert [f.location.span for f, _ in window.state.dismissed] == [moved.location.span]


def _red_pixels(widget) -> int:  # type: ignore[no-untyped-def]
    """Pixels drawn in the error colour (the count of characters of a section too long)."""
    from ui.resources import Colors

    image = widget.grab().toImage()
    red = Colors.ERROR
    return sum(1 for x in range(image.width()) for y in range(image.height())
               if abs(image.pixelColor(x, y).red() - red.red()) < 40 and abs(image.pixelColor(x, y).green() - red.green()) < 40
               and abs(image.pixelColor(x, y).blue() - red.blue()) < 40)


def long_overview_report() -> Report:
    r = mismatch_report()
    # 1,100 characters, no sentence twice (no duplicate finding beside the length one)
    r.sections["一"] = [Paragraph.plain("".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(1100)) + "。")]
    return r


def test_a_dismissed_length_finding_colours_the_count_no_more(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.findings import SECTION1_TOO_LONG

    window.state.replace_report(long_overview_report())
    page = window.show_page("一")
    assert "超出篇幅要求" in page.count.text() and _red_pixels(page.count), "too long: the count is red"
    choose(window, SECTION1_TOO_LONG.code)
    answer(monkeypatch, "经分管领导同意")
    window.findings.dismiss_current()
    assert [f.code for f, _ in window.state.dismissed] == [SECTION1_TOO_LONG.code]
    assert "已忽略" in page.count.text() and not _red_pixels(page.count), "dismissed: no colour"
    page.editor.setFocus()
    page.editor.moveCursor(page.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(page.editor, ",")  # a comma typed in the section: the same length question
    window.state.sync_text()
    assert [f.code for f, _ in window.state.dismissed] == [SECTION1_TOO_LONG.code]
    assert "已忽略" in page.count.text() and not _red_pixels(page.count)
    window.state.stack.undo()  # the comma
    window.state.stack.undo()  # the dismissal undone: red again
    assert "已忽略" not in page.count.text() and _red_pixels(page.count)
