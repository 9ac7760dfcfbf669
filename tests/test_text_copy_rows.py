"""Text copies whose table rows are one line each, the cells between tabs: what Chrome, Edge and
the Chromium browsers most offices use (360, QQ, Sogou) put on the clipboard when a page is
selected and copied, and Word when its tables are pasted into Notepad.  A merged cell is in the
row it starts in only; table 二's group rows (第二十条第（五）项) have one cell, no tab.  Such a
copy was refused (“没有找到统计表格”): only rows as one cell a line were read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.errors import ReadError
from app.reading import load_report
from app.schema import REQUESTS, T3_COLS, TABLES
from tests.test_web_cms import HEADINGS, ORGAN, TEXT, TITLE, VALUES


def _rows(key: str) -> list[str]:
    rows: dict[int, list[str]] = {}
    for cell in TABLES[key].layout:
        rows.setdefault(cell.row, []).append(VALUES[(key, *cell.data)] if cell.data is not None else cell.text)
    return ["\t".join(cells) for _, cells in sorted(rows.items())]


def _copy(heading_tab: bool) -> str:
    """The report as copied; ``heading_tab``: headings as Word copies its list numbers, “一、\t总体情况”."""
    lines = [TITLE, "本报告依据《中华人民共和国政府信息公开条例》编制。"]
    for key, heading in HEADINGS.items():
        lines.append(heading.replace("、", "、\t", 1) if heading_tab else heading)
        lines += TEXT.get(key, [])
        lines += _rows(key) if key in TABLES else []
    return "\n".join([*lines, ORGAN, "2022年1月12日", ""])


@pytest.mark.parametrize("heading_tab", [False, True])
def test_rows_copied_one_a_line_read_every_figure(tmp_path: Path, heading_tab: bool) -> None:
    path = tmp_path / "复制.txt"
    path.write_text(_copy(heading_tab), encoding="utf-8")
    r = load_report(path)
    wrong = {k: (v, r.tables[k[0]][k[1:]]) for k, v in VALUES.items() if str(r.tables[k[0]][k[1:]]) != v}
    assert not wrong
    assert (r.organ, r.year, r.date) == (ORGAN, 2021, dt.date(2022, 1, 12))
    assert {k: r.section_text(k) for k in TEXT} == {k: "\n".join(v) for k, v in TEXT.items()}
    assert not [(f.code, f.message) for f in r.import_findings]


@pytest.mark.parametrize(("cells", "said"), [
    (2_000_000, "一个表格有2000000列"),  # one line of cells: refused before it is split (rev21 L1)
    (301, "一个表格有301列"),
])
def test_a_row_line_too_wide_is_refused_in_one_line(tmp_path: Path, cells: int, said: str) -> None:
    path = tmp_path / "宽.txt"
    path.write_text(f"{TITLE}\n" + "\t".join(["12"] * cells) + "\n", encoding="utf-8")
    with pytest.raises(ReadError) as refused:
        load_report(path)
    assert said in str(refused.value) and "\n" not in str(refused.value)


def test_rows_past_the_cells_of_a_table_are_refused_as_gathered(tmp_path: Path) -> None:
    path = tmp_path / "多.txt"
    path.write_text(f"{TITLE}\n" + ("\t".join(["1"] * 300) + "\n") * 400, encoding="utf-8")  # 120,000 cells
    with pytest.raises(ReadError, match="一个表格超过100000个单元格"):
        load_report(path)


def _names_line_copy() -> str:
    """表三 copied with one line of its column names and no field for the labels' column (rev24a
    H4: a PDF's copy, tidied text), its rows as usual: “自然人⇥商业企业⇥…⇥总计” over “一、…⇥128⇥…”."""
    lines = [TITLE, "本报告依据《中华人民共和国政府信息公开条例》编制。"]
    for key, heading in HEADINGS.items():
        lines += [heading, *TEXT.get(key, [])]
        if key == REQUESTS:
            rows: dict[int, list[str]] = {}
            for cell in TABLES[key].layout:
                if cell.data is not None or cell.text:
                    rows.setdefault(cell.row, []).append(VALUES[(key, *cell.data)] if cell.data is not None else cell.text)
            lines += ["\t".join(T3_COLS)] + ["\t".join(cells[-1 - len(T3_COLS):]) for _, cells in sorted(rows.items())
                                             if len(cells) > len(T3_COLS)]
        elif key in TABLES:
            lines += _rows(key)
    return "\n".join([*lines, ORGAN, "2022年1月12日", ""])


def test_column_names_without_the_labels_field_stand_over_the_figures(tmp_path: Path) -> None:
    path = tmp_path / "复制.txt"
    path.write_text(_names_line_copy(), encoding="utf-8")
    r = load_report(path)
    wrong = {k: (v, r.tables[k[0]][k[1:]]) for k, v in VALUES.items() if str(r.tables[k[0]][k[1:]]) != v}
    assert not wrong
    assert not [f.message for f in r.import_findings if f.location.section == REQUESTS]
