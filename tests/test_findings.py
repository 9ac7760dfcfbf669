"""The registry of findings: every code declared once, README's table generated from it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from app.codes_table import markdown_table
from app.findings import (
    HEADING_EDITED,
    LABEL_EDITED,
    REGISTRY,
    ROW_REPEATED,
    ROW_UNPLACED,
    TABLE_UNKNOWN,
    Finding,
    Location,
    Severity,
)
from app.reading import load_report
from app.schema import T3_COL_NATURAL, T3_ROW, TABLES
from tests.thirdparty import Spec, build

ROOT = Path(__file__).parents[1]
CODES = {code for code, _ in REGISTRY}


def test_a_finding_with_an_undeclared_code_is_refused() -> None:
    with pytest.raises(ValueError, match="not declared"):
        Finding("NO-SUCH-CODE", Severity.ERROR, Location("一"), "x")
    with pytest.raises(ValueError, match="not declared"):
        Finding("LABEL-EDITED", Severity.WARNING, Location("一"), "x", kind="no-such-kind")


def test_every_entry_is_complete() -> None:
    for (code, kind), d in REGISTRY.items():
        assert (d.code, d.kind) == (code, kind)
        assert d.title and d.meaning and d.fix, d
        assert "\n" not in d.title


def _string_constants(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(n.lineno, n.value) for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def test_no_code_is_written_outside_the_registry() -> None:
    """Checks name a code through its declaration; the schema's rules name theirs (a link from
    a rule to its entry, checked below)."""
    offenders = [
        f"{p.relative_to(ROOT)}:{line}: {value}"
        for folder in ("app", "ui")
        for p in (ROOT / folder).rglob("*.py")
        if p.relative_to(ROOT).as_posix() not in ("app/findings.py", "app/schema.py")
        for line, value in _string_constants(p)
        if value in CODES
    ]
    assert offenders == []


def test_the_schema_rules_name_declared_codes() -> None:
    rules = [r for spec in TABLES.values() for r in (*spec.sum_rules, *spec.balance_rules)]
    assert rules
    for rule in rules:
        assert (rule.code, "") in REGISTRY, rule.code


def test_readme_table_is_generated_from_the_registry() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("-->\n", readme.index("<!-- codes:")) + 4
    end = readme.index("<!-- /codes -->")
    assert readme[start:end] == markdown_table(), "run: python -m app.codes_table --markdown, paste into README.md"


def test_the_markdown_command_prints_the_table() -> None:
    out = subprocess.run([sys.executable, "-m", "app.codes_table", "--markdown"], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert out.stdout == markdown_table()
    assert all(f"`{code}`" in out.stdout for code in CODES)


def test_label_edited_tells_its_situations_apart(tmp_path: Path) -> None:
    """One file with an edited heading, an edited table label, a row that cannot be placed
    and a table that is not statutory: each situation has its own kind."""
    spec = Spec(
        headings={"五": "五、工作中存在的主要问题及改进情况"},
        relabel={"2.重复申请": "2.重复申清", "3.其他": "甲乙丙丁"},
        t3={(T3_ROW["2.重复申请"], T3_COL_NATURAL): "1", (T3_ROW["3.其他"], T3_COL_NATURAL): "5"},
    )
    path = build(spec, tmp_path / "r.docx")
    import docx

    doc = docx.Document(str(path))
    extra = doc.add_table(rows=2, cols=2)
    extra.cell(0, 0).text, extra.cell(0, 1).text = "月份", "件数"
    extra.cell(1, 0).text, extra.cell(1, 1).text = "一月", "12"
    doc.save(str(path))
    found = {(f.code, f.kind) for f in load_report(path).import_findings}
    for d in (LABEL_EDITED, HEADING_EDITED, ROW_UNPLACED, TABLE_UNKNOWN):
        assert (d.code, d.kind) in found, d
    kinds = {d.kind for d in (LABEL_EDITED, HEADING_EDITED, ROW_UNPLACED, ROW_REPEATED, TABLE_UNKNOWN)}
    assert len(kinds) == 5 and {d.code for d in (LABEL_EDITED, ROW_UNPLACED, ROW_REPEATED)} == {"LABEL-EDITED"}
