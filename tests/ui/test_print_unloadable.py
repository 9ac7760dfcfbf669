"""打印 and 导出PDF whose modules will not load say so in Chinese, Python's reason into the log.

Updated on disk while it ran, the editor's 导出PDF said “打印组件未能加载（cannot import name
'UNWRITABLE' from 'app.plan' (/work/…/app/plan.py)），请重新安装本程序” (gui22 under Xvfb, shot 48):
English and a path in front of the user; so would a missing system print library."""

from __future__ import annotations

import logging
import re
import sys

import pytest

from ui.main_window import MainWindow


@pytest.mark.parametrize("module, act", [("ui.print_pdf", "export_pdf"), ("ui.printing", "print_report")])
def test_unloadable_printing_is_said_in_chinese(window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                                caplog: pytest.LogCaptureFixture, module: str, act: str) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # import raises ImportError, as a broken install's would
    window.errors.clear()  # type: ignore[attr-defined]
    with caplog.at_level(logging.ERROR, logger="nianbao.editor"):
        assert not getattr(window.output, act)()
    said = window.errors  # type: ignore[attr-defined]
    assert len(said) == 1 and "打印组件未能加载" in said[0], said
    text = said[0].split("原因已记入日志文件")[0]
    assert not re.search(r"[A-Za-z]", text), f"English before the user: {said[0]}"
    assert any(module in r.getMessage() or (r.exc_info and module in str(r.exc_info[1])) for r in caplog.records), \
        "the reason in the log"
