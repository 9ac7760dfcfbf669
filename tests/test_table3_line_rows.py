"""表三 as PDF→Word converters rebuild it from a PDF's text lines (rev25a C9): a label wrapped over
several lines becomes several rows, its words cut where each line ended, the figures on one of
them — the first, the middle or the last.  Every figure is read into its row.  Before, with the
figures on the last line, 2.重复申请 took 1.信访举报投诉类申请's figures (a fragment “申请” read as
its label) and 140 other cells were blank; on the first or middle line the two long （六） rows
were lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reading import load_report
from app.schema import T3_COLS, T3_ROW_PATHS
from tests.thirdparty import Spec, build, replace_table

WIDTHS = (5, 6, 9)  # characters a line holds in each label column (a narrow portrait page)
FIGURES = {(r, c): str((r * 3 + c * 5) % 17 + 1) for r in range(len(T3_ROW_PATHS)) for c in range(len(T3_COLS))}


def _lines(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def _rows(place: str) -> list[list[str]]:
    out = [["", "", "", *T3_COLS]]
    seen: set[str] = set()
    for r, path in enumerate(T3_ROW_PATHS):
        columns = ["", "", ""]
        for j, label in zip((0, 1, 2)[3 - len(path):] if len(path) > 1 else (2,), path, strict=True):
            columns[j] = "" if label in seen else label
            seen.add(label)
        wrapped = [_lines(text, WIDTHS[j]) for j, text in enumerate(columns)]
        n = max(map(len, wrapped))
        at = {"first": 0, "middle": (n - 1) // 2, "last": n - 1}[place]
        figures = [FIGURES[r, c] for c in range(len(T3_COLS))]
        out += [[w[i] if i < len(w) else "" for w in wrapped] + (figures if i == at else [""] * len(figures))
                for i in range(n)]
    return out


@pytest.mark.parametrize("place", ["first", "middle", "last"])
def test_table_three_a_row_a_text_line(tmp_path: Path, place: str) -> None:
    path = build(Spec(), tmp_path / "t3.docx")
    replace_table(path, "自然人", _rows(place))
    r = load_report(path)
    wrong = {k: (v, r.tables["三"].get(k)) for k, v in FIGURES.items() if r.tables["三"].get(k) != int(v)}
    assert not wrong, wrong
    assert not [f.message for f in r.import_findings if f.severity.name == "ERROR"]
