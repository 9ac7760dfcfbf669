"""批量检查's columns: sized to what they hold within limits, 第一个问题 the rest; a long
机关名称 elided with the whole name in its tooltip; the widths a user drags kept across relaunch
and between two windows."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import batch
from app.review_marks import REVIEWED, Mark
from ui.batch_columns import FIRST_LEAST, KEY, LIMITS
from ui.batch_model import _FILE, _FIRST, _NOTE, _ORGAN, _STATUS, _YEAR, COLUMNS
from ui.batch_window import BatchWindow

SHORT = "某县财政局"
LONG = "某某省某某市某某区人民政府某某街道办事处社区网格化综合治理与政务公开工作领导小组办公室"


def window(qtbot: QtBot, organs: list[str]) -> BatchWindow:
    w = BatchWindow()
    qtbot.addWidget(w)
    w.resize(1100, 640)
    w.show()
    qtbot.waitExposed(w)
    for i, organ in enumerate(organs):
        w.model.put(batch.FileResult(f"/报告/第{i}份/{organ}2023年政府信息公开工作年度报告.docx", organ=organ, year=2023))
    qtbot.wait(w.columns.timer.interval() + 50)  # the rows' pause: fitted
    QApplication.processEvents()
    return w


def width(w: BatchWindow, col: int) -> int:
    return w.view.horizontalHeader().sectionSize(col)


def char(w: BatchWindow) -> int:
    return QFontMetrics(w.view.font()).horizontalAdvance("中")


def drag_border(qtbot: QtBot, w: BatchWindow, col: int, dx: int) -> None:
    """The border at the right of ``col``'s header dragged ``dx`` pixels, as with the mouse."""
    header = w.view.horizontalHeader()
    x = header.sectionViewportPosition(col) + header.sectionSize(col) - 1
    y = header.height() // 2
    port = header.viewport()
    qtbot.mousePress(port, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    qtbot.mouseMove(port, QPoint(x + dx, y))
    qtbot.mouseRelease(port, Qt.MouseButton.LeftButton, pos=QPoint(x + dx, y))
    qtbot.wait(10)


def test_short_names_get_a_narrow_column_and_the_problem_the_rest(qtbot: QtBot) -> None:
    """It was 300 px whatever the names: 第一个问题 had what was left of 1100."""
    w = window(qtbot, [SHORT, "某县教育局"])
    metrics = QFontMetrics(w.view.font())
    assert metrics.horizontalAdvance(SHORT) <= width(w, _ORGAN) <= metrics.horizontalAdvance(SHORT) + 4 * char(w), width(w, _ORGAN)
    header = w.view.horizontalHeader()
    total = sum(header.sectionSize(c) for c in range(len(COLUMNS)))
    assert abs(total - w.view.viewport().width()) <= 1, "the columns fill the list, no more"
    assert width(w, _FIRST) == max(width(w, c) for c in range(len(COLUMNS))), "the problem is the widest"
    assert width(w, _YEAR) < 5 * char(w)


def test_a_long_name_is_elided_and_whole_in_its_tooltip(qtbot: QtBot) -> None:
    w = window(qtbot, [SHORT, LONG])
    assert width(w, _ORGAN) <= LIMITS[_ORGAN][1] * char(w) + 40, "limited, not as wide as the longest name"
    assert width(w, _FIRST) >= 300, "the problem keeps its room"
    row = next(r for r in range(w.proxy.rowCount()) if w.proxy.index(r, _ORGAN).data() == LONG)
    assert LONG in w.proxy.index(row, _ORGAN).data(Qt.ItemDataRole.ToolTipRole)
    assert QFontMetrics(w.view.font()).horizontalAdvance(LONG) > w.view.visualRect(w.proxy.index(row, _ORGAN)).width()
    # the file's column: the name kept, “…” in the path's middle
    option_mode = w.view.itemDelegateForColumn(_FILE)
    assert option_mode is not None


def test_the_users_widths_stay_with_new_rows_and_come_back(qtbot: QtBot) -> None:
    w = window(qtbot, [SHORT])
    other = window(qtbot, [SHORT])  # a second batch window open at once
    before = width(w, _ORGAN)
    drag_border(qtbot, w, _ORGAN, 120)
    dragged = width(w, _ORGAN)
    assert abs(dragged - (before + 120)) <= 2, (before, dragged)
    assert int(QSettings().value(f"{KEY}/{COLUMNS[_ORGAN]}")) == dragged
    w.model.put(batch.FileResult("/报告/x.docx", organ=LONG, year=2023))  # more rows: not fitted over the user's
    qtbot.wait(w.columns.timer.interval() + 50)
    assert width(w, _ORGAN) == dragged
    drag_border(qtbot, other, _FILE, -60)  # the other window's user sizes another column
    filed = width(other, _FILE)
    for win in (w, other):
        win.close()
    again = window(qtbot, [SHORT])
    assert width(again, _ORGAN) == dragged and width(again, _FILE) == filed, "both come back"


def test_garbage_or_huge_saved_widths_stay_within_limits(qtbot: QtBot) -> None:
    QSettings().setValue(f"{KEY}/{COLUMNS[_ORGAN]}", "宽")
    QSettings().setValue(f"{KEY}/{COLUMNS[_FILE]}", 100000)
    w = window(qtbot, [SHORT])
    assert width(w, _ORGAN) < 20 * char(w)
    assert width(w, _FILE) <= 60 * char(w) + 1


def test_the_sort_arrow_points_up_for_a_to_z(qtbot: QtBot) -> None:
    """As Windows Explorer and Excel draw it: the list sorted A→Z (by 文件 when it opens) shows
    an up arrow — Qt's header draws ascending as a down arrow."""
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QStyle, QStyleOptionHeader

    from ui.batch_columns import WindowsSortArrow

    w = window(qtbot, [SHORT])
    header = w.view.horizontalHeader()
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert isinstance(header.style(), WindowsSortArrow)

    def arrow(style: QStyle, indicator: QStyleOptionHeader.SortIndicator) -> QImage:
        image = QImage(16, 16, QImage.Format.Format_ARGB32)
        image.fill(0)
        option = QStyleOptionHeader()
        option.rect = image.rect()  # type: ignore[attr-defined]
        option.palette = header.palette()  # type: ignore[attr-defined]
        option.sortIndicator = indicator  # type: ignore[attr-defined]
        painter = QPainter(image)
        style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorHeaderArrow, option, painter, header)
        painter.end()
        return image

    up, down = QStyleOptionHeader.SortIndicator.SortUp, QStyleOptionHeader.SortIndicator.SortDown
    plain = QApplication.style()
    assert arrow(plain, up) != arrow(plain, down), "the style draws two arrows"
    # Qt says SortDown for ascending: ours draws there what the plain style draws for SortUp
    assert arrow(header.style(), down) == arrow(plain, up)
    assert arrow(header.style(), up) == arrow(plain, down)


