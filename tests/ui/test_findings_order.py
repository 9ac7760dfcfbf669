"""The findings list is ordered by severity — errors, then warnings, then 提示 — and within each
in the order of the report (基本信息, 前言, 一 … 六; a part's text before its table).  After a
rollover the one actionable warning came after 25 提示 in check order (GUI tester s12 #6)."""

from __future__ import annotations

from pathlib import Path

from app.io import save_report
from app.report import Paragraph
from app.schema import T3_NEW, T3_OTHER_ROWS, T4_ROW, CellRef
from tests.helpers import zero_report
from ui.commands import set_cells_command
from ui.findings import FINDING_ROLE
from ui.main_window import MainWindow

REPEATED = "本机关认真落实政府信息公开工作要求，持续推进公开。"


def _listed(window: MainWindow) -> list[str]:
    proxy = window.findings.proxy
    return [proxy.index(r, 0).data(FINDING_ROLE).code for r in range(proxy.rowCount())]


def test_errors_then_warnings_then_hints_each_in_the_reports_order(window: MainWindow, tmp_path: Path) -> None:
    report = zero_report()  # no 成文日期: a warning about 基本信息
    report.sections["一"] = []  # a warning about 一
    report.sections["五"] = [Paragraph.plain(REPEATED), Paragraph.plain(REPEATED)]  # an error in 五
    report.sections["六"] = [Paragraph.plain("本年度共收到政府信息公开申请8件。本机关未收取信息处理费。")]  # one in 六
    report.set_value(CellRef("三", T3_OTHER_ROWS[0], 0), 5)  # 提示: 其他处理 high
    report.set_value(CellRef("三", T3_NEW, 0), 5)
    report.set_value(CellRef("二", 0, 0), None)  # a warning about 表二
    save_report(report, tmp_path / "报告.docx")
    assert window.docs.load(tmp_path / "报告.docx")
    listed = _listed(window)
    # In check order the warnings about 表二 and 一 came before the errors, 基本信息's last.
    assert listed == ["DUP-PARAGRAPH", "TEXT-TABLE-MISMATCH", "DATE-MISSING", "MISSING-SECTION",
                      "BLANK-CELL", "OTHER-HANDLING-HIGH"], listed
    severities = [window.findings.proxy.index(r, 0).data(FINDING_ROLE).severity for r in range(len(listed))]
    assert severities == sorted(severities, reverse=True)
    # An edit that adds a finding puts it in its place (a warning about 表四: after 表二's,
    # before the 提示), not at the end of the list.
    window.state.stack.push(set_cells_command(window.state, "清除", [(CellRef("四", T4_ROW, 0), None)]))
    assert _listed(window) == ["DUP-PARAGRAPH", "TEXT-TABLE-MISMATCH", "DATE-MISSING", "MISSING-SECTION",
                               "BLANK-CELL", "BLANK-CELL", "OTHER-HANDLING-HIGH"]
    fourth = window.findings.proxy.index(5, 0).data(FINDING_ROLE)
    assert fourth.location.section == "四"
