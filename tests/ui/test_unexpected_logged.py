"""A save or an autosave that fails for no reason of the disk's (“写入时出现意外问题（TypeError）”)
puts Python's reason and traceback in the log, where support reads it; the user still sees one
line.  Under Xvfb an autosave once said only that in the status bar and the log held nothing
(gui23, shot 108).  A full or read-only disk is no fault: nothing logged."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import app.io as app_io
from app.schema import T3_CARRIED_IN, T3_COL_NATURAL
from tests.ui.conftest import SAMPLE, autosave_window, table, type_into
from ui.main_window import MainWindow


def broken_writer(monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    def write(*_args: object, **_kwargs: object) -> None:
        raise error
    real = app_io.atomic_write

    def atomic(target: Path, writer: object, *args: object, **kwargs: object) -> None:
        if Path(target).suffix == ".docx":
            return real(target, lambda _tmp: write(), *args, **kwargs)  # type: ignore[arg-type]
        return real(target, writer, *args, **kwargs)  # type: ignore[arg-type]
    monkeypatch.setattr(app_io, "atomic_write", atomic)


def edited(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "报告.docx"
    path.write_bytes(SAMPLE.read_bytes())
    assert window.docs.load(path)
    type_into(qtbot, table(window, "三"), (T3_CARRIED_IN, T3_COL_NATURAL), "2")


def test_an_autosave_failing_unexpectedly_is_logged(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    window = autosave_window(qtbot, tmp_path / "autosave")
    edited(qtbot, window, tmp_path)
    broken_writer(monkeypatch, TypeError("a writer's slip"))
    seen: list[str] = []
    window.docs.message.connect(seen.append)
    with caplog.at_level(logging.ERROR, logger="nianbao"):
        assert not window.docs.autosave(background=False)
    assert any("自动保存失败" in m and "TypeError" in m for m in seen), seen
    logged = [r for r in caplog.records if r.exc_info and isinstance(r.exc_info[1], TypeError)]
    assert logged and "a writer's slip" in caplog.text, caplog.text


def test_a_save_failing_unexpectedly_is_logged(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    edited(qtbot, window, tmp_path)
    broken_writer(monkeypatch, TypeError("a writer's slip"))
    with caplog.at_level(logging.ERROR, logger="nianbao"):
        assert not window.docs.save()
    assert window.errors and "TypeError" in window.errors[-1]  # type: ignore[attr-defined]
    assert any(r.exc_info and isinstance(r.exc_info[1], TypeError) for r in caplog.records), caplog.text


def test_the_disks_refusal_is_not_logged(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    edited(qtbot, window, tmp_path)
    broken_writer(monkeypatch, PermissionError(13, "Permission denied"))
    with caplog.at_level(logging.ERROR, logger="nianbao"):
        assert not window.docs.save()
    assert window.errors  # type: ignore[attr-defined]
    assert not [r for r in caplog.records if r.exc_info], caplog.text
