"""The PDF's text layer says what the page shows: every character of GB 2312 comes back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app.report import Paragraph, Report
from ui.printing import export_pdf


def gb2312() -> str:
    chars = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_every_gb2312_character_is_extracted_as_written(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = gb2312()
    report = Report(organ="某局", year=2023)
    report.sections["一"] = [Paragraph.plain(text[i : i + 400]) for i in range(0, len(text), 400)]
    export_pdf(report, tmp_path / "gb.pdf")
    out = subprocess.run(["pdftotext", "-raw", str(tmp_path / "gb.pdf"), "-"], capture_output=True,
                         text=True, check=True).stdout
    ideographs = "".join(c for c in out if "\u4e00" <= c <= "\u9fff" or "\u2e80" <= c <= "\u2fdf")
    start = ideographs.index(text[:20])  # after the title; page numbers are not ideographs
    got = ideographs[start : start + len(text)]
    assert [(a, b) for a, b in zip(text, got, strict=True) if a != b] == []
