"""What start-up's speed work must not change: the window looks as it did, its commands work
from the first frame, and the cheap ways of building it find what the costly ones found."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QToolButton
from pytestqt.qtbot import QtBot

from app import collector
from tests.ui.conftest import SAMPLE
from ui import appsetup
from ui.findings_model import _opcodes
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
# The one style sheet the window carried until start-up was measured: it made Qt restyle every
# widget of the window.  The window must look exactly as it did under it.
WINDOW_STYLE_BEFORE = """
#pageTitle { font-size: 15pt; font-weight: bold; color: #1f3a5f; padding: 2px 0 6px 0; }
QListView#navigation { border: none; background: #f5f7fa; padding-top: 6px; }
QListView#navigation::item { padding: 6px 4px; }
QListView#navigation::item:selected { background: #dbe7f6; color: #0b3d75; }
QStatusBar QLabel { padding: 0 8px; }
"""


def _grab(window: MainWindow, qtbot: QtBot) -> QImage:
    """The window once settled: a table page fits its grid's height to its rows after it is
    shown, and on a busy machine that can take more than one pass of the event loop."""
    qtbot.wait(50)
    image = window.grab().toImage()
    for _ in range(40):
        qtbot.wait(50)
        again = window.grab().toImage()
        if again == image:
            return image
        image = again
    return image


@pytest.mark.parametrize("row", [0, 2, 4, 5])  # 基本信息, a text section, 三, 四
def test_the_window_looks_as_under_its_old_window_wide_style_sheet(window: MainWindow, qtbot: QtBot, row: int) -> None:
    window.resize(1400, 900)
    window.docs.load(SAMPLE)
    window.show_page(window.entries[row][0])
    window.nav.setFocus()  # no caret blinking in a field between the two pictures
    assert window.styleSheet() == ""
    now = _grab(window, qtbot)
    window.setStyleSheet(WINDOW_STYLE_BEFORE)
    try:
        before = _grab(window, qtbot)
    finally:
        window.setStyleSheet("")
    assert now.size() == before.size()
    assert now == before, "the window must look as it did"


def test_the_scoped_style_sheets_give_what_the_window_wide_one_gave(window: MainWindow) -> None:
    """The same, screenshot-free: palette, font and size of each widget that has a look of its own."""
    window.docs.load(SAMPLE)
    page = window.show_page("基本信息")
    title = page.findChild(QLabel, "pageTitle")  # type: ignore[union-attr]
    assert title is not None
    title.ensurePolished()
    assert title.font().pointSizeF() == 15 and title.font().bold()
    assert title.palette().color(QPalette.ColorRole.WindowText).name() == "#1f3a5f"
    assert (title.contentsMargins().top(), title.contentsMargins().bottom()) == (2, 6)
    window.nav.ensurePolished()
    assert window.nav.palette().color(QPalette.ColorRole.Base).name() == "#f5f7fa"
    assert window.nav.contentsMargins().top() == 6
    for label in window._status_labels():
        label.ensurePolished()
        assert (label.contentsMargins().left(), label.contentsMargins().right()) == (8, 8)

    def sizes() -> list[object]:
        return [title.sizeHint(), window.nav.sizeHintForRow(0), page.year.sizeHint(), page.date.sizeHint(),
                *(label.sizeHint() for label in window._status_labels())]

    now = sizes()
    window.setStyleSheet(WINDOW_STYLE_BEFORE)
    try:
        assert sizes() == now
    finally:
        window.setStyleSheet("")


def test_qts_chinese_and_the_supplement_are_installed_once(qapp: QApplication) -> None:
    appsetup.install_translators(qapp)
    appsetup.install_translators(qapp)
    supplements = [t for t in qapp.findChildren(QTranslator) if isinstance(t, appsetup._Supplement)]
    assert len(supplements) == 1
    assert QApplication.translate("QAbstractFileIconProvider", "Folder") == "文件夹"


def test_the_findings_dock_is_kept_by_the_window_layout(window: MainWindow) -> None:
    assert window.layout_memory.docks == [window.dock]


def test_a_modeless_dialog_of_this_window_is_paused_while_a_file_is_read(window: MainWindow, qtbot: QtBot) -> None:
    """Found among the top-level windows, not by walking the window's widgets."""
    dialog = window.year_tools.find_dialog()
    dialog.open_find(replace=False)
    other = MainWindow()
    qtbot.addWidget(other)
    theirs = other.year_tools.find_dialog()
    theirs.open_find(replace=False)
    assert window._modeless_dialogs() == [dialog]
    window._pause(True)
    assert not dialog.isEnabled() and theirs.isEnabled()
    window._pause(False)
    assert dialog.isEnabled()


