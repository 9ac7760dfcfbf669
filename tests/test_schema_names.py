"""The statutory labels and the sections' keys are written once, in app/schema.py: a label of a
table, a column or a section spelled out as a string literal anywhere else in app/ or ui/ fails
here, and so does a section's key (“一” … “六”, 前言, 基本信息) written as a literal where a
section is meant (use the schema's names: TABLE2.row_labels[T2_FEES], T3_COLS, T4_REVIEW,
SECTION_BY_KEY[OTHER_MATTERS].heading, REQUESTS, PROBLEMS, section_name(key) …)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from app import schema

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("app", "ui")

# Files whose literals quote the format in prose for people, not to look anything up.
ALLOWED: dict[str, str] = {
    "app/findings.py": "the registry's titles and meanings are prose (README's code table and the help "
                       "are generated from them) that quote labels as a reader knows them",
}
# Literals equal to a section's key that are not a section, by file: what they are instead.
KEYS_ALLOWED: dict[str, tuple[frozenset[str], str]] = {
    "app/numerals.py": (frozenset("一二三四五六"), "the digits of written numbers (十二, 二〇二三), not sections"),
    "app/xlsx_write.py": (frozenset({schema.META}), "the name of the workbook's sheet of metadata: part of the file "
                                              "people keep, it must not follow a renamed key"),
}
_CONTAINED = 4  # shorter labels (规章, 总计, 其他, 自然人) are everyday words inside a message

SECTION_KEYS = frozenset({schema.PREAMBLE, schema.META, *(s.key for s in schema.SECTIONS)})


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


def _literals(source: str) -> list[ast.Constant]:
    """The string literals of a module that are code: docstrings (which explain) left out."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value) for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    return [node for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def offending(source: str) -> list[tuple[int, str, str]]:
    """(line, literal, label) for each string literal that is or contains a statutory label."""
    found = []
    for node in _literals(source):
        text = node.value
        if _is_regex(text):
            continue
        for label in sorted(LABELS):
            if text == label or (len(label) >= _CONTAINED and label in text):
                found.append((node.lineno, text, label))
                break
    return found


def section_keys(source: str) -> list[tuple[int, str]]:
    """(line, key) for each string literal that is a section's key.  A character written as an
    escape (``"\\u4e00"``, the first CJK code point) is a code point, not the section 一."""
    found = []
    for node in _literals(source):
        if node.value in SECTION_KEYS:
            written = ast.get_source_segment(source, node) or node.value
            if node.value in written:
                found.append((node.lineno, node.value))
    return found


def _sources() -> list[tuple[str, str]]:
    return [(path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8"))
            for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))
            if path.relative_to(ROOT).as_posix() != "app/schema.py"]


def test_no_label_is_spelled_out_outside_the_schema() -> None:
    problems = [f"{rel}:{line}: “{text[:40]}” spells out “{label}”"
                for rel, source in _sources() if rel not in ALLOWED
                for line, text, label in offending(source)]
    assert problems == [], "\n".join(problems)


def test_no_section_key_is_written_as_a_literal() -> None:
    problems = [f"{rel}:{line}: “{key}” as a literal: use the schema's name of the section "
                f"(OVERVIEW … OTHER_MATTERS, PREAMBLE, META)"
                for rel, source in _sources()
                for line, key in section_keys(source)
                if key not in KEYS_ALLOWED.get(rel, (frozenset(), ""))[0]]
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


@pytest.mark.parametrize(("source", "keys"), [
    ('x = report.tables["三"]', ["三"]),  # a table by its section's number
    ('if key == "五":\n    pass', ["五"]),
    ('where = "前言"', ["前言"]),
    ('page = {"基本信息": 0}', ["基本信息"]),
    ('x = report.tables[REQUESTS]', []),
    ('HAN = ("\\u4e00", "\\u9fff")', []),  # code points, written as such
    ('m = f"表三“{label}”"', []),  # the table's name in a message is prose
    ('"""Section 五 is the problems."""', []),
])
def test_the_guard_finds_section_keys(source: str, keys: list[str]) -> None:
    assert [key for _, key in section_keys(source)] == keys


def test_allowed_files_exist() -> None:
    assert all((ROOT / rel).exists() for rel in [*ALLOWED, *KEYS_ALLOWED])
