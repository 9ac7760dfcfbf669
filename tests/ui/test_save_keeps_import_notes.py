"""Saving in the editor keeps what the reader could not import (rev23 M3): a 2019-format report's
OLD-FORMAT (自然人5, the figure nowhere else) is still listed after 保存, and after reopening the
saved file; filling the rows as it asks makes it go, and it stays gone after another save."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.findings import LABEL_EDITED, OLD_FORMAT
from tests.thirdparty import Spec, build
from tests.ui.conftest import read_through, table, type_into
from ui.main_window import MainWindow


def olds(window: MainWindow) -> list[str]:
    return [f.message for f in window.state.findings if f.declared is OLD_FORMAT]


def test_save_and_reopen_keep_the_2019_rows_figure(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    source = build(Spec(old_2019_other="5", relabel={"信息内容": "项目"}), tmp_path / "2019格式.docx")
    assert window.docs.load(source)
    read_through(window)
    (message,) = olds(window)
    assert "自然人5" in message
    assert any(f.declared is LABEL_EDITED for f in window.state.findings)
    assert window.docs.save()
    saved = window.docs.path
    assert saved is not None and saved != source
    assert olds(window) == [message]
    assert not any(f.declared is LABEL_EDITED for f in window.state.findings)  # about the old file: gone
    from ui.findings import LOCATION_ROLE

    model = window.findings.proxy
    wheres = [model.index(i, 0).data(LOCATION_ROLE) for i in range(model.rowCount())]
    assert any(w.endswith("（打开时的文件中未导入）") for w in wheres) and not any(w.endswith("（打开时的文件）") for w in wheres)
    window.docs.state.report.import_findings = []  # as a fresh window: only the file can bring it back
    assert window.docs.load(saved)
    read_through(window)
    assert olds(window) == [message]
    (old,) = [f for f in window.state.findings if f.declared is OLD_FORMAT]
    cells = [c for u in old.until for c in u.cells]
    for ref, value in zip(cells, ("5", "0", "0"), strict=True):
        type_into(qtbot, table(window, ref.table), (ref.row, ref.col), value)
    assert olds(window) == []
    assert window.docs.save()
    assert window.docs.load(saved)
    read_through(window)
    assert olds(window) == []


def test_an_unplaced_rows_note_goes_once_its_figure_is_typed(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    """rev23 M7: the note asks no edit it can check; typing into its table ends it at the save."""
    from app.findings import ROW_UNPLACED
    from app.schema import T3_COL_NATURAL, T3_DISCLOSED, TABLE3

    spec = Spec(relabel={TABLE3.row_labels[T3_DISCLOSED]: "（一）其它特别情形甲乙丙"}, t3={(T3_DISCLOSED, 0): "7"})
    assert window.docs.load(build(spec, tmp_path / "他单位.docx"))
    read_through(window)
    assert [f for f in window.state.findings if f.declared is ROW_UNPLACED]
    assert window.docs.save()  # not yet entered: kept
    assert [f for f in window.state.findings if f.declared is ROW_UNPLACED]
    type_into(qtbot, table(window, "三"), (T3_DISCLOSED, T3_COL_NATURAL), "7")
    assert window.docs.save()
    assert not [f for f in window.state.findings if f.declared is ROW_UNPLACED]
    saved = window.docs.path
    assert saved is not None and window.docs.load(saved)
    read_through(window)
    assert not [f for f in window.state.findings if f.declared is ROW_UNPLACED]
