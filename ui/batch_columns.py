"""批量检查's column widths: each column as wide as its content within limits (a long 机关名称
elided, whole in its tooltip; a long path without the beginning its file's name shares with
another's, then elided in its middle), 第一个问题
the rest of the window; a width the user drags is theirs, kept across relaunch (QSettings
``batch/columns/<column>``) and no longer fitted to the content."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSettings, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QHeaderView,
    QProxyStyle,
    QStyle,
    QStyledItemDelegate,
    QStyleOption,
    QStyleOptionHeader,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from app.limits import bounded_int
from ui.batch_model import (
    _DISMISSED,
    _ERRORS,
    _FILE,
    _FIRST,
    _NOTE,
    _ORGAN,
    _STATUS,
    _WARNINGS,
    _YEAR,
    COLUMNS,
)

KEY = "batch/columns"
# Each column's width, in characters of the list's font (a Chinese character's width): at least
# its header, at most this (the 机关名称 of a 街道办事处 is 15 to 17 characters; longer is elided).
LIMITS: dict[int, tuple[float, float]] = {
    _ORGAN: (5, 18), _YEAR: (2.5, 4), _STATUS: (3, 11), _ERRORS: (2.5, 4), _WARNINGS: (2.5, 4),
    _DISMISSED: (2.5, 4), _NOTE: (3, 14),
    _FILE: (5, 16),  # 18 before 状态 came: 第一个问题 keeps its 300 px of an 1100 px window
}
# 第一个问题 is what the reviewer reads: when 状态 with its date, 备注 and long paths are all
# fitted, the columns that hold names give back room (down to their least) until it has this.
FIRST_LEAST = 22  # characters
GIVERS = (_NOTE, _FILE, _ORGAN)  # elided with their whole text in the tooltip
USER_LIMITS = (2, 60)  # a width the user dragged, within these (a saved garbage or a huge one)
FIT_DELAY_MS = 150  # rows arrive one by one: fitted once they pause, not at each
PAD = 18  # a cell's margins and the sort arrow's room


def _common(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def shared_starts(names: list[str]) -> dict[str, int]:
    """How long a beginning each name shares with another name of the list (the longest such):
    what tells it apart comes after it.  In sorted order the nearest names share the most."""
    order = sorted(set(names))
    return {n: max((_common(n, order[j]) for j in (i - 1, i + 1) if 0 <= j < len(order)), default=0)
            for i, n in enumerate(order)}


def _cut(name: str, shared: int) -> int:
    """Where ``name`` is shown from when its first ``shared`` characters go: a number or a Latin
    word the difference falls in whole (“10”, not “0”), and one character before it (“处10”)."""
    cut = shared
    while cut > 0 and name[cut - 1].isascii() and name[cut - 1].isalnum():
        cut -= 1
    return max(cut - 1, 0)


def _split(path: str) -> tuple[str, str]:
    cut = max(path.rfind("/"), path.rfind("\\")) + 1
    return path[:cut], path[cut:]


class MiddleElide(QStyledItemDelegate):
    """A path too long for its column: its folder kept, then its file's name without the
    beginning it shares with another file of the list (“a/…处10.docx”), then cut at its end if
    still too long (the difference before the “.docx”); other paths “…” in their middle.
    Elided in its middle alone, a folder of files named after the organ (宁波市北仑区人民政府
    小港街道办事处1.docx, …10.docx) read “a/宁波…docx” on every row (gui23 under Xvfb at
    1366×768 and 150 %, shot 70)."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self.shared: dict[str, int] | None = None
        model = view.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.dataChanged, model.layoutChanged):
            signal.connect(self._stale)

    def _stale(self, *_args: object) -> None:
        self.shared = None

    def _shared(self) -> dict[str, int]:
        if self.shared is None:
            model = self.view.model()
            self.shared = shared_starts([_split(str(model.index(r, _FILE).data() or ""))[1]
                                         for r in range(model.rowCount())])
        return self.shared

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        item: Any = option  # its fields are not in PySide6's stubs
        item.textElideMode = Qt.TextElideMode.ElideMiddle
        text = str(item.text or "")
        room = item.rect.width() - 2 * (self.view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.view) + 1)
        if item.fontMetrics.horizontalAdvance(text) <= room:
            return
        folder, name = _split(text)
        cut = _cut(name, self._shared().get(name, 0))
        if cut >= 2:  # “…” takes a character's room: worth it for two or more
            item.text = folder + "…" + name[cut:]
            if item.fontMetrics.horizontalAdvance(item.text) > room:
                item.textElideMode = Qt.TextElideMode.ElideRight  # the difference kept, “.docx” cut


