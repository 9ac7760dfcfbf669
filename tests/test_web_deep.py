"""A web page nesting its text a thousand elements deep (a CMS template's wrappers gone wrong)
reads as the same text would shallow: what is hidden, faint or a note mark deep down is left
out and said once for each outermost place (app/webcss.py finds the outermost in one pass down
the page; the colour, text fill and backdrop of each element are remembered, not walked up to
again).  The work is counted, not timed: the ancestors walked stay within a few per element of
the page, where a walk up from each of 200 marked spans 1,500 deep took 300,000 steps (16 s on
bigger pages; review15 L6: the reading alone was right before the fix too)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest

from tests.test_webcopy import _cell_page

_DEPTH = 1500  # the reader's nesting limit is 2048, the page's own table included
_SPANS = 200
STEPS_PER_ELEMENT = 10  # one pass down, a look-up stopped at the first remembered ancestor: ~1–3


def _deep(inner: str) -> str:
    return "<span>" * _DEPTH + inner + "</span>" * _DEPTH


def test_hidden_and_faint_text_deep_in_a_cell_is_left_out_and_counted_once_each(tmp_path: Path) -> None:
    cell = _deep('<span style="display:none">9<span style="display:none">8</span></span>'
                 '<span hidden><span hidden>7</span></span>'
                 '<span style="color:#f0f0f0"><span style="opacity:0.2">1</span></span>37')
    value, notes, hidden = _cell_page(tmp_path, cell)
    assert value == 37 and not notes
    assert len(hidden) == 1 and "3处" in hidden[0], hidden


def test_note_marks_deep_in_a_cell_are_left_out_once(tmp_path: Path) -> None:
    value, notes, hidden = _cell_page(tmp_path, _deep("37<sup>1<sup>2</sup></sup><s>36<s>35</s></s>"))
    assert value == 37 and not hidden
    assert len(notes) == 1 and "1个单元格" in notes[0], notes


@pytest.mark.parametrize(("inner", "said"), [
    ('<span style="display:none">9</span>', "hidden"),  # the outermost hidden: one pass down
    ('<span style="color:#fafafa">1</span>', "hidden"),  # each one's backdrop and text fill
    ("<sup>1</sup>", "notes"),  # the outermost note mark
])
def test_many_marked_spans_deep_down_cost_a_walk_up_each_only_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inner: str, said: str) -> None:
    steps = 0
    ancestors = lxml.html.HtmlElement.iterancestors

    def counted(self: lxml.html.HtmlElement, *args: object, **kw: object) -> Iterator[lxml.html.HtmlElement]:
        nonlocal steps
        for a in ancestors(self, *args, **kw):  # type: ignore[arg-type]
            steps += 1
            yield a
    monkeypatch.setattr(lxml.html.HtmlElement, "iterancestors", counted)
    value, notes, hidden = _cell_page(tmp_path, _deep(inner * _SPANS + "37"))
    assert value == 37
    assert len(notes if said == "notes" else hidden) == 1
    page = lxml.html.parse(str(tmp_path / "cell.html"), lxml.html.HTMLParser(huge_tree=True))
    elements = sum(1 for _ in page.getroot().iter())
    assert elements > _DEPTH + _SPANS
    assert steps <= STEPS_PER_ELEMENT * elements, (steps, elements)
