"""Where a body pasted twice starts again, said so the writer can find it: the second
“一、总体情况” (Ctrl+F finds it in Word, WPS or Notepad), never a paragraph number no program
shows — the same report said 第26段 opened as .docx and 第27段 as .txt (tables counted as
paragraphs, blank lines not), and Word numbers neither."""

from __future__ import annotations

from app.findings import DUP_BODY
from tests.conftest import SAMPLE
from tests.hostile_base import SAMPLE_TXT
from tests.ui.conftest import read_through
from ui.main_window import MainWindow


def _said(window: MainWindow) -> list[str]:
    return [f.message for f in window.state.findings if f.declared is DUP_BODY]


def test_the_second_copy_is_placed_by_its_heading(window: MainWindow) -> None:
    said = []
    for path in (SAMPLE, SAMPLE_TXT):
        assert window.docs.load(path)
        read_through(window)
        (message,) = _said(window)
        said.append(message)
    assert said[0] == said[1], "the same report in two formats: the same words"
    assert said[0].startswith("正文从第2个“一、总体情况”起又重复了一遍"), said[0]
    assert "段“一、总体情况”" not in said[0]
