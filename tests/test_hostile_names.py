"""File names chosen by whoever sent the file, handed to another program: LibreOffice converts an
old or foreign format (.doc, .wps, .rtf, .odt) and takes every argument that begins with "-" as
its own option.  Named relatively (`check .` in the folder, `check *.rtf`), a file called
"-env:UserInstallation=file:x.rtf" replaced the private profile that keeps LibreOffice off the
network and its macros off (app/office.py LOCKDOWN); "--version.rtf" failed the conversion.  The
file and the output folder go to LibreOffice by absolute paths."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import office
from tests.pdfmake import needs_soffice

ROOT = Path(__file__).resolve().parents[1]
NAMES = ["-env:UserInstallation=file:另一配置.rtf", "--version.rtf", "-o.rtf"]
RTF = b"{\\rtf1\\ansi \\u19968?\\u12289?\\u24635?\\u20307?\\u24773?\\u20917?\\par}"  # 一、总体情况: no report


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script stands in for LibreOffice")
@pytest.mark.parametrize("name", NAMES)
def test_a_name_like_an_option_reaches_libreoffice_as_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            name: str) -> None:
    """What LibreOffice is given, recorded by a stand-in: the file is the last argument, whole and
    absolute, and no argument but ours begins with "-".  The file given is the copy the converter
    makes through one opening that never waits (app/office.py ``_own_copy``): the same name and
    bytes, in the output folder."""
    argv = tmp_path / "argv"
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '{argv}'\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(office, "soffice", lambda: str(fake))
    folder = tmp_path / "收到的年报"
    folder.mkdir()
    (folder / name).write_bytes(RTF)
    monkeypatch.chdir(folder)
    assert office.convert(Path(name), "docx", Path("out")) is None  # the stand-in converts nothing
    given = argv.read_text(encoding="utf-8").splitlines()
    given_file = Path(given[-1])
    assert given_file.is_absolute() and given_file.name == name and given_file.parent.parent == folder / "out"
    assert given_file.read_bytes() == RTF
    assert Path(given[given.index("--outdir") + 1]).is_absolute()
    ours = {"--headless", "--norestore", "--nolockcheck", "--convert-to", "--outdir"}
    assert all(a in ours or a.startswith("-env:UserInstallation=file:///") for a in given if a.startswith("-")), given


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="soffice not installed")
def test_files_named_like_options_are_converted_in_a_batch_of_the_current_folder(tmp_path: Path) -> None:
    """`check .` where the files are: each converted and read (here: no report, passed over),
    none unreadable, none waiting out the conversion's time limit under another profile."""
    folder = tmp_path / "收到的年报"
    folder.mkdir()
    for name in NAMES:
        (folder / name).write_bytes(RTF)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "app", "check", ".", "--jobs", "1"], cwd=folder, env=env,
                         capture_output=True, text=True, timeout=300)
    # no report among them: exit 3 and that one line (rev23b L2), never 2 nor a traceback
    assert out.stderr == f"文件夹中没有找到年报：{folder}\n", out.stderr
    assert out.returncode == 3 and "无法读取 0 份" in out.stdout, out.stdout
    assert f"另有 {len(NAMES)} 个非年报文件未检查" in out.stdout, out.stdout
    assert sorted(os.listdir(folder)) == sorted(NAMES)  # nothing left beside them