def test_the_problem_keeps_its_room_when_status_notes_and_paths_are_long(qtbot: QtBot) -> None:
    """Xvfb walk (walk21): after marking 已审核 with its date, beside 备注 “同一机关同一年度另有…” and
    a long 文件, 第一个问题 was 75 px of 1100 — “[错误] 前言…”, the finding unreadable."""
    organ = "宁波市北仑区文化和广电旅游体育局"
    w = BatchWindow()
    qtbot.addWidget(w)
    w.resize(1100, 640)
    w.show()
    qtbot.waitExposed(w)
    paths = [f"/报告/部门/{organ}2025年政府信息公开工作年度报告{s}.docx" for s in ("", " - 副本")]
    for i, path in enumerate(paths):
        w.model.put(batch.FileResult(path, organ=organ, year=2025, digest=f"{i}" * 64, duplicates=[paths[1 - i]]))
    marks = {f"{i}" * 64: Mark(f"{i}" * 64, p, REVIEWED, "2026-12-02T10:00:00") for i, p in enumerate(paths)}
    w.model.set_marks(marks)
    qtbot.wait(w.columns.timer.interval() + 50)
    QApplication.processEvents()
    assert "已审核 2026-12-02" in w.proxy.index(0, _STATUS).data(), "the mark is set, with its date"
    assert w.proxy.index(0, _NOTE).data(), "the duplicate is noted"
    assert width(w, _FIRST) >= FIRST_LEAST * char(w) - 1, (width(w, _FIRST), [width(w, c) for c in range(len(COLUMNS))])
    header = w.view.horizontalHeader()
    assert abs(sum(header.sectionSize(c) for c in range(len(COLUMNS))) - w.view.viewport().width()) <= 1
    assert width(w, _STATUS) >= QFontMetrics(w.view.font()).horizontalAdvance("已审核 2026-12-02"), "状态 is not what gave"
    # a wider window gives the names their room back
    w.resize(1600, 640)
    qtbot.wait(w.columns.timer.interval() + 50)
    QApplication.processEvents()
    assert width(w, _NOTE) >= LIMITS[_NOTE][1] * char(w), width(w, _NOTE)


def test_a_file_passed_over_says_why_in_its_name_column(qtbot: QtBot) -> None:
    """A link not entered (to a folder above, into /proc) is no “不是年报”: the reports may be
    where it leads (hostile22); a backup and a file of another kind say what they are."""
    from app.batch_collect import LINK_BEYOND_REASON

    w = window(qtbot, [])
    w.model.put(batch.FileResult("/报告/根", not_report=LINK_BEYOND_REASON))
    w.model.put(batch.FileResult("/报告/照片.jpg", not_report="这是一张图片（JPEG），不是年报"))
    w.show_passed_over.setChecked(True)
    organs = {w.model.index(r, _FILE).data(): w.model.index(r, _ORGAN).data() for r in range(w.model.rowCount())}
    assert organs == {"/报告/根": "（未检查：链接未进入）", "/报告/照片.jpg": "（未检查：不是年报）"}, organs
