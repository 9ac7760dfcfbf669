"""A web page's statutory table whose rowspan is one row off (a CMS table edited by hand: a row
added or deleted under a merged label, its rowspan left as it was).  A browser draws it as it
is: the row after a rowspan one too long is pushed one column right (its last figure beyond the
table), and a header row under one one too short is pushed left.  Read as drawn, the figures
of that row went under the next column's header, silently (表四's 15 cells, a 表三 row), or 表三's
header named the wrong columns and 75 cells went astray with only a “column missing” note.
The table's shape says what was meant — every other row is ten (fifteen) cells wide, and the
shifted one is exactly that without (with) the rowspan: it is read as meant (app/webcopy.py
``_respan``) and said, naming the rows (LABEL-EDITED rowspan)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app import webgrid
from app.reading import load_report
from app.report import Report

PAGE = Path(__file__).parent / "data" / "web-page-2023.html"


def _numbered() -> str:
    """The real page, every figure of its tables a different number (a cell read one column off shows)."""
    count = iter(range(1, 10_000))
    return re.sub(r"<td><p>0</p></td>", lambda m: f"<td><p>{next(count)}</p></td>", PAGE.read_text("gb18030"))


HTML = _numbered()
SPANS = [(m.start(), m.end(), int(m.group(1))) for m in re.finditer(r'rowspan="(\d+)"', HTML)]


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Report:
    path = tmp_path_factory.mktemp("rowspan") / "年报.html"
    path.write_text(HTML, "gb18030")
    return load_report(path)


def _wrong(read: Report, plain: Report) -> list[tuple[str, object]]:
    return [(key, cell) for key, table in plain.tables.items() for cell, v in table.items() if read.tables[key].get(cell) != v]


def _with(tmp_path: Path, i: int, by: int) -> Report:
    start, end, n = SPANS[i]
    path = tmp_path / "年报.html"
    path.write_text(HTML[:start] + f'rowspan="{n + by}"' + HTML[end:], "gb18030")
    return load_report(path)


def test_the_page_has_figures_under_every_kind_of_rowspan(plain: Report) -> None:
    assert len(SPANS) == 13 and not [f for f in plain.import_findings if f.kind == "rowspan"]
    figures = [v for v in plain.tables["三"].values() if v is not None]
    assert len(figures) == len(set(figures)) > 150


@pytest.mark.parametrize("i", range(13))
def test_a_rowspan_one_row_too_long_is_read_as_meant_and_said(tmp_path: Path, plain: Report, i: int) -> None:
    read = _with(tmp_path, i, 1)
    assert _wrong(read, plain) == []
    said = [f for f in read.import_findings if f.kind == "rowspan"]
    assert len(said) == 1 and "多跨了这一行" in said[0].message and re.search(r"第\d+行（“", said[0].message)


@pytest.mark.parametrize("i", [0, 1, 2, 8, 9, 10, 11, 12])  # the header's (表三's and 表四's)
def test_a_header_rowspan_one_row_too_short_is_read_as_meant_and_said(tmp_path: Path, plain: Report, i: int) -> None:
    read = _with(tmp_path, i, -1)
    assert _wrong(read, plain) == []
    assert [f for f in read.import_findings if f.kind == "rowspan" and "少跨了这一行" in f.message]


def test_a_rowspan_two_rows_too_long_is_read_as_meant(tmp_path: Path, plain: Report) -> None:
    read = _with(tmp_path, 3, 2)  # 三、本年度办理结果 over 四、结转 and past the table
    assert _wrong(read, plain) == []
    assert [f for f in read.import_findings if f.kind == "rowspan"]


def test_a_ragged_table_of_no_rowspan_is_not_said(tmp_path: Path, plain: Report) -> None:
    # a row one cell short (a CMS leaving out an empty last cell) under no rowspan: drawn and read as it is
    html = HTML.replace(f"<td><p>{plain.tables['三'][(0, 6)]}</p></td>", "", 1)
    path = tmp_path / "年报.html"
    path.write_text(html, "gb18030")
    assert not [f for f in load_report(path).import_findings if f.kind == "rowspan"]


COLSPANS = [(m.start(), m.end(), int(m.group(1))) for m in re.finditer(r'colspan="(\d+)"', HTML)
            if re.match(r"<p>[一二三四（]", HTML[m.end() + 1:m.end() + 5])]  # the row labels' (表三's)


@pytest.mark.parametrize("i", range(len(COLSPANS)))
def test_a_row_label_one_column_too_wide_is_read_as_meant_and_said(tmp_path: Path, plain: Report, i: int) -> None:
    """“一、本年新收…” over four columns, not three: the row's figures one column right in a browser,
    the last beyond the table — read one column off, silently (7 cells)."""
    start, end, n = COLSPANS[i]
    path = tmp_path / "年报.html"
    path.write_text(HTML[:start] + f'colspan="{n + 1}"' + HTML[end:], "gb18030")
    read = load_report(path)
    assert _wrong(read, plain) == []
    # (（七）总计 one column wider under 三、本年度办理结果's rowspan, which ends on it, has the same
    # shape as that rowspan one row too long: read right either way, said as the latter)
    assert [f for f in read.import_findings if f.kind == "rowspan" and ("多跨了1列" in f.message or "多跨了这一行" in f.message)]


def test_a_row_with_one_more_cell_is_read_as_drawn_and_not_said(tmp_path: Path, plain: Report) -> None:
    at = HTML.index("</tr>", HTML.index("一、本年新收"))
    path = tmp_path / "年报.html"
    path.write_text(HTML[:at] + "<td><p>999</p></td>" + HTML[at:], "gb18030")
    read = load_report(path)
    assert _wrong(read, plain) == []
    assert not [f for f in read.import_findings if f.kind == "rowspan"]


def _tries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: list[str]) -> tuple[int, Report]:
    """How many shapes of a row the reading tried (each costs the row's width) on a page whose
    one table is ``rows``."""
    tried = [0]
    width = webgrid._width

    def counted(*args: object, **kwargs: object) -> int | None:
        tried[0] += 1
        return width(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(webgrid, "_width", counted)
    path = tmp_path / "年报.html"
    path.write_text(HTML.replace("</body>", f"<table>{''.join(rows)}</table></body>"), "gb18030")
    read = load_report(path)
    return tried[0], read


def test_rows_of_hundreds_of_cells_a_little_narrower_are_not_tried_cell_by_cell(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plain: Report) -> None:
    """An annex table 300 cells wide, each row after one cell narrower than the one above: each
    cell of the row above was tried as one whose rowspan stopped short (a try costing the row's
    width: 45,000 tries, 3 s a table; hostile).  Rows more than a statutory table's width off
    are read as drawn."""
    rows = ["<tr>" + "<td>a</td>" * 300 + "</tr>"] * 2 + ["<tr>" + "<td>b</td>" * w + "</tr>" for w in range(299, 150, -1)]
    tried, read = _tries(tmp_path, monkeypatch, rows)
    assert tried <= 2 * len(rows)
    assert _wrong(read, plain) == []


def test_a_row_under_hundreds_of_rowspans_is_not_tried_rowspan_by_rowspan(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plain: Report) -> None:
    """Rows under 290 rowspans each one cell (two columns) wider than the table: each rowspan was
    tried alone as the one a row too long (none can be: the row is off by two columns)."""
    group = ["<tr>" + '<td rowspan="2">a</td>' * 290 + "</tr>", '<tr><td colspan="2">b</td></tr>',
             "<tr>" + "<td>c</td>" * 290 + "</tr>", "<tr>" + "<td>c</td>" * 290 + "</tr>"]
    tried, read = _tries(tmp_path, monkeypatch, group * 30)
    assert tried <= 2 * len(group * 30)
    assert _wrong(read, plain) == []


@pytest.mark.parametrize("mark", ["—", "/", "无"])
@pytest.mark.parametrize("i", range(len(COLSPANS)))
def test_a_row_label_one_column_too_wide_over_a_mark_for_none_is_read_as_meant(
        tmp_path: Path, plain: Report, i: int, mark: str) -> None:
    """The same with one of the row's figures written “—” (or “/”, “无”: none, read blank): the
    mark was taken for a second label, the row read as drawn — its figures one column off, silently."""
    start, end, n = COLSPANS[i]
    html = HTML[:start] + f'colspan="{n + 1}"' + HTML[end:]
    second = list(re.finditer(r"<td><p>(\d+)</p></td>", html[end:html.index("</tr>", end)]))[1]
    html = html[:end + second.start(1)] + mark + html[end + second.end(1):]
    path = tmp_path / "年报.html"
    path.write_text(html, "gb18030")
    read = load_report(path)
    assert [plain.tables[key][cell] for key, cell in _wrong(read, plain)] == [int(second.group(1))]  # the mark's cell alone
    assert [f for f in read.import_findings if f.kind == "rowspan"]


@pytest.mark.parametrize("i", [3, 4, 5, 6, 7])  # 表三's row labels' (三、本年度办理结果, （三）…（六）)
def test_a_row_labels_rowspan_one_row_too_short_is_read_as_meant_and_said(tmp_path: Path, plain: Report, i: int) -> None:
    """A row added under a merged row label, its rowspan left as it was: the last row pushed one
    column left in a browser, read as “表三中“168”一行无法对应到法定表格”, its 7 figures unread."""
    read = _with(tmp_path, i, -1)
    assert _wrong(read, plain) == []
    assert [f for f in read.import_findings if f.kind == "rowspan" and "少跨了这一行" in f.message]


@pytest.mark.parametrize("i", range(len(COLSPANS)))
def test_a_row_label_one_column_too_narrow_is_read_as_meant_and_said(tmp_path: Path, plain: Report, i: int) -> None:
    """“一、本年新收…” over two columns, not three: its figures one column left in a browser, the
    first under the label's column — the row read as none of the table's, its 7 figures unread."""
    start, end, n = COLSPANS[i]
    path = tmp_path / "年报.html"
    path.write_text(HTML[:start] + f'colspan="{n - 1}"' + HTML[end:], "gb18030")
    read = load_report(path)
    assert _wrong(read, plain) == []
    assert [f for f in read.import_findings if f.kind == "rowspan" and ("少跨了1列" in f.message or "少跨了这一行" in f.message)]


@pytest.mark.parametrize("label", ["（四）无法提供", "（七）总计", "一、本年新收"])
def test_a_row_one_figure_short_after_a_rowspan_is_read_as_drawn_and_not_said(
        tmp_path: Path, plain: Report, label: str) -> None:
    """The control: a row whose last figure's cell is left out (a CMS dropping an empty cell) is as
    narrow, under a rowspan that ends above it — it has a cell fewer after its label than the
    table's rows: no rowspan lengthened, no label widened, its other figures where they are."""
    end = HTML.index("</tr>", HTML.index(label))
    path = tmp_path / "年报.html"
    path.write_text(HTML[:HTML.rindex("<td", 0, end)] + HTML[end:], "gb18030")
    read = load_report(path)
    assert len(_wrong(read, plain)) == 1  # the cell left out, alone
    assert not [f for f in read.import_findings if f.kind == "rowspan"]


@pytest.mark.parametrize("i", range(3, 8))  # 表三's rows' group labels
def test_the_note_points_at_the_rows_it_names(tmp_path: Path, i: int) -> None:
    """The note was put under 基本信息 (META), far from the table it is about: it points at the
    statutory cells of the rows read as meant, so the editor shows that table's page and them."""
    read = _with(tmp_path, i, 1)
    said = next(f for f in read.import_findings if f.kind == "rowspan")
    assert said.location.section == "三" and said.location.cells
    assert all(c.table == "三" for c in said.location.cells)
