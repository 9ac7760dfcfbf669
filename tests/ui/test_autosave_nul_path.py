"""A recovery description naming a file no system can have (a NUL in its path: a damaged
autosave-*.json) is a copy of no known file: 恢复 restores it instead of raising in the owner
lock at every start, the copy never released (rev25b S9)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.schema import T3_NEW, CellRef
from tests.ui.conftest import autosave_window
from tests.ui.test_autosave_state_times import crashed_slot
from ui import autosave


def test_a_nul_in_the_description_path_restores_the_copy(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "autosave"
    crashed_slot(folder, {"path": "/tmp/a\u0000b.docx", "source": "C:\\报告\u0000.doc"})
    [slot] = autosave.crashed_slots(folder)
    info = slot.info()
    slot.release()
    assert info.path == "" and info.source == "", "no file named: the copy is offered as a new report"
    win = autosave_window(qtbot, folder)
    errors: list[str] = []
    win.docs.show_error = lambda title, text: errors.append(text)  # type: ignore[method-assign]
    win.docs.ask_restore = lambda _info: True  # type: ignore[method-assign]
    win.docs.offer_restore()
    assert errors == [] and win.docs.path is None
    assert win.state.report.value(CellRef("三", T3_NEW, 0)) is not None or win.state.report.organ, "the copy is open"
    assert win.state.is_modified(), "restored work is unsaved until saved"
