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
    # pdfplumber imports Pillow and pypdfium2 only to render pages as images (Page.to_image,
    # pdfplumber.display), and pdfminer imports Pillow only to save embedded images: the reader
    # (app/pdfread) asks for characters and ruling lines, never for pictures (~35 MB with their libs).
    "PIL", "pypdfium2", "pypdfium2_raw", "pypdfium2_cfg", "pypdfium2_cli",
    # lxml's other front ends: python-docx and openpyxl use lxml.etree alone, the web-copy reader
    # (app/web*.py) lxml.html too — which stays (left out, no .html or .txt copy could be read).
    "lxml.objectify", "lxml.isoschematron", "lxml.cssselect", "lxml.builder", "lxml.sax",
    # lxml.html's compiled HTML differ (htmldiff): lxml.html itself never imports it (0.8 MB).
    "lxml.html.diff", "lxml.html._difflib",
    # East-Asian codecs other than the Chinese ones (GBK/GB18030/HZ stay, _codecs_cn; Big5 too,
    # _codecs_tw and _codecs_hk: the web-copy reader reads Big5 pages and tells traditional script
    # by what Big5 can encode): `encodings` then answers LookupError for euc_jp & co., which
    # pdfminer's and charset_normalizer's guesses already handle.
    "_codecs_jp", "_codecs_kr", "_codecs_iso2022",
    # bz2 and lzma: the bundle's Python has no _bz2/_lzma (build/python.sh), so they can only fail to
    # import; zipfile and shutil try them at every start: shipped, each was unpacked from the archive
    # and run up to its ImportError, twice a `check` (issue 15).
    "bz2", "lzma",
]
# Qt plugins the editor needs: a platform, styles, print support, input methods, and of the image
# formats only .ico (the Windows window icon; every other picture is drawn, or PNG, built into QtGui).
PLUGIN_KEEP = ("platforms", "styles", "imageformats", "printsupport", "platforminputcontexts",
               "xcbglintegrations", "wayland-shell-integration", "wayland-graphics-integration-client",
               "wayland-decoration-client")
# Of the platforms, the desktop ones (Windows; X11 and Wayland on UOS/麒麟) and the headless
# ones (--screenshot, the smoke test). Framebuffer/VNC/KMS ones would pull in libdrm and more.
PLATFORMS_KEEP = ("qwindows", "qxcb", "qwayland-egl", "qwayland-generic", "qoffscreen", "qminimal")
TRANSLATIONS_KEEP = ("qtbase_zh_CN.qm", "qt_zh_CN.qm")
IMAGEFORMATS_KEEP = ("qico",)


def keep(dest: str) -> bool:
    """Drop Qt plugins and translations the editor never loads."""
    parts = Path(dest).parts
    if "plugins" in parts:
        i = parts.index("plugins")
        if i + 1 < len(parts) and parts[i + 1] == "platforms":
            return Path(parts[-1]).stem.removeprefix("lib") in PLATFORMS_KEEP
        if i + 1 < len(parts) and parts[i + 1] == "imageformats":
            return Path(parts[-1]).stem.removeprefix("lib") in IMAGEFORMATS_KEEP
        return i + 1 < len(parts) and parts[i + 1] in PLUGIN_KEEP
    if "translations" in parts and parts[-1].endswith(".qm"):
        return parts[-1] in TRANSLATIONS_KEEP
    return True


# pdfminer's predefined CMaps and CID→Unicode tables: only the Chinese mainland (GB) ones. A report
# set in a Japanese, Korean or traditional-Chinese CID font is not a report this program reads
# (~6 MB); pdfminer says such a CMap is unknown, and the text of those characters is lost.
PDF_CMAPS_KEEP = ("GB", "README")


# python-docx's templates folder also holds the unpacked source of its default.docx (~1 MB): the
# library opens default.docx and the default-*.xml parts beside it, never that folder.
DOCX_TEMPLATE_SOURCE = ("docx", "templates", "default-docx-template")


def keep_data(dest: str) -> bool:
    """Data files: keep(), pdfminer's GB CMaps only, python-docx's templates without their source."""
    parts = Path(dest).parts
    if parts[:2] == ("pdfminer", "cmap"):
        return any(k in parts[-1] for k in PDF_CMAPS_KEEP)
    if parts[:3] == DOCX_TEMPLATE_SOURCE:
        return False
    return keep(dest)


# -- the Linux one-folder program: what it may hold, and its size ----------------------------------

