"""The editor beside Word/WPS on Windows, with Windows' errors faked on Linux: saving over a
file Word holds open (winerror 32) says so and goes on to 另存为, losing nothing; opening Word's
owner file says what it is; the recent list never offers one; names proposed from a title or
beside another program's file are names Windows takes; drive and UNC paths in the recent list
survive a relaunch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

import app.io as app_io
import app.reading as app_reading
from app import names
from app.schema import T3_CARRIED_IN, T3_COL_NATURAL, CellRef
from tests.test_windows_io import owner_file, windows_error
from tests.ui.conftest import SAMPLE, table, type_into
from ui import recent
from ui.documents import backup_path
from ui.main_window import MainWindow

CELL = CellRef("三", T3_CARRIED_IN, T3_COL_NATURAL)


@pytest.fixture
def own_copy(tmp_path: Path) -> Path:
    path = tmp_path / "报告.docx"
    app_io.save_report(app_reading.load_report(SAMPLE), path)
    return path


def test_saving_over_a_file_word_holds_says_so_and_offers_save_as(window, qtbot, own_copy, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(app_io.time, "sleep", lambda _s: None)
    assert window.docs.load(own_copy)
    original = own_copy.read_bytes()
    type_into(qtbot, table(window, "三"), (CELL.row, CELL.col), "2")
    assert window.docs.autosave()
    recovery = window.docs.autosave_file
    real = app_io.os.replace

    def held_by_word(src: object, dst: object) -> None:
        if Path(str(dst)) == own_copy:
            raise windows_error(32)
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(app_io.os, "replace", held_by_word)
    asked: list[int] = []
    window.docs.ask_save_path = lambda: asked.append(1) or ""  # 另存为 offered, then cancelled
    assert not window.docs.save()
    assert len(window.errors) == 1 and asked == [1]
    assert "正在 Word/WPS 中打开（被占用）" in window.errors[0] and "另存为" in window.errors[0]
    assert "只读" not in window.errors[0] and "修改没有丢失" in window.errors[0]
    assert window.isWindowModified() and window.state.report.value(CELL) == 2
    assert own_copy.read_bytes() == original and window.docs.path == own_copy
    assert recovery is not None and recovery.exists(), "the recovery copy stays until a save succeeds"

    other = tmp_path / "报告-另存.docx"
    window.docs.ask_save_path = lambda: str(other)  # the user picks another name this time
    assert window.docs.save()
    assert window.docs.path == other and app_reading.load_report(other).value(CELL) == 2
    assert not window.isWindowModified()


def test_opening_words_owner_file_says_what_it_is(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    owner = owner_file(tmp_path, "~$报告.docx")
    assert not window.docs.load(owner)
    assert len(window.errors) == 1 and "Word/WPS 打开文件时留下的临时文件" in window.errors[0]
    assert "~$" in window.errors[0] and "损坏" not in window.errors[0]
    assert not any(name.endswith("~$报告.docx") for name in window.docs.recent())


def test_the_recent_list_never_offers_leftovers(window, own_copy, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # as an older version may have stored them
    stored = [str(tmp_path / "~$报告.docx"), str(own_copy), str(tmp_path / ".~报告.docx"), str(tmp_path / "~WRL0001.tmp")]
    QSettings().setValue(recent.KEY, json.dumps(stored, ensure_ascii=False))
    assert window.docs.recent() == [str(own_copy)]
    window._fill_recent()
    shown = [a.text() for a in window.recent_menu.actions()]
    assert not any("~$" in t or "~WRL" in t or ".~" in t for t in shown)


def test_drive_and_unc_paths_in_the_recent_list_survive_a_relaunch(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(names, "WINDOWS", True)
    paths = [r"\\server\share\年报\2023\报告.docx", r"Z:\网络盘\年报.docx", r"C:\Users\张三\Documents\报告.docx"]
    first = MainWindow(autosave_dir=tmp_path / "autosave")
    qtbot.addWidget(first)
    for p in reversed(paths):
        first.docs.add_recent(Path(p))
    first.docs.add_recent(Path(r"c:\users\张三\documents\报告.DOCX"))  # the same file, on Windows
    first.docs.write_recent()
    first.close()
    second = MainWindow(autosave_dir=tmp_path / "autosave")  # a relaunch: the settings file read again
    qtbot.addWidget(second)
    assert second.docs.recent() == [r"c:\users\张三\documents\报告.DOCX", *paths[:2]]


def test_names_proposed_from_a_title_are_names_windows_takes(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A new report's 另存为 and export names come from its organ, typed or imported."""
    offered: list[str] = []
    monkeypatch.setattr("ui.filedialogs.get_save_path", lambda _w, _t, start, _f: offered.append(str(start)) or "")
    del window.docs.ask_save_path  # the real one, with the dialog faked
    window.state.report.organ = '某县财政局/国资委:"试点"\n'
    assert not window.docs.save_as()
    assert offered == ['某县财政局／国资委：＂试点＂2021年度政府信息公开工作年度报告.docx'.replace("2021", str(window.state.report.year or ""))]
    assert window.year_tools.excel.output_path(".xlsx").name.startswith("某县财政局／国资委：＂试点＂")


