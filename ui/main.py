"""Start the editor: the application object, Chinese translations, fonts, the window."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from app import childenv, compile_cache, dataclass_cache
from ui import qtlog
from ui.appsetup import APP_NAME, ORGANIZATION, install_translators, keep_light, ui_font
from ui.tasks import cancel_all

# Before the window's modules declare their dataclasses (none is declared above this line).
dataclass_cache.install()

if TYPE_CHECKING:
    from app.report import Report
    from ui.autosave import Recovery, Slot
    from ui.main_window import MainWindow

SERIAL_FILLS = "QT_NO_GUI_THREADPOOL"  # Qt's switch: raster fills on the painting thread only
SCREENSHOT_SIZE = (1400, 900)
SCREENSHOT_DELAY_MS = 300  # long enough for the first layout and paint, short for scripts
# A start with a file its child is reading: the window waits this long for the report before it
# shows 正在打开 instead (a tenth of a second reads as at once; a bigger file gets its page).
REVEAL_LIMIT_MS = 100
_windows: list[QWidget] = []  # windows opened for recovered documents
_hooks: list[object] = []  # the installed crash log (its Qt objects must live as long as the app)


def _print_error(text: str) -> None:
    print(f"错误：{text}", file=sys.stderr)


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    qtlog.install()  # before the application: what Qt says while it starts goes to the log too
    # Qt's raster engine hands every fill of 96 scan lines or more (a scroll bar's groove, the
    # tool bar's gradient) to a pool of threads and waits for them: on two cores, one of them
    # busy, the hand-off cost more than the fill (a scroll bar 1.3 ms against 0.1; ~5 ms of the
    # start's paints).  Read by Qt once, at the pool's first use; a value set by the user stays,
    # and ours is not passed to the programs the editor starts (app/childenv.py).
    childenv.set_own(SERIAL_FILLS, "1")
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_NAME)
    from app.limits import clear_odd_file  # on the start's path already (app.lock)

    clear_odd_file(Path(QSettings().fileName() + ".lock"))  # Qt's lock round each settings write: never a FIFO
    # No display name: Qt would append it to every title bar, and ours already end with the program's name.
    app.setFont(ui_font())
    keep_light(app)
    install_translators(app)
    app.aboutToQuit.connect(cancel_all)  # a file still being read or converted is let go
    return app


def first_window(path: Path | None, size: tuple[int, int] | None = None, autosave_dir: Path | None = None) -> MainWindow:
    """The first window, complete, for a start that opens ``path`` (None: a blank report).

    The file's child process (app.prefetch) usually has it read and checked by the time the
    window is built: then the window is shown once, with the report in it (ui.main_window's
    ``reveal_later``), never first with 正在打开 for a moment; if the file takes longer than
    REVEAL_LIMIT_MS, the window appears with 正在打开 and 取消.  Without a child (no file, another
    kind of file, a screenshot run) the frame is shown at once, its content a moment later."""
    from app import prefetch
    from ui import font_warm

    fonts = font_warm.start()  # fontconfig loaded meanwhile, off the main thread
    from ui.main_window import MainWindow  # after the QApplication: widgets need it

    # Over before this thread measures text: Qt would otherwise load fontconfig a second time
    # beside it, and a PC with hundreds of fonts (WPS's) loads for longer than the imports take.
    if fonts is not None:
        fonts.join()
        font_warm.settle()  # the application's font named by the families installed
    window = MainWindow(autosave_dir, staged=True)
    if size is not None:
        window.resize(*size)  # the same picture whatever the screen (offscreen is small)
    else:
        window.layout_memory.maximise_if_filling()  # a short screen: maximised, as Word starts there
    ahead = path is not None and prefetch.pending()
    if ahead:
        window.reveal_later()
    if path is not None:
        window.show_opening(path.name)  # 正在打开 in the first frame, never an empty report
    if not ahead:
        window.show()  # the frame first: the window is there at once, its content a moment later
        QApplication.processEvents()
    window.complete()
    if ahead:  # the limit counts from here: building the window alone can take longer on a busy PC
        QTimer.singleShot(REVEAL_LIMIT_MS, window.reveal)
    compile_cache.release()  # app.launch's hold: the window's modules are in
    return window


def run(path: str | None = None, screenshot: str | None = None, page: str | None = None,
        finding: str | None = None) -> int:
    """Open the editor on ``path`` (a blank report when None).  With ``screenshot``, save a
    PNG of the window once it is laid out and painted, then exit; ``page`` picks the page and
    ``finding`` (CODE or CODE:N) chooses the first (Nth) such finding in the panel, as a click would."""
    app = create_application()
    from ui import crashlog

    # Uncaught exceptions: logged, one Chinese message, the document stays open. A screenshot
    # run (a script is waiting) prints the message and writes no log in the user's folder.
    # The log file opens once the window is complete (Qt's warnings meanwhile held for it).
    hooks = crashlog.install(_print_error, to_file=False) if screenshot else crashlog.install(open_after_ms=None)
    _hooks.append(hooks)
    if screenshot:  # the same picture on every machine, and the user's settings left alone
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        import tempfile  # here: a screenshot run only (~2 ms of every start)

        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    window = first_window(Path(path) if path and not screenshot else None,
                          SCREENSHOT_SIZE if screenshot else None)
    if not screenshot:
        QTimer.singleShot(crashlog.OPEN_DELAY_MS, hooks.open_file)
        from ui import session_end  # SIGTERM/SIGHUP/SIGINT: the edits kept, the locks released

        _hooks.append(session_end.install(app))
        session_end.install_commit_data(app)  # Windows logoff/shutdown asks first, through Qt
    if screenshot:  # a script is waiting: errors go to stderr, never into a modal dialog
        window.docs.show_error = lambda title, text: print(f"错误：{text}", file=sys.stderr)  # type: ignore[method-assign,assignment]
        window.docs.ask_locked = lambda path, owner: "read_only"  # type: ignore[method-assign,assignment]
        window.docs.ask_in_other_program = lambda path, other: "read_only"  # type: ignore[method-assign,assignment]
        window.docs.offer_copies = False
        if path and not window.docs.load(Path(path)):  # read here: the picture is of the report
            return 2
    else:
        window.docs.restore_elsewhere = partial(_recovered_window, window)
        restored = window.docs.offer_restore()
        if path and not restored and not window.cancelled_early:
            window.docs.start_file = Path(path)
            window.docs.load_in_background(Path(path))  # the window answers while the file is read
        elif path and not window.cancelled_early:  # a recovered document here: the file asked for opens beside it
            window.show_pages()
            _open_beside(window, Path(path))
    if page:
        window.show_page(page)
    if finding:
        code, _, nth = finding.partition(":")
        window.findings.choose(code, int(nth or 1))
    if screenshot:
        QTimer.singleShot(SCREENSHOT_DELAY_MS, lambda: _grab(window, screenshot))
        return app.exec()
    return event_loop(app)


def event_loop(app: QApplication) -> int:
    """The program's event loop, unless a signal ended the session while the start was still
    asking (its question's loop ended, this one had not begun): then what the start did after
    the answer (a file's owner file taken) is let go as the signal let go the rest, and no loop."""
    from ui import session_end

    if session_end.ended:
        session_end.end_session(session_end.ended[0])
        return 0
    return app.exec()


def _open_beside(first: MainWindow, path: Path) -> None:
    """The file named on the command line, in a window of its own (the first holds a recovered
    document); it takes what app.prefetch's child read."""
    from app import prefetch
    from ui.main_window import MainWindow, read_in_own_window
    from ui.open_editors import front_editor_with

    # The recovered document is that file: shown, not opened twice, and said as what it is (“已在
    # 此窗口中打开” spoke of an opening the user never repeated: rev24c M1).
    why = f"{path.name}：已打开它的恢复副本（含上次未保存的修改），未再打开文件本身"
    if front_editor_with(path, why=why) is not None:
        prefetch.discard()  # its child read it for nothing
        return
    window = MainWindow()
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.layout_memory.beside(first)  # a title bar down and right of it, as Word does
    window.show()
    _windows.append(window)
    window.destroyed.connect(lambda: _windows.remove(window))
    # The copies answered at the start (以后再说) are not asked about again as this file opens.
    window.docs.postponed = first.docs.postponed
    window.docs.start_file = path
    if not read_in_own_window(window, path):  # 取消 at 文件正在编辑: no empty window left
        window.close()


def _recovered_window(first: MainWindow, slot: Slot, report: Report, info: Recovery) -> None:
    """A second (third…) crashed document: its own window, as if opened beside the first."""
    from ui.main_window import MainWindow

    window = MainWindow()
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.docs.adopt(slot, report, info)
    window.layout_memory.beside(first)  # a title bar down and right of it, as Word does
    window.show()
    _windows.append(window)  # a Python reference keeps a parentless window alive
    window.destroyed.connect(lambda: _windows.remove(window))


def _grab(window: QWidget, out: str) -> None:
    QApplication.processEvents()
    ok = window.grab().save(out, "PNG")
    QApplication.exit(0 if ok else 1)  # not close(): a screenshot run never asks or autosaves
