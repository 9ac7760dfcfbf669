"""SAME-AS-LAST-YEAR/figures (a warning: “仍是上年报告的句子和数字，请按本年的数字改写”) asks for this
year's statistics: not on a sentence whose only figures stand the same every year — 20个工作日, 第三十三条,
查阅点1个, 工作人员3人 (rev23 M6); those are at most the hint that a sentence is last year's."""

from __future__ import annotations

import pytest

from app.checks import run_all
from app.findings import SAME_FIGURES, SAME_SENTENCE
from app.lastyear import LastYear, attach
from app.report import Paragraph
from tests.test_dismissals import clean_report


def carried(sentence: str) -> list[str]:
    last = clean_report()
    last.year = 2023
    last.sections["一"] = [Paragraph.plain(sentence)]
    now = clean_report()
    now.sections["一"] = [Paragraph.plain(sentence)]
    attach(now, LastYear.from_report(last))
    return [f.kind for f in run_all(now) if f.declared in (SAME_FIGURES, SAME_SENTENCE) and f.location.section == "一"]


@pytest.mark.parametrize("sentence", [
    "在区政务服务中心设置政府信息公开查阅点1个，配备专职工作人员2名。",
    "严格按照条例规定的20个工作日期限答复申请人，确需延长的最长不超过20个工作日。",
    "本机关政府信息公开工作由办公室承担，共有工作人员3人。",
    "依照《条例》第33条的规定按时答复申请人。",
])
def test_standing_figures_are_a_hint_not_a_warning(sentence: str) -> None:
    assert carried(sentence) == [SAME_SENTENCE.kind]


@pytest.mark.parametrize("sentence", [
    "全年收到政府信息公开申请12件，均已按时办结。",
    "主动公开政府信息共计3500条，其中规范性文件5件。",
    "办理人大代表建议2件，按时办结率100%。",
    "全年信息公开工作经费2.5万元。",
])
def test_last_years_statistics_still_warn(sentence: str) -> None:
    assert carried(sentence) == [SAME_FIGURES.kind]
