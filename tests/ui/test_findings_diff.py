"""The findings list follows each run of the checks row by row: whatever came, went or changed,
the rows end as the state's findings, in order, through inserts, removals and dataChanged
(checked by Qt's model tester), never a reset."""

from __future__ import annotations

import random

from PySide6.QtCore import QObject

from app.findings import Finding, Location, Severity
from app.schema import CellRef
from ui.findings import FINDING_ROLE, FindingsModel


class _State(QObject):
    """What the model reads of the editor's state."""

    def __init__(self) -> None:
        super().__init__()
        self.findings: list[Finding] = []
        self.dismissed: list[tuple[Finding, object]] = []


def _finding(n: int, message: str) -> Finding:
    return Finding("T3-COLUMN-BALANCE", Severity.ERROR, Location("三", (CellRef("三", n % 20, n % 6),)), message)


def test_random_runs_end_as_the_state_says(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(7)
    state = _State()
    model = FindingsModel(state)  # type: ignore[arg-type]
    qtmodeltester.check(model, force_py=True)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    pool = list(range(40))
    for _ in range(200):
        chosen = rng.sample(pool, rng.randint(0, 25))
        state.findings = [_finding(n, f"相差{n if rng.random() < 0.8 else n + 100}") for n in chosen]
        model.reload()
        shown = [model.index(r).data(FINDING_ROLE) for r in range(model.rowCount())]
        assert shown == state.findings
        assert all(a is b for a, b in zip(shown, state.findings, strict=True)), "the state's objects"
    assert resets == []


def test_a_message_that_changes_keeps_its_row_and_is_redrawn(qtbot) -> None:  # type: ignore[no-untyped-def]
    state = _State()
    model = FindingsModel(state)  # type: ignore[arg-type]
    state.findings = [_finding(1, "相差1"), _finding(2, "相差2"), _finding(3, "相差3")]
    model.reload()
    changed: list[int] = []
    inserted: list[int] = []
    model.dataChanged.connect(lambda a, b, _roles=(): changed.extend(range(a.row(), b.row() + 1)))
    model.rowsInserted.connect(lambda _p, first, last: inserted.extend(range(first, last + 1)))
    state.findings = [_finding(1, "相差1"), _finding(2, "相差20"), _finding(3, "相差3")]
    moved, texts = model.reload()
    assert (moved, changed, inserted) == (False, [1], [])
    assert texts[0][1] == "相差2" and texts[1][1] == "相差20", "before and after, for the panel to measure"


def test_neighbouring_changed_rows_are_redrawn_with_one_signal(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A table figure stated in many sentences changes many messages at once: each run of
    neighbouring rows is one dataChanged, and exactly the changed rows are in them."""
    state = _State()
    model = FindingsModel(state)  # type: ignore[arg-type]
    state.findings = [_finding(n, f"相差{n}") for n in range(8)]
    model.reload()
    ranges: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, _roles=(): ranges.append((a.row(), b.row())))
    state.findings = [_finding(n, f"相差{n + 100 if n in (1, 2, 3, 5, 7) else n}") for n in range(8)]
    assert model.reload() == (False, [t for n in (1, 2, 3, 5, 7) for t in
                                      ((_finding(n, "").location.describe(), f"相差{n}"),
                                       (_finding(n, "").location.describe(), f"相差{n + 100}"))])
    assert ranges == [(1, 3), (5, 5), (7, 7)]
    assert [model.index(r).data(FINDING_ROLE) for r in range(8)] == state.findings
