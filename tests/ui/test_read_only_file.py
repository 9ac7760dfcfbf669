"""A file that cannot be saved where it is (a read-only file, a read-only folder: a CD, a share
without write rights) says so from the moment it is opened, as Word's [只读]; 保存 goes to 另存为
with the reason (from the GUI test: such a file opened showing “已保存” and nothing else)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.io import Unwritable, save_report, unwritable_reason
from app.reading import load_report
from app.schema import T3_COL_NATURAL, T3_NEW, CellRef
from tests.test_permissions import as_user, shared  # noqa: F401 - the fixture
from tests.ui.conftest import SAMPLE, table, type_into

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@pytest.fixture
def locked_file(tmp_path: Path):  # type: ignore[no-untyped-def]
    folder = tmp_path / "只读文件夹"
    folder.mkdir()
    path = folder / "报告.docx"
    save_report(load_report(SAMPLE), path)
    path.chmod(0o444)
    folder.chmod(0o555)
    yield path
    folder.chmod(0o755)
    path.chmod(0o644)


def test_the_reasons(shared: Path, tmp_path: Path) -> None:  # noqa: F811
    writable = tmp_path / "a.docx"
    writable.write_bytes(b"x")
    assert unwritable_reason(writable) is None
    assert unwritable_reason(tmp_path / "not yet.docx") is None
    writable.chmod(0o444)
    assert unwritable_reason(writable) is Unwritable.FILE and f"{Unwritable.FILE}" == "文件是只读的"
    folder = shared / "只读"
    folder.mkdir()
    inside = folder / "报告.docx"
    inside.write_bytes(b"x")
    inside.chmod(0o666)
    folder.chmod(0o555)
    try:  # an ordinary user: root writes into any folder
        assert as_user(lambda: str(unwritable_reason(inside))) == "所在文件夹是只读的"
    finally:
        folder.chmod(0o755)


def test_a_read_only_file_says_so_and_saving_goes_to_save_as(window, qtbot, tmp_path: Path, locked_file: Path) -> None:  # type: ignore[no-untyped-def]
    said: list[str] = []
    window.docs.message.connect(said.append)
    original = locked_file.read_bytes()
    assert window.docs.load(locked_file)
    assert "（只读）" in window.windowTitle()
    assert "只读" in window.saved_label.text()
    assert "只读" in window.saved_label.toolTip()
    assert any("只读" in s and "另存为" in s for s in said), said
    type_into(qtbot, table(window, "三"), (T3_NEW, T3_COL_NATURAL), "9")
    asked: list[int] = []
    elsewhere = tmp_path / "副本.docx"
    window.docs.ask_save_path = lambda: asked.append(1) or str(elsewhere)  # type: ignore[method-assign]
    assert window.docs.save()
    assert asked == [1], "保存 asks where (另存为)"
    assert len(window.errors) == 1 and "只读" in window.errors[0] and "另存为" in window.errors[0]
    assert locked_file.read_bytes() == original
    assert load_report(elsewhere).value(CellRef("三", T3_NEW, T3_COL_NATURAL)) == 9
    assert window.docs.path == elsewhere
    assert "（只读）" not in window.windowTitle() and window.saved_label.text() == "已保存"


def test_cancelling_save_as_keeps_the_edits(window, qtbot, locked_file: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(locked_file)
    type_into(qtbot, table(window, "三"), (T3_NEW, T3_COL_NATURAL), "9")
    window.docs.ask_save_path = lambda: ""  # type: ignore[method-assign]
    assert not window.docs.save()
    assert window.isWindowModified() and "（只读）" in window.windowTitle()


def test_a_read_only_disk_is_named_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file on a read-only mount keeps its write bits; the reason is the disk, not the file
    (from the GUI test: a CD's file was called 只读 and its user told to clear the attribute)."""
    path = tmp_path / "报告.docx"
    path.write_bytes(b"x")
    real = os.statvfs

    class Mounted:
        def __init__(self, got: os.statvfs_result) -> None:
            self.f_flag = got.f_flag | os.ST_RDONLY

    monkeypatch.setattr(os, "statvfs", lambda p: Mounted(real(p)))
    assert unwritable_reason(path) is Unwritable.DISK
    monkeypatch.setattr(os, "statvfs", real)
    assert unwritable_reason(path) is None


def test_save_as_never_suggests_the_refused_place(tmp_path: Path) -> None:
    from ui.questions import save_elsewhere

    path = tmp_path / "只读" / "报告.docx"
    assert save_elsewhere(path, Unwritable.FILE) == path.with_name("报告（修订）.docx")
    assert save_elsewhere(path, Unwritable.FOLDER, tmp_path / "文档") == tmp_path / "文档" / "报告.docx"
    assert save_elsewhere(path, Unwritable.DISK, tmp_path / "文档") == tmp_path / "文档" / "报告.docx"
    assert save_elsewhere(path, None) is None and save_elsewhere(None, Unwritable.FILE) is None


def test_save_as_after_a_read_only_save_offers_another_name(window, qtbot, locked_file: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui import filedialogs

    assert window.docs.load(locked_file)
    type_into(qtbot, table(window, "三"), (T3_NEW, T3_COL_NATURAL), "9")
    offered: list[str] = []
    monkeypatch.setattr(filedialogs, "get_save_path", lambda parent, title, suggested, f: offered.append(str(suggested)) or "")
    assert type(window.docs).ask_save_path(window.docs) == ""  # the real one (the fixture stubs it)
    assert offered == [str(locked_file.with_name("报告（修订）.docx"))]


@pytest.mark.parametrize(("name", "there", "expected"), [
    ("报告（修订）.docx", [], "报告（修订2）.docx"),  # the reviewer's: 另存为 proposed 报告（修订）（修订）
    ("报告.docx", ["报告（修订）.docx"], "报告（修订2）.docx"),  # last time's revision not offered to overwrite
])
def test_save_as_from_a_read_only_revision_counts_on(window, qtbot, tmp_path: Path, monkeypatch,  # type: ignore[no-untyped-def]
                                                     name: str, there: list[str], expected: str) -> None:
    from ui import filedialogs

    folder = tmp_path / "只读"
    folder.mkdir()
    path = folder / name
    save_report(load_report(SAMPLE), path)
    for other in there:
        (folder / other).write_bytes(b"x")
    path.chmod(0o444)
    try:
        assert window.docs.load(path)
        type_into(qtbot, table(window, "三"), (T3_NEW, T3_COL_NATURAL), "9")
        offered: list[str] = []
        monkeypatch.setattr(filedialogs, "get_save_path",
                            lambda parent, title, suggested, f: offered.append(str(suggested)) or "")
        assert type(window.docs).ask_save_path(window.docs) == ""  # the real one (the fixture stubs it)
    finally:
        path.chmod(0o644)
    assert offered == [str(folder / expected)]


def test_saving_an_unchanged_read_only_file_raises_no_alarm(window, qtbot, locked_file: Path) -> None:  # type: ignore[no-untyped-def]
    said: list[str] = []
    window.docs.message.connect(said.append)
    assert window.docs.load(locked_file)
    window.docs.ask_save_path = lambda: pytest.fail("nothing to save: no 另存为")  # type: ignore[method-assign]
    assert window.docs.save()
    assert window.errors == [] and said[-1] == "没有需要保存的修改（文件是只读的）"