# Where a place's name ends inside an organ's: what tells two organs apart starts after it.
_PLACE_ENDS = ("人民政府", "政府", "自治区", "自治州", "自治县", "省", "市", "区", "县", "州", "盟", "旗")


def organ_heads(names: list[str]) -> dict[str, int]:
    """For each name of the list, how long a beginning it loses when too long for its column:
    what it shares with the nearest other name (“宁波市北仑区人民政府” for a district's 街道,
    “某县” for a county's 乡镇: a folder may hold both), back to the end of a place's name in it
    (“…小港街道” and “…小浃江街道”, never “…港街道” and “…浃江街道”).  0: shown as it is."""
    shares = shared_starts([n for n in names if n and not n.startswith("（")])  # not （无法读取）: no name
    heads = {}
    for name, shared in shares.items():
        ends = [i + len(end) for end in _PLACE_ENDS if (i := name.rfind(end, 0, shared)) >= 0 and i + len(end) <= shared]
        heads[name] = max(ends, default=0)
    return heads


class OrganElide(QStyledItemDelegate):
    """A 机关名称 too long for its column shown without the beginning it shares with the other
    names of the list (“…小港街道办事处”, organ_heads), then cut at its end: cut at the end alone,
    a district's reports all read “宁波市北仑区人民…” and could not be told apart (gui22 under Xvfb
    at 1366×768 and 150 %, shot 83); nor when the folder mixed a district's 街道 with a county's
    乡镇, whose names share no beginning all together (user32, shot 78).  Names that fit are
    shown as they are."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self.heads: dict[str, int] | None = None
        model = view.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.dataChanged, model.layoutChanged):
            signal.connect(self._stale)

    def _stale(self, *_args: object) -> None:
        self.heads = None

    def _heads(self) -> dict[str, int]:
        if self.heads is None:
            model = self.view.model()
            self.heads = organ_heads([str(model.index(r, _ORGAN).data() or "") for r in range(model.rowCount())])
        return self.heads

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        item: Any = option  # its fields are not in PySide6's stubs
        text = str(item.text or "")
        room = item.rect.width() - 2 * (self.view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.view) + 1)
        head = self._heads().get(text, 0)
        if head >= 2 and len(text) > head and item.fontMetrics.horizontalAdvance(text) > room:
            item.text = "…" + text[head:]
            item.textElideMode = Qt.TextElideMode.ElideRight  # what follows the shared part tells them apart


class WindowsSortArrow(QProxyStyle):
    """The sort arrow as Windows Explorer and Excel draw it: up for A→Z, 1→9 (Qt's header draws
    ascending as a down arrow, as macOS does).  A style of its own (QProxyStyle() makes one like
    the application's): never the application's style, which a proxy would own and delete."""

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,
                      widget: QWidget | None = None) -> None:
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(option, QStyleOptionHeader):
            flipped = QStyleOptionHeader(option)
            up, down = QStyleOptionHeader.SortIndicator.SortUp, QStyleOptionHeader.SortIndicator.SortDown
            flipped.sortIndicator = down if option.sortIndicator == up else up if option.sortIndicator == down else option.sortIndicator  # type: ignore[attr-defined]
            option = flipped
        super().drawPrimitive(element, option, painter, widget)


SORT_KEY = "batch/sort"  # the column the list was last sorted by (its name) and "/down"


def remember_sort(view: QTableView, default: int) -> None:
    """``view`` sorted as the reviewer last left it (a header clicked: 错误, highest first, say),
    across windows and relaunches — as Explorer and Outlook keep a list's order — else by
    ``default`` A→Z; each header click is remembered (a reviewer who sorts by 错误 every
    morning found the list back in file order after every relaunch)."""
    settings = QSettings()
    name = str(settings.value(SORT_KEY, ""))
    col = COLUMNS.index(name) if name in COLUMNS else default
    down = name in COLUMNS and str(settings.value(f"{SORT_KEY}/down", "false")).lower() == "true"
    view.sortByColumn(col, Qt.SortOrder.DescendingOrder if down else Qt.SortOrder.AscendingOrder)

    def save(column: int, order: Qt.SortOrder) -> None:
        if 0 <= column < len(COLUMNS):
            settings = QSettings()
            settings.setValue(SORT_KEY, COLUMNS[column])
            settings.setValue(f"{SORT_KEY}/down", "true" if order == Qt.SortOrder.DescendingOrder else "false")

    view.horizontalHeader().sortIndicatorChanged.connect(save)


class ColumnWidths(QObject):
    """Sizes ``view``'s columns (see the module's doc); ``stretch`` takes the rest."""

    def __init__(self, view: QTableView, stretch: int = _FIRST) -> None:
        super().__init__(view)
        self.view, self.stretch = view, stretch
        header = view.horizontalHeader()
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.arrow_style = WindowsSortArrow()
        self.arrow_style.setParent(header)  # lives as long as the header that draws with it
        header.setStyle(self.arrow_style)
        self.user: dict[int, int] = {}  # the columns the user sized: their widths
        settings = QSettings()
        for col, name in enumerate(COLUMNS):
            saved = bounded_int(settings.value(f"{KEY}/{name}"), 0) if settings.contains(f"{KEY}/{name}") else None
            if saved is not None and col != stretch:
                self.user[col] = saved
        self._fitting = False
        self._dragging = False  # a mouse button down on the header: a resize then is the user's
        header.viewport().installEventFilter(self)
        self._port = view.viewport()  # held: asking the view for it while it is destroyed would crash
        self._port.installEventFilter(self)  # a narrower window: 第一个问题's room worked out again
        header.sectionResized.connect(self._resized)
        self.timer = QTimer(self, singleShot=True, interval=FIT_DELAY_MS)
        self.timer.timeout.connect(self.fit)
        model = view.model()
        for signal in (model.rowsInserted, model.modelReset, model.dataChanged, model.layoutChanged):
            signal.connect(self.timer.start)
        self.fit()

    def limits(self, col: int) -> tuple[int, int]:
        char = QFontMetrics(self.view.font()).horizontalAdvance("中")
        low, high = LIMITS.get(col, (3, 20))
        header = self.view.horizontalHeader().sectionSizeFromContents(col).width()
        return max(int(low * char) + PAD, header), max(int(high * char) + PAD, header)

    def fit(self) -> None:
        char = QFontMetrics(self.view.font()).horizontalAdvance("中")
        header = self.view.horizontalHeader()
        widths: dict[int, int] = {}
        for col in range(len(COLUMNS)):
            if col == self.stretch:
                continue
            low, high = self.limits(col)
            if col in self.user:
                widths[col] = max(int(USER_LIMITS[0] * char), min(self.user[col], int(USER_LIMITS[1] * char)))
            else:
                widths[col] = max(low, min(self.view.sizeHintForColumn(col) + PAD // 2, high))
        self._give_room(widths, int(FIRST_LEAST * char) - (self.view.viewport().width() - sum(widths.values())))
        self._fitting = True
        try:
            for col, width in widths.items():
                if header.sectionSize(col) != width:
                    header.resizeSection(col, width)
        finally:
            self._fitting = False

    def _give_room(self, widths: dict[int, int], short: int) -> None:
        """The fitted name columns narrowed by ``short`` pixels in all, each in proportion to what it
        has above its least; a width the user dragged is never taken."""
        spare = {c: widths[c] - self.limits(c)[0] for c in GIVERS if c not in self.user and widths[c] > self.limits(c)[0]}
        total = sum(spare.values())
        if short <= 0 or not total:
            return
        take = min(short, total)
        for col, room in spare.items():
            widths[col] -= -(-take * room // total)  # rounded up: the shortfall met, never one pixel less

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._port:
            if kind == QEvent.Type.Resize:
                self.timer.start()
            return False
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            self._dragging = True
        elif kind == QEvent.Type.MouseButtonRelease:
            QTimer.singleShot(0, self._released)  # after the header's own handling of the release
        return False

    def _released(self) -> None:
        self._dragging = False

    def _resized(self, col: int, _old: int, new: int) -> None:
        if self._fitting or not self._dragging or col == self.stretch:
            return  # ours, Qt's or the stretched column's: not the user's choice
        self.user[col] = new
        QSettings().setValue(f"{KEY}/{COLUMNS[col]}", new)  # the next window and launch take it