# The editor's start as ui.main.run makes it, in a process of its own (the garbage collector is
# the process's): prints whether the collector runs at each step.
# What a start with a report does without (each a few ms of imports): the checks and the
# readers (the prefetch child has them), owner files' hashing, difflib, socket, resource readers,
# html (an .xlsx's sheet names, in app/xlsxlimits.py), 导出PDF's background export; the undo commands
# and the table states they keep (the first edit), a finding's commands and dismissals (the first
# finding chosen), the Excel commands, a recovery copy's description (a copy found or written),
# the warm-up of the checks (its timer's), the bidirectional algorithm (text that needs it).
SPARED = ("app.checks", "app.reading", "docx", "lxml", "difflib", "hashlib", "socket", "secrets", "importlib.readers", "html", "pickle",
          "ui.pdf_export", "ui.commands", "app.tablestate", "ui.finding_actions", "ui.dismiss", "ui.excel", "app.autosave",
          "ui.warm_up", "app.bidi", "calendar", "logging", "argparse", "app.logs")
_START = """
import enum, gc, sys
SPARED = %r
built = []  # the enum classes PySide builds: a class's are built the first time Python meets it
_new = enum.EnumType.__new__
def _spy(*args, **kwargs):
    made = _new(*args, **kwargs)
    built.append(made.__qualname__)
    return made
_spy.general = _new  # app/quick_enums.py compares the code behind it with the code it mirrors
enum.EnumType.__new__ = _spy
from app import quick_enums
quick_enums.install()  # as ui/__init__ does first; its short path for PySide's way makes no __new__ call
_call = enum.EnumType.__call__
def _spy_call(cls, value, names=None, **kwargs):
    made = _call(cls, value, names, **kwargs)
    if names is not None:
        built.append(made.__qualname__)
    return made
enum.EnumType.__call__ = _spy_call
from pathlib import Path
from app import collector, prefetch
collector.hold()
path = Path(sys.argv[1]) if len(sys.argv) > 1 else None
if path is not None:
    prefetch.start(path)
from ui.main import create_application, first_window  # first, as app.launch: Qt loaded through ui/__init__
from PySide6.QtCore import QEventLoop
app = create_application()
from ui import crashlog
hooks = crashlog.install(open_after_ms=None)  # as ui.main.run
w = first_window(path)
print("complete", gc.isenabled(), flush=True)
if path is not None:
    loop = QEventLoop()
    w.docs.loadEnded.connect(loop.quit)
    w.docs.load_in_background(path)
    loop.exec()
    app.processEvents()
    assert w.state.report.organ and w.isVisible()
print("ready", gc.isenabled(), gc.get_freeze_count() > 0, flush=True)
print("modules", *sorted(m for m in SPARED if m in sys.modules), flush=True)
print("enums", *sorted(set(built)), flush=True)
import PySide6.QtWidgets
print("loaded", *sorted(n for n in ("QMessageBox", "QInputDialog", "QFileDialog") if n in vars(PySide6.QtWidgets)), flush=True)
maps = "/proc/self/maps"
import os
print("plugins", sum("imageformats" in line for line in open(maps)) if os.path.exists(maps) else "?", flush=True)
print("fonts", *sorted({line.split()[-1].rsplit("/", 1)[-1] for line in open(maps) if line.rstrip().endswith((".ttf", ".ttc", ".otf"))}) if os.path.exists(maps) else "?", flush=True)
"""


