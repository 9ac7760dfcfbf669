"""The text pane above a statutory table (表格前的说明文字): five lines high in a 1400×900
window, still with the grid's header and first rows in a 1024×700 one; a handle between them
the user drags, the height kept for every table page, across quit and relaunch and between
two editors running at once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QFontMetrics, QScreen
from PySide6.QtWidgets import QApplication, QLabel

from app.schema import PROACTIVE, REQUESTS, TABLES
from tests.conftest import SAMPLE
from ui.main_window import MainWindow
from ui.table_page import (
    GRID_LEAST_ROWS,
    GRID_MIN_ROWS,
    LEAD_KEY,
    LEAD_SAVE_DELAY_MS,
    LINE_HEIGHT,
    TablePage,
    lead_height,
    lead_limits,
)


def launch(qtbot, tmp_path: Path, report: Path = SAMPLE) -> MainWindow:  # type: ignore[no-untyped-def]
    """As the program starts (ui/main.py run), with the sample report (or ``report``) open."""
    win = MainWindow(autosave_dir=tmp_path / "autosave", staged=True)
    qtbot.addWidget(win)
    win.show()
    QApplication.processEvents()
    win.complete()
    qtbot.waitExposed(win)
    assert win.docs.load(report)
    qtbot.wait(30)  # the deferred pass of the layout
    return win


def another_copy(tmp_path: Path) -> Path:
    """The sample for a second window: the sample itself, shown in the first, would bring that
    window forward instead of opening again (ui/open_editors.py)."""
    return Path(shutil.copy(SAMPLE, tmp_path / SAMPLE.name))


def same_size(qtbot, first: MainWindow, second: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The second window as tall as the first: placed beside it (ui/window_layout.py's cascade) it
    may be smaller, and its page too short for the height dragged in the first."""
    second.setGeometry(first.geometry())
    qtbot.waitUntil(lambda: second.size() == first.size())
    qtbot.wait(30)  # the deferred pass of the layout


def table_page(qtbot, win: MainWindow, key: str) -> TablePage:  # type: ignore[no-untyped-def]
    page = win.show_page(key)
    assert isinstance(page, TablePage)
    if page.lead.isHidden():
        page.add_lead.click()  # as the user asks for the text
    view = page.view
    qtbot.waitUntil(lambda: view._fit_width == view.viewport().width())  # the grid's fit ran
    QApplication.processEvents()
    return page


def lines_shown(page: TablePage) -> float:
    """How many lines of the report's text the pane shows at once."""
    line = QFontMetrics(page.lead.document().defaultFont()).lineSpacing() * LINE_HEIGHT
    margin = 2 * page.lead.document().documentMargin()
    return (page.lead.viewport().height() - margin) / line


def rows_shown(page: TablePage) -> int:
    """The grid's rows wholly on screen from its top."""
    view = page.view
    shown = 0
    for row in range(view.model().rowCount()):
        if view.rowViewportPosition(row) + view.rowHeight(row) > view.viewport().height():
            break
        shown += 1
    return shown


def drag(qtbot, page: TablePage, dy: int) -> None:  # type: ignore[no-untyped-def]
    """The handle between text and grid dragged ``dy`` pixels down, as with the mouse."""
    handle = page.split.handle(1)
    start = handle.rect().center()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(handle, start + QPoint(0, dy))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=start + QPoint(0, dy))
    QApplication.processEvents()


@pytest.mark.parametrize("key", list(TABLES))
def test_the_text_above_a_table_shows_five_lines_at_1400_by_900(qtbot, tmp_path, monkeypatch, key) -> None:  # type: ignore[no-untyped-def]
    """It was two lines high: what the user typed there went out of sight at once."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1400, 900))
    win = launch(qtbot, tmp_path)
    page = table_page(qtbot, win, key)
    assert lines_shown(page) >= 4.8, (key, page.lead.height())
    spec = TABLES[key]
    assert rows_shown(page) >= min(spec.header_rows + GRID_MIN_ROWS, page.view.model().rowCount()), key
    assert page.legend.isVisible() and page.legend.geometry().bottom() <= page.below.height(), "the legend below the grid"


@pytest.mark.parametrize("key", list(TABLES))
def test_at_1024_by_700_text_and_grid_both_fit(qtbot, tmp_path, monkeypatch, key) -> None:  # type: ignore[no-untyped-def]
    """The findings below the page leave it less than half the window's height: the text keeps
    a few lines, the grid its header and first rows, the legend shows whole under it."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1024, 700))
    win = launch(qtbot, tmp_path)
    page = table_page(qtbot, win, key)
    # The grid first: its header and first rows, the text what is left, two lines at least (表三
    # showed four rows under five lines of text at 1024×768).
    assert lines_shown(page) >= 1.9, (key, page.lead.height())
    assert rows_shown(page) >= min(TABLES[key].header_rows + GRID_LEAST_ROWS, page.view.model().rowCount()), key
    if key == PROACTIVE:  # a short grid: its first rows and the text both
        assert rows_shown(page) >= TABLES[key].header_rows + GRID_MIN_ROWS
    legend = page.legend.geometry()
    assert legend.bottom() <= page.below.height() and legend.height() >= page.legend.heightForWidth(legend.width()) - 1
    assert page.split.geometry().bottom() <= page.height(), "nothing below the page's edge"


