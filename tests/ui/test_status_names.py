"""A long file name in a status-bar message yields before the message's words.

user29 under Xvfb at 1920×1080, 150 %: 导出发布稿 said “已导出发布稿：…/宁波市北仑区人民政府小港街道办事处202
…含已忽略问题的理由、忽略人的登录名和上年报告等编辑器数据）” — the middle elided out of the name the
program itself suggests (49 characters) took the “（不” with it, and the message said the published
copy CONTAINS the dismissal reasons and login names.  The folders went first already; now a long
name is shortened in its middle (its start and extension kept) before the message is.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import SAMPLE
from ui.main_window import MainWindow
from ui.output import PUBLISHED_NOTE

FOLDER = "/home/张三/文档/2023年度政务公开/年报/"
REPORT = "宁波市北仑区人民政府小港街道办事处2022年度政府信息公开工作年度报告"  # the name the program suggests
NAME = f"{REPORT}（发布稿）.docx"


def _open_report(window: MainWindow, tmp_path: Path) -> Path:
    """The report open as the user had it: its path in the status bar beside the message."""
    folder = tmp_path / "2023年度政务公开" / "年报"
    folder.mkdir(parents=True)
    path = folder / f"{REPORT}.docx"
    shutil.copyfile(SAMPLE, path)
    assert window.docs.load(path)
    return folder


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])  # 1366×768 at 100 %, 1920×1080 at 150 %
def test_the_published_copys_note_is_never_cut(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                              size: tuple[int, int]) -> None:
    folder = _open_report(window, tmp_path)
    window.resize(*size)
    message = f"已导出发布稿：{folder / NAME}（{PUBLISHED_NOTE}）"
    window.show_message(message)
    qtbot.wait(50)  # laid out
    bar = window.statusBar()
    shown = bar.shown_message()
    assert bar.currentMessage() == message == bar.toolTip()
    assert shown.endswith(f"（{PUBLISHED_NOTE}）"), shown
    assert shown.startswith("已导出发布稿：…/宁波市") and ".docx（不含" in shown, shown
    assert bar.fontMetrics().horizontalAdvance(shown) <= bar.message_rect().width()


def test_a_short_name_stays_whole(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    _open_report(window, tmp_path)
    window.resize(1024, 768)
    message = f"已保存到 {FOLDER}01-某某镇.docx；表二“规章”行“本年制发件数”列输入的“已电话核实”未填入表格"
    window.show_message(message)
    qtbot.wait(50)
    shown = window.statusBar().shown_message()
    assert "01-某某镇.docx" in shown and shown.endswith("未填入表格"), shown