def _start(tmp_path: Path, with_report: bool = True) -> list[str]:
    """``with_report``: a copy of the sample (another window of this test run may hold the
    sample itself open, and a second editor would ask before opening it)."""
    args = []
    if with_report:
        copy = tmp_path / SAMPLE.name
        shutil.copyfile(SAMPLE, copy)
        args.append(str(copy))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), NIANBAO_CACHE_DIR=str(tmp_path / "cache"))
    done = subprocess.run([sys.executable, "-c", _START % (SPARED,), *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines()
            if line.startswith(("complete", "ready", "modules", "enums", "loaded", "plugins", "fonts"))]


def test_the_garbage_collector_waits_until_the_window_holds_the_report(tmp_path: Path) -> None:
    assert _start(tmp_path)[:2] == ["complete False", "ready True True"]


def test_a_start_with_a_report_imports_none_of_what_it_can_do_without(tmp_path: Path) -> None:
    assert _start(tmp_path)[2] == "modules"


def test_a_start_with_a_report_meets_no_class_it_does_not_use(tmp_path: Path) -> None:
    """A widget Qt made (a view's viewport) handed to Python is looked up across every QtWidgets
    class, building dialogs' and wizards' enums (~15 ms of the start): the start asks for none."""
    built = set(_start(tmp_path)[3].split()[1:])
    assert "AlignmentFlag" in built  # the spy works: the Qt namespace is built by any window
    assert built & {"WizardButton", "DialogLabel", "InputDialogOption", "ColorDialogOption", "SliderAction"} == set()


def test_a_start_with_a_report_loads_no_dialog_class(tmp_path: Path) -> None:
    """Message boxes, input and file dialogs come when first asked (their enums cost the start)."""
    assert _start(tmp_path)[4] == "loaded"


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="the loaded libraries are read from /proc")
def test_a_start_with_a_report_loads_no_image_format_plugin(tmp_path: Path) -> None:
    """Qt 6.9's Fusion names four of its dock float icon's images otherwise than it asks for
    them; each name not found loaded all ten image format plugins (~6 ms of the start)."""
    assert _start(tmp_path)[5] == "plugins 0"


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="the font files opened are read from /proc")
def test_a_start_with_a_report_opens_only_the_windows_own_font_faces(tmp_path: Path) -> None:
    """The window's text is in its UI family, regular and bold: two faces at most (one where the
    family has a single file).  The 导出PDF icon's letters were text in Sans Serif bold, a third
    face matched and loaded at every start (~0.8 ms); they are strokes now."""
    fonts = _start(tmp_path)[6].split()
    assert fonts[0] == "fonts" and 1 <= len(fonts[1:]) <= 2, fonts


def test_without_a_file_the_collector_is_back_once_the_window_is_complete(tmp_path: Path) -> None:
    assert _start(tmp_path, with_report=False)[:2] == ["complete True", "ready True True"]


def test_the_collector_is_held_and_released_once() -> None:
    """In this process nothing holds it: releasing changes nothing (tests' windows complete freely)."""
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    collector.release()
    assert gc.isenabled() and gc.get_freeze_count() == frozen


@pytest.mark.parametrize(("old", "new"), [([], []), ([], ["a", "b"]), (["a", "b"], []), (["a", "b", "c"], ["b", "c", "d"])])
def test_the_findings_list_changes_as_difflib_says(old: list[str], new: list[str]) -> None:
    """The first and last lists without difflib (the start does without it), the same opcodes."""
    from difflib import SequenceMatcher

    assert list(_opcodes(old, new)) == SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