def test_the_dragged_height_is_kept_across_pages_relaunch_and_two_editors(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1400, 900))
    first = launch(qtbot, tmp_path)
    second = launch(qtbot, tmp_path, another_copy(tmp_path))  # another editor running at once (the same settings)
    same_size(qtbot, first, second)
    page = table_page(qtbot, first, PROACTIVE)
    before = page.lead.height()
    drag(qtbot, page, 80)
    dragged = page.lead.height()
    assert abs(dragged - (before + 80)) <= 2, (before, dragged)
    assert int(QSettings().value(LEAD_KEY)) == dragged
    other = table_page(qtbot, first, REQUESTS)  # another table page of the same window
    assert abs(other.lead.height() - dragged) <= 2
    beside = table_page(qtbot, second, PROACTIVE)  # the other editor's page, shown after the drag
    assert abs(beside.lead.height() - dragged) <= 2
    drag(qtbot, beside, -120)  # the other editor's user drags last
    last = beside.lead.height()
    assert last < dragged - 100
    where = second.geometry()
    for win in (first, second):
        assert win.close()
    QApplication.processEvents()
    again = launch(qtbot, tmp_path)
    # As tall as the window dragged in: restored on the offscreen 800×600 screen (not the patched
    # 1400×900) it came back 798×774, and in the editor's font its page no longer had room for the
    # dragged height (172 of 180 px) — the room, not the height kept, was what differed.
    again.setGeometry(where)
    qtbot.waitUntil(lambda: again.size() == where.size())
    qtbot.wait(30)  # the deferred pass of the layout
    assert abs(table_page(qtbot, again, PROACTIVE).lead.height() - last) <= 2, "the last drag comes back"


def test_the_handle_cannot_shut_the_text_or_push_the_grid_away(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1400, 900))
    win = launch(qtbot, tmp_path)
    page = table_page(qtbot, win, REQUESTS)
    drag(qtbot, page, -2000)
    assert lines_shown(page) >= 1.5, "dragged to the top, two lines stay"
    drag(qtbot, page, 4000)
    assert rows_shown(page) >= TABLES[REQUESTS].header_rows + 1, "dragged to the bottom, the grid stays"
    QSettings().setValue(LEAD_KEY, 100000)  # saved on a tall screen, or garbage
    win.close()
    again = launch(qtbot, tmp_path)
    page = table_page(qtbot, again, REQUESTS)
    handle = page.split.handleWidth()
    grid = page.grid_min_height(), page.grid_min_height(GRID_LEAST_ROWS)
    assert page.lead.height() == lead_limits(sum(page.split.sizes()) + handle, page.lead_line, grid, handle)[1]
    assert rows_shown(page) >= TABLES[REQUESTS].header_rows + GRID_LEAST_ROWS
    QSettings().setValue(LEAD_KEY, "garbage")
    page.hide(), page.show()
    assert lines_shown(page) >= 2


@pytest.mark.parametrize(("wanted", "total", "expected"), [
    (None, 800, 5 * 40), (0, 800, 5 * 40), (300, 800, 300), (10, 800, 2 * 40), (5000, 800, 800 - 8 - 300),
    (5000, 500, 200),  # too small for both: a drag gives the text two fifths of the page …
    (5000, 250, 250 - 8 - 150),  # … while the grid keeps its fewer rows
    (None, 500, 500 - 8 - 300),  # by default the grid keeps its first rows, the text what is left …
    (None, 350, 2 * 40), (None, 250, 2 * 40),  # … down to two lines
    (None, 150, 2 * 40),  # never less
])
def test_lead_height(wanted: int | None, total: int, expected: int) -> None:
    assert lead_height(wanted, total, 40, (300, 150), 8) == expected


