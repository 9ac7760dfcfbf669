"""忽略此问题 and 恢复此问题 as undo steps: they edit the dismissals stored with the report."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from app import dismissals
from app.findings import Finding
from ui.change import Change
from ui.reveal import Reveal
from ui.state import EditorState


class DismissalsCommand(QUndoCommand):
    """Replace the report's stored dismissals; undo puts the old list back."""

    def __init__(self, state: EditorState, text: str, after: list[dict[str, str]],
                 finding: Finding | None = None) -> None:
        super().__init__(text)
        self.state = state
        self.finding = finding  # the one dismissed or restored: where an undo of it points
        before = state.report.extras.get(dismissals.KEY)
        self._before = list(before) if isinstance(before, list) else []
        self._after = after

    def redo(self) -> None:
        dismissals.set_records(self.state.report, self._after)
        self.state.edited(Change())  # only the findings change

    def undo(self) -> None:
        dismissals.set_records(self.state.report, self._before)
        self.state.edited(Change())

    def reveal(self, undo: bool) -> Reveal:
        if self.finding is None:
            return Reveal(undo, self.text())
        return Reveal(undo, self.text(), self.finding.location, self.finding.message)


def dismiss(state: EditorState, finding: Finding, reason: str = "") -> bool:
    """忽略此问题: the finding leaves the counts and the marks, listed under 已忽略."""
    # The findings must be of the text the fingerprint reads: typing not yet written back, or
    # a huge report's text written back while its check still runs on a worker, would give the
    # old spans new text — a fingerprint of other words, dismissing nothing or something else.
    alike = _alike(finding)
    was = [f for f in state.findings if alike(f)]
    state.sync_text()
    # The checks may have run again while the reason was asked for (a pause in typing, an
    # autosave): the state then holds a new, equal finding, and that one is dismissed.
    current = next((f for f in state.findings if f is finding), None)
    if current is None:
        current = next((f for f in state.findings if f == finding), None)
    if current is None:  # moved by the text just synced (typed before it in its paragraph)
        now = [f for f in state.findings if alike(f)]
        # Only where it was, and is, the one finding saying this of this part: never another.
        current = now[0] if len(now) == 1 and was == [finding] else None
    if current is None:
        return False
    finding = current
    fingerprint = state.fingerprint(finding)
    if fingerprint is None:
        return False
    record = dismissals.dismissal(state.report, finding, fingerprint, reason)
    state.stack.push(DismissalsCommand(state, "忽略问题", dismissals.records_with(state.report, [record]), finding))
    return True


def _alike(finding: Finding) -> Callable[[Finding], bool]:
    """The same finding wherever it now is: its code, kind, part and message (a message quotes
    the words it is about)."""
    key = (finding.code, finding.kind, finding.location.section, finding.message)
    return lambda f: (f.code, f.kind, f.location.section, f.message) == key


def restore(state: EditorState, finding: Finding) -> bool:
    """恢复此问题: a dismissed finding counts again."""
    state.sync_text()  # as dismiss: the dismissed list of the text as it is now
    for f, d in state.dismissed:
        if f is finding or f == finding:
            after = dismissals.records_with(state.report, removed=frozenset({d.fingerprint}))
            state.stack.push(DismissalsCommand(state, "恢复问题", after, f))
            return True
    return False
