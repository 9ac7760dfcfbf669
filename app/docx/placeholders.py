"""Content controls still showing their placeholder text: not read as what the user wrote.

A template's content control (w:sdt) carries a prompt — “单击或点击此处输入文字。”, “[单位名称]”,
or a sample figure such as “0” — shown (greyed in Word) until someone types in it; w:sdtPr/
w:showingPlcHdr says the content is still that prompt.  Read as text it became the organ's
name, a paragraph of a section, or a figure nobody entered; read as nothing, the control is
what it is — unfilled: the cell is blank (BLANK-CELL), the section or the title says it lacks
what it lacks.

A control the flag still marks but that holds a table is left as it is: a placeholder is a
prompt, not a statutory table, and a flag some program failed to clear must not wipe a report.
"""

from __future__ import annotations

from lxml import etree

from app.docx.xmlkids import VAL, W, first_child

SHOWING_PLACEHOLDER = f"{{{W}}}showingPlcHdr"
_SDT, _SDT_PR, _SDT_CONTENT, _R, _T, _TBL = (f"{{{W}}}{t}" for t in ("sdt", "sdtPr", "sdtContent", "r", "t", "tbl"))


def drop_placeholders(body: etree._Element) -> list[str]:
    """Remove the runs of every content control of ``body`` that shows its placeholder (its
    paragraphs, cells and rows stay, empty); returns the text each emptied control held, for the
    PLACEHOLDER note: a generator that filled a control and left the flag set had real content
    dropped, which the note then names (Word shows that text)."""
    emptied: list[str] = []
    for flag in list(body.iter(SHOWING_PLACEHOLDER)):
        if flag.get(VAL) in ("0", "false", "off"):  # an on/off property set off: real content
            continue
        sdt_pr = flag.getparent()
        sdt = sdt_pr.getparent() if sdt_pr is not None and sdt_pr.tag == _SDT_PR else None
        content = first_child(sdt, _SDT_CONTENT) if sdt is not None and sdt.tag == _SDT else None
        if content is None or next(content.iter(_TBL), None) is not None:
            continue
        runs = list(content.iter(_R))
        said = "".join(t.text or "" for run in runs for t in run.iter(_T))
        for run in runs:
            parent = run.getparent()
            if parent is not None:  # (a run inside one removed already goes with it)
                parent.remove(run)
        if runs:
            emptied.append(" ".join(said.split()))
    return emptied