def test_a_grid_first_shown_below_its_text_starts_at_its_top(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """At 1024×700 a report with text above 表三: the page, built unseen before its rows had their
    heights, showed the grid too short for a moment; the grid scrolled its chosen cell into
    view then, and its first row (一、本年新收) stayed hidden under the header."""
    from tests.thirdparty import Spec, build

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1024, 700))
    text = {REQUESTS: ["本年度共收到政府信息公开申请15件，全部在法定期限内答复，其中予以公开8件。"]}
    path = build(Spec(numbering="wps", text=text, t3={(0, 0): "15", (0, 6): "15"}), tmp_path / "lead.docx")
    win = MainWindow(autosave_dir=tmp_path / "autosave", staged=True)
    qtbot.addWidget(win)
    win.show()
    QApplication.processEvents()
    win.complete()
    qtbot.waitExposed(win)
    win.resize(1024, 700)
    win.layout_memory.follow_width()
    assert win.docs.load(path)
    win.page(REQUESTS)  # built unseen, as a finding's cells chosen there build it
    for _ in range(5):
        QApplication.processEvents()
    page = win.show_page(REQUESTS)
    assert isinstance(page, TablePage) and page.lead.isVisible()
    view = page.view
    qtbot.waitUntil(lambda: view._fit_width == view.viewport().width())
    qtbot.wait(20)
    assert view.verticalScrollBar().value() == 0
    assert rows_shown(page) >= TABLES[REQUESTS].header_rows + 1


def test_a_drag_writes_the_height_once_when_let_go(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Each of a drag's moves wrote the settings file (200 moves: 3.35 s on a busy PC); now the
    height is written when the button is let go, and the other window still takes it."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1400, 900))
    first, second = launch(qtbot, tmp_path), launch(qtbot, tmp_path, another_copy(tmp_path))
    same_size(qtbot, first, second)
    page = table_page(qtbot, first, PROACTIVE)
    writes: list[object] = []
    real = QSettings.setValue

    def counted(self: QSettings, key: str, value: object) -> None:
        if key == LEAD_KEY:
            writes.append(value)
        real(self, key, value)

    monkeypatch.setattr(QSettings, "setValue", counted)
    handle = page.split.handle(1)
    start = handle.rect().center()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    for dy in range(1, 61):
        qtbot.mouseMove(handle, start + QPoint(0, dy))
    assert writes == [], "not at each move"
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=start + QPoint(0, 60))
    qtbot.waitUntil(lambda: bool(writes))
    dragged = page.lead.height()
    assert writes == [dragged]
    assert abs(table_page(qtbot, second, PROACTIVE).lead.height() - dragged) <= 2, "the other window follows"
    qtbot.wait(LEAD_SAVE_DELAY_MS + 100)
    assert len(writes) == 1, "once"


def test_a_height_set_without_a_release_is_written_after_a_pause_or_when_the_page_goes(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The handle moved with no button let go on it (a touch screen, a grab taken away)."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1400, 900))
    win = launch(qtbot, tmp_path)
    page = table_page(qtbot, win, PROACTIVE)
    top = page.split.sizes()[0]
    page.split.moveSplitter(top + 40, 1)
    assert QSettings().value(LEAD_KEY) is None
    qtbot.waitUntil(lambda: QSettings().value(LEAD_KEY) is not None, timeout=LEAD_SAVE_DELAY_MS + 1000)
    assert int(QSettings().value(LEAD_KEY)) == page.lead.height()
    page.split.moveSplitter(top + 70, 1)
    win.show_page(REQUESTS)  # gone before the pause: written on leaving
    assert int(QSettings().value(LEAD_KEY)) == page.split.sizes()[0]


@pytest.mark.parametrize("lead", [False, True])
def test_table_three_at_1024_by_768_shows_rows_enough_to_work_in(qtbot, tmp_path, monkeypatch, lead) -> None:  # type: ignore[no-untyped-def]
    """From the GUI test: 表三 showed four rows at 1024×768 (the findings below the page).  The
    ＋ 添加表格前的说明文字 button sits on the heading's line, the legend keeps to one line (the
    keys in its tooltip), and text above the grid gives way to the grid's first rows."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1024, 768))
    win = launch(qtbot, tmp_path)
    page = win.show_page(REQUESTS)
    assert isinstance(page, TablePage)
    if lead:
        page.add_lead.click()
    view = page.view
    qtbot.waitUntil(lambda: view._fit_width == view.viewport().width())
    QApplication.processEvents()
    data_rows = rows_shown(page) - TABLES[REQUESTS].header_rows
    print("lead" if lead else "no lead", "rows", data_rows, "lines", lines_shown(page) if lead else 0)
    assert data_rows >= (GRID_MIN_ROWS - 1 if lead else GRID_MIN_ROWS + 1), data_rows
    if lead:
        assert lines_shown(page) >= 1.9
    else:
        title = page.findChild(QLabel, "pageTitle")
        assert title is not None and page.add_lead.isVisible()
        assert page.add_lead.geometry().top() < title.geometry().bottom(), "on the heading's line"
    legend = page.legend
    assert legend.height() <= legend.fontMetrics().lineSpacing() * 1.5, "one line"
    assert "F2 编辑" in legend.toolTip()