def test_a_report_naming_neither_organ_nor_year_proposes_untitled_names(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """新建's blank report: 另存为, 导出PDF, 发布稿 and the Excel copy offer 未命名报告…, not the
    title's tail alone (“年度政府信息公开工作年度报告.docx”, gui22); with a year the title is used."""
    offered: list[str] = []
    monkeypatch.setattr("ui.filedialogs.get_save_path", lambda _w, _t, start, _f: offered.append(str(start)) or "")
    del window.docs.ask_save_path  # the real one, with the dialog faked
    window.state.report.organ, window.state.report.year = "", None
    assert not window.docs.save_as()
    assert offered == ["未命名报告.docx"]
    assert window.output.default_pdf_path().name == "未命名报告.pdf"
    assert window.output.default_published_path().name == "未命名报告（发布稿）.docx"
    assert window.year_tools.excel.output_path(".xlsx").name == "未命名报告.xlsx"
    window.state.report.year = 2025
    assert window.output.default_pdf_path().name == "2025年度政府信息公开工作年度报告.pdf"


def test_a_foreign_docx_named_in_capitals_is_never_overwritten_by_default(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    foreign = Path(shutil.copy(SAMPLE, tmp_path / "别人的报告.DOCX"))
    assert window.docs.load(foreign)
    assert window.docs.suggested == tmp_path / "别人的报告（修订）.docx", "报告.docx is 报告.DOCX on Windows"
    assert backup_path(tmp_path / ("长" * 84 + ".docx")).name.endswith(".bak.docx")
    assert len(backup_path(tmp_path / ("长" * 84 + ".docx")).name.encode()) <= 255


def test_a_recent_file_on_a_missing_network_drive_is_shown_missing_without_waiting(window, own_copy, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The lookup of a file on a network drive that is gone waits for the network (tens of
    seconds on Windows): never on the UI thread; the menu says so once the lookup answered."""
    import threading

    unreachable = r"\\server\share\年报\报告.docx"
    gone = str(own_copy.parent / "已删除.docx")
    QSettings().setValue(recent.KEY, json.dumps([unreachable, str(own_copy), gone], ensure_ascii=False))
    network = threading.Event()
    looked: list[tuple[str, bool]] = []
    real = names.exists

    def slow_exists(path: str) -> bool:
        looked.append((path, threading.current_thread() is threading.main_thread()))
        if path == unreachable:
            network.wait(30)  # the network's timeout, released by the test
            return False
        return real(path)

    monkeypatch.setattr(names, "exists", slow_exists)
    window._fill_recent()  # while the lookup waits for the “network”
    first = [a.text() for a in window.recent_menu.actions()][:3]
    assert first == [f"&1 {unreachable}", f"&2 {own_copy}", f"&3 {gone}"], "nothing known yet: listed as before"
    qtbot.waitUntil(lambda: bool(looked), timeout=5000)
    network.set()
    qtbot.waitUntil(lambda: len(looked) >= 3 and window.docs.recent_files._probe is not None
                    and not window.docs.recent_files._probe.is_alive(), timeout=5000)
    window._fill_recent()
    texts = [a.text() for a in window.recent_menu.actions()][:3]
    assert texts == [f"&1 {unreachable}（找不到）", f"&2 {own_copy}", f"&3 {gone}（找不到）"]
    assert looked and not any(on_ui for _p, on_ui in looked), "no lookup on the UI thread"
    # the file reappears (the drive reconnected, the file restored): the next look says so
    network.clear()
    Path(gone).write_bytes(own_copy.read_bytes())
    monkeypatch.setattr(names, "exists", real)
    window.docs.recent_files.missing()
    qtbot.waitUntil(lambda: not window.docs.recent_files._probe.is_alive(), timeout=5000)
    window._fill_recent()
    assert [a.text() for a in window.recent_menu.actions()][2] == f"&3 {gone}"
    assert "找不到" in window.recent_menu.actions()[0].text()


def test_the_first_look_happens_by_itself_after_the_start(window, own_copy, qtbot) -> None:  # type: ignore[no-untyped-def]
    gone = str(own_copy.parent / "已删除.docx")
    QSettings().setValue(recent.KEY, json.dumps([gone], ensure_ascii=False))
    second = MainWindow(autosave_dir=own_copy.parent / "autosave")
    qtbot.addWidget(second)
    qtbot.waitUntil(lambda: second.docs.recent_files._probe is not None, timeout=5000)
    qtbot.waitUntil(lambda: not second.docs.recent_files._probe.is_alive(), timeout=5000)
    second._fill_recent()
    assert second.recent_menu.actions()[0].text() == f"&1 {gone}（找不到）", "known at the menu's first opening"
