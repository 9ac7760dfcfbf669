"""表三's seven applicant columns set out in two Word tables one under the other, each with the
row labels (自然人…科研机构, then 社会公益组织…总计: a portrait page's habit), with or without
“（续表）” between (rev25a C1).  Every figure is read, and nothing says a column or the row order
is wrong.  Before, the first table's 75 figures were dropped and the user was told the file had
no 自然人/商业企业/科研机构 columns."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from app.reading import load_report
from app.schema import T3_COLS, T3_ROW_PATHS
from tests.thirdparty import Spec, build, replace_table

LABEL_COLUMNS = 3  # the grid columns thirdparty.build gives 表三's labels
SPLIT = 3  # applicant columns in the first table


def _keep(tbl: Any, cols: set[int]) -> None:
    """Only grid columns ``cols`` of a w:tbl (spans cut to what is kept)."""
    grid = tbl.find(qn("w:tblGrid"))
    for i, col in enumerate(grid.findall(qn("w:gridCol"))):
        if i not in cols:
            grid.remove(col)
    for tr in tbl.findall(qn("w:tr")):
        pos = 0
        for tc in tr.findall(qn("w:tc")):
            span = tc.find(qn("w:tcPr") + "/" + qn("w:gridSpan"))
            width = int(span.get(qn("w:val"))) if span is not None else 1
            kept = [c for c in range(pos, pos + width) if c in cols]
            if not kept:
                tr.remove(tc)
            elif len(kept) != width:
                span.set(qn("w:val"), str(len(kept)))
            pos += width


def split_table_three(doc: Any, second_labels: bool = True) -> tuple[Any, Any]:
    """表三 of ``doc`` (python-docx) cut into two tables, the first with the labels and SPLIT
    applicant columns, the second (with the labels when ``second_labels``) with the rest, one
    under the other: (first, second)."""
    first = next(t for t in doc.tables if "自然人" in "".join(c.text for c in t._cells))._tbl
    second = copy.deepcopy(first)
    _keep(first, set(range(LABEL_COLUMNS + SPLIT)))
    rest = set(range(LABEL_COLUMNS + SPLIT, LABEL_COLUMNS + len(T3_COLS)))
    _keep(second, (set(range(LABEL_COLUMNS)) | rest) if second_labels else rest)
    first.addnext(second)
    return first, second


@pytest.mark.parametrize("between", ["", "（续表）"])
def test_table_three_in_two_column_parts(tmp_path: Path, between: str) -> None:
    figures = {(r, c): str((r * 7 + c) % 13 + 1) for r in range(len(T3_ROW_PATHS)) for c in range(len(T3_COLS))}
    path = build(Spec(t3=figures), tmp_path / "t3.docx")
    doc = docx.Document(str(path))
    first, _ = split_table_three(doc)
    if between:
        first.addnext(doc.add_paragraph(between)._p)
    doc.save(str(path))
    r = load_report(path)
    wrong = {k: (v, r.tables["三"].get(k)) for k, v in figures.items() if r.tables["三"].get(k) != int(v)}
    assert not wrong, wrong
    assert not [f.message for f in r.import_findings if "表三" in f.message], r.import_findings


def test_a_text_copy_with_two_header_lines_is_no_part_of_few_columns(tmp_path: Path) -> None:
    """What must not change with the parts above (e6992b7 broke it, rev24a r_text_header_shift): a text
    copy whose header is two lines (自然人 法人或其他组织 总计 / the five kinds) names a few columns out of
    place; its figures stand in seven columns, so the header is not trusted with a few: read in order."""
    names = list(T3_COLS)
    figures = {(r, c): (r * 7 + c) % 13 + 1 for r in range(len(T3_ROW_PATHS)) for c in range(len(T3_COLS))}
    lines = ["某市某区人民政府某某街道办事处2023年度政府信息公开工作年度报告", "一、总体情况", "本年度工作正常开展。",
             "三、收到和处理政府信息公开申请情况", "申请人情况", "\t".join([names[0], "法人或其他组织", names[-1]]),
             "\t".join(names[1:-1]),
             *("\t".join([path[-1], *(str(figures[r, c]) for c in range(len(T3_COLS)))]) for r, path in enumerate(T3_ROW_PATHS)),
             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "无。", "六、其他需要报告的事项", "无。",
             "某市某区人民政府某某街道办事处", "2024年1月20日"]
    path = tmp_path / "copy.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    r = load_report(path)
    wrong = {k: (v, r.tables["三"].get(k)) for k, v in figures.items() if r.tables["三"].get(k) != v}
    assert not wrong, wrong


def _split(tmp_path: Path, figures: dict[tuple[int, int], str], drop_rows: int = 0) -> Path:
    """The two parts one under the other, the second without the row names (its header over its own
    columns: 申请人情况 spans them); ``drop_rows``: that many of its last rows left out."""
    path = build(Spec(t3=figures), tmp_path / "t3.docx")
    doc = docx.Document(str(path))
    _, second = split_table_three(doc, second_labels=False)
    for tr in second.findall(qn("w:tr"))[len(second.findall(qn("w:tr"))) - drop_rows:]:
        second.remove(tr)
    doc.save(str(path))
    return path


FIGURES = {(r, c): str((r * 5 + c * 2) % 11 + 1) for r in range(len(T3_ROW_PATHS)) for c in range(len(T3_COLS))}


def test_the_second_part_without_row_names_takes_the_first_parts(tmp_path: Path) -> None:
    """rev25a C1: before, 社会公益组织…总计 (100 figures) were blank, the part “不是法定统计表”."""
    r = load_report(_split(tmp_path, FIGURES))
    wrong = {k: (v, r.tables["三"].get(k)) for k, v in FIGURES.items() if r.tables["三"].get(k) != int(v)}
    assert not wrong, wrong
    assert not [f.message for f in r.import_findings if "表三" in f.message or "不是法定" in f.message]


def test_a_part_without_row_names_and_other_rows_is_said(tmp_path: Path) -> None:
    """Row for row only when the rows line up: a part a row short is said, never read a row off."""
    r = load_report(_split(tmp_path, FIGURES, drop_rows=1))
    assert all(r.tables["三"].get((row, c)) is None for row in range(len(T3_ROW_PATHS)) for c in range(SPLIT, 6))
    assert any("没有行名" in f.message and "未导入" in f.message for f in r.import_findings)


def test_natural_persons_legal_persons_and_total_only(tmp_path: Path) -> None:
    """An office's own 自然人｜法人或其他组织｜总计 (rev25a b29): before, nothing at all was read and all 25 rows were
    “没有找到”.  自然人 and 总计 are read; the sum column is said, never put under one kind."""
    path = build(Spec(), tmp_path / "t3.docx")
    rows = [["项目", T3_COLS[0], "法人或其他组织", T3_COLS[-1]]]
    rows += [[p[-1], FIGURES[r, 0], str(sum(int(FIGURES[r, c]) for c in range(1, 6))), FIGURES[r, 6]]
             for r, p in enumerate(T3_ROW_PATHS)]
    replace_table(path, "自然人", rows)
    r = load_report(path)
    for row in range(len(T3_ROW_PATHS)):
        assert (r.tables["三"].get((row, 0)), r.tables["三"].get((row, 6))) == (int(FIGURES[row, 0]), int(FIGURES[row, 6]))
        assert all(r.tables["三"].get((row, c)) is None for c in range(1, 6))
    said = [f.message for f in r.import_findings if "表三" in f.message]
    assert any("法人或其他组织" in m and "合计" in m for m in said), said
    assert not any("没有找到" in m for m in said), said


def test_a_second_partial_table_three_is_said(tmp_path: Path) -> None:
    """The full 表三, then (附：上年同期) a table of its row names and three kinds holding other figures (rev25a C31):
    the full table's figures stay, and the second is said.  Before, it vanished without a word (a save drops it)."""
    path = build(Spec(t3=FIGURES), tmp_path / "t3.docx")
    doc = docx.Document(str(path))
    full = next(t for t in doc.tables if "自然人" in "".join(c.text for c in t._cells))._tbl
    part = copy.deepcopy(full)
    _keep(part, set(range(LABEL_COLUMNS + SPLIT)))
    for t in part.iter(qn("w:t")):
        t.text = str(int(t.text) + 500) if t.text and t.text.strip().isdigit() else t.text
    full.addnext(part)
    full.addnext(doc.add_paragraph("附：上年同期（部分申请人）")._p)
    doc.save(str(path))
    r = load_report(path)
    wrong = {k: (v, r.tables["三"].get(k)) for k, v in FIGURES.items() if r.tables["三"].get(k) != int(v)}
    assert not wrong, wrong
    assert any("表三" in f.message and "未导入" in f.message and f.severity.name == "ERROR" for f in r.import_findings)


