"""A table row a converter cut into text lines (PDF→Word tools rebuild a table from a PDF's lines:
a label wrapped over three lines becomes three rows, the words cut where the line ended, the
figures on one of them — the first, the middle or the last).  The rows without figures around a
row with figures are joined with it, column by column, where that makes a statutory label word
for word; else each row stays as it was."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from app.docx.fastgrid import GridCell
from app.labels import loose
from app.schema import T3_ROW_PATHS
from app.textfold import fold

Labels = dict[int, str]  # label cells' texts by grid column
_REACH = 4  # rows a wrapped label spreads over, either side of its figures
_T3_LABELS = frozenset(loose(x) for path in T3_ROW_PATHS for x in path)


def t3_label(text: str) -> bool:
    """A label of 表三 word for word, a group's (三、本年度办理结果) or a row's."""
    return loose(text) in _T3_LABELS


def line_rows(rows: list[tuple[Labels, dict[int, GridCell]]], exact: Callable[[list[str]], bool],
              part: Callable[[str], bool]) -> list[tuple[list[str], dict[int, GridCell]]]:
    """The rows as (labels in column order, figures), label-only rows joined to the row with
    figures they continue when ``exact`` says the joined labels name a statutory row and ``part``
    that each column joined from several rows is a statutory label whole (a group's: 三、本年度办理结果),
    not two labels run together (a blank row's label before a 2019 row's)."""
    figured = [any(fold(c.text) for c in values.values()) for _, values in rows]
    out: list[tuple[list[str], dict[int, GridCell]]] = []
    used = -1  # the last row taken

    def joined(a: int, b: int) -> list[str]:
        if a == b:  # one row (most): its labels in column order
            labels = rows[a][0]
            return [t for j in sorted(labels) if (t := labels[j].strip())]
        columns = sorted({j for k in range(a, b + 1) for j in rows[k][0]})
        return [t for j in columns if (t := "".join(rows[k][0].get(j, "").strip() for k in range(a, b + 1)))]

    def pieced(a: int, b: int) -> list[str]:
        """The columns the window joins from several rows: each must then be a label whole."""
        columns = sorted({j for k in range(a, b + 1) for j in rows[k][0]})
        return [t for j in columns if sum(j in rows[k][0] for k in range(a, b + 1)) > 1
                for t in ["".join(rows[k][0].get(j, "").strip() for k in range(a, b + 1))]]

    for i in range(len(rows)):
        if i <= used or not figured[i]:
            continue
        window = (i, i)
        if not exact(joined(i, i)):
            following = next((k for k in range(i + 1, len(rows)) if figured[k]), len(rows))
            tried = sorted(((a, b) for a in range(max(used + 1, i - _REACH), i + 1)
                            for b in range(i, min(following, i + _REACH + 1))
                            if (a, b) != (i, i) and all(rows[k][0].keys() & rows[i][0].keys() for k in range(a, b + 1))),
                           key=lambda w: w[1] - w[0])  # (the rows' words in the row's own label columns: its lines)
            window = next((w for w in tried if exact(joined(*w)) and all(map(part, pieced(*w)))), window)
        out += [(joined(k, k), rows[k][1]) for k in range(used + 1, window[0])]
        out.append((joined(*window), rows[i][1]))
        used = window[1]
    out += [(joined(k, k), rows[k][1]) for k in range(used + 1, len(rows))]
    return out


@cache
def _t3_paths() -> dict[str, str]:
    """Each row's label run together with its groups' before it (三、本年度办理结果（一）予以公开), folded -> the row's label."""
    return {loose("".join(path[i:])): path[-1] for path in T3_ROW_PATHS for i in range(len(path))}


def cut_label(labels: list[str]) -> str:
    """A label a converter cut over two cells where a PDF's line ended (“一、本年新收政府｜信息公开申请数量”,
    “三、本年度办理结｜果（一）予以公开”): the last cells run together, when that is a row's label (after its
    groups') word for word; else the last cell, as before.  (Only for a last cell that is no label whole.)"""
    paths = _t3_paths()
    for k in range(2, len(labels) + 1):
        whole = paths.get(loose("".join(x.strip() for x in labels[-k:])))
        if whole is not None:
            return whole
    return labels[-1]
