"""What the application needs before its first window: its name, font, light colours and Qt's
Chinese strings.  Kept apart from ui.resources so that the window can appear before the rest loads."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from ui.fontnames import family_of

APP_NAME = "年报编辑器"
APP_TITLE = "政府信息公开工作年度报告编辑器"
ORGANIZATION = "nianbao"

# Any style sheet makes Qt draw a widget and all it holds through QStyleSheetStyle, which sizes
# spin boxes 22 px high where the plain Fusion style gives 26.  The window once carried one sheet
# for everything in it; now only widgets that have a look of their own carry one, and the spin
# boxes users see in the window (基本信息's year, the calendar's) carry this, to look as before.
SPIN_BOX_SHEET = "QAbstractSpinBox {}"

# Windows office fonts first, then what 统信UOS/麒麟 and macOS usually have.
UI_FAMILIES = ["Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
               "WenQuanYi Micro Hei", "PingFang SC", "Sans Serif"]


def installed_families(known: Collection[str]) -> list[str]:
    """UI_FAMILIES less those not among ``known`` (the system's, QFontDatabase.families()), in
    their order; all of them when none is known (the list could not be read)."""
    have = {family_of(family).casefold() for family in known}
    return [family for family in UI_FAMILIES if family.casefold() in have] or list(UI_FAMILIES)


def ui_font(point_size: float | None = None) -> QFont:
    font = QFont()
    font.setFamilies(UI_FAMILIES)
    if point_size is not None:
        font.setPointSizeF(point_size)
    return font


# What Qt's zh_CN leaves in English in its dialogs (the file dialog's 类型 column).
_MISSING = {
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "File Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "Shortcut"): "快捷方式",
    ("QAbstractFileIconProvider", "Alias"): "替身",
    ("QAbstractFileIconProvider", "Unknown"): "未知",
}


_SUPPLEMENTED = "nianbaoSupplement"


class _Supplement(QTranslator):
    """The few strings Qt's qtbase_zh_CN lacks."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return _MISSING.get((context, source))  # type: ignore[return-value]  # None: Qt asks the next one

    def isEmpty(self) -> bool:
        return False


def _shipped() -> str:
    """Our resources/ folder; looked up only when Qt has no translation of its own (importing
    importlib's resource readers is ~3 ms of the start)."""
    from importlib import resources

    return str(resources.files("resources"))


def install_translators(app: QApplication) -> list[QTranslator]:
    """Qt's own zh_CN strings, so standard dialogs and buttons speak Chinese (the file dialog's
    “查找范围”, “文件类型”, the message boxes' buttons).  PySide6's wheels ship no qtbase_zh_CN,
    so ours (resources/, from Qt's translations) is used where Qt has none of its own."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # Once; first, so that Qt's own, installed after it, win.  Marked by a property: findChild
    # would wrap every child of the application in Python (~7 ms of start-up, QStyle's enums).
    if not app.property(_SUPPLEMENTED):
        app.installTranslator(_Supplement(app))
        app.setProperty(_SUPPLEMENTED, True)
    installed: list[QTranslator] = []
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder) or (name == "qtbase_zh_CN" and translator.load(name, _shipped())):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


LIGHT_WINDOW = QColor("#efefef")  # the Fusion style's window colour: the palette the editor is drawn for


def keep_light(app: QApplication) -> None:
    """The editor's colours are light ones of its own (合计 light blue, 错误 pink, 警告 yellow, the
    titles navy) on the light palette: a dark system scheme — Windows' dark mode, a dark desktop
    theme — half taken made a total's figure white on light blue and the titles navy on black
    (rev25c V1).  Light is asked of the platform, and a dark palette handed over all the same is
    replaced by the style's light one (a light one of ours, should the style's be dark too)."""
    app.styleHints().setColorScheme(Qt.ColorScheme.Light)
    if not _dark(app.palette()):
        return
    light = app.style().standardPalette()
    app.setPalette(light if not _dark(light) else QPalette(LIGHT_WINDOW))


def _dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128 or palette.color(QPalette.ColorRole.Base).lightness() < 128
