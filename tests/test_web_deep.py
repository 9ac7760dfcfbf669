"""A web page nesting its text a thousand elements deep (a CMS template's wrappers gone wrong)
reads as the same text would shallow: what is hidden, faint or a note mark deep down is left
out and said once for each outermost place (app/webcss.py finds the outermost in one pass down
the page; the colour and backdrop of each element are remembered, not walked up to again)."""

from __future__ import annotations

from pathlib import Path

from tests.test_webcopy import _cell_page

_DEPTH = 1500  # the reader's nesting limit is 2048, the page's own table included


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
