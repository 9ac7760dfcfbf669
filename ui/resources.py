"""The one place the UI gets files, fonts, colours, icons and translations from."""

from __future__ import annotations

import struct

from PySide6.QtCore import QFile, QIODevice, QRectF, QResource, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
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
        _draw_pdf_letters(p)
    else:  # a magnifier over the page
        p.setPen(QPen(QColor("#1f5fa8"), 5))
        p.setBrush(QColor("#e4ecf7"))
        p.drawEllipse(QRectF(26, 28, 22, 22))
        p.drawLine(45, 47, 58, 60)


def _draw_pdf_letters(p: QPainter) -> None:
    """“PDF” in white block letters on the label, drawn as strokes: text would make Qt match and
    load a font face of its own (Sans Serif bold, not the window's) at every start, ~0.8 ms."""
    pen = QPen(QColor("#ffffff"), 3.2)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    top, middle, bottom = 40.0, 47.5, 55.0
    letters = QPainterPath()
    letters.moveTo(10, bottom)  # P: its stem, then its bowl
    letters.lineTo(10, top)
    letters.lineTo(13, top)
    letters.cubicTo(18.5, top, 18.5, middle, 13, middle)
    letters.lineTo(10, middle)
    letters.moveTo(23, top)  # D
    letters.lineTo(25.5, top)
    letters.cubicTo(32.5, top, 32.5, bottom, 25.5, bottom)
    letters.lineTo(23, bottom)
    letters.closeSubpath()
    letters.moveTo(44, top)  # F: its top bar, stem, then its middle bar
    letters.lineTo(37, top)
    letters.lineTo(37, bottom)
    letters.moveTo(37, middle)
    letters.lineTo(42.5, middle)
    p.drawPath(letters)


# Qt 6.9's Fusion style builds its dock title bar's float icon from six images named
# fusion_normalizedockup-SIZE.png, but four of them are stored as fusion_normalizedockup_SIZE.png.
# For each name not found Qt's image reader tries the name with every image format's suffix, and
# first loads all ten image format plugins to learn them: ~6 ms and ~100 page faults of the
# start (benchmarks/bench_start.py), for the icon of a button our dock hides (it cannot float).
_FUSION_IMAGES = "/qt-project.org/styles/fusionstyle/images"
_mended: list[bytes] = []  # the resource data registered: Qt reads it in place, for the program's life


def mend_dock_icons() -> None:
    """The float icon's missing names added to Qt's resources, each the image stored under the
    other spelling (once; nothing where Qt's resources have the names, or lack both)."""
    if _mended:
        return
    found: dict[str, bytes] = {}
    for size in (10, 16, 20, 32, 48, 64):
        wanted = f"fusion_normalizedockup-{size}.png"
        stored = QFile(f":{_FUSION_IMAGES}/fusion_normalizedockup_{size}.png")
        if not QFile.exists(f":{_FUSION_IMAGES}/{wanted}") and stored.open(QIODevice.OpenModeFlag.ReadOnly):
            found[wanted] = bytes(stored.readAll().data())
    data = resource_data(found) if found else b""
    _mended.append(data)
    if data:
        QResource.registerResourceData(data, _FUSION_IMAGES)


def resource_data(files: dict[str, bytes]) -> bytes:
    """Files in Qt's binary resource format (what rcc writes; version 2, uncompressed, no
    folders), for QResource.registerResourceData."""

    def qt_hash(name: str) -> int:  # Qt's name hash: a folder's entries are kept sorted by it
        h = 0
        for unit in struct.unpack(f">{len(name.encode('utf-16-be')) // 2}H", name.encode("utf-16-be")):
            h = (h << 4) + unit
            h ^= (h & 0xF0000000) >> 23
            h &= 0x0FFFFFFF
        return h

    names, data = bytearray(), bytearray()

    def name_at(name: str) -> int:
        at = len(names)
        names.extend(struct.pack(">HI", len(name), qt_hash(name)) + name.encode("utf-16-be"))
        return at

    order = sorted(files, key=qt_hash)
    # Each node: its name, flags (2: a folder), then a folder's entry count and first entry, or
    # a file's territory (0: any), language (1: C) and data, then a time (0: none).
    tree = bytearray(struct.pack(">IHIIQ", name_at(""), 2, len(order), 1, 0))
    for name in order:
        tree.extend(struct.pack(">IHHHIQ", name_at(name), 0, 0, 1, len(data), 0))
        data.extend(struct.pack(">I", len(files[name])) + files[name])
    start = 20  # the header: magic, version, where the tree, the data and the names begin
    return (b"qres" + struct.pack(">IIII", 2, start, start + len(tree), start + len(tree) + len(data))
            + bytes(tree) + bytes(data) + bytes(names))