def _labels(path: tuple[str, ...]) -> list[str]:
    return ["", "", ""][:3 - len(path)] + list(path)


def test_two_column_parts_in_one_table(tmp_path: Path) -> None:
    """The two parts one under the other in ONE table — what a PDF or web page of them gives when nothing stands
    between (LibreOffice's of the stacked .docx): the second header row below figures opens the other columns.
    Before, the second part's rows were read under the first part's columns: 175 blank, “少了这些列”."""
    rows = [["项目", "", "", *T3_COLS[:SPLIT], ""]]
    rows += [[*_labels(p), *(str(FIGURES[r, c]) for c in range(SPLIT)), ""] for r, p in enumerate(T3_ROW_PATHS)]
    rows += [["项目", "", "", *T3_COLS[SPLIT:]]]
    rows += [[*_labels(p), *(str(FIGURES[r, c]) for c in range(SPLIT, len(T3_COLS)))] for r, p in enumerate(T3_ROW_PATHS)]
    path = build(Spec(), tmp_path / "t3.docx")
    replace_table(path, "自然人", rows)
    r = load_report(path)
    wrong = {k: (v, r.tables["三"].get(k)) for k, v in FIGURES.items() if r.tables["三"].get(k) != int(v)}
    assert not wrong, wrong
    assert not [f.message for f in r.import_findings if "表三" in f.message]
