"""Statutory tables written with rows and columns swapped — 表三's row labels across its first
row and the applicants down its first column, 表四 down a page — in a text copy (every cell, as
a spreadsheet's rows copy), a saved web page (merged cells, spans swapped) and a .docx: turned
back and read, and said.  Read as they stood, not one of the 200 figures landed in its cell.
A browser's copy of one (a merged cell's positions left out, rows of different lengths) cannot
be turned back with certainty: said, and no figure guessed."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

import tests.test_text_copy_delimited as delimited
from app.reading import load_report
from app.report import Report
from app.schema import TABLES
from tests.test_web_cms import HEADINGS, ORGAN, TEXT, TITLE, VALUES


def _turned(grid: list[list[str]]) -> list[list[str]]:
    return [list(col) for col in zip(*grid, strict=True)]


def _all_read(r: Report) -> None:
    assert not {k: (v, r.tables[k[0]][k[1:]]) for k, v in VALUES.items() if str(r.tables[k[0]][k[1:]]) != v}
    said = sorted(f.message[:2] for f in r.import_findings if f.kind == "transposed")
    assert said == sorted(["表二", "表三", "表四"]), said
    assert all("已转回法定格式后读入" in f.message for f in r.import_findings if f.kind == "transposed")
    assert not [f.message for f in r.import_findings if f.kind != "transposed"]
    assert {k: r.section_text(k) for k in TEXT} == {k: "\n".join(v) for k, v in TEXT.items()}


def test_a_text_copy_of_transposed_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delimited, "_written", lambda grid, form: ["\t".join(row) for row in _turned(grid)])
    path = tmp_path / "copy.txt"
    path.write_text(delimited._copy("sheet"), encoding="utf-8")
    _all_read(load_report(path))


def _html_table(key: str) -> str:
    rows: dict[int, list[str]] = {}
    for cell in sorted(TABLES[key].layout, key=lambda c: (c.col, c.row)):  # the layout's columns as rows
        text = VALUES[(key, *cell.data)] if cell.data is not None else cell.text
        span = (f' rowspan="{cell.colspan}"' if cell.colspan > 1 else "") + (f' colspan="{cell.rowspan}"' if cell.rowspan > 1 else "")
        rows.setdefault(cell.col, []).append(f"<td{span}>{text}</td>")
    return "<table border=1>" + "".join(f"<tr>{''.join(cells)}</tr>" for _, cells in sorted(rows.items())) + "</table>"


def test_a_web_page_with_transposed_merged_tables(tmp_path: Path) -> None:
    parts = [f"<p>{TITLE}</p>", "<p>本报告依据《中华人民共和国政府信息公开条例》编制。</p>"]
    for key, heading in HEADINGS.items():
        parts += [f"<p>{heading}</p>", *(f"<p>{line}</p>" for line in TEXT.get(key, []))]
        parts += [_html_table(key)] if key in TABLES else []
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><meta charset='utf-8'></head><body>{''.join([*parts, f'<p>{ORGAN}</p>', '<p>2022年1月12日</p>'])}"
                    "</body></html>", encoding="utf-8")
    _all_read(load_report(path))


def test_a_docx_with_transposed_tables(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph(TITLE)
    doc.add_paragraph("本报告依据《中华人民共和国政府信息公开条例》编制。")
    for key, heading in HEADINGS.items():
        doc.add_paragraph(heading)
        for line in TEXT.get(key, []):
            doc.add_paragraph(line)
        if key in TABLES:
            grid = _turned(delimited._grid(key))
            table = doc.add_table(rows=len(grid), cols=len(grid[0]))
            for r, row in enumerate(grid):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
    doc.add_paragraph(ORGAN)
    doc.add_paragraph("2022年1月12日")
    doc.save(str(tmp_path / "r.docx"))
    _all_read(load_report(tmp_path / "r.docx"))


def test_a_browsers_copy_of_a_transposed_table_is_said_never_guessed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delimited, "_written", lambda grid, form: ["\t".join(c for c in row if c) for row in _turned(grid)])
    path = tmp_path / "copy.txt"
    path.write_text(delimited._copy("sheet"), encoding="utf-8")
    r = load_report(path)
    assert not {k: (v, r.tables[k[0]][k[1:]]) for k, v in VALUES.items() if r.tables[k[0]][k[1:]] not in (None, int(float(v)), float(v))}
    said = [f.message for f in r.import_findings if f.kind == "transposed"]
    assert said and all("无法确定每个数字属于哪一格，未读入" in m for m in said), said
