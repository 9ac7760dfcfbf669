"""A report's text and table cells whose text shows in another order than written (Unicode
bidi controls): the paragraphs put in the order shown, the cells noted for one finding
(app/docx/assemble.py).  Moved from assemble.py, which reads the blocks into a report."""

from __future__ import annotations

from app.bidi import has_bidi, order, reordered, shown
from app.bidichars import CONTROLS
from app.docx.blocks import Block, TableBlock
from app.docx.loneheader import clip as _clip
from app.findings import REVERSED, Location, Span
from app.patterns import lazy
from app.report import Report, Run

_EXPLICIT = lazy(f"[{CONTROLS}]")  # embeddings, overrides, isolates (not the marks)
_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200f\u061c")


def show_paragraphs(report: Report) -> tuple[Location, str, str, int] | None:
    """Put the narrative paragraphs whose text shows in another order than written (bidi
    controls: “收到⟨RLO⟩2106⟨PDF⟩件” shows 收到6012件) in the order shown, each character keeping
    its run's formatting: the checks then read the figure a reader sees.  The first such
    paragraph's place, its text before and after, and how many there were; None when none."""
    first: tuple[Location, str, str] | None = None
    n = 0
    for key, paras in report.sections.items():
        for i, p in enumerate(paras):
            written = p.text
            # Only explicit controls are laid out here: right-to-left letters (or marks) alone
            # show by the same algorithm in Word and in the editor, so storing them in shown
            # order would turn them round again at every reading (a Hebrew word reversed by
            # each save and reopen).  Without controls left, the text read is stable.
            if not has_bidi(written) or not _EXPLICIT.search(written) or not reordered(written):
                continue
            owner = [r for r in p.runs for _ in r.text]
            runs: list[Run] = []
            for k, ch in order(written):
                if runs and runs[-1].same_style(owner[k]):
                    runs[-1].text += ch
                else:
                    runs.append(Run(ch, owner[k].bold, owner[k].italic, owner[k].underline))
            p.runs = runs
            n += 1
            if first is None:  # the words around the first control, as written and as shown
                at = next(k for k, ch in enumerate(written) if ch in _CONTROLS)
                piece = written[max(0, at - 8):at + 16]
                first = (Location(key, span=Span(i, 0, len(p.text))), _clip(piece, 24), _clip(shown(piece), 24))
    return (*first, n) if first is not None else None


def note_reordered(blocks: list[Block]) -> str:
    """Note the grid cells whose text shows in another order than written (bidi control
    characters, app/bidi.py: the figure read is the one shown); the first such text, or "".
    Every table's text is looked at once, joined, and nearly all have none."""
    first = ""
    for b in blocks:
        if isinstance(b, TableBlock) and has_bidi(b.all_text()):
            for cell in (c for row in b.rows for c in row):
                if REVERSED.kind not in cell.notes and reordered(cell.text):
                    cell.notes += (REVERSED.kind,)
                    first = first or cell.text.strip()
    return first