BUDGET_BYTES = 100_000_000  # issue 15: ≤ 100 MB
_QT = "_internal/PySide6/Qt"
_DYN = "_internal/python3.11/lib-dynload"
# Every file of build/out/dist/nianbao matches one of these (fnmatch, `*` crosses folders), each
# with why it ships. A file that matches none fails the build: nothing rides along unnoticed.
KEEP: dict[str, str] = {
    "nianbao": "the program: PyInstaller's bootloader and the Python archive of app/ and ui/",
    "nianbao-cli": "a link to nianbao: the command line's name (one executable on Linux, see the spec)",
    "_internal/libpython3.11.so.1.0": "the interpreter (build/python.sh, glibc 2.28), stripped",
    "_internal/base_library.zip": "the standard library modules Python needs to start",
    # Standard-library extension modules, each imported by the program or a library it uses.
    f"{_DYN}/_asyncio.*": "asyncio (imported by the standard library's concurrency modules)",
    f"{_DYN}/_bisect.*": "bisect (app/pdfread/grid.py, heapq users)",
    f"{_DYN}/_blake2.*": "hashlib's blake2 (hashlib is imported by random and zipfile users)",
    f"{_DYN}/_codecs_cn.*": "GBK/GB18030 text (Chinese files not in UTF-8)",
    f"{_DYN}/_codecs_tw.*": "Big5 web pages, and the web-copy reader's test for traditional script",
    f"{_DYN}/_codecs_hk.*": "Big5-HKSCS web pages (the big5hkscs codec)",
    f"{_DYN}/_contextvars.*": "contextvars (decimal, asyncio)",
    f"{_DYN}/_csv.*": "csv (importlib.metadata, openpyxl)",
    f"{_DYN}/_ctypes.*": "ctypes (multiprocessing's shared memory, PyInstaller's loader)",
    f"{_DYN}/_datetime.*": "datetime (成文日期, deadlines, .docx/.xlsx properties)",
    f"{_DYN}/_decimal.*": "decimal (figures in cells, openpyxl)",
    f"{_DYN}/_elementtree.*": "xml.etree (openpyxl's reader)",
    f"{_DYN}/_heapq.*": "heapq (priority queues in the standard library)",
    f"{_DYN}/_json.*": "json (dump, --json, custom parts in the .docx)",
    f"{_DYN}/_md5.*": "hashlib md5 (pdfminer's PDF security handler)",
    f"{_DYN}/_multibytecodec.*": "the codec machinery _codecs_cn needs",
    f"{_DYN}/_multiprocessing.*": "check DIR --jobs: worker processes",
    f"{_DYN}/_opcode.*": "dis/inspect (dataclasses)",
    f"{_DYN}/_pickle.*": "pickle (worker processes' results)",
    f"{_DYN}/_posixshmem.*": "multiprocessing's shared memory",
    f"{_DYN}/_posixsubprocess.*": "subprocess (LibreOffice for .doc/.wps/.odt)",
    f"{_DYN}/_queue.*": "queue (worker pools, the autosave writer thread)",
    f"{_DYN}/_random.*": "random (temporary file names of the atomic save)",
    f"{_DYN}/_sha1.*": "hashlib sha1 (fingerprints of dismissed findings)",
    f"{_DYN}/_sha256.*": "hashlib sha256 (fingerprints, pdfminer's AES-256 security handler)",
    f"{_DYN}/_sha3.*": "hashlib sha3 (hashlib imports it)",
    f"{_DYN}/_sha512.*": "hashlib sha512 (pdfminer's AES-256 security handler)",
    f"{_DYN}/_socket.*": "socket (multiprocessing's connections between workers)",
    f"{_DYN}/_statistics.*": "statistics (layout medians in the PDF reader)",
    f"{_DYN}/_struct.*": "struct (zip files: .docx/.xlsx)",
    f"{_DYN}/_typing.*": "typing (annotations evaluated at run time by dataclasses)",
    f"{_DYN}/array.*": "array (pdfminer's streams)",
    f"{_DYN}/binascii.*": "binascii (zip CRCs, PDF hex strings)",
    f"{_DYN}/fcntl.*": "fcntl (lock files of the autosave)",
    f"{_DYN}/grp.*": "grp (shutil, pathlib's owner look-ups)",
    f"{_DYN}/math.*": "math (widths, medians, rounding of figures)",
    f"{_DYN}/mmap.*": "mmap (multiprocessing)",
    f"{_DYN}/pyexpat.*": "XML parsing for the standard library (openpyxl, plistlib)",
    f"{_DYN}/resource.*": "resource (the reader's memory guard in worker processes)",
    f"{_DYN}/select.*": "select (subprocess, multiprocessing)",
    f"{_DYN}/termios.*": "termios (tqdm's terminal width)",
    f"{_DYN}/unicodedata.*": "unicodedata (NFKC folding of labels and text)",
    f"{_DYN}/zlib.*": "zlib (zip files, PDF streams)",
    # Python packages the program imports.
    "_internal/lxml/etree.*": "lxml.etree: python-docx, openpyxl and the .docx reader",
    "_internal/lxml/_elementpath.*": "lxml.etree's path queries",
    "_internal/docx/*": "python-docx's templates (new documents, headers and footers)",
    "_internal/*.pyc": "the modules check and dump import, as .pyc files: not inflated at every start (build/hot_modules.py)",
    "_internal/pdfminer/cmap/*GB*": "Chinese mainland CMaps: text of PDFs set in GB CID fonts",
    "_internal/pdfminer/cmap/README.txt": "pdfminer's CMap folder (kept with its notice)",
    "_internal/pdfminer/py.typed": "pdfminer's package marker",
    "_internal/pdfminer_six-*.dist-info/*": "pdfminer's version (importlib.metadata)",
    "_internal/charset_normalizer/*": "pdfminer guesses the encoding of PDF text strings with it",
    "_internal/cryptography/*": "pdfminer imports it: AES decryption of PDFs with permission passwords",
    "_internal/cryptography-*.dist-info/*": "cryptography's version and licence",
    "_internal/_cffi_backend.*": "cryptography's C bindings",
    "_internal/tqdm-*.dist-info/*": "tqdm's version (check DIR's progress bar)",
    "_internal/resources/*": "the program's own files: reference.docx, demo report, icon, Qt translation",
    # Qt: the four modules the editor uses, the libraries they link, and the plugins it loads.
    "_internal/shiboken6/*": "PySide6's binding runtime",
    "_internal/libshiboken6.abi3.so.*": "link to shiboken6's library",
    "_internal/PySide6/Qt*.abi3.so": "PySide6's QtCore, QtGui, QtWidgets, QtPrintSupport",
    "_internal/PySide6/libpyside6.abi3.so.*": "PySide6's runtime",
    "_internal/libpyside6.abi3.so.*": "link to PySide6's runtime",
    f"{_QT}/lib/libQt6Core.so.6": "Qt Core: the editor and export --to .pdf",
    f"{_QT}/lib/libQt6Gui.so.6": "Qt Gui: fonts, painting, the PDF writer",
    f"{_QT}/lib/libQt6Widgets.so.6": "Qt Widgets: the editor's window",
    f"{_QT}/lib/libQt6PrintSupport.so.6": "printing and export --to .pdf",
    f"{_QT}/lib/libQt6DBus.so.6": "linked by Qt Gui (desktop portals, accessibility)",
    f"{_QT}/lib/libQt6XcbQpa.so.6": "the X11 platform (UOS/麒麟 desktops)",
    f"{_QT}/lib/libQt6OpenGL.so.6": "linked by the Wayland and X11 GL integrations",
    f"{_QT}/lib/libQt6Svg.so.6": "linked by the Wayland window decorations",
    f"{_QT}/lib/libQt6Wayland*.so.6": "the Wayland platform",
    f"{_QT}/lib/libQt6WlShellIntegration.so.6": "the Wayland platform's shell protocols",
    f"{_QT}/lib/libicuuc.so.73": "ICU, linked by Qt Core",
    f"{_QT}/lib/libicui18n.so.73": "ICU, linked by Qt Core",
    f"{_QT}/lib/libicudata.so.73": "ICU's data, cut to the zh/en locales (build/icu_subset.py)",
    "_internal/libQt6*.so.6": "links to Qt's libraries (PyInstaller's top-level names)",
    "_internal/libicu*.so.73": "links to ICU's libraries",
    f"{_QT}/plugins/platforms/*": "platforms: X11, Wayland, offscreen (--screenshot, export), minimal",
    f"{_QT}/plugins/xcbglintegrations/*": "X11 GL integration the X11 platform loads",
    f"{_QT}/plugins/wayland-*/*": "Wayland shells, decorations and buffer integrations",
    f"{_QT}/plugins/platforminputcontexts/*": "input methods (ibus, compose): typing Chinese",
    f"{_QT}/plugins/printsupport/*": "CUPS printers in the print dialog",
    f"{_QT}/plugins/imageformats/libqico.so": ".ico images (the only format not built into Qt Gui we keep)",
    f"{_QT}/translations/qt*_zh_CN.qm": "Qt's own dialogs in Chinese",
    "_internal/libxcb-util.so.1": "linked by the X11 platform; not on every UOS/麒麟 install",
}


