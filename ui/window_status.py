"""What the window's status bar says of the report: the counts of errors and warnings, the file
it is from (a long path elided in its middle, whole in the tooltip), whether it is saved, and
the title naming the file, 只读 when another editor has it or it cannot be written."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from app.findings import Finding, Severity
from app.names import readable, readable_path, shown_name
from ui.appsetup import APP_TITLE

if TYPE_CHECKING:
    from ui.main_window import MainWindow

# No style sheet on the window itself: one there makes Qt restyle every widget added to it
# through QStyleSheetStyle (~10 ms of start-up).  The few widgets with a look of their own carry
# their own sheet: the navigation (ui.navigation), the page titles (ui.pages), the status bar's labels.
STATUS_STYLE = "QLabel { padding: 0 8px; }"


class CountLabel(QLabel):
    """错误 N / 警告 N: a click shows those findings in the panel — with the dock closed by its ×,
    视图 → 检查结果面板 was the only way back, and users click the red count (GUI tester, s17)."""

    clicked = Signal()

    def __init__(self, severity: Severity, parent: QWidget) -> None:
        super().__init__(parent)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(f"点击在检查结果面板中显示{severity.name_zh}")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


def show_findings(window: MainWindow, severity: Severity) -> None:
    """The findings panel back where it was (docked or floating: the dock remembers), with
    ``severity`` shown if its filter hid it, and the keys in its list."""
    window.dock.show()
    window.dock.raise_()
    window.findings.toggles[severity].setChecked(True)
    window.findings.view.setFocus(Qt.FocusReason.OtherFocusReason)


def chosen_in_list(window: MainWindow, finding: Finding) -> bool:
    """The findings panel shown with ``finding`` chosen in it, its severity shown again if the
    list's filter hid it, as the counts above do (else 在检查结果中查看 chose nothing and
    忽略此问题… was out of reach); False where the list has it not."""
    window.dock.show()
    window.dock.raise_()
    if window.findings.select(finding):
        return True
    toggle = window.findings.toggles.get(finding.severity)
    if toggle is None or toggle.isChecked():
        return False
    toggle.setChecked(True)  # the filter follows
    return window.findings.select(finding)


def build_status_bar(window: MainWindow) -> None:
    from ui.elided import ElidedLabel, StatusBar

    bar = StatusBar(window)  # a long message elided in its middle, not clipped
    window.setStatusBar(bar)
    bar.setStyleSheet(STATUS_STYLE)
    window.error_label = error_label = CountLabel(Severity.ERROR, window)
    window.warning_label = warning_label = CountLabel(Severity.WARNING, window)
    error_label.clicked.connect(lambda: show_findings(window, Severity.ERROR))
    warning_label.clicked.connect(lambda: show_findings(window, Severity.WARNING))
    window.file_label = ElidedLabel(window)  # a long path: “…” in its middle, whole in the tooltip
    window.saved_label = QLabel(window)
    for label in (window.error_label, window.warning_label, window.file_label, window.saved_label):
        bar.addPermanentWidget(label)


def show_file(window: MainWindow) -> None:
    """The title and the status bar's file and saved labels, for the report shown."""
    docs = window.docs
    # An opened file is named by the file it came from (a .pdf, another program's .docx)
    # until it is saved as ours: never by a .docx that may not exist yet.
    path = docs.path or docs.source or docs.suggested
    name = docs.display_name()  # the save question's name too
    name += "（只读）" if docs.read_only or docs.unwritable else ""  # as Word's [只读]: another editor has the file, or it cannot be written
    window.setWindowTitle(f"{name}[*] - {APP_TITLE}")
    modified = window.state.unsaved()  # a cell typed in and not entered too, as the recovery copy has it
    window.setWindowModified(modified)
    window.file_label.setText(readable_path(path) if path else name)
    if docs.path is None and path is not None:
        window.file_label.setToolTip(f"打开自 {shown_name(path)}；保存时会先询问保存位置")
    else:
        window.file_label.setToolTip(readable_path(path) if path else "尚未保存到文件")
    # From another format (.pdf, .xlsx, .doc…): no .docx holds this report yet.
    source = docs.source
    converted = docs.path is None and source is not None and source.suffix.lower() != ".docx"
    saved = window.saved_label
    if modified:
        text, sheet = "未保存", "color: #b3261e;"
    elif converted:
        text, sheet = "尚未存为本程序的 .docx", "color: #9a6b00;"
    else:
        text, sheet = "已保存（只读）" if docs.unwritable else "已保存", "color: #2e7d32;"
    saved.setText(text)
    if saved.styleSheet() != sheet:  # a new style sheet restyles the label: only when it changes
        saved.setStyleSheet(sheet)
    saved.setToolTip(f"{docs.unwritable}：保存时另存为其他文件名或位置" if docs.unwritable else "")


def show_counts(window: MainWindow) -> None:
    errors, warnings = window.state.counts()
    for label, text, sheet in ((window.error_label, f"错误 {errors}", "color: #c62828; font-weight: bold;" if errors else ""),
                               (window.warning_label, f"警告 {warnings}", "color: #9a6b00; font-weight: bold;" if warnings else "")):
        label.setText(text)
        if label.styleSheet() != sheet:  # a new style sheet restyles the label: only when it changes
            label.setStyleSheet(sheet)


_KEPT = "kept_this_turn"  # a dynamic property of the status bar: a note not to be replaced unseen


def show_message(window: MainWindow, text: str, keep: bool = False) -> None:
    """A status-bar message for 8 s.  A note shown with ``keep`` is joined to the next message of
    the same turn of the event loop rather than replaced by it: opening another report says
    已打开 … right after the findings panel says its filter was reset, and the note went unseen
    (rev18 M1).  Any other message replaces the one before, as Qt's status bar does."""
    bar = window.statusBar()
    kept = bar.property(_KEPT)
    if keep:
        bar.setProperty(_KEPT, text)
        QTimer.singleShot(0, bar, lambda: bar.setProperty(_KEPT, None))
    elif kept and bar.currentMessage() == kept:
        text = f"{text}；{kept}"
    bar.showMessage(readable(text), 8000)  # a GBK file name's bytes: read, not dropped by Qt
