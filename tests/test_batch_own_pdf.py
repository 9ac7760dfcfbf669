"""Our own 导出PDF beside its report is no second report in a reviewer's batch (rev25c P2, its PDF
half): exported into the folder under review, it came back as another report of the same organ
and year, noted “同一机关同一年度另有…”.  Passed over when it is ours (the Creator our export writes)
and was exported after the report's last save — the same report; one older than the report's
last change is checked, since what was published may differ and the duplicate note shows it; a
PDF another program wrote is checked as any report."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from app import batch, ownfiles
from app.io import save_report
from app.reading import load_report
from tests.conftest import SAMPLE
from tests.helpers import run_app
from tests.pdfmake import our_pdf
from tests.test_batch import report


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample as our .docx and its 导出PDF, made once (one export process)."""
    folder = tmp_path_factory.mktemp("made")
    save_report(load_report(SAMPLE), folder / "小港.docx")
    our_pdf(folder / "小港.docx", folder / "小港.pdf")
    return folder


def _folder(root: Path, exported: Path, pdf_name: str = "小港.pdf") -> Path:
    root.mkdir()
    shutil.copy2(exported / "小港.docx", root / "小港.docx")
    shutil.copy2(exported / "小港.pdf", root / pdf_name)
    save_report(report("某县教育局", 2024), root / "教育局.docx")
    later = (root / "小港.docx").stat().st_mtime + 60
    os.utime(root / pdf_name, (later, later))  # exported after the report's last save
    return root


def test_our_pdf_exported_after_the_last_save_is_passed_over(tmp_path: Path, exported: Path) -> None:
    root = _folder(tmp_path / "收到的年报", exported)
    b = batch.run([root], jobs=1)
    assert sorted(Path(r.path).name for r in b.checked) == ["小港.docx", "教育局.docx"]
    assert all(not r.duplicates for r in b.checked), "no second report of the same organ and year"
    (over,) = b.passed_over()
    assert Path(over.path).name == "小港.pdf" and over.reason == ownfiles.EXPORT_REASON and batch.is_own_file(over)
    out = run_app("check", root, timeout=300)
    assert "本程序导出的PDF 1 个未检查" in out.stdout, out.stdout + out.stderr


def test_a_pdf_older_than_the_reports_last_change_is_checked(tmp_path: Path, exported: Path) -> None:
    root = _folder(tmp_path / "收到的年报", exported)
    later = (root / "小港.pdf").stat().st_mtime + 60
    os.utime(root / "小港.docx", (later, later))  # the report saved again since: the PDF may differ
    names = sorted(Path(r.path).name for r in batch.run([root], jobs=1).checked)
    assert names == ["小港.docx", "小港.pdf", "教育局.docx"]


def test_a_pdf_not_ours_or_of_another_name_is_checked(tmp_path: Path, exported: Path) -> None:
    root = _folder(tmp_path / "别人的", exported)
    pdf = root / "小港.pdf"
    data = pdf.read_bytes()
    mark = b"/Creator (\xfe\xff" + ownfiles.PDF_CREATOR.encode("utf-16-be") + b")"
    assert mark in data[:4096], "our export names itself where the batch looks"
    stamp = pdf.stat().st_mtime
    pdf.write_bytes(data.replace(mark, b"/Creator (\xfe\xff" + "金山文档".encode("utf-16-be") + b")"))
    os.utime(pdf, (stamp, stamp))
    assert "小港.pdf" in [Path(r.path).name for r in batch.run([root], jobs=1).checked]
    alone = _folder(tmp_path / "另名", exported, pdf_name="小港（公开版）.pdf")
    assert "小港（公开版）.pdf" in [Path(r.path).name for r in batch.run([alone], jobs=1).checked]
