"""A font installed while the program runs counts at the next export.

The program tells a user with no Chinese font 请先安装中文字体; the fonts of each role were worked
out once a process, so a user who then installed the official 仿宋_GB2312 and exported again in
the same session still printed in the font found first, until a restart (rev18 L11).  Qt says
fontDatabaseChanged when its font database changes (an application font added; on Windows, a
font installed: WM_FONTCHANGE)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from pytestqt.qtbot import QtBot

from ui import print_fonts
from ui.print_fonts import Role


def test_a_font_installed_later_is_used_at_the_next_export(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    print_fonts.families.cache_clear()
    print_fonts.installed.cache_clear()
    have = [name for name in QFontDatabase.families() if name != "仿宋_GB2312"]
    monkeypatch.setattr(QFontDatabase, "families", staticmethod(lambda *args: have))
    monkeypatch.setattr(QFontDatabase, "hasFamily", staticmethod(lambda name: name in have))
    assert print_fonts.families(Role.BODY)[0] != "仿宋_GB2312"
    assert print_fonts.installed(Role.BODY) != "仿宋_GB2312"
    have.append("仿宋_GB2312")  # the user installs the official font
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    app.fontDatabaseChanged.emit()
    assert print_fonts.families(Role.BODY)[0] == "仿宋_GB2312"
    assert print_fonts.installed(Role.BODY) == "仿宋_GB2312"
    print_fonts.families.cache_clear()
    print_fonts.installed.cache_clear()


def test_the_title_weight_follows_the_font_that_prints(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """``installed`` is the family ``families`` puts first, read from the names the database lists:
    a name fontconfig only aliases (hasFamily says yes: an alias rule maps 方正小标宋简体 to some
    other font) is not taken for the heavy title font, so the title is still set bold."""
    print_fonts.families.cache_clear()
    print_fonts.installed.cache_clear()
    monkeypatch.setattr(QFontDatabase, "hasFamily", staticmethod(lambda name: True))
    try:
        title = print_fonts.installed(Role.TITLE)
        assert title == print_fonts.families(Role.TITLE)[0]
        listed = {name.casefold() for name in QFontDatabase.families()}
        assert title is not None and title.casefold() in listed
        heavy = title in print_fonts.CHAINS[Role.TITLE][:6]  # a 方正小标宋 really listed
        want = QFont.Weight.Normal if heavy else QFont.Weight.Bold
        assert print_fonts.font(Role.TITLE, 22).weight() == want
    finally:
        print_fonts.families.cache_clear()
        print_fonts.installed.cache_clear()
