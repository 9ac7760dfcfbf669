"""Messages quoting a file's text name its invisible characters (app/visible.py): a C1 control
inside a figure is shown as ⟨U+0085⟩, never raw between the quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.checks import run_all
from app.reading import load_report
from app.schema import T3_COL_NATURAL, T3_NEW
from app.visible import visible
from tests.test_webcopy import page


@pytest.mark.parametrize(("text", "shown"), [
    ("21\x8506", "21⟨U+0085⟩06"),
    ("a\x00b\x1bc\x7f", "a⟨U+0000⟩b⟨U+001B⟩c⟨U+007F⟩"),
    ("2\u200b8\u00ad\u202e1", "2⟨U+200B⟩8⟨U+00AD⟩⟨U+202E⟩1"),
    ("行\u2028二\u2029", "行⟨U+2028⟩二⟨U+2029⟩"),
    ("商业\n企业\t", "商业\n企业\t"),  # a cell's second line stays a line
    ("\r\n=1+1", "\r\n=1+1"),
    ("某县　人民政府 \xa0办公室\ue000", "某县　人民政府 \xa0办公室\ue000"),  # spaces and a user-defined character are seen
])
def test_invisible_characters_are_named(text: str, shown: str) -> None:
    assert visible(text) == shown


def test_a_control_character_in_a_figure_is_named_in_its_message(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(page({(T3_NEW, T3_COL_NATURAL): "21\x8506"}), encoding="utf-8")
    r = load_report(path)
    messages = [f.message for f in [*r.import_findings, *run_all(r)] if "21" in f.message and "06" in f.message]
    assert messages and all("21⟨U+0085⟩06" in m and "\x85" not in m for m in messages), messages
