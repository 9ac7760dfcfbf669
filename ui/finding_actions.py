"""What a finding offers besides its Fix: go to the other copy of a duplicate, delete this copy,
delete a stutter's repeated word, and go between a sentence and the table cells it contradicts.

The findings panel, the narrative pane's context menu and the grid's context menu all offer
the same commands from here.  An edit is one undo step on the shared stack; it acts on the
text as it is now (what was typed is synced and checked first), and a finding that no longer
holds does nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.findings import DUP_PARAGRAPH, DUP_PHRASE, Finding, Location, Span
from ui.state import EditorState

if TYPE_CHECKING:  # Qt's text classes are loaded when text is edited, not at start-up
    from PySide6.QtGui import QTextCursor, QTextDocument

DUPLICATE = DUP_PARAGRAPH.code
STUTTER = DUP_PHRASE.code
_CLAUSE_SEPARATORS = "，、,"  # between the two copies of a repeated clause


@dataclass(frozen=True)
class FindingCommand:
    """A command offered on a finding (in the panel's menu and buttons)."""

    name: str  # stable: "other", "delete-copy", "delete-repeat", "table", "text"
    label: str
    tip: str
    run: Callable[[], object]


def commands(state: EditorState, finding: Finding, here: str = "") -> list[FindingCommand]:
    """The commands that apply to ``finding``; ``here`` ("text" or "table") leaves out going
    to the side the user is already on."""
    loc, span = finding.location, finding.location.span
    out: list[FindingCommand] = []
    if finding.code == DUPLICATE and span is not None and loc.others:
        other = loc.others[0]
        out.append(FindingCommand("other", "转到另一处", f"选中重复的另一处（{other.describe()}）",
                                  lambda: state.show_location(other)))
        out.append(FindingCommand("delete-copy", "删除此处重复", "删除这一处重复的文字，保留另一处（可撤销）",
                                  lambda: delete_copy(state, finding)))
    if finding.code == STUTTER and span is not None and repeat_length(_span_text(state, loc, span)):
        out.append(FindingCommand("delete-repeat", "删除重复字词", "删去多打的一遍，只保留一遍（可撤销）",
                                  lambda: delete_repeat(state, finding)))
    if span is not None and loc.cells:
        cells = Location(loc.cells[0].table, cells=loc.cells)
        text = Location(loc.section, span=span)
        if here != "table":
            out.append(FindingCommand("table", f"转到表{loc.cells[0].table}", f"选中表格中的对应单元格：{cells.describe()}",
                                      lambda: state.show_location(cells)))
        if here != "text":
            out.append(FindingCommand("text", "转到正文", f"选中正文中的这句话：{text.describe()}",
                                      lambda: state.show_location(text)))
    return out


REVIEW = "在检查结果中查看"


def review_command(state: EditorState, finding: Finding) -> FindingCommand:
    """From a cell's or a passage's menu to its finding chosen in the list, where 忽略此问题…
    and its other commands are: a finding without a fix (表三收支不平衡) offered nothing there,
    and the list did not follow the cell (user29).  Named by the finding's title, as a cell can
    have several."""
    return FindingCommand("review", f"{REVIEW}：{finding.declared.title}", "在右侧检查结果中选中这条问题（可在那里忽略此问题）",
                          lambda: state.review(finding))


def repeat_length(text: str) -> int:
    """How much of a stutter's span to delete so the unit stays once: “政府政府” → 2,
    “做好公开，做好公开” → 5 (the comma and the second copy); 0 if it is not a plain repeat."""
    for k in range(1, len(text) // 2 + 1):
        unit, rest = text[:k], text[k:]
        if rest == unit or (rest[:1] in _CLAUSE_SEPARATORS and rest[1:] == unit):
            return len(rest)
    return 0


def delete_copy(state: EditorState, finding: Finding) -> bool:
    """删除此处重复: this copy's text goes; a paragraph that was only this copy goes whole."""
    return _when_current(state, finding, _delete_copy)


def _delete_copy(state: EditorState, current: Finding) -> bool:
    if current.location.span is None:
        return False
    from app.checks.text import is_copy  # the checks load in the background, not with the window

    if not is_copy(state.report, current.location):
        return False  # never delete text that is not written again elsewhere
    span, key = current.location.span, current.location.section
    bounds = _paragraph_or_span(state.document(key), span)
    if bounds is None:
        return False
    state.edit_text(key, "删除重复", lambda cursor: _remove(cursor, *bounds))
    return True


def delete_repeat(state: EditorState, finding: Finding) -> bool:
    """删除重复字词: the repeated unit once (the end of the span)."""
    return _when_current(state, finding, _delete_repeat)


def _delete_repeat(state: EditorState, current: Finding) -> bool:
    if current.location.span is None:
        return False
    span, key = current.location.span, current.location.section
    n = repeat_length(_span_text(state, current.location, span))
    from ui import longpara  # Qt's text classes: not on the start's path

    end = longpara.doc_position(state.document(key), span.paragraph, span.end)
    if not n or end is None:
        return False
    state.edit_text(key, "删除重复字词", lambda cursor: _remove(cursor, end - n, end))
    return True


def _remove(cursor: QTextCursor, start: int, end: int) -> None:
    from PySide6.QtGui import QTextCursor

    from ui import longpara

    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    longpara.remove_selection(cursor)  # a long paragraph's blocks: its break and kind kept


def _paragraph_or_span(doc: QTextDocument, span: Span) -> tuple[int, int] | None:
    """Document positions to delete: the span, or its whole paragraphs (with one paragraph
    break) when nothing but white space is left around it."""
    from ui import longpara  # Qt's text classes: not on the start's path

    if doc.property(longpara.CHUNKED):  # a long paragraph shown in blocks: the span alone
        start = longpara.doc_position(doc, span.paragraph, span.start)
        stop = longpara.doc_position(doc, span.last_paragraph, span.end)
        return (start, stop) if start is not None and stop is not None else None
    block = doc.findBlockByNumber(span.paragraph)
    last = doc.findBlockByNumber(span.last_paragraph)
    if not block.isValid() or not last.isValid() or span.end > len(last.text()):
        return None
    start, end = block.position() + span.start, last.position() + span.end
    if block.text()[: span.start].strip() or last.text()[span.end :].strip():
        return start, end
    if last.next().isValid():  # the following paragraph keeps its own format
        return block.position(), last.next().position()
    if block.previous().isValid():
        return block.position() - 1, last.position() + len(last.text())
    return block.position(), last.position() + len(last.text())


def _span_text(state: EditorState, loc: Location, span: Span) -> str:
    paragraphs = state.report.sections.get(loc.section, [])
    return paragraphs[span.paragraph].text[span.start : span.end] if span.paragraph < len(paragraphs) else ""


def _when_current(state: EditorState, finding: Finding, act: Callable[[EditorState, Finding], bool]) -> bool:
    """``act`` on the finding as the checks see the text now (typing since may have moved its
    span; a finding gone does nothing).  A huge report is checked on a worker, as when typing
    pauses, and ``act`` follows when its findings are applied: False until then."""
    done: list[bool] = []

    def then() -> None:
        current = _still_current(state, finding)
        done.append(current is not None and act(state, current))

    state.when_checked(then)
    return bool(done and done[0])


def _still_current(state: EditorState, finding: Finding) -> Finding | None:
    """The finding among the findings of the text as it is (state.when_checked)."""
    if finding in state.findings:
        return finding
    same = [f for f in state.findings if (f.code, f.location.section, f.message)
            == (finding.code, finding.location.section, finding.message)]
    return same[0] if len(same) == 1 else None
