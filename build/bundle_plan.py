"""What the one-folder program carries, as data: read by build/nianbao.spec (PyInstaller, on
Linux and Windows) and build/windows_dryrun.py (what the Windows bundle would hold). No
PyInstaller import here, so the plan can be checked on any machine."""

from __future__ import annotations

from pathlib import Path

# Only these Qt modules are used; every other PySide6 module is excluded (saves ~100 MB).
QT_KEEP = {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport"}
QT_ALL = {
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender", "QtBluetooth",
    "QtCharts", "QtConcurrent", "QtDBus", "QtDataVisualization", "QtDesigner", "QtGraphs", "QtHelp",
    "QtHttpServer", "QtLocation", "QtMultimedia", "QtMultimediaWidgets", "QtNetwork", "QtNetworkAuth",
    "QtNfc", "QtOpenGL", "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets", "QtPositioning", "QtQml", "QtQuick",
    "QtQuick3D", "QtQuickControls2", "QtQuickWidgets", "QtRemoteObjects", "QtScxml", "QtSensors",
    "QtSerialBus", "QtSerialPort", "QtSpatialAudio", "QtSql", "QtStateMachine", "QtSvg", "QtSvgWidgets",
    "QtTest", "QtTextToSpeech", "QtUiTools", "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick",
    "QtWebEngineWidgets", "QtWebSockets", "QtWebView", "QtXml",
}
EXCLUDES = [f"PySide6.{m}" for m in sorted(QT_ALL - QT_KEEP)] + [
    "tkinter", "unittest", "pydoc", "test", "pytest", "hypothesis", "IPython", "numpy",
]
# Qt plugins the editor needs: a platform, styles, image formats for icons, print support.
PLUGIN_KEEP = ("platforms", "styles", "imageformats", "printsupport", "platforminputcontexts",
               "xcbglintegrations", "wayland-shell-integration", "wayland-graphics-integration-client",
               "wayland-decoration-client")
# Of the platforms, the desktop ones (Windows; X11 and Wayland on UOS/麒麟) and the headless
# ones (--screenshot, the smoke test). Framebuffer/VNC/KMS ones would pull in libdrm and more.
PLATFORMS_KEEP = ("qwindows", "qxcb", "qwayland-egl", "qwayland-generic", "qoffscreen", "qminimal")
TRANSLATIONS_KEEP = ("qtbase_zh_CN.qm", "qt_zh_CN.qm")


def keep(dest: str) -> bool:
    """Drop Qt plugins and translations the editor never loads."""
    parts = Path(dest).parts
    if "plugins" in parts:
        i = parts.index("plugins")
        if i + 1 < len(parts) and parts[i + 1] == "platforms":
            return Path(parts[-1]).stem.removeprefix("lib") in PLATFORMS_KEEP
        return i + 1 < len(parts) and parts[i + 1] in PLUGIN_KEEP
    if "translations" in parts and parts[-1].endswith(".qm"):
        return parts[-1] in TRANSLATIONS_KEEP
    return True
