"""Text pasted from a web page keeps no link's underline (from the GUI tester: a government
site's 链接 and Word's footnote mark [1] came in underlined, and were saved so); an underline
the page itself set stays, as bold and italic do."""

from __future__ import annotations

from tests.ui.test_paste_links_underlined import first_pasted
from ui.main_window import MainWindow

PAGE = ('<p>详见<a href="http://www.gov.cn/zhengce/">政府信息公开专栏</a>，另有<u>重点</u>'
        '与<a href="#x" style="text-decoration:underline">标注</a>。脚注<a href="#_ftn1">[1]</a></p>')


def test_links_come_in_as_plain_text_and_set_underlines_stay(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    first = first_pasted(window, qtbot, PAGE, "详见政府信息公开专栏，另有重点与标注。脚注[1]")
    assert first.text.startswith("详见政府信息公开专栏，另有重点与标注。脚注[1]")
    underlined = {r.text for r in first.runs if r.underline}
    assert underlined == {"重点", "标注"}
