"""A report saved as text by LibreOffice (“另存为 → 文本”): each table cell on a line of its own,
an empty cell an empty line, a merged cell once (app/textcells.py).  Its tables cannot be read
(no tab or space parts the cells, the group labels stand between the rows): they were said
missing with NO-FIGURES hinting at pictures or hidden text.  Now what the file is is said, with
what to open instead.  A browser's copy (a cell a line, each led by a tab) is read as before."""

from __future__ import annotations

from pathlib import Path

import docx

from app.reading import load_report
from app.textcells import ONE_CELL_A_LINE

DATA = Path(__file__).parent / "data"


def _one_cell_a_line(src: Path) -> str:
    """The .docx's text as LibreOffice saves it: paragraphs, and each table's cells one a line."""
    d = docx.Document(str(src))
    lines: list[str] = []
    seen: set[int] = set()
    kept: list[object] = []  # (the cells' elements held: an id is reused once its proxy is gone)
    for el in d.element.body:
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in el.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            table = docx.table.Table(el, d)
            for row in table.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    kept.append(cell._tc)
                    lines.append(cell.text)
    return "\n".join(lines)


def test_tables_saved_one_cell_a_line_are_said_so(tmp_path: Path) -> None:
    path = tmp_path / "另存为文本.txt"
    path.write_text(_one_cell_a_line(DATA / "xiaogang-2021.docx"), "utf-8")
    said = [f.message for f in load_report(path).import_findings]
    assert ONE_CELL_A_LINE in said


def test_a_browsers_copy_of_a_cell_a_line_is_read_as_before() -> None:
    report = load_report(DATA / "xiaogang-2021.txt")
    assert ONE_CELL_A_LINE not in [f.message for f in report.import_findings]
    assert report.tables["三"][(0, 0)] is not None


def test_the_first_finding_says_why_no_figure_was_read(tmp_path: Path) -> None:
    """NO-FIGURES, the file's first finding, guessed at pictures or hidden text (“可能是图片或隐藏、
    看不见的文字”) of a text file whose figures are all there, one a line: it says what the
    reading found instead — and a file without that shape keeps its guess (the control)."""
    path = tmp_path / "另存为文本.txt"
    path.write_text(_one_cell_a_line(DATA / "xiaogang-2021.docx"), "utf-8")
    first = load_report(path).import_findings[0]
    assert first.code == "NO-FIGURES" and "单元格单独一行" in first.message and "图片" not in first.message
    first = load_report(DATA / "format-2021.txt").import_findings[0]  # the format's text: tables without figures
    assert first.code == "NO-FIGURES" and "图片" in first.message
