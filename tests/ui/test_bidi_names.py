"""A file whose name holds a right-to-left override (U+202E) or right-to-left letters: the
name's direction spilled over the rest of the message, “…：不是 Word 文档（.docx），无法读取”
drawn backwards as “取读法无，（xcod.）档文 droW 是不…”.  The name is isolated now (FSI … PDI,
app/bidichars.py ``isolated``) in the one read-error message (打开, in the background, a recent
or dropped file, the last-year tools) and in the window's title; the message is drawn in order."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QTextLayout

from tests.conftest import SAMPLE
from tests.ui.conftest import read_through

NAMES = ["报告\u202ecod.exe.docx", "报告\u202bعربي.docx", "تقرير 2023.docx"]


@pytest.mark.parametrize("name", NAMES)
def test_the_read_error_keeps_the_names_direction_inside_it(window, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes("这不是一个Word文件".encode())
    assert not window.docs.load(path)
    assert len(window.errors) == 1
    said = window.errors[0]
    assert f"\u2068{path}\u2069：" in said, said
    window.year_tools.last.attach(path)  # the last-year tools say it the same way
    read_through(window)
    assert len(window.errors) == 2 and f"\u2068{path}\u2069：" in window.errors[1]


def test_the_window_title_isolates_the_name(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / NAMES[0]
    path.write_bytes(SAMPLE.read_bytes())
    assert window.docs.load(path)
    assert f"\u2068{NAMES[0]}\u2069" in window.windowTitle()


def drawn_in_order(name: str) -> bool:
    """Whether the message's words after ``name`` are laid out left to right, as Qt lays out the
    message box's text (each character's place on the line, by QTextLayout)."""
    tail = "：不是 Word 文档（.docx），无法读取"
    layout = QTextLayout(name + tail, QFont())
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(10_000)
    layout.endLayout()
    places = [line.cursorToX(len(name) + i)[0] for i in range(len(tail) + 1)]
    return all(a < b for a, b in itertools.pairwise(places))


def test_the_message_after_the_name_is_laid_out_in_order(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The words after the isolated name run left to right; after the bare name they ran backwards."""
    from app.bidichars import isolated

    for name in NAMES:
        assert drawn_in_order(isolated(name)), name
    assert not drawn_in_order(NAMES[0])  # the class: the bare override turns them round
    assert drawn_in_order("报告.docx")


# Names whose own isolate controls undid the isolation: a stray PDI closed ours early, a leading
# FSI…PDI passed for “isolated already” (30d697f), an isolate left open took our PDI.
CRAFTED = ["\u2068x\u2069\u202ecod.exe.docx\u2069", "报告\u2069\u202ecod.exe.docx", "\u2068a\u2069\u202eb\u2068c\u2069",
           "\u2067\u202ecod.exe.docx"]


@pytest.mark.parametrize("name", CRAFTED)
def test_a_names_own_isolates_do_not_undo_its_isolation(qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    from app.bidichars import isolated

    assert not drawn_in_order(name)  # bare, the override spills over the message
    shown = isolated(name)
    assert drawn_in_order(shown), ascii(shown)
    assert isolated(shown) == shown  # passed on, isolated once


def test_the_status_bar_isolates_a_crafted_name(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / CRAFTED[0]
    path.write_bytes(SAMPLE.read_bytes())
    assert window.docs.load(path)
    message = window.statusBar().currentMessage()
    assert drawn_in_order(message[:message.index("（")]), ascii(message)


@pytest.mark.parametrize("name", NAMES[:2])
def test_the_status_bar_isolates_the_name(window, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    """“已打开 <name>（由其他软件生成：保存时会先询问保存位置）”: after a bare override the note ran
    backwards in the status bar, as the read error did; so did the file label's tooltip."""
    path = tmp_path / name
    path.write_bytes(SAMPLE.read_bytes())
    assert window.docs.load(path)
    message = window.statusBar().currentMessage()
    assert f"\u2068{name}\u2069（" in message, message
    assert drawn_in_order(message[:message.index("\u2069") + 1]), message
    assert f"\u2068{path}\u2069；" in window.file_label.toolTip()


def test_the_opening_title_and_its_cancel_isolate_the_name(window) -> None:  # type: ignore[no-untyped-def]
    """正在打开 <name> - 年报编辑器 as the title while a file is read, and 已取消打开 <name>."""
    window.show_opening(NAMES[0])
    window.show_opening(NAMES[0])  # (shown again when the window is revealed: isolated once)
    assert window._opening_name == f"\u2068{NAMES[0]}\u2069"
    assert f"\u2068{NAMES[0]}\u2069 - " in window.windowTitle()
