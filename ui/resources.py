"""The one place the UI gets files, fonts, colours, icons and translations from."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QColor, QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from app.findings import Severity

APP_NAME = "年报编辑器"
APP_TITLE = "政府信息公开工作年度报告编辑器"
ORGANIZATION = "nianbao"

# Windows office fonts first, then what 统信UOS/麒麟 and macOS usually have.
UI_FAMILIES = ["Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
               "WenQuanYi Micro Hei", "PingFang SC", "Sans Serif"]
BODY_FAMILIES = ["仿宋_GB2312", "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", "Noto Serif SC",
                 "AR PL UMing CN", "Serif"]
HEADING1_FAMILIES = ["黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei"]
HEADING2_FAMILIES = ["楷体_GB2312", "KaiTi", "楷体", "STKaiti", "AR PL UKai CN", "Noto Serif CJK SC"]


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
    TEXT_ERROR_BG = QColor("#fde0de")
    TEXT_WARNING_BG = QColor("#fff3c4")


def resource_path(*parts: str) -> Path:
    """A file shipped in the ``resources`` package."""
    return Path(str(resources.files("resources").joinpath(*parts)))


def demo_report() -> Path:
    return resource_path("demo", "xiaogang-2021.docx")


def ui_font(point_size: float | None = None) -> QFont:
    font = QFont()
    font.setFamilies(UI_FAMILIES)
    if point_size is not None:
        font.setPointSizeF(point_size)
    return font


def install_translators(app: QApplication) -> list[QTranslator]:
    """Qt's own zh_CN strings, so standard dialogs and buttons speak Chinese."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed: list[QTranslator] = []
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def severity_icon(severity: Severity) -> QIcon:
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
