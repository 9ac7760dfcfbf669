"""The workbook printed: each statutory table whole on one A4 page, as the annex shows it.
Fitted to one page wide and any number tall, 表三 printed on two pages, the break cutting its
merged “（六）其他处理” label in half (rev24b X2)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pdfplumber
import pytest

from app.office import convert
from app.reading import load_report
from app.schema import TABLES
from app.xlsx_write import write_xlsx


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice not installed")
def test_each_table_prints_whole_on_one_page(sample: Path, tmp_path: Path) -> None:
    write_xlsx(load_report(sample), tmp_path / "s.xlsx")
    pdf = convert(tmp_path / "s.xlsx", "pdf", tmp_path / "lo")
    assert pdf is not None
    with pdfplumber.open(pdf) as doc:
        pages = [(p.extract_text() or "").replace(" ", "").replace("\n", "") for p in doc.pages]
        sizes = [(p.width, p.height) for p in doc.pages]
    assert all(sorted((round(w), round(h))) == [595, 842] for w, h in sizes)  # A4, either way up
    assert len(pages) == len(TABLES) + 1  # and 基本信息
    for key, spec in TABLES.items():
        holding = [i for i, text in enumerate(pages) if spec.title in text]
        assert len(holding) == 1, (key, holding)
        last = max((c for c in spec.layout if c.data is None and c.text), key=lambda c: c.row).text
        assert last in pages[holding[0]], key  # its last row (表三: 四、结转下年度继续办理) on the same page


def test_headers_and_row_labels_stay_in_view(sample: Path, tmp_path: Path) -> None:
    """Frozen panes: scrolling 表三 kept neither its 申请人 header rows nor its row labels."""
    import openpyxl

    write_xlsx(load_report(sample), tmp_path / "s.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "s.xlsx")
    for key, spec in TABLES.items():
        ws = wb[f"表{key}"]
        assert ws.freeze_panes is not None, key
        frozen = ws[ws.freeze_panes]
        top = 1 + next(r for r in range(1, 10) if ws.cell(r, 1).value == spec.title)  # the table below its title
        labels = [c for c in spec.layout if c.data is None and c.header]
        assert all(top + c.row + c.rowspan - 1 < frozen.row for c in labels), key  # every header row above
        first = min(c.col for c in spec.layout if c.data is not None)
        assert frozen.column == 1 + first, key  # the row labels to the left


def test_every_sheet_names_its_paper(sample: Path, tmp_path: Path) -> None:
    """基本信息 named no paper: it printed on the default printer's (Letter where none is set up,
    or in a LibreOffice whose locale or libpaper says letter), the tables on A4."""
    import openpyxl

    write_xlsx(load_report(sample), tmp_path / "s.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "s.xlsx")
    assert [(ws.title, str(ws.page_setup.paperSize)) for ws in wb] == [(ws.title, "9") for ws in wb]  # 9: A4
