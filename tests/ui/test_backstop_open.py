"""打开 of a risky file whose read would take minutes or all the memory (a stand-in reader in the
child, tests/backstop_standin.py): one message, and the report on screen — with what the user
typed — stays as it was (app/read_apart.py)."""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest

from app import backstop, read_apart
from tests import backstop_standin
from tests.ui.test_hostile_open import _typed, _untouched

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "xiaogang-2021.docx"

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGXCPU"), reason="rlimits are POSIX")


@pytest.mark.parametrize("name", ["spin.docx", "hog.docx", "die.docx"])
def test_a_read_past_the_limits_is_one_message_and_the_report_shown_stays(
        window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(read_apart, "_start", backstop_standin.start_window_child)
    monkeypatch.setattr(read_apart, "RISKY_XML_BYTES", 1000)  # the sample counts as risky here
    path = tmp_path / name
    shutil.copy(SAMPLE, path)
    _typed(window)
    with qtbot.waitSignal(window.docs.loadEnded, timeout=60000):
        window.docs.load_in_background(path)
    assert len(window.errors) == 1, window.errors
    said = window.errors[0]
    assert str(path) in said and "Traceback" not in said
    expected = {"spin.docx": backstop.too_slow(backstop_standin.CPU_S), "hog.docx": "内存",
                "die.docx": read_apart.KILLED}[name]
    assert expected in said
    assert _untouched(window)
