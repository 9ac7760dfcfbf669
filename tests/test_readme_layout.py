"""README's 结构 table describes the code as it is: every path it lists exists, and every
module of app/ and ui/ is listed (a package's modules by name on the package's line)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("app", "ui")
FIX = "add or correct its line in README.md's “## 结构 / Layout” table (one line: what the module is for)"


def layout_rows(root: Path) -> list[tuple[list[str], str]]:
    """(the paths in the first column, the whole line) of each row of the table."""
    text = (root / "README.md").read_text(encoding="utf-8")
    section = text.split("## 结构 / Layout", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = line.split("|")
        if len(cells) >= 3 and cells[1].strip().startswith("`"):
            rows.append((re.findall(r"`([^`]+)`", cells[1]), line))
    return rows


def missing_paths(root: Path) -> list[str]:
    return [p for paths, _ in layout_rows(root) for p in paths if not (root / p).exists()]


def unlisted_modules(root: Path) -> list[str]:
    rows = layout_rows(root)
    listed = {p for paths, _ in rows for p in paths}
    package_lines = {p: line for paths, line in rows for p in paths if p.endswith("/")}
    unlisted = []
    for module in sorted(m for package in PACKAGES for m in (root / package).rglob("*.py")):
        rel = module.relative_to(root).as_posix()
        if rel in ("app/__init__.py", "ui/__init__.py") or rel in listed:
            continue
        line = package_lines.get(rel.rsplit("/", 1)[0] + "/", "")
        if rel.count("/") == 1 or not line or (module.name != "__init__.py" and f"`{module.name}`" not in line):
            unlisted.append(rel)
    return unlisted


def test_the_table_lists_the_reading_pipeline() -> None:
    rows = layout_rows(ROOT)
    assert len(rows) > 20
    assert any("app/reading.py" in paths for paths, _ in rows)


def test_every_listed_path_exists() -> None:
    assert missing_paths(ROOT) == [], f"listed in README's 结构 table but not in the tree: {FIX}"


def test_every_app_and_ui_module_is_listed() -> None:
    assert unlisted_modules(ROOT) == [], f"not in README's 结构 table: {FIX}"


def test_a_new_module_or_a_removed_one_is_caught(tmp_path: Path) -> None:
    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    for folder in ("resources", "tests", "benchmarks", "build", "scripts"):
        (tmp_path / folder).symlink_to(ROOT / folder)
    assert missing_paths(tmp_path) == [] and unlisted_modules(tmp_path) == []
    (tmp_path / "app" / "newthing.py").write_text("")
    (tmp_path / "app" / "docx" / "newpart.py").write_text("")
    (tmp_path / "ui" / "newpanel.py").write_text("")
    (tmp_path / "app" / "reading.py").unlink()
    (tmp_path / "ui" / "findings_view.py").unlink()
    assert unlisted_modules(tmp_path) == ["app/docx/newpart.py", "app/newthing.py", "ui/newpanel.py"]
    assert missing_paths(tmp_path) == ["app/reading.py", "ui/findings_view.py"]
