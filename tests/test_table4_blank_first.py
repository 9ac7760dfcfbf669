"""表四 drawn with a label column (“项目” down the left of its header) and cut by a page break
after its header, the header not repeated: the row of figures on the next page with its label
cell left empty.  A row as wide as the header, or 15 figures without the label cell, reads in
place; a row one cell short whose first cell is blank is the blank label with the last figure's
cell missing or 行政复议·结果维持 left blank with the label cell missing — either reading puts
14 figures in their neighbours' place.  It was read the second way, silently (15 cells wrong
when the first was meant); now neither is taken and the finding says which cell is in doubt."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from app.reading import load_report
from app.report import Report
from tests.mhtmake import page_html
from tests.test_split_tables import _distinct, _split


def _cell(text: str, merge: str = "") -> str:
    return (f'<w:tc><w:tcPr><w:tcW w:w="600" w:type="dxa"/>{merge}</w:tcPr>'
            f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")


def _variant(tmp_path: Path, name: str, label_column: bool, figures_label: str | None,
             blank_first: bool = False, drop_last: bool = False, cut: bool = True) -> tuple[Report, Path]:
    """The sample with every figure distinct, 表四 cut after its header (``cut``), a label
    column “项目” added to its header (``label_column``), and its row of figures given a label
    cell ``figures_label`` (None: none), its first figure blanked, its last cell dropped."""
    report, src = _distinct(tmp_path)
    path = _split(src, tmp_path / f"{name}-cut.docx", "未经复议直接起诉", 3) if cut else src
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["word/document.xml"].decode()
    header = next(m.group() for m in re.finditer(r"<w:tbl>.*?</w:tbl>", xml, re.S) if "未经复议直接起诉" in m.group())
    body = xml[xml.index(header) + len(header):] if cut else header
    figures_table = re.search(r"<w:tbl>.*?</w:tbl>", body, re.S).group() if cut else header  # type: ignore[union-attr]
    row = re.findall(r"<w:tr[ >].*?</w:tr>", figures_table, re.S)[-1]
    cells = re.findall(r"<w:tc>.*?</w:tc>", row, re.S)
    new_row = row
    if blank_first:
        new_row = new_row.replace(cells[0], re.sub(r"<w:t(?: [^>]*)?>[^<]*</w:t>", "", cells[0]), 1)
    if drop_last:
        new_row = new_row.replace(cells[-1], "", 1)
    if figures_label is not None:
        at = new_row.index("<w:tc>")
        new_row = new_row[:at] + _cell(figures_label) + new_row[at:]
    new_header = header
    if label_column:
        rows = re.findall(r"<w:tr[ >].*?</w:tr>", header, re.S)
        for i, tr in enumerate(rows[:3]):
            at = tr.index("<w:tc>")
            added = _cell("项目", '<w:vMerge w:val="restart"/>') if i == 0 else _cell("", "<w:vMerge/>")
            new_header = new_header.replace(tr, tr[:at] + added + tr[at:], 1)
        new_header = new_header.replace("<w:gridCol ", '<w:gridCol w:w="600"/><w:gridCol ', 1)
    if cut:
        xml = xml.replace(header, new_header, 1).replace(row, new_row, 1)
    else:
        xml = xml.replace(header, new_header.replace(row, new_row, 1), 1)
    parts["word/document.xml"] = xml.encode()
    out = tmp_path / f"{name}.docx"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return report, out


def _reads(path: Path, tmp_path: Path) -> list[Report]:
    """The .docx and its web page (merged cells as rowspan/colspan)."""
    page = tmp_path / f"{path.stem}.htm"
    page.write_text(page_html(path), encoding="utf-8")
    return [load_report(path), load_report(page)]


@pytest.mark.parametrize(("label_column", "figures_label"), [(True, ""), (True, "件数"), (True, None), (False, ""), (False, None)])
def test_a_row_as_wide_as_its_header_or_of_fifteen_figures_reads_in_place(tmp_path: Path, label_column: bool, figures_label: str | None) -> None:
    report, path = _variant(tmp_path, "whole", label_column, figures_label)
    for read in _reads(path, tmp_path):
        assert read.tables["四"] == report.tables["四"]
        assert not [f.message for f in read.import_findings if "表四" in f.message]


def test_a_blank_first_figure_without_a_label_column_is_that_cell_blank(tmp_path: Path) -> None:
    report, path = _variant(tmp_path, "blank", False, None, blank_first=True)
    for read in _reads(path, tmp_path):
        assert read.tables["四"] == {**report.tables["四"], (0, 0): None}
        assert not [f.message for f in read.import_findings if "表四" in f.message]


@pytest.mark.parametrize("cut", [True, False], ids=["page-break", "one-table"])
@pytest.mark.parametrize(("blank_first", "drop_last", "figures_label"), [(False, True, ""), (True, False, None)],
                         ids=["blank-label-last-missing", "first-figure-blank-no-label"])
def test_a_short_row_with_a_blank_first_cell_is_said_not_guessed(tmp_path: Path, cut: bool, blank_first: bool, drop_last: bool,
                                                                   figures_label: str | None) -> None:
    _, path = _variant(tmp_path, "short", True, figures_label, blank_first=blank_first, drop_last=drop_last, cut=cut)
    for read in _reads(path, tmp_path):
        assert all(v is None for v in read.tables["四"].values())  # no figure put in a neighbour's place
        said = [f for f in read.import_findings if f.code == "LABEL-EDITED" and f.kind == "unplaced" and "表四" in f.message]
        assert len(said) == 1, [f.message for f in read.import_findings]
        message = said[0].message
        assert "第一格空白" in message and "“项目”" in message
        assert "“复议后起诉·总计”" in message and "“行政复议·结果维持”" in message
        assert "187" in message and "199" in message  # the figures, kept in the finding
