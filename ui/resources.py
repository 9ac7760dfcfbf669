"""The one place the UI gets files, fonts, colours, icons and translations from."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from app.findings import Severity
from app.page import FONTS, Role
from ui.appsetup import APP_NAME, APP_TITLE, ORGANIZATION, UI_FAMILIES, install_translators, ui_font

__all__ = ["APP_NAME", "APP_TITLE", "ORGANIZATION", "UI_FAMILIES", "install_translators", "ui_font"]
# The editor's panes set text in the printed page's fonts (app/page.py declares them once).
BODY_FAMILIES = list(FONTS[Role.BODY].fallbacks)
HEADING1_FAMILIES = list(FONTS[Role.HEI].fallbacks)
HEADING2_FAMILIES = list(FONTS[Role.KAI].fallbacks)


class Colors:
    """Cell and badge colours: quiet enough for a full day's work, distinct enough to scan."""

    LABEL_BG = QColor("#f0f2f5")
    LABEL_FG = QColor("#1f2937")
    TOTAL_BG = QColor("#e4ecf7")
    PINNED_FG = QColor("#c62828")
    RAW_FG = QColor("#8a5a00")
    ERROR_BG = QColor("#fbd9d7")
    WARNING_BG = QColor("#fff1c2")
    ERROR = QColor("#d32f2f")
    WARNING = QColor("#e0a000")
    INFO = QColor("#1976d2")
    GRID = QColor("#c5cbd3")
    FRAME = QColor("#b8b8b8")  # the grid's frame: as the Fusion style draws it on the default palette
    TEXT_ERROR_BG = QColor("#fde0de")
    TEXT_WARNING_BG = QColor("#fff3c4")
    FLASH = QColor("#1a73e8")  # the frame that shows where 转到表格 arrived (as the cell editor's)
    TEXT_RELATED_BG = QColor("#d6e6fa")  # the other copy of the duplicate being looked at
    TEXT_INFO_BG = QColor("#ece4f7")  # a hint in the text: a sentence carried over from last year
    SAME_AS_LAST = QColor("#9a7fc4")  # the navigation's bar: how much of a section is last year's
    LAST_YEAR = QColor("#8a94a6")  # last year's figures and shares: muted, never read as this year's


_ICONS: dict[Severity, QIcon] = {}


def severity_icon(severity: Severity) -> QIcon:
    """The style's icon for a severity, made once (lists ask for it on every repaint)."""
    if severity not in _ICONS:
        _ICONS[severity] = _severity_icon(severity)
    return _ICONS[severity]


def _severity_icon(severity: Severity) -> QIcon:
    pixmap = {
        Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
        Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
        Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
    }[severity]
    return QApplication.style().standardIcon(pixmap)


def severity_color(severity: Severity) -> QColor:
    return {Severity.ERROR: Colors.ERROR, Severity.WARNING: Colors.WARNING, Severity.INFO: Colors.INFO}[
        severity
    ]


def output_icon(kind: str) -> QIcon:
    """打印 ("print"), 打印预览 ("preview") and 导出PDF ("pdf"): Qt's styles have no such
    standard icons, so they are drawn, in the plain two-tone look of the standard ones."""
    pixmap = QPixmap(64, 64)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(QColor("#4a5563"), 3))
    if kind == "print":
        _draw_printer(p)
    else:
        _draw_page(p, kind)
    p.end()
    return QIcon(pixmap)


def _draw_printer(p: QPainter) -> None:
    p.setBrush(QColor("#ffffff"))
    p.drawRect(QRectF(18, 6, 28, 20))  # the sheet going in
    p.setBrush(QColor("#8c97a6"))
    p.drawRoundedRect(QRectF(6, 24, 52, 22), 4, 4)  # the printer
    p.setBrush(QColor("#ffffff"))
    p.drawRect(QRectF(18, 38, 28, 20))  # the sheet coming out


def _draw_page(p: QPainter, kind: str) -> None:
    p.setBrush(QColor("#ffffff"))
    p.drawRect(QRectF(12, 4, 38, 52))
    p.setPen(QPen(QColor("#9aa4b2"), 3))
    for y in (16, 24, 32):
        p.drawLine(19, y, 43, y)
    if kind == "pdf":
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#c62828"))
        p.drawRect(QRectF(4, 36, 44, 22))
        font = QFont("Sans Serif")
        font.setPixelSize(17)
        font.setBold(True)
        p.setFont(font)
        p.setPen(QColor("#ffffff"))
        p.drawText(QRectF(4, 36, 44, 22), Qt.AlignmentFlag.AlignCenter, "PDF")
    else:  # a magnifier over the page
        p.setPen(QPen(QColor("#1f5fa8"), 5))
        p.setBrush(QColor("#e4ecf7"))
        p.drawEllipse(QRectF(26, 28, 22, 22))
        p.drawLine(45, 47, 58, 60)
