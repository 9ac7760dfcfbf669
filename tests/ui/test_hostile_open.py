"""The window over every hostile or unusual class (tests/hostile.py GALLERY): 打开 (on this
thread and in the background), 从上年报告新建 and 与上年报告对照.  A file opens, or one message
says why and the report on screen — with what the user typed — stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.lastyear import attached
from app.schema import CellRef
from tests.hostile import EXTRA, GALLERY, PASSED_OVER, READ, gallery
from tests.ui.conftest import read_through

KINDS = [*GALLERY, *EXTRA]
TYPED = CellRef("三", 0, 0)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    return gallery(tmp_path_factory.mktemp("gallery"))


def _typed(window) -> None:  # type: ignore[no-untyped-def]
    window.state.report.organ = "正在编辑的机关"
    window.state.report.set_value(TYPED, 42)


def _untouched(window) -> bool:  # type: ignore[no-untyped-def]
    return window.state.report.organ == "正在编辑的机关" and window.state.report.value(TYPED) == 42


@pytest.mark.parametrize("kind", KINDS)
def test_open(window, files, kind: str) -> None:  # type: ignore[no-untyped-def]
    path, expect = files[kind]
    _typed(window)
    opened = window.docs.load(path)
    if expect == READ:
        assert opened and window.errors == [] and window.state.report.organ
    else:
        assert not opened and len(window.errors) == 1, window.errors
        assert str(path) in window.errors[0] and expect in window.errors[0] and "Traceback" not in window.errors[0]
        assert _untouched(window)


@pytest.mark.parametrize("kind", ["encrypted-docx", "zip-bomb", "billion-laughs", "docx-named-txt", "xlsx-named-docx"])
def test_open_in_the_background(window, qtbot, files, kind: str) -> None:  # type: ignore[no-untyped-def]
    path, expect = files[kind]
    _typed(window)
    with qtbot.waitSignal(window.docs.loadEnded, timeout=30000):
        window.docs.load_in_background(path)
    if expect == READ:
        assert window.errors == [] and window.state.report.organ not in ("", "正在编辑的机关")
    else:
        assert len(window.errors) == 1 and expect in window.errors[0], window.errors
        assert _untouched(window)


@pytest.mark.parametrize("kind", KINDS)
def test_last_year_tools(window, files, kind: str) -> None:  # type: ignore[no-untyped-def]
    """从上年报告新建 and 与上年报告对照 with the class as last year's report."""
    path, expect = files[kind]
    _typed(window)
    last = window.year_tools.last
    last.confirm_not_last_year = lambda *_a: True
    assert last.attach(path)  # read in the background
    read_through(window)
    if expect == READ:
        assert attached(window.state.report) is not None and window.errors == []
        assert window.state.report.value(TYPED) == 42
    else:
        assert attached(window.state.report) is None
        assert len(window.errors) == 1 and expect in window.errors[0], window.errors
        assert _untouched(window)
        assert last.rollover(path)
        read_through(window)
        assert len(window.errors) == 2 and _untouched(window)


def test_batch_check_of_a_folder_of_them(qtbot, files) -> None:  # type: ignore[no-untyped-def]
    """批量检查: each unreadable file one row saying why, the readable ones checked, a file that is
    no report (a memo without tables) passed over: listed on request, saying why."""
    from ui.batch_model import COLUMNS
    from ui.batch_window import BatchWindow

    folder = next(iter(files.values()))[0].parent
    w = BatchWindow(jobs=2)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.finished, timeout=120000):
        w.start([folder])
    w.show_passed_over.setChecked(True)
    got = {}
    for r in range(w.proxy.rowCount()):
        cells = {COLUMNS[c]: w.proxy.index(r, c).data() for c in range(len(COLUMNS))}
        got[cells["文件"]] = cells
    for kind, (path, expect) in files.items():
        if kind == "folder-named-docx":
            continue
        row = got[path.name]
        if kind in PASSED_OVER:
            assert row["机关名称"] == "（未检查：不是年报）" and expect in row["第一个问题"], (kind, row)
        elif expect == READ:
            assert row["机关名称"] not in ("", "（无法读取）", "（未检查：不是年报）"), (kind, row)
        else:
            assert row["机关名称"] == "（无法读取）" and expect in row["第一个问题"], (kind, row)
