"""What of a web table cell's text a box placed out of it takes away (app/webcss.py asks of each
box positioned absolutely or moved a screen away; app/webreorder.py of floats): a statutory
cell of a few words only, its words counted once a cell."""

from __future__ import annotations

import lxml.html


def beside_text(el: lxml.html.HtmlElement, words: dict[lxml.html.HtmlElement, int]) -> bool:
    """A box placed absolutely (or moved a screen away) in a table cell that holds text of its
    own besides: the box is drawn elsewhere (at its offsets) or over that text (at none), never
    read with it — “99” placed so beside “37” does not show 9937, wherever on the screen the 99
    is.  Alone in its cell, it stands where its text would (at no offsets) or is the cell's only
    text, read as it is."""
    cell = next(el.iterancestors("td", "th"), None)
    if cell is None:
        return False
    shown = words.get(cell)
    if shown is None:  # once a cell: one of 8,000 placed spans cost the whole cell's text each (quadratic)
        shown = words[cell] = cell_words(cell)
    # A statutory cell's few words; a layout cell holding a page's article is not judged (an
    # article placed absolutely in it is the page's text).
    return shown <= CELL_WORDS and shown > sum(len("".join(t.split())) for t in el.itertext())


CELL_WORDS = 40


def cell_words(cell: lxml.html.HtmlElement) -> int:
    """How many characters other than blanks a cell holds."""
    return sum(len("".join(t.split())) for t in cell.itertext())
