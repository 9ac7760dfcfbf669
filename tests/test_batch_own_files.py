"""What the editor writes beside a report for itself is never a report in a reviewer's batch
(GUI tester, session 12, #2 and #8): fixing a report from the batch list and saving left
``报告.bak.docx`` — the old version, 5 errors, under its old organ name so not even a
duplicate — checked as one more report by the next run; the owner file ``.nianbao-lock.报告.docx#``
was listed and counted as a file that is no report (“.docx#”)."""

from __future__ import annotations

import os
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from app import batch, lock, ownfiles
from app.io import save_report
from app.report import Report
from tests.helpers import run_app
from tests.test_batch import report


def _saved_twice(path: Path, before: Report, after: Report) -> Path:
    """``path`` saved with ``before``, then saved again with ``after`` as the editor saves
    (ui/documents.py atomic_save: the previous version kept as the backup); the backup."""
    save_report(before, path)
    backup = path.with_name(ownfiles.backup_name(path.name))
    save_report(after, path, backup)
    return backup


def _unfixed() -> Report:
    return report("某县财政局XBZ", 2023, carried_out=5)  # 表三 out of balance: errors


@pytest.fixture
def fixed(tmp_path: Path) -> Iterator[Path]:
    """A folder with one report fixed and saved in the editor, still open (its owner file), and
    a save's temporary left by a crash."""
    root = tmp_path / "收到的年报"
    root.mkdir()
    _saved_twice(root / "bad-2022.docx", _unfixed(), report("某县财政局", 2023))
    save_report(report("某县教育局", 2023), root / "教育局.docx")
    held = lock.acquire(root / "bad-2022.docx")
    assert held is not None and (root / ".nianbao-lock.bad-2022.docx#").exists()
    (root / ".~nianbao-99999-0123abcd.docx.tmp").write_bytes(b"PK")
    yield root
    held.release()


def test_the_backup_is_passed_over_as_ours_and_the_lock_file_silently(fixed: Path) -> None:
    assert batch.run([fixed / "bad-2022.bak.docx"], jobs=1).checked, "the backup is a readable report"
    b = batch.run([fixed], jobs=1)
    assert sorted(Path(r.path).name for r in b.checked) == ["bad-2022.docx", "教育局.docx"]
    assert all(r.count(batch.Severity.ERROR) == 0 and not r.duplicates for r in b.checked)
    over = b.passed_over()
    assert [Path(r.path).name for r in over] == ["bad-2022.bak.docx"], "no lock file, no temporary"
    assert over[0].reason == ownfiles.BACKUP_REASON and batch.is_own_file(over[0])
    assert b.exit_code() == 0


