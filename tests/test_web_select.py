"""A drop-down list (<select>) shows its chosen option only (hostile15): the others appear when
the list is opened, never on the page.  “<select><option>1</option><option selected>37</option>
</select>” read 137, nothing said; a browser shows 37.  A list box (multiple, size above 1)
shows its options one under another, read as it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_webcopy import _cell_page


@pytest.mark.parametrize("cell", [
    "<select><option>1</option><option selected>37</option></select>",
    "<select><option selected>37</option><option>1</option></select>",
    "<select><option>37</option><option>1</option></select>",  # none chosen: the first
    "<select><option disabled>1</option><option>37</option></select>",  # …not disabled
    "<select><option selected>1</option><option selected>37</option></select>",  # the last chosen wins
    '<select><optgroup label="x"><option>1</option></optgroup><option selected>37</option></select>',
    '<select><option selected label="37">1</option><option>2</option></select>',  # its label is shown
    '<select size="1"><option>1</option><option selected>37</option></select>',
])
def test_a_drop_down_shows_its_chosen_option(tmp_path: Path, cell: str) -> None:
    value, _, hidden = _cell_page(tmp_path, cell)
    assert value == 37
    assert len(hidden) == 1 and "下拉列表中未选中的选项" in hidden[0], hidden


@pytest.mark.parametrize("cell", [
    "<select><option>37</option></select>",  # nothing else to choose: nothing unseen
    "<select multiple><option>37</option></select>",
    '<select size="3"><option>37</option></select>',
])
def test_a_list_shown_whole_is_read(tmp_path: Path, cell: str) -> None:
    value, _, hidden = _cell_page(tmp_path, cell)
    assert value == 37 and not hidden, hidden
