"""最近打开的文件 with a file deep in folders (from the GUI tester: a 1,250-character path made
the menu as wide as the screen, over the 文件 menu, its end — the file's name and （找不到）— cut
off at the screen's edge) and a name with “&” (Qt took it for the menu's key letter)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QSettings

from ui import recent
from ui.main_window import MainWindow

FOLDER = "很长的文件夹名称" * 10


def _deep(tmp_path: Path) -> Path:
    folder = tmp_path.joinpath(*(f"{i}{FOLDER}" for i in range(6)))
    folder.mkdir(parents=True)
    path = folder / ("很长的文件名" * 8 + "小港2023年报.docx")
    path.write_bytes(b"")
    return path


def _shown(window: MainWindow) -> list[str]:
    window._fill_recent()
    return [a.text() for a in window.recent_menu.actions()]


def test_a_long_path_keeps_the_menu_on_the_screen_and_its_name_readable(window: MainWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    deep = _deep(tmp_path)
    gone = deep.with_name("已删除" + deep.name)  # listed, not there
    QSettings().setValue(recent.KEY, json.dumps([str(deep), str(gone)], ensure_ascii=False))
    # looked for in the background (ui/recent.py): asked until the look has found it gone
    qtbot.waitUntil(lambda: str(gone) in window.docs.recent_files.missing(), timeout=5000)
    first, second = _shown(window)[:2]
    screen = window.screen().availableGeometry().width()
    assert window.recent_menu.sizeHint().width() < screen, "the menu fits on the screen"
    assert first.startswith("&1 /") and "…" in first
    assert first.endswith("小港2023年报.docx"), "the name's end stays in sight"
    assert second.endswith("小港2023年报.docx（找不到）")
    actions = window.recent_menu.actions()
    assert [actions[0].toolTip(), actions[1].toolTip()] == [str(deep), str(gone)], "the whole path"
    assert window.recent_menu.toolTipsVisible()


def test_a_short_path_is_shown_whole_and_an_ampersand_as_itself(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "A&B 街道.docx"
    path.write_bytes(b"")  # there: no （找不到）, however far the background look has gone
    QSettings().setValue(recent.KEY, json.dumps([str(path)], ensure_ascii=False))
    assert _shown(window)[0] == f"&1 {tmp_path}/A&&B 街道.docx"  # drawn “A&B”, no key letter


def test_a_damaged_setting_is_no_recent_files(window: MainWindow, tmp_path: Path) -> None:
    """The settings file edited or damaged into nested JSON (RecursionError at every start, the
    class of rev23 M5) or JSON of another shape: no recent files, and the menu still fills."""
    for value in ("[" * 60_000, "[" * 900 + "]" * 900, '{"a": 1}', "[1, null, \"\"]"):
        QSettings().setValue(recent.KEY, value)
        assert recent.stored() == [], value[:20]
        assert not any(t.startswith("&1") for t in _shown(window)), "no file listed, the menu filled"
    kept = tmp_path / "年报.docx"
    kept.write_bytes(b"")
    QSettings().setValue(recent.KEY, json.dumps([str(kept)], ensure_ascii=False))
    assert recent.stored() == [str(kept)]


def test_an_entry_not_found_asks_to_be_taken_off_the_list(window: MainWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """rev24c M2: the menu's （找不到） entry answered only “…文件不存在”, and stayed for ever."""
    kept = tmp_path / "本年.docx"
    kept.write_bytes(b"")
    gone = tmp_path / "已删除的上年报告.docx"
    QSettings().setValue(recent.KEY, json.dumps([str(gone), str(kept)], ensure_ascii=False))
    qtbot.waitUntil(lambda: str(gone) in window.docs.recent_files.missing(), timeout=5000)
    asked: list[str] = []
    errors: list[str] = []
    window.docs.show_error = lambda title, text: errors.append(text)  # type: ignore[method-assign]
    window.docs.ask_forget_recent = lambda name: asked.append(name) or False  # type: ignore[method-assign]
    _shown(window)
    window.recent_menu.actions()[0].trigger()
    assert asked == [str(gone)] and errors == [], "asked once, no error box"
    assert str(gone) in window.docs.recent(), "保留: still listed"
    window.docs.ask_forget_recent = lambda name: asked.append(name) or True  # type: ignore[method-assign]
    _shown(window)
    window.recent_menu.actions()[0].trigger()
    assert str(gone) not in window.docs.recent() and recent.stored() == [str(kept)], "删去: off the list, in the settings"
    gone.write_bytes(b"")  # put back (a USB stick again): opened, not asked
    QSettings().setValue(recent.KEY, json.dumps([str(gone)], ensure_ascii=False))
    opened: list[str] = []
    window.docs.open = lambda path=None: opened.append(str(path)) or True  # type: ignore[method-assign,misc]
    assert window.docs.open_recent(str(gone)) and opened == [str(gone)] and len(asked) == 2