def check_bundle(dist: Path) -> tuple[int, list[str]]:
    """(bytes the folder holds, problems): files KEEP does not name, and the budget."""
    import fnmatch

    total, problems = 0, []
    for path in sorted(dist.rglob("*")):
        if path.is_dir() and not path.is_symlink():
            continue
        rel = path.relative_to(dist).as_posix()
        total += path.lstat().st_size
        if not any(fnmatch.fnmatchcase(rel, pattern) for pattern in KEEP):
            problems.append(f"未列入 build/bundle_plan.py 的 KEEP 清单：{rel}（{path.lstat().st_size / 1e6:.2f} MB）")
    if total > BUDGET_BYTES:
        problems.append(f"程序文件夹 {total / 1e6:.1f} MB，超过预算 {BUDGET_BYTES / 1e6:.0f} MB")
    return total, problems


if __name__ == "__main__":
    import sys

    folder = Path(sys.argv[1])
    size, found = check_bundle(folder)
    for line in found:
        print(f"  {line}", file=sys.stderr)
    print(f"程序文件夹 {folder}：{size / 1e6:.1f} MB（预算 {BUDGET_BYTES / 1e6:.0f} MB）" + ("" if not found else f"，{len(found)} 个问题"))
    sys.exit(1 if found else 0)
