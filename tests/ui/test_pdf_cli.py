"""`python -m app export FILE --to OUT.pdf` with NIANBAO_PREFETCH=fork: on Linux the .docx is read
in a forked child while the process loads Qt (app.cli._export_pdf): the PDF, the messages and the
exit codes are those of the ordinary read in the same process (the default), and no child is left
behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app import prefetch
from tests.thirdparty import Spec, build
from tests.ui.printcheck import SAMPLE, needs_poppler, page_count, pdf_pages_text

ROOT = Path(__file__).resolve().parents[2]
forks = pytest.mark.skipif(not prefetch.supported(), reason="no fork here: the export reads in its own process")

# The export as `python -m app` runs it, then what the process holds: the reader's modules
# (imported by whoever read the file) and children not reaped.
PROBE = """
import json, os, runpy, sys
sys.argv = ["app", "export", sys.argv[1], "--to", sys.argv[2]]
try:
    runpy.run_module("app", run_name="__main__")
    code = 0
except SystemExit as e:
    code = e.code
try:
    left = os.waitpid(-1, os.WNOHANG) is not None
except ChildProcessError:
    left = False
print(json.dumps({"code": code, "left": left,
                  "reader": sorted(m for m in ("app.reading", "app.docx.reader", "lxml.etree") if m in sys.modules)}))
"""


def export(src: Path, dest: Path, how: str) -> tuple[dict[str, object], str]:
    """What PROBE printed, and the process's stderr."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_PREFETCH=how)
    done = subprocess.run([sys.executable, "-c", PROBE, str(src), str(dest)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


@forks
@needs_poppler
@pytest.mark.parametrize("kind", ["ours", "third-party"])
def test_the_pdf_read_in_a_child_is_the_pdf_read_in_the_process(tmp_path: Path, kind: str) -> None:
    src = SAMPLE if kind == "ours" else build(Spec(numbering="word", title_in_textbox=True),
                                              tmp_path / "third-party.docx")
    forked, alone = tmp_path / "forked.pdf", tmp_path / "alone.pdf"
    got_forked, _ = export(src, forked, "fork")
    got_alone, _ = export(src, alone, "off")
    # The child read it: this process never imported the reader (the probe sees it when it did).
    assert got_forked == {"code": 0, "left": False, "reader": []}
    assert got_alone == {"code": 0, "left": False, "reader": ["app.docx.reader", "app.reading", "lxml.etree"]}
    assert page_count(forked) == page_count(alone) >= 2
    assert pdf_pages_text(forked) == pdf_pages_text(alone)


@forks
def test_a_file_the_reader_refuses_is_its_own_message_either_way(tmp_path: Path) -> None:
    broken = tmp_path / "缺正文.docx"  # a .docx by its content types, its document.xml cut short
    with zipfile.ZipFile(SAMPLE) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    noise = tmp_path / "坏.docx"  # a zip's magic, then noise: the child gives up, the process reads it
    noise.write_bytes(b"PK\x03\x04" + os.urandom(2000))
    for src in (broken, noise, tmp_path / "不存在.docx"):
        out = {how: tmp_path / f"{how}.pdf" for how in ("fork", "off")}
        (got_forked, err_forked), (got_alone, err_alone) = (export(src, out[how], how) for how in ("fork", "off"))
        assert got_forked["code"] == got_alone["code"] == 2 and not got_forked["left"], src.name
        assert err_forked == err_alone and err_alone.startswith("错误：") and src.name in err_alone, src.name
        assert err_alone.count("\n") == 1, err_alone
        assert not any(p.exists() for p in out.values()), "nothing written"


@forks
def test_the_child_is_forked_only_when_asked_and_never_beside_threads() -> None:
    """Not by default (it cost more CPU than it saved on the 2-core machine); never in a process
    that already runs threads or Qt."""
    code = """
import json, os, threading
from app import cli
got = {}
for how in ("", "fork", "off", "spawn"):
    os.environ["NIANBAO_PREFETCH"] = how
    got[how] = cli._fork_worth_it()
os.environ["NIANBAO_PREFETCH"] = "fork"
t = threading.Thread(target=threading.Event().wait, args=(5,), daemon=True)
t.start()
got["thread"] = cli._fork_worth_it()
print(json.dumps(got))
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"": False, "fork": True, "off": False, "spawn": False,
                                                                 "thread": False}