def _start_window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[MainWindow, Path, list[tuple[bool, str]]]:
    """A start with a file its child is reading (app.prefetch said so), as ui.main.run makes it;
    each time the window is shown: (its pages rather than 正在打开, the title)."""
    from app import prefetch
    from ui.main import first_window

    copy = tmp_path / SAMPLE.name
    shutil.copyfile(SAMPLE, copy)
    monkeypatch.setattr(prefetch, "pending", lambda: True)  # no child here: take() says read it yourself
    window = first_window(copy, (1000, 700), tmp_path / "autosave")
    qtbot.addWidget(window)
    shown: list[tuple[bool, str]] = []
    real_show = window.show

    def show() -> None:
        shown.append((window.central.currentWidget() is window.splitter, window.windowTitle()))
        real_show()

    window.show = show  # type: ignore[method-assign]
    return window, copy, shown


def test_a_prefetched_start_shows_its_window_once_with_the_report_in_it(qtbot: QtBot, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.main

    monkeypatch.setattr(ui.main, "REVEAL_LIMIT_MS", 20_000)  # however loaded the machine running the tests
    window, copy, shown = _start_window(qtbot, tmp_path, monkeypatch)
    assert not window.isVisible() and window.completed
    assert not window.state.checked  # the blank report it replaces is never shown, nor checked
    window.docs.load_in_background(copy)
    qtbot.waitUntil(lambda: window.docs.loading is None and window.isVisible(), timeout=10000)
    assert shown == [(True, shown[0][1])] and copy.name in shown[0][1]  # once, with the report's pages
    assert window.task_page is None  # 正在打开 never built, never shown
    assert window.state.report.organ and window.state.findings
    assert window.act_save.isEnabled() and window.dock.isVisible()  # nothing left paused
    assert window.nav.hasFocus() or QApplication.focusWidget() in (None, window.nav)  # not the findings list



def test_the_first_window_measures_each_finding_once(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The findings list, taller than its dock, was laid out at the full width, then again once
    its scroll bar showed: every finding's wrapped texts measured twice before the first paint.
    Measured at the width the list will have, each is measured once (FindingDelegate)."""
    import ui.main

    monkeypatch.setattr(ui.main, "REVEAL_LIMIT_MS", 20_000)
    window, copy, _shown = _start_window(qtbot, tmp_path, monkeypatch)
    window.resize(1000, 420)  # short enough for the scroll bar, whatever the sample's findings
    window.docs.load_in_background(copy)
    qtbot.waitUntil(lambda: window.docs.loading is None and window.isVisible(), timeout=10000)
    view = window.findings.view
    assert view.verticalScrollBar().isVisible()
    widths = {width for width, _texts in window.findings.delegate._sizes}
    assert widths == {view.viewport().width() - 38}, "measured at the list's width alone"
    assert len(window.findings.delegate._sizes) == window.findings.proxy.rowCount()

def test_a_slow_prefetched_start_shows_opening_after_the_limit(qtbot: QtBot, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from app import reading
    from ui.main import REVEAL_LIMIT_MS

    quick = reading.load_report

    def load_report(path: Path, **kwargs: object) -> object:  # a big file
        time.sleep(0.6)
        return quick(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reading, "load_report", load_report)
    window, copy, shown = _start_window(qtbot, tmp_path, monkeypatch)
    started = time.monotonic()  # the limit counts from the window complete, not from its making
    window.docs.load_in_background(copy)
    qtbot.waitUntil(window.isVisible, timeout=5000)
    assert time.monotonic() - started >= REVEAL_LIMIT_MS / 1000 * 0.9
    assert shown == [(False, shown[0][1])]  # 正在打开, with its 取消
    assert window.task_page is not None and copy.name in window.task_page.label.text()
    assert window.central.currentWidget() is window.task_page and not window.act_save.isEnabled()
    assert window.task_page.cancel_button.isVisible()
    qtbot.waitUntil(lambda: window.docs.loading is None, timeout=10000)
    assert window.central.currentWidget() is window.splitter and window.state.report.organ
    assert len(shown) == 1 and window.act_save.isEnabled()


def test_the_limit_counts_from_the_window_complete(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a busy PC building the window alone can outlast the limit: the report read meanwhile
    must still come in the first frame, not after a moment of 正在打开."""
    import time

    import ui.main
    from app import reading

    monkeypatch.setattr(ui.main, "REVEAL_LIMIT_MS", 1000)
    built = reading.load_report(SAMPLE)
    monkeypatch.setattr(reading, "load_report", lambda path, **kwargs: built)  # read at once
    complete = MainWindow.complete

    def slow_complete(self: MainWindow) -> None:
        time.sleep(1.5)  # longer than the limit
        complete(self)

    monkeypatch.setattr(MainWindow, "complete", slow_complete)
    window, copy, shown = _start_window(qtbot, tmp_path, monkeypatch)
    window.docs.load_in_background(copy)
    qtbot.waitUntil(lambda: window.docs.loading is None and window.isVisible(), timeout=10000)
    assert [pages for pages, _title in shown] == [True] and window.task_page is None


def test_the_window_is_built_in_a_font_of_installed_families_only(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A family not installed first in the application's font (Microsoft YaHei UI off Windows)
    sent each size and weight of the window's text through a failed match and fontconfig's
    fallback sort before the family found (~7 M instructions of the start): once the font list
    is read, the font names the installed families alone, in UI_FAMILIES' order."""
    from PySide6.QtGui import QFontDatabase

    import ui.main
    from ui.appsetup import UI_FAMILIES, ui_font

    monkeypatch.setattr(ui.main, "REVEAL_LIMIT_MS", 20_000)
    before = QApplication.font()
    QApplication.setFont(ui_font())  # as ui.main.create_application (the tests' application has Qt's)
    try:
        window, _copy, _shown = _start_window(qtbot, tmp_path, monkeypatch)
        installed = {family.casefold() for family in QFontDatabase.families()}
        assert window.nav.font().families() == [f for f in UI_FAMILIES if f.casefold() in installed]
    finally:
        QApplication.setFont(before)  # the other tests' windows as they were


def test_the_first_page_fills_its_fields_once_while_the_window_is_built(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """基本信息 filled its fields at its build and again when the window gave it its 开始 buttons
    (~1.3 ms of the first window's CPU): the buttons change only whether 开始 shows.  At a start
    with a file, the blank report it replaces is never shown: its 开始 buttons and the findings
    panel's “✓ 未发现问题” are neither made visible nor laid out (an 11 pt font and its glyphs);
    a blank start shows 开始 at once, and the file's report never shows it."""
    import ui.main
    from ui.pages import BASIC_INFO, BasicInfoPage

    calls: list[BasicInfoPage] = []
    real = BasicInfoPage.refresh

    def refresh(page: BasicInfoPage) -> None:
        calls.append(page)
        real(page)

    monkeypatch.setattr(BasicInfoPage, "refresh", refresh)
    monkeypatch.setattr(ui.main, "REVEAL_LIMIT_MS", 20_000)
    window, copy, _shown = _start_window(qtbot, tmp_path, monkeypatch)
    assert len(calls) == 1
    page = calls[0]
    assert page.start.isHidden() and page.start_bar.isEmpty()  # the blank report a file replaces
    assert window.findings.empty.isHidden()  # nor its “✓ 未发现问题” (it was never checked)
    window.docs.load_in_background(copy)
    qtbot.waitUntil(lambda: window.docs.loading is None and window.isVisible(), timeout=10000)
    assert page.start.isHidden() and page.start_bar.isEmpty()  # the file's report: never 开始

    from ui.main import first_window

    blank = first_window(None, (1000, 700), tmp_path / "autosave-blank")
    qtbot.addWidget(blank)
    start = blank.page(BASIC_INFO).start  # type: ignore[attr-defined]
    assert not start.isHidden() and len(start.findChildren(QToolButton)) == 2  # a blank start: 开始 at once
