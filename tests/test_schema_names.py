"""The statutory labels are written once, in app/schema.py: a label of a table, a column or a
section spelled out as a string literal anywhere else in app/ fails here (use the schema's names:
TABLE2.row_labels[T2_FEES], T3_COLS, T4_REVIEW, SECTION_BY_KEY[OTHER_MATTERS].heading …)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from app import schema

APP = Path(__file__).resolve().parents[1] / "app"

# Files whose literals quote the format in prose for people, not to look anything up.
ALLOWED: dict[str, str] = {
    "findings.py": "the registry's titles and meanings are prose (README's code table and the help "
                   "are generated from them) that quote labels as a reader knows them",
}
_CONTAINED = 4  # shorter labels (规章, 总计, 其他, 自然人) are everyday words inside a message


def _labels() -> set[str]:
    out: set[str] = set()
    for spec in schema.TABLES.values():
        out |= {c.text for c in spec.layout if c.text}
        out |= {c.row_label for c in spec.cells if c.row_label}
        out |= {c.col_label for c in spec.cells if c.col_label and "·" not in c.col_label}
    for sec in schema.SECTIONS:
        out |= {sec.heading, sec.heading.split("、", 1)[1]}
    out |= set(schema.T3_RESULT_KINDS) | set(schema.T4_GROUPS) | set(schema.T4_RESULTS)
    out |= {schema.T4_REVIEW, schema.T4_LITIGATION}
    out |= {schema.t3_short(r) for r in range(schema.TABLE3.n_rows)}
    return {label for label in out if len(label) >= 2}


LABELS = _labels()


def _is_regex(text: str) -> bool:
    """A pattern over running text (how reports write about 行政复议 or 其他处理), not a lookup."""
    return "(?" in text or "|" in text


def offending(source: str) -> list[tuple[int, str, str]]:
    """(line, literal, label) for each string literal that is or contains a statutory label."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value) for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in docstrings:
            continue
        text = node.value
        if _is_regex(text):
            continue
        for label in sorted(LABELS):
            if text == label or (len(label) >= _CONTAINED and label in text):
                found.append((node.lineno, text, label))
                break
    return found


def test_no_label_is_spelled_out_outside_the_schema() -> None:
    problems = []
    for path in sorted(APP.rglob("*.py")):
        rel = path.relative_to(APP).as_posix()
        if rel == "schema.py" or rel in ALLOWED:
            continue
        problems += [f"app/{rel}:{line}: “{text[:40]}” spells out “{label}”"
                     for line, text, label in offending(path.read_text(encoding="utf-8"))]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize(("source", "caught"), [
    ('x = report.tables["三"][(T3_ROW["（一）予以公开"], 0)]', True),  # a label as a lookup key
    ('LABELS = ("行政许可", "行政处罚")', True),
    ('m = f"表二“{label}”现行有效件数为{n}"', True),  # a label inside a message
    ('"""The 行政许可 row."""', False),  # a docstring explains
    ('P = re.compile(r"行政复议(?:案件)?\\d+件")', False),  # a pattern over running text
    ('m = "合计由上年的非零变为0"', False),  # everyday words, no label
])
def test_the_guard_tells_labels_from_prose(source: str, caught: bool) -> None:
    assert bool(offending(source)) is caught


def test_allowed_files_exist() -> None:
    assert all((APP / rel).exists() for rel in ALLOWED)
