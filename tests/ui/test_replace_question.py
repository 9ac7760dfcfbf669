"""The save question before another report takes this window's place says which (rev25c O1): a
drop made by mistake answered 不保存 lost the typing under a box worded as the close box.  打开…
asks for the file first (取消 there asks nothing), 新建 and 从上年报告新建 say what comes instead,
closing keeps its own words."""

from __future__ import annotations

import shutil

from PySide6.QtWidgets import QMessageBox

from app.schema import T3_COL_NATURAL, T3_NEW
from tests.conftest import SAMPLE
from tests.test_lastyear import last_year
from tests.ui.conftest import table, type_into
from ui import questions


def _asked(window, qtbot, monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """The real question's text, answered 取消 (nothing replaced)."""
    texts: list[str] = []

    def exec_(box: QMessageBox) -> int:
        texts.append(box.text())
        return QMessageBox.StandardButton.Cancel
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    from ui.documents import DocumentController
    window.docs.ask_save_changes = lambda: DocumentController.ask_save_changes(window.docs)  # type: ignore[method-assign]
    type_into(qtbot, table(window, "三"), (T3_NEW, T3_COL_NATURAL), "5")
    return texts


def test_open_names_the_file_that_would_replace_the_report(window, qtbot, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    texts = _asked(window, qtbot, monkeypatch)
    other = tmp_path / "拖进来的.docx"
    shutil.copyfile(SAMPLE, other)
    assert not window.docs.open(other)  # a drop and 最近 go through open(path)
    assert len(texts) == 1 and texts[0].endswith("有尚未保存的修改。\n打开“拖进来的.docx”后，这个窗口中的报告将换成它。\n"
                                                 "是否先保存？"), texts
    assert window.state.is_modified() and window.docs.loading is None, "取消: the report stays, nothing read"


def test_open_asks_for_the_file_first(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    texts = _asked(window, qtbot, monkeypatch)
    window.docs.ask_open_path = lambda: ""  # type: ignore[method-assign]
    assert not window.docs.open()
    assert texts == [], "取消 in the file dialog: no save question about a report that stays"


def test_new_and_rollover_say_what_comes_instead_and_close_does_not(window, qtbot, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.io import save_report

    texts = _asked(window, qtbot, monkeypatch)
    assert not window.docs.new()
    assert "新建后，这个窗口中的报告将换成一份空白报告。" in texts[-1]
    path = tmp_path / "某局2023年报.docx"
    save_report(last_year(), path)
    assert not window.year_tools.last.rollover(path)
    assert "由“某局2023年报.docx”新建本年度报告后" in texts[-1]
    window.close()
    assert window.isVisible() and texts[-1].endswith("有尚未保存的修改。\n是否保存？"), "closing: replaced by nothing"
    assert questions.replaced_by(path) == "打开“某局2023年报.docx”后，这个窗口中的报告将换成它。"
    window.state.stack.setClean()