def test_the_command_line_counts_the_backup_apart(fixed: Path, tmp_path: Path) -> None:
    out = run_app("check", fixed, "--xlsx", tmp_path / "汇总.xlsx", timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "bad-2022.bak" not in out.stdout and ".nianbao-lock" not in out.stdout + out.stderr
    assert "文件夹中另有 0 个非年报文件未检查，本程序保存时留下的备份 1 个未检查" in out.stdout
    wb = openpyxl.load_workbook(tmp_path / "汇总.xlsx")
    assert [r for r in wb["未检查"].iter_rows(min_row=2, values_only=True)] == [
        ("bad-2022.bak.docx", ownfiles.BACKUP_REASON)]
    assert sorted(str(r[0]) for r in wb["汇总"].iter_rows(min_row=2, values_only=True)) == [
        "bad-2022.docx", "教育局.docx"]


def _resaved_by_word(path: Path) -> None:
    """``path`` as Word leaves it after saving: its own application name, our data part kept."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    app = parts["docProps/app.xml"]
    assert "年报编辑器".encode() in app
    parts["docProps/app.xml"] = app.replace("年报编辑器".encode(), b"Microsoft Office Word")
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_only_our_own_backup_beside_its_original_is_passed_over(tmp_path: Path) -> None:
    """By name AND content: a .bak.docx that Word wrote (a user may name a report so), or one
    without the file it is named after beside it (the last copy there is), is checked."""
    word = tmp_path / "word"
    word.mkdir()
    _resaved_by_word(_saved_twice(word / "报告.docx", _unfixed(), report("某县财政局", 2023)))
    alone = tmp_path / "alone"
    alone.mkdir()
    _saved_twice(alone / "报告.docx", _unfixed(), report("某县财政局", 2023))
    (alone / "报告.docx").unlink()
    for folder in (word, alone):
        b = batch.run([folder], jobs=1)
        assert "报告.bak.docx" in [Path(r.path).name for r in b.checked] and not b.passed_over()
    # our data part, which Word and WPS keep on re-saving, says ours as well
    kept = tmp_path / "kept"
    kept.mkdir()
    old = _unfixed()
    old.extras["dismissed"] = []
    _resaved_by_word(_saved_twice(kept / "报告.docx", old, report("某县财政局", 2023)))
    assert ownfiles.written_here(kept / "报告.bak.docx")
    assert [Path(r.path).name for r in batch.run([kept], jobs=1).passed_over()] == ["报告.bak.docx"]


def test_names_as_windows_compares_them_and_long_ones_shortened(tmp_path: Path) -> None:
    upper = tmp_path / "报告.DOCX"
    backup = _saved_twice(upper, _unfixed(), report("某县财政局", 2023))
    assert backup.name == "报告.bak.DOCX"
    long = tmp_path / ("长" * 83 + ".docx")  # 254 bytes: the backup's stem is shortened
    backup = _saved_twice(long, _unfixed(), report("某县教育局", 2023))
    assert not backup.name.startswith(long.stem) and backup.name.endswith(".bak.docx")
    files, skipped = batch.collect([tmp_path])
    assert sorted(p.name for p in files) == sorted([upper.name, long.name])
    assert sorted(p.name for p in skipped) == sorted(["报告.bak.DOCX", backup.name])


def test_a_backup_named_on_its_own_is_checked(fixed: Path) -> None:
    """A file the user names is checked whatever it is (app.batch.collect's rule)."""
    files, skipped = batch.collect([fixed / "bad-2022.bak.docx"])
    assert files == [fixed / "bad-2022.bak.docx"] and not skipped


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_named_as_a_backup_never_blocks(tmp_path: Path) -> None:
    save_report(report("某县财政局", 2023), tmp_path / "报告.docx")
    os.mkfifo(tmp_path / "报告.bak.docx")
    got: list[bool] = []
    reader = threading.Thread(target=lambda: got.append(ownfiles.written_here(tmp_path / "报告.bak.docx")),
                              daemon=True)
    reader.start()
    reader.join(10)
    assert got == [False]


def test_the_command_line_says_a_duplicate_before_the_pairing(tmp_path: Path) -> None:
    save_report(report("某县财政局", 2022), tmp_path / "a2022.docx")
    save_report(report("某县财政局", 2023), tmp_path / "b2023.docx")
    save_report(report("某县财政局", 2023), tmp_path / "c2023.docx")
    lines = run_app("check", tmp_path, timeout=300).stdout.splitlines()
    notes = [line.strip() for line in lines if line.startswith("  ") and ("注意" in line or "已对照" in line)]
    assert notes == ["注意：同一机关同一年度另有：c2023.docx", f"已对照上年报告：{tmp_path / 'a2022.docx'}",
                     "注意：同一机关同一年度另有：b2023.docx", f"已对照上年报告：{tmp_path / 'a2022.docx'}"], notes
    out = run_app("check", tmp_path, "--xlsx", tmp_path / "汇总.xlsx", timeout=300)
    assert out.returncode in (0, 1) and not out.stderr, out.stderr  # 1: errors found, none unreadable
    sheet = openpyxl.load_workbook(tmp_path / "汇总.xlsx")["汇总"]
    head = [c.value for c in sheet[1]]
    assert head.index("备注") < head.index("对照上年报告")
    got = {r[0]: dict(zip(head, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert got["b2023.docx"]["备注"] == "同一机关同一年度另有：c2023.docx"
    assert got["b2023.docx"]["对照上年报告"] == "a2022.docx"
