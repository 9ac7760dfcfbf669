"""The application's font keeps a family the system lists with its foundry (fontconfig's
“Noto Sans CJK SC [GOOG]”), as the printing's fonts do (ui/fontnames.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.test_start_ui import _start_window
from ui.appsetup import installed_families


def test_installed_families_read_a_foundry_listing_as_its_family() -> None:
    listed = ["Noto Sans CJK SC [GOOG]", "Noto Sans CJK SC [ADBE]", "wenquanyi micro hei", "Sans Serif [Foundry] [X]"]
    assert installed_families(listed) == ["Noto Sans CJK SC", "WenQuanYi Micro Hei"]


def test_a_family_the_font_list_gives_with_its_foundry_is_kept(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """fontconfig lists a family several foundries make once per foundry, “Noto Sans CJK SC
    [GOOG]”, never bare: such a family was taken for not installed and left out of the font."""
    from PySide6.QtGui import QFontDatabase

    import ui.main
    from ui.appsetup import UI_FAMILIES, ui_font

    real = QFontDatabase.families()
    installed = {family.casefold() for family in real}
    monkeypatch.setattr(QFontDatabase, "families", staticmethod(lambda *args: [f"{f} [GOOG]" for f in real]))
    monkeypatch.setattr(ui.main, "REVEAL_LIMIT_MS", 20_000)
    before = QApplication.font()
    QApplication.setFont(ui_font())
    try:
        window, _copy, _shown = _start_window(qtbot, tmp_path, monkeypatch)
        kept = [f for f in UI_FAMILIES if f.casefold() in installed]
        assert kept and window.nav.font().families() == kept
    finally:
        QApplication.setFont(before)
