"""Every dataclass of app/ and ui/ has a docstring of its own.

Without one, ``dataclasses`` makes one at class creation from ``inspect.signature(cls)``
(Python 3.11: the signature built and turned into text, ~40 µs a class): nine such classes were
created in each `export --to .pdf` process.  Read from the source (no module is imported), so
the test also holds modules that only the editor loads.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _is_dataclass_decorator(node: ast.expr) -> bool:
    target = node.func if isinstance(node, ast.Call) else node
    if isinstance(target, ast.Attribute):  # dataclasses.dataclass
        return target.attr == "dataclass"
    return isinstance(target, ast.Name) and target.id == "dataclass"


def undocumented_dataclasses(paths: list[Path], root: Path = ROOT) -> list[str]:
    found = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (isinstance(node, ast.ClassDef) and any(map(_is_dataclass_decorator, node.decorator_list))
                    and ast.get_docstring(node) is None):
                found.append(f"{path.relative_to(root).as_posix()}: {node.name}")
    return found


def test_every_dataclass_has_its_own_docstring() -> None:
    paths = sorted([*(ROOT / "app").rglob("*.py"), *(ROOT / "ui").rglob("*.py")])
    assert len(paths) > 100
    assert undocumented_dataclasses(paths) == []


def test_an_undocumented_dataclass_is_found(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from dataclasses import dataclass\nimport dataclasses\n\n"
        "@dataclass(frozen=True)\nclass A:\n    x: int\n\n"
        "@dataclasses.dataclass\nclass B:\n    \"\"\"Documented.\"\"\"\n\n    y: int\n\n"
        "@dataclasses.dataclass\nclass C:\n    y: int\n\n"
        "class D:\n    z: int\n",
        encoding="utf-8")
    assert undocumented_dataclasses([sample], tmp_path) == ["sample.py: A", "sample.py: C"]
