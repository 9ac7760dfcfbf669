"""Files the user may not read and folders they may not write, as an ordinary user meets them
(the tests run as root in CI, where permissions do not stop anything: the reading and
writing happen in a forked child that has given up root).  One Chinese line, never the
system's English words, nothing written."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.errors import ReadError, WriteError
from app.io import save_report
from app.reading import load_report
from tests.conftest import SAMPLE

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and fork")
NOBODY = 65534


def as_user(work: Callable[[], str]) -> str:
    """``work()`` run by an ordinary user (a forked child dropping root when it has it)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(r)
        try:
            if os.geteuid() == 0:
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            out = {"ok": work()}
        except BaseException as e:
            out = {"error": type(e).__name__, "message": str(e)}
        os.write(w, json.dumps(out, ensure_ascii=False).encode())
        os._exit(0)
    os.close(w)
    data = b""
    while chunk := os.read(r, 65536):
        data += chunk
    os.close(r)
    os.waitpid(pid, 0)
    result = json.loads(data)
    if "error" in result:
        raise {"ReadError": ReadError, "WriteError": WriteError}.get(result["error"], RuntimeError)(result["message"])
    return str(result["ok"])


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder an ordinary user can enter (pytest's tmp_path is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="nianbao-perm-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_file_without_read_permission(shared: Path) -> None:
    path = shared / "他人的 报告.docx"
    shutil.copyfile(SAMPLE, path)
    path.chmod(0o000)
    load_report(SAMPLE)  # the readers imported before the child drops root
    with pytest.raises(ReadError) as err:
        as_user(lambda: load_report(path).organ)
    assert str(err.value) == f"{path}：没有读取权限，无法读取（文件可能正被其他程序独占打开，或权限设置不允许）"


def test_a_file_in_a_folder_without_permission(shared: Path) -> None:
    folder = shared / "锁住"
    folder.mkdir()
    path = folder / "报告.docx"
    shutil.copyfile(SAMPLE, path)
    folder.chmod(0o700)
    with pytest.raises(ReadError) as err:
        as_user(lambda: load_report(path).organ)
    assert "没有读取权限" in str(err.value) and "\n" not in str(err.value)


def test_the_same_file_readable_reads(shared: Path) -> None:
    path = shared / "报告.docx"
    shutil.copyfile(SAMPLE, path)
    path.chmod(0o644)
    assert as_user(lambda: load_report(path).organ) == "宁波市北仑区人民政府小港街道办事处"


def test_saving_into_a_read_only_folder(shared: Path, tmp_path: Path) -> None:
    save_report(load_report(SAMPLE), tmp_path / "warm.docx")  # the writer imported before root is dropped
    folder = shared / "只读"
    folder.mkdir()
    folder.chmod(0o555)
    target = folder / "报告.docx"
    report = load_report(SAMPLE)
    with pytest.raises(WriteError) as err:
        as_user(lambda: str(save_report(report, target)))
    assert str(err.value) == f"{target}：没有写入权限（文件可能正在 Word/WPS 中打开，或文件夹只读）"
    assert not target.exists() and list(folder.iterdir()) == []
