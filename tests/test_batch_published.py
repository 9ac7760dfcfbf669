"""A 发布稿 the editor exported beside its report is no second report in a reviewer's batch (rev25c
P2: exported into the folder under review, it came back as another report of the same organ and
year, 未审核, its dismissed errors counted again — a 发布稿 carries no dismissals — and the summary
counted one report more).  Known by its name beside its report AND by being ours, as a backup is;
a 发布稿 sent on its own, or one another program wrote, is checked as any report."""

from __future__ import annotations

import shutil
from pathlib import Path

from app import batch, ownfiles
from app.checks import run_all
from app.findings import Severity
from app.io import save_report
from app.publish import write_published
from tests.conftest import SAMPLE
from tests.helpers import run_app
from tests.test_batch import report
from tests.test_dismissals import dismiss
from tests.test_publish_errors import unbalanced


def _folder(root: Path) -> Path:
    """A report with its errors dismissed, its 发布稿 beside it, and another office's report."""
    root.mkdir()
    r = unbalanced()
    for f in [f for f in run_all(r) if f.severity is Severity.ERROR]:
        dismiss(r, f, "核实无误")
    save_report(r, root / "某街道2024年报.docx")
    write_published(r, root / ownfiles.published_name("某街道2024年报.docx"))
    save_report(report("某县教育局", 2024), root / "教育局.docx")
    return root


def test_the_published_copy_beside_its_report_is_passed_over_as_ours(tmp_path: Path) -> None:
    root = _folder(tmp_path / "收到的年报")
    published = root / "某街道2024年报（发布稿）.docx"
    assert published.exists() and batch.run([published], jobs=1).checked, "a readable report, named alone"
    b = batch.run([root], jobs=1)
    assert sorted(Path(r.path).name for r in b.checked) == ["教育局.docx", "某街道2024年报.docx"]
    assert all(not r.duplicates and r.count(Severity.ERROR) == 0 for r in b.checked), "no second report, no errors back"
    (over,) = b.passed_over()
    assert Path(over.path) == published and over.reason == ownfiles.PUBLISHED_REASON and batch.is_own_file(over)
    assert b.exit_code() == 0


def test_the_command_line_counts_it_apart(tmp_path: Path) -> None:
    root = _folder(tmp_path / "收到的年报")
    out = run_app("check", root, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "文件夹中另有 0 个非年报文件未检查，本程序导出的发布稿 1 个未检查" in out.stdout


def test_a_published_copy_alone_or_not_ours_is_a_report(tmp_path: Path) -> None:
    root = _folder(tmp_path / "收到的年报")
    (root / "某街道2024年报.docx").unlink()  # sent on its own: the office's report
    assert "某街道2024年报（发布稿）.docx" in [Path(r.path).name for r in batch.run([root], jobs=1).checked]
    other = tmp_path / "另一处"
    other.mkdir()
    save_report(report("某县财政局", 2024), other / "财政局.docx")
    shutil.copy(SAMPLE, other / "财政局（发布稿）.docx")  # the name, but Word wrote it
    names = sorted(Path(r.path).name for r in batch.run([other], jobs=1).checked)
    assert names == ["财政局.docx", "财政局（发布稿）.docx"]
