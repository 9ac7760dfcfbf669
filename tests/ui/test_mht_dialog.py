"""The 打开 dialog offers single-file web pages (.mht/.mhtml), which are read (app/webmht.py)."""

from __future__ import annotations

from ui.filedialogs import OPEN_FILTER, READABLE


def test_the_open_dialog_lists_single_file_pages() -> None:
    assert {"*.mht", "*.mhtml"} <= set(READABLE)
    all_reports, *_, web, _ = OPEN_FILTER.split(";;")
    assert "*.mht" in all_reports and "*.mhtml" in web
