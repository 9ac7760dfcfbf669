"""Text a reader makes from a definition stored once and used many times — a list level's text
(numbering.xml), a style rule's generated content and counters() (a saved web page), a content
control's bound value (customXml) — bounded per file.

The size caps of app/limits.py see the file's parts, not what they expand to: a 19 KB .docx
whose list level repeats “%1” fifty thousand times, a 45 KB page whose ``::before`` adds a
200,000-character string to every paragraph, 20,000 controls bound to one 100,000-character
value made gigabytes of text and were killed for their memory (rev26h N1, C1, B1).  A real
report makes some kilobytes this way: labels of a few characters, a counter's number, a form's
fields.  Past the budget the file is refused with one line, as the caps refuse."""

from __future__ import annotations

from app.errors import ReadError

# Characters one file's definitions may make together: a report's whole text is tens of
# thousands; a page numbering every paragraph and cell of a long annex makes some hundred thousand.
MAX_MADE_CHARS = 2_000_000
# One list label Word shows (“（二十三）”, “1.2.3.”, “第十二条”): a longer one is no label anyone
# wrote, and is cut (the paragraph's own text is read in full).
MAX_LIST_LABEL_CHARS = 100
# One list level's text as stored (lvlText): Word's own levels are “%1、”, “（%1）”, “%1.%2.”.
MAX_LEVEL_TEXT_CHARS = 255

TOO_MUCH = ("文件中由列表编号、样式或数据绑定自动生成的文字过多（超过200万字），年报不会这样，"
            "文件可能已损坏或是恶意构造，未读取")


class Budget:
    """What is left of one file's ``MAX_MADE_CHARS``: each made text is spent as it is made."""

    def __init__(self, limit: int = MAX_MADE_CHARS) -> None:
        self.left = limit

    def spend(self, text: str) -> str:
        """``text``, counted; ReadError once the file's made text passes the budget."""
        self.left -= len(text)
        if self.left < 0:
            raise ReadError(TOO_MUCH)
        return text
